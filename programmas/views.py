"""Pages of the annual programme: overview, versions with their cost split, the councils' decisions, questions."""

import io
import zipfile
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View

from besturen import permissions as besturen_permissions
from besturen.models import Bestuur, Deelname, Regio
from opgaven.models import Opgave
from regioportaal.exports import streaming_csv_response
from regioportaal.views import PageView, form_errors_from, refuse

from . import permissions, selectors, services, termijnen, workflow
from .forms import (
    AntwoordForm,
    DraftForm,
    GsVerzendingForm,
    NieuweRegelForm,
    NieuweVersieForm,
    RaadDeadlineForm,
    RaadsbesluitForm,
    RegelForm,
    TerugsturenForm,
    VaststellenForm,
    VergelijkForm,
    VoorleggenForm,
    VraagForm,
    ZienswijzeAntwoordForm,
)
from .models import (
    Jaarprogramma,
    PakketStatus,
    Procedure,
    Programmaregel,
    Raadsbesluit,
    Registratie,
    Reviewpakket,
    Uitkomst,
    Versie,
    VersieStatus,
    Vraag,
)
from .regeling import regeling_van, regeling_voor

S = VersieStatus


def _versie_or_404(user, pk):
    """The version, or 404 for whoever may not read it."""
    versie = get_object_or_404(Versie.objects.select_related("jaarprogramma__regio", "gebaseerd_op"), pk=pk)
    if not permissions.can_view_versie(user, versie):
        raise Http404
    return versie


def _messages_of(exc):
    return getattr(exc, "messages", None) or [str(exc)]


def _huidige_leden(regio):
    return Bestuur.objects.filter(deelnames__in=Deelname.objects.current().filter(regio=regio))


