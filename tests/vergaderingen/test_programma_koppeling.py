"""The board's meeting and the annual programme, on both routes.

Consent: a submitted version lands on the board's next agenda; the decision on that item adopts the version or sends
it back to the secretariat. Zienswijze (Wgr art. 35): the draft lands on the agenda when it is routed, on the first
meeting after the councils' term; the board's decision adopts it only after that term (or once every council has
responded), and sends it back otherwise.
"""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from opgaven import services as opgaven_services
from programmas import services as programma_services
from programmas.models import Procedure, Raadsbesluit, VersieStatus
from programmas.models import Uitkomst as RaadsUitkomst
from programmas.selectors import beslissing
from vergaderingen import services
from vergaderingen.models import Agendapunt, Besluit, Besluituitkomst

from .conftest import plan

S = VersieStatus


def _reis(dag):
    """Travel to 10:00 on `dag` (local time); the clock stands still."""
    moment = timezone.make_aware(datetime.datetime.combine(dag, datetime.time(10)))
    return time_machine.travel(moment, tick=False)


def _versie(w, procedure=Procedure.INSTEMMING):
    programma_services.update_regeling(w.dender, door=None, bestuursorgaan=w.dbo, procedure=procedure)
    opgave = opgaven_services.create_opgave(
        w.dender, door=None, titel="Regionale mobiliteit", doel="Samen rijden"
    )
    versie = programma_services.draft_jaarprogramma(w.dender, 2027, door=None, opgaven=[opgave])
    programma_services.update_regel(versie.regels.get(), bedrag=Decimal("10000.00"), door=None)
    return versie


@pytest.fixture
def versie(w):
    return _versie(w)


@pytest.fixture
def zienswijze(w):
    return _versie(w, Procedure.ZIENSWIJZE)


def _status(versie):
    versie.refresh_from_db()
    return versie.status


# --- Consent: on the agenda at submission ---------------------------------------------------------------------------


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
    assert _status(versie) == S.INGEDIEND
    assert not Agendapunt.objects.filter(programmaversie=versie).exists()


def _behandeld(w, versie, *, days=-1):
    """The version's item on a meeting `days` from today that has taken place."""
    vergadering = plan(w.dbo, days=days)
    punt = services.add_agendapunt(
        vergadering, titel="Vaststelling jaarprogramma", programmaversie=versie, door=None
    )
    services.publish_agenda(vergadering, door=None)
    services.close_vergadering(vergadering, door=None)
    return punt


def _ingediend(w, versie, dagen_geleden=7):
    """Submitted some days ago, so the board's meeting of yesterday lies after the submission."""
    with _reis(timezone.localdate() - datetime.timedelta(days=dagen_geleden)):
        programma_services.submit_versie(versie, door=w.secretariaat)
    versie.refresh_from_db()
    return versie


def test_adopting_the_item_adopts_the_programme_version(w, versie):
    _ingediend(w, versie)
    punt = _behandeld(w, versie)
    services.record_besluit(
        punt, uitkomst=Besluituitkomst.AANGENOMEN, voor=2, tegen=0, onthouding=0, door=w.secretariaat
    )
    versie.refresh_from_db()
    assert versie.status == S.VASTGESTELD
    assert versie.vastgesteld_op == timezone.localdate() - datetime.timedelta(days=1)
    assert "Burgemeestersoverleg Denderregio" in versie.besluit_referentie
    assert versie.bevroren_op is not None and versie.bijdragen.count() == 2  # the figures froze at adoption


def test_a_meeting_before_the_submission_cannot_adopt_it(w, versie):
    programma_services.submit_versie(versie, door=w.secretariaat)  # today
    punt = _behandeld(w, versie, days=-1)  # yesterday
    with pytest.raises(ValidationError):
        services.record_besluit(punt, uitkomst=Besluituitkomst.AANGENOMEN, door=w.secretariaat)
    assert _status(versie) == S.INGEDIEND


def test_rejecting_the_item_sends_the_version_back_to_concept(w, versie):
    _ingediend(w, versie)
    punt = _behandeld(w, versie)
    services.record_besluit(punt, uitkomst=Besluituitkomst.VERWORPEN, door=w.secretariaat)
    assert _status(versie) == S.CONCEPT


def test_a_postponed_item_leaves_the_version_as_it_is(w, versie):
    _ingediend(w, versie)
    punt = _behandeld(w, versie)
    services.record_besluit(punt, uitkomst=Besluituitkomst.AANGEHOUDEN, door=w.secretariaat)
    assert _status(versie) == S.INGEDIEND


# --- Zienswijze (Wgr art. 35): on the agenda at routing, after the councils' term ---------------------------------


