"""The states of a meeting, an agenda item and a session choice, and the transitions between them (one table each,
tested transition by transition)."""

from .models import AgendapuntStatus, KeuzeStatus
from .models import VergaderingStatus as S

# A meeting that has not taken place can be cancelled (`cancel_vergadering`, with a reason); a cancelled meeting
# stays cancelled (plan a new one).
TRANSITIONS = {
    S.GEPLAND: {S.AGENDA_GEPUBLICEERD, S.GEANNULEERD},
    S.AGENDA_GEPUBLICEERD: {S.AFGELOPEN, S.GEANNULEERD},
    S.AFGELOPEN: {S.NOTULEN_GOEDGEKEURD},
    S.NOTULEN_GOEDGEKEURD: set(),
    S.GEANNULEERD: set(),
}

# An item starts as a member's proposal (`propose_agendapunt`) or on the agenda (`add_agendapunt`, the item on the
# minutes); the secretariat decides on a proposal once: it accepts it onto the agenda or declines it. An item on a
# published agenda is withdrawn with a reason (`withdraw_agendapunt`), keeping its number; before publication it is
# removed instead (`remove_agendapunt`, no state).
AGENDAPUNT_TRANSITIONS = {
    AgendapuntStatus.VOORGESTELD: {AgendapuntStatus.GEAGENDEERD, AgendapuntStatus.AFGEWEZEN},
    AgendapuntStatus.GEAGENDEERD: {AgendapuntStatus.INGETROKKEN},
    AgendapuntStatus.AFGEWEZEN: set(),
    AgendapuntStatus.INGETROKKEN: set(),
}

# A session choice starts confirmed or on the waiting list (`register`, by the free seats); a seat that a
# cancellation frees confirms the first on the waiting list. Nobody confirmed goes back to the waiting list: a
# cancellation removes the registration with its choices.
SESSIEKEUZE_TRANSITIONS = {
    KeuzeStatus.WACHTLIJST: {KeuzeStatus.BEVESTIGD},
    KeuzeStatus.BEVESTIGD: set(),
}


def allowed(van, naar, table=TRANSITIONS):
    return naar in table.get(van, set())


def next_states(status, table=TRANSITIONS):
    return sorted(table.get(status, set()), key=list(table).index)
