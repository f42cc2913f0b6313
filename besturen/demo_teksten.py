"""The data of the besturen demo: the five seed partnerships with their real members (official codes) and bodies,
the invented names of their people and the items their bodies share. Data only; `besturen.demo` builds it."""

from dataclasses import dataclass, field

from .models import BestuurSoort, Land, OrgaanSoort, Rechtsvorm, Zichtbaarheid

FICTIEF = "Demogegevens: de leden en de besturen zijn echt, de personen in deze demo zijn verzonnen."

VOORNAMEN = [
    "An",
    "Bart",
    "Caroline",
    "Dirk",
    "Els",
    "Frank",
    "Griet",
    "Hans",
    "Ilse",
    "Jan",
    "Karen",
    "Luc",
    "Marleen",
    "Nico",
    "Olga",
    "Peter",
    "Quinten",
    "Rita",
    "Stefan",
    "Tine",
    "Uma",
    "Vincent",
    "Wendy",
    "Youssef",
    "Zoë",
    "Ahmed",
    "Bram",
    "Charlotte",
    "Daan",
    "Eva",
    "Fleur",
    "Geert",
    "Hanneke",
    "Ivo",
    "Joke",
    "Kees",
    "Lotte",
]
ACHTERNAMEN = [
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Dubois",
    "Vermeulen",
    "Van den Berg",
    "de Vries",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Hendriks",
    "van Dijk",
    "Verhoeven",
    "Aerts",
    "Hermans",
    "Lambrechts",
    "Pauwels",
]


@dataclass
class RegioPlan:
    slug: str
    naam: str
    land: str
    rechtsvorm: str
    beschrijving: str
    leden: list  # (soort, land, code) of each member
    organen: list  # (soort, naam, afkorting, samenstelling) where samenstelling names who sits in it
    hoofdorgaan: str  # afkorting or naam of the body whose secretary is the region's secretariat
    raden_met_accounts: list = field(default_factory=list)  # codes of two members whose council gets logins


DENDER = [
    "41002",
    "41011",
    "41018",
    "41024",
    "41034",
    "41048",
    "41082",
    "42003",
    "42004",
    "42006",
    "42008",
    "42011",
    "42026",
    "42028",
]
TURNHOUT = ["13004", "13031", "13040", "13046"]
GMR = [
    "GM0202",
    "GM1945",
    "GM0209",
    "GM0221",
    "GM0225",
    "GM0226",
    "GM0252",
    "GM1705",
    "GM1955",
    "GM0944",
    "GM0268",
    "GM1734",
    "GM0274",
    "GM0275",
    "GM0277",
    "GM0293",
    "GM0296",
    "GM0299",
]
DRECHT = ["GM0482", "GM0505", "GM0523", "GM0531", "GM0590", "GM0610", "GM0642"]
RIVIERENLAND = [
    "12002",
    "12005",
    "12007",
    "12009",
    "12014",
    "12021",
    "12025",
    "12026",
    "12029",
    "12035",
    "12040",
    "12041",
]

