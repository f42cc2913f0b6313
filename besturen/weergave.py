"""Cheap pieces for the public list pages (issue 16, cold pages): a page of rows with its total in the same query,
links built from one `reverse`, choice labels and month names translated once per request.

A page that is not in the page cache renders each row of its lists; Django's `get_FOO_display`, `reverse` and
`{% blocktranslate %}` cost tens of microseconds each, so a list of fifty rows spent most of its time on them. The
views below hand the templates the finished strings instead (the HTML stays the same). Used by besturen, opgaven
and vergaderingen.
"""

from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext

from regioportaal.templatetags.portaal import getal, procent

from .models import BestuurSoort, Land, OrgaanSoort, PartijSoort, Rechtsvorm, Rol

_ID = 900719925474099  # a number no real id has: the placeholder of `url_maker` for an int argument
_SLUG = "slug-0x9f2d-placeholder"


def url_maker(viewname, kwarg="pk"):
    """A function `value -> URL` for `viewname` with one argument `kwarg` (an int, or a slug when `kwarg` is "slug"),
    the same URL as `reverse(viewname, kwargs={kwarg: value})` from one `reverse` call."""
    placeholder = _SLUG if kwarg == "slug" else _ID
    begin, _, eind = reverse(viewname, kwargs={kwarg: placeholder}).partition(str(placeholder))
    return lambda value: f"{begin}{value}{eind}"


def labels(choices):
    """{value: label} of a model's `choices` (TextChoices), translated into the active language once."""
    return {value: str(label) for value, label in choices}


def datum_maker():
    """A function `date -> text` as the template filter `date:"j F Y"` writes it ("5 maart 2024"; "" for None), the
    month names translated once."""
    maanden = {nummer: str(naam) for nummer, naam in MONTHS.items()}
    return lambda dag: "" if dag is None else f"{dag.day} {maanden[dag.month]} {dag.year:04d}"


def regio_kaarten(regios):
    """The start page's cards: each region (of a page of `selectors.regio_list`) with `url`, `soort` (legal form
    and country) and `omvang` ("20 leden, 870.727 inwoners") as the card shows them."""
    rechtsvormen, landen = labels(Rechtsvorm.choices), labels(Land.choices)
    url = url_maker("besturen:regio", "slug")
    for regio in regios:
        regio.url = url(regio.slug)
        rechtsvorm = capfirst(rechtsvormen.get(regio.rechtsvorm, regio.rechtsvorm))
        regio.soort = f"{rechtsvorm} · {landen.get(regio.land, regio.land)}"
        omvang = ngettext("%(n)s lid", "%(n)s leden", regio.aantal_leden) % {
            "n": localize(regio.aantal_leden)
        }
        if regio.inwoners:
            omvang += ", " + gettext("%(inwoners)s inwoners") % {"inwoners": getal(regio.inwoners)}
        regio.omvang = omvang
    return regios


def organen_rijen(organen):
    """The bodies of a region page (`selectors.organen_van`), each with `url`, `soort_tekst` and `leden_tekst`."""
    soorten, url = labels(OrgaanSoort.choices), url_maker("besturen:orgaan")
    organen = list(organen)
    for orgaan in organen:
        orgaan.url = url(orgaan.pk)
        orgaan.soort_tekst = soorten.get(orgaan.soort, orgaan.soort)
        orgaan.leden_tekst = ngettext("%(n)s lid", "%(n)s leden", orgaan.aantal_leden) % {
            "n": localize(orgaan.aantal_leden)
        }
    return organen


