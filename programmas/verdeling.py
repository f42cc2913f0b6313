"""The cost split: each programme line over its participating members, exact to the cent.

Largest-remainder rounding (Hamilton's method): every member gets the floor of its exact share in cents, and the
cents left over go to the largest remainders, so the shares always add up to the line's amount.
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

CENT = Decimal("0.01")


class VerdelingFout(ValueError):
    """The line cannot be split as asked (fixed contributions above the amount, negative amount)."""


@dataclass(frozen=True)
class Lid:
    id: int
    inwoners: int


def regelbedrag_per_inwoner(tarief, inwoners):
    """A per-inhabitant line costs its rate times its participants' inhabitants (unknown counts as 0), to the cent."""
    return (Decimal(tarief) * sum(i or 0 for i in inwoners)).quantize(CENT)


def gewichten(leden, sleutel, aandeel_bevolking=Decimal("0.5")):
    """The weight of each member under a key: population, equal, or a mix (as exact fractions)."""
    totaal = sum(lid.inwoners for lid in leden)
    n = len(leden)
    if sleutel in ("bevolking", "per_inwoner"):
        if totaal == 0:
            return {lid.id: Fraction(1, n) for lid in leden}
        return {lid.id: Fraction(lid.inwoners, totaal) for lid in leden}
    if sleutel == "gelijk":
        return {lid.id: Fraction(1, n) for lid in leden}
    if sleutel == "mix":
        a = Fraction(aandeel_bevolking)
        return {
            lid.id: (a * Fraction(lid.inwoners, totaal) if totaal else a / n) + (1 - a) * Fraction(1, n)
            for lid in leden
        }
    raise VerdelingFout(f"onbekende verdeelsleutel {sleutel!r}")


def allocate(
    bedrag, leden, sleutel="bevolking", *, vast=None, aandeel_bevolking=Decimal("0.5"), volgorde=None
):
    """Split `bedrag` (euro) over `leden`; `vast` maps member ids to fixed amounts taken off first.

    Returns {member id: Decimal amount}; the amounts add up to `bedrag` exactly. `volgorde` maps member ids to the
    key that breaks a tie between equal remainders (the NIS/CBS code, so anyone can check the split by hand);
    without it the lower id wins.
    """
    vast = vast or {}
    if bedrag < 0:
        raise VerdelingFout("negatief bedrag")
    if not leden:
        return {}
    ids = {lid.id for lid in leden}
    vast = {k: Decimal(v).quantize(CENT) for k, v in vast.items() if k in ids}
    rest = Decimal(bedrag).quantize(CENT) - sum(vast.values(), Decimal("0"))
    if rest < 0:
        raise VerdelingFout("de vaste bijdragen zijn samen hoger dan het bedrag van de regel")
    overig = [lid for lid in leden if lid.id not in vast]
    shares = {k: v for k, v in vast.items()}
    if not overig:
        if rest != 0:
            raise VerdelingFout("alle leden betalen een vast bedrag, maar die bedragen dekken de regel niet")
        return shares
    centen = int(rest / CENT)
    w = gewichten(overig, sleutel, aandeel_bevolking)
    exact = {lid.id: centen * w[lid.id] for lid in overig}
    floors = {k: int(q.numerator // q.denominator) for k, q in exact.items()}
    over = centen - sum(floors.values())
    # Largest remainder first; ties go to the lower official code (or id), so the split is the same every time.
    volgorde = volgorde or {}
    order = sorted(exact, key=lambda k: (-(exact[k] - floors[k]), str(volgorde.get(k, "")), k))
    for k in order[:over]:
        floors[k] += 1
    for k, c in floors.items():
        shares[k] = (Decimal(c) * CENT).quantize(CENT)
    return shares


# Migration 0004 imports the old name; migrations are never rewritten (docs/naamgeving.md).
verdeel = allocate