class LoginFirstMixin:
    """Send anonymous visitors to the login page before any 404/403 decision on an object."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)


# --- Overview of a region's programmes ---------------------------------------------------------------------------


class OverzichtView(PageView):
    """A region's programmes by year with their versions; the secretariat drafts a new one here."""

    template_name = "programmas/overzicht.html"

    def dispatch(self, request, *args, **kwargs):
        self.regio = get_object_or_404(Regio, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        user = self.request.user
        mag_beheren = permissions.can_manage_programma(user, self.regio)
        besloten = besturen_permissions.can_view_besloten_regio(user, self.regio)
        return super().get_context_data(
            regio=self.regio,
            programmas=selectors.programmas_van(self.regio, besloten=besloten),
            mag_beheren=mag_beheren,
            form=form or (DraftForm(regio=self.regio) if mag_beheren else None),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        refuse(permissions.can_manage_programma(request.user, self.regio))
        form = DraftForm(request.POST, regio=self.regio)
        if form.is_valid():
            data = form.cleaned_data
            try:
                versie = services.draft_jaarprogramma(
                    self.regio,
                    data["jaar"],
                    door=request.user,
                    opgaven=data["opgaven"],
                    titel=data["titel"],
                    soort=data["soort"],
                    procedure=data["procedure"],
                )
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(
                    request, _("Het jaarprogramma %(jaar)s is opgesteld.") % {"jaar": data["jaar"]}
                )
                return redirect(versie.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form))


class JaarprogrammaView(PageView):
    """One year's programme: its versions, with a way to compare two of them."""

    template_name = "programmas/jaarprogramma.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        programma = get_object_or_404(Jaarprogramma.objects.select_related("regio"), pk=kwargs["pk"])
        besloten = besturen_permissions.can_view_besloten_regio(user, programma.regio)
        versies = list(programma.versies.all() if besloten else programma.versies.filter(openbaar=True))
        if not versies:
            raise Http404
        procedure = programma.procedure or regeling_van(programma.regio).procedure
        return super().get_context_data(
            programma=programma,
            regio=programma.regio,
            versies=versies,
            procedure_label=Procedure(procedure).label,
            **kwargs,
        )


# --- A version ---------------------------------------------------------------------------------------------------


def _grafiek(tabel):
    """Geometry of the horizontal bar chart: this year's bar and last year's thinner bar per member."""
    waarden = [r.totaal for r in tabel.rijen] + [r.vorig for r in tabel.rijen if r.vorig is not None]
    hoogste = max(waarden, default=0) or 1
    label, breedte, stap = 210, 380, 38
    balken = []
    for i, rij in enumerate(tabel.rijen):
        y = 10 + i * stap
        balken.append(
            {
                "rij": rij,
                "y": y,
                "tekst_y": y + 13,
                "vorig_y": y + 20,
                "balk": max(int(rij.totaal / hoogste * breedte), 1 if rij.totaal else 0),
                "vorig": int(rij.vorig / hoogste * breedte) if rij.vorig is not None else None,
                "bedrag_x": label + max(int(rij.totaal / hoogste * breedte), 0) + 8,
            }
        )
    return {"balken": balken, "label": label, "hoogte": 20 + len(tabel.rijen) * stap, "breedte": 760}


def _gs_open(versie, regeling):
    return (
        regeling.procedure == Procedure.ZIENSWIJZE
        and versie.status == S.VASTGESTELD
        and not versie.naar_gs_op
    )


def _acties(user, versie, regeling, mag_beheren):
    """The workflow buttons this user may use on this version now (workflow table and permissions)."""
    procedure = regeling.procedure
    acties = {}
    if mag_beheren and workflow.allowed(procedure, versie.status, S.INGEDIEND):
        acties["indienen"] = True
    mag_bestuur = permissions.can_adopt(user, versie, regeling.bestuursorgaan)
    if mag_bestuur and (
        (versie.status == S.INGEDIEND and workflow.allowed(procedure, versie.status, S.CONCEPT))
        or (selectors.open_voor_raden(versie) and procedure == Procedure.INSTEMMING)
        or (versie.status == S.VOORGELEGD and not versie.afgesloten)
    ):
        acties["terugsturen"] = TerugsturenForm()
    if workflow.allowed(procedure, versie.status, S.VASTGESTELD) and mag_bestuur and not versie.afgesloten:
        acties["vaststellen"] = VaststellenForm()
    if (
        mag_beheren
        and workflow.allowed(procedure, versie.status, S.VOORGELEGD)
        and versie.voorgelegd_op is None
    ):
        vroegst = termijnen.vroegste_deadline(procedure, timezone.localdate())
        acties["voorleggen"] = VoorleggenForm(
            initial={
                "deadline": termijnen.standaard_deadline(
                    procedure,
                    timezone.localdate(),
                    termijn_dagen=regeling.termijn_dagen,
                    zienswijze_weken=max(regeling.zienswijze_weken, termijnen.WGR_ZIENSWIJZE_WEKEN),
                )
            },
            vroegst=vroegst,
        )
    if (
        mag_beheren
        and versie.status != S.CONCEPT
        and not versie.jaarprogramma.versies.filter(status=S.CONCEPT).exists()
    ):
        acties["nieuwe_versie"] = NieuweVersieForm()
    return acties


class VersieView(PageView):
    """A version: its lines, totals, the split per member with last year's totals, a chart and the workflow."""

    template_name = "programmas/versie.html"

    def get_context_data(self, formulier=None, **kwargs):
        user = self.request.user
        versie = _versie_or_404(user, kwargs["pk"])
        regio = versie.jaarprogramma.regio
        regeling = regeling_voor(versie)
        tabel = selectors.verdelingstabel(versie, regeling)
        mag_beheren = permissions.can_manage_programma(user, regio)
        andere = [v for v in versie.jaarprogramma.versies.all() if v.pk != versie.pk]
        if not besturen_permissions.can_view_besloten_regio(user, regio):
            andere = [v for v in andere if v.openbaar]
        nieuwe_regel = None
        if mag_beheren and versie.bewerkbaar:
            opgaven = Opgave.objects.filter(regio=regio).exclude(
                pk__in=Programmaregel.objects.filter(versie=versie).values("opgave")
            )
            nieuwe_regel = NieuweRegelForm(opgaven=opgaven.order_by("titel"))
        routed = versie.status not in (S.CONCEPT, S.INGEDIEND) and versie.voorgelegd_op is not None
        acties = _acties(user, versie, regeling, mag_beheren)
        gs_form = GsVerzendingForm() if mag_beheren and _gs_open(versie, regeling) else None
        if formulier is not None:  # a refused step: its bound form with the errors in place
            actie, form = formulier
            if actie == "naar-gs":
                gs_form = form
            else:
                acties[actie.replace("-", "_")] = form
        return super().get_context_data(
            versie=versie,
            regio=regio,
            regeling=regeling,
            tabel=tabel,
            grafiek=_grafiek(tabel),
            totaal_capaciteit=sum((r.capaciteit_uren for r in tabel.regels), 0),
            mag_beheren=mag_beheren,
            acties=acties,
            vergelijk=VergelijkForm(versies=andere, initial={"met": versie.gebaseerd_op_id})
            if andere
            else None,
            nieuwe_regel=nieuwe_regel,
            beslissing=selectors.beslissing(versie, regeling) if routed else None,
            beslisregel=selectors.beslisregel_tekst(regeling),
            zienswijzen=selectors.zienswijzen_van(versie)
            if regeling.procedure == Procedure.ZIENSWIJZE
            else [],
            gs_form=gs_form,
            termijnen=selectors.zienswijze_termijnen(versie, regeling)
            if regeling.procedure == Procedure.ZIENSWIJZE
            else [],
            aantal_vragen=versie.vragen.count(),
            te_registreren=Raadsbesluit.objects.filter(
                versie=versie, pk__in=permissions.recordable_raadsbesluiten(user).values("pk")
            ).select_related("bestuur"),
            mijn_besturen=permissions.mijn_besturen(user, versie),
            mag_pakket=permissions.can_request_reviewpakket(user, versie),
            onbeantwoord=versie.raadsbesluiten.filter(uitkomst=Uitkomst.ZIENSWIJZE, antwoord="").count()
            if regeling.procedure == Procedure.ZIENSWIJZE and versie.status == S.VOORGELEGD
            else 0,
            **kwargs,
        )


ACTIE_FORMULIEREN = {
    "terugsturen": TerugsturenForm,
    "vaststellen": VaststellenForm,
    "voorleggen": VoorleggenForm,
    "naar-gs": GsVerzendingForm,
    "nieuwe-versie": NieuweVersieForm,
}


class VersieActieView(LoginRequiredMixin, View):
    """One workflow step on a version (submit, send back, adopt, route, GS, new version), each through its service.

    A refused step shows the version page again with the typed values and the service's message next to the field
    it names (or above the form).
    """

    def post(self, request, pk, actie):
        versie = _versie_or_404(request.user, pk)
        regio = versie.jaarprogramma.regio
        regeling = regeling_voor(versie)
        if actie in ("vaststellen", "terugsturen"):
            refuse(permissions.can_adopt(request.user, versie, regeling.bestuursorgaan))
        elif actie in ("indienen", "voorleggen", "nieuwe-versie", "naar-gs"):
            refuse(permissions.can_manage_programma(request.user, regio))
        else:
            raise Http404
        form = ACTIE_FORMULIEREN[actie](request.POST) if actie in ACTIE_FORMULIEREN else None
        if form is not None and not form.is_valid():
            return self.opnieuw(request, versie, actie, form)
        try:
            doel = self.perform(actie, versie, request, form.cleaned_data if form is not None else {})
        except ValidationError as exc:
            if form is None:
                messages.error(request, " ".join(_messages_of(exc)))
                return redirect(versie.get_absolute_url())
            form_errors_from(exc, form)
            return self.opnieuw(request, versie, actie, form)
        return redirect(doel.get_absolute_url())

    def opnieuw(self, request, versie, actie, form):
        view = VersieView()
        view.setup(request, pk=versie.pk)
        return view.render_to_response(view.get_context_data(pk=versie.pk, formulier=(actie, form)))

    def perform(self, actie, versie, request, data):
        user = request.user
        if actie == "indienen":
            services.submit_versie(versie, door=user)
            messages.success(request, _("De versie is ingediend bij het bestuur."))
        elif actie == "terugsturen":
            services.send_back(versie, door=user, reden=data.get("reden", ""))
            messages.success(request, _("De versie is teruggestuurd."))
        elif actie == "vaststellen":
            services.adopt_versie(versie, door=user, **data)
            messages.success(request, _("De versie is vastgesteld."))
        elif actie == "voorleggen":
            services.route_versie(versie, door=user, deadline=data["deadline"])
            messages.success(request, _("De versie ligt voor bij de raden."))
        elif actie == "naar-gs":
            services.record_gs_verzending(versie, door=user, **data)
            messages.success(request, _("De verzending aan gedeputeerde staten is vastgelegd."))
        else:
            nieuw = services.new_versie(versie, door=user, toelichting=data.get("toelichting", ""))
            messages.success(request, _("Versie %(n)s is aangemaakt als concept.") % {"n": nieuw.nummer})
            return nieuw
        return versie


# --- Lines of a concept version ----------------------------------------------------------------------------------


class RegelView(LoginRequiredMixin, PageView):
    """Change a line of a concept: amount, capacity, key, and which members take part."""

    template_name = "programmas/regel.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.regel = get_object_or_404(
                Programmaregel.objects.select_related("versie__jaarprogramma__regio", "opgave"),
                pk=kwargs["pk"],
            )
            self.versie = _versie_or_404(request.user, self.regel.versie_id)
            refuse(permissions.can_manage_programma(request.user, self.versie.jaarprogramma.regio))
        return super().dispatch(request, *args, **kwargs)

    def leden(self):
        regio = self.versie.jaarprogramma.regio
        return (
            Bestuur.objects.filter(
                Q(deelnames__in=Deelname.objects.current().filter(regio=regio))
                | Q(pk__in=self.regel.deelnemers.values("pk"))
            )
            .distinct()
            .order_by("naam")
        )

    def get_context_data(self, form=None, **kwargs):
        if form is None:
            form = RegelForm(
                leden=self.leden(),
                initial={
                    "bedrag": self.regel.bedrag,
                    "capaciteit_uren": self.regel.capaciteit_uren,
                    "sleutel": self.regel.sleutel,
                    "tarief_per_inwoner": self.regel.tarief_per_inwoner,
                    "deelnemers": list(self.regel.deelnemers.values_list("pk", flat=True)),
                },
            )
        return super().get_context_data(
            regel=self.regel, versie=self.versie, regio=self.versie.jaarprogramma.regio, form=form, **kwargs
        )

    def post(self, request, *args, **kwargs):
        form = RegelForm(request.POST, leden=self.leden())
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.update_regel(
                    self.regel,
                    door=request.user,
                    bedrag=data["bedrag"],
                    capaciteit_uren=data["capaciteit_uren"],
                    sleutel=data["sleutel"],
                    tarief_per_inwoner=data["tarief_per_inwoner"] or Decimal("0"),
                    deelnemers=list(data["deelnemers"]),
                )
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(
                    request, _("De regel %(opgave)s is gewijzigd.") % {"opgave": self.regel.opgave}
                )
                return redirect(self.versie.get_absolute_url() + "#regels")
        return self.render_to_response(self.get_context_data(form=form))