G = BestuurSoort.GEMEENTE
PLANS = [
    RegioPlan(
        slug="denderregio",
        naam="Denderregio",
        land=Land.BELGIE,
        rechtsvorm=Rechtsvorm.FEITELIJK,
        beschrijving=(
            "Regionale samenwerking als motor voor vooruitgang. De lokale besturen van de Denderregio bundelen hun "
            "krachten om samen maatschappelijke uitdagingen aan te pakken die een lokaal antwoord overstijgen, "
            "onder leiding van het Burgemeestersoverleg (DBO).\n\n" + FICTIEF
        ),
        leden=[(G, Land.BELGIE, code) for code in DENDER],
        organen=[
            (OrgaanSoort.BURGEMEESTERSOVERLEG, "Burgemeestersoverleg Denderregio", "DBO", "burgemeesters"),
            (OrgaanSoort.OVERLEG_ALGEMEEN_DIRECTEURS, "Overleg van Algemeen Directeurs", "OAD", "directeurs"),
        ],
        hoofdorgaan="DBO",
        raden_met_accounts=["41002", "42006"],
    ),
    RegioPlan(
        slug="stadsregio-turnhout",
        naam="Stadsregio Turnhout",
        land=Land.BELGIE,
        rechtsvorm=Rechtsvorm.PROJECTVERENIGING,
        beschrijving=(
            "Projectvereniging van de gemeenten en OCMW's van Beerse, Oud-Turnhout, Turnhout en Vosselaar, met "
            "als domeinen wonen, mobiliteit, sociale(re) economie en ruimtelijke planning.\n\n" + FICTIEF
        ),
        leden=[(soort, Land.BELGIE, code) for code in TURNHOUT for soort in (G, BestuurSoort.OCMW)],
        organen=[(OrgaanSoort.REGIOBESTUUR, "Raad van bestuur", "RvB", "vertegenwoordigers")],
        hoofdorgaan="RvB",
        raden_met_accounts=["13040", "13004"],
    ),
    RegioPlan(
        slug="groene-metropoolregio",
        naam="Groene Metropoolregio Arnhem-Nijmegen",
        land=Land.NEDERLAND,
        rechtsvorm=Rechtsvorm.GEMEENSCHAPPELIJKE_REGELING,
        beschrijving=(
            "Opgavegerichte samenwerking van achttien gemeenten: concrete opgaven in een jaarlijks programma, "
            "een regiobestuur dat het programma voorstelt en raden die erover beslissen.\n\n" + FICTIEF
        ),
        leden=[(G, Land.NEDERLAND, code) for code in GMR],
        organen=[(OrgaanSoort.REGIOBESTUUR, "Regiobestuur Groene Metropoolregio", "RB", "regiobestuur")],
        hoofdorgaan="RB",
        raden_met_accounts=["GM0268", "GM0202"],
    ),
    RegioPlan(
        slug="drechtsteden",
        naam="Drechtsteden",
        land=Land.NEDERLAND,
        rechtsvorm=Rechtsvorm.GEMEENSCHAPPELIJKE_REGELING,
        beschrijving=(
            "Samen stad aan het water: zeven gemeenten met een Drechtraad, een Drechtsteden Bestuur en regionale "
            "raadscommissies.\n\n" + FICTIEF
        ),
        leden=[(G, Land.NEDERLAND, code) for code in DRECHT],
        organen=[
            (OrgaanSoort.REGIORAAD, "Drechtraad", "", "raadsleden"),
            (OrgaanSoort.DAGELIJKS_BESTUUR, "Drechtsteden Bestuur", "DSB", "vertegenwoordigers"),
            (OrgaanSoort.RAADSCOMMISSIE, "Regionale raadscommissie Bestuur", "", "vertegenwoordigers"),
        ],
        hoofdorgaan="DSB",
        raden_met_accounts=["GM0505", "GM0610"],
    ),
    RegioPlan(
        slug="rivierenland",
        naam="Rivierenland",
        land=Land.BELGIE,
        rechtsvorm=Rechtsvorm.FEITELIJK,
        beschrijving=(
            "De twaalf besturen van de referentieregio Rivierenland, ondersteund door IGEMO: samen leggen we de "
            "regionale puzzel van morgen.\n\n" + FICTIEF
        ),
        leden=[(G, Land.BELGIE, code) for code in RIVIERENLAND],
        organen=[
            (
                OrgaanSoort.OVERLEG_ALGEMEEN_DIRECTEURS,
                "Overleg algemeen directeurs Rivierenland",
                "OAD",
                "directeurs",
            )
        ],
        hoofdorgaan="OAD",
        raden_met_accounts=["12025", "12021"],
    ),
]


STUKKEN = [
    (
        "Jaarverslag van de regionale samenwerking",
        Zichtbaarheid.OPENBAAR,
        "Wat de regio het voorbije jaar samen realiseerde, voor iedereen te lezen.",
    ),
    (
        "Voorstel werkverdeling secretariaat (vertrouwelijk)",
        Zichtbaarheid.ORGAAN,
        "Een voorstel voor de leden van dit orgaan, nog niet voor de raden.",
    ),
    (
        "Ontwerp van het regionale programma (voor de raden)",
        Zichtbaarheid.REGIO,
        "Het ontwerp dat de raden van de leden mogen inzien voordat het wordt vastgesteld.",
    ),
]
