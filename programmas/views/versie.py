"""A version: its page with the cost split and chart, and the workflow steps on it."""

import hashlib
import html
import logging

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View

from besturen import permissions as besturen_permissions
from opgaven.models import Opgave
from regioportaal import generaties
from regioportaal.views import PageView, form_errors_from, refuse

from .. import permissions, selectors, services, termijnen
from ..forms import (
    GsVerzendingForm,
    NieuweRegelForm,
    NieuweVersieForm,
    TerugsturenForm,
    VaststellenForm,
    VergelijkForm,
    VoorleggenForm,
)
from ..models import (
    Procedure,
    Programmaregel,
    Uitkomst,
    Versie,
)
from ..policies import REVIEWPAKKET, VERSIE
from ..regeling import regeling_voor
from ..templatetags.programma import maak_op
from ._gedeeld import S, _messages_of, _versie_or_404, versies_met_regeling

logger = logging.getLogger(__name__)

# --- A version ---------------------------------------------------------------------------------------------------


def _grafiek(tabel):
    """Geometry of the horizontal bar chart: this year's bar and last year's thinner bar per member.

    The numbers come as text, as the template would write them (a number in a template goes through the locale's
    number formatting, some 200 times for a chart of 20 members)."""
    waarden = [r.totaal for r in tabel.rijen] + [r.vorig for r in tabel.rijen if r.vorig is not None]
    hoogste = max(waarden, default=0) or 1
    label, breedte, stap = 210, 380, 38
    balken = []
    for i, rij in enumerate(tabel.rijen):
        y = 10 + i * stap
        balken.append(
            {
                "rij": rij,
                "y": str(y),
                "tekst_y": str(y + 13),
                "vorig_y": str(y + 20),
                "balk": str(max(int(rij.totaal / hoogste * breedte), 1 if rij.totaal else 0)),
                "vorig": str(int(rij.vorig / hoogste * breedte)) if rij.vorig is not None else None,
                "bedrag_x": str(label + max(int(rij.totaal / hoogste * breedte), 0) + 8),
            }
        )
    return {
        "balken": balken,
        "label": str(label),
        "naam_x": str(label - 10),
        "hoogte": str(20 + len(tabel.rijen) * stap),
        "breedte": "760",
    }


# The page's steps (as the URL names them) and the policy's actions behind them.
STAPPEN = {
    "indienen": "submit",
    "terugsturen": "send_back",
    "vaststellen": "adopt",
    "voorleggen": "route",
    "naar-gs": "record_gs",
    "nieuwe-versie": "new_version",
}


def _acties(allowed, regeling):
    """The workflow forms this user may use on this version now: exactly the actions the policy allows."""
    procedure = regeling.procedure
    acties = {}
    if allowed.get("submit"):
        acties["indienen"] = True
    if allowed.get("send_back"):
        acties["terugsturen"] = TerugsturenForm()
    if allowed.get("adopt"):
        acties["vaststellen"] = VaststellenForm()
    if allowed.get("route"):
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
    if allowed.get("new_version"):
        acties["nieuwe_versie"] = NieuweVersieForm()
    return acties


# The version page's fragments that are the same for every reader of one visibility class (`_fragmenten`).
FRAGMENTEN = {
    "regels": "programmas/_versie_regels.html",
    "verdeling": "programmas/_versie_verdeling.html",
    "pakketten": "programmas/_versie_pakketten.html",
}
FRAGMENT_PREFIX = "programmas:fragment:versie:"
FRAGMENT_BEWAARTIJD = (
    24 * 60 * 60
)  # seconds; only to free memory: the generations in the key decide freshness


def _pakket_url_maker(versie):
    """A function `member id -> URL of its review packet of versie`, the URL of `{% url 'programmas:reviewpakket'
    versie.pk bestuur.pk %}` from one `reverse`."""
    plek = 900719925474099  # a number no real id has
    begin, _midden, eind = reverse("programmas:reviewpakket", args=[versie.pk, plek]).rpartition(f"/{plek}/")
    return lambda bestuur_id: f"{begin}/{bestuur_id}/{eind}"


def _escape(tekst):
    """`django.utils.html.escape` without its lazy wrapper (the text goes into a string marked safe as a whole)."""
    return html.escape(str(tekst))


def _datum_jnY(datum):  # noqa: N802 - named after the format
    """A date as `dateformat.format(datum, "j-n-Y")` writes it: 1-3-2026."""
    return f"{datum.day}-{datum.month}-{datum.year:04d}"