class RegelVerwijderenView(LoginRequiredMixin, View):
    def post(self, request, pk):
        regel = get_object_or_404(Programmaregel.objects.select_related("opgave"), pk=pk)
        versie = _versie_or_404(request.user, regel.versie_id)
        refuse(permissions.can_manage_programma(request.user, versie.jaarprogramma.regio))
        try:
            services.remove_regel(regel, door=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(_messages_of(exc)))
        else:
            messages.success(request, _("De regel %(opgave)s is verwijderd.") % {"opgave": regel.opgave})
        return redirect(versie.get_absolute_url() + "#regels")


class RegelToevoegenView(LoginRequiredMixin, View):
    def post(self, request, pk):
        versie = _versie_or_404(request.user, pk)
        regio = versie.jaarprogramma.regio
        refuse(permissions.can_manage_programma(request.user, regio))
        form = NieuweRegelForm(request.POST, opgaven=Opgave.objects.filter(regio=regio))
        if form.is_valid():
            try:
                services.add_regel(versie, door=request.user, **form.cleaned_data)
            except ValidationError as exc:
                messages.error(request, " ".join(_messages_of(exc)))
            else:
                messages.success(request, _("De regel is toegevoegd."))
        else:
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(versie.get_absolute_url() + "#regels")


# --- Comparing two versions --------------------------------------------------------------------------------------


