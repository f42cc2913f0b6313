"""A region's overview and its planning days: the day, registration and cancellation, the overview and the CSV."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views import View

from besturen.models import Regio
from regioportaal.exports import streaming_csv_response
from regioportaal.permissions import NotAllowed
from regioportaal.views import PageView, form_errors_from, refuse

from ... import permissions, selectors, services
from ...forms import InschrijvingForm
from ...models import Bijeenkomst, Inschrijving, KeuzeStatus
from ...policies import BijeenkomstPolicy, InschrijvingPolicy, WerksessiePolicy
from .._gedeeld import _message_from


class RegioAgendaView(PageView):
    """A region's bodies (each with its meeting calendar) and its planning days."""

    template_name = "vergaderingen/regio_agenda.html"

    def get_context_data(self, **kwargs):
        regio = get_object_or_404(Regio, slug=kwargs["slug"])
        user = self.request.user
        return super().get_context_data(
            regio=regio,
            mag_organiseren=user.is_authenticated
            and BijeenkomstPolicy().holds(user, "organise", Bijeenkomst(regio=regio)),
            organen=list(regio.organen.order_by("naam")),
            bijeenkomsten=list(regio.bijeenkomsten.order_by("-datum")[:20]),
            **kwargs,
        )


class BijeenkomstView(PageView):
    """A planning day: schedule, sessions with free seats, working documents, and registration."""

    template_name = "vergaderingen/bijeenkomst.html"

    def dispatch(self, request, *args, **kwargs):
        self.bijeenkomst = get_object_or_404(Bijeenkomst.objects.select_related("regio"), pk=kwargs["pk"])
        self.blokken = selectors.programma(self.bijeenkomst)
        self.policy = BijeenkomstPolicy()
        self.mag_inschrijven = self.policy.holds(request.user, "register", self.bijeenkomst)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        user = self.request.user
        inschrijving = selectors.eigen_inschrijving(self.bijeenkomst, user)
        open_ = services.inschrijving_open(self.bijeenkomst)
        if inschrijving is not None:
            inschrijving.bijeenkomst = self.bijeenkomst
            inschrijving.mag_annuleren = InschrijvingPolicy(self.policy).may(user, "cancel", inschrijving)
        if form is None and inschrijving is None and self.policy.may(user, "register", self.bijeenkomst):
            form = InschrijvingForm(
                bijeenkomst=self.bijeenkomst,
                blokken=self.blokken,
                initial={"bestuur": services.bestuur_van(user, self.bijeenkomst.regio)},
            )
        return super().get_context_data(
            bijeenkomst=self.bijeenkomst,
            blokken=self.blokken,
            inschrijving=inschrijving,
            open=open_,
            mag_inschrijven=self.mag_inschrijven,
            mag_organiseren=self.policy.may(user, "organise", self.bijeenkomst),
            opbrengst_sessies=self._opbrengst_sessies(user),
            form=form,
            **kwargs,
        )

    def _opbrengst_sessies(self, user):
        """The sessions whose output this user records (as facilitator or organiser), from the day itself on."""
        if not user.is_authenticated:
            return set()
        policy = WerksessiePolicy(self.policy)
        return {
            sessie.pk
            for blok in self.blokken
            for sessie in blok.sessies.all()
            if policy.holds(user, "record_opbrengst", _met_blok(sessie, blok, self.bijeenkomst))
        }

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        refuse(self.mag_inschrijven)
        form = InschrijvingForm(request.POST, bijeenkomst=self.bijeenkomst, blokken=self.blokken)
        if form.is_valid():
            try:
                inschrijving = services.register(
                    self.bijeenkomst,
                    bestuur=form.cleaned_data["bestuur"],
                    sessies=form.sessies(),
                    door=request.user,
                )
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                wachtlijst = inschrijving.keuzes.filter(status=KeuzeStatus.WACHTLIJST).exists()
                if wachtlijst:
                    messages.warning(
                        request,
                        _("U bent ingeschreven, maar staat voor een volzette sessie op de wachtlijst."),
                    )
                else:
                    messages.success(request, _("U bent ingeschreven. U krijgt een bevestiging per e-mail."))
                return redirect(self.bijeenkomst.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=422)


def _met_blok(sessie, blok, bijeenkomst):
    """The session with its (already loaded) block and day, so a policy asks no query per row."""
    blok.bijeenkomst = bijeenkomst
    sessie.blok = blok
    return sessie


class AnnulerenView(LoginRequiredMixin, View):
    def post(self, request, pk):
        inschrijving = get_object_or_404(Inschrijving.objects.select_related("bijeenkomst__regio"), pk=pk)
        if inschrijving.user_id != request.user.pk and not permissions.can_organise_bijeenkomst(
            request.user, inschrijving.bijeenkomst.regio
        ):
            raise Http404
        try:
            services.cancel_inschrijving(inschrijving, door=request.user)
        except (ValidationError, NotAllowed) as exc:
            _message_from(request, exc)
        else:
            messages.success(request, _("Uw inschrijving is geannuleerd."))
        return redirect(inschrijving.bijeenkomst.get_absolute_url())


class _OrganiserMixin:
    """The organiser's pages (a planning day is public): login for the anonymous, else 403 unless organiser."""

    def get_bijeenkomst(self, **kwargs):
        return get_object_or_404(Bijeenkomst.objects.select_related("regio"), pk=kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        self.bijeenkomst = self.get_bijeenkomst(**kwargs)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.policy = BijeenkomstPolicy()
        refuse(self.policy.holds(request.user, "organise", self.bijeenkomst))
        return super().dispatch(request, *args, **kwargs)


class OverzichtView(_OrganiserMixin, PageView):
    """The organiser's overview: participants per member government and theme."""

    template_name = "vergaderingen/overzicht.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            bijeenkomst=self.bijeenkomst, overzicht=selectors.overzicht(self.bijeenkomst), **kwargs
        )


class DeelnemersCsvView(_OrganiserMixin, View):
    """The participants as CSV, streamed row by row."""

    def get(self, request, *args, **kwargs):
        kop = [
            _("naam"),
            _("e-mailadres"),
            _("namens"),
            _("blok"),
            _("werksessie"),
            _("status"),
            _("ingeschreven op"),
        ]

        def rijen():
            yield kop
            for keuze in selectors.deelnemers(self.bijeenkomst).iterator(chunk_size=500):
                inschrijving = keuze.inschrijving
                yield [
                    inschrijving.deelnemer_naam,
                    inschrijving.deelnemer_email,
                    inschrijving.bestuur,
                    keuze.werksessie.blok.titel,
                    keuze.werksessie.thema,
                    keuze.get_status_display(),
                    timezone.localtime(inschrijving.tijdstip).strftime("%Y-%m-%d %H:%M"),
                ]

        response = streaming_csv_response(rijen(), f"deelnemers-{self.bijeenkomst.pk}.csv", delimiter=";")
        patch_vary_headers(response, ["Cookie"])
        return response
