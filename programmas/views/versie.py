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
from django.template.context_processors import csrf
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import MONTHS
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from besturen import permissions as besturen_permissions
from opgaven.models import Opgave
from regioportaal import generaties
from regioportaal.forms import veld_html
from regioportaal.templatetags.portaal import euro as portaal_euro
from regioportaal.views import PageView, form_errors_from, refuse

from .. import permissions, selectors, services, termijnen, weergave
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
from ..templatetags.programma import aandeel_procent, maak_op, rest_procent
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


def _acties_html(versie, acties, gs_form, onbeantwoord, csrf_token):
    """The section of the workflow's forms (`acties` as `_acties` gives them, a refused step's bound form in its
    place; `gs_form`), as the page's template wrote it tag by tag; empty without any. `csrf_token`: the value the
    `csrf` context processor gives the template (`{% csrf_token %}` writes nothing for an empty one or
    "NOTPROVIDED")."""
    _ = weergave.teksten().gettext  # each fixed text translated once per language
    if not (acties or gs_form):
        return ""
    csrf = (
        format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', csrf_token)
        if csrf_token and csrf_token != "NOTPROVIDED"
        else ""
    )

    def begin(actie, titel=None):
        url = conditional_escape(weergave.versie_url("programmas:actie", versie.pk, actie))
        if titel is None:
            return f'\n    <form method="post" action="{url}">\n      {csrf}\n      '
        return (
            f'\n    <form method="post" action="{url}" class="form" aria-labelledby="{titel}-titel">\n'
            f"      {csrf}\n      "
        )

    def fouten(form):  # `{% include "form_errors.html" with form=form %}`
        if form.non_field_errors():
            return get_template("form_errors.html").render({"form": form})
        return "\n"

    def velden(form):
        return "".join(veld_html(field) for field in form)

    def knop(tekst):
        return f'\n      <button type="submit">{_t(tekst)}</button>\n    </form>\n    '

    def met_titel(actie, titel_id, titel, form, midden, knoptekst):
        """A form with a heading: its title, the form's errors, `midden` (already escaped) and its button."""
        return [
            begin(actie, titel_id),
            f'<h3 id="{titel_id}-titel">{_t(titel)}</h3>\n      {fouten(form)}\n      {midden}',
            knop(knoptekst),
        ]

    volgende = _t(_("Volgende stap"))
    delen = [f'\n<section aria-labelledby="acties-titel">\n  <h2 id="acties-titel">{volgende}</h2>\n']
    delen.append('  <div class="knoppen">\n    ')
    if acties.get("indienen"):
        uitleg = _t(
            _("Dien het concept in bij het bestuur; het komt op de agenda van de volgende vergadering.")
        )
        delen += [begin("indienen"), f"<p>{uitleg}</p>", knop(_("Indienen bij het bestuur"))]
    delen.append("\n    ")
    if form := acties.get("terugsturen"):
        if versie.status == S.INGEDIEND:
            titel = _("Terugsturen naar het secretariaat")
        else:
            titel = _("Terugsturen: de raden beslissen niet meer over deze versie")
        delen += met_titel(
            "terugsturen", "terugsturen", titel, form, veld_html(form["reden"]), _("Terugsturen")
        )
    delen.append("\n    ")
    if form := acties.get("vaststellen"):
        waarschuwing = ""
        if onbeantwoord:
            waarschuwing = ngettext(
                "Nog %(n)s zienswijze te beantwoorden: pas daarna kan het bestuur vaststellen.",
                "Nog %(n)s zienswijzen te beantwoorden: pas daarna kan het bestuur vaststellen.",
                onbeantwoord,
            ) % {"n": _waarde(onbeantwoord)}
            waarschuwing = f'<p class="waarschuwing">{waarschuwing}</p>'
        delen += met_titel(
            "vaststellen",
            "vaststellen",
            _("Vaststellen door het bestuur"),
            form,
            f"{waarschuwing}\n      {velden(form)}",
            _("Vaststellen"),
        )
    delen.append("\n    ")
    if form := acties.get("voorleggen"):
        delen += met_titel(
            "voorleggen",
            "voorleggen",
            _("Voorleggen aan de raden"),
            form,
            velden(form),
            _("Voorleggen aan de raden"),
        )
    delen.append("\n    ")
    if gs_form:
        wgr = _t(
            _(
                "Wgr art. 34 lid 2: binnen twee weken na de vaststelling, en vóór 15 september van het jaar ervoor."
            )
        )
        delen += met_titel(
            "naar-gs",
            "gs",
            _("Verzonden aan gedeputeerde staten"),
            gs_form,
            f"<p>{wgr}</p>\n      {velden(gs_form)}",
            _("Verzending vastleggen"),
        )
    delen.append("\n    ")
    if form := acties.get("nieuwe_versie"):
        delen += met_titel(
            "nieuwe-versie", "nieuwe-versie", _("Nieuwe versie maken"), form, velden(form), _("Nieuwe versie")
        )
    delen.append("\n  </div>\n</section>\n")
    return mark_safe("".join(delen))  # noqa: S308 - every value escaped, the forms as `{% veld %}` writes them


