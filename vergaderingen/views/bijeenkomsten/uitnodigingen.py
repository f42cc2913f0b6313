"""Invitations: the organiser's page that invites people, and the invitee's personal page (no login: the signed link
is the proof) where they register for sessions, see and cancel their registration, until the deadline."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views import View

from regioportaal.permissions import NotAllowed
from regioportaal.views import PageView, form_errors_from

from ... import selectors, services
from ...forms import InschrijvingForm
from ...forms_bijeenkomsten import UitnodigingForm
from ...models import KeuzeStatus
from .._gedeeld import _message_from
from .dag import _OrganiserMixin


class UitnodigingenView(_OrganiserMixin, PageView):
    """Invite officials of the member governments (picked from their seats, or typed), and see who registered."""

    template_name = "vergaderingen/bijeenkomst_uitnodigingen.html"

    def get_form(self, data=None):
        uitnodigingen = selectors.uitnodigingen_van(self.bijeenkomst)
        uitgenodigd = {u.email for u in uitnodigingen}
        kandidaten = [
            k
            for k in selectors.uitnodiging_kandidaten(self.bijeenkomst.regio)
            if k.persoon.email.strip().lower() not in uitgenodigd
        ]
        return uitnodigingen, UitnodigingForm(data, bijeenkomst=self.bijeenkomst, kandidaten=kandidaten)

    def get_context_data(self, form=None, **kwargs):
        uitnodigingen, nieuw_form = self.get_form()
        return super().get_context_data(
            bijeenkomst=self.bijeenkomst,
            uitnodigingen=uitnodigingen,
            open=services.inschrijving_open(self.bijeenkomst),
            form=form or nieuw_form,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        _uitnodigingen, form = self.get_form(request.POST)
        if form.is_valid():
            try:
                nieuw, al = services.invite(
                    self.bijeenkomst,
                    personen=form.personen_gekozen(),
                    adressen=form.adressen(),
                    door=request.user,
                )
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                if nieuw:
                    messages.success(
                        request,
                        _("%(n)s uitnodiging(en) verstuurd: %(namen)s.")
                        % {"n": len(nieuw), "namen": ", ".join(u.naam for u in nieuw)},
                    )
                if al:
                    messages.info(
                        request,
                        _("Al uitgenodigd (niet opnieuw verstuurd): %(namen)s.")
                        % {"namen": ", ".join(u.naam for u in al)},
                    )
                return redirect("vergaderingen:uitnodigingen", pk=self.bijeenkomst.pk)
        return self.render_to_response(self.get_context_data(form=form), status=422)


class _TokenMixin:
    """The invitation of the signed link in the URL, or 404 (tampered, foreign or withdrawn). Never cached."""

    def dispatch(self, request, *args, **kwargs):
        self.uitnodiging = services.uitnodiging_van(kwargs["token"])
        if self.uitnodiging is None:
            raise Http404
        self.bijeenkomst = self.uitnodiging.bijeenkomst
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response


class UitnodigingView(_TokenMixin, PageView):
    """The invitee's page: the day, their registration, or the form to register (until the deadline: 410 after)."""

    template_name = "vergaderingen/bijeenkomst_uitnodiging.html"

    def get_context_data(self, form=None, **kwargs):
        blokken = selectors.programma(self.bijeenkomst)
        inschrijving = services.inschrijving_van(self.uitnodiging)
        if inschrijving is not None:
            inschrijving.gekozen = list(
                inschrijving.keuzes.select_related("werksessie__blok").order_by("blok__begin")
            )
        elif form is None:
            form = InschrijvingForm(
                bijeenkomst=self.bijeenkomst, blokken=blokken, initial={"bestuur": self.uitnodiging.bestuur}
            )
        return super().get_context_data(
            bijeenkomst=self.bijeenkomst,
            uitnodiging=self.uitnodiging,
            blokken=blokken,
            inschrijving=inschrijving,
            ics_link=services.ics_link(inschrijving) if inschrijving else "",
            form=form,
            **{"token": self.kwargs["token"], **kwargs},
        )

    def get(self, request, *args, **kwargs):
        if not services.inschrijving_open(self.bijeenkomst):
            return self.render_to_response(self.get_context_data(verlopen=True), status=410)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        form = InschrijvingForm(
            request.POST, bijeenkomst=self.bijeenkomst, blokken=selectors.programma(self.bijeenkomst)
        )
        if form.is_valid():
            try:
                inschrijving, nieuw = services.register_uitnodiging(
                    self.uitnodiging, bestuur=form.cleaned_data["bestuur"], sessies=form.sessies()
                )
            except ValidationError as exc:
                if getattr(exc, "code", None) == "gesloten":
                    return self.render_to_response(self.get_context_data(verlopen=True), status=410)
                form_errors_from(exc, form)
            else:
                if not nieuw:
                    messages.info(request, _("U was al ingeschreven; er is niets veranderd."))
                elif inschrijving.keuzes.filter(status=KeuzeStatus.WACHTLIJST).exists():
                    messages.warning(
                        request,
                        _("U bent ingeschreven, maar staat voor een volzette sessie op de wachtlijst."),
                    )
                else:
                    messages.success(request, _("U bent ingeschreven. U krijgt een bevestiging per e-mail."))
                return redirect("vergaderingen:uitnodiging", token=kwargs["token"])
        return self.render_to_response(self.get_context_data(form=form), status=422)


class UitnodigingAnnulerenView(_TokenMixin, View):
    def post(self, request, *args, **kwargs):
        try:
            services.cancel_uitnodiging_inschrijving(self.uitnodiging)
        except (ValidationError, NotAllowed) as exc:
            _message_from(request, exc)
        else:
            messages.success(request, _("Uw inschrijving is geannuleerd."))
        return redirect("vergaderingen:uitnodiging", token=kwargs["token"])


class InschrijvingIcsView(View):
    """A registration's day as an iCalendar file, through the signed link in the confirmation mail."""

    def get(self, request, token):
        inschrijving = services.inschrijving_van_ics(token)
        if inschrijving is None:
            raise Http404
        response = HttpResponse(
            services.inschrijving_ics(inschrijving), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="bijeenkomst.ics"'
        add_never_cache_headers(response)
        return response