def deelname_rijen(leden, totaal):
    """The members' table of a region page (a page of `selectors.regio_leden`): each Deelname with `aandeel` (its
    share of `totaal`, the region's population) and the cells as text: `bestuur_url`, `soort`, `inwoners_tekst`,
    `aandeel_tekst`, `sinds`."""
    soorten, url, datum = labels(BestuurSoort.choices), url_maker("besturen:bestuur"), datum_maker()
    for deelname in leden:
        bestuur = deelname.bestuur
        inwoners = bestuur.inwoners
        deelname.aandeel = (inwoners / totaal * 100) if (inwoners is not None and totaal) else None
        deelname.bestuur_url = url(bestuur.pk)
        deelname.soort = soorten.get(bestuur.soort, bestuur.soort)
        deelname.inwoners_tekst = getal(inwoners)
        deelname.aandeel_tekst = procent(deelname.aandeel)
        deelname.sinds = datum(deelname.begindatum)
    return leden


def bestuur_naam(soorten):
    """A function `Bestuur -> str(bestuur)` with the labels `soorten` (`labels(BestuurSoort.choices)`)."""
    return lambda b: (
        b.naam if b.soort == BestuurSoort.GEMEENTE else f"{soorten.get(b.soort, b.soort)} {b.naam}"
    )


def zetel_rijen(leden, oud_leden, stukken):
    """A body page's tables: the rows of its two seat tables as HTML, written here as the template's loops wrote
    them (every value escaped), from a page of `selectors.samenstelling_query`'s rows (`leden`) and one of
    `selectors.oud_leden_query`'s (`oud_leden`); each item of `stukken` gets `url` and `datum_tekst`."""
    rollen, datum, externe = labels(Rol.choices), datum_maker(), gettext("externe partij")
    soorten, partijsoorten = labels(BestuurSoort.choices), labels(PartijSoort.choices)
    url, esc = url_maker("besturen:bestuur"), conditional_escape

    def bestuur(soort, naam):  # str(Bestuur)
        return naam if soort == BestuurSoort.GEMEENTE else f"{soorten.get(soort, soort)} {naam}"

    def partij(naam, website, soort):  # an external party as the seat tables show it
        naam = esc(naam or "")
        link = f'<a href="{esc(website)}" rel="noopener">{naam}</a>' if website else naam
        return f'{link} <span class="meta">({externe}: {esc(partijsoorten.get(soort, soort) or "")})</span>\n'

    rijen = []
    for rij in leden:
        rol, begin, _einde, persoon, voornaam, achternaam, namens, soort, naam, partij_id = rij[:10]
        partij_velden = rij[10:]  # naam, website, soort
        houder = esc(f"{voornaam} {achternaam}") if persoon else partij(*partij_velden)
        if namens:
            achterban = f'<a href="{esc(url(namens))}">{esc(bestuur(soort, naam))}</a>'
        else:
            achterban = partij(*partij_velden) if partij_id else "—"
        rijen.append(
            f"\n    <tr>\n      <td>{houder}</td>\n      <td>{esc(rollen.get(rol, rol))}</td>\n"
            f"      <td>{achterban}</td>\n      <td>{esc(datum(begin))}</td>\n    </tr>\n    "
        )
    oud = []
    for rij in oud_leden:
        rol, begin, einde, persoon, voornaam, achternaam, namens, soort, naam, partij_id = rij[:10]
        partij_naam = rij[10]
        if not persoon:
            houder, achterban = partij_naam, ""  # a party's own seat speaks for nobody
        else:
            houder = f"{voornaam} {achternaam}"
            achterban = bestuur(soort, naam) if namens else (partij_naam if partij_id else "")
        oud.append(
            f"\n    <tr>\n      <td>{esc(houder)}</td>\n      <td>{esc(rollen.get(rol, rol))}</td>\n"
            f"      <td>{esc(achterban or '—')}</td>\n      <td>{esc(datum(begin))}</td>\n"
            f"      <td>{esc(datum(einde))}</td>\n    </tr>\n    "
        )
    stuk_url = url_maker("besturen:stuk")
    for stuk in stukken:
        stuk.url, stuk.datum_tekst = stuk_url(stuk.pk), datum(stuk.datum)
    return mark_safe("".join(rijen)), mark_safe("".join(oud))
