"""The opgaven of each demo region, with their budgets and hours."""

from dataclasses import dataclass, field
from decimal import Decimal

from besturen.models import OrgaanSoort

from ..models import (
    SleutelSoort,
)

# --- The opgaven of each region ---------------------------------------------------------------------------------------


@dataclass
class OpgavePlan:
    titel: str
    samenvatting: str
    bedrag: int  # contribution of the members in the demo year (euro); 0 for a line paid per inhabitant
    uren: int
    tarief: Decimal | None = None  # a line paid per inhabitant: its own rate (euro)
    buiten: list = field(default_factory=list)  # codes of members that stay out of this line

    @property
    def sleutel(self):
        return SleutelSoort.PER_INWONER if self.tarief is not None else ""


GMR_OPGAVEN = [
    OpgavePlan(
        "Groeiregio in balans",
        "Woningbouw en verstedelijking in balans met landschap en voorzieningen.",
        420_000,
        2400,
    ),
    OpgavePlan(
        "Productieve regio",
        "Groei-speerpunten Health & hightech, Food en Energy (#Lifeport); werklocaties en arbeidsmarkt.",
        350_000,
        1800,
    ),
    OpgavePlan(
        "Verbonden regio",
        "Oost-west corridor en noord-zuid verbindingen: mobiliteit die stad en dorp verbindt.",
        300_000,
        1600,
        buiten=["GM0944"],  # Mook en Middelaar stays out of the mobility line
    ),
    OpgavePlan(
        "Vitale regio", "Gezondheid, welzijn en een inclusieve samenleving in alle kernen.", 180_000, 1200
    ),
    OpgavePlan(
        "Circulaire regio",
        "Op weg naar een energie-neutrale en circulaire groene metropoolregio in 2050.",
        260_000,
        1500,
    ),
    OpgavePlan(
        "Regiobureau",
        "Klein bureau dat de opgaven verbindt, de lobby voert en het programma ondersteunt.",
        0,
        3200,
        tarief=Decimal("2.50"),
    ),
    OpgavePlan(
        "Economic Board",
        "De Economic Board van ondernemers, onderwijs en overheden: samen werken aan de economie van de regio.",
        0,
        800,
        tarief=Decimal("1.00"),
    ),
]

# The Groene Metropoolregio's own budget as a gemeenschappelijke regeling (the Wgr route).
GMR_BEGROTING = [
    OpgavePlan(
        "Bestuur en bedrijfsvoering",
        "Het algemeen bestuur, de griffie, de accountant en de huisvesting van de gemeenschappelijke regeling.",
        310_000,
        900,
    ),
]

DENDER_OPGAVEN = [
    OpgavePlan(
        "Regionale projectuitvoering",
        "De krachten gebundeld voor performante beleids- en projectuitvoering.",
        180_000,
        1400,
    ),
    OpgavePlan(
        "Regiogevoel en imago",
        "Een sterk regiogevoel met positief imago bij inwoners en partners.",
        90_000,
        600,
    ),
    OpgavePlan(
        "Regionaal ecosysteem",
        "Netwerken en overlegstructuren die beleid en uitvoering verbinden.",
        70_000,
        500,
    ),
    OpgavePlan(
        "Financiële slagkracht",
        "Een duurzaam financieringsmodel en belangenbehartiging op hogere niveaus.",
        60_000,
        400,
    ),
]

DRECHT_OPGAVEN = [
    OpgavePlan(
        "Regionale strategische agenda",
        "Politiek-maatschappelijk gestuurd, met een leidende rol voor de Drechtraad.",
        240_000,
        1600,
    ),
    OpgavePlan(
        "Programmering",
        "Passende regionale sturing op (boven)regionale thema's met helder belegde bevoegdheden.",
        160_000,
        1100,
    ),
    OpgavePlan(
        "Netwerkbestuur",
        "Regionale portefeuillehouders, raadscommissies en de Drechtraad in positie.",
        90_000,
        500,
    ),
]

OPDRACHTGEVER_ORGANEN = [
    OrgaanSoort.REGIOBESTUUR,
    OrgaanSoort.BURGEMEESTERSOVERLEG,
    OrgaanSoort.DAGELIJKS_BESTUUR,
]
VORIG_JAAR = Decimal(
    "0.96"
)  # last year's fixed budgets were a little lower: the programmes show the difference
