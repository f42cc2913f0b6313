"""The decision rule: from the councils' decisions to the programme's outcome, with every council counted once.

Pure (no database): `evaluate(raden, regel)` takes each council's outcome and population and the rule stored on the
version, and returns the outcome, the count per outcome (which always adds up to the number of councils) and the
arithmetic in words. Services store its status; pages, the review packet and the tasks show its sentences.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Thresholds are stored to four decimals (two thirds as 0.6667): a share meets one when it rounds to it or above,
# so 12 of 18 councils meet 0.6667 and exactly half does not meet 0.5001.
AFRONDING = Fraction(1, 20000)

# Outcomes (programmas.models.Uitkomst values), in the order the pages list them.
GOEDGEKEURD = "goedgekeurd"
AFGEWEZEN = "afgewezen"
AMENDEMENT = "amendement"
UITGESTELD = "uitgesteld"
ZIENSWIJZE = "zienswijze"
GEEN_ZIENSWIJZE = "geen_zienswijze"
OPEN = "open"
UITKOMSTEN_INSTEMMING = (GOEDGEKEURD, AMENDEMENT, AFGEWEZEN, UITGESTELD, OPEN)
UITKOMSTEN_ZIENSWIJZE = (ZIENSWIJZE, GEEN_ZIENSWIJZE, OPEN)

# Outcomes of the programme (programmas.models.VersieStatus values).
NOG_OPEN = "voorgelegd"
AANGENOMEN = "goedgekeurd"
VERWORPEN = "afgewezen"
TERUG = "terug"


@dataclass(frozen=True)
class Raad:
    uitkomst: str
    inwoners: int = 0


@dataclass(frozen=True)
class Regel:
    procedure: str = "instemming"  # or "zienswijze"
    beslisregel: str = "unaniem"  # unaniem, leden, bevolking, beide
    drempel_leden: Decimal = Decimal("0.6667")
    drempel_bevolking: Decimal = Decimal("0.5")
    amendement: str = "niet"  # niet (not an approval), goedkeuring (counts as one), terug (sends back)


@dataclass
class Uitslag:
    status: str  # NOG_OPEN, AANGENOMEN, VERWORPEN or TERUG (zienswijze: always NOG_OPEN, the board adopts)
    telling: dict  # outcome -> number of councils; every council in exactly one
    n: int
    uitleg: list = field(default_factory=list)  # sentences, the first one the count

    @property
    def beslist(self):
        return self.status != NOG_OPEN


def _pct(fraction):
    pct = (Decimal(fraction.numerator) / Decimal(fraction.denominator) * 100).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    return number_format(pct, decimal_pos=1, use_l10n=True)


def _getal(value):
    return number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


def telling_zin(telling, n, procedure):
    """One sentence with every outcome, reading the same numbers as the list beside it."""
    if procedure == "zienswijze":
        return _(
            "Van de %(n)d raden gaven er %(zienswijze)d een zienswijze, %(geen)d zagen af van een zienswijze en "
            "%(open)d hebben nog niet gereageerd."
        ) % {
            "n": n,
            "zienswijze": telling[ZIENSWIJZE],
            "geen": telling[GEEN_ZIENSWIJZE],
            "open": telling[OPEN],
        }
    return _(
        "Van de %(n)d raden keurden %(voor)d goed, %(amendement)d goed met amendement, %(tegen)d af; "
        "%(uitgesteld)d stelden uit en %(open)d hebben nog niet beslist."
    ) % {
        "n": n,
        "voor": telling[GOEDGEKEURD],
        "amendement": telling[AMENDEMENT],
        "tegen": telling[AFGEWEZEN],
        "uitgesteld": telling[UITGESTELD],
        "open": telling[OPEN],
    }


def count_outcomes(raden, procedure):
    sleutels = UITKOMSTEN_ZIENSWIJZE if procedure == "zienswijze" else UITKOMSTEN_INSTEMMING
    telling = dict.fromkeys(sleutels, 0)
    for raad in raden:
        if raad.uitkomst not in telling:
            raise ValueError(f"uitkomst {raad.uitkomst!r} past niet bij de procedure {procedure!r}")
        telling[raad.uitkomst] += 1
    return telling


def evaluate(raden, regel):
    """Apply `regel` to the councils' outcomes: approved as soon as the rule holds, rejected as soon as it can no
    longer hold, back to the board on an amendment when the region says so; otherwise still open."""
    raden = list(raden)
    n = len(raden)
    telling = count_outcomes(raden, regel.procedure)
    uitleg = [telling_zin(telling, n, regel.procedure)] if n else []
    if regel.procedure == "zienswijze" or n == 0:
        return Uitslag(NOG_OPEN, telling, n, uitleg)

    if regel.amendement == "terug" and telling[AMENDEMENT]:
        return Uitslag(
            TERUG,
            telling,
            n,
            uitleg
            + [
                ngettext(
                    "Een raad keurde goed met amendement: volgens de regeling gaat de versie terug naar het bestuur.",
                    "%(n)d raden keurden goed met amendement: volgens de regeling gaat de versie terug naar het "
                    "bestuur.",
                    telling[AMENDEMENT],
                )
                % {"n": telling[AMENDEMENT]}
            ],
        )
    amendement_voor = regel.amendement == "goedkeuring"
    is_voor = {GOEDGEKEURD} | ({AMENDEMENT} if amendement_voor else set())
    nog_open = {OPEN, UITGESTELD}
    voor = [r for r in raden if r.uitkomst in is_voor]
    kan = [r for r in raden if r.uitkomst in is_voor | nog_open]
    if telling[AMENDEMENT]:
        uitleg.append(
            _("Een goedkeuring met amendement telt als goedkeuring.")
            if amendement_voor
            else _(
                "Een goedkeuring met amendement telt niet als goedkeuring; het bestuur beslist over een nieuwe versie."
            )
        )

    if regel.beslisregel == "unaniem":
        uitleg.append(_("Regel: unanimiteit, alle %(n)d raden moeten goedkeuren.") % {"n": n})
        if len(voor) == n:
            return Uitslag(AANGENOMEN, telling, n, uitleg)
        if len(kan) < n:
            return Uitslag(
                VERWORPEN,
                telling,
                n,
                uitleg + [_("Niet elke raad keurde goed: unanimiteit is niet meer mogelijk.")],
            )
        return Uitslag(NOG_OPEN, telling, n, uitleg)

    checks = []
    if regel.beslisregel in ("leden", "beide"):
        drempel = Fraction(regel.drempel_leden)
        aandeel = Fraction(len(voor), n)
        checks.append((aandeel >= drempel - AFRONDING, Fraction(len(kan), n) >= drempel - AFRONDING))
        uitleg.append(
            _("Leden: %(voor)d van %(n)d = %(pct)s%%, drempel %(drempel)s%%.")
            % {"voor": len(voor), "n": n, "pct": _pct(aandeel), "drempel": _pct(drempel)}
        )
    if regel.beslisregel in ("bevolking", "beide"):
        drempel = Fraction(regel.drempel_bevolking)
        totaal = sum(r.inwoners for r in raden)
        pop_voor = sum(r.inwoners for r in voor)
        pop_kan = sum(r.inwoners for r in kan)
        aandeel = Fraction(pop_voor, totaal) if totaal else Fraction(0)
        checks.append(
            (
                totaal > 0 and aandeel >= drempel - AFRONDING,
                totaal > 0 and Fraction(pop_kan, totaal) >= drempel - AFRONDING,
            )
        )
        uitleg.append(
            _("Bevolking: %(voor)s van %(tot)s inwoners = %(pct)s%%, drempel %(drempel)s%%.")
            % {
                "voor": _getal(pop_voor),
                "tot": _getal(totaal),
                "pct": _pct(aandeel),
                "drempel": _pct(drempel),
            }
        )
    if all(haalt for haalt, _kan in checks):
        return Uitslag(AANGENOMEN, telling, n, uitleg)
    if not all(kan for _haalt, kan in checks):
        return Uitslag(
            VERWORPEN,
            telling,
            n,
            uitleg + [_("Ook met de raden die nog beslissen haalt het de drempel niet meer.")],
        )
    return Uitslag(NOG_OPEN, telling, n, uitleg)


def regel_tekst(regel, *, zienswijze_weken=12):
    """The rule in one sentence, for the pages and the review packet."""
    if regel.procedure == "zienswijze":
        return _(
            "Zienswijzeprocedure: elke raad kan binnen %(weken)d weken een zienswijze geven; het algemeen bestuur "
            "beantwoordt elke zienswijze schriftelijk en met redenen en stelt daarna het programma vast."
        ) % {"weken": zienswijze_weken}
    leden = _pct(Fraction(regel.drempel_leden))
    bevolking = _pct(Fraction(regel.drempel_bevolking))
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
    return teksten[regel.beslisregel]
