"""Reads for the programme pages: the cost split per member, the decision arithmetic, the status board."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db.models import Prefetch
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from besturen.models import Bestuur

from .models import Jaarprogramma, Programmaregel, Raadsbesluit, Uitkomst, VersieStatus
from .verdeling import Lid, verdeel


@dataclass
class Kostenverdeling:
    """The split of a version: per member, per line, with totals (everything adds up to the cent)."""

    regels: list
    besturen: list
    per_bestuur: dict = field(default_factory=dict)  # bestuur id -> {regel id: Decimal}
    totaal_per_bestuur: dict = field(default_factory=dict)
    totaal: Decimal = Decimal("0")
    fouten: dict = field(default_factory=dict)  # regel id -> message


def regels_van(versie):
    return (
        Programmaregel.objects.filter(versie=versie)
        .select_related("opgave")
        .prefetch_related(
            Prefetch("deelnemers", queryset=Bestuur.objects.order_by("naam")), "vaste_bijdragen"
        )
        .order_by("opgave__titel")
    )


def kostenverdeling(versie, regeling):
    """Split every line of `versie` over its participating members by the line's (or region's) key."""
    regels = list(regels_van(versie))
    besturen = {}
    result = Kostenverdeling(regels=regels, besturen=[])
    per_bestuur = defaultdict(dict)
    for regel in regels:
        deelnemers = list(regel.deelnemers.all())
        for b in deelnemers:
            besturen[b.pk] = b
        sleutel = regel.sleutel or regeling.sleutel
        try:
            shares = verdeel(
                regel.bedrag,
                [Lid(b.pk, b.inwoners or 0) for b in deelnemers],
                sleutel,
                vast={v.bestuur_id: v.bedrag for v in regel.vaste_bijdragen.all()},
                aandeel_bevolking=regeling.aandeel_bevolking,
            )
        except ValueError as exc:
            result.fouten[regel.pk] = str(exc)
            continue
        for bestuur_id, bedrag in shares.items():
            per_bestuur[bestuur_id][regel.pk] = bedrag
    result.besturen = sorted(besturen.values(), key=lambda b: b.naam)
    result.per_bestuur = dict(per_bestuur)
    result.totaal_per_bestuur = {pk: sum(v.values(), Decimal("0")) for pk, v in per_bestuur.items()}
    result.totaal = sum(result.totaal_per_bestuur.values(), Decimal("0"))
    return result


def vorig_jaar_totalen(versie, regeling):
    """Each member's total in last year's latest adopted (or routed/approved) version, for comparison."""
    vorig = Jaarprogramma.objects.filter(
        regio_id=versie.jaarprogramma.regio_id, jaar=versie.jaarprogramma.jaar - 1
    ).first()
    if vorig is None:
        return {}
    laatste = (
        vorig.versies.filter(
            status__in=[VersieStatus.VASTGESTELD, VersieStatus.VOORGELEGD, VersieStatus.GOEDGEKEURD]
        )
        .order_by("-nummer")
        .first()
    )
    if laatste is None:
        return {}
    return kostenverdeling(laatste, regeling).totaal_per_bestuur


@dataclass
class Beslissing:
    status: str  # VersieStatus: voorgelegd (open), goedgekeurd or afgewezen
    uitleg: list  # lines of arithmetic, in words


def beslissing(versie, regeling):
    """Apply the region's decision rule to the councils' decisions so far, with the arithmetic in words.

    goedgekeurd as soon as the rule holds; afgewezen as soon as it can no longer hold; otherwise still open.
    """
    besluiten = list(Raadsbesluit.objects.filter(versie=versie).select_related("bestuur"))
    n = len(besluiten)
    if n == 0:
        return Beslissing(VersieStatus.VOORGELEGD, [])
    voor = [b for b in besluiten if b.uitkomst == Uitkomst.GOEDGEKEURD]
    tegen = [b for b in besluiten if b.uitkomst == Uitkomst.AFGEWEZEN]
    open_ = [b for b in besluiten if b.uitkomst in (Uitkomst.OPEN, Uitkomst.UITGESTELD)]
    pop = {b.pk: b.bestuur.inwoners or 0 for b in besluiten}
    pop_tot = sum(pop.values())
    pop_voor = sum(pop[b.pk] for b in voor)
    pop_kan = pop_voor + sum(pop[b.pk] for b in open_)
    regel = regeling.beslisregel
    uitleg = [
        _("%(voor)d van %(n)d raden keurden goed, %(tegen)d keurden af, %(open)d hebben nog niet beslist.")
        % {"voor": len(voor), "n": n, "tegen": len(tegen), "open": len(open_)}
    ]
    if regel == "unaniem":
        uitleg.append(_("Regel: unanimiteit, alle %(n)d raden moeten goedkeuren.") % {"n": n})
        if tegen:
            return Beslissing(
                VersieStatus.AFGEWEZEN, uitleg + [_("Een raad keurde af: unanimiteit is niet meer mogelijk.")]
            )
        if len(voor) == n:
            return Beslissing(VersieStatus.GOEDGEKEURD, uitleg)
        return Beslissing(VersieStatus.VOORGELEGD, uitleg)

    checks = []
    if regel in ("leden", "beide"):
        drempel = Fraction(regeling.drempel_leden)
        haalt = Fraction(len(voor), n) >= drempel
        kan = Fraction(len(voor) + len(open_), n) >= drempel
        uitleg.append(
            _("Leden: %(voor)d van %(n)d = %(pct)s%%, drempel %(drempel)s%%.")
            % {"voor": len(voor), "n": n, "pct": _pct(Fraction(len(voor), n)), "drempel": _pct(drempel)}
        )
        checks.append((haalt, kan))
    if regel in ("bevolking", "beide"):
        drempel = Fraction(regeling.drempel_bevolking)
        aandeel = Fraction(pop_voor, pop_tot) if pop_tot else Fraction(0)
        haalt = pop_tot > 0 and aandeel >= drempel
        kan = pop_tot > 0 and Fraction(pop_kan, pop_tot) >= drempel
        uitleg.append(
            _("Bevolking: %(voor)s van %(tot)s inwoners = %(pct)s%%, drempel %(drempel)s%%.")
            % {
                "voor": _getal(pop_voor),
                "tot": _getal(pop_tot),
                "pct": _pct(aandeel),
                "drempel": _pct(drempel),
            }
        )
        checks.append((haalt, kan))
    if all(haalt for haalt, _kan in checks):
        return Beslissing(VersieStatus.GOEDGEKEURD, uitleg)
    if not all(kan for _haalt, kan in checks):
        return Beslissing(
            VersieStatus.AFGEWEZEN,
            uitleg + [_("Ook met de raden die nog beslissen haalt het de drempel niet meer.")],
        )
    return Beslissing(VersieStatus.VOORGELEGD, uitleg)


def _pct(fraction):
    return number_format(
        Decimal(fraction.numerator) / Decimal(fraction.denominator) * 100, decimal_pos=1, use_l10n=True
    )


def _getal(value):
    return number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


def statusbord(versie):
    """The council decisions of a version for the secretariat's board: member, council, deadline, outcome."""
    return (
        Raadsbesluit.objects.filter(versie=versie).select_related("bestuur", "raad").order_by("bestuur__naam")
    )
