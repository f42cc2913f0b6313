"""Factories and a small world for the opgaven tests.

`bouw_wereld()` builds two regions through the services with `door=None`, so every body grants its permissions to
its role groups exactly as in production; factories build the rows a test reads and nothing more.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import factory

from besturen import services as besturen_services
from besturen.models import BestuurSoort, Land, OrgaanSoort, Rechtsvorm, Rol
from opgaven import services
from opgaven.models import (
    Bron,
    Budgetregel,
    Capaciteit,
    Doelstelling,
    Indicator,
    Mandaat,
    Opgave,
    Status,
    Synergie,
    Thema,
    Voortgang,
    VoortgangStatus,
)
from tests.factories import PASSWORD, BestuurFactory, LidmaatschapFactory, OrgaanFactory, RegioFactory

BEGIN = datetime.date(2020, 1, 1)
MANDAAT_BEGIN = datetime.date(2024, 1, 1)
MANDAAT_EINDE = datetime.date(2099, 12, 31)


class DoelstellingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Doelstelling

    regio = factory.SubFactory(RegioFactory)
    nummer = factory.Sequence(lambda n: n + 1)
    titel = factory.Sequence(lambda n: f"Doelstelling {n}")


class ThemaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thema

    regio = factory.SubFactory(RegioFactory)
    naam = factory.Sequence(lambda n: f"Thema {n}")


class OpgaveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opgave
        skip_postgeneration_save = True

    regio = factory.SubFactory(RegioFactory)
    titel = factory.Sequence(lambda n: f"Opgave {n:03d}")
    doel = "Samen meer bereiken."
    gepubliceerd = True

    @factory.post_generation
    def doelstellingen(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.doelstellingen.set(extracted)

    @factory.post_generation
    def themas(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themas.set(extracted)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    opgave = factory.SubFactory(OpgaveFactory)
    naam = factory.Sequence(lambda n: f"Indicator {n}")
    eenheid = "km"
    nulwaarde = Decimal("0")
    streefwaarde = Decimal("100")
    streefdatum = datetime.date(2030, 12, 31)


class BudgetregelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Budgetregel

    opgave = factory.SubFactory(OpgaveFactory)
    jaar = 2026
    bedrag = Decimal("10000")
    bron = Bron.LEDEN


class CapaciteitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Capaciteit

    opgave = factory.SubFactory(OpgaveFactory)
    jaar = 2026
    hoeveelheid = Decimal("400")
    bestuur = factory.SubFactory(BestuurFactory)


class MandaatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mandaat

    opgave = factory.SubFactory(OpgaveFactory)
    houder = factory.SubFactory(LidmaatschapFactory, orgaan=factory.SelfAttribute("..verleend_door"))
    verleend_door = factory.SubFactory(OrgaanFactory, regio=factory.SelfAttribute("..opgave.regio"))
    besluitdatum = MANDAAT_BEGIN
    omschrijving = "Opdrachten tot het plafond gunnen."
    budgetplafond = Decimal("10000")
    begindatum = MANDAAT_BEGIN
    einddatum = MANDAAT_EINDE


class VoortgangFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Voortgang

    opgave = factory.SubFactory(OpgaveFactory)
    periode_eind = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=30 * n))
    status = VoortgangStatus.OP_KOERS
    besteed = Decimal("1000")
    toelichting = "Volgens plan."


class SynergieFactory(factory.django.DjangoModelFactory):
    """Give `van` and `naar` in any order; the lowest id is stored first."""

    class Meta:
        model = Synergie

    reden = "Ze versterken elkaar."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        van, naar = sorted([kwargs.pop("van"), kwargs.pop("naar")], key=lambda o: o.pk)
        return super()._create(model_class, *args, van=van, naar=naar, **kwargs)


def maak_gebruiker(orgaan, rol, voornaam, achternaam, *, namens=None):
    """A person with an account (password PASSWORD) and a current seat with `rol` in `orgaan`."""
    email = f"{voornaam}.{achternaam}@example.org".lower()
    persoon = besturen_services.create_persoon(
        door=None, voornaam=voornaam, achternaam=achternaam, email=email
    )
    user = besturen_services.create_account(persoon, password=PASSWORD, door=None)
    lid = besturen_services.add_lidmaatschap(
        persoon=persoon, orgaan=orgaan, rol=rol, namens=namens, begindatum=BEGIN, door=None
    )
    user.lidmaatschap = lid
    return user


def _gemeente(naam, code, land=Land.BELGIE):
    return besturen_services.create_bestuur(
        door=None,
        soort=BestuurSoort.GEMEENTE,
        naam=naam,
        code=code,
        land=land,
        inwoners=50000,
        inwoners_peildatum=datetime.date(2024, 1, 1),
    )


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
    """Denderregio (Aalst, Lede) and Drechtsteden with one account per role, goals, themes and three opgaven.

    - `fietsnetwerk`: published, complete, its opdrachtgever the DBO's chair, with a mandate of € 10.000;
    - `besloten`: not published; `leeg`: published, only a title.
    """
    w = SimpleNamespace()
    w.dender = besturen_services.create_regio(
        door=None, naam="Denderregio", slug="denderregio", land=Land.BELGIE, rechtsvorm=Rechtsvorm.FEITELIJK
    )
    w.drecht = besturen_services.create_regio(
        door=None,
        naam="Drechtsteden",
        slug="drechtsteden",
        land=Land.NEDERLAND,
        rechtsvorm=Rechtsvorm.GEMEENSCHAPPELIJKE_REGELING,
    )
    w.aalst = _gemeente("Aalst", "41002")
    w.lede = _gemeente("Lede", "41034")
    for bestuur in (w.aalst, w.lede):
        besturen_services.add_deelname(w.dender, bestuur, begindatum=BEGIN, door=None)
    w.raad_aalst = besturen_services.create_orgaan(
        door=None, soort=OrgaanSoort.GEMEENTERAAD, naam="Gemeenteraad Aalst", bestuur=w.aalst
    )
    w.dbo = besturen_services.create_orgaan(
        door=None,
        soort=OrgaanSoort.BURGEMEESTERSOVERLEG,
        naam="Burgemeestersoverleg Denderregio",
        afkorting="DBO",
        regio=w.dender,
    )
    w.stuurgroep = besturen_services.create_orgaan(
        door=None, soort=OrgaanSoort.STUURGROEP, naam="Stuurgroep Mobiliteit", regio=w.dender
    )
    w.regiobestuur_drecht = besturen_services.create_orgaan(
        door=None, soort=OrgaanSoort.REGIOBESTUUR, naam="Regiobestuur Drechtsteden", regio=w.drecht
    )

    w.secretariaat = maak_gebruiker(w.dbo, Rol.SECRETARIS, "Sara", "Secretaris")
    w.voorzitter = maak_gebruiker(w.dbo, Rol.VOORZITTER, "Victor", "Voorzitter", namens=w.aalst)
    w.lid = maak_gebruiker(w.dbo, Rol.LID, "Lieve", "Lid", namens=w.lede)
    w.raadslid = maak_gebruiker(w.raad_aalst, Rol.LID, "Rudi", "Raadslid", namens=w.aalst)
    w.secretariaat_drecht = maak_gebruiker(w.regiobestuur_drecht, Rol.SECRETARIS, "Dirk", "Drecht")
    w.buitenstaander = besturen_services.create_account(
        besturen_services.create_persoon(
            door=None, voornaam="Bert", achternaam="Buiten", email="bert.buiten@example.org"
        ),
        password=PASSWORD,
        door=None,
    )
    w.platformbeheerder = besturen_services.create_platform_admin(
        email="beheer@example.org", password=PASSWORD, door=None
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