class VergelijkView(PageView):
    template_name = "programmas/vergelijk.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        versie = _versie_or_404(user, kwargs["pk"])
        try:
            met_pk = int(self.request.GET.get("met") or 0)
        except ValueError:
            raise Http404 from None
        if not met_pk:
            vorige = (
                versie.gebaseerd_op or versie.jaarprogramma.versies.filter(nummer__lt=versie.nummer).first()
            )
            if vorige is None:
                raise Http404
            met_pk = vorige.pk
        andere = _versie_or_404(user, met_pk)
        if andere.jaarprogramma_id != versie.jaarprogramma_id or andere.pk == versie.pk:
            raise Http404
        a, b = (andere, versie) if andere.nummer < versie.nummer else (versie, andere)
        return super().get_context_data(
            versie=versie, regio=versie.jaarprogramma.regio, verschil=selectors.diff_versies(a, b), **kwargs
        )


# --- The secretariat's status board ------------------------------------------------------------------------------


class StatusbordView(LoginFirstMixin, PageView):
    """Members × outcome with deadlines and overdue councils; filter by outcome (htmx, shareable URL)."""

    template_name = "programmas/statusbord.html"
    htmx_partial = "besluiten"

    def get_context_data(self, **kwargs):
        user = self.request.user
        versie = _versie_or_404(user, kwargs["pk"])
        refuse(permissions.can_view_statusbord(user, versie))
        regeling = regeling_voor(versie)
        uitkomsten = (
            [Uitkomst.OPEN, Uitkomst.ZIENSWIJZE, Uitkomst.GEEN_ZIENSWIJZE]
            if regeling.procedure == Procedure.ZIENSWIJZE
            else [
                Uitkomst.OPEN,
                Uitkomst.GOEDGEKEURD,
                Uitkomst.AFGEWEZEN,
                Uitkomst.AMENDEMENT,
                Uitkomst.UITGESTELD,
            ]
        )
        keuzes = [("", _("alle uitkomsten"))] + [(u.value, u.label) for u in uitkomsten]
        keuzes.append((selectors.TE_LAAT, _("te laat (termijn verstreken, nog geen besluit)")))
        beslissing = selectors.beslissing(versie, regeling)
        filter_ = self.request.GET.get("uitkomst", "")
        if filter_ not in dict(keuzes):
            filter_ = ""
        return super().get_context_data(
            versie=versie,
            regio=versie.jaarprogramma.regio,
            regeling=regeling,
            rijen=selectors.statusbord_rijen(versie, uitkomst=filter_),
            tellingen=beslissing.lijst,
            keuzes=keuzes,
            filter=filter_,
            filter_label=dict(keuzes)[filter_],
            beslissing=beslissing,
            beslisregel=selectors.beslisregel_tekst(regeling),
            zienswijzen=selectors.zienswijzen_van(versie)
            if regeling.procedure == Procedure.ZIENSWIJZE
            else [],
            termijnen=selectors.zienswijze_termijnen(versie, regeling)
            if regeling.procedure == Procedure.ZIENSWIJZE
            else [],
            **kwargs,
        )


