"""The body page's written-out seat queries (issue 16) return what the ORM selectors they replace return: the same
seats, in the same order, for current and ended seats, roles that tie on name and seats without a person's
government. The ORM selectors `samenstelling` and `oud_leden` stay as their specification."""

import datetime

import pytest
from django.db import connection

from besturen import selectors, services
from besturen.models import Rol
from tests.factories import BEGIN


def rijen(query):
    kolommen, rest, params = query
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {kolommen} {rest}", params)
        return cursor.fetchall()


def sleutel(lidmaatschap):
    return (lidmaatschap.rol, lidmaatschap.begindatum, lidmaatschap.einddatum, lidmaatschap.persoon_id)


@pytest.fixture
def dbo(wereld):
    """The DBO with more seats: two members with the same surname, a vice chair, and three seats that ended."""
    for voornaam, rol in (("Anna", Rol.LID), ("Bram", Rol.LID), ("Cor", Rol.ONDERVOORZITTER)):
        persoon = services.create_persoon(door=None, voornaam=voornaam, achternaam="Peeters")
        services.add_lidmaatschap(
            persoon=persoon, orgaan=wereld.dbo, rol=rol, namens=wereld.lede, begindatum=BEGIN, door=None
        )
    for n, einde in enumerate(
        (datetime.date(2023, 5, 1), datetime.date(2024, 2, 1), datetime.date(2024, 2, 1))
    ):
        persoon = services.create_persoon(door=None, voornaam=f"Oud{n}", achternaam=f"Zetel{2 - n}")
        zetel = services.add_lidmaatschap(
            persoon=persoon, orgaan=wereld.dbo, rol=Rol.LID, namens=wereld.aalst, begindatum=BEGIN, door=None
        )
        services.end_lidmaatschap(zetel, einddatum=einde, door=None)
    return wereld.dbo


@pytest.mark.django_db
def test_the_current_seats_come_as_the_orm_gives_them(dbo):
    verwacht = [sleutel(lid) for lid in selectors.samenstelling(dbo)]
    gekregen = [(r[0], r[1], r[2], r[3]) for r in rijen(selectors.samenstelling_query(dbo))]
    assert len(verwacht) >= 6
    assert gekregen == verwacht


@pytest.mark.django_db
def test_the_ended_seats_come_as_the_orm_gives_them(dbo):
    verwacht = [sleutel(lid) for lid in selectors.oud_leden(dbo)]
    gekregen = [(r[0], r[1], r[2], r[3]) for r in rijen(selectors.oud_leden_query(dbo))]
    assert len(verwacht) == 3
    assert gekregen == verwacht


@pytest.mark.django_db
def test_a_day_before_the_seats_ended_shows_them_current_again(dbo):
    dag = datetime.date(2023, 1, 1)
    verwacht = [sleutel(lid) for lid in selectors.samenstelling(dbo, day=dag)]
    gekregen = [(r[0], r[1], r[2], r[3]) for r in rijen(selectors.samenstelling_query(dbo, day=dag))]
    assert gekregen == verwacht
    assert not rijen(selectors.oud_leden_query(dbo, day=dag))