# The version page's fragments that are the same for every reader of one visibility class (`_fragmenten`).
FRAGMENTEN = {
    "regels": "programmas/_versie_regels.html",  # with lines written in Python (`_regels_fragment_html`)
}  # and "verdeling" and "pakketten", what `programmas/_versie_verdeling.html` and `programmas/_versie_pakketten.html`
# write, written in Python (`_verdeling_html`, `_pakketten_html`)
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


def _rijen_html(versie, tabel, notatie):
    """Give each row of the split table its HTML (`rij.html`), as the template wrote it cell by cell: the figures
    come pre-formatted (`maak_op`), so a row is one string instead of some forty template lookups; and its item in
    the list of review packets (`rij.pakket_html`). The table gets the rows, the packets' items, the lines' column
    heads and the column totals joined (`rijen_html`, `pakketten_html`, `koppen_html`, `kolomtotalen_html`): what
    the fragments' loops over them wrote. The figures are written as they are when `notatie` (the notation that
    wrote them) says escaping leaves them unchanged."""
    _ = weergave.teksten().gettext  # each fixed text translated once per language
    niet = (
        '<span aria-hidden="true">—</span><span class="visually-hidden">'
        + escape(_("neemt niet deel"))
        + "</span>"
    )
    geen = '<span class="meta">' + escape(_("geen")) + "</span>"
    pakket_url = _pakket_url_maker(versie)
    esc = _escape
    cijfer = str if notatie.veilig else _escape  # a figure's text (a str) as it is, or escaped
    for rij in tabel.rijen:
        rij.pakket_html = mark_safe(  # noqa: S308 - the name escaped
            f'<li><a href="{pakket_url(rij.bestuur.pk)}">{esc(rij.bestuur.naam)}</a></li>'
        )
        meta = ""
        if rij.peildatum:
            bron = f", {esc(rij.bron)}" if rij.bron else ""
            meta = f' <span class="meta">({_datum_jnY(rij.peildatum)}{bron})</span>'
        cellen = "".join(
            f'<td class="num">{niet if b is None else cijfer(b)}</td>' for b in rij.bedragen_tekst
        )
        rij.html = mark_safe(  # noqa: S308 - every value escaped above
            f'\n      <tr>\n        <th scope="row">{esc(rij.bestuur.naam)}</th>\n'
            f'        <td class="num">{cijfer(rij.inwoners_tekst or "—")}{meta}</td>\n'
            f"        {cellen}\n"
            f'        <td class="num"><strong>{cijfer(rij.totaal_tekst)}</strong></td>\n'
            f'        <td class="num">{geen if rij.vorig is None else cijfer(rij.vorig_tekst)}</td>\n'
            f'        <td class="num">{cijfer(rij.verschil_tekst)}</td>\n      </tr>\n    '
        )
    tabel.rijen_html = mark_safe("".join(rij.html for rij in tabel.rijen))  # noqa: S308 - rows escaped above
    tabel.pakketten_html = mark_safe("".join(rij.pakket_html for rij in tabel.rijen))  # noqa: S308 - idem
    tabel.koppen_html = mark_safe(  # noqa: S308 - every title escaped
        "".join(f'<th scope="col" class="num">{esc(regel.titel)}</th>' for regel in tabel.regels)
    )
    tabel.kolomtotalen_html = mark_safe(  # noqa: S308 - every amount escaped
        "".join(f'<td class="num">{cijfer(bedrag)}</td>' for bedrag in tabel.kolomtotalen_tekst)
    )


