"""A body's meetings: its calendar (where the secretariat plans one), a meeting, and publishing or closing it."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View

from besturen.models import Orgaan
from regioportaal.permissions import NotAllowed
from regioportaal.views import PageView, form_errors_from, refuse

from .. import permissions, selectors, services
from ..forms import AnnulerenForm, VergaderingForm, VoorstelForm
from ..models import Vergadering, VergaderingStatus
from ..policies import KalenderPolicy, VergaderingPolicy
from ._gedeeld import _ManageMixin, _message_from, _vergadering_or_404


class KalenderView(PageView):
    """Upcoming and past meetings of a body; the secretariat plans a new one here."""

    template_name = "vergaderingen/kalender.html"

    def dispatch(self, request, *args, **kwargs):
        self.orgaan = get_object_or_404(Orgaan.objects.select_related("regio", "bestuur"), pk=kwargs["pk"])
        self.lid = permissions.is_lid(request.user, self.orgaan)
        self.mag_beheren = KalenderPolicy().may(request.user, "plan", self.orgaan)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        komend, voorbij = selectors.komend_en_voorbij(selectors.vergaderingen_van(self.orgaan, lid=self.lid))
        return super().get_context_data(
            orgaan=self.orgaan,
            komend=list(komend[:50]),
            voorbij=list(voorbij[:50]),
            lid=self.lid,
            mag_beheren=self.mag_beheren,
            form=form or (VergaderingForm() if self.mag_beheren else None),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        refuse(self.mag_beheren)
        form = VergaderingForm(request.POST)
        if form.is_valid():
            try:
                vergadering = services.plan_vergadering(self.orgaan, door=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(request, _("Vergadering gepland. Stel nu de agenda op."))
                return redirect("vergaderingen:agenda_beheer", pk=vergadering.pk)
        return self.render_to_response(self.get_context_data(form=form), status=422)


class VergaderingView(PageView):
    """A meeting: agenda, documents, decisions, votes, attendance; members propose items here."""

    template_name = "vergaderingen/vergadering.html"

    def dispatch(self, request, *args, **kwargs):
        self.vergadering = _vergadering_or_404(request, kwargs["pk"])
        self.lid = permissions.is_lid(request.user, self.vergadering.orgaan)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        vergadering = self.vergadering
        user = self.request.user
        policy = VergaderingPolicy()
        mag_voorstellen = policy.may(user, "propose", vergadering)
        gehouden = vergadering.status in (VergaderingStatus.AFGELOPEN, VergaderingStatus.NOTULEN_GOEDGEKEURD)
        punten = selectors.agenda_pagina(vergadering, met_besloten=self.lid)
        for punt in punten:  # None without a decision (the template then skips the failed lookup's exception)
            punt.genomen_besluit = getattr(punt, "besluit", None)
        return super().get_context_data(
            vergadering=vergadering,
            orgaan=vergadering.orgaan,
            punten=punten,
            lid=self.lid,
            mag_beheren=policy.holds(user, "edit_agenda", vergadering),  # the link to the secretariat's pages
            mag_wijzigen=bool(policy.allowed(user, vergadering, ("update", "cancel"))),
            mag_voorstellen=mag_voorstellen,
            mag_besluiten=policy.may(user, "record", vergadering),  # each item's "record the decision"
            form=form or (VoorstelForm() if mag_voorstellen else None),
            aanwezigheden=selectors.aanwezigheden(vergadering) if gehouden else [],
            gehouden=gehouden,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        refuse(permissions.can_propose_agendapunt(request.user, self.vergadering))
        form = VoorstelForm(request.POST)
        if form.is_valid():
            try:
                services.propose_agendapunt(self.vergadering, door=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(
                    request, _("Uw voorstel is bij het secretariaat. U ziet het hier als het is geagendeerd.")
                )
                return redirect(self.vergadering.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=422)


class VergaderingActionView(LoginRequiredMixin, View):
    """Publish the agenda or mark the meeting as held."""

    def post(self, request, pk, actie):
        acties = {"publiceren": services.publish_agenda, "afsluiten": services.close_vergadering}
        if actie not in acties:
            raise Http404
        vergadering = _vergadering_or_404(request, pk)
        refuse(permissions.can_manage_vergaderingen(request.user, vergadering.orgaan))
        try:
            acties[actie](vergadering, door=request.user)
        except (ValidationError, NotAllowed) as exc:
            _message_from(request, exc)
            return redirect("vergaderingen:agenda_beheer", pk=vergadering.pk)
        if actie == "publiceren":
            messages.success(request, _("De agenda is gepubliceerd; de leden krijgen bericht."))
        else:
            messages.success(request, _("De vergadering is afgelopen. Leg nu de besluiten vast."))
        return redirect(vergadering.get_absolute_url())


class VergaderingWijzigenView(_ManageMixin, PageView):
    """The secretariat moves a meeting (time, place) or cancels it with a reason; the members get a notice."""

    template_name = "vergaderingen/vergadering_wijzigen.html"

    def get_context_data(self, form=None, annuleren_form=None, **kwargs):
        vergadering, user = self.vergadering, self.request.user
        policy = VergaderingPolicy()
        return super().get_context_data(
            vergadering=vergadering,
            orgaan=vergadering.orgaan,
            acties=policy.allowed(user, vergadering, ("update", "cancel")),
            redenen=policy.reasons(user, vergadering, ("update", "cancel")),
            form=form or VergaderingForm(instance=vergadering),
            annuleren_form=annuleren_form or AnnulerenForm(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if request.POST.get("actie") == "annuleren":
            return self._cancel(request)
        form = VergaderingForm(request.POST, instance=Vergadering(orgaan=self.vergadering.orgaan))
        if form.is_valid():
            try:
                services.update_vergadering(self.vergadering, door=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(request, _("De vergadering is gewijzigd; de leden krijgen bericht."))
                return redirect(self.vergadering.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=422)

    def _cancel(self, request):
        form = AnnulerenForm(request.POST)
        if form.is_valid():
            try:
                services.cancel_vergadering(
                    self.vergadering, reden=form.cleaned_data["reden"], door=request.user
                )
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(request, _("De vergadering is geannuleerd; de leden krijgen bericht."))
                return redirect(self.vergadering.get_absolute_url())
        return self.render_to_response(self.get_context_data(annuleren_form=form), status=422)
