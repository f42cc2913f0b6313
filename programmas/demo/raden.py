"""Councils and their votes: the legal size of a council and the votes of a demo decision."""

from besturen.models import Land

from ..models import (
    Uitkomst,
)

# --- Councils and their votes ---------------------------------------------------------------------------------------

# Gemeentewet art. 8 lid 1: (up to and including this many inhabitants, seats); above 200 000: 45.
RAADSZETELS_NL = [
    (3_000, 9),
    (6_000, 11),
    (10_000, 13),
    (15_000, 15),
    (20_000, 17),
    (25_000, 19),
    (30_000, 21),
    (35_000, 23),
    (40_000, 25),
    (45_000, 27),
    (50_000, 29),
    (60_000, 31),
    (70_000, 33),
    (80_000, 35),
    (100_000, 37),
    (200_000, 39),
]
# Flanders (Decreet over het lokaal bestuur, as the Nieuwe Gemeentewet art. 8 before it): (fewer than this many
# inhabitants, seats, mayor and aldermen included); 300 000 or more: 55.
RAADSZETELS_BE = [
    (1_000, 7),
    (2_000, 9),
    (3_000, 11),
    (4_000, 13),
    (5_000, 15),
    (7_000, 17),
    (9_000, 19),
    (12_000, 21),
    (15_000, 23),
    (20_000, 25),
    (25_000, 27),
    (30_000, 29),
    (35_000, 31),
    (40_000, 33),
    (50_000, 35),
    (60_000, 37),
    (70_000, 39),
    (80_000, 41),
    (90_000, 43),
    (100_000, 45),
    (150_000, 47),
    (200_000, 49),
    (250_000, 51),
    (300_000, 53),
]


def raadszetels(land, inwoners):
    """The legal size of a municipal council by its population."""
    inwoners = inwoners or 0
    if land == Land.BELGIE:
        return next((zetels for grens, zetels in RAADSZETELS_BE if inwoners < grens), 55)
    return next((zetels for grens, zetels in RAADSZETELS_NL if inwoners <= grens), 45)


def stemmen(bestuur, voor_aandeel, *, afwezig=1, onthoudingen=0):
    """(voor, tegen, onthoudingen) of a council of its legal size with `afwezig` members absent."""
    aanwezig = raadszetels(bestuur.land, bestuur.inwoners) - afwezig
    voor = min(aanwezig - onthoudingen, round(aanwezig * voor_aandeel))
    return voor, aanwezig - onthoudingen - voor, onthoudingen


# Share of the votes for each outcome (for "uitgesteld": the vote to postpone).
VOOR_AANDEEL = {
    Uitkomst.GOEDGEKEURD: 0.78,
    Uitkomst.AFGEWEZEN: 0.38,
    Uitkomst.AMENDEMENT: 0.64,
    Uitkomst.UITGESTELD: 0.56,
    Uitkomst.ZIENSWIJZE: 0.83,
    Uitkomst.GEEN_ZIENSWIJZE: 0.9,
}