def _t(vertaling):
    """`{% translate "…" %}` for the translation of its literal (`_("…")`, for makemessages): as the tag writes it,
    percent signs undoubled and not escaped (a literal is safe). No literal here has a percent sign: the tag looks
    up the same message."""
    return vertaling.replace("%%", "%")


def _datum(waarde):
    """`{{ waarde|date:"j F Y" }}` (in the current time zone, as the filter reads a date-time), escaped: the day,
    the month's name and the year as `dateformat` writes "j", "F" and "Y"."""
    waarde = template_localtime(waarde)
    return conditional_escape(f"{waarde.day} {MONTHS[waarde.month]} {waarde.year:04d}")


def _waarde(waarde):
    """`{{ waarde }}`: localized and escaped, as the template writes a value."""
    return conditional_escape(localize(waarde))


def _sleutel_html(regeling):
    """What `programmas/_sleutel.html` writes: the key, its mix and the default rate per inhabitant."""
    tekst = _waarde(regeling.get_sleutel_display())
    if regeling.sleutel == "mix":
        tekst += (
            " ("
            + _("%(bevolking)s naar inwonertal, %(gelijk)s in gelijke delen")
            % {
                "bevolking": _waarde(aandeel_procent(regeling.aandeel_bevolking)),
                "gelijk": _waarde(rest_procent(regeling.aandeel_bevolking)),
            }
            + ")"
        )
    if regeling.bedrag_per_inwoner:
        tekst += "; " + _("standaard %(bedrag)s per inwoner") % {
            "bedrag": _waarde(portaal_euro(regeling.bedrag_per_inwoner))
        }
    return tekst + "\n"


def _feiten_html(versie, regio, regeling, aantal_vragen):
    """The version's facts (the `dl` under its title), as the page's template wrote them tag by tag: region,
    procedure, key, whether the figures are frozen, the version it is based on, its dates and its questions."""
    _ = weergave.teksten().gettext  # each fixed text translated once per language
    # The texts outside the f-strings: makemessages reads them there.
    if versie.bevroren_op:
        cijfers = _(
            "Vastgelegd op %(datum)s: de bedragen, inwonertallen, sleutel en beslisregel van deze versie "
            "veranderen niet meer."
        ) % {"datum": _datum(versie.bevroren_op)}
    else:
        cijfers = _t(
            _(
                "Nog niet vastgelegd: de verdeling gebruikt de huidige inwonertallen en instellingen (zie de "
                "tabel), tot de versie wordt vastgesteld of voorgelegd."
            )
        )
    regio_label, procedure, sleutel, cijfers_label = (
        _t(_("Regio")),
        _t(_("Procedure")),
        _t(_("Verdeelsleutel")),
        _t(_("Cijfers")),
    )
    delen = [
        f'<dl class="facts">\n  <dt>{regio_label}</dt><dd>{_waarde(regio.naam)}</dd>\n'
        f"  <dt>{procedure}</dt><dd>{_waarde(regeling.get_procedure_display())}</dd>\n"
        f"  <dt>{sleutel}</dt><dd>{_sleutel_html(regeling)}</dd>\n"
        f"  <dt>{cijfers_label}</dt><dd>{cijfers}</dd>\n  "
    ]
    if versie.gebaseerd_op:
        label, basis, veranderd = (
            _t(_("Gebaseerd op")),
            _("versie %(n)s") % {"n": _waarde(versie.gebaseerd_op.nummer)},
            _t(_("wat veranderde")),
        )
        url = conditional_escape(weergave.versie_url("programmas:vergelijk", versie.pk))
        delen.append(
            f"<dt>{label}</dt><dd>{basis} "
            f'(<a href="{url}?met={_waarde(versie.gebaseerd_op_id)}">{veranderd}</a>)</dd>'
        )
    delen.append("\n  ")
    if versie.ingediend_op:
        label = _t(_("Ingediend"))
        delen.append(f"<dt>{label}</dt><dd>{_datum(versie.ingediend_op)}</dd>")
    delen.append("\n  ")
    if versie.vastgesteld_op:
        label = _t(_("Vastgesteld"))
        referentie = f" ({_waarde(versie.besluit_referentie)})" if versie.besluit_referentie else ""
        delen.append(f"<dt>{label}</dt><dd>{_datum(versie.vastgesteld_op)}{referentie}</dd>")
    delen.append("\n  ")
    if versie.voorgelegd_op:
        label = _t(_("Voorgelegd aan de raden"))
        delen.append(f"<dt>{label}</dt><dd>{_datum(versie.voorgelegd_op)}</dd>")
    delen.append("\n  ")
    if versie.deadline:
        label = _t(_("Uiterste datum voor de raden"))
        delen.append(f"<dt>{label}</dt><dd>{_datum(versie.deadline)}</dd>")
    label, vragen = (
        _t(_("Vragen")),
        ngettext("%(n)s vraag", "%(n)s vragen", aantal_vragen) % {"n": _waarde(aantal_vragen)},
    )
    url = conditional_escape(weergave.versie_url("programmas:vragen", versie.pk))
    delen.append(f'\n  <dt>{label}</dt><dd><a href="{url}">{vragen}</a></dd>\n</dl>')
    return mark_safe("".join(delen))  # noqa: S308 - every value escaped above, the translations as the tags