# --- A council's decision ----------------------------------------------------------------------------------------


class RaadsbesluitView(PageView):
    """A council's decision: its history for whoever may read the version; the form for its secretary only."""

    template_name = "programmas/raadsbesluit.html"

    def dispatch(self, request, *args, **kwargs):
        self.besluit = get_object_or_404(
            Raadsbesluit.objects.select_related("bestuur", "raad", "versie__jaarprogramma__regio"),
            pk=kwargs["pk"],
        )
        if not permissions.can_view_versie(request.user, self.besluit.versie):
            raise Http404
        self.regeling = regeling_voor(self.besluit.versie)
        return super().dispatch(request, *args, **kwargs)

    def correctie(self):
        return self.besluit.uitkomst not in termijnen.OPEN_UITKOMSTEN

    def get_context_data(self, form=None, antwoord_form=None, deadline_form=None, **kwargs):
        user = self.request.user
        besluit = self.besluit
        versie = besluit.versie
        if (
            deadline_form is None
            and selectors.open_voor_raden(versie)
            and besluit.uitkomst in termijnen.OPEN_UITKOMSTEN
            and versie.status != S.VASTGESTELD
            and permissions.can_manage_programma(user, versie.jaarprogramma.regio)
        ):
            deadline_form = RaadDeadlineForm(initial={"deadline": besluit.deadline})
        mag_vastleggen = permissions.can_record_raadsbesluit(user, besluit)
        open_voor_besluit = selectors.open_voor_raden(besluit.versie)
        if form is None and mag_vastleggen and open_voor_besluit:
            form = RaadsbesluitForm(procedure=self.regeling.procedure, correctie=self.correctie())
        mag_antwoorden = besluit.uitkomst == Uitkomst.ZIENSWIJZE and permissions.can_answer_zienswijze(
            user, besluit
        )
        if antwoord_form is None and mag_antwoorden:
            antwoord_form = ZienswijzeAntwoordForm(initial={"antwoord": besluit.antwoord})
        return super().get_context_data(
            besluit=besluit,
            versie=besluit.versie,
            regio=besluit.versie.jaarprogramma.regio,
            registraties=selectors.registraties_van(besluit),
            mag_vastleggen=mag_vastleggen,
            open_voor_besluit=open_voor_besluit,
            correctie=self.correctie(),
            form=form,
            antwoord_form=antwoord_form,
            deadline_form=deadline_form,
            te_laat=termijnen.is_te_laat(besluit.uitkomst, besluit.deadline, timezone.localdate()),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        refuse(permissions.can_record_raadsbesluit(request.user, self.besluit))
        form = RaadsbesluitForm(
            request.POST, request.FILES, procedure=self.regeling.procedure, correctie=self.correctie()
        )
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_raadsbesluit(
                    self.besluit,
                    door=request.user,
                    uitkomst=data["uitkomst"],
                    datum_raad=data["datum_raad"],
                    stemmen_voor=data["stemmen_voor"],
                    stemmen_tegen=data["stemmen_tegen"],
                    onthoudingen=data["onthoudingen"],
                    amendement=data.get("amendement", ""),
                    zienswijze=data.get("zienswijze", ""),
                    document=data["document"] or None,
                    reden=data.get("reden", ""),
                )
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(
                    request,
                    _("Het besluit van %(bestuur)s is vastgelegd.") % {"bestuur": self.besluit.bestuur},
                )
                return redirect(self.besluit.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form))


