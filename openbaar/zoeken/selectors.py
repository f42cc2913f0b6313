"""Search: what a person may find, matched, ranked and highlighted.

PostgreSQL: full text on the `zoekvector` (Dutch stemming on unaccented words), ranked by `SearchRank`, newest first
among equals, with a `SearchHeadline` snippet. SQLite (the embedded default): every word must occur in the title or
the text (`icontains`), newest first, with the snippet cut and marked in Python. One query for the page and one for
the count, whatever the number of hits.
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from besturen.permissions import regios_of
from openbaar.models import ZOEKCONFIG, Zoekitem, Zoeksoort
from opgaven.permissions import besloten_opgaven_q
from vergaderingen.permissions import organen_van

# Private-use characters mark the hits in PostgreSQL's headline, so the text can be escaped before they become <mark>.
BEGIN, EINDE = "\ue000", "\ue001"
SNIPPET = 240
VERGADERSOORTEN = [Zoeksoort.VERGADERING, Zoeksoort.AGENDAPUNT, Zoeksoort.BESLUIT]


def zichtbaar_q(user):
    """The rows `user` may find: public ones, plus the closed rows each lower app would show them — meetings, items
    and decisions of their bodies (`vergaderingen.permissions.organen_van`), draft opgaven of regions where they hold
    a role (`opgaven.permissions.besloten_opgaven_q`), closed programme versions of regions they may read closed
    (`besturen.permissions.regios_of`, as `programmas.permissions.can_view_versie`). Subqueries, no extra query."""
    q = Q(openbaar=True)
    if not (user is not None and user.is_authenticated and user.is_active):
        return q
    return (
        q
        | Q(soort__in=VERGADERSOORTEN, orgaan__in=organen_van(user))
        | (Q(soort=Zoeksoort.OPGAVE) & besloten_opgaven_q(user))
        | Q(soort=Zoeksoort.PROGRAMMAVERSIE, regio__in=regios_of(user))
    )


def woorden(tekst):
    return [woord for woord in re.split(r"\s+", tekst or "") if woord][:10]


def zoek(user, q, *, soort=None, regio=None, orgaan=None, van=None, tot=None):
    """The rows `user` may find for the words `q`, filtered; best first (a queryset, sliced by the page)."""
    qs = Zoekitem.objects.filter(zichtbaar_q(user))
    if soort:
        qs = qs.filter(soort=soort)
    if regio:
        qs = qs.filter(regio=regio)
    if orgaan:
        qs = qs.filter(orgaan=orgaan)
    if van:
        qs = qs.filter(datum__gte=van)
    if tot:
        qs = qs.filter(datum__lte=tot)
    nieuwste = F("datum").desc(nulls_last=True)
    if not woorden(q):
        return qs.order_by(nieuwste, "titel", "pk")
    if connection.vendor == "postgresql":
        query = SearchQuery(q, config=ZOEKCONFIG, search_type="websearch")
        return (
            qs.filter(zoekvector=query)
            .annotate(
                rang=SearchRank(F("zoekvector"), query),
                fragment=SearchHeadline(
                    "tekst",
                    query,
                    config=ZOEKCONFIG,
                    start_sel=BEGIN,
                    stop_sel=EINDE,
                    max_words=35,
                    min_words=15,
                ),
            )
            .order_by("-rang", nieuwste, "pk")
        )
    for woord in woorden(q):
        qs = qs.filter(Q(titel__icontains=woord) | Q(tekst__icontains=woord))
    return qs.order_by(nieuwste, "titel", "pk")


def _mark(tekst, woorden_):
    """Escape `tekst` and put <mark> around each occurrence of the words (SQLite's snippet)."""
    if not woorden_:
        return escape(tekst)
    patroon = re.compile("|".join(re.escape(woord) for woord in woorden_), re.IGNORECASE)
    delen, begin = [], 0
    for treffer in patroon.finditer(tekst):
        delen += [escape(tekst[begin : treffer.start()]), f"<mark>{escape(treffer.group())}</mark>"]
        begin = treffer.end()
    delen.append(escape(tekst[begin:]))
    return "".join(delen)


def snippet(item, q):
    """The result's text as safe HTML with the hits marked: PostgreSQL's headline, or a cut around the first hit."""
    fragment = getattr(item, "fragment", None)
    if fragment is not None:
        return mark_safe(escape(fragment).replace(BEGIN, "<mark>").replace(EINDE, "</mark>"))  # noqa: S308
    tekst = item.tekst.replace("\n", " · ")
    zoekwoorden = woorden(q)
    eerste = min(
        (i for i in (tekst.lower().find(woord.lower()) for woord in zoekwoorden) if i >= 0), default=0
    )
    begin = max(0, eerste - SNIPPET // 3)
    stuk = tekst[begin : begin + SNIPPET]
    return mark_safe(
        ("… " if begin else "") + _mark(stuk, zoekwoorden) + (" …" if begin + SNIPPET < len(tekst) else "")
    )  # noqa: S308