def _kop_html(versie, regio):
    """The page's breadcrumbs and its heading (`kruimels`, `kop`), as the template wrote them: what
    `programmas/_kruimels.html` writes, then the programme and the version; the programme and the version's number."""
    _ = weergave.teksten().gettext  # each fixed text translated once per language
    programma = _waarde(versie.jaarprogramma)
    overzicht = conditional_escape(reverse("programmas:overzicht", args=[regio.slug]))
    programmas_label, versie_label, nummer_label = (
        _t(_("Jaarprogramma's")),
        _("Versie %(n)s") % {"n": _waarde(versie.nummer)},
        _("versie %(n)s") % {"n": _waarde(versie.nummer)},
    )
    kruimels = (
        f'<li><a href="{_waarde(regio.get_absolute_url())}">{_waarde(regio.naam)}</a></li>\n'
        f'<li><a href="{overzicht}">{programmas_label}</a></li>\n'
        f'<li><a href="{_waarde(versie.jaarprogramma.get_absolute_url())}">{programma}</a></li>'
        f'<li><span aria-current="page">{versie_label}</span></li>'
    )
    kop = f'{programma} <span class="meta">{nummer_label}</span>'
    return mark_safe(kruimels), mark_safe(kop)  # noqa: S308 - every value escaped, the translations as the tags


