"""Cheap pieces for the public list pages (issue 16, cold pages): a page of rows with its total in the same query,
links built from one `reverse`, choice labels and month names translated once per request.

A page that is not in the page cache renders each row of its lists; Django's `get_FOO_display`, `reverse` and
`{% blocktranslate %}` cost tens of microseconds each, so a list of fifty rows spent most of its time on them. The
views below hand the templates the finished strings instead (the HTML stays the same). Used by besturen, opgaven
and vergaderingen.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Window
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


def paginate(request, queryset, prefix="pagina"):
    """As `regioportaal.views.paginate` (a page of at most settings.PAGINATE_BY rows, from the `prefix` query
    parameter; page 1 for a parameter that is no number, the last page for one past the end), in one query instead
    of two: the rows carry their total (`COUNT(*) OVER ()`), so the paginator needs no COUNT of its own. A page past
    the end, and a DISTINCT queryset, go through Django's paginator as before. A `values_list` queryset gives a page
    of its tuples (without the total)."""
    paginator = Paginator(queryset, settings.PAGINATE_BY)
    try:
        nummer = int(request.GET.get(prefix) or 1)
    except ValueError:
        nummer = 1
    if nummer < 1 or queryset.query.distinct:
        return paginator.get_page(nummer)
    begin = (nummer - 1) * paginator.per_page
    rows = list(queryset.annotate(paginatie_totaal=Window(Count("pk")))[begin : begin + paginator.per_page])
    if not rows and nummer > 1:
        return paginator.get_page(nummer)
    if rows and isinstance(rows[0], tuple):  # a `values_list` queryset: the total is each row's last value
        paginator.count = rows[0][-1]  # the cached_property, set ahead
        return paginator._get_page([row[:-1] for row in rows], nummer, paginator)
    paginator.count = rows[0].paginatie_totaal if rows else 0
    return paginator._get_page(rows, nummer, paginator)


class _Rijen:
    """A written-out query (`kolommen` and the rest from FROM on, its ORDER BY included) as a Paginator's object
    list: its COUNT and each slice one query, rows as tuples."""

    def __init__(self, kolommen, rest, params):
        self.kolommen, self.rest, self.params = kolommen, rest, list(params)

    def count(self):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM (SELECT {self.kolommen} {self.rest}) rijen", self.params)
            return cursor.fetchone()[0]

    def __getitem__(self, stuk):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {self.kolommen} {self.rest} LIMIT %s OFFSET %s",
                [*self.params, stuk.stop - stuk.start, stuk.start],
            )
            return cursor.fetchall()


def paginate_sql(request, kolommen, rest, params, prefix="pagina"):
    """`paginate` for a written-out query of plain rows: `SELECT {kolommen} {rest}` with `params` (`rest` from FROM
    on, ending in an ORDER BY); a page of tuples, with its total from the same query (`COUNT(*) OVER ()`). A page
    number below 1 or past the end goes through Django's paginator (a COUNT and the page), as `paginate` does."""
    paginator = Paginator(_Rijen(kolommen, rest, params), settings.PAGINATE_BY)
    try:
        nummer = int(request.GET.get(prefix) or 1)
    except ValueError:
        nummer = 1
    if nummer < 1:
        return paginator.get_page(nummer)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {kolommen}, COUNT(*) OVER () {rest} LIMIT %s OFFSET %s",
            [*params, paginator.per_page, (nummer - 1) * paginator.per_page],
        )
        rows = cursor.fetchall()
    if not rows and nummer > 1:
        return paginator.get_page(nummer)
    paginator.count = rows[0][-1] if rows else 0  # the cached_property, set ahead
    return paginator._get_page([row[:-1] for row in rows], nummer, paginator)


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
