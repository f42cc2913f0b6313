"""The opgaven tests' world: the shared test world (tests/wereld.py) with goals, themes, opgaven and a mandate.

`bouw_wereld()` builds it through the services with `door=None`, so every body grants its permissions to its role
groups exactly as in production; the factories (tests/factories.py) build the rows a test reads and nothing more.
"""

import datetime
from decimal import Decimal

from besturen import services as besturen_services
from besturen.models import OrgaanSoort
from opgaven import services
from opgaven.models import Bron, Status
from tests.factories import MANDAAT_BEGIN, MANDAAT_EINDE
from tests.wereld import build_world


def complete_opgave(regio, opdrachtgever, titel, *, gepubliceerd=True, doelstellingen=(), themas=()):
    """An opgave with a complete opdrachtformulering (status idee): it may go to lopend."""
    opgave = services.create_opgave(
        regio,
        door=None,
        titel=titel,
        doel="Een regionaal fietsnetwerk.",
        resultaat="Honderd kilometer fietssnelweg.",
        opdrachtgever=opdrachtgever,
        opdrachtnemer="Regiobureau",
        gepubliceerd=gepubliceerd,
        doelstellingen=doelstellingen,
        themas=themas,
    )
    services.add_indicator(
        opgave,
        door=None,
        naam="Kilometer fietssnelweg",
        eenheid="km",
        nulwaarde=Decimal("0"),
        streefwaarde=Decimal("100"),
        streefdatum=datetime.date(2030, 12, 31),
    )
    services.add_budgetregel(opgave, door=None, jaar=2026, bedrag=Decimal("50000"), bron=Bron.LEDEN)
    services.add_capaciteit(opgave, door=None, jaar=2026, hoeveelheid=Decimal("400"), partner="Provincie")
    return opgave


def bouw_wereld():
    """The shared world (Denderregio with Aalst and Lede, Drechtsteden, one account per role) with goals, themes,
    a steering group and three opgaven.

    - `fietsnetwerk`: published, complete, its opdrachtgever the DBO's chair, with a mandate of € 10.000;
    - `besloten`: not published; `leeg`: published, only a title.
    """
    w = build_world()
    w.stuurgroep = besturen_services.create_orgaan(
        door=None, soort=OrgaanSoort.STUURGROEP, naam="Stuurgroep Mobiliteit", regio=w.dender
    )
    w.opdrachtgever = w.voorzitter.lidmaatschap

    w.doelen = [
        services.add_doelstelling(w.dender, nummer=n, titel=titel, door=None)
        for n, titel in enumerate(
            [
                "De krachten zijn gebundeld",
                "Er is een sterk regiogevoel",
                "Het regionaal ecosysteem is actief betrokken",
                "Er is een versterkte financiële slagkracht",
            ],
            start=1,
        )
    ]
    w.mobiliteit = services.add_thema(w.dender, naam="Mobiliteit", door=None)
    w.wonen = services.add_thema(w.dender, naam="Wonen", door=None)
    w.participatie = services.add_thema(w.dender, naam="Participatie", transversaal=True, door=None)

    w.fietsnetwerk = complete_opgave(
        w.dender,
        w.opdrachtgever,
        "Fietsnetwerk Denderregio",
        doelstellingen=[w.doelen[0], w.doelen[3]],
        themas=[w.mobiliteit, w.participatie],
    )
    w.besloten = services.create_opgave(
        w.dender, door=None, titel="Besloten verkenning", doel="Nog geheim.", gepubliceerd=False
    )
    w.leeg = services.create_opgave(w.dender, door=None, titel="Lege opgave", gepubliceerd=True)
    w.mandaat = services.grant_mandaat(
        w.fietsnetwerk,
        verleend_door=w.dbo,
        besluitdatum=MANDAAT_BEGIN,
        omschrijving="Studieopdrachten gunnen.",
        budgetplafond=Decimal("10000"),
        begindatum=MANDAAT_BEGIN,
        einddatum=MANDAAT_EINDE,
        door=None,
    )
    w.users = {
        "platformbeheerder": w.platformbeheerder,
        "secretariaat": w.secretariaat,
        "opdrachtgever": w.voorzitter,
        "lid": w.lid,
        "raadslid": w.raadslid,
        "secretariaat_drecht": w.secretariaat_drecht,
        "buitenstaander": w.buitenstaander,
        "anoniem": None,
    }
    return w


def zet_status(opgave, *statussen):
    """Walk an opgave through `statussen` as the system would."""
    for status in statussen:
        opgave = services.change_status(opgave, status, door=None)
    return opgave


LOPEND = (Status.IN_VOORBEREIDING, Status.LOPEND)