def _verdeling_html(versie, tabel, grafiek):
    """What `programmas/_versie_verdeling.html` writes for `tabel` and `grafiek` (`_tabel_context`): the split per
    member with its totals and downloads and the chart, from the table's rows and heads joined once
    (`_rijen_html`) and the chart's bars (`_staven_html`), without a template's lookups and tags."""
    _ = weergave.teksten().gettext  # each fixed text translated once per language
    jaar = {"jaar": _waarde(versie.jaarprogramma.jaar)}
    # The texts outside the f-strings: makemessages reads them there.
    titel, uitleg, csv, excel, bijschrift = (
        _t(_("Verdeling over de leden")),
        _(
            "Wat elk lid in %(jaar)s bijdraagt, per opgave en in totaal, naast het totaal van vorig jaar. De "
            "bedragen tellen op tot op de cent."
        )
        % jaar,
        _t(_("Download als CSV")),
        _t(_("Download als Excel")),
        _("Bijdrage per lid en per opgave in %(jaar)s") % jaar,
    )
    lid, inwoners, totaal, vorig_jaar, verschil = (
        _t(_("Lid")),
        _t(_("Inwoners (peildatum, bron)")),
        _t(_("Totaal")),
        _t(_("Vorig jaar")),
        _t(_("Verschil")),
    )
    csv_url = conditional_escape(weergave.versie_url("programmas:verdeling_csv", versie.pk))
    excel_url = conditional_escape(weergave.versie_url("programmas:verdeling_xlsx", versie.pk))
    delen = [
        f'\n<section aria-labelledby="verdeling-titel" id="verdeling">\n'
        f'  <h2 id="verdeling-titel">{titel}</h2>\n'
        f"  <p>{uitleg}</p>\n"
        f'  <p><a href="{csv_url}">{csv}</a> · <a href="{excel_url}">{excel}</a></p>\n'
        '  <div class="table-scroll" tabindex="0" role="region" aria-labelledby="verdeling-bijschrift">\n'
        '  <table id="verdeling-tabel">\n'
        f'    <caption id="verdeling-bijschrift">{bijschrift}</caption>\n'
        "    <thead><tr>\n"
        f'      <th scope="col">{lid}</th>\n'
        f'      <th scope="col" class="num">{inwoners}</th>\n'
        f"      {tabel.koppen_html}\n"
        f'      <th scope="col" class="num">{totaal}</th>\n'
        f'      <th scope="col" class="num">{vorig_jaar}</th>\n'
        f'      <th scope="col" class="num">{verschil}</th>\n'
        "    </tr></thead>\n"
        "    <tbody>\n    "
    ]
    if not tabel.rijen:
        niets = _t(_("Nog niets te verdelen."))
        delen.append(
            f'\n      <tr><td colspan="{_waarde(len(tabel.regels) + 5)}">{niets}</td></tr>\n    '
            "\n    </tbody>\n    \n  </table>\n  </div>\n\n  \n</section>\n"
        )
        return mark_safe("".join(delen))  # noqa: S308 - every value escaped, the translations as the tags
    vorig_totaal = _waarde(tabel.vorig_totaal_tekst) if tabel.vorig_totaal is not None else ""
    grafiek_titel, grafiek_uitleg, dit_jaar, vorig = (
        _("Bijdrage per lid in %(jaar)s, met vorig jaar") % jaar,
        _t(
            _(
                "Horizontale staven: per lid het totaal van dit jaar (donkerblauw) en, smaller, dat van vorig jaar "
                "(grijs). De tabel ‘Bijdrage per lid en per opgave’ hierboven geeft dezelfde bedragen als tekst."
            )
        ),
        _("%(jaar)s") % jaar,
        _t(_("vorig jaar")),
    )
    breedte, hoogte = _waarde(grafiek["breedte"]), _waarde(grafiek["hoogte"])
    delen.append(
        f"{tabel.rijen_html}\n    </tbody>\n    \n"
        "    <tfoot><tr>\n"
        f'      <th scope="row">{totaal}</th>\n'
        "      <td></td>\n"
        f"      {tabel.kolomtotalen_html}\n"
        f'      <td class="num">{_waarde(tabel.totaal_tekst)}</td>\n'
        f'      <td class="num">{vorig_totaal}</td>\n'
        "      <td></td>\n"
        "    </tr></tfoot>\n    \n"
        "  </table>\n  </div>\n\n  \n"
        '  <figure class="grafiek">\n'
        f'    <svg role="img" aria-labelledby="grafiek-titel grafiek-uitleg" viewBox="0 0 {breedte} {hoogte}" '
        f'width="{breedte}" height="{hoogte}" xmlns="http://www.w3.org/2000/svg">\n'
        f'      <title id="grafiek-titel">{grafiek_titel}</title>\n'
        f'      <desc id="grafiek-uitleg">{grafiek_uitleg}</desc>\n'
        f"      {grafiek['staven']}\n"
        "    </svg>\n"
        "    <figcaption>\n"
        '      <ul class="legenda">\n'
        f'        <li><span class="legenda-blok legenda-dit" aria-hidden="true"></span>{dit_jaar}</li>\n'
        f'        <li><span class="legenda-blok legenda-vorig" aria-hidden="true"></span>{vorig}</li>\n'
        "      </ul>\n"
        "    </figcaption>\n"
        "  </figure>\n  \n</section>\n"
    )
    return mark_safe("".join(delen))  # noqa: S308 - every value escaped, the translations as the tags


