"""The grip page's title, breadcrumbs and sections written once in Python (issue 16): the HTML grip.html,
_opgaven.html and _documenten.html wrote, without the template engine's lookups, tags and `{% cache %}` round trips.
The template spent about a third of a cold request's CPU resolving its variables through the `eenmaal` callables,
translating its ~45 texts tag by tag and building a fragment key (an md5) and asking the cache once per section.

Every text is looked up with the msgid its tag used, so the existing translations keep working: `{% translate %}` is
`gettext` of the literal, written as the tag writes it (not escaped: a literal is safe); `{% blocktranslate %}` is
`gettext` (`ngettext` with `count`) of its text with `%(name)s` for each variable, the variables escaped and
localized as the template writes a value. `tests/raad/test_grip_html.py` compares each section with the template it
replaced, in both languages, with values that need escaping and in every state.

The sections the page caches per visibility class (see `views.fragment_sleutel`) are fetched with one `get_many`
and the missing ones stored with one `set_many`; a section's data (the `eenmaal` callables of `selectors.grip`) is
read only when the cache does not have it."""

import logging
from html import escape as _html_escape

from django.core.cache import cache
from django.template.defaultfilters import linebreaks_filter
from django.templatetags.static import static
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import ngettext

from regioportaal.templatetags.portaal import procent

from . import rijen

logger = logging.getLogger(__name__)


def _esc(waarde):
    """`{{ waarde }}`: localized and escaped, as a template writes a value (a plain str through `html.escape`, which
    is Django's `escape` without its lazy-text wrapper)."""
    if type(waarde) is str:
        return _html_escape(waarde)
    return conditional_escape(localize(waarde))


def _iso(dag):
    """As the filter `date:'Y-m-d'` ("" for None)."""
    if dag is None:
        return ""
    return f"{dag.year:04d}-{dag.month:02d}-{dag.day:02d}"


def _zonder_l10n(waarde):
    """`{{ waarde }}` inside `{% localize off %}`."""
    if type(waarde) is int:
        return str(waarde)
    return conditional_escape(localize(waarde, use_l10n=False))


_teksten = rijen._teksten  # the texts of the active language, each translated once (shared with the rows)


# --- The page's frame ----------------------------------------------------------------------------------------------


def titel_html(bestuur, regio):
    """The title block and the heading: `{% blocktranslate %}{{ bestuur }} in {{ regio }}{% endblocktranslate %}`."""
    t = _teksten()
    return mark_safe(  # noqa: S308 - the values escaped, the translation as the tag writes it
        t.gettext("%(bestuur)s in %(regio)s") % {"bestuur": _esc(str(bestuur)), "regio": _esc(regio.naam)}
    )


def kruimels_html(bestuur, regio):
    """The breadcrumbs block: the municipality's page and the region's name."""
    url = _esc(rijen.url("raad:gemeente", "gemeente")(bestuur.code))
    return mark_safe(  # noqa: S308 - every value escaped
        f'<li><a href="{url}">{_esc(str(bestuur))}</a></li><li><span aria-current="page">{_esc(regio.naam)}</span></li>'
    )


# --- The sections --------------------------------------------------------------------------------------------------
# Each function gets the page's data (`views.pagina`: the values and the `eenmaal` callables of
# `selectors.grip`) and returns the text its part of the template wrote; the cached ones the text inside `{% cache %}`.


def _vorm(c, t):
    """The form and legal basis, up to the councils' links (the reader's own seat: never cached)."""
    regio, deelname, regeling, grondslag = c["regio"], c["deelname"], c["regeling"](), c["grondslag"]
    titel, samenwerking, rechtsvorm, lid_sinds, besluit = (
        t.gettext("Vorm en grondslag"),
        t.gettext("Samenwerking"),
        t.gettext("Rechtsvorm"),
        t.gettext("Lid sinds"),
        t.gettext("Besluit over het programma"),
    )
    label = t.gettext("Grondslag")
    regel = f"<dt>{label}</dt><dd>{_esc(grondslag)}</dd>" if grondslag else ""
    begin = deelname.begindatum
    return (
        f'\n  <h2 id="vorm-titel">{titel}</h2>\n  <dl class="facts">\n'
        f'    <dt>{samenwerking}</dt><dd><a href="{_esc(rijen.url("besturen:regio", "slug")(regio.slug))}">{_esc(regio.naam)}</a></dd>\n'
        f"    <dt>{rechtsvorm}</dt><dd>{_esc(capfirst(regio.get_rechtsvorm_display()))} · "
        f"{_esc(regio.get_land_display())}</dd>\n"
        f"    {regel}\n"
        f'    <dt>{lid_sinds}</dt><dd><time datetime="{_iso(begin)}">{_esc(rijen._datum()(begin))}</time></dd>\n'
        f"    <dt>{besluit}</dt><dd>{_esc(capfirst(regeling.get_procedure_display()))}; "
        f"{_esc(regeling.get_beslisregel_display())}</dd>\n  "
    )