class RaadDeadlineView(LoginRequiredMixin, View):
    """The secretariat gives one council its own deadline (never shorter than the law allows)."""

    def post(self, request, pk):
        besluit = get_object_or_404(
            Raadsbesluit.objects.select_related("bestuur", "raad", "versie__jaarprogramma__regio"), pk=pk
        )
        if not permissions.can_view_versie(request.user, besluit.versie):
            raise Http404
        refuse(permissions.can_manage_programma(request.user, besluit.versie.jaarprogramma.regio))
        form = RaadDeadlineForm(request.POST)
        if form.is_valid():
            try:
                services.set_raad_deadline(besluit, deadline=form.cleaned_data["deadline"], door=request.user)
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(
                    request,
                    _("De uiterste datum van %(bestuur)s is %(datum)s.")
                    % {"bestuur": besluit.bestuur, "datum": date_format(form.cleaned_data["deadline"])},
                )
                return redirect(besluit.get_absolute_url())
        view = RaadsbesluitView()
        view.setup(request, pk=pk)
        view.besluit = besluit
        view.regeling = regeling_voor(besluit.versie)
        return view.render_to_response(view.get_context_data(deadline_form=form))


class ZienswijzeAntwoordView(LoginRequiredMixin, View):
    def post(self, request, pk):
        besluit = get_object_or_404(
            Raadsbesluit.objects.select_related("versie__jaarprogramma__regio"), pk=pk
        )
        if not permissions.can_view_versie(request.user, besluit.versie):
            raise Http404
        refuse(permissions.can_answer_zienswijze(request.user, besluit))
        form = ZienswijzeAntwoordForm(request.POST)
        if form.is_valid():
            try:
                services.answer_zienswijze(besluit, antwoord=form.cleaned_data["antwoord"], door=request.user)
            except ValidationError as exc:
                messages.error(request, " ".join(_messages_of(exc)))
            else:
                messages.success(request, _("De zienswijze is beantwoord."))
        else:
            messages.error(request, _("Schrijf een antwoord op de zienswijze."))
        return redirect(besluit.get_absolute_url())


class DocumentView(View):
    """Serve a decision document from MEDIA_ROOT, only to whoever may read the version (404 otherwise)."""

    def get(self, request, pk):
        registratie = get_object_or_404(
            Registratie.objects.select_related("besluit__versie__jaarprogramma__regio", "besluit__bestuur"),
            pk=pk,
        )
        if not registratie.document or not permissions.can_view_versie(
            request.user, registratie.besluit.versie
        ):
            raise Http404
        try:
            bestand = registratie.document.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        naam = f"besluit-{slugify(registratie.besluit.bestuur.naam)}-{registratie.datum_raad:%Y-%m-%d}.pdf"
        response = FileResponse(bestand, as_attachment=True, filename=naam, content_type="application/pdf")
        response["X-Content-Type-Options"] = "nosniff"
        return response


# --- The council member's view -----------------------------------------------------------------------------------


