"""The meetings' items on the work list: an agenda to publish, a meeting to prepare, a planning day to register for."""

import datetime

import time_machine
from django.utils import timezone

from regioportaal import werklijst
from tests.vergaderingen.conftest import plan
from vergaderingen import services
from vergaderingen.models import BlokSoort

from .conftest import titels

PUBLICEREN = "Agenda publiceren"
VOORBEREIDEN = "Vergadering voorbereiden"
INSCHRIJVEN = "Inschrijven voor een planningsdag"


def test_only_the_bodys_secretariat_is_asked_to_publish_its_agenda(world):
    vergadering = plan(world.dbo, days=10)
    items = [item for item in werklijst.items_for(world.secretariaat) if item.soort == PUBLICEREN]
    assert [item.url for item in items] == [f"/vergadering/{vergadering.pk}/agenda/"]
    assert items[0].deadline == timezone.localtime(vergadering.begin).date()
    assert items[0].regio == "Denderregio"
    for wie in (
        "voorzitter",
        "lid",
        "raadslid",
        "secretariaat_drecht",
        "platformbeheerder",
        "buitenstaander",
    ):
        assert titels(world.users[wie], PUBLICEREN) == [], wie


def test_members_prepare_a_meeting_with_a_published_agenda_and_others_do_not(world):
    vergadering = plan(world.dbo, days=10)
    services.add_agendapunt(vergadering, titel="Mobiliteit", door=None)
    services.publish_agenda(vergadering, door=None)
    for wie in ("secretariaat", "voorzitter", "lid"):
        assert titels(world.users[wie], VOORBEREIDEN) == [str(vergadering)], wie
        assert titels(world.users[wie], PUBLICEREN) == [], wie
    for wie in ("raadslid", "raadssecretaris", "secretariaat_drecht", "platformbeheerder", "buitenstaander"):
        assert titels(world.users[wie], VOORBEREIDEN) == [], wie


def test_a_past_meeting_is_not_on_the_list(world):
    plan(world.dbo, days=-3)
    assert titels(world.secretariaat, PUBLICEREN) == []


def test_officials_of_the_region_register_for_a_planning_day_until_its_deadline(world):
    vandaag = timezone.localdate()
    dag = services.create_bijeenkomst(
        world.dender,
        naam="Planningsdag",
        datum=vandaag + datetime.timedelta(days=20),
        locatie="Technopolis, Mechelen",
        inschrijven_tot=vandaag + datetime.timedelta(days=10),
        door=world.secretariaat,
    )
    for wie in ("lid", "raadslid", "secretariaat"):
        items = [item for item in werklijst.items_for(world.users[wie]) if item.soort == INSCHRIJVEN]
        assert [(item.url, item.deadline) for item in items] == [
            (f"/bijeenkomst/{dag.pk}/", dag.inschrijven_tot)
        ]
    for wie in ("secretariaat_drecht", "platformbeheerder", "buitenstaander"):
        assert titels(world.users[wie], INSCHRIJVEN) == [], wie

    blok = services.add_blok(
        dag,
        soort=BlokSoort.WERKSESSIES,
        titel="Trends",
        begin=datetime.time(10),
        einde=datetime.time(12),
        door=None,
    )
    sessie = services.add_werksessie(blok, thema="Mobiliteit", capaciteit=10, door=None)
    services.register(dag, bestuur=world.lede, sessies=[sessie], door=world.lid)
    assert titels(world.lid, INSCHRIJVEN) == []
    with time_machine.travel(timezone.now() + datetime.timedelta(days=11)):
        assert titels(world.raadslid, INSCHRIJVEN) == []