def _rijen_html(versie, tabel):
    """Give each row of the split table its HTML (`rij.html`), as the template wrote it cell by cell: the figures
    come pre-formatted (`maak_op`), so a row is one string instead of some forty template lookups; and its item in
    the list of review packets (`rij.pakket_html`). The table gets the rows, the packets' items, the lines' column
    heads and the column totals joined (`rijen_html`, `pakketten_html`, `koppen_html`, `kolomtotalen_html`): what
    the fragments' loops over them wrote."""
    niet = (
        '<span aria-hidden="true">—</span><span class="visually-hidden">'
        + escape(_("neemt niet deel"))
        + "</span>"
    )
    geen = '<span class="meta">' + escape(_("geen")) + "</span>"
    pakket_url = _pakket_url_maker(versie)
    esc = _escape
    for rij in tabel.rijen:
        rij.pakket_html = mark_safe(  # noqa: S308 - the name escaped
            f'<li><a href="{pakket_url(rij.bestuur.pk)}">{esc(rij.bestuur.naam)}</a></li>'
        )
        meta = ""
        if rij.peildatum:
            bron = f", {esc(rij.bron)}" if rij.bron else ""
            meta = f' <span class="meta">({_datum_jnY(rij.peildatum)}{bron})</span>'
        cellen = "".join(f'<td class="num">{niet if b is None else esc(b)}</td>' for b in rij.bedragen_tekst)
        rij.html = mark_safe(  # noqa: S308 - every value escaped above
            f'\n      <tr>\n        <th scope="row">{esc(rij.bestuur.naam)}</th>\n'
            f'        <td class="num">{esc(rij.inwoners_tekst or "—")}{meta}</td>\n'
            f"        {cellen}\n"
            f'        <td class="num"><strong>{esc(rij.totaal_tekst)}</strong></td>\n'
            f'        <td class="num">{geen if rij.vorig is None else esc(rij.vorig_tekst)}</td>\n'
            f'        <td class="num">{esc(rij.verschil_tekst)}</td>\n      </tr>\n    '
        )
    tabel.rijen_html = mark_safe("".join(rij.html for rij in tabel.rijen))  # noqa: S308 - rows escaped above
    tabel.pakketten_html = mark_safe("".join(rij.pakket_html for rij in tabel.rijen))  # noqa: S308 - idem
    tabel.koppen_html = mark_safe(  # noqa: S308 - every title escaped
        "".join(f'<th scope="col" class="num">{esc(regel.titel)}</th>' for regel in tabel.regels)
    )
    tabel.kolomtotalen_html = mark_safe(  # noqa: S308 - every amount escaped
        "".join(f'<td class="num">{esc(bedrag)}</td>' for bedrag in tabel.kolomtotalen_tekst)
    )


def _staven_html(grafiek):
    """The chart's bars as one SVG string (`grafiek["staven"]`), each value escaped, as the template wrote them."""
    g = grafiek
    delen = []
    for balk in g["balken"]:
        vorig = (
            f'<rect x="{g["label"]}" y="{balk["vorig_y"]}" width="{balk["vorig"]}" height="7" fill="#6b7683"></rect>'
            if balk["vorig"] is not None
            else ""
        )
        delen.append(
            f'\n      <text x="{g["naam_x"]}" y="{balk["tekst_y"]}" text-anchor="end" font-size="13" fill="#1b1f24">'
            f"{_escape(balk['rij'].bestuur.naam)}</text>\n"
            f'      <rect x="{g["label"]}" y="{balk["y"]}" width="{balk["balk"]}" height="16" fill="#0b5394"></rect>\n'
            f"      {vorig}\n"
            f'      <text x="{balk["bedrag_x"]}" y="{balk["tekst_y"]}" font-size="12" fill="#1b1f24">'
            f"{_escape(balk['rij'].totaal_rond)}</text>\n      "
        )
    g["staven"] = mark_safe("".join(delen))  # noqa: S308 - every value escaped above
    return g


def _tabel_context(user, versie, regeling):
    """What the split's fragments show: the lines with the titles `user` may read, the split per member with last
    year's totals, the chart and the totals (the heavy part of the page)."""
    tabel = selectors.verdelingstabel(versie, regeling, deelnemers=False)
    selectors.met_titels(user, tabel.regels)
    notatie = maak_op(tabel)
    _rijen_html(versie, tabel)
    return {
        "tabel": tabel,
        "grafiek": _staven_html(_grafiek(tabel)),
        "totaal_capaciteit": notatie.getal(sum((r.capaciteit_uren for r in tabel.regels), 0)),
    }


def _versies_or_404(user, pk):
    """The version `pk` (as `_versie_or_404`: 404 for whoever may not read it) and the other versions of its
    programme, from one query (every version of the programme, in the model's order: within one programme, by
    number down); the version carries `aantal_vragen`, the number of questions on it."""
    pk = int(pk)
    versies = (
        versies_met_regeling(
            f"WHERE v.jaarprogramma_id = (SELECT u.jaarprogramma_id FROM {Versie._meta.db_table} u WHERE u.id = %s) "
            "ORDER BY v.nummer DESC",
            [pk],
        )
        if 0 < pk < 2**63
        else []
    )
    versie = next((v for v in versies if v.pk == pk), None)
    if versie is None or not permissions.can_view_versie(user, versie):
        raise Http404
    versie.jaarprogramma.alle_versies = versies  # for `VersiePolicy.state_new_version`: no query of its own
    return versie, [v for v in versies if v.pk != pk]


