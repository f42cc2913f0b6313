"""Every date and term of both routes, without the database (`programmas.termijnen`).

Each date is named with the article it comes from (Wet gemeenschappelijke regelingen as amended 1 July 2022):

- art. 35 lid 1: the draft budget goes to the councils twelve weeks before the general board takes it up;
- art. 34 lid 2: the adopted budget to gedeputeerde staten within two weeks after adoption, before 15 September of
  the year before the budget year (the last day is 14 September);
- art. 34 lid 3: the annual accounts to gedeputeerde staten within two weeks after adoption, before 15 July of the
  year after (14 July);
- art. 34b: the frameworks and provisional accounts to the councils before 15 April of the year before (14 April).
"""

import datetime

import pytest

from programmas import termijnen
from programmas.termijnen import Staat

D = datetime.date
JAAR = 2027


# --- Wgr art. 35: twelve weeks for the councils ----------------------------------------------------------------------


def test_the_statutory_term_is_twelve_weeks():
    assert termijnen.WGR_ZIENSWIJZE_WEKEN == 12
    assert termijnen.zienswijze_einde(D(2026, 3, 2)) == D(2026, 5, 25)  # 84 days later, the same weekday
    assert termijnen.zienswijze_einde(D(2026, 3, 2), 13) == D(2026, 6, 1)


@pytest.mark.parametrize(
    "weken,toegestaan",
    [(11, False), (12, True), (13, True), (26, True)],
)
def test_a_zienswijze_term_shorter_than_twelve_weeks_is_refused(weken, toegestaan):
    voorgelegd = D(2026, 3, 2)
    deadline = voorgelegd + datetime.timedelta(weeks=weken)
    if toegestaan:
        termijnen.check_deadline("zienswijze", voorgelegd, deadline)
    else:
        with pytest.raises(termijnen.TermijnFout, match="korter_dan_wettelijk"):
            termijnen.check_deadline("zienswijze", voorgelegd, deadline)


def test_one_day_short_of_twelve_weeks_is_refused():
    voorgelegd = D(2026, 3, 2)
    with pytest.raises(termijnen.TermijnFout):
        termijnen.check_deadline("zienswijze", voorgelegd, D(2026, 5, 24))
    termijnen.check_deadline("zienswijze", voorgelegd, D(2026, 5, 25))


@pytest.mark.parametrize("procedure", ["instemming", "zienswijze"])
def test_a_deadline_before_the_routing_date_is_refused_on_both_routes(procedure):
    with pytest.raises(termijnen.TermijnFout, match="voor_voorleggen"):
        termijnen.check_deadline(procedure, D(2026, 3, 2), D(2026, 3, 1))


def test_consent_has_no_statutory_minimum():
    termijnen.check_deadline("instemming", D(2026, 3, 2), D(2026, 3, 2))
    assert termijnen.vroegste_deadline("instemming", D(2026, 3, 2)) == D(2026, 3, 2)
    assert termijnen.vroegste_deadline("zienswijze", D(2026, 3, 2)) == D(2026, 5, 25)


def test_the_default_deadline_follows_the_route():
    assert termijnen.standaard_deadline(
        "instemming", D(2026, 3, 2), termijn_dagen=90, zienswijze_weken=12
    ) == D(2026, 5, 31)
    assert termijnen.standaard_deadline(
        "zienswijze", D(2026, 3, 2), termijn_dagen=90, zienswijze_weken=14
    ) == D(2026, 6, 8)


def test_the_draft_is_sent_twelve_weeks_before_the_boards_meeting_never_less():
    """Art. 35 lid 1, computed backward from the general board's meeting."""
    vergadering = D(2026, 7, 2)
    assert termijnen.ontwerp_versturen_uiterst(vergadering) == D(2026, 4, 9)
    assert termijnen.ontwerp_versturen_uiterst(vergadering, 8) == D(2026, 4, 9)  # never shorter than the law
    assert termijnen.ontwerp_versturen_uiterst(vergadering, 13) == D(
        2026, 4, 2
    )  # a longer term of the region


