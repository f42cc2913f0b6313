"""Every allowed and every forbidden transition of a programme version, for both procedures, through the services.

The specification is written out here, not read from `programmas.workflow`: the transitions each procedure allows
(`TOEGESTAAN`) and which public service step makes each of them (`STAPPEN`). Every version reaches its starting status
through the services (`bouw.programma`, the councils' decisions), then every step a user can take is tried from it:
the allowed ones lead to the status the specification names, every other one leaves the status as it was.
"""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction

from programmas import services
from programmas.models import AmendementRegel, Procedure, Raadsbesluit, Uitkomst, Versie, VersieStatus
from regioportaal.models import ActionLog

from .bouw import bouw_regio, programma, reis, vandaag

S = VersieStatus
U = Uitkomst
INST, ZW = Procedure.INSTEMMING, Procedure.ZIENSWIJZE
WEEK = datetime.timedelta(weeks=1)

# The specification, written out: what the annual cycle allows under each procedure (docs/programmas.md, "The cycle").
TOEGESTAAN = {
    INST: {
        (S.CONCEPT, S.INGEDIEND),
        (S.INGEDIEND, S.VASTGESTELD),
        (S.INGEDIEND, S.CONCEPT),
        (S.VASTGESTELD, S.VOORGELEGD),
        (S.VOORGELEGD, S.GOEDGEKEURD),
        (S.VOORGELEGD, S.AFGEWEZEN),
        (S.VOORGELEGD, S.TERUG),
        # While the councils decide, the status is recomputed after every decision or correction, so it moves
        # freely between the four outcomes (also back from approved); `Versie.afgesloten` ends that phase.
        (S.GOEDGEKEURD, S.VOORGELEGD),
        (S.GOEDGEKEURD, S.AFGEWEZEN),
        (S.GOEDGEKEURD, S.TERUG),
        (S.AFGEWEZEN, S.VOORGELEGD),
        (S.AFGEWEZEN, S.GOEDGEKEURD),
        (S.AFGEWEZEN, S.TERUG),
        (S.TERUG, S.VOORGELEGD),
        (S.TERUG, S.GOEDGEKEURD),
        (S.TERUG, S.AFGEWEZEN),
    },
    ZW: {
        (S.CONCEPT, S.INGEDIEND),
        (S.INGEDIEND, S.VOORGELEGD),
        (S.INGEDIEND, S.CONCEPT),
        (S.VOORGELEGD, S.VASTGESTELD),
        (S.VOORGELEGD, S.TERUG),
    },
}

# Every step a user can take on a version, through the public services. "Raad: x" is the first council's secretary
# recording outcome x (a correction, with a reason, when that council already decided).
STAPPEN_LIJST = [
    "indienen",
    "terugsturen",
    "vaststellen",
    "voorleggen",
    "bestuur neemt aan",
    "bestuur verwerpt",
    *(f"raad: {u.value}" for u in U if u != U.OPEN),
]

# Which step moves a version from each status, and where to; every step not named leaves the status as it was.
# Under the zienswijze procedure goedgekeurd and afgewezen are never reached (no step leads there).
STAPPEN = {
    INST: {
        S.CONCEPT: {"indienen": S.INGEDIEND},
        S.INGEDIEND: {
            "vaststellen": S.VASTGESTELD,
            "bestuur neemt aan": S.VASTGESTELD,
            "terugsturen": S.CONCEPT,
            "bestuur verwerpt": S.CONCEPT,
        },
        S.VASTGESTELD: {"voorleggen": S.VOORGELEGD},
        # The other council approved; the rule is unanimity and an amendment sends the version back.
        S.VOORGELEGD: {
            "terugsturen": S.TERUG,
            "raad: goedgekeurd": S.GOEDGEKEURD,
            "raad: afgewezen": S.AFGEWEZEN,
            "raad: amendement": S.TERUG,
        },
        S.GOEDGEKEURD: {
            "terugsturen": S.TERUG,
            "raad: afgewezen": S.AFGEWEZEN,
            "raad: amendement": S.TERUG,
            "raad: uitgesteld": S.VOORGELEGD,
        },
        S.AFGEWEZEN: {
            "terugsturen": S.TERUG,
            "raad: goedgekeurd": S.GOEDGEKEURD,
            "raad: amendement": S.TERUG,
            "raad: uitgesteld": S.VOORGELEGD,
        },
        S.TERUG: {
            "raad: goedgekeurd": S.GOEDGEKEURD,
            "raad: afgewezen": S.AFGEWEZEN,
            "raad: uitgesteld": S.VOORGELEGD,
        },
    },
    ZW: {
        S.CONCEPT: {"indienen": S.INGEDIEND},
        S.INGEDIEND: {"voorleggen": S.VOORGELEGD, "terugsturen": S.CONCEPT},
        # Routed thirteen weeks ago: the councils' term has ended, so the general board may adopt.
        S.VOORGELEGD: {
            "vaststellen": S.VASTGESTELD,
            "bestuur neemt aan": S.VASTGESTELD,
            "terugsturen": S.TERUG,
            "bestuur verwerpt": S.TERUG,
        },
        S.VASTGESTELD: {},
        S.TERUG: {},
    },
}


