"""The states of a meeting and the transitions between them (one table, tested transition by transition)."""

from .models import VergaderingStatus as S

TRANSITIONS = {
    S.GEPLAND: {S.AGENDA_GEPUBLICEERD},
    S.AGENDA_GEPUBLICEERD: {S.AFGELOPEN},
    S.AFGELOPEN: {S.NOTULEN_GOEDGEKEURD},
    S.NOTULEN_GOEDGEKEURD: set(),
}


def allowed(van, naar):
    return naar in TRANSITIONS.get(van, set())


def next_states(status):
    return sorted(TRANSITIONS.get(status, set()), key=list(S).index)
