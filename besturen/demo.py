"""The demo: the five seed partnerships with their real members and bodies, and invented people.

Everything is written through the services, so the demo lands in the action log like any other write. Running it
twice changes nothing: a region that already exists is left as it is.
"""

import datetime
import itertools
import random
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from . import services
from .models import Bestuur, BestuurSoort, Land, OrgaanSoort, Persoon, Rechtsvorm, Regio, Rol, Zichtbaarheid

DATA_DIR = Path(settings.BASE_DIR) / "data"
DEMO_PASSWORD = "regioportaal-demo"
DEMO_DOMAIN = "regioportaal.example"
BEGIN = datetime.date(2019, 1, 1)
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


class Namen:
    """Hands out invented, distinct names in a fixed order, so the demo is the same on every machine."""

    def __init__(self):
        pairs = list(itertools.product(ACHTERNAMEN, VOORNAMEN))
        random.Random(2026).shuffle(pairs)
        self._pairs = itertools.cycle(pairs)
        self._used = set(Persoon.objects.values_list("voornaam", "achternaam"))

    def next(self):
        while True:
            achternaam, voornaam = next(self._pairs)
            if (voornaam, achternaam) not in self._used:
                self._used.add((voornaam, achternaam))
                return voornaam, achternaam


def _persoon(namen, *, login=None, wat=""):
    voornaam, achternaam = namen.next()
    slug = f"{voornaam}.{achternaam}".lower().replace(" ", "").replace("ë", "e")
    email = login or f"{slug}@{DEMO_DOMAIN}"
    persoon = services.create_persoon(door=None, voornaam=voornaam, achternaam=achternaam, email=email)
    if login:
        services.create_account(persoon, password=DEMO_PASSWORD, door=None)
    return persoon


def import_gemeenten(stdout=None):
    """Import (or re-check) both municipality files; unchanged rows are left alone."""
    for name in ("gemeenten-vlaanderen.csv", "gemeenten-nederland.csv"):
        path = DATA_DIR / name
        with path.open("rb") as bron:
            resultaat = services.import_besturen(bron, door=None, grootte=path.stat().st_size)
        if stdout:
            stdout.write(f"{name}: {resultaat.samenvatting()}")


def _ocmw(gemeente):
    return services.create_bestuur(
        door=None,
        soort=BestuurSoort.OCMW,
        naam=gemeente.naam,
        code=gemeente.code,
        land=gemeente.land,
        provincie=gemeente.provincie,
        inwoners=None,
        inwoners_peildatum=None,
    )


def _leden(plan):
    besturen = []
    for soort, land, code in plan.leden:
        bestuur = Bestuur.objects.filter(soort=soort, land=land, code=code).first()
        if bestuur is None and soort == BestuurSoort.OCMW:
            bestuur = _ocmw(Bestuur.objects.get(soort=G, land=land, code=code))
        if bestuur is None:
            raise LookupError(f"Bestuur {land} {code} ontbreekt: importeer eerst de gemeenten.")
        besturen.append(bestuur)
    return besturen


def build_regio(plan, namen):
    regio = services.create_regio(
        door=None,
        naam=plan.naam,
        slug=plan.slug,
        land=plan.land,
        rechtsvorm=plan.rechtsvorm,
        beschrijving=plan.beschrijving,
    )
    besturen = _leden(plan)
    gemeenten = [b for b in besturen if b.soort == G]
    for bestuur in besturen:
        services.add_deelname(regio, bestuur, begindatum=BEGIN, door=None)

    for soort, naam, afkorting, samenstelling in plan.organen:
        orgaan = services.create_orgaan(door=None, soort=soort, naam=naam, afkorting=afkorting, regio=regio)
        if samenstelling == "regiobestuur":
            zetels = [(gemeenten[10], Rol.VOORZITTER)] + [(gemeenten[i], Rol.LID) for i in (0, 7, 11, 16)]
        elif samenstelling == "raadsleden":
            zetels = [(g, Rol.LID) for g in gemeenten for _ in range(2)]
            zetels[0] = (zetels[0][0], Rol.VOORZITTER)
        else:
            leden = besturen if samenstelling == "vertegenwoordigers" else gemeenten
            zetels = [(b, Rol.VOORZITTER if i == 0 else Rol.LID) for i, b in enumerate(leden)]
        hoofdorgaan = plan.hoofdorgaan in (afkorting, naam)
        for bestuur, rol in zetels:
            login = f"voorzitter.{plan.slug}@{DEMO_DOMAIN}" if hoofdorgaan and rol == Rol.VOORZITTER else None
            services.add_lidmaatschap(
                persoon=_persoon(namen, login=login),
                orgaan=orgaan,
                rol=rol,
                namens=bestuur,
                begindatum=BEGIN,
                door=None,
            )
        if hoofdorgaan:
            for titel, zichtbaarheid, tekst in STUKKEN:
                services.add_stuk(orgaan, titel=titel, tekst=tekst, zichtbaarheid=zichtbaarheid, door=None)
            email = f"secretariaat.{plan.slug}@{DEMO_DOMAIN}"
            services.add_lidmaatschap(
                persoon=_persoon(namen, login=email),
                orgaan=orgaan,
                rol=Rol.SECRETARIS,
                begindatum=BEGIN,
                door=None,
            )

    for bestuur in besturen:
        soort = OrgaanSoort.GEMEENTERAAD if bestuur.soort == G else OrgaanSoort.RAAD_MAATSCHAPPELIJK_WELZIJN
        prefix = "Gemeenteraad" if bestuur.soort == G else "Raad voor maatschappelijk welzijn"
        raad = services.create_orgaan(
            door=None, soort=soort, naam=f"{prefix} {bestuur.naam}", bestuur=bestuur
        )
        if bestuur.soort == G and bestuur.code in plan.raden_met_accounts:
            stad = bestuur.naam.lower().replace(" ", "-").replace("'", "")
            for rol, wie in ((Rol.SECRETARIS, "secretaris"), (Rol.LID, "raadslid")):
                email = f"{wie}.{stad}@{DEMO_DOMAIN}"
                services.add_lidmaatschap(
                    persoon=_persoon(namen, login=email),
                    orgaan=raad,
                    rol=rol,
                    namens=bestuur,
                    begindatum=BEGIN,
                    door=None,
                )
    return regio


def demo_logins():
    """The demo accounts with what each one is (from its memberships), for printing."""
    users = (
        get_user_model()
        .objects.filter(email__endswith=f"@{DEMO_DOMAIN}")
        .select_related("persoon")
        .prefetch_related("persoon__lidmaatschappen__orgaan")
        .order_by("email")
    )
    logins = []
    for user in users:
        if user.is_superuser:
            logins.append((user.email, "platformbeheerder"))
            continue
        persoon = getattr(user, "persoon", None)
        zetels = persoon.lidmaatschappen.all() if persoon else []
        logins.append((user.email, "; ".join(f"{z.get_rol_display()} van {z.orgaan}" for z in zetels)))
    return logins


@transaction.atomic
def load_demo(stdout=None):
    """Build whatever part of the demo is missing."""
    import_gemeenten(stdout)
    User = get_user_model()
    admin_email = f"admin@{DEMO_DOMAIN}"
    if not User.objects.filter(email=admin_email).exists():
        services.create_platform_admin(email=admin_email, password=DEMO_PASSWORD, door=None)
    namen = Namen()
    for plan in PLANS:
        if not Regio.objects.filter(slug=plan.slug).exists():
            build_regio(plan, namen)