def _raad(w, versie, uitkomst, bestuur=None):
    besluit = Raadsbesluit.objects.get(versie=versie, bestuur=bestuur or w.leden[0])
    secretaris = w.raadssecretaris if besluit.bestuur == w.leden[0] else w.raadssecretaris_b
    teksten = {U.AMENDEMENT: {"amendement": "Artikel 2 geschrapt."}, U.ZIENSWIJZE: {"zienswijze": "Te duur."}}
    services.record_raadsbesluit(
        besluit,
        uitkomst=uitkomst,
        datum_raad=vandaag(),
        door=secretaris,
        reden="Correctie na de raadszitting",
        **teksten.get(uitkomst, {}),
    )


def _zet(w, stap, versie):
    """Take `stap` as the people who may take it would."""
    if stap == "indienen":
        services.submit_versie(versie, door=w.secretariaat)
    elif stap == "terugsturen":
        services.send_back(versie, door=w.secretariaat, reden="Eerst de cijfers nakijken.")
    elif stap == "vaststellen":
        services.adopt_versie(versie, besluitdatum=vandaag(), door=w.voorzitter)
    elif stap == "voorleggen":
        services.route_versie(versie, door=w.secretariaat)
    elif stap.startswith("bestuur "):
        services.board_decision(
            versie, aangenomen=stap == "bestuur neemt aan", besluitdatum=vandaag(), door=w.voorzitter
        )
    elif Raadsbesluit.objects.filter(versie=versie).exists():  # else: no council has it, nothing to record
        _raad(w, versie, U(stap.removeprefix("raad: ")))


def _naar(w, procedure, status):
    """A version in `status`, reached through the services only."""
    if procedure == ZW and status in (S.VOORGELEGD, S.VASTGESTELD, S.TERUG):
        with reis(vandaag() - 13 * WEEK):
            versie = programma(w, tot=S.VOORGELEGD)
        if status == S.VASTGESTELD:
            services.adopt_versie(versie, besluitdatum=vandaag(), door=w.voorzitter)
        elif status == S.TERUG:
            services.send_back(versie, door=w.voorzitter, reden="Terug naar het dagelijks bestuur.")
    elif procedure == INST and status in (S.VOORGELEGD, S.GOEDGEKEURD, S.AFGEWEZEN, S.TERUG):
        versie = programma(w, tot=S.VOORGELEGD)
        _raad(w, versie, U.GOEDGEKEURD, bestuur=w.leden[1])
        uitkomst = {S.GOEDGEKEURD: U.GOEDGEKEURD, S.AFGEWEZEN: U.AFGEWEZEN, S.TERUG: U.AMENDEMENT}.get(status)
        if uitkomst:
            _raad(w, versie, uitkomst)
    else:
        versie = programma(w, tot=status)
    versie.refresh_from_db()
    assert versie.status == status
    return versie


class _Terug(Exception):
    """Raised to roll one step back, so every step starts from the same version."""


def _probeer(w, versie, stap):
    """The status after `stap` (refused or not) and the status changes it logged; then everything is undone."""
    sinds = ActionLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    try:
        with transaction.atomic():
            try:
                _zet(w, stap, Versie.objects.get(pk=versie.pk))
            except ValidationError:
                pass  # refused, with a message for the user
            na = S(Versie.objects.get(pk=versie.pk).status)
            gelogd = [
                e.wijzigingen["status"]
                for e in ActionLog.objects.filter(
                    pk__gt=sinds,
                    content_type=ContentType.objects.get_for_model(Versie),
                    object_id=str(versie.pk),
                ).order_by("pk")
                if "status" in e.wijzigingen
            ]
            raise _Terug(na, gelogd)
    except _Terug as terug:
        return terug.args


GEVALLEN = [(procedure, van) for procedure in (INST, ZW) for van in STAPPEN[procedure]]

# A version that is already before the councils is not routed a second time (refused with a message).
RAADSFASE = (S.GOEDGEKEURD, S.AFGEWEZEN, S.TERUG)


@pytest.fixture
def regio_met(db, snelle_wachtwoorden, media):
    """A region on `procedure` with two councils; consent needs both, and an amendment sends the version back."""
    return lambda procedure: bouw_regio(2, procedure=procedure, amendement=AmendementRegel.TERUG)


def test_the_steps_make_exactly_the_allowed_transitions():
    for procedure in (INST, ZW):
        gemaakt = {(van, naar) for van, rij in STAPPEN[procedure].items() for naar in rij.values()}
        assert gemaakt == TOEGESTAAN[procedure], procedure


@pytest.mark.parametrize(("procedure", "van"), GEVALLEN, ids=[f"{p.value}:{v.value}" for p, v in GEVALLEN])
def test_every_step_from_a_status_goes_where_the_table_says_and_nowhere_else(regio_met, procedure, van):
    w = regio_met(procedure)
    versie = _naar(w, procedure, van)
    gezien = {}
    for stap in STAPPEN_LIJST:
        na, gelogd = _probeer(w, versie, stap)
        if na != van:
            gezien[stap] = na
            assert gelogd == [[van.value, na.value]], stap  # the action log shows the change
        else:
            assert gelogd == [], stap
    assert gezien == STAPPEN[procedure][van]


@pytest.mark.parametrize("van", RAADSFASE, ids=[v.value for v in RAADSFASE])
def test_a_version_before_the_councils_is_not_routed_a_second_time(regio_met, van):
    w = regio_met(INST)
    versie = _naar(w, INST, van)
    with pytest.raises(ValidationError, match="ligt al voor bij de raden"):
        services.route_versie(versie, door=w.secretariaat)
    versie.refresh_from_db()
    assert versie.status == van
