"""The forms of the secretariat and the bestuurlijk opdrachtgever on an opgave (or a region)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _

from besturen.models import Regio
from regioportaal.views import PageView, form_errors_from

from .. import permissions, services
from ..forms import (
    BudgetregelForm,
    CapaciteitForm,
    IndicatorForm,
    MandaatForm,
    OpgaveForm,
    StatusForm,
    SynergieForm,
    VerplichtingForm,
    VoortgangForm,
)
from ..models import Mandaat, Opgave, Status
from ..policies import MandaatPolicy, OpgavePolicy, StrategiePolicy


class FormulierView(LoginRequiredMixin, PageView):
    """A form on an opgave (or a region): login first, 404 when the opgave is hidden, 403 when not allowed.

    Subclasses load their object in `load`, name the policy's `action` (the policy answers who may act now, as it
    does for the page's buttons and the service's guard) and call their service in `perform`; most only name it in
    `service` (an opgaven service taking the opgave, `door` and the form's cleaned data).
    """

    template_name = "opgaven/formulier.html"
    form_class = None
    titel = ""
    knop = _("Opslaan")
    bericht = ""
    anker = ""
    service = ""
    policy_class = OpgavePolicy
    action = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.opgave = None
        self.policy = self.policy_class()
        self.load(**kwargs)
        if self.opgave is not None and not permissions.can_view_opgave(request.user, self.opgave):
            raise Http404
        if not self.allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def load(self, pk):
        self.opgave = get_object_or_404(
            Opgave.objects.select_related("regio", "opdrachtgever__persoon"), pk=pk
        )
        self.regio = self.opgave.regio

    def policy_object(self):
        """What the policy's action is taken on: the opgave (the region for a new one, the mandate for a commitment)."""
        return self.opgave

    def allowed(self, user):
        return self.policy.may(user, self.action, self.policy_object())

    def get_form(self, data=None):
        return self.form_class(data, **self.get_form_kwargs())

    def get_form_kwargs(self):
        return {}

    def get_context_data(self, form=None, **kwargs):
        return super().get_context_data(
            regio=self.regio,
            opgave=self.opgave,
            form=form or self.get_form(),
            titel=self.titel,
            knop=self.knop,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                resultaat = self.perform(form, request.user)
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(request, self.bericht)
                return redirect(self.success_url(resultaat))
        return self.render_to_response(self.get_context_data(form=form))

    def perform(self, form, user):
        """Call the service named by `service` with the opgave and the form's data (override for anything else)."""
        return getattr(services, self.service)(self.opgave, door=user, **form.cleaned_data)

    def success_url(self, resultaat):
        return self.opgave.get_absolute_url() + (f"#{self.anker}" if self.anker else "")


def _opgave_values(form):
    values = dict(form.cleaned_data)
    return list(values.pop("doelstellingen")), list(values.pop("themas")), values


class OpgaveNieuwView(FormulierView):
    form_class = OpgaveForm
    titel = _("Nieuwe opgave")
    knop = _("Opgave aanmaken")
    bericht = _("De opgave is aangemaakt. Vul nu indicatoren, budget en capaciteit aan.")
    policy_class = StrategiePolicy
    action = "create_opgave"

    def load(self, slug):
        self.regio = get_object_or_404(Regio, slug=slug)

    def policy_object(self):
        return self.regio

    def get_form_kwargs(self):
        return {"regio": self.regio}

    def perform(self, form, user):
        doelstellingen, themas, values = _opgave_values(form)
        return services.create_opgave(
            self.regio, door=user, doelstellingen=doelstellingen, themas=themas, **values
        )

    def success_url(self, opgave):
        return opgave.get_absolute_url()


class OpgaveBewerkenView(FormulierView):
    form_class = OpgaveForm
    titel = _("Opgave bewerken")
    bericht = _("De opgave is bijgewerkt.")
    action = "update_opgave"

    def get_form_kwargs(self):
        return {
            "regio": self.regio,
            "initial": model_to_dict(self.opgave, fields=OpgaveForm.Meta.fields),
        }

    def perform(self, form, user):
        doelstellingen, themas, values = _opgave_values(form)
        return services.update_opgave(
            self.opgave, door=user, doelstellingen=doelstellingen, themas=themas, **values
        )


class StatusView(FormulierView):
    template_name = "opgaven/status.html"
    form_class = StatusForm
    titel = _("Status wijzigen")
    knop = _("Status wijzigen")
    bericht = _("De status is gewijzigd.")

    def allowed(self, user):
        """The secretariat opens the page in every status: from a final one it says that no change is left (the
        opgave's page offers no button then); the choices are the policy's."""
        return self.policy.manages(user, self.regio)

    def get_form_kwargs(self):
        return {"keuzes": self.policy.next_states(self.request.user, self.opgave)}

    def get_context_data(self, **kwargs):
        keuzes = self.policy.next_states(self.request.user, self.opgave)
        return super().get_context_data(
            keuzes=keuzes,
            ontbrekend=services.ontbrekende_onderdelen(self.opgave) if Status.LOPEND in keuzes else [],
            **kwargs,
        )

    def perform(self, form, user):
        data = form.cleaned_data
        return services.change_status(self.opgave, data["naar"], door=user, reden=data["reden"])


class IndicatorView(FormulierView):
    form_class = IndicatorForm
    titel = _("Indicator toevoegen")
    knop = _("Indicator toevoegen")
    bericht = _("De indicator is toegevoegd.")
    anker = "resultaat"
    service = action = "add_indicator"


class BudgetView(FormulierView):
    form_class = BudgetregelForm
    titel = _("Budget toevoegen")
    knop = _("Budgetregel toevoegen")
    bericht = _("De budgetregel is toegevoegd.")
    anker = "budget"
    service = action = "add_budgetregel"


class CapaciteitView(FormulierView):
    form_class = CapaciteitForm
    titel = _("Capaciteit toevoegen")
    knop = _("Capaciteit toevoegen")
    bericht = _("De capaciteit is toegevoegd.")
    anker = "capaciteit"
    service = action = "add_capaciteit"

    def get_form_kwargs(self):
        return {"regio": self.regio}


class SynergieLeggenView(FormulierView):
    form_class = SynergieForm
    titel = _("Synergie leggen")
    knop = _("Synergie leggen")
    bericht = _("De opgaven zijn verbonden.")
    anker = "synergie"
    action = "link_synergie"

    def get_form_kwargs(self):
        return {"opgave": self.opgave}

    def perform(self, form, user):
        data = form.cleaned_data
        return services.link_synergie(self.opgave, data["andere"], reden=data["reden"], door=user)


class MandaatView(FormulierView):
    template_name = "opgaven/mandaat_form.html"
    form_class = MandaatForm
    titel = _("Mandaat verlenen")
    knop = _("Mandaat vastleggen")
    bericht = _("Het mandaat is vastgelegd.")
    anker = "mandaten"
    service = action = "grant_mandaat"

    def get_form_kwargs(self):
        return {"regio": self.regio}


class VerplichtingView(FormulierView):
    """The holder of a mandate commits money within it; the service refuses beyond its rest or period."""

    template_name = "opgaven/verplichting_form.html"
    form_class = VerplichtingForm
    titel = _("Verplichting vastleggen")
    knop = _("Verplichting vastleggen")
    bericht = _("De verplichting is vastgelegd.")
    anker = "mandaten"
    policy_class = MandaatPolicy
    action = "record_verplichting"

    def load(self, pk):
        self.mandaat = get_object_or_404(
            Mandaat.objects.select_related(
                "opgave__regio", "opgave__opdrachtgever__persoon", "houder__persoon", "verleend_door"
            ),
            pk=pk,
        )
        self.opgave = self.mandaat.opgave
        self.regio = self.opgave.regio

    def policy_object(self):
        return self.mandaat

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            mandaat=self.mandaat, resterend=services.resterend_budget(self.mandaat), **kwargs
        )

    def perform(self, form, user):
        return services.record_verplichting(self.mandaat, door=user, **form.cleaned_data)


class VoortgangView(FormulierView):
    form_class = VoortgangForm
    titel = _("Voortgang rapporteren")
    knop = _("Rapportage indienen")
    bericht = _("De voortgangsrapportage is ingediend.")
    anker = "voortgang"
    action = "report_voortgang"

    def get_form_kwargs(self):
        return {"indicatoren": self.opgave.indicatoren.all()}

    def perform(self, form, user):
        return services.report_voortgang(self.opgave, door=user, waarden=form.waarden(), **form.rapport())