def _regels_html(tabel, regeling):
    """The lines table's rows for a reader who may not edit them (`tabel.regels_html`), as the fragment's loop
    wrote them cell by cell without the edit column: one string instead of some ten template lookups per line.
    Empty without lines (the fragment's loop then says the version has none)."""
    _ = weergave.teksten().gettext  # each fixed text translated once per language
    esc = _escape
    per_inwoner = _t(_("per inwoner"))  # `{% translate %}` of a literal: not escaped
    standaard = esc(regeling.get_sleutel_display())
    delen = []
    for regel in tabel.regels:
        sleutel = esc(regel.get_sleutel_display()) if regel.sleutel else standaard
        if regel.tarief_gebruikt is not None:
            sleutel += f": {esc(regel.tarief_tekst)} {per_inwoner}"
        delen.append(
            f'\n      <tr>\n        <th scope="row">{esc(regel.titel)}</th>\n'
            f'        <td class="num">{esc(regel.bedrag_tekst)}</td>\n'
            f'        <td class="num">{esc(regel.capaciteit_tekst)}</td>\n'
            f"        <td>{sleutel}</td>\n"
            f'        <td class="num">{esc(localize(regel.aantal_deelnemers))}</td>\n'
            "        \n      </tr>\n    "
        )
    tabel.regels_html = mark_safe("".join(delen))  # noqa: S308 - every value escaped above


def _regels_fragment_html(tabel, totaal_capaciteit):
    """The lines table for a reader who may not edit them (the fragment "regels"), as
    `programmas/_versie_regels.html` writes it without the edit column: the lines that cannot be split, the heads,
    the rows (`tabel.regels_html`) and the totals. None without rows (the template then says there are none)."""
    _ = weergave.teksten().gettext  # each fixed text translated once per language
    if not tabel.regels_html:
        return None
    titel, niet_verdeeld = _t(_("Programmaregels")), _t(_("deze regel kan niet worden verdeeld"))
    fouten = "".join(
        '\n  <div class="waarschuwing" role="alert"><p><strong>'
        f"{_waarde(regel.titel)}:</strong> {niet_verdeeld} ({_waarde(fout)}).</p></div>\n  "
        for regel, fout in tabel.regel_fouten
    )
    koppen = (
        _t(_("Opgave")),
        _t(_("Budget")),
        _t(_("Capaciteit (uren)")),
        _t(_("Verdeelsleutel")),
        _t(_("Deelnemende leden")),
    )
    totaal = _t(_("Totaal"))
    return mark_safe(  # noqa: S308 - every value escaped, the translations as the tags write them
        f'\n  <h2 id="regels-titel">{titel}</h2>\n  {fouten}\n'
        '  <div class="table-scroll" tabindex="0" role="region" aria-labelledby="regels-titel">\n'
        "  <table>\n    <thead><tr>\n"
        f'      <th scope="col">{koppen[0]}</th>\n'
        f'      <th scope="col" class="num">{koppen[1]}</th>\n'
        f'      <th scope="col" class="num">{koppen[2]}</th>\n'
        f'      <th scope="col">{koppen[3]}</th>\n'
        f'      <th scope="col" class="num">{koppen[4]}</th>\n'
        "      \n    </tr></thead>\n    <tbody>\n"
        f"    {tabel.regels_html}\n    </tbody>\n    <tfoot><tr>\n"
        f'      <th scope="row">{totaal}</th>\n'
        f'      <td class="num">{_waarde(tabel.totaal_tekst)}</td>\n'
        f'      <td class="num">{_waarde(totaal_capaciteit)}</td>\n'
        "      <td></td><td></td>\n    </tr></tfoot>\n  </table>\n  </div>\n"
    )


