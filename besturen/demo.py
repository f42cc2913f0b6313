"""The demo: the five seed partnerships with their real members and bodies, and invented people.

Everything is written through the services, so the demo lands in the action log like any other write. Running it
twice changes nothing: a region that already exists is left as it is.
"""

import datetime
import itertools
import random
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from . import selectors, services
from .demo_teksten import ACHTERNAMEN, PLANS, STUKKEN, VOORNAMEN
from .models import (
    Bestuur,
    BestuurSoort,
    ExternePartij,
    Orgaan,
    OrgaanSoort,
    PartijSoort,
    Persoon,
    Regio,
    Rol,
)

DATA_DIR = Path(settings.BASE_DIR) / "data"
DEMO_PASSWORD = "regioportaal-demo"
DEMO_DOMAIN = "regioportaal.example"
BEGIN = datetime.date(2019, 1, 1)
# The Denderregio's seats record the act that appointed their holders (an invented address under the demo's domain)
# and the end of their term: the next Flemish local legislature starts on 1 January 2031 (docs/openbaar-ld.md).
AANSTELLING_REGIOS = {"denderregio": datetime.date(2031, 1, 1)}


def _aanstelling(plan, orgaan, bestuur):
    """{aanstellingsbesluit, geplande_einddatum} of a demo seat: the decision of the council of the government the
    person sits for (or of the body itself for its secretary); nothing outside AANSTELLING_REGIOS."""
    if plan.slug not in AANSTELLING_REGIOS:
        return {}
    wie = f"bestuur-{bestuur.code or bestuur.pk}" if bestuur else f"orgaan-{orgaan.pk}"
    return {
        "aanstellingsbesluit": f"https://besluiten.{DEMO_DOMAIN}/{wie}/aanstelling-{orgaan.pk}",
        "geplande_einddatum": AANSTELLING_REGIOS[plan.slug],
    }


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
            bestuur = _ocmw(Bestuur.objects.get(soort=BestuurSoort.GEMEENTE, land=land, code=code))
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
    gemeenten = [b for b in besturen if b.soort == BestuurSoort.GEMEENTE]
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
                **_aanstelling(plan, orgaan, bestuur),
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
                **_aanstelling(plan, orgaan, None),
            )

    for bestuur in besturen:
        soort = (
            OrgaanSoort.GEMEENTERAAD
            if bestuur.soort == BestuurSoort.GEMEENTE
            else OrgaanSoort.RAAD_MAATSCHAPPELIJK_WELZIJN
        )
        prefix = (
            "Gemeenteraad" if bestuur.soort == BestuurSoort.GEMEENTE else "Raad voor maatschappelijk welzijn"
        )
        raad = services.create_orgaan(
            door=None, soort=soort, naam=f"{prefix} {bestuur.naam}", bestuur=bestuur
        )
        if bestuur.soort == BestuurSoort.GEMEENTE and bestuur.code in plan.raden_met_accounts:
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
                    **_aanstelling(plan, raad, bestuur),
                )
    return regio


STUURGROEP = "Stuurgroep Regionale Energiestrategie Drechtsteden"
# The partners of the steering group (real organisations; the people who sit for them are invented).
PARTNERS = [
    ("Provincie Zuid-Holland", PartijSoort.PROVINCIE, "https://www.zuid-holland.nl"),
    ("Waterschap Hollandse Delta", PartijSoort.WATERSCHAP, "https://www.wshd.nl"),
]


def build_stuurgroep(namen):
    """The Drechtsteden's steering group for the regional energy strategy: a chair and two members for member
    municipalities, a person for the province, and the water board holding a seat of its own as an observer."""
    regio = Regio.objects.filter(slug="drechtsteden").first()
    if regio is None or Orgaan.objects.filter(regio=regio, naam=STUURGROEP).exists():
        return None
    stuurgroep = services.create_orgaan(
        door=None, soort=OrgaanSoort.STUURGROEP, naam=STUURGROEP, afkorting="RES", regio=regio
    )
    partijen = []
    for naam, soort, website in PARTNERS:
        partij = ExternePartij.objects.filter(naam__iexact=naam).first() or services.create_externe_partij(
            stuurgroep, naam=naam, soort=soort, website=website, door=None
        )
        partijen.append(partij)
    besturen = list(selectors.current_members(regio)[:3])
    for i, bestuur in enumerate(besturen):
        services.add_lidmaatschap(
            persoon=_persoon(namen),
            orgaan=stuurgroep,
            rol=Rol.VOORZITTER if i == 0 else Rol.LID,
            namens=bestuur,
            begindatum=BEGIN,
            door=None,
        )
    provincie, waterschap = partijen
    services.add_lidmaatschap(
        persoon=_persoon(namen),
        orgaan=stuurgroep,
        rol=Rol.LID,
        externe_partij=provincie,
        begindatum=BEGIN,
        door=None,
    )
    services.add_lidmaatschap(
        orgaan=stuurgroep, rol=Rol.WAARNEMER, externe_partij=waterschap, begindatum=BEGIN, door=None
    )
    return stuurgroep


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
    build_stuurgroep(namen)