class MijnGemeenteView(LoginFirstMixin, PageView):
    """A council member's page: their municipality's share per line and in total against last year, Q&A."""

    template_name = "programmas/mijn_gemeente.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.versie = _versie_or_404(request.user, kwargs["pk"])
            self.besturen = permissions.mijn_besturen(request.user, self.versie)
            refuse(bool(self.besturen))
            gekozen = request.GET.get("bestuur") or request.POST.get("bestuur")
            self.bestuur = next((b for b in self.besturen if str(b.pk) == str(gekozen)), self.besturen[0])
        return super().dispatch(request, *args, **kwargs)

    def vraagstellers(self):
        return permissions.vraagsteller_besturen(self.request.user, self.versie)

    def get_context_data(self, form=None, **kwargs):
        regio = self.versie.jaarprogramma.regio
        regeling = regeling_voor(self.versie)
        tabel = selectors.verdelingstabel(self.versie, regeling)
        rij = tabel.rij_van(self.bestuur.pk)
        vraagstellers = self.vraagstellers()
        if form is None and vraagstellers:
            form = VraagForm(
                regels=tabel.regels, besturen=vraagstellers, initial={"bestuur": self.bestuur.pk}
            )
        return super().get_context_data(
            versie=self.versie,
            regio=regio,
            regeling=regeling,
            bestuur=self.bestuur,
            besturen=self.besturen,
            tabel=tabel,
            rij=rij,
            aandeel=list(zip(tabel.regels, rij.bedragen, strict=True)) if rij else [],
            aandeel_procent=(rij.totaal / tabel.totaal * 100) if rij and tabel.totaal else None,
            vragen=selectors.vragen_van(self.versie),
            form=form,
            besluit=Raadsbesluit.objects.filter(versie=self.versie, bestuur=self.bestuur).first(),
            beslisregel=selectors.beslisregel_tekst(regeling),
            zienswijzen=selectors.zienswijzen_van(self.versie)
            if regeling.procedure == Procedure.ZIENSWIJZE
            else [],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        vraagstellers = self.vraagstellers()
        refuse(permissions.can_ask_question(request.user, self.versie))
        regels = list(selectors.regels_van(self.versie))
        form = VraagForm(request.POST, regels=regels, besturen=vraagstellers)
        if form.is_valid():
            data = form.cleaned_data
            regel = next((r for r in regels if r.pk == data["regel"]), None)
            bestuur = next(b for b in vraagstellers if b.pk == data["bestuur"])
            try:
                services.ask_question(
                    self.versie, tekst=data["tekst"], door=request.user, regel=regel, bestuur=bestuur
                )
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(
                    request, _("Uw vraag is gesteld. Het secretariaat beantwoordt haar voor alle raden.")
                )
                return redirect(
                    reverse("programmas:mijn_gemeente", args=[self.versie.pk]) + f"?bestuur={bestuur.pk}"
                )
        return self.render_to_response(self.get_context_data(form=form))


class VragenView(PageView):
    """All questions on a version with their answers; the secretariat answers here."""

    template_name = "programmas/vragen.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        versie = _versie_or_404(user, kwargs["pk"])
        regio = versie.jaarprogramma.regio
        mag_antwoorden = permissions.can_manage_programma(user, regio)
        return super().get_context_data(
            versie=versie,
            regio=regio,
            vragen=selectors.vragen_van(versie),
            mag_antwoorden=mag_antwoorden,
            **kwargs,
        )


class VraagAntwoordView(LoginRequiredMixin, View):
    def post(self, request, pk):
        vraag = get_object_or_404(Vraag.objects.select_related("versie__jaarprogramma__regio"), pk=pk)
        if not permissions.can_view_versie(request.user, vraag.versie):
            raise Http404
        refuse(permissions.can_answer_question(request.user, vraag))
        form = AntwoordForm(request.POST)
        if form.is_valid():
            services.answer_question(vraag, antwoord=form.cleaned_data["antwoord"], door=request.user)
            messages.success(request, _("Het antwoord is gedeeld met de raden."))
        else:
            messages.error(request, _("Schrijf een antwoord."))
        return redirect(reverse("programmas:vragen", args=[vraag.versie_id]) + f"#vraag-{vraag.pk}")


# --- Public status of a programme --------------------------------------------------------------------------------


class StatusView(PageView):
    """Where an adopted programme stands with the councils: public once the version is public."""

    template_name = "programmas/status.html"

    def get_context_data(self, **kwargs):
        versie = _versie_or_404(self.request.user, kwargs["pk"])
        regeling = regeling_voor(versie)
        routed = versie.voorgelegd_op is not None
        return super().get_context_data(
            versie=versie,
            regio=versie.jaarprogramma.regio,
            regeling=regeling,
            rijen=selectors.statusbord_rijen(versie) if routed else [],
            beslissing=selectors.beslissing(versie, regeling) if routed else None,
            beslisregel=selectors.beslisregel_tekst(regeling),
            zienswijzen=selectors.zienswijzen_van(versie)
            if regeling.procedure == Procedure.ZIENSWIJZE
            else [],
            termijnen=selectors.zienswijze_termijnen(versie, regeling)
            if regeling.procedure == Procedure.ZIENSWIJZE
            else [],
            **kwargs,
        )


# --- Exports -----------------------------------------------------------------------------------------------------


def _export_rijen(tabel, versie):
    jaar = versie.jaarprogramma.jaar
    yield (
        [_("Lid"), _("Code"), _("Inwoners")]
        + [regel.opgave.titel for regel in tabel.regels]
        + [_("Totaal %(jaar)s") % {"jaar": jaar}, _("Totaal %(jaar)s") % {"jaar": jaar - 1}, _("Verschil")]
    )
    for rij in tabel.rijen:
        yield (
            [rij.bestuur.naam, rij.bestuur.code, rij.inwoners]
            + list(rij.bedragen)
            + [rij.totaal, rij.vorig, rij.verschil]
        )
    yield [_("Totaal"), "", None] + tabel.kolomtotalen + [tabel.totaal, tabel.vorig_totaal, None]


def _bestandsnaam(versie, extensie):
    programma = versie.jaarprogramma
    return f"verdeling-{programma.regio.slug}-{programma.jaar}-v{versie.nummer}.{extensie}"


class VerdelingCsvView(View):
    """The split per member as CSV (comma-separated, decimal point, UTF-8 with BOM so spreadsheets read it)."""

    def get(self, request, pk):
        versie = _versie_or_404(request.user, pk)
        tabel = selectors.verdelingstabel(versie, regeling_voor(versie))
        return streaming_csv_response(_export_rijen(tabel, versie), _bestandsnaam(versie, "csv"))


def _zip_met_vaste_tijd(inhoud, moment):
    """The same zip (an .xlsx) with every entry stamped `moment` instead of the time of writing."""
    bron = zipfile.ZipFile(io.BytesIO(inhoud))
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as doel:
        for info in bron.infolist():
            nieuw = zipfile.ZipInfo(
                info.filename, date_time=max(moment.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
            )
            nieuw.compress_type = zipfile.ZIP_DEFLATED
            doel.writestr(nieuw, bron.read(info.filename))
    return uit.getvalue()


class VerdelingXlsxView(View):
    """The split per member as an Excel workbook (write-only, amounts as numbers in euro format)."""

    def get(self, request, pk):
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        versie = _versie_or_404(request.user, pk)
        tabel = selectors.verdelingstabel(versie, regeling_voor(versie))
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(title=_("Verdeling")[:31])
        vet = Font(bold=True)
        rijen = list(_export_rijen(tabel, versie))
        for i, rij in enumerate(rijen):
            cellen = []
            for j, waarde in enumerate(rij):
                cel = WriteOnlyCell(ws, value=waarde)
                if isinstance(waarde, str):
                    cel.data_type = "s"  # text stays text, even when it starts with "="
                if i == 0 or i == len(rijen) - 1:
                    cel.font = vet
                if i > 0 and j >= 3 and waarde is not None:
                    cel.number_format = '"€" #,##0.00'
                cellen.append(cel)
            ws.append(cellen)
        # A frozen version's workbook is the same file every time: its timestamps are the moment it was frozen.
        moment = timezone.localtime(versie.bevroren_op) if versie.bevroren_op else timezone.localtime()
        moment = moment.replace(tzinfo=None, microsecond=0)
        wb.properties.created = wb.properties.modified = moment
        uitvoer = io.BytesIO()
        wb.save(uitvoer)
        response = HttpResponse(
            _zip_met_vaste_tijd(uitvoer.getvalue(), moment),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(versie, "xlsx")}"'
        return response


# --- Review packets ----------------------------------------------------------------------------------------------


class ReviewpakketView(PageView):
    """A member council's review packet: ask for it, watch it being made (htmx polling), then download it."""

    template_name = "programmas/reviewpakket.html"
    htmx_partial = "voortgang"

    def dispatch(self, request, *args, **kwargs):
        self.versie = _versie_or_404(request.user, kwargs["pk"])
        deelnemers = Programmaregel.deelnemers.through.objects.filter(programmaregel__versie=self.versie)
        self.bestuur = get_object_or_404(
            Bestuur.objects.filter(pk__in=deelnemers.values("bestuur_id")), pk=kwargs["bestuur"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.pop("bestuur", None)  # the URL's id; the context gets the Bestuur itself
        pakket = Reviewpakket.objects.filter(versie=self.versie, bestuur=self.bestuur).first()
        return super().get_context_data(
            versie=self.versie,
            regio=self.versie.jaarprogramma.regio,
            bestuur=self.bestuur,
            pakket=pakket,
            bezig=pakket is not None and pakket.status in (PakketStatus.WACHTEND, PakketStatus.BEZIG),
            mag_aanvragen=permissions.can_request_reviewpakket(self.request.user, self.versie),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        refuse(permissions.can_request_reviewpakket(request.user, self.versie))
        try:
            services.request_reviewpakket(self.versie, self.bestuur, door=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(_messages_of(exc)))
        if request.htmx:
            response = self.render_to_response(self.get_context_data())
            patch_vary_headers(response, ["HX-Request"])
            return response
        return redirect(reverse("programmas:reviewpakket", args=[self.versie.pk, self.bestuur.pk]))


class ReviewpakketDownloadView(View):
    def get(self, request, pk, bestuur):
        versie = _versie_or_404(request.user, pk)
        pakket = get_object_or_404(Reviewpakket, versie=versie, bestuur_id=bestuur, status=PakketStatus.KLAAR)
        if not pakket.bestand:
            raise Http404
        try:
            bestand = pakket.bestand.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        naam = f"reviewpakket-{slugify(pakket.bestuur.naam)}-{versie.jaarprogramma.jaar}-v{versie.nummer}.pdf"
        return FileResponse(bestand, as_attachment=True, filename=naam, content_type="application/pdf")
