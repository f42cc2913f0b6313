"""Reads for the public feeds and the sitemap: only what an anonymous visitor may see, by the lower apps' own rules.

Decisions: on public items (`openbaar`, on the agenda) of meetings with a published agenda
(`vergaderingen.permissions.can_view_agendapunt` as a filter). Agendas: meetings with a published agenda
(`gepubliceerd_q`), with their public items. Each feed holds the latest `FEED_MAX` entries, newest first.
"""

from django.db.models import Prefetch, Q

from besturen.models import Bestuur, Orgaan, Regio
from opgaven.models import Opgave
from programmas.models import Versie
from vergaderingen.models import OP_DE_AGENDA, Agendapunt, Besluit, Vergadering, gepubliceerd_q

FEED_MAX = 50


def _orgaan_q(prefix, *, regio=None, orgaan=None):
    """The bodies a feed covers: one body, or the region's own bodies."""
    if orgaan is not None:
        return Q(**{f"{prefix}orgaan": orgaan})
    return Q(**{f"{prefix}orgaan__regio": regio})


def openbare_punten_q(prefix=""):
    """Agenda items the public sees: public, on the agenda (or withdrawn after publication), of a published meeting."""
    return Q(**{f"{prefix}openbaar": True, f"{prefix}status__in": OP_DE_AGENDA}) & gepubliceerd_q(
        f"{prefix}vergadering__"
    )


def openbare_besluiten(*, regio=None, orgaan=None):
    """The latest public decisions of one body or of a region's bodies, newest meeting first (one query)."""
    return list(
        Besluit.objects.filter(
            openbare_punten_q("agendapunt__"),
            _orgaan_q("agendapunt__vergadering__", regio=regio, orgaan=orgaan),
        )
        .select_related("agendapunt__vergadering__orgaan", "stemming")
        .order_by(
            "-agendapunt__vergadering__begin", "-agendapunt__vergadering__pk", "agendapunt__volgnummer"
        )[:FEED_MAX]
    )


def openbare_agendas(*, regio=None, orgaan=None):
    """The latest meetings with a published agenda of one body or of a region's bodies, latest meeting first, each
    with its public items as `openbare_punten` (two queries)."""
    punten = Agendapunt.objects.filter(openbaar=True, status__in=OP_DE_AGENDA).order_by("volgnummer", "pk")
    return list(
        Vergadering.objects.filter(gepubliceerd_q(), _orgaan_q("", regio=regio, orgaan=orgaan))
        .select_related("orgaan")
        .prefetch_related(Prefetch("agendapunten", queryset=punten, to_attr="openbare_punten"))
        .order_by("-begin", "-pk")[:FEED_MAX]
    )


# --- Sitemap: every public page of these kinds, each a queryset the sitemap pages through ---------------------------


def regios():
    return Regio.objects.only("slug").order_by("pk")


def organen():
    return Orgaan.objects.only("pk").order_by("pk")


def besturen():
    """The governments that are (or were) members of a region: the ones the portal has pages of substance for."""
    return Bestuur.objects.filter(deelnames__isnull=False).distinct().only("pk").order_by("pk")


def vergaderingen():
    return Vergadering.objects.filter(gepubliceerd_q()).only("pk", "bijgewerkt").order_by("pk")


def opgaven():
    """Published opgaven (`Opgave.gepubliceerd`, as `opgaven.selectors.opgaven_visible_to` for the public)."""
    return Opgave.objects.filter(gepubliceerd=True).only("pk").order_by("pk")


def programmaversies():
    """Public programme versions (`Versie.openbaar`, as `programmas.permissions.can_view_versie` for the public)."""
    return Versie.objects.filter(openbaar=True).only("pk").order_by("pk")