def test_a_routed_draft_lands_on_the_first_meeting_after_the_councils_term(
    w, zienswijze, django_capture_on_commit_callbacks
):
    binnen_termijn = plan(w.dbo, days=30)
    na_termijn = plan(w.dbo, days=12 * 7 + 7)
    with django_capture_on_commit_callbacks(execute=True):
        programma_services.submit_versie(zienswijze, door=w.secretariaat)
    assert not Agendapunt.objects.filter(programmaversie=zienswijze).exists()  # not yet: first the councils
    with django_capture_on_commit_callbacks(execute=True):
        programma_services.route_versie(zienswijze, door=w.secretariaat)
    zienswijze.refresh_from_db()
    assert zienswijze.deadline == timezone.localdate() + datetime.timedelta(weeks=12)
    punt = Agendapunt.objects.get(programmaversie=zienswijze)
    assert punt.vergadering == na_termijn != binnen_termijn


def _voorgelegd(w, versie, dagen_geleden=7):
    """Submitted and routed `dagen_geleden` days ago, with the statutory twelve weeks."""
    with _reis(timezone.localdate() - datetime.timedelta(days=dagen_geleden)):
        programma_services.submit_versie(versie, door=w.secretariaat)
        programma_services.route_versie(versie, door=w.secretariaat)
    versie.refresh_from_db()
    return versie


def test_the_board_cannot_adopt_the_draft_before_the_councils_term_has_ended(w, zienswijze):
    versie = _voorgelegd(w, zienswijze)
    assert versie.deadline > timezone.localdate()
    punt = _behandeld(w, versie)
    with pytest.raises(ValidationError) as fout:
        services.record_besluit(punt, uitkomst=Besluituitkomst.AANGENOMEN, door=w.secretariaat)
    assert "Wgr art. 35" in str(fout.value)
    assert _status(versie) == S.VOORGELEGD
    assert not Besluit.objects.filter(agendapunt=punt).exists()  # the refusal refuses the decision itself


def test_the_board_adopts_the_draft_after_the_councils_term(w, zienswijze):
    versie = _voorgelegd(w, zienswijze)
    na_termijn = versie.deadline + datetime.timedelta(days=2)
    with _reis(na_termijn):
        punt = _behandeld(w, versie)  # the day after the term
        services.record_besluit(
            punt, uitkomst=Besluituitkomst.AANGENOMEN, voor=2, tegen=0, door=w.secretariaat
        )
    versie.refresh_from_db()
    assert (versie.status, versie.vastgesteld_op) == (
        S.VASTGESTELD,
        versie.deadline + datetime.timedelta(days=1),
    )
    assert "Burgemeestersoverleg Denderregio" in versie.besluit_referentie
    assert versie.openbaar


def test_the_board_adopts_before_the_term_once_every_council_has_responded(w, zienswijze):
    versie = _voorgelegd(w, zienswijze)
    for besluit in Raadsbesluit.objects.filter(versie=versie):
        programma_services.record_raadsbesluit(
            besluit,
            uitkomst=RaadsUitkomst.GEEN_ZIENSWIJZE,
            datum_raad=versie.voorgelegd_op + datetime.timedelta(days=2),
            door=None,
        )
    punt = _behandeld(w, versie)
    services.record_besluit(punt, uitkomst=Besluituitkomst.AANGENOMEN, door=w.secretariaat)
    assert _status(versie) == S.VASTGESTELD


def test_the_board_adopts_only_with_every_view_answered(w, zienswijze):
    versie = _voorgelegd(w, zienswijze)
    aalst, lede = Raadsbesluit.objects.filter(versie=versie).order_by("bestuur__naam")
    dag = versie.voorgelegd_op + datetime.timedelta(days=2)
    programma_services.record_raadsbesluit(
        aalst, uitkomst=RaadsUitkomst.ZIENSWIJZE, zienswijze="Minder kosten.", datum_raad=dag, door=None
    )
    programma_services.record_raadsbesluit(
        lede, uitkomst=RaadsUitkomst.GEEN_ZIENSWIJZE, datum_raad=dag, door=None
    )
    punt = _behandeld(w, versie)
    with pytest.raises(ValidationError):
        services.record_besluit(punt, uitkomst=Besluituitkomst.AANGENOMEN, door=w.secretariaat)
    assert _status(versie) == S.VOORGELEGD
    programma_services.answer_zienswijze(aalst, antwoord="De kosten dalen met 5 %.", door=w.secretariaat)
    services.record_besluit(punt, uitkomst=Besluituitkomst.AANGENOMEN, door=w.secretariaat)
    assert _status(versie) == S.VASTGESTELD


def test_rejecting_the_draft_sends_it_back_and_ends_the_councils_phase(w, zienswijze):
    versie = _voorgelegd(w, zienswijze)
    punt = _behandeld(w, versie)  # within the term: sending back needs no waiting
    services.record_besluit(punt, uitkomst=Besluituitkomst.VERWORPEN, door=w.secretariaat)
    versie.refresh_from_db()
    assert (versie.status, versie.teruggestuurd_op) == (S.TERUG, timezone.localdate())
    assert beslissing(versie).afgesloten
    besluit = Raadsbesluit.objects.filter(versie=versie).first()
    with pytest.raises(ValidationError):
        programma_services.record_raadsbesluit(
            besluit, uitkomst=RaadsUitkomst.GEEN_ZIENSWIJZE, datum_raad=timezone.localdate(), door=None
        )
