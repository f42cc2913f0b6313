"""factory-boy factories: a test builds only what it reads."""

import datetime

import factory
from django.contrib.auth import get_user_model

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

PASSWORD = "demo-wachtwoord-123"


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
