"""Pages of a region's strategy and opgaven, and the forms of the secretariat and the bestuurlijk opdrachtgever.

Who may see or do what is asked of opgaven.permissions only: an opgave the user may not see answers 404, an action
they may not take on one they can see answers 403. The services decide and write; the views read and render.
"""

import math
from decimal import Decimal
from itertools import groupby
from operator import attrgetter

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from besturen.models import Persoon, Regio
from regioportaal.views import PageView, form_errors_from, paginate

from . import permissions, selectors, services, workflow
from .forms import (
    BudgetregelForm,
    CapaciteitForm,
    FilterForm,
    IndicatorForm,
    MandaatForm,
    OpgaveForm,
    StatusForm,
    SynergieForm,
    VerplichtingForm,
    VoortgangForm,
)
from .models import Mandaat, Opgave, Status, Synergie


def opdrachtgevers_van(opgaven):
    """The people who are bestuurlijk opdrachtgever of any of `opgaven` (a queryset), for the list's filter."""
    return (
        Persoon.objects.filter(lidmaatschappen__opgaven_als_opdrachtgever__in=opgaven)
        .distinct()
        .order_by("achternaam", "voornaam")
    )


# --- Charts, computed here so the page needs no JavaScript ------------------------------------------------------


def trend_grafiek(rapporten, *, max_balken=12, hoogte=160, balk=72, tussenruimte=16, boven=24, onder=28):
    """Bars of the money spent per reported period (the last `max_balken` periods), as SVG coordinates."""
    rapporten = list(rapporten)[-max_balken:]
    if not rapporten:
        return None
    maximum = max(r.besteed for r in rapporten)
    balken = []
    for i, rapport in enumerate(rapporten):
        h = round(float(rapport.besteed / maximum) * hoogte, 1) if maximum else 0
        x = tussenruimte + i * (balk + tussenruimte)
        balken.append(
            {
                "x": x,
                "y": round(boven + hoogte - h, 1),
                "tekst_y": round(boven + hoogte - h - 6, 1),
                "breedte": balk,
                "hoogte": h,
                "midden": x + balk / 2,
                "rapport": rapport,
            }
        )
    return {
        "breedte": tussenruimte + len(rapporten) * (balk + tussenruimte),
        "hoogte": boven + hoogte + onder,
        "basis": boven + hoogte,
        "label_y": boven + hoogte + 18,
        "balken": balken,
    }


def synergie_graaf(opgaven, links, *, breedte=800, hoogte=560, label_lengte=32):
    """Place the opgaven on a circle and draw a line for every synergy between two of them."""
    n = len(opgaven)
    if not n:
        return None
    cx, cy = breedte / 2, hoogte / 2
    straal = 0 if n == 1 else min(breedte, hoogte) / 2 - 90
    knopen = {}
    for i, opgave in enumerate(opgaven):
        hoek = -math.pi / 2 + 2 * math.pi * i / n
        cos, sin = math.cos(hoek), math.sin(hoek)
        r = 14 + 2 * min(getattr(opgave, "prioriteit", 0) or 0, 8)
        afstand = straal + r + 8
        titel = opgave.titel if len(opgave.titel) <= label_lengte else opgave.titel[: label_lengte - 1] + "…"
        knopen[opgave.pk] = {
            "nummer": i + 1,
            "opgave": opgave,
            "x": round(cx + straal * cos, 1),
            "y": round(cy + straal * sin, 1),
            "r": r,
            "nummer_y": round(cy + straal * sin + 5, 1),
            "label": titel,
            "label_x": round(cx + afstand * cos, 1) if n > 1 else cx,
            "label_y": round(cy + afstand * sin + (14 if sin > 0.5 else 0 if sin < -0.5 else 5), 1)
            if n > 1
            else cy + r + 20,
            "anker": "start" if cos > 0.3 and n > 1 else "end" if cos < -0.3 and n > 1 else "middle",
        }
    lijnen = [
        {"van": knopen[a], "naar": knopen[b], "reden": reden}
        for a, b, reden in links
        if a in knopen and b in knopen
    ]
    return {"breedte": breedte, "hoogte": hoogte, "knopen": list(knopen.values()), "lijnen": lijnen}


# --- Public pages -----------------------------------------------------------------------------------------------


class StrategieView(PageView):
    """Mission, vision, shared values, the numbered goals with the progress of their opgaven, and the themes."""

    template_name = "opgaven/strategie.html"

    def get_context_data(self, **kwargs):
        regio = get_object_or_404(Regio.objects.select_related("strategie"), slug=kwargs["slug"])
        user = self.request.user
        zichtbaar = Opgave.objects.visible_to(user).filter(regio=regio)
        doelstellingen = list(
            regio.doelstellingen.prefetch_related(
                Prefetch("opgaven", queryset=zichtbaar.order_by("titel"), to_attr="zichtbare_opgaven")
            )
        )
        voortgang = selectors.doelstelling_voortgang(regio, opgaven=zichtbaar)
        for doel in doelstellingen:
            doel.voortgang = voortgang.get(doel.pk)
        themas = list(regio.themas.all())
        return super().get_context_data(
            regio=regio,
            strategie=getattr(regio, "strategie", None),
            waarden=regio.waarden.all(),
            doelstellingen=doelstellingen,
            themas=[t for t in themas if not t.transversaal],
            transversale_themas=[t for t in themas if t.transversaal],
            **kwargs,
        )


