"""Public reads for the linked data: exactly what an anonymous visitor sees, by the lower apps' own rules.

Regions, member governments and bodies are public; so are the current seats of people (names and roles, never an
e-mail address: `besturen.selectors.current_seats`). Meetings count when their agenda was published
(`vergaderingen.models.gepubliceerd_q`), with their public items on the agenda (as `can_view_agendapunt` for the
anonymous), and the decisions, votes and attendance the meeting page shows for those.
"""

from django.db.models import Prefetch

from besturen.models import Lidmaatschap, Orgaan, Rol
from besturen.selectors import current_members, current_seats
from vergaderingen.models import (
    OP_DE_AGENDA,
    Aanwezigheid,
    Aanwezigheidsstatus,
    Agendapunt,
    Stem,
    Vergadering,
    gepubliceerd_q,
)

ZITTINGEN_PER_DEEL = 200  # rows Django reads per round trip when a dump streams its meetings


def leden(regio):
    """The region's current member governments (a queryset)."""
    return current_members(regio)


def organen(*, regio=None, bestuur=None):
    """The bodies of one region or of one government, with their owner loaded."""
    qs = Orgaan.objects.filter(regio=regio) if regio is not None else Orgaan.objects.filter(bestuur=bestuur)
    return qs.select_related("regio", "bestuur").order_by("naam", "pk")


def zetels(orgaan_ids):
    """The current seats of people in these bodies, with the person (one query)."""
    return list(
        current_seats()
        .filter(orgaan_id__in=list(orgaan_ids))
        .select_related("persoon")
        .order_by("orgaan_id", "rol", "persoon__achternaam", "persoon__voornaam", "pk")
    )


def openbare_vergadering(pk):
    """The meeting with its public items, decisions, votes and attendance, or None when it is not public."""
    return next(iter(_zittingen(Vergadering.objects.filter(pk=pk))), None)


def openbare_vergaderingen(orgaan_ids):
    """The public meetings of these bodies, oldest first, streamed in parts of ZITTINGEN_PER_DEEL."""
    return _zittingen(Vergadering.objects.filter(orgaan_id__in=list(orgaan_ids))).iterator(
        chunk_size=ZITTINGEN_PER_DEEL
    )


def _zittingen(qs):
    punten = (
        Agendapunt.objects.filter(openbaar=True, status__in=OP_DE_AGENDA)
        .select_related("besluit__stemming")
        .prefetch_related(
            Prefetch(
                "besluit__stemming__stemmen",
                queryset=Stem.objects.filter(lidmaatschap__persoon__isnull=False).select_related(
                    "lidmaatschap__persoon"
                ),
            )
        )
        .order_by("volgnummer", "pk")
    )
    aanwezig = Aanwezigheid.objects.filter(
        status=Aanwezigheidsstatus.AANWEZIG, lidmaatschap__persoon__isnull=False
    ).select_related("lidmaatschap__persoon")
    leiding = Lidmaatschap.objects.filter(
        rol__in=[Rol.VOORZITTER, Rol.SECRETARIS], persoon__isnull=False
    ).select_related("persoon")
    return (
        qs.filter(gepubliceerd_q())
        .select_related("orgaan__regio", "orgaan__bestuur")
        .prefetch_related(
            Prefetch("agendapunten", queryset=punten, to_attr="openbare_punten"),
            Prefetch("aanwezigheden", queryset=aanwezig, to_attr="aanwezigen"),
            Prefetch("orgaan__lidmaatschappen", queryset=leiding, to_attr="leiding"),
        )
        .order_by("begin", "pk")
    )
