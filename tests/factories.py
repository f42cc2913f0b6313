"""The test world's builders, one of each, for every app's tests.

- factory-boy factories build the rows a test reads and nothing more (no grants, no action log);
- `maak_gebruiker`, `gemeente` and `buitenstaander` go through the services with `door=None`, as production does, so
  every body grants its permissions to its role groups and every seat puts its holder in the right group.

`tests/wereld.py` builds the shared `world` (the demo's roles) from these; the app worlds extend it.
"""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from besturen import services as besturen_services
from besturen.models import (
    Bestuur,
    BestuurSoort,
    Deelname,
    Land,
    Lidmaatschap,
    Orgaan,
    OrgaanSoort,
    Persoon,
    Rechtsvorm,
    Regio,
    Rol,
)
from opgaven.models import (
    Bron,
    Budgetregel,
    Capaciteit,
    Doelstelling,
    Indicator,
    Mandaat,
    Opgave,
    Synergie,
    Thema,
    Voortgang,
    VoortgangStatus,
)

PASSWORD = "demo-wachtwoord-123"
BEGIN = datetime.date(2020, 1, 1)  # the seats of the test world start here
MANDAAT_BEGIN = datetime.date(2024, 1, 1)
MANDAAT_EINDE = datetime.date(2099, 12, 31)


# --- Built through the services -------------------------------------------------------------------------------------


def maak_gebruiker(orgaan, rol, voornaam, achternaam, *, namens=None, begindatum=BEGIN, email=None):
    """A person with an account (password PASSWORD) and a seat with `rol` in `orgaan`; returns the account.

    The seat is on the account as `user.lidmaatschap`. The e-mail address is voornaam.achternaam@example.org unless
    `email` is given (a builder that makes the same people twice in one test gives its own).
    """
    email = email or f"{voornaam}.{achternaam}@example.org".lower().replace(" ", "")
    persoon = besturen_services.create_persoon(
        door=None, voornaam=voornaam, achternaam=achternaam, email=email
    )
    user = besturen_services.create_account(persoon, password=PASSWORD, door=None)
    user.lidmaatschap = besturen_services.add_lidmaatschap(
        persoon=persoon, orgaan=orgaan, rol=rol, namens=namens, begindatum=begindatum, door=None
    )
    return user


def buitenstaander(voornaam="Bert", achternaam="Buiten", *, email=None):
    """An account without any seat (password PASSWORD): logged in, but no member of anything."""
    email = email or f"{voornaam}.{achternaam}@example.org".lower().replace(" ", "")
    persoon = besturen_services.create_persoon(
        door=None, voornaam=voornaam, achternaam=achternaam, email=email
    )
    return besturen_services.create_account(persoon, password=PASSWORD, door=None)


def gemeente(naam, code, *, land=Land.BELGIE, inwoners=10_000, peildatum=datetime.date(2024, 1, 1), **velden):
    """A municipality created through the service (its population is also its first figure); `velden` adds fields."""
    return besturen_services.create_bestuur(
        door=None,
        soort=BestuurSoort.GEMEENTE,
        naam=naam,
        code=code,
        land=land,
        inwoners=inwoners,
        inwoners_peildatum=peildatum,
        **velden,
    )


# --- factory-boy: only the rows ------------------------------------------------------------------------------------


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"gebruiker{n}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RegioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regio

    naam = factory.Sequence(lambda n: f"Regio {n}")
    slug = factory.Sequence(lambda n: f"regio-{n}")
    land = Land.BELGIE
    rechtsvorm = Rechtsvorm.PROJECTVERENIGING


class BestuurFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bestuur

    soort = BestuurSoort.GEMEENTE
    naam = factory.Sequence(lambda n: f"Gemeente {n}")
    code = factory.Sequence(lambda n: f"{90000 + n}")
    land = Land.BELGIE
    provincie = "Oost-Vlaanderen"
    inwoners = 20000
    inwoners_peildatum = datetime.date(2020, 1, 1)


class DeelnameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deelname

    regio = factory.SubFactory(RegioFactory)
    bestuur = factory.SubFactory(BestuurFactory)
    begindatum = datetime.date(2019, 1, 1)


class OrgaanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Orgaan

    soort = OrgaanSoort.BURGEMEESTERSOVERLEG
    naam = factory.Sequence(lambda n: f"Burgemeestersoverleg {n}")
    regio = factory.SubFactory(RegioFactory)
    bestuur = None


class PersoonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Persoon

    voornaam = factory.Sequence(lambda n: f"Voornaam{n}")
    achternaam = factory.Sequence(lambda n: f"Achternaam{n}")
    email = factory.LazyAttribute(lambda p: f"{p.voornaam}.{p.achternaam}@example.org".lower())


class LidmaatschapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lidmaatschap

    persoon = factory.SubFactory(PersoonFactory)
    orgaan = factory.SubFactory(OrgaanFactory)
    rol = Rol.LID
    namens = None
    begindatum = datetime.date(2019, 1, 1)


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
