"""The states of the programme's objects and the transitions between them, one table each.

- a version's status, per procedure (`TRANSITIONS`, `allowed`);
- a council decision's outcome, per procedure: recording it and correcting it (`UITKOMST_TRANSITIONS`,
  `uitkomst_allowed`, `is_correctie`);
- a review packet's status (`PAKKET_TRANSITIONS`, `pakket_allowed`).

The services consult these tables before every change of state; nothing else decides which state may follow which.
"""

from .models import PakketStatus, Procedure, Uitkomst, VersieStatus
from .termijnen import OPEN_UITKOMSTEN

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


# --- A council's decision ---------------------------------------------------------------------------------------

U = Uitkomst

# The outcomes a council records under each procedure, in the order the form offers them.
UITKOMSTEN = {
    Procedure.INSTEMMING: (U.GOEDGEKEURD, U.AFGEWEZEN, U.AMENDEMENT, U.UITGESTELD),
    Procedure.ZIENSWIJZE: (U.ZIENSWIJZE, U.GEEN_ZIENSWIJZE),
}

UITKOMST_TRANSITIONS = {
    # Consent: an open council records its decision; a postponed one is still open and records it later. A decided
    # council's decision is corrected (with a reason; the earlier registration stays) to any outcome, the same one
    # included (a wrong date or vote count).
    Procedure.INSTEMMING: {
        U.OPEN: set(UITKOMSTEN[Procedure.INSTEMMING]),
        U.UITGESTELD: set(UITKOMSTEN[Procedure.INSTEMMING]),
        U.GOEDGEKEURD: set(UITKOMSTEN[Procedure.INSTEMMING]),
        U.AFGEWEZEN: set(UITKOMSTEN[Procedure.INSTEMMING]),
        U.AMENDEMENT: set(UITKOMSTEN[Procedure.INSTEMMING]),
    },
    # Zienswijze: a council gives a view or none; either is corrected like a decision.
    Procedure.ZIENSWIJZE: {
        U.OPEN: set(UITKOMSTEN[Procedure.ZIENSWIJZE]),
        U.ZIENSWIJZE: set(UITKOMSTEN[Procedure.ZIENSWIJZE]),
        U.GEEN_ZIENSWIJZE: set(UITKOMSTEN[Procedure.ZIENSWIJZE]),
    },
}


def uitkomst_allowed(procedure, van, naar):
    return naar in UITKOMST_TRANSITIONS[procedure].get(van, set())


def is_correctie(van):
    """A council that has (finally) decided changes its outcome only by a correction, which needs a reason."""
    return van not in OPEN_UITKOMSTEN


# --- A review packet --------------------------------------------------------------------------------------------

P = PakketStatus

PAKKET_TRANSITIONS = {
    # Asked for: a run of the task starts on it (or finishes a run that was under way); asked again only after
    # `services.PAKKET_GEDULD` (before that the request waits for the packet on its way).
    P.WACHTEND: {P.WACHTEND, P.BEZIG, P.KLAAR, P.MISLUKT},
    # Being made: done or failed; a retry of the task starts again; asked again after the patience above.
    P.BEZIG: {P.WACHTEND, P.BEZIG, P.KLAAR, P.MISLUKT},
    # Ready: asked again at any time; a repeated run makes it again in place. A failure never overwrites it.
    P.KLAAR: {P.WACHTEND, P.BEZIG, P.KLAAR},
    # Failed: asked again at any time; a run still under way may yet finish it. A failure is reported once.
    P.MISLUKT: {P.WACHTEND, P.BEZIG, P.KLAAR},
}

# A packet in one of these is on its way: a new request waits for it (until the patience has passed).
PAKKET_ONDERWEG = (P.WACHTEND, P.BEZIG)


def pakket_allowed(van, naar):
    return naar in PAKKET_TRANSITIONS.get(van, set())
