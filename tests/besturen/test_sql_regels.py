"""Each rule's SQL form selects exactly the rows its ORM form selects (the written-out queries of the work list, the
grip page and the version pages use the SQL forms): "current on a day" (`current_sql` next to `current_q`) on its
boundaries, for seats and region memberships; the secretariat rules (`secretariaat_sql`, `lid_of_secretariaat_sql`
next to `secretariaat_q`, `lid_of_secretariaat_q`) for a region's secretariat, a council's secretary, a member of a
closed body, a council member and nobody. Run on PostgreSQL and on SQLite (the embedded default)."""

import datetime

import pytest
from django.db import connections
from django.utils import timezone

from besturen import services
from besturen.models import Deelname, Lidmaatschap, Orgaan, Rol, current_q
from besturen.models.regios import current_sql
from besturen.permissions import (
    MANAGE_LEDEN_ORGAAN,
    MANAGE_REGIO,
    VIEW_BESLOTEN_ORGAAN,
    VIEW_BESLOTEN_REGIO,
    lid_of_secretariaat_q,
    lid_of_secretariaat_sql,
    rollen_van,
    secretariaat_q,
    secretariaat_sql,
)
from tests.factories import gemeente

DAG = datetime.date(2024, 6, 15)
GISTEREN, MORGEN = DAG - datetime.timedelta(days=1), DAG + datetime.timedelta(days=1)
BEGIN_OUD = datetime.date(2021, 3, 1)

# (name, begindatum, einddatum, counts on DAG): the boundaries of "current" around DAG.
GRENZEN = [
    ("begint vandaag", DAG, None, True),
    ("eindigde vandaag", BEGIN_OUD, DAG, False),
    ("eindigt morgen", BEGIN_OUD, MORGEN, True),
    ("zonder einde", BEGIN_OUD, None, True),
    ("begint morgen", MORGEN, None, False),
    ("eindigde gisteren", BEGIN_OUD, GISTEREN, False),
    ("begon en eindigde vandaag", DAG, DAG, False),
]


def ids_van_sql(model, alias, waar, params):
    """The ids of `model`'s rows that the condition `waar` (on `alias`) selects, by a written-out query on the
    database the ORM reads."""
    connection = connections[model.objects.db]
    tabel = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {alias}.id FROM {tabel} {alias} WHERE {waar}", params)
        return {pk for (pk,) in cursor.fetchall()}


@pytest.fixture
def zetels(wereld):
    """A seat in the DBO for each boundary of GRENZEN: {name: seat}."""
    uit = {}
    for n, (naam, begin, einde, _telt) in enumerate(GRENZEN):
        persoon = services.create_persoon(door=None, voornaam=f"Grens{n}", achternaam=naam.title())
        uit[naam] = services.add_lidmaatschap(
            persoon=persoon,
            orgaan=wereld.dbo,
            rol=Rol.LID,
            namens=wereld.lede,
            begindatum=begin,
            einddatum=einde,
            door=None,
        )
    return uit


@pytest.fixture
def deelnames(wereld):
    """A membership of the Denderregio for each boundary of GRENZEN, each of its own municipality: {name: row}."""
    return {
        naam: services.add_deelname(
            wereld.dender,
            gemeente(f"Grensgemeente {n}", f"9{n:04d}"),
            begindatum=begin,
            einddatum=einde,
            door=None,
        )
        for n, (naam, begin, einde, _telt) in enumerate(GRENZEN)
    }


def _vergelijk_huidig(model, dag):
    """The ids of `model`'s rows current on `dag`, the SQL form checked against the ORM's."""
    orm = set(model.objects.filter(current_q(dag)).values_list("pk", flat=True))
    waar, params = current_sql("x", dag)
    assert ids_van_sql(model, "x", waar, params) == orm
    return orm


@pytest.mark.django_db
def test_a_seat_counts_from_its_first_day_up_to_the_day_it_ends(zetels):
    huidig = _vergelijk_huidig(Lidmaatschap, DAG)
    assert {naam for naam, zetel in zetels.items() if zetel.pk in huidig} == {
        naam for naam, _begin, _einde, telt in GRENZEN if telt
    }


@pytest.mark.django_db
def test_a_region_membership_counts_from_its_first_day_up_to_the_day_it_ends(deelnames):
    huidig = _vergelijk_huidig(Deelname, DAG)
    assert {naam for naam, deelname in deelnames.items() if deelname.pk in huidig} == {
        naam for naam, _begin, _einde, telt in GRENZEN if telt
    }


@pytest.mark.django_db
def test_the_day_before_and_after_the_boundaries_the_sql_still_agrees(zetels):
    """A day earlier the seats that end today still count and those that begin today not yet; a day later the seats
    that begin tomorrow count and those that end tomorrow no longer."""
    eerder = _vergelijk_huidig(Lidmaatschap, GISTEREN)
    later = _vergelijk_huidig(Lidmaatschap, MORGEN)
    assert {naam for naam, zetel in zetels.items() if zetel.pk in eerder} == {
        "eindigde vandaag",
        "eindigt morgen",
        "zonder einde",
    }
    assert {naam for naam, zetel in zetels.items() if zetel.pk in later} == {
        "begint vandaag",
        "zonder einde",
        "begint morgen",
    }


@pytest.mark.django_db
def test_without_a_day_the_sql_counts_today_as_the_orm_does(zetels):
    vandaag = timezone.localdate()
    waar, params = current_sql("x")
    assert params == [vandaag, vandaag]
    orm = set(Lidmaatschap.objects.current().values_list("pk", flat=True))
    assert ids_van_sql(Lidmaatschap, "x", waar, params) == orm
    assert zetels["zonder einde"].pk in orm and zetels["eindigde vandaag"].pk not in orm