class OpgavenView(PageView):
    """The opgaven of a region, filtered by GET parameters (shareable); htmx gets only the results."""

    template_name = "opgaven/opgaven.html"
    htmx_partial = "resultaten"

    def get_template_names(self):
        htmx = getattr(self.request, "htmx", None)
        if htmx and htmx.history_restore_request:  # htmx restores a whole page from history
            return [self.template_name]
        return super().get_template_names()

    def get_context_data(self, **kwargs):
        regio = get_object_or_404(Regio, slug=kwargs["slug"])
        user = self.request.user
        zichtbaar = Opgave.objects.visible_to(user).filter(regio=regio)
        form = FilterForm(
            self.request.GET,
            themas=regio.themas.all(),
            doelstellingen=regio.doelstellingen.all(),
            opdrachtgevers=opdrachtgevers_van(zichtbaar),
        )
        opgaven = paginate(self.request, selectors.opgaven_list(regio, user, **form.filters()))
        return super().get_context_data(
            regio=regio,
            form=form,
            opgaven=opgaven,
            mag_beheren=permissions.can_manage_opgaven(user, regio),
            **kwargs,
        )


class SynergieView(PageView):
    """The synergy graph of a region's opgaven, with the same links as a list."""

    template_name = "opgaven/synergie.html"

    def get_context_data(self, **kwargs):
        regio = get_object_or_404(Regio, slug=kwargs["slug"])
        zichtbaar = Opgave.objects.visible_to(self.request.user).filter(regio=regio)
        opgaven = list(selectors.with_prioriteit(zichtbaar).order_by("titel"))
        links = list(
            Synergie.objects.filter(van__in=zichtbaar, naar__in=zichtbaar)
            .order_by("pk")
            .values_list("van_id", "naar_id", "reden")
        )
        per_opgave = {opgave.pk: [] for opgave in opgaven}
        titels = {opgave.pk: opgave for opgave in opgaven}
        for van, naar, reden in links:
            per_opgave[van].append((titels[naar], reden))
            per_opgave[naar].append((titels[van], reden))
        for opgave in opgaven:
            opgave.verbonden = sorted(per_opgave[opgave.pk], key=lambda pair: pair[0].titel)
        return super().get_context_data(
            regio=regio,
            opgaven=opgaven,
            aantal_links=len(links),
            graaf=synergie_graaf(opgaven, links),
            **kwargs,
        )


class OpgaveView(PageView):
    """One opgave with all its parts, its mandates, progress, synergy and the explanation of its priority."""

    template_name = "opgaven/opgave.html"

    def get_context_data(self, **kwargs):
        opgave = get_object_or_404(selectors.opgave_detail_queryset(), pk=kwargs["pk"])
        user = self.request.user
        if not permissions.can_view_opgave(user, opgave):
            raise Http404
        mag_beheren = permissions.can_manage_opgaven(user, opgave.regio)

        besloten = {}  # unpublished partners share this opgave's region: one check answers for all of them

        def zichtbaar(partner):
            if partner.gepubliceerd:
                return True
            if "antwoord" not in besloten:
                besloten["antwoord"] = permissions.can_view_opgave(user, partner)
            return besloten["antwoord"]

        for synergie in opgave.synergie_van.all():
            synergie.naar.regio = opgave.regio
        for synergie in opgave.synergie_naar.all():
            synergie.van.regio = opgave.regio
        synergie = [(s.naar, s.reden) for s in opgave.synergie_van.all()] + [
            (s.van, s.reden) for s in opgave.synergie_naar.all()
        ]
        prioriteit, uitleg = selectors.prioriteit_uitleg(opgave, zichtbaar=zichtbaar)

        rapporten = list(opgave.voortgang.all())
        laatste_meting = {}
        for rapport in rapporten:
            for waarde in rapport.waarden.all():
                laatste_meting[waarde.indicator_id] = (waarde.waarde, rapport.periode_eind)
        indicatoren = list(opgave.indicatoren.all())
        for indicator in indicatoren:
            indicator.laatste = laatste_meting.get(indicator.pk)

        budget = list(opgave.budget.all())
        budget_per_jaar = [
            {"jaar": jaar, "regels": regels, "totaal": sum((r.bedrag for r in regels), Decimal("0"))}
            for jaar, regels in ((jaar, list(regels)) for jaar, regels in groupby(budget, attrgetter("jaar")))
        ]

        vandaag = timezone.localdate()
        mandaten = list(opgave.mandaten.all())
        for mandaat in mandaten:
            mandaat.verplicht = sum((v.bedrag for v in mandaat.verplichtingen.all()), Decimal("0"))
            mandaat.resterend = mandaat.budgetplafond - mandaat.verplicht
            mandaat.geldig = mandaat.begindatum <= vandaag <= mandaat.einddatum
            mandaat.mag_verplichten = permissions.can_record_verplichting(user, mandaat)

        return super().get_context_data(
            opgave=opgave,
            regio=opgave.regio,
            prioriteit=prioriteit,
            prioriteit_uitleg=uitleg,
            synergie=sorted(
                [(partner, reden) for partner, reden in synergie if zichtbaar(partner)],
                key=lambda pair: pair[0].titel,
            ),
            indicatoren=indicatoren,
            budget_per_jaar=budget_per_jaar,
            budget_totaal=sum((r.bedrag for r in budget), Decimal("0")),
            capaciteit=opgave.capaciteit.all(),
            mandaten=mandaten,
            rapporten=rapporten,
            grafiek=trend_grafiek(rapporten),
            mag_beheren=mag_beheren,
            mag_rapporteren=permissions.can_report_voortgang(user, opgave),
            ontbrekend=services.ontbrekende_onderdelen(opgave)
            if mag_beheren and opgave.status in (Status.IDEE, Status.IN_VOORBEREIDING)
            else [],
            **kwargs,
        )