def _raden(raden, t):
    """The councils' links (the section's line after the cached part)."""
    if not raden:
        return ""
    orgaan_url = rijen.url("besturen:orgaan")
    links = ", ".join(f'<a href="{_esc(orgaan_url(raad.pk))}">{_esc(raad.naam)}</a>' for raad in raden)
    label = t.gettext("Raad")
    return f"<dt>{label}</dt><dd>{links}</dd>"


def _deelnemers(c, t):
    bestuur, regio = _esc(str(c["bestuur"])), _esc(c["regio"].naam)
    titel, deelnemer, inwoners, aandeel, totaal = (
        t.gettext("Deelnemers en stemverhouding"),
        t.gettext("Deelnemer"),
        t.gettext("Inwoners"),
        t.gettext("Aandeel bevolking"),
        t.gettext("Totaal"),
    )
    n = len(c["deelnemers"]())
    stem = ngettext(
        "Bij het besluit over het programma telt de raad van %(bestuur)s als één van %(n)s raad (%(pct)s van de "
        "raden).",
        "Bij het besluit over het programma telt de raad van %(bestuur)s als één van %(n)s raden (%(pct)s van de "
        "raden).",
        n,
    ) % {"bestuur": bestuur, "n": _esc(n), "pct": _esc(procent(c["stem_leden"]()))}
    bevolking = c["stem_bevolking"]()
    if bevolking is not None:
        weging = t.gettext("De beslisregel telt ook de bevolking: de raad weegt dan voor %(pct)s.") % {
            "pct": _esc(procent(bevolking))
        }
    else:
        weging = ""
    teksten = c["organen_teksten"]()
    if c["totaal_inwoners"]():
        voet = (
            f'\n    <tfoot><tr><th scope="row">{totaal}</th>'
            f'<td class="num">{_esc(c["totaal_inwoners_tekst"]())}</td><td class="num">{_esc(procent(100))}</td>'
            f"{teksten['totalen']}</tr></tfoot>\n    "
        )
    else:
        voet = ""
    lijst = f'<p class="meta">{teksten["lijst"]}</p>' if c["organen"]() else ""
    bijschrift = t.gettext("Deelnemers van %(regio)s: bevolking en stemmen per orgaan") % {"regio": regio}
    return (
        f'\n  <h2 id="deelnemers-titel">{titel}</h2>\n'
        "  <p>"
        + t.gettext(
            "Het aandeel in de bevolking, en per orgaan van de regio de stemmende zetels (voorzitter, "
            "ondervoorzitter en leden: één stem per lid) en het aandeel in de stemmen."
        )
        + "</p>\n"
        f"  <p>{stem}\n  {weging}</p>\n"
        '  <div class="table-scroll" tabindex="0" role="region" aria-labelledby="deelnemers-bijschrift">\n'
        "  <table>\n"
        f'    <caption id="deelnemers-bijschrift">{bijschrift}</caption>\n'
        "    <thead><tr>\n"
        f'      <th scope="col">{deelnemer}</th>\n'
        f'      <th scope="col" class="num">{inwoners}</th>\n'
        f'      <th scope="col" class="num">{aandeel}</th>\n'
        f"      {teksten['koppen']}\n"
        "    </tr></thead>\n"
        "    <tbody>\n"
        f"    {c['deelnemer_rijen']()}\n"
        "    </tbody>\n"
        f"    {voet}\n"
        "  </table>\n"
        "  </div>\n"
        f"  {lijst}\n  "
    )


