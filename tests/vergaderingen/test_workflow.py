"""The meeting workflow: every transition of the table, allowed and forbidden, through the services."""

import pytest
from django.core.exceptions import ValidationError

from vergaderingen import services, workflow
from vergaderingen.models import VergaderingStatus as S

from .conftest import plan

ALLE = list(S)
TOEGESTAAN = {
    (S.GEPLAND, S.AGENDA_GEPUBLICEERD),
    (S.AGENDA_GEPUBLICEERD, S.AFGELOPEN),
    (S.AFGELOPEN, S.NOTULEN_GOEDGEKEURD),
    (S.GEPLAND, S.GEANNULEERD),  # cancelled before its agenda was published
    (S.AGENDA_GEPUBLICEERD, S.GEANNULEERD),  # cancelled after: the public keeps seeing the cancellation
}


@pytest.mark.parametrize("van", ALLE)
@pytest.mark.parametrize("naar", ALLE)
def test_transition_table_allows_exactly_the_meeting_cycle(van, naar):
    assert workflow.allowed(van, naar) == ((van, naar) in TOEGESTAAN)


def test_next_states_are_listed_in_workflow_order():
    assert workflow.next_states(S.GEPLAND) == [S.AGENDA_GEPUBLICEERD, S.GEANNULEERD]
    assert workflow.next_states(S.NOTULEN_GOEDGEKEURD) == []
    assert workflow.next_states(S.GEANNULEERD) == []


def _in_status(orgaan, status):
    """A meeting (in the past, so it can be closed) brought to `status` through the services."""
    vergadering = plan(orgaan, days=-7)
    services.add_agendapunt(vergadering, titel="Punt", door=None)
    if status == S.GEPLAND:
        return vergadering
    if status == S.GEANNULEERD:
        return services.cancel_vergadering(vergadering, reden="Geen quorum", door=None)
    services.publish_agenda(vergadering, door=None)
    if status == S.AGENDA_GEPUBLICEERD:
        return vergadering
    services.close_vergadering(vergadering, door=None)
    services.save_notulen(vergadering, notulen="Notulen.", door=None)
    if status == S.AFGELOPEN:
        return vergadering
    return services.approve_notulen(vergadering, door=None)


SERVICE_NAAR = {
    S.AGENDA_GEPUBLICEERD: services.publish_agenda,
    S.AFGELOPEN: services.close_vergadering,
    S.NOTULEN_GOEDGEKEURD: services.approve_notulen,
    S.GEANNULEERD: lambda v, door: services.cancel_vergadering(v, reden="Geen quorum", door=door),
}


@pytest.mark.parametrize("van", ALLE)
@pytest.mark.parametrize("naar", list(SERVICE_NAAR))
def test_each_service_transition_is_allowed_only_from_its_state(w, van, naar):
    vergadering = _in_status(w.dbo, van)
    if (van, naar) in TOEGESTAAN:
        SERVICE_NAAR[naar](vergadering, door=w.secretariaat)
        vergadering.refresh_from_db()
        assert vergadering.status == naar
    else:
        with pytest.raises(ValidationError):
            SERVICE_NAAR[naar](vergadering, door=w.secretariaat)
        vergadering.refresh_from_db()
        assert vergadering.status == van


def test_a_meeting_that_has_not_begun_cannot_be_closed(w):
    vergadering = plan(w.dbo, days=3)
    services.add_agendapunt(vergadering, titel="Punt", door=None)
    services.publish_agenda(vergadering, door=None)
    with pytest.raises(ValidationError, match="nog niet begonnen"):
        services.close_vergadering(vergadering, door=w.secretariaat)


def test_an_empty_agenda_is_not_published(w):
    vergadering = plan(w.dbo)
    with pytest.raises(ValidationError, match="leeg"):
        services.publish_agenda(vergadering, door=w.secretariaat)


def test_minutes_without_text_are_not_approved(w):
    vergadering = plan(w.dbo, days=-3)
    services.add_agendapunt(vergadering, titel="Punt", door=None)
    services.publish_agenda(vergadering, door=None)
    services.close_vergadering(vergadering, door=None)
    with pytest.raises(ValidationError, match="nog geen notulen"):
        services.approve_notulen(vergadering, door=w.secretariaat)