def test_the_sql_text_is_the_same_for_every_day_and_carries_no_date():
    """One text per alias, the day as a parameter: the database prepares the statement once."""
    tekst, params = current_sql("l", DAG)
    assert current_sql("l", MORGEN)[0] == tekst
    assert params == [DAG, DAG]
    assert "2024" not in tekst and tekst.count("%s") == 2


# --- The secretariat rules ---------------------------------------------------------------------------------------


def _vergelijk_regels(rollen):
    """(secretariaat, lid of secretariaat): the body ids each rule selects, the SQL form checked against the ORM's."""
    uit = []
    for q, sql in ((secretariaat_q, secretariaat_sql), (lid_of_secretariaat_q, lid_of_secretariaat_sql)):
        orm = set(Orgaan.objects.filter(q(rollen)).values_list("pk", flat=True))
        waar, params = sql(rollen, "o")
        assert ids_van_sql(Orgaan, "o", waar, params) == orm, q.__name__
        uit.append(orm)
    return tuple(uit)


def _rollen(**ids):
    leeg = {
        MANAGE_REGIO: set(),
        MANAGE_LEDEN_ORGAAN: set(),
        VIEW_BESLOTEN_ORGAAN: set(),
        VIEW_BESLOTEN_REGIO: set(),
    }
    return leeg | ids


@pytest.mark.django_db
def test_the_region_secretariat_runs_its_regional_bodies_and_no_council(wereld):
    secretariaat, lid_of = _vergelijk_regels(rollen_van(wereld.secretariaat))
    regionaal = set(Orgaan.objects.filter(regio=wereld.dender).values_list("pk", flat=True))
    assert wereld.dbo.pk in regionaal
    assert secretariaat == regionaal
    assert lid_of == regionaal
    assert wereld.raad_aalst.pk not in lid_of and wereld.regiobestuur_drecht.pk not in lid_of


@pytest.mark.django_db
def test_a_council_secretary_runs_that_council_only(wereld):
    secretariaat, lid_of = _vergelijk_regels(rollen_van(wereld.raadssecretaris))
    assert secretariaat == {wereld.raad_aalst.pk}
    assert lid_of == {wereld.raad_aalst.pk}


@pytest.mark.django_db
def test_a_member_of_a_closed_body_is_no_secretariat_but_takes_part(wereld):
    secretariaat, lid_of = _vergelijk_regels(rollen_van(wereld.lid))
    assert secretariaat == set()
    assert lid_of == {wereld.dbo.pk}
    secretariaat, lid_of = _vergelijk_regels(rollen_van(wereld.raadslid_lede))
    assert secretariaat == set()
    assert lid_of == {wereld.raad_lede.pk}


@pytest.mark.django_db
def test_nobody_and_the_public_select_no_body(wereld):
    for user in (wereld.buitenstaander, None):
        assert _vergelijk_regels(rollen_van(user)) == (set(), set())
    waar, params = secretariaat_sql(rollen_van(None), "o")
    assert params == [] and "1 = 0" in waar


@pytest.mark.django_db
def test_managing_the_members_of_a_regional_body_makes_no_secretariat_of_it(wereld):
    """Only a body without a region is run by its own secretary (a regional one by the region's secretariat):
    `manage_leden_orgaan` on the DBO, which no grant gives, still selects nothing in either form."""
    secretariaat, lid_of = _vergelijk_regels(_rollen(**{MANAGE_LEDEN_ORGAAN: {wereld.dbo.pk}}))
    assert secretariaat == lid_of == set()
    beide = _rollen(
        **{MANAGE_REGIO: {wereld.drecht.pk}, MANAGE_LEDEN_ORGAAN: {wereld.raad_lede.pk, wereld.dbo.pk}}
    )
    secretariaat, _lid_of = _vergelijk_regels(beide)
    drecht = set(Orgaan.objects.filter(regio=wereld.drecht).values_list("pk", flat=True))
    assert wereld.regiobestuur_drecht.pk in drecht
    assert secretariaat == drecht | {wereld.raad_lede.pk}


def test_the_secretariat_sql_text_depends_on_the_lengths_of_the_lists_only():
    een = secretariaat_sql(_rollen(**{MANAGE_REGIO: {7}, MANAGE_LEDEN_ORGAAN: {3, 9}}), "o")
    ander = secretariaat_sql(_rollen(**{MANAGE_REGIO: {8}, MANAGE_LEDEN_ORGAAN: {1, 2}}), "o")
    assert een[0] == ander[0]
    assert een[1] == [7, 3, 9]
    assert ander[1] == [8, 1, 2]
    lid_of = lid_of_secretariaat_sql(_rollen(**{VIEW_BESLOTEN_ORGAAN: {5, 4}}), "o")
    assert lid_of == ("((1 = 0 OR (o.regio_id IS NULL AND 1 = 0)) OR o.id IN (%s, %s))", [4, 5])


@pytest.mark.django_db
def test_for_every_role_of_the_test_world_the_sql_selects_what_the_orm_selects(wereld):
    for user in wereld.users.values():
        _vergelijk_regels(rollen_van(user))
    assert _vergelijk_regels(rollen_van(wereld.secretariaat_drecht))[0] == set(
        Orgaan.objects.filter(regio=wereld.drecht).values_list("pk", flat=True)
    )
    assert _vergelijk_regels(rollen_van(wereld.platformbeheerder)) == (set(), set())  # no superuser shortcut