def _vertegenwoordiging(c, t):
    bestuur = {"bestuur": _esc(str(c["bestuur"]))}
    titel = t.gettext("Wie %(bestuur)s vertegenwoordigt") % bestuur
    if c["vertegenwoordigers"]():
        bijschrift = t.gettext("Zetels namens %(bestuur)s in de organen van de regio") % bestuur
        orgaan, naam, rol, sinds = (
            t.gettext("Orgaan"),
            t.gettext("Naam"),
            t.gettext("Rol"),
            t.gettext("Sinds"),
        )
        inhoud = (
            '\n  <div class="table-scroll" tabindex="0" role="region" '
            'aria-labelledby="vertegenwoordiging-bijschrift">\n'
            "  <table>\n"
            f'    <caption id="vertegenwoordiging-bijschrift">{bijschrift}</caption>\n'
            f'    <thead><tr><th scope="col">{orgaan}</th><th scope="col">{naam}</th>'
            f'<th scope="col">{rol}</th><th scope="col">{sinds}</th></tr></thead>\n'
            "    <tbody>\n"
            f"    {c['vertegenwoordiger_rijen']()}\n"
            "    </tbody>\n"
            "  </table>\n"
            "  </div>\n  "
        )
    else:
        niemand = (
            t.gettext("Niemand heeft nu een zetel namens %(bestuur)s in de organen van de regio.") % bestuur
        )
        inhoud = f"\n  <p>{niemand}</p>\n  "
    return f'\n  <h2 id="vertegenwoordiging-titel">{titel}</h2>\n  {inhoud}\n  '


def _bijdrage(c, t):
    titel = t.gettext("Onze bijdrage per jaar")
    if not c["jaren"]():
        geen = t.gettext("Er is nog geen vastgestelde versie met een bijdrage van deze gemeente.")
        return f'\n  <h2 id="bijdrage-titel">{titel}</h2>\n  \n  <p>{geen}</p>\n  \n  '
    bestuur = {"bestuur": _esc(str(c["bestuur"]))}
    jaar, programma, stand, bijdrage = (
        t.gettext("Jaar"),
        t.gettext("Programma"),
        t.gettext("Stand"),
        t.gettext("Bijdrage"),
    )
    grafiek = c["grafiek"]()
    if grafiek:
        breedte, hoogte, basis = (_zonder_l10n(grafiek[k]) for k in ("breedte", "hoogte", "basis"))
        n = len(grafiek["balken"])
        grafiek_titel = t.gettext("Bijdrage van %(bestuur)s per jaar") % bestuur
        beschrijving = ngettext(
            "Staafdiagram van de bijdrage in één jaar; de tabel eronder geeft dezelfde cijfers.",
            "Staafdiagram van de bijdrage in %(n)s jaren; de tabel eronder geeft dezelfde cijfers.",
            n,
        ) % {"n": _zonder_l10n(n)}
        figuur = (
            '\n  <figure class="grafiek">\n    \n'
            '    <svg role="img" aria-labelledby="bijdrage-grafiek-titel bijdrage-grafiek-beschrijving" '
            f'viewBox="0 0 {breedte} {hoogte}" width="{breedte}" height="{hoogte}" '
            'preserveAspectRatio="xMinYMin meet" focusable="false">\n'
            f'      <title id="bijdrage-grafiek-titel">{grafiek_titel}'
            "</title>\n"
            f'      <desc id="bijdrage-grafiek-beschrijving">{beschrijving}</desc>\n'
            f'      <line x1="0" y1="{basis}" x2="{breedte}" y2="{basis}" stroke="#4a5360" stroke-width="1"/>\n'
            f"      {c['grafiek_balken']()}\n"
            "    </svg>\n    \n  </figure>\n  "
        )
    else:
        figuur = ""
    bijschrift = t.gettext("Bijdrage van %(bestuur)s per jaar en programma") % bestuur
    return (
        f'\n  <h2 id="bijdrage-titel">{titel}</h2>\n  \n'
        "  <p>"
        + t.gettext(
            "Uit de vastgelegde cijfers van de vastgestelde versies: de bedragen waarover besloten is, nooit "
            "opnieuw berekend."
        )
        + "</p>\n"
        f"  {figuur}\n"
        '  <div class="table-scroll" tabindex="0" role="region" aria-labelledby="bijdrage-bijschrift">\n'
        "  <table>\n"
        f'    <caption id="bijdrage-bijschrift">{bijschrift}</caption>\n'
        f'    <thead><tr><th scope="col">{jaar}</th><th scope="col">{programma}</th>'
        f'<th scope="col">{stand}</th><th scope="col" class="num">{bijdrage}</th></tr>'
        "</thead>\n"
        "    <tbody>\n"
        f"    {c['bijdrage_rijen']()}\n"
        "    </tbody>\n"
        "  </table>\n"
        "  </div>\n  \n  "
    )


