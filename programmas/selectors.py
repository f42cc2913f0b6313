"""Reads for the programme pages: the cost split per member, the decision arithmetic, the status board."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from besturen.models import Bestuur

from .models import (
    Jaarprogramma,
    Programmaregel,
    Raadsbesluit,
    Registratie,
    Uitkomst,
    Versie,
    VersieStatus,
    Vraag,
)
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


# Thresholds are stored to four decimals (two thirds as 0.6667): a share meets one when it rounds to it or above,
# so 12 of 18 councils meet 0.6667 and exactly half does not meet 0.5001.
AFRONDING = Fraction(1, 20000)


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
        haalt = Fraction(len(voor), n) >= drempel - AFRONDING
        kan = Fraction(len(voor) + len(open_), n) >= drempel - AFRONDING
        uitleg.append(
            _("Leden: %(voor)d van %(n)d = %(pct)s%%, drempel %(drempel)s%%.")
            % {"voor": len(voor), "n": n, "pct": _pct(Fraction(len(voor), n)), "drempel": _pct(drempel)}
        )
        checks.append((haalt, kan))
    if regel in ("bevolking", "beide"):
        drempel = Fraction(regeling.drempel_bevolking)
        aandeel = Fraction(pop_voor, pop_tot) if pop_tot else Fraction(0)
        haalt = pop_tot > 0 and aandeel >= drempel - AFRONDING
        kan = pop_tot > 0 and Fraction(pop_kan, pop_tot) >= drempel - AFRONDING
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
    pct = (Decimal(fraction.numerator) / Decimal(fraction.denominator) * 100).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    return number_format(pct, decimal_pos=1, use_l10n=True)


def _getal(value):
    return number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


def statusbord(versie):
    """The council decisions of a version for the secretariat's board: member, council, deadline, outcome."""
    return (
        Raadsbesluit.objects.filter(versie=versie).select_related("bestuur", "raad").order_by("bestuur__naam")
    )


# --- Pages: overview, split table, diff, status board, deadlines ------------------------------------------------


def programmas_van(regio, *, besloten):
    """The region's programmes, newest year first, each with the versions the reader may see (two queries)."""
    versies = Versie.objects.order_by("-nummer")
    if not besloten:
        versies = versies.filter(openbaar=True)
    return Jaarprogramma.objects.filter(regio=regio).prefetch_related(Prefetch("versies", queryset=versies))


def versie_voor_pagina(pk):
    return Versie.objects.select_related("jaarprogramma__regio", "gebaseerd_op").get(pk=pk)


@dataclass
class Verdelingsrij:
    bestuur: Bestuur
    bedragen: list  # per line, in the order of the lines; None where the member does not take part
    totaal: Decimal
    vorig: Decimal | None
    verschil: Decimal | None
    balk: int = 0  # bar length in the chart (0..BALK_MAX)


@dataclass
class Verdelingstabel:
    """The split of a version as a table: members × lines, with totals and last year's totals."""

    regels: list
    rijen: list
    kolomtotalen: list
    totaal: Decimal
    vorig_totaal: Decimal | None
    fouten: dict
    regel_fouten: list = field(default_factory=list)  # (regel, message)

    def rij_van(self, bestuur_id):
        return next((rij for rij in self.rijen if rij.bestuur.pk == bestuur_id), None)


BALK_MAX = 400


def verdelingstabel(versie, regeling):
    """The cost split of `versie` per member and line, next to each member's total of last year."""
    verdeling = kostenverdeling(versie, regeling)
    vorig = vorig_jaar_totalen(versie, regeling)
    hoogste = max(verdeling.totaal_per_bestuur.values(), default=Decimal("0"))
    rijen = []
    for bestuur in verdeling.besturen:
        per_regel = verdeling.per_bestuur.get(bestuur.pk, {})
        deelnemers = {regel.pk for regel in verdeling.regels if bestuur in regel.deelnemers.all()}
        totaal = verdeling.totaal_per_bestuur.get(bestuur.pk, Decimal("0"))
        oud = vorig.get(bestuur.pk) if vorig else None
        rijen.append(
            Verdelingsrij(
                bestuur=bestuur,
                bedragen=[
                    per_regel.get(regel.pk, Decimal("0")) if regel.pk in deelnemers else None
                    for regel in verdeling.regels
                ],
                totaal=totaal,
                vorig=oud,
                verschil=(totaal - oud) if oud is not None else None,
                balk=int(totaal / hoogste * BALK_MAX) if hoogste else 0,
            )
        )
    kolomtotalen = [
        sum((rij.bedragen[i] or Decimal("0") for rij in rijen), Decimal("0"))
        for i in range(len(verdeling.regels))
    ]
    return Verdelingstabel(
        regels=verdeling.regels,
        rijen=rijen,
        kolomtotalen=kolomtotalen,
        totaal=verdeling.totaal,
        vorig_totaal=sum(vorig.values(), Decimal("0")) if vorig else None,
        fouten=verdeling.fouten,
        regel_fouten=[
            (regel, verdeling.fouten[regel.pk]) for regel in verdeling.regels if regel.pk in verdeling.fouten
        ],
    )


