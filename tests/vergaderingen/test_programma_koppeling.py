"""The board's meeting and the annual programme: a submitted version lands on the next agenda, and the decision on
that item adopts the version or sends it back."""

import datetime
from decimal import Decimal

import pytest

from opgaven import services as opgaven_services
from programmas import services as programma_services
from programmas.models import VersieStatus
from vergaderingen import services
from vergaderingen.models import Agendapunt, Uitkomst

from .conftest import plan


@pytest.fixture
def versie(w):
    regeling = programma_services.regeling_van(w.dender)
    regeling.bestuursorgaan = w.dbo
    regeling.save()
    opgave = opgaven_services.create_opgave(
        w.dender, door=None, titel="Regionale mobiliteit", doel="Samen rijden"
    )
    versie = programma_services.draft_jaarprogramma(w.dender, 2027, door=None, opgaven=[opgave])
    programma_services.update_regel(versie.regels.get(), bedrag=Decimal("10000.00"), door=None)
    return versie


def test_submitted_version_lands_on_the_boards_next_planned_meeting(
    w, versie, django_capture_on_commit_callbacks
):
    later = plan(w.dbo, days=30)
    eerst = plan(w.dbo, days=7)
    with django_capture_on_commit_callbacks(execute=True):
        programma_services.submit_versie(versie, door=w.secretariaat)
    punt = Agendapunt.objects.get(programmaversie=versie)
    assert punt.vergadering == eerst != later
    assert "Vaststelling" in punt.titel


def test_submitting_without_a_planned_meeting_changes_no_agenda(
    w, versie, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        programma_services.submit_versie(versie, door=w.secretariaat)
    versie.refresh_from_db()
    assert versie.status == VersieStatus.INGEDIEND
    assert not Agendapunt.objects.filter(programmaversie=versie).exists()


def _behandeld(w, versie):
    programma_services.submit_versie(versie, door=w.secretariaat)
    vergadering = plan(w.dbo, days=-1)
    punt = services.add_agendapunt(
        vergadering, titel="Vaststelling jaarprogramma", programmaversie=versie, door=None
    )
    services.publish_agenda(vergadering, door=None)
    services.close_vergadering(vergadering, door=None)
    return punt


def test_adopting_the_item_adopts_the_programme_version(w, versie):
    punt = _behandeld(w, versie)
    services.record_besluit(
        punt, uitkomst=Uitkomst.AANGENOMEN, voor=2, tegen=0, onthouding=0, door=w.secretariaat
    )
    versie.refresh_from_db()
    assert versie.status == VersieStatus.VASTGESTELD
    assert versie.vastgesteld_op == datetime.date.today() - datetime.timedelta(days=1)
    assert "Burgemeestersoverleg Denderregio" in versie.besluit_referentie


def test_rejecting_the_item_sends_the_version_back_to_concept(w, versie):
    punt = _behandeld(w, versie)
    services.record_besluit(punt, uitkomst=Uitkomst.VERWORPEN, door=w.secretariaat)
    versie.refresh_from_db()
    assert versie.status == VersieStatus.CONCEPT
