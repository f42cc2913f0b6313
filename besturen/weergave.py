"""Cheap pieces for the public list pages (issue 16, cold pages): a page of rows with its total in the same query,
links built from one `reverse`, choice labels and month names translated once per request.

A page that is not in the page cache renders each row of its lists; Django's `get_FOO_display`, `reverse` and
`{% blocktranslate %}` cost tens of microseconds each, so a list of fifty rows spent most of its time on them. The
views below hand the templates the finished strings instead (the HTML stays the same). Used by besturen, opgaven
and vergaderingen.
"""

from html import escape as _escape  # Django's `escape` of a str, without its lazy-text wrapper

from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.formats import number_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext

from regioportaal.templatetags.portaal import procent

from .models import BestuurSoort, Land, Orgaan, OrgaanSoort, PartijSoort, Rechtsvorm, Rol

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


def geheel_maker(force_grouping=False):
    """A function `int -> str` that writes a whole number as Django does in the active language: as `localize`
    (`{{ n }}` in a template) by default, as the filter `getal` with `force_grouping`. The separator is read from
    one formatted example; anything but an int (and a language whose example is not grouped by threes) goes
    through Django's `number_format` itself."""

    def django(n):
        return number_format(n, decimal_pos=0 if force_grouping else None, force_grouping=force_grouping)

    voorbeeld = str(django(1234567))
    k = (len(voorbeeld) - 7) // 2
    scheiding = voorbeeld[1 : 1 + k]
    if voorbeeld != f"1{scheiding}234{scheiding}567" or any(c.isdigit() for c in scheiding):
        return lambda n: str(django(n))
    if not scheiding:
        return lambda n: str(n) if type(n) is int else str(django(n))
    return lambda n: f"{n:,}".replace(",", scheiding) if type(n) is int else str(django(n))


def regio_kaarten(rijen):
    """The start page's cards as HTML, as the template's loop over the regions wrote them (every value escaped),
    from a page of `selectors.regio_kaarten_query`'s rows: each card the region's link, its legal form and country,
    and its size ("20 leden, 870.727 inwoners"). The texts that repeat (a legal form and country, a number of
    members) are made once."""
    rechtsvormen, landen = labels(Rechtsvorm.choices), labels(Land.choices)
    url = url_maker("besturen:regio", "slug")
    aantal, getal_tekst = geheel_maker(), geheel_maker(force_grouping=True)
    inwoners_tekst = gettext("%(inwoners)s inwoners")
    soorten, leden = {}, {}
    kaarten = []
    for naam, slug, land, rechtsvorm, aantal_leden, inwoners in rijen:
        soort = soorten.get((rechtsvorm, land))
        if soort is None:
            soort = f"{capfirst(rechtsvormen.get(rechtsvorm, rechtsvorm))} · {landen.get(land, land)}"
            soort = soorten[rechtsvorm, land] = _escape(soort)
        omvang = leden.get(aantal_leden)
        if omvang is None:
            omvang = leden[aantal_leden] = ngettext("%(n)s lid", "%(n)s leden", aantal_leden) % {
                "n": aantal(aantal_leden)
            }
        if inwoners:
            omvang += ", " + inwoners_tekst % {"inwoners": getal_tekst(inwoners)}
        kaarten.append(
            f'\n  <li class="card">\n    <h2><a href="{_escape(url(slug))}">{_escape(naam)}</a></h2>'
            f'\n    <p class="meta">{soort}</p>\n    <p>{_escape(omvang)}</p>\n  </li>\n  '
        )
    return mark_safe("".join(kaarten))


def organen_lijst(rijen):
    """The bodies' list of a region page as HTML, as the template's loop over `organen_van`'s bodies wrote it
    (every value escaped), from the rows of `selectors.organen_van_regio_query`: each body's link, kind and number
    of members."""
    veld = {veld.attname: i for i, veld in enumerate(Orgaan._meta.concrete_fields)}
    pk, soort_, naam_ = veld["id"], veld["soort"], veld["naam"]
    soorten, url = labels(OrgaanSoort.choices), url_maker("besturen:orgaan")
    aantal, leden = geheel_maker(), {}
    delen = []
    for rij in rijen:
        soort, n = rij[soort_], rij[-1]
        tekst = leden.get(n)
        if tekst is None:
            tekst = leden[n] = _escape(ngettext("%(n)s lid", "%(n)s leden", n) % {"n": aantal(n)})
        delen.append(
            f'\n  <li><a href="{_escape(url(rij[pk]))}">{_escape(rij[naam_])}</a> <span class="meta">'
            f"({_escape(soorten.get(soort, soort))}; {tekst})</span></li>\n  "
        )
    return mark_safe("".join(delen))


def leden_rijen(rijen, totaal):
    """The rows of a region page's members' table as HTML, as the template's loop wrote them (every value escaped),
    from a page of `selectors.regio_leden_query`'s rows: each member's linked name, kind, code, population, share of
    `totaal` (the region's population) and the day it joined."""
    soorten, url, datum = labels(BestuurSoort.choices), url_maker("besturen:bestuur"), datum_maker()
    getal_tekst = geheel_maker(force_grouping=True)
    delen = []
    for bestuur_id, naam, soort, code, inwoners, begindatum in rijen:
        aandeel = (inwoners / totaal * 100) if (inwoners is not None and totaal) else None
        delen.append(
            f'\n    <tr>\n      <td><a href="{_escape(url(bestuur_id))}">{_escape(naam)}</a></td>'
            f"\n      <td>{_escape(soorten.get(soort, soort))}</td>\n      <td>{_escape(code)}</td>"
            f'\n      <td class="num">{"" if inwoners is None else getal_tekst(inwoners)}</td>'
            f'\n      <td class="num">{_escape(procent(aandeel))}</td>'
            f"\n      <td>{_escape(datum(begindatum))}</td>\n    </tr>\n    "
        )
    return mark_safe("".join(delen))


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
