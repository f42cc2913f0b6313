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

#: Per form (`FormulierView.formulier`): its title, its button and the message after it succeeded.
TEKSTEN = {
    "opgave_nieuw": (
        _("Nieuwe opgave"),
        _("Opgave aanmaken"),
        _("De opgave is aangemaakt. Vul nu indicatoren, budget en capaciteit aan."),
    ),
    "opgave_bewerken": (_("Opgave bewerken"), _("Opslaan"), _("De opgave is bijgewerkt.")),
    "status": (_("Status wijzigen"), _("Status wijzigen"), _("De status is gewijzigd.")),
    "indicator": (_("Indicator toevoegen"), _("Indicator toevoegen"), _("De indicator is toegevoegd.")),
    "budget": (_("Budget toevoegen"), _("Budgetregel toevoegen"), _("De budgetregel is toegevoegd.")),
    "capaciteit": (_("Capaciteit toevoegen"), _("Capaciteit toevoegen"), _("De capaciteit is toegevoegd.")),
    "synergie": (_("Synergie leggen"), _("Synergie leggen"), _("De opgaven zijn verbonden.")),
    "mandaat": (_("Mandaat verlenen"), _("Mandaat vastleggen"), _("Het mandaat is vastgelegd.")),
    "verplichting": (
        _("Verplichting vastleggen"),
        _("Verplichting vastleggen"),
        _("De verplichting is vastgelegd."),
    ),
    "voortgang": (
        _("Voortgang rapporteren"),
        _("Rapportage indienen"),
        _("De voortgangsrapportage is ingediend."),
    ),
}


class FormulierView(LoginRequiredMixin, PageView):
    """A form on an opgave (or a region): login first, 404 when the opgave is hidden, 403 when not allowed.

    Subclasses load their object in `load`, name the policy's `action` (the policy answers who may act now, as it
    does for the page's buttons and the service's guard) and call their service in `perform`; most only name it in
    `service` (an opgaven service taking the opgave, `door` and the form's cleaned data). Their texts are
    `TEKSTEN[formulier]`.
    """

    template_name = "opgaven/formulier.html"
    form_class = None
    formulier = ""
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
        titel, knop, _bericht = TEKSTEN[self.formulier]
        return super().get_context_data(
            regio=self.regio,
            opgave=self.opgave,
            form=form or self.get_form(),
            titel=titel,
            knop=knop,
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
                messages.success(request, TEKSTEN[self.formulier][2])
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
    formulier = "opgave_nieuw"
    form_class = OpgaveForm
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
    formulier = "opgave_bewerken"
    form_class = OpgaveForm
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
    formulier = "status"
    form_class = StatusForm

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


# The parts a form adds to an opgave through one service, with nothing else of their own: the service (also the
# policy's action), the form, the section of the opgave's page to return to, and whether the form needs the region.
DELEN = {
    "indicator": ("add_indicator", IndicatorForm, "resultaat", False),
    "budget": ("add_budgetregel", BudgetregelForm, "budget", False),
    "capaciteit": ("add_capaciteit", CapaciteitForm, "capaciteit", True),
    "mandaat": ("grant_mandaat", MandaatForm, "mandaten", True),
}


class DeelView(FormulierView):
    """Add one part to an opgave (`formulier`, a key of `DELEN`)."""

    met_regio = False

    def get_form_kwargs(self):
        return {"regio": self.regio} if self.met_regio else {}


def deel_view(deel, **attrs):
    """The view that adds the part `deel`: written once for every part in `DELEN`."""
    service, form_class, anker, met_regio = DELEN[deel]
    config = {"formulier": deel, "service": service, "action": service, "form_class": form_class}
    return type(
        f"{deel.capitalize()}View", (DeelView,), {**config, "anker": anker, "met_regio": met_regio, **attrs}
    )


IndicatorView = deel_view("indicator")
BudgetView = deel_view("budget")
CapaciteitView = deel_view("capaciteit")
MandaatView = deel_view("mandaat", template_name="opgaven/mandaat_form.html")


class SynergieLeggenView(FormulierView):
    formulier = anker = "synergie"
    form_class = SynergieForm
    action = "link_synergie"

    def get_form_kwargs(self):
        return {"opgave": self.opgave}

    def perform(self, form, user):
        data = form.cleaned_data
        return services.link_synergie(self.opgave, data["andere"], reden=data["reden"], door=user)


class VerplichtingView(FormulierView):
    """The holder of a mandate commits money within it; the service refuses beyond its rest or period."""

    template_name = "opgaven/verplichting_form.html"
    formulier = "verplichting"
    form_class = VerplichtingForm
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
    formulier = anker = "voortgang"
    form_class = VoortgangForm
    action = "report_voortgang"

    def get_form_kwargs(self):
        return {"indicatoren": self.opgave.indicatoren.all()}

    def perform(self, form, user):
        return services.report_voortgang(self.opgave, door=user, waarden=form.waarden(), **form.rapport())