# --- Forms of the secretariat and the opdrachtgever -------------------------------------------------------------


class FormulierView(LoginRequiredMixin, PageView):
    """A form on an opgave (or a region): login first, 404 when the opgave is hidden, 403 when not allowed.

    Subclasses load their object in `load`, say who may act in `allowed` and call their service in `perform`.
    """

    template_name = "opgaven/formulier.html"
    form_class = None
    titel = ""
    knop = _("Opslaan")
    bericht = ""
    anker = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.opgave = None
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

    def allowed(self, user):
        return permissions.can_manage_opgaven(user, self.regio)

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
        raise NotImplementedError

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

    def load(self, slug):
        self.regio = get_object_or_404(Regio, slug=slug)

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

    def get_form_kwargs(self):
        return {"keuzes": workflow.next_states(self.opgave.status)}

    def get_context_data(self, **kwargs):
        keuzes = workflow.next_states(self.opgave.status)
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

    def perform(self, form, user):
        return services.add_indicator(self.opgave, door=user, **form.cleaned_data)


class BudgetView(FormulierView):
    form_class = BudgetregelForm
    titel = _("Budget toevoegen")
    knop = _("Budgetregel toevoegen")
    bericht = _("De budgetregel is toegevoegd.")
    anker = "budget"

    def perform(self, form, user):
        return services.add_budgetregel(self.opgave, door=user, **form.cleaned_data)


class CapaciteitView(FormulierView):
    form_class = CapaciteitForm
    titel = _("Capaciteit toevoegen")
    knop = _("Capaciteit toevoegen")
    bericht = _("De capaciteit is toegevoegd.")
    anker = "capaciteit"

    def get_form_kwargs(self):
        return {"regio": self.regio}

    def perform(self, form, user):
        return services.add_capaciteit(self.opgave, door=user, **form.cleaned_data)


class SynergieLeggenView(FormulierView):
    form_class = SynergieForm
    titel = _("Synergie leggen")
    knop = _("Synergie leggen")
    bericht = _("De opgaven zijn verbonden.")
    anker = "synergie"

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

    def get_form_kwargs(self):
        return {"regio": self.regio}

    def perform(self, form, user):
        return services.grant_mandaat(self.opgave, door=user, **form.cleaned_data)


class VerplichtingView(FormulierView):
    """The holder of a mandate commits money within it; the service refuses beyond its rest or period."""

    template_name = "opgaven/verplichting_form.html"
    form_class = VerplichtingForm
    titel = _("Verplichting vastleggen")
    knop = _("Verplichting vastleggen")
    bericht = _("De verplichting is vastgelegd.")
    anker = "mandaten"

    def load(self, pk):
        self.mandaat = get_object_or_404(
            Mandaat.objects.select_related(
                "opgave__regio", "opgave__opdrachtgever__persoon", "houder__persoon", "verleend_door"
            ),
            pk=pk,
        )
        self.opgave = self.mandaat.opgave
        self.regio = self.opgave.regio

    def allowed(self, user):
        return permissions.can_record_verplichting(user, self.mandaat)

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

    def allowed(self, user):
        return permissions.can_report_voortgang(user, self.opgave)

    def get_form_kwargs(self):
        return {"indicatoren": self.opgave.indicatoren.all()}

    def perform(self, form, user):
        return services.report_voortgang(self.opgave, door=user, waarden=form.waarden(), **form.rapport())
