"""The workflow of an opgave, transition by transition: every allowed one passes, every other one is refused.

The expected table is written out here, not read from `opgaven.workflow`: a change to the table under test has to
show up as a failing test. Every opgave reaches its starting status through `services.change_status` itself.
"""

import itertools
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from opgaven import services, workflow
from opgaven.models import Opgave, Status
from regioportaal.models import ActionLog

S = Status

# The specification: from each status, where an opgave may go (and nowhere else, not even to itself).
VERWACHT = {
    S.IDEE: {S.IN_VOORBEREIDING, S.GESTOPT},
    S.IN_VOORBEREIDING: {S.IDEE, S.LOPEND, S.GESTOPT},
    S.LOPEND: {S.AFGEROND, S.GESTOPT},
    S.AFGEROND: set(),
    S.GESTOPT: {S.IDEE},
}

# How a new opgave (idee) gets to each status, step by step through the service.
WEG = {
    S.IDEE: [],
    S.IN_VOORBEREIDING: [S.IN_VOORBEREIDING],
    S.LOPEND: [S.IN_VOORBEREIDING, S.LOPEND],
    S.AFGEROND: [S.IN_VOORBEREIDING, S.LOPEND, S.AFGEROND],
    S.GESTOPT: [S.GESTOPT],
}

ALLE_PAREN = list(itertools.product(S, S))
TOEGESTAAN = [(van, naar) for van, naar in ALLE_PAREN if naar in VERWACHT[van]]
VERBODEN = [(van, naar) for van, naar in ALLE_PAREN if naar not in VERWACHT[van]]


def _in_status(w, opgave, status):
    """Walk `opgave` (new, so idee) to `status` through the public service, as the secretariat would."""
    assert opgave.status == S.IDEE
    for stap in WEG[status]:
        opgave = services.change_status(opgave, stap, door=w.secretariaat)
    opgave.refresh_from_db()
    assert opgave.status == status
    return opgave


def _statuslog(opgave):
    return list(
        ActionLog.objects.filter(actie="status gewijzigd", object_id=str(opgave.pk))
        .order_by("pk")
        .values_list("wijzigingen", flat=True)
    )


def test_the_expected_table_has_eight_transitions_out_of_twenty_five_pairs():
    assert len(TOEGESTAAN) == 8 and len(VERBODEN) == 17


@pytest.mark.parametrize(("van", "naar"), TOEGESTAAN, ids=[f"{v}->{n}" for v, n in TOEGESTAAN])
def test_allowed_transition_changes_the_status_and_is_logged(w, van, naar):
    opgave = _in_status(w, w.fietsnetwerk, van)  # complete: lopend is not refused for missing parts
    result = services.change_status(opgave, naar, door=w.secretariaat, reden="Besluit van het DBO")
    opgave.refresh_from_db()
    assert result.status == opgave.status == naar
    entry = ActionLog.objects.filter(actie="status gewijzigd", object_id=str(opgave.pk)).latest("pk")
    assert entry.wijzigingen == {"status": [van.value, naar.value]}
    assert entry.actor == w.secretariaat and entry.reden == "Besluit van het DBO"


@pytest.mark.parametrize(("van", "naar"), VERBODEN, ids=[f"{v}->{n}" for v, n in VERBODEN])
def test_forbidden_transition_is_refused_and_changes_nothing(w, van, naar):
    opgave = _in_status(w, w.fietsnetwerk, van)
    log = _statuslog(opgave)
    with pytest.raises(ValidationError) as refused:
        services.change_status(opgave, naar, door=w.secretariaat)
    assert refused.value.messages == [f"Een opgave gaat niet van {van.label} naar {naar.label}."]
    opgave.refresh_from_db()
    assert opgave.status == van
    assert _statuslog(opgave) == log


@pytest.mark.parametrize("van", list(S))
def test_the_status_page_offers_exactly_the_allowed_next_statuses(w, client, van):
    opgave = _in_status(w, w.fietsnetwerk, van)
    client.force_login(w.secretariaat)
    html = client.get(reverse("opgaven:status", args=[opgave.pk])).content.decode()
    keuzelijst = re.search(r'<select name="naar".*?</select>', html, re.S)
    aangeboden = set(re.findall(r'<option value="([a-z_]+)"', keuzelijst[0])) if keuzelijst else set()
    assert aangeboden == {status.value for status in VERWACHT[van]}
    if not VERWACHT[van]:
        assert "Vanuit deze status kan de opgave niet meer van status veranderen." in html


@pytest.mark.parametrize(("van", "naar"), TOEGESTAAN[:3])
def test_no_transition_for_who_is_not_the_secretariat(w, van, naar):
    from regioportaal.permissions import NotAllowed

    opgave = _in_status(w, w.fietsnetwerk, van)
    with pytest.raises(NotAllowed):
        services.change_status(opgave, naar, door=w.voorzitter)
    opgave.refresh_from_db()
    assert opgave.status == van


ONTBREKEND = {
    "doel": "doel",
    "resultaat": "resultaat (met minstens één meetbare indicator)",
    "budget": "budget",
    "capaciteit": "capaciteit",
    "sturing": "sturing (bestuurlijk opdrachtgever en ambtelijk opdrachtnemer)",
}


def _maak_onvolledig(opgave, deel):
    if deel == "doel":
        Opgave.objects.filter(pk=opgave.pk).update(doel="  ")
    elif deel == "resultaat":
        opgave.indicatoren.all().delete()
    elif deel == "budget":
        opgave.budget.all().delete()
    elif deel == "capaciteit":
        opgave.capaciteit.all().delete()
    elif deel == "sturing":
        Opgave.objects.filter(pk=opgave.pk).update(opdrachtnemer="")


@pytest.mark.parametrize("deel", list(ONTBREKEND))
def test_lopend_is_refused_naming_exactly_the_missing_part(w, deel):
    opgave = _in_status(w, w.fietsnetwerk, Status.IN_VOORBEREIDING)
    _maak_onvolledig(opgave, deel)
    with pytest.raises(ValidationError) as refused:
        services.change_status(opgave, Status.LOPEND, door=w.secretariaat)
    assert refused.value.messages == [
        "De opgave kan pas lopen als de opdrachtformulering compleet is. "
        f"Nog niet ingevuld: {ONTBREKEND[deel]}."
    ]
    opgave.refresh_from_db()
    assert opgave.status == Status.IN_VOORBEREIDING


def test_lopend_is_refused_naming_every_missing_part_of_an_empty_opgave(w):
    opgave = _in_status(w, w.leeg, Status.IN_VOORBEREIDING)
    with pytest.raises(ValidationError) as refused:
        services.change_status(opgave, Status.LOPEND, door=w.secretariaat)
    assert refused.value.messages == [
        "De opgave kan pas lopen als de opdrachtformulering compleet is. Nog niet ingevuld: "
        + ", ".join(ONTBREKEND.values())
        + "."
    ]


def test_a_result_without_an_indicator_is_not_yet_a_result(w):
    opgave = _in_status(w, w.fietsnetwerk, Status.IN_VOORBEREIDING)
    opgave.indicatoren.all().delete()
    assert services.ontbrekende_onderdelen(opgave) == [ONTBREKEND["resultaat"]]


def test_next_states_are_offered_in_the_order_of_the_workflow():
    assert workflow.next_states(Status.IN_VOORBEREIDING) == [Status.IDEE, Status.LOPEND, Status.GESTOPT]
    assert workflow.next_states(Status.AFGEROND) == []