def test_the_board_adopts_after_the_term_or_once_every_council_has_responded():
    raden = [("open", D(2026, 6, 1)), ("uitgesteld", D(2026, 6, 15)), ("geen_zienswijze", D(2026, 6, 30))]
    assert termijnen.mag_vaststellen(D(2026, 6, 1), raden) == raden[:2]  # the deadline day is inside the term
    assert (
        termijnen.mag_vaststellen(D(2026, 6, 2), raden) == raden[1:2]
    )  # a council with a later own deadline
    assert termijnen.mag_vaststellen(D(2026, 6, 16), raden) == []
    beantwoord = [("zienswijze", D(2026, 6, 30)), ("geen_zienswijze", D(2026, 6, 30))]
    assert termijnen.mag_vaststellen(D(2026, 4, 1), beantwoord) == []


@pytest.mark.parametrize(
    "uitkomst,vandaag,te_laat",
    [
        ("open", D(2026, 6, 1), False),  # the last day
        ("open", D(2026, 6, 2), True),
        ("uitgesteld", D(2026, 6, 2), True),  # postponed has not decided
        ("goedgekeurd", D(2026, 6, 2), False),
        ("geen_zienswijze", D(2026, 7, 1), False),
    ],
)
def test_a_council_is_late_when_its_deadline_passed_without_a_decision(uitkomst, vandaag, te_laat):
    assert termijnen.is_te_laat(uitkomst, D(2026, 6, 1), vandaag) is te_laat


# --- Wgr art. 34 and 34b: gedeputeerde staten and the councils -----------------------------------------------------


@pytest.mark.parametrize(
    "vastgesteld,termijn",
    [
        (None, D(JAAR - 1, 9, 14)),  # not yet adopted: the outer limit
        (D(JAAR - 1, 7, 1), D(JAAR - 1, 7, 15)),  # two weeks after adoption
        (D(JAAR - 1, 8, 31), D(JAAR - 1, 9, 14)),  # both rules give the same day
        (D(JAAR - 1, 9, 1), D(JAAR - 1, 9, 14)),  # "vóór 15 september" wins
        (D(JAAR - 1, 11, 20), D(JAAR - 1, 9, 14)),  # adopted too late: the date has passed already
    ],
)
def test_the_budget_goes_to_gs_within_two_weeks_and_before_15_september(vastgesteld, termijn):
    """Wgr art. 34 lid 2."""
    assert termijnen.gs_termijn(vastgesteld, JAAR) == termijn
    assert termijnen.begroting_gs_uiterst(JAAR) == D(2026, 9, 14)


def test_the_accounts_go_to_gs_within_two_weeks_and_before_15_july_of_the_year_after():
    """Wgr art. 34 lid 3: the accounts of `jaar`."""
    assert termijnen.jaarrekening_gs_uiterst(JAAR) == D(2028, 7, 14)
    assert termijnen.jaarrekening_gs_termijn(None, JAAR) == D(2028, 7, 14)
    assert termijnen.jaarrekening_gs_termijn(D(2028, 6, 20), JAAR) == D(2028, 7, 4)
    assert termijnen.jaarrekening_gs_termijn(D(2028, 7, 10), JAAR) == D(2028, 7, 14)


def test_the_frameworks_go_to_the_councils_before_15_april_of_the_year_before():
    """Wgr art. 34b."""
    assert termijnen.kaders_uiterst(JAAR) == D(2026, 4, 14)


# --- States -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "vandaag,gedaan_op,staat",
    [
        (D(2026, 5, 1), None, Staat.TE_DOEN),
        (D(2026, 5, 16), None, Staat.TE_DOEN),  # 15 days ahead
        (D(2026, 5, 17), None, Staat.BINNENKORT),  # 14 days ahead
        (D(2026, 5, 31), None, Staat.BINNENKORT),  # the day itself
        (D(2026, 6, 1), None, Staat.TE_LAAT),
        (D(2026, 6, 1), D(2026, 5, 20), Staat.GEDAAN),
        (D(2026, 7, 1), D(2026, 6, 20), Staat.GEDAAN),  # done late is still done
    ],
)
def test_a_date_is_done_late_soon_or_to_do(vandaag, gedaan_op, staat):
    assert termijnen.staat(D(2026, 5, 31), vandaag, gedaan_op) == staat