def _pakketten_html(tabel):
    """What `programmas/_versie_pakketten.html` writes for `tabel` (its packets' items joined by `_rijen_html`): the
    same text without a template's render (the count as `{% blocktranslate count %}` writes it, localized and
    escaped; no percent sign in the message to undouble), after the line `{% load i18n %}` leaves."""
    n = len(tabel.rijen)
    samenvatting = ngettext("Pakket voor %(n)s raad", "Pakketten voor %(n)s raden", n) % {"n": _waarde(n)}
    return mark_safe(  # noqa: S308 - the count escaped, the items escaped by `_rijen_html`
        f'\n  <details>\n    <summary>{samenvatting}</summary>\n    <ul class="keuzelijst">\n'
        f"      {tabel.pakketten_html}\n    </ul>\n  </details>\n"
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
    _rijen_html(versie, tabel, notatie)
    _regels_html(tabel, regeling)
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
    regels = _regels_fragment_html(context["tabel"], context["totaal_capaciteit"])
    fragmenten = {
        naam: regels
        if naam == "regels" and regels is not None
        else mark_safe(render_to_string(template, context))
        for naam, template in FRAGMENTEN.items()
    }
    fragmenten["pakketten"] = _pakketten_html(context["tabel"])
    fragmenten["verdeling"] = _verdeling_html(versie, context["tabel"], context["grafiek"])
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
        # The policy's "manage" role is `can_manage_programma` of the version's region: asked above.
        allowed = VERSIE.allowed(user, versie, rollen={"manage": mag_beheren})
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
        kruimels, kop = _kop_html(versie, regio)
        # The CSRF token every form of the page writes (the menu's, the language's, the workflow's): read once, not
        # once per `{% csrf_token %}` through the context processor's lazy value (each read masks the secret anew).
        csrf_token = str(csrf(self.request)["csrf_token"])
        onbeantwoord = (
            versie.raadsbesluiten.filter(uitkomst=Uitkomst.ZIENSWIJZE, antwoord="").count()
            if regeling.procedure == Procedure.ZIENSWIJZE and versie.status == S.VOORGELEGD
            else 0
        )
        beslissing = weergave.beslissing_html(selectors.beslissing(versie, regeling)) if routed else None
        beslisregel = selectors.beslisregel_tekst(regeling) if routed else ""
        return super().get_context_data(
            versie=versie,
            regio=regio,
            csrf_token=csrf_token,
            kruimels=kruimels,
            kop=kop,
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
            beslissing=beslissing,
            # The rule in words shows only in the decision section, with `beslissing`.
            beslisregel=beslisregel,
            # The decision section (what `programmas/_beslissing.html` writes), once the version went to the councils.
            beslissing_sectie=weergave.beslissing_sectie_html(beslisregel, beslissing) if routed else "",
            versie_nav=weergave.versie_nav_html(versie, "versie", mag_beheren),
            zienswijzen=selectors.zienswijzen_van(versie)
            if regeling.procedure == Procedure.ZIENSWIJZE
            else [],
            gs_form=gs_form,
            termijnen=selectors.zienswijze_termijnen(versie, regeling)
            if regeling.procedure == Procedure.ZIENSWIJZE
            else [],
            aantal_vragen=versie.aantal_vragen,
            feiten=_feiten_html(versie, regio, regeling, versie.aantal_vragen),
            # One version: by member name (as `RAADSBESLUIT.objects(user, "record", ...)`), from one written-out query.
            te_registreren=permissions.te_registreren(user, versie),
            mijn_besturen=permissions.mijn_besturen(user, versie),
            mag_pakket=REVIEWPAKKET.may(user, "request", versie),
            onbeantwoord=onbeantwoord,
            # The workflow's forms (what the template wrote tag by tag), with the token `{% csrf_token %}` writes.
            acties_html=_acties_html(versie, acties, gs_form, onbeantwoord, csrf_token),
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