@dataclass
class Regelwijziging:
    opgave: object
    bedrag: tuple | None = None  # (old, new) when changed
    capaciteit: tuple | None = None
    sleutel: tuple | None = None
    leden_erbij: list = field(default_factory=list)
    leden_eraf: list = field(default_factory=list)
    vast: list = field(default_factory=list)  # (bestuur, old or None, new or None)


@dataclass
class Versieverschil:
    """What changed from version `a` to version `b`: lines added and removed, amounts, members in or out."""

    a: object
    b: object
    toegevoegd: list
    verwijderd: list
    gewijzigd: list
    totaal_a: Decimal
    totaal_b: Decimal

    @property
    def leeg(self):
        return not (self.toegevoegd or self.verwijderd or self.gewijzigd)


def diff_versies(a, b):
    """Compare two versions line by line (a line is an opgave): six queries whatever their size."""
    oud = {regel.opgave_id: regel for regel in regels_van(a)}
    nieuw = {regel.opgave_id: regel for regel in regels_van(b)}
    toegevoegd = [regel for opgave_id, regel in nieuw.items() if opgave_id not in oud]
    verwijderd = [regel for opgave_id, regel in oud.items() if opgave_id not in nieuw]
    gewijzigd = []
    for opgave_id, regel_b in nieuw.items():
        regel_a = oud.get(opgave_id)
        if regel_a is None:
            continue
        w = Regelwijziging(opgave=regel_b.opgave)
        if regel_a.bedrag != regel_b.bedrag:
            w.bedrag = (regel_a.bedrag, regel_b.bedrag)
        if regel_a.capaciteit_uren != regel_b.capaciteit_uren:
            w.capaciteit = (regel_a.capaciteit_uren, regel_b.capaciteit_uren)
        if regel_a.sleutel != regel_b.sleutel:
            w.sleutel = (regel_a.get_sleutel_display() or "—", regel_b.get_sleutel_display() or "—")
        leden_a = {b.pk: b for b in regel_a.deelnemers.all()}
        leden_b = {b.pk: b for b in regel_b.deelnemers.all()}
        w.leden_erbij = sorted((b for pk, b in leden_b.items() if pk not in leden_a), key=lambda b: b.naam)
        w.leden_eraf = sorted((b for pk, b in leden_a.items() if pk not in leden_b), key=lambda b: b.naam)
        vast_a = {v.bestuur_id: v.bedrag for v in regel_a.vaste_bijdragen.all()}
        vast_b = {v.bestuur_id: v.bedrag for v in regel_b.vaste_bijdragen.all()}
        namen = {**leden_a, **leden_b}
        w.vast = [
            (namen.get(pk, pk), vast_a.get(pk), vast_b.get(pk))
            for pk in sorted(set(vast_a) | set(vast_b))
            if vast_a.get(pk) != vast_b.get(pk)
        ]
        if w.bedrag or w.capaciteit or w.sleutel or w.leden_erbij or w.leden_eraf or w.vast:
            gewijzigd.append(w)
    return Versieverschil(
        a=a,
        b=b,
        toegevoegd=toegevoegd,
        verwijderd=verwijderd,
        gewijzigd=gewijzigd,
        totaal_a=sum((r.bedrag for r in oud.values()), Decimal("0")),
        totaal_b=sum((r.bedrag for r in nieuw.values()), Decimal("0")),
    )


OPEN_UITKOMSTEN = (Uitkomst.OPEN, Uitkomst.UITGESTELD)
TE_LAAT = "te_laat"


def statusbord_rijen(versie, *, uitkomst="", vandaag=None):
    """The status board's rows, each marked `te_laat` when its deadline passed without a decision (two queries).

    `uitkomst` filters on an outcome, or on TE_LAAT for the overdue ones.
    """
    vandaag = vandaag or timezone.localdate()
    besluiten = statusbord(versie).prefetch_related(
        Prefetch(
            "registraties", queryset=Registratie.objects.order_by("-tijdstip", "-id"), to_attr="historie"
        )
    )
    if uitkomst == TE_LAAT:
        besluiten = besluiten.filter(uitkomst__in=OPEN_UITKOMSTEN, deadline__lt=vandaag)
    elif uitkomst:
        besluiten = besluiten.filter(uitkomst=uitkomst)
    rijen = list(besluiten)
    for besluit in rijen:
        besluit.te_laat = besluit.uitkomst in OPEN_UITKOMSTEN and besluit.deadline < vandaag
        besluit.laatste = besluit.historie[0] if besluit.historie else None
    return rijen


