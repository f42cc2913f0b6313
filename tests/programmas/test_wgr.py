"""The routes as the law has them, through the services: the councils' deadline (Wgr art. 35: at least twelve weeks
for a view, never before the routing date), the board's adoption after the term, the budget to gedeputeerde staten
(art. 34 lid 2), a council's own deadline, the dates of a council's decision, and the board's decision on both
routes. Steps in the past are taken with the clock turned back (`reis`)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from programmas import selectors, services, termijnen
from programmas.models import Procedure, Raadsbesluit, Registratie, Uitkomst, VersieStatus
from regioportaal.models import ActionLog
from regioportaal.permissions import NotAllowed

from .bouw import JAAR, alle_raden_reageren, bouw_regio, programma, reis, vandaag

S = VersieStatus
WEEK = datetime.timedelta(weeks=1)
DAG = datetime.timedelta(days=1)


@pytest.fixture
def zw(db, snelle_wachtwoorden, media):
    """A region on the zienswijze route (Wgr), three councils."""
    return bouw_regio(3, procedure=Procedure.ZIENSWIJZE)


def _besluit(versie, bestuur):
    return Raadsbesluit.objects.get(versie=versie, bestuur=bestuur)


def _status(versie):
    versie.refresh_from_db()
    return versie.status


def _voorgelegd_geleden(w, weken, **kwargs):
    """Routed `weken` weeks ago (with the statutory twelve weeks unless told otherwise)."""
    with reis(vandaag() - weken * WEEK):
        return programma(w, tot=S.VOORGELEGD, **kwargs)


# --- The councils' deadline -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("procedure", [Procedure.INSTEMMING, Procedure.ZIENSWIJZE])
def test_routing_with_a_deadline_before_today_is_refused(db, snelle_wachtwoorden, procedure):
    w = bouw_regio(2, procedure=procedure)
    versie = programma(w, tot=S.INGEDIEND if procedure == Procedure.ZIENSWIJZE else S.VASTGESTELD)
    with pytest.raises(ValidationError) as fout:
        services.route_versie(versie, door=w.secretariaat, deadline=vandaag() - DAG)
    assert "deadline" in fout.value.message_dict
    assert not Raadsbesluit.objects.filter(versie=versie).exists()
    assert _status(versie) in (S.INGEDIEND, S.VASTGESTELD)


def test_consent_may_route_with_a_deadline_of_today(db, snelle_wachtwoorden):
    w = bouw_regio(2)
    versie = programma(w, tot=S.VASTGESTELD)
    services.route_versie(versie, door=w.secretariaat, deadline=vandaag())
    assert _status(versie) == S.VOORGELEGD


@pytest.mark.parametrize("weken,toegestaan", [(1, False), (11, False), (12, True), (13, True)])
def test_a_term_for_views_shorter_than_twelve_weeks_is_refused(zw, weken, toegestaan):
    versie = programma(zw, tot=S.INGEDIEND)
    deadline = vandaag() + weken * WEEK
    if toegestaan:
        services.route_versie(versie, door=zw.secretariaat, deadline=deadline)
        versie.refresh_from_db()
        assert (versie.status, versie.voorgelegd_op, versie.deadline) == (S.VOORGELEGD, vandaag(), deadline)
        assert set(Raadsbesluit.objects.filter(versie=versie).values_list("deadline", flat=True)) == {
            deadline
        }
    else:
        with pytest.raises(ValidationError) as fout:
            services.route_versie(versie, door=zw.secretariaat, deadline=deadline)
        assert "twaalf weken" in fout.value.message_dict["deadline"][0]
        assert _status(versie) == S.INGEDIEND


def test_the_default_term_for_views_is_the_statutory_twelve_weeks(zw):
    versie = programma(zw, tot=S.VOORGELEGD)
    assert versie.deadline == termijnen.zienswijze_einde(vandaag()) == vandaag() + 12 * WEEK


def test_a_region_with_a_term_shorter_than_twelve_weeks_is_refused(db, snelle_wachtwoorden):
    w = bouw_regio(2)
    with pytest.raises(ValidationError):
        services.update_regeling(w.regio, door=w.secretariaat, zienswijze_weken=11)
    services.update_regeling(w.regio, door=w.secretariaat, zienswijze_weken=13)


# --- A council's own deadline ---------------------------------------------------------------------------------------


def test_each_council_may_have_its_own_deadline_never_shorter_than_the_law(zw):
    versie = programma(zw, tot=S.VOORGELEGD)
    besluit = _besluit(versie, zw.leden[0])
    with pytest.raises(ValidationError):
        services.set_raad_deadline(besluit, deadline=vandaag() + 11 * WEEK, door=zw.secretariaat)
    with pytest.raises(NotAllowed):
        services.set_raad_deadline(besluit, deadline=vandaag() + 16 * WEEK, door=zw.raadssecretaris)
    services.set_raad_deadline(besluit, deadline=vandaag() + 16 * WEEK, door=zw.secretariaat)
    deadlines = dict(Raadsbesluit.objects.filter(versie=versie).values_list("bestuur_id", "deadline"))
    assert deadlines == {
        zw.leden[0].pk: vandaag() + 16 * WEEK,
        zw.leden[1].pk: vandaag() + 12 * WEEK,
        zw.leden[2].pk: vandaag() + 12 * WEEK,
    }
    entry = ActionLog.objects.get(actie="uiterste datum gewijzigd")
    assert entry.actor == zw.secretariaat and entry.object_id == str(besluit.pk)


def test_a_consent_councils_deadline_may_not_lie_before_the_routing_date(db, snelle_wachtwoorden):
    w = bouw_regio(2)
    versie = programma(w, tot=S.VOORGELEGD)
    besluit = _besluit(versie, w.leden[0])
    with pytest.raises(ValidationError):
        services.set_raad_deadline(besluit, deadline=vandaag() - DAG, door=w.secretariaat)
    services.set_raad_deadline(besluit, deadline=vandaag() + 5 * DAG, door=w.secretariaat)
    besluit.refresh_from_db()
    assert besluit.deadline == vandaag() + 5 * DAG


def test_a_councils_deadline_cannot_change_once_the_budget_is_adopted(zw):
    versie = programma(zw, tot=S.VASTGESTELD)
    with pytest.raises(ValidationError):
        services.set_raad_deadline(
            _besluit(versie, zw.leden[0]), deadline=vandaag() + 20 * WEEK, door=zw.secretariaat
        )


def test_a_council_with_a_later_own_deadline_holds_up_the_adoption(zw):
    versie = _voorgelegd_geleden(zw, 13)  # the common term ended a week ago
    services.set_raad_deadline(
        _besluit(versie, zw.leden[0]), deadline=versie.voorgelegd_op + 14 * WEEK, door=zw.secretariaat
    )
    with pytest.raises(ValidationError) as fout:
        services.adopt_versie(versie, besluitdatum=vandaag(), door=zw.secretariaat)
    assert "1 raad is nog binnen zijn termijn" in fout.value.message_dict["besluitdatum"][0]
    services.record_raadsbesluit(
        _besluit(versie, zw.leden[0]), uitkomst=Uitkomst.GEEN_ZIENSWIJZE, datum_raad=vandaag(), door=None
    )
    services.adopt_versie(versie, besluitdatum=vandaag(), door=zw.secretariaat)
    assert _status(versie) == S.VASTGESTELD


# --- The general board adopts after the term (Wgr art. 35) ----------------------------------------------------------


def test_the_board_cannot_adopt_while_councils_are_inside_their_term(zw):
    versie = programma(zw, tot=S.VOORGELEGD)
    services.record_raadsbesluit(
        _besluit(versie, zw.leden[0]), uitkomst=Uitkomst.GEEN_ZIENSWIJZE, datum_raad=vandaag(), door=None
    )
    with pytest.raises(ValidationError) as fout:
        services.adopt_versie(versie, besluitdatum=vandaag(), door=zw.secretariaat)
    assert "Wgr art. 35" in fout.value.message_dict["besluitdatum"][0]
    assert _status(versie) == S.VOORGELEGD
    assert not selectors.beslissing(versie).afgesloten  # the councils go on


def test_the_board_adopts_before_the_term_once_every_council_has_responded(zw):
    versie = programma(zw, tot=S.VOORGELEGD)
    alle_raden_reageren(versie)
    services.adopt_versie(versie, besluitdatum=vandaag(), door=zw.voorzitter)
    versie.refresh_from_db()
    assert (versie.status, versie.vastgesteld_op, versie.openbaar) == (S.VASTGESTELD, vandaag(), True)


def test_the_board_adopts_after_the_term_without_every_council(zw):
    versie = _voorgelegd_geleden(zw, 13)
    assert versie.deadline < vandaag()
    services.adopt_versie(versie, besluitdatum=vandaag(), door=zw.secretariaat)
    assert _status(versie) == S.VASTGESTELD
    with pytest.raises(ValidationError):  # the councils' phase ended with the adoption
        services.record_raadsbesluit(
            _besluit(versie, zw.leden[0]), uitkomst=Uitkomst.GEEN_ZIENSWIJZE, datum_raad=vandaag(), door=None
        )


def test_the_deadline_day_itself_still_belongs_to_the_councils(zw):
    versie = _voorgelegd_geleden(zw, 12)  # the term ends today
    assert versie.deadline == vandaag()
    with pytest.raises(ValidationError):
        services.adopt_versie(versie, besluitdatum=vandaag(), door=zw.secretariaat)
    with reis(vandaag() + DAG):
        services.adopt_versie(versie, besluitdatum=vandaag(), door=zw.secretariaat)  # the day after the term
    assert _status(versie) == S.VASTGESTELD


def test_adoption_before_the_routing_or_the_submission_is_refused(db, snelle_wachtwoorden):
    zw = bouw_regio(2, procedure=Procedure.ZIENSWIJZE)
    versie = programma(zw, tot=S.VOORGELEGD)
    alle_raden_reageren(versie)
    with pytest.raises(ValidationError):
        services.adopt_versie(versie, besluitdatum=vandaag() - DAG, door=zw.secretariaat)
    w = bouw_regio(2)
    versie = programma(w, tot=S.INGEDIEND)
    with pytest.raises(ValidationError) as fout:
        services.adopt_versie(versie, besluitdatum=vandaag() - DAG, door=w.secretariaat)
    assert "indiening" in fout.value.message_dict["besluitdatum"][0]
    assert _status(versie) == S.INGEDIEND


def test_adoption_is_recorded_once_taken_not_ahead(db, snelle_wachtwoorden):
    w = bouw_regio(2)
    versie = programma(w, tot=S.INGEDIEND)
    with pytest.raises(ValidationError) as fout:
        services.adopt_versie(versie, besluitdatum=vandaag() + DAG, door=w.secretariaat)
    assert "toekomst" in fout.value.message_dict["besluitdatum"][0]
    assert _status(versie) == S.INGEDIEND


# --- The board's decision drives both routes ------------------------------------------------------------------------


def test_consent_the_boards_decision_adopts_or_sends_back_a_submitted_version(db, snelle_wachtwoorden):
    w = bouw_regio(2)
    versie = programma(w, tot=S.INGEDIEND)
    services.board_decision(
        versie, aangenomen=False, besluitdatum=vandaag(), door=w.secretariaat, reden="Nee"
    )
    assert _status(versie) == S.CONCEPT
    services.submit_versie(versie, door=w.secretariaat)
    services.board_decision(
        versie, aangenomen=True, besluitdatum=vandaag(), besluit_referentie="DBO-3", door=w.voorzitter
    )
    versie.refresh_from_db()
    assert (versie.status, versie.besluit_referentie) == (S.VASTGESTELD, "DBO-3")
    assert (
        services.board_decision(versie, aangenomen=False, besluitdatum=vandaag(), door=w.secretariaat) is None
    )
    assert _status(versie) == S.VASTGESTELD  # an adopted version is not the board's item any more


def test_zienswijze_the_boards_decision_waits_for_the_term_then_adopts(zw):
    versie = programma(zw, tot=S.INGEDIEND)
    assert (
        services.board_decision(versie, aangenomen=True, besluitdatum=vandaag(), door=zw.secretariaat) is None
    )
    assert _status(versie) == S.INGEDIEND  # not routed yet: nothing for the general board
    services.route_versie(versie, door=zw.secretariaat)
    with pytest.raises(ValidationError):
        services.board_decision(versie, aangenomen=True, besluitdatum=vandaag(), door=zw.secretariaat)
    assert _status(versie) == S.VOORGELEGD
    versie.refresh_from_db()
    na_termijn = versie.deadline + DAG
    with reis(na_termijn):
        services.board_decision(versie, aangenomen=True, besluitdatum=na_termijn, door=zw.secretariaat)
    versie.refresh_from_db()
    assert (versie.status, versie.vastgesteld_op) == (S.VASTGESTELD, na_termijn)


def test_zienswijze_the_boards_decision_sends_a_routed_draft_back(zw):
    versie = programma(zw, tot=S.VOORGELEGD)
    services.board_decision(
        versie, aangenomen=False, besluitdatum=vandaag(), door=zw.secretariaat, reden="Herzien"
    )
    versie.refresh_from_db()
    assert (versie.status, versie.teruggestuurd_op) == (S.TERUG, vandaag())
    assert selectors.beslissing(versie).afgesloten
    assert ActionLog.objects.filter(actie="teruggestuurd", reden="Herzien").exists()


# --- The budget to gedeputeerde staten (Wgr art. 34 lid 2) -----------------------------------------------------------


def test_the_adopted_budget_is_recorded_as_sent_to_gs_in_time(zw):
    versie = programma(zw, jaar=JAAR + 2, tot=S.VASTGESTELD)  # adopted today, long before 15 September
    with pytest.raises(NotAllowed):
        services.record_gs_verzending(versie, datum=vandaag(), door=zw.raadssecretaris)
    services.record_gs_verzending(versie, datum=vandaag(), referentie="GS-2029-1", door=zw.secretariaat)
    versie.refresh_from_db()
    assert (versie.naar_gs_op, versie.naar_gs_referentie) == (vandaag(), "GS-2029-1")
    entry = ActionLog.objects.get(actie="naar gedeputeerde staten")
    assert entry.wijzigingen["te_laat"] is False
    assert (termijnen.gs_termijn(versie.vastgesteld_op, JAAR + 2) - vandaag()).days == 14


def test_a_budget_sent_to_gs_after_15_september_is_recorded_as_late(zw):
    versie = programma(zw, tot=S.VASTGESTELD)
    services.record_gs_verzending(versie, datum=vandaag(), door=zw.secretariaat)
    te_laat = vandaag() > termijnen.gs_termijn(vandaag(), JAAR)
    assert ActionLog.objects.get(actie="naar gedeputeerde staten").wijzigingen["te_laat"] is te_laat


def test_the_budget_goes_to_gs_only_after_adoption_and_not_before_it(zw):
    versie = programma(zw, tot=S.VOORGELEGD)
    with pytest.raises(ValidationError):
        services.record_gs_verzending(versie, datum=vandaag(), door=zw.secretariaat)
    alle_raden_reageren(versie)
    services.adopt_versie(versie, besluitdatum=vandaag(), door=zw.secretariaat)
    with pytest.raises(ValidationError):
        services.record_gs_verzending(versie, datum=vandaag() - DAG, door=zw.secretariaat)
    with pytest.raises(ValidationError):
        services.record_gs_verzending(versie, datum=vandaag() + DAG, door=zw.secretariaat)
    versie.refresh_from_db()
    assert versie.naar_gs_op is None


def test_a_consent_programme_does_not_go_to_gs(db, snelle_wachtwoorden):
    w = bouw_regio(2)
    versie = programma(w, tot=S.VASTGESTELD)
    with pytest.raises(ValidationError):
        services.record_gs_verzending(versie, datum=vandaag(), door=w.secretariaat)


# --- The dates of a council's decision ------------------------------------------------------------------------------


def test_a_council_cannot_decide_before_the_routing_or_in_the_future(db, snelle_wachtwoorden):
    w = bouw_regio(2)
    versie = programma(w, tot=S.VOORGELEGD)
    besluit = _besluit(versie, w.leden[0])
    for datum in (vandaag() - DAG, vandaag() + DAG):
        with pytest.raises(ValidationError) as fout:
            services.record_raadsbesluit(besluit, uitkomst=Uitkomst.GOEDGEKEURD, datum_raad=datum, door=None)
        assert "datum_raad" in fout.value.message_dict
    assert not Registratie.objects.filter(besluit=besluit).exists()


def test_a_council_deciding_after_its_deadline_is_recorded_as_late(db, snelle_wachtwoorden):
    w = bouw_regio(2)
    with reis(vandaag() - 10 * DAG):
        versie = programma(w, tot=S.VOORGELEGD, deadline=vandaag() + 5 * DAG)  # five days ago now
    op_tijd = services.record_raadsbesluit(
        _besluit(versie, w.leden[1]), uitkomst=Uitkomst.GOEDGEKEURD, datum_raad=versie.deadline, door=None
    )
    te_laat = services.record_raadsbesluit(
        _besluit(versie, w.leden[0]), uitkomst=Uitkomst.GOEDGEKEURD, datum_raad=vandaag(), door=None
    )
    assert (op_tijd.te_laat, te_laat.te_laat) == (False, True)
    assert _status(versie) == S.GOEDGEKEURD  # a late decision still counts