# --- The P&C calendar ------------------------------------------------------------------------------------------------


def test_the_zienswijze_calendar_lists_every_date_in_order_with_its_article():
    momenten = termijnen.momenten(
        procedure="zienswijze",
        jaar=JAAR,
        behandeldatum=D(2026, 7, 2),
        voorgelegd_op=D(2026, 4, 1),
        deadline=D(2026, 6, 24),
    )
    assert [(m.sleutel, m.datum, m.wettelijk, m.artikel) for m in momenten] == [
        ("ontwerp", D(2026, 4, 9), True, "Wgr art. 35 lid 1"),
        ("kaders", D(2026, 4, 14), True, "Wgr art. 34b"),
        ("zienswijzen", D(2026, 6, 24), True, "Wgr art. 35 lid 3"),
        ("vaststelling", D(2026, 7, 2), False, ""),
        ("gs", D(2026, 9, 14), True, "Wgr art. 34 lid 2"),
        ("jaarrekening_gs", D(2028, 7, 14), True, "Wgr art. 34 lid 3"),
    ]
    datums = [m.datum for m in momenten]
    assert datums == sorted(datums)


def test_the_calendar_states_follow_what_was_done():
    momenten = termijnen.momenten(
        procedure="zienswijze",
        jaar=JAAR,
        behandeldatum=D(2026, 7, 2),
        voorgelegd_op=D(2026, 4, 1),
        deadline=D(2026, 6, 24),
        kaders_verzonden_op=D(2026, 4, 10),
        vastgesteld_op=D(2026, 7, 2),
    )
    staten = {m.sleutel: (m.datum, m.gedaan_op, m.staat(D(2026, 7, 10))) for m in momenten}
    assert staten == {
        "kaders": (D(2026, 4, 14), D(2026, 4, 10), Staat.GEDAAN),
        "ontwerp": (D(2026, 4, 9), D(2026, 4, 1), Staat.GEDAAN),
        "zienswijzen": (D(2026, 6, 24), None, Staat.TE_LAAT),  # nobody recorded the councils as done
        "vaststelling": (D(2026, 7, 2), D(2026, 7, 2), Staat.GEDAAN),
        "gs": (D(2026, 7, 16), None, Staat.BINNENKORT),  # two weeks after the adoption now
        "jaarrekening_gs": (D(2028, 7, 14), None, Staat.TE_DOEN),
    }


def test_without_a_meeting_date_the_calendar_keeps_the_statutory_dates():
    momenten = termijnen.momenten(procedure="zienswijze", jaar=JAAR)
    assert [m.sleutel for m in momenten] == ["kaders", "gs", "jaarrekening_gs"]


def test_the_routing_date_gives_the_end_of_the_views_term_without_a_deadline():
    momenten = termijnen.momenten(procedure="zienswijze", jaar=JAAR, voorgelegd_op=D(2026, 4, 1))
    assert next(m for m in momenten if m.sleutel == "zienswijzen").datum == D(2026, 6, 24)


def test_the_consent_calendar_has_the_boards_meeting_and_the_councils_deadline_only():
    momenten = termijnen.momenten(
        procedure="instemming",
        jaar=JAAR,
        behandeldatum=D(2026, 10, 1),
        voorgelegd_op=D(2026, 10, 5),
        termijn_dagen=60,
    )
    assert [(m.sleutel, m.datum, m.wettelijk) for m in momenten] == [
        ("vaststelling", D(2026, 10, 1), False),
        ("raden", D(2026, 12, 4), False),
    ]
    assert all(not m.artikel for m in momenten)
