"""The workflow of an opgave, transition by transition: every allowed one passes, every other one is refused."""

import itertools

import pytest
from django.core.exceptions import ValidationError

from opgaven import services, workflow
from opgaven.models import Opgave, Status
from regioportaal.models import ActionLog
from tests.opgaven.factories import bouw_wereld

ALLE_PAREN = list(itertools.product(Status, Status))
TOEGESTAAN = [(van, naar) for van, naar in ALLE_PAREN if naar in workflow.TRANSITIONS[van]]
VERBODEN = [(van, naar) for van, naar in ALLE_PAREN if naar not in workflow.TRANSITIONS[van]]


@pytest.fixture
def w(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return bouw_wereld()


def _in_status(opgave, status):
    Opgave.objects.filter(pk=opgave.pk).update(status=status)
    opgave.refresh_from_db()
    return opgave


def test_the_table_covers_every_status():
    assert set(workflow.TRANSITIONS) == set(Status)
    assert len(TOEGESTAAN) == 8 and len(TOEGESTAAN) + len(VERBODEN) == 25


@pytest.mark.parametrize(("van", "naar"), TOEGESTAAN, ids=[f"{v}->{n}" for v, n in TOEGESTAAN])
def test_allowed_transition_changes_the_status_and_is_logged(w, van, naar):
    opgave = _in_status(w.fietsnetwerk, van)  # complete: lopend is not refused for missing parts
    result = services.change_status(opgave, naar, door=w.secretariaat, reden="Besluit van het DBO")
    opgave.refresh_from_db()
    assert result.status == opgave.status == naar
    entry = ActionLog.objects.filter(actie="status gewijzigd", object_id=str(opgave.pk)).get()
    assert entry.wijzigingen == {"status": [van.value, naar.value]}
    assert entry.actor == w.secretariaat and entry.reden == "Besluit van het DBO"


@pytest.mark.parametrize(("van", "naar"), VERBODEN, ids=[f"{v}->{n}" for v, n in VERBODEN])
def test_forbidden_transition_is_refused_and_changes_nothing(w, van, naar):
    opgave = _in_status(w.fietsnetwerk, van)
    with pytest.raises(ValidationError) as refused:
        services.change_status(opgave, naar, door=w.secretariaat)
    assert refused.value.messages == [f"Een opgave gaat niet van {van.label} naar {naar.label}."]
    opgave.refresh_from_db()
    assert opgave.status == van
    assert not ActionLog.objects.filter(actie="status gewijzigd").exists()


@pytest.mark.parametrize(("van", "naar"), TOEGESTAAN[:3])
def test_no_transition_for_who_is_not_the_secretariat(w, van, naar):
    from regioportaal.permissions import NotAllowed

    opgave = _in_status(w.fietsnetwerk, van)
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
    opgave = _in_status(w.fietsnetwerk, Status.IN_VOORBEREIDING)
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
    opgave = _in_status(w.leeg, Status.IN_VOORBEREIDING)
    with pytest.raises(ValidationError) as refused:
        services.change_status(opgave, Status.LOPEND, door=w.secretariaat)
    assert refused.value.messages == [
        "De opgave kan pas lopen als de opdrachtformulering compleet is. Nog niet ingevuld: "
        + ", ".join(ONTBREKEND.values())
        + "."
    ]


def test_a_result_without_an_indicator_is_not_yet_a_result(w):
    opgave = _in_status(w.fietsnetwerk, Status.IN_VOORBEREIDING)
    opgave.indicatoren.all().delete()
    assert services.ontbrekende_onderdelen(opgave) == [ONTBREKEND["resultaat"]]


def test_next_states_are_offered_in_the_order_of_the_workflow():
    assert workflow.next_states(Status.IN_VOORBEREIDING) == [Status.IDEE, Status.LOPEND, Status.GESTOPT]
    assert workflow.next_states(Status.AFGEROND) == []
