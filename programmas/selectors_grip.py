"""Reads of the programmes for a council's grip on its partnerships (`raad`): one member's frozen contribution per
year, its open decisions and the opgaven it takes part in, across one or many regions in a fixed number of queries.

Contributions are never recomputed: they are the stored `Bijdrage` rows of the version that counts for each
programme (adopted, routed or approved, as `selectors.vorig_jaar_totalen` counts last year). A reader sees a version
only where `permissions.can_view_versie` would let them: public versions, and every version of the regions in
`besloten` (the ids of the regions whose non-public pieces they may read).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, Q, Subquery, Sum
from django.utils import timezone

from . import termijnen
from .models import Bijdrage, Jaarprogramma, Procedure, Programmaregel, Raadsbesluit, Versie, VersieStatus
from .regeling import regeling_voor
from .selectors import open_voor_raden
from .workflow import RAADSFASE

# The versions whose figures count for a year (as last year's totals on the split table count them).
TELLENDE_STATUSSEN = (VersieStatus.VASTGESTELD, VersieStatus.VOORGELEGD, VersieStatus.GOEDGEKEURD)


def _zichtbaar_q(besloten, prefix=""):
    """Versions a reader may see: public ones, and all of the regions in `besloten` (ids)."""
    return Q(**{f"{prefix}openbaar": True}) | Q(**{f"{prefix}jaarprogramma__regio__in": list(besloten)})


@dataclass
class Programmabijdrage:
    """One member's frozen total in the version that counts for one programme."""

    programma: Jaarprogramma
    versie: Versie
    bedrag: Decimal


@dataclass
class Jaarbijdrage:
    """One member's frozen contribution in one year, over the programmes of that year (a budget and a programme)."""

    regio_id: int
    jaar: int
    programmas: list = field(default_factory=list)  # Programmabijdrage, by kind
    bedrag: Decimal = Decimal("0")


def tellende_versies(regios, *, besloten, bestuur=None):
    """Per programme of `regios` (ids or a queryset), the latest frozen version that counts and the reader may see:
    {jaarprogramma id: Versie} (one query). With `bestuur`, each version carries `centen`: that member's frozen total
    in it (None when it takes part in no line)."""
    versies = (
        Versie.objects.filter(
            _zichtbaar_q(besloten),
            jaarprogramma__regio__in=regios,
            status__in=TELLENDE_STATUSSEN,
            bevroren_op__isnull=False,
        )
        .select_related("jaarprogramma__regio")  # a programme without a title is named after its region
        .order_by("jaarprogramma_id", "-nummer")
    )
    if bestuur is not None:
        totaal = (
            Bijdrage.objects.filter(versie=OuterRef("pk"), bestuur=bestuur)
            .values("versie")
            .annotate(centen=Sum("centen"))
            .values("centen")
        )
        versies = versies.annotate(centen=Subquery(totaal))
    uit = {}
    for versie in versies:
        uit.setdefault(versie.jaarprogramma_id, versie)
    return uit


def bijdragen_per_jaar(bestuur, regios, *, besloten):
    """`bestuur`'s frozen contribution per region and year, oldest year first: {regio id: [Jaarbijdrage]} (one
    query, whatever the number of regions, years and programmes). A year without a counting version is absent."""
    versies = tellende_versies(regios, besloten=besloten, bestuur=bestuur)
    jaren = defaultdict(dict)
    for versie in sorted(versies.values(), key=lambda v: (v.jaarprogramma.jaar, v.jaarprogramma.soort)):
        centen = versie.centen
        if centen is None:
            continue  # the member takes part in no line of this programme
        programma = versie.jaarprogramma
        jaar = jaren[programma.regio_id].setdefault(
            programma.jaar, Jaarbijdrage(programma.regio_id, programma.jaar)
        )
        bedrag = Bijdrage.euro(centen)
        jaar.programmas.append(Programmabijdrage(programma, versie, bedrag))
        jaar.bedrag += bedrag
    return {regio_id: list(per_jaar.values()) for regio_id, per_jaar in jaren.items()}


def open_raadsbesluiten(bestuur, regios, *, besloten, vandaag=None):
    """The decisions and views awaited from `bestuur`'s council on versions before the councils now, earliest
    deadline first, each with `zienswijze` (the route asks a view, not consent) and `te_laat` (one query)."""
    vandaag = vandaag or timezone.localdate()
    besluiten = (
        Raadsbesluit.objects.filter(
            _zichtbaar_q(besloten, "versie__"),
            bestuur=bestuur,
            versie__jaarprogramma__regio__in=regios,
            versie__status__in=RAADSFASE,
            uitkomst__in=termijnen.OPEN_UITKOMSTEN,
        )
        .select_related("versie__jaarprogramma__regio__programmaregeling")  # the settings, for the route
        .order_by("deadline", "pk")
    )
    uit = []
    for besluit in besluiten:
        if not open_voor_raden(besluit.versie):
            continue
        besluit.zienswijze = regeling_voor(besluit.versie).procedure == Procedure.ZIENSWIJZE
        besluit.te_laat = termijnen.is_te_laat(besluit.uitkomst, besluit.deadline, vandaag)
        uit.append(besluit)
    return uit


def deelgenomen_opgaven(bestuur, regio, *, besloten):
    """The ids of the opgaven of `regio` in whose programme lines `bestuur` takes part, in any version the reader may
    see (a subquery, no query of its own; `besloten` as above)."""
    return Programmaregel.objects.filter(
        _zichtbaar_q(besloten, "versie__"), versie__jaarprogramma__regio=regio, deelnemers=bestuur
    ).values("opgave_id")
