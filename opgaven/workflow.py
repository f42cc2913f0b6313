"""The states of an opgave and the transitions between them (one table, tested transition by transition)."""

from .models import Status

TRANSITIONS = {
    Status.IDEE: {Status.IN_VOORBEREIDING, Status.GESTOPT},
    Status.IN_VOORBEREIDING: {Status.IDEE, Status.LOPEND, Status.GESTOPT},
    Status.LOPEND: {Status.AFGEROND, Status.GESTOPT},
    Status.AFGEROND: set(),
    Status.GESTOPT: {Status.IDEE},
}


def allowed(van, naar):
    return naar in TRANSITIONS.get(van, set())


def next_states(status):
    return sorted(TRANSITIONS.get(status, set()), key=list(Status).index)