def _fragment_key(zie_besloten, versie, regio):
    """The key of a version's fragments: the version, the reader's visibility class (whether they read the
    titles of the region's unpublished opgaven, as `opgaven.selectors.visible_opgave_ids` decides: a line's opgave
    is always of the version's region), the language and the region page's generations.

    Those generations are exact for every row the fragments show: the lines, their fixed contributions, the
    stored shares, the version itself and last year's version, the members and their populations carry no
    `regio_id` (a write replaces the global generation); the opgaven, the programme and the region's settings
    (key, rates, share of the population) name the version's region and no other region's page shows them. No
    fragment shows today's date or anything that depends on it."""
    delen = [
        str(versie.pk),
        "besloten" if zie_besloten else "openbaar",
        translation.get_language() or "",
        *generaties.voor_regio(regio.pk),
    ]
    return FRAGMENT_PREFIX + hashlib.sha256("\x1f".join(delen).encode()).hexdigest()


def _fragmenten(user, versie, regio, regeling):
    """The rendered split fragments of the version page (lines table, split per member with the chart, list of
    review packets) and whether the split has rows, from the cache or rendered and stored. Rendered without the
    request: nothing of the reader (a CSRF token, a right to act) can be inside. None when the cache is down."""
    # Whether the reader reads the titles of the region's unpublished opgaven: the test
    # `opgaven.selectors.visible_opgave_ids` applies (`regios_met_regionale_rol`). Outside the try: a database error
    # is no cache failure.
    zie_besloten = besturen_permissions.heeft_regionale_rol(user, regio)
    try:  # the generations are read before the rows: a write meanwhile replaces them, so this entry is never read
        key = _fragment_key(zie_besloten, versie, regio)
        fragmenten = cache.get(key)
    except Exception:
        logger.warning("version page fragments: cache unavailable", exc_info=True)
        return None
    if fragmenten is not None:
        return fragmenten
    context = {
        "versie": versie,
        "regeling": regeling,
        "mag_bewerken": False,
        **_tabel_context(user, versie, regeling),
    }
    fragmenten = {
        naam: mark_safe(render_to_string(template, context)) for naam, template in FRAGMENTEN.items()
    }
    fragmenten["heeft_rijen"] = bool(context["tabel"].rijen)
    try:
        cache.set(key, fragmenten, FRAGMENT_BEWAARTIJD)
    except Exception:
        logger.warning("version page fragments not stored", exc_info=True)
    return fragmenten


class VersieView(PageView):
    """A version: its lines, totals, the split per member with last year's totals, a chart and the workflow.

    The split (lines table, split per member, chart, the packets' list) comes from the fragment cache
    (`_fragmenten`) for a reader who may not edit the lines; an editor's page renders it with the edit buttons."""

    template_name = "programmas/versie.html"
    reads_primary = True  # its fragments are cached under generation numbers (PageView)

    def get_context_data(self, formulier=None, **kwargs):
        user = self.request.user
        versie, andere = _versies_or_404(user, kwargs["pk"])
        regio = versie.jaarprogramma.regio
        regeling = regeling_voor(versie)
        mag_beheren = permissions.can_manage_programma(user, regio)
        if not besturen_permissions.can_view_besloten_regio(user, regio):
            andere = [v for v in andere if v.openbaar]
        allowed = VERSIE.allowed(user, versie)
        nieuwe_regel = None
        fragmenten = None
        if allowed.get("edit"):
            opgaven = Opgave.objects.filter(regio=regio).exclude(
                pk__in=Programmaregel.objects.filter(versie=versie).values("opgave")
            )
            nieuwe_regel = NieuweRegelForm(opgaven=opgaven.order_by("titel"))
        else:
            fragmenten = _fragmenten(user, versie, regio, regeling)
        if fragmenten is None:
            split = _tabel_context(user, versie, regeling)
            heeft_rijen = bool(split["tabel"].rijen)
        else:
            split = {}
            heeft_rijen = fragmenten["heeft_rijen"]
        routed = versie.status not in (S.CONCEPT, S.INGEDIEND) and versie.voorgelegd_op is not None
        acties = _acties(allowed, regeling)
        gs_form = GsVerzendingForm() if allowed.get("record_gs") else None
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
            fragmenten=fragmenten,
            heeft_rijen=heeft_rijen,
            **split,
            mag_beheren=mag_beheren,
            mag_bewerken=allowed.get("edit", False),
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
            aantal_vragen=versie.aantal_vragen,
            # One version: by member name (as `RAADSBESLUIT.objects(user, "record", ...)`), from one written-out query.
            te_registreren=permissions.te_registreren(user, versie),
            mijn_besturen=permissions.mijn_besturen(user, versie),
            mag_pakket=REVIEWPAKKET.may(user, "request", versie),
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
        if actie not in STAPPEN:
            raise Http404
        # The role answers 403 here; a wrong state is the service's to explain next to the form.
        refuse(VERSIE.permits(request.user, STAPPEN[actie], versie))
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