def _opgaven(c, t):
    """What _opgaven.html wrote."""
    titel = t.gettext("Opgaven waaraan we deelnemen")
    if c["opgaven"]():
        bijschrift, opgave, voortgang, mandaat = (
            t.gettext("Opgaven met de laatste voortgang en het geldende mandaat"),
            t.gettext("Opgave"),
            t.gettext("Laatste voortgang"),
            t.gettext("Mandaat"),
        )
        inhoud = (
            '\n  <div class="table-scroll" tabindex="0" role="region" aria-labelledby="opgaven-bijschrift">\n'
            "  <table>\n"
            f'    <caption id="opgaven-bijschrift">'
            f"{bijschrift}</caption>\n"
            f'    <thead><tr><th scope="col">{opgave}</th>'
            f'<th scope="col">{voortgang}</th><th scope="col">{mandaat}</th></tr>'
            "</thead>\n"
            "    <tbody>\n"
            f"    {c['opgave_rijen']()}\n"
            "    </tbody>\n"
            "  </table>\n"
            "  </div>\n  "
        )
    else:
        geen = t.gettext(
            "Er zijn geen opgaven waaraan deze gemeente deelneemt, of ze zijn nog niet gepubliceerd."
        )
        inhoud = f"\n  <p>{geen}</p>\n  "
    return f'\n\n  <h2 id="opgaven-titel">{titel}</h2>\n  {inhoud}\n'


def _besluiten(c, t):
    titel = t.gettext("Open besluiten en zienswijzen")
    besluiten = c["open_besluiten"]()
    if not besluiten:
        geen = t.gettext("Er wacht nu geen besluit of zienswijze van deze raad.")
        return f'\n  <h2 id="besluiten-titel">{titel}</h2>\n  \n  <p>{geen}</p>\n  \n  '
    datum = rijen._datum()
    zienswijze, besluit_tekst = t.gettext("Zienswijze"), t.gettext("Besluit")
    verstreken, uiterlijk = t.gettext("termijn verstreken op %(datum)s"), t.gettext("uiterlijk %(datum)s")
    raadslid = c["raadslid"]
    if raadslid:
        bestuur = c["bestuur"]
        aandeel_url = rijen.url("programmas:mijn_gemeente")
        aandeel = t.gettext("Het aandeel van %(bestuur)s") % {"bestuur": _esc(str(bestuur))}
        bestuur_pk = _esc(bestuur.pk)
    regels = []
    for besluit in besluiten:
        termijn = {"datum": _esc(datum(besluit.deadline))}
        if besluit.te_laat:
            termijn = f'<strong class="te-laat">{verstreken % termijn}</strong>'
        else:
            termijn = uiterlijk % termijn
        link = (
            f' · <a href="{_esc(aandeel_url(besluit.versie_id))}?bestuur={bestuur_pk}">{aandeel}</a>'
            if raadslid
            else ""
        )
        soort = zienswijze if besluit.zienswijze else besluit_tekst
        regels.append(
            f'\n    <li><a href="{_esc(besluit.get_absolute_url())}">{soort}: {_esc(str(besluit.versie))}</a> · '
            f"{termijn} · {_esc(besluit.get_uitkomst_display())}{link}</li>\n    "
        )
    return f'\n  <h2 id="besluiten-titel">{titel}</h2>\n  \n  <ul>\n    {"".join(regels)}\n  </ul>\n  \n  '


def _datums(c, t):
    titel = t.gettext("Volgende wettelijke en regionale data")
    if c["datums"]():
        url = _esc(rijen.url("programmas:pc_kalender_nu", "slug")(c["regio"].slug))
        kalender = t.gettext("De hele P&C-kalender")
        inhoud = f'\n  <ul>\n    {c["datum_regels"]()}\n  </ul>\n  <p><a href="{url}">{kalender}</a></p>\n  '
    else:
        geen = t.gettext("Er staan geen data van de P&C-cyclus meer open.")
        inhoud = f"\n  <p>{geen}</p>\n  "
    return f'\n  <h2 id="datums-titel">{titel}</h2>\n  {inhoud}\n  '


def _documenten(c, t):
    """What _documenten.html wrote."""
    titel = t.gettext("Laatste stukken")
    if c["documenten"]():
        inhoud = f"\n  <ul>\n    {c['document_rijen']()}\n  </ul>\n  "
    else:
        geen = t.gettext("Er zijn nog geen stukken die u kunt inzien.")
        inhoud = f"\n  <p>{geen}</p>\n  "
    return f'\n\n  <h2 id="documenten-titel">{titel}</h2>\n  {inhoud}\n'