def uitkomsten_geteld(versie):
    """How many councils have each outcome (one query)."""
    return dict(
        Raadsbesluit.objects.filter(versie=versie)
        .values_list("uitkomst")
        .annotate(n=Count("id"))
        .values_list("uitkomst", "n")
    )


@dataclass
class Termijn:
    label: str
    datum: datetime.date
    uitleg: str
    waarschuwing: str = ""  # '' / 'binnenkort' / 'verstreken'


WAARSCHUW_DAGEN = 14


def _waarschuwing(datum, vandaag, actief):
    if not actief:
        return ""
    if datum < vandaag:
        return "verstreken"
    if (datum - vandaag).days <= WAARSCHUW_DAGEN:
        return "binnenkort"
    return ""


def zienswijze_termijnen(versie, regeling, vandaag=None):
    """The dates of the zienswijze procedure with a warning when one is within 14 days or has passed."""
    from .services import gs_termijn

    vandaag = vandaag or timezone.localdate()
    termijnen = []
    if versie.voorgelegd_op:
        einde = versie.voorgelegd_op + datetime.timedelta(weeks=regeling.zienswijze_weken)
        termijnen.append(
            Termijn(
                label=_("Zienswijzen van de raden"),
                datum=einde,
                uitleg=_("Voorgelegd op %(datum)s plus %(weken)d weken.")
                % {"datum": date_format(versie.voorgelegd_op), "weken": regeling.zienswijze_weken},
                waarschuwing=_waarschuwing(einde, vandaag, versie.status == VersieStatus.VOORGELEGD),
            )
        )
    uiterst = datetime.date(versie.jaarprogramma.jaar - 1, 9, 15)
    gs = gs_termijn(versie)
    lopend = vandaag < datetime.date(versie.jaarprogramma.jaar, 1, 1) and versie.status in (
        VersieStatus.INGEDIEND,
        VersieStatus.VOORGELEGD,
        VersieStatus.VASTGESTELD,
    )
    if gs is not None:
        uitleg = _("Binnen twee weken na de vaststelling op %(datum)s en uiterlijk op %(uiterst)s.") % {
            "datum": date_format(versie.vastgesteld_op),
            "uiterst": date_format(uiterst),
        }
        termijnen.append(
            Termijn(_("Naar gedeputeerde staten"), gs, uitleg, _waarschuwing(gs, vandaag, lopend))
        )
    else:
        termijnen.append(
            Termijn(
                _("Naar gedeputeerde staten (uiterlijk)"),
                uiterst,
                _("Binnen twee weken na de vaststelling, en uiterlijk op 15 september van het jaar ervoor."),
                _waarschuwing(uiterst, vandaag, lopend),
            )
        )
    return termijnen


def vragen_van(versie, besturen=None):
    """The questions on a version with who asked them and the answer (one query)."""
    vragen = Vraag.objects.filter(versie=versie).select_related("bestuur", "regel__opgave")
    if besturen is not None:
        vragen = vragen.filter(bestuur__in=besturen)
    return vragen.order_by("gesteld_op", "id")


def registraties_van(besluit):
    return besluit.registraties.select_related("door").order_by("tijdstip", "id")


def beslisregel_tekst(regeling):
    """The region's decision rule in one sentence, for the pages and the review packet."""
    if regeling.procedure == "zienswijze":
        return _(
            "Zienswijzeprocedure: elke raad kan binnen %(weken)d weken een zienswijze geven; het algemeen bestuur "
            "beantwoordt elke zienswijze schriftelijk en met redenen en stelt daarna het programma vast."
        ) % {"weken": regeling.zienswijze_weken}
    leden = _pct(Fraction(regeling.drempel_leden))
    bevolking = _pct(Fraction(regeling.drempel_bevolking))
    teksten = {
        "unaniem": _("Unanimiteit: het programma is goedgekeurd als alle raden het goedkeuren."),
        "leden": _("Gekwalificeerde meerderheid van de leden: minstens %(leden)s%% van de raden keurt goed.")
        % {"leden": leden},
        "bevolking": _(
            "Gekwalificeerde meerderheid van de bevolking: de raden die goedkeuren vertegenwoordigen minstens "
            "%(bevolking)s%% van de inwoners."
        )
        % {"bevolking": bevolking},
        "beide": _(
            "Dubbele meerderheid: minstens %(leden)s%% van de raden keurt goed, en zij vertegenwoordigen minstens "
            "%(bevolking)s%% van de inwoners."
        )
        % {"leden": leden, "bevolking": bevolking},
    }
    return teksten[regeling.beslisregel]
