"""The states of a programme version and the transitions between them, per procedure (one table each)."""

from .models import Procedure, VersieStatus

S = VersieStatus

TRANSITIONS = {
    # Consent: the board adopts, then every council approves or rejects. While the councils decide, the status is
    # the stored rule applied to their decisions, recomputed after every decision or correction (also back from
    # approved); the board may send the version back. `Versie.afgesloten` ends that phase.
    Procedure.INSTEMMING: {
        S.CONCEPT: {S.INGEDIEND},
        S.INGEDIEND: {S.VASTGESTELD, S.CONCEPT},
        S.VASTGESTELD: {S.VOORGELEGD},
        S.VOORGELEGD: {S.GOEDGEKEURD, S.AFGEWEZEN, S.TERUG},
        S.GOEDGEKEURD: {S.VOORGELEGD, S.AFGEWEZEN, S.TERUG},
        S.AFGEWEZEN: {S.VOORGELEGD, S.GOEDGEKEURD, S.TERUG},
        S.TERUG: {S.VOORGELEGD, S.GOEDGEKEURD, S.AFGEWEZEN},
    },
    # Zienswijze (Wgr art. 35): the daily board sends the draft to the councils, the general board adopts after
    # the term (or once every council responded), having answered every zienswijze received; or sends it back.
    Procedure.ZIENSWIJZE: {
        S.CONCEPT: {S.INGEDIEND},
        S.INGEDIEND: {S.VOORGELEGD, S.CONCEPT},
        S.VOORGELEGD: {S.VASTGESTELD, S.TERUG},
        S.VASTGESTELD: set(),
        S.TERUG: set(),
        S.GOEDGEKEURD: set(),
        S.AFGEWEZEN: set(),
    },
}


# While the councils decide (consent), the status moves among these as decisions and corrections come in; a version in
# one of them is before the councils until the board sends it back or a later version replaces it.
RAADSFASE = (S.VOORGELEGD, S.GOEDGEKEURD, S.AFGEWEZEN, S.TERUG)


def allowed(procedure, van, naar):
    return naar in TRANSITIONS[procedure].get(van, set())