# The sections in the order of the page, each with the function that writes its (cached) part.
SECTIES = {
    "vorm": _vorm,
    "deelnemers": _deelnemers,
    "vertegenwoordiging": _vertegenwoordiging,
    "bijdrage": _bijdrage,
    "opgaven": _opgaven,
    "besluiten": _besluiten,
    "datums": _datums,
    "documenten": _documenten,
}
# Cached only for a reader without a role in the region (see `views.fragment_sleutel`).
ZONDER_ROL = frozenset({"opgaven", "documenten"})


def sleutels(fragment, *, eigen_rol, raadslid):
    """The cache key of each section cached for this reader: `grip-<section>:<fragment>`, the open decisions also
    with whether the reader sits on the council; the opgaven and the documents only for a reader without a role in
    the region (`eigen_rol` false). None for `fragment` (no key could be made): nothing is cached."""
    if fragment is None:
        return {}
    uit = {}
    for naam in SECTIES:
        if eigen_rol and naam in ZONDER_ROL:
            continue
        sleutel = f"grip-{naam}:{fragment}"
        uit[naam] = f"{sleutel}:{raadslid}" if naam == "besluiten" else sleutel
    return uit


def secties(c, fragment, duur):
    """{section: its (cached) HTML} for the page's context `c`: the cached ones read with one `get_many` under
    `sleutels(fragment, ...)`, each missing one written from its data and all of them stored with one `set_many`
    for `duur` seconds. A cache that fails (an exception) costs the sections their caching, never the page: each
    is then written afresh, and nothing is stored."""
    per_sectie = sleutels(fragment, eigen_rol=c["eigen_rol"], raadslid=c["raadslid"])
    t = _teksten()
    gevonden = {}
    if per_sectie:
        try:
            gevonden = cache.get_many(list(per_sectie.values()))
        except Exception:
            logger.warning("grip page: cached sections not read", exc_info=True)
            per_sectie = {}
    uit, nieuw = {}, {}
    for naam, schrijf in SECTIES.items():
        sleutel = per_sectie.get(naam)
        html = gevonden.get(sleutel) if sleutel else None
        if html is None:
            html = schrijf(c, t)
            if sleutel:
                nieuw[sleutel] = html
        uit[naam] = html
    if nieuw:
        try:
            cache.set_many(nieuw, duur)
        except Exception:
            logger.warning("grip page: sections not cached", exc_info=True)
    return uit


def inhoud_html(c, fragment, duur):
    """The content block: the heading, the introduction and the eight sections (`secties`), with the parts of a
    section that are never cached (the councils' links, the region's description)."""
    s = secties(c, fragment, duur)
    t = _teksten()
    bestuur = {"bestuur": _esc(str(c["bestuur"]))}
    css = _esc(static("programmas/programmas.css"))
    lead = t.gettext(
        "Wat de raad van %(bestuur)s over deze samenwerking moet weten: vorm, deelnemers en stemmen, "
        "vertegenwoordiging, geld, opgaven, open besluiten, data en stukken."
    )
    zit = t.gettext("U zit in de raad van %(bestuur)s.")
    raadslid = f'<p class="meta">{zit % bestuur}</p>' if c["raadslid"] else ""
    beschrijving = c["regio"].beschrijving
    beschrijving = f"<div>{linebreaks_filter(beschrijving)}</div>" if beschrijving else ""
    return mark_safe(  # noqa: S308 - every value escaped, the translations as the tags write them
        f'\n<link rel="stylesheet" href="{css}">\n\n'
        f"<h1>{c['titel']}</h1>\n"
        f'<p class="lead">{lead % bestuur}</p>\n'
        f"{raadslid}\n\n\n"
        f'<section aria-labelledby="vorm-titel">\n  {s["vorm"]}\n    {_raden(c["raden"], t)}\n  </dl>\n'
        f"  {beschrijving}\n</section>\n\n"
        f'<section aria-labelledby="deelnemers-titel">\n  {s["deelnemers"]}\n</section>\n\n'
        f'<section aria-labelledby="vertegenwoordiging-titel">\n  {s["vertegenwoordiging"]}\n</section>\n\n'
        f'<section aria-labelledby="bijdrage-titel">\n  {s["bijdrage"]}\n</section>\n\n'
        f'<section aria-labelledby="opgaven-titel">\n  {s["opgaven"]}\n</section>\n\n'
        f'<section aria-labelledby="besluiten-titel">\n  {s["besluiten"]}\n</section>\n\n'
        f'<section aria-labelledby="datums-titel">\n  {s["datums"]}\n</section>\n\n'
        f'<section aria-labelledby="documenten-titel">\n  {s["documenten"]}\n</section>\n'
    )
