"""The policies of vergaderingen: for each action who may and who may not, and for each model the property that a
button is offered (`allowed`) exactly when the public service succeeds, walked over every state and every role."""

import datetime
from contextlib import nullcontext

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction

from regioportaal.permissions import NotAllowed
from tests.wereld import ROLLEN
from vergaderingen import services
from vergaderingen.models import (
    Aanwezigheidsstatus,
    Agendapunt,
    AgendapuntStatus,
    Besluituitkomst,
    Bijeenkomst,
    BlokSoort,
    Inschrijving,
    Vergadering,
    VergaderingStatus,
)
from vergaderingen.policies import (
    AgendapuntPolicy,
    BijeenkomstPolicy,
    InschrijvingPolicy,
    KalenderPolicy,
    VergaderingPolicy,
)

from .conftest import PDF_BYTES, gehouden, plan, upload
from .test_bijeenkomsten import DAG, NA_DEADLINE, VOOR_DEADLINE, _dag

pytestmark = pytest.mark.django_db

LEDEN = {"secretariaat", "voorzitter", "lid"}  # the DBO's members, its secretariat included
FUNCTIONARISSEN = LEDEN | {"raadssecretaris", "raadslid"}  # a role in the Denderregio


def _door(w, rol):
    return w.users[rol] or AnonymousUser()


def _gepland(w, days=14):
    vergadering = plan(w.dbo, days)
    services.add_agendapunt(vergadering, titel="Regionale mobiliteit", door=None)
    return vergadering


def _gepubliceerd(w, days=14):
    return services.publish_agenda(_gepland(w, days), door=None)


def _met_notulen(w):
    vergadering = gehouden(w.dbo)
    return services.save_notulen(vergadering, notulen="Verslag.", door=None)


def _gepubliceerd_punt(w):
    punt = _gepland(w).agendapunten.get()
    services.add_document(punt, upload("nota.pdf", PDF_BYTES), door=None)
    services.publish_agenda(punt.vergadering, door=None)
    return Agendapunt.objects.select_related("vergadering__orgaan__regio").get(pk=punt.pk)


def _voorstel(w):
    return services.propose_agendapunt(_gepland(w), titel="Fietssnelweg", door=w.lid)


def _inschrijving(w):
    dag = _dag(w)
    return services.register(dag, bestuur=w.lede, sessies=[w.mob_ochtend], door=w.lid)


# --- May and may not, per action --------------------------------------------------------------------------------

# (policy, action): (the object in a state that allows the action, the roles that may)
WIE_MAG = {
    (KalenderPolicy, "plan"): (lambda w: w.dbo, {"secretariaat"}),
    (VergaderingPolicy, "update"): (_gepland, {"secretariaat"}),
    (VergaderingPolicy, "edit_agenda"): (_gepland, {"secretariaat"}),
    (VergaderingPolicy, "propose"): (_gepland, LEDEN),
    (VergaderingPolicy, "publish"): (_gepland, {"secretariaat"}),
    (VergaderingPolicy, "close"): (lambda w: _gepubliceerd(w, -14), {"secretariaat"}),
    (VergaderingPolicy, "record"): (lambda w: gehouden(w.dbo), {"secretariaat"}),
    (VergaderingPolicy, "save_notulen"): (lambda w: gehouden(w.dbo), {"secretariaat"}),
    (VergaderingPolicy, "approve_notulen"): (_met_notulen, {"secretariaat"}),
    (VergaderingPolicy, "cancel"): (_gepubliceerd, {"secretariaat"}),
    (AgendapuntPolicy, "edit"): (lambda w: _gepland(w).agendapunten.get(), {"secretariaat"}),
    (AgendapuntPolicy, "move"): (lambda w: _gepland(w).agendapunten.get(), {"secretariaat"}),
    (AgendapuntPolicy, "move_to_next"): (
        lambda w: (plan(w.dbo, 60), _gepland(w).agendapunten.get())[1],
        {"secretariaat"},
    ),
    (AgendapuntPolicy, "accept"): (_voorstel, {"secretariaat"}),
    (AgendapuntPolicy, "decline"): (_voorstel, {"secretariaat"}),
    (AgendapuntPolicy, "record_besluit"): (lambda w: gehouden(w.dbo).agendapunten.get(), {"secretariaat"}),
    (AgendapuntPolicy, "remove"): (lambda w: _gepland(w).agendapunten.get(), {"secretariaat"}),
    (AgendapuntPolicy, "withdraw"): (_gepubliceerd_punt, {"secretariaat"}),
    (AgendapuntPolicy, "remove_document"): (lambda w: _gepland(w).agendapunten.get(), {"secretariaat"}),
    (AgendapuntPolicy, "withdraw_document"): (_gepubliceerd_punt, {"secretariaat"}),
    (BijeenkomstPolicy, "register"): (_dag, FUNCTIONARISSEN),
    (BijeenkomstPolicy, "organise"): (_dag, {"platformbeheerder", "secretariaat"}),
    (InschrijvingPolicy, "cancel"): (_inschrijving, {"platformbeheerder", "secretariaat", "lid"}),
}


def test_every_action_of_every_policy_is_in_the_table():
    policies = {policy for policy, _action in WIE_MAG}
    assert {(p, a) for p in policies for a in p.actions} == set(WIE_MAG)


@pytest.mark.parametrize("policy, action", list(WIE_MAG), ids=[f"{p.__name__}.{a}" for p, a in WIE_MAG])
def test_who_may_and_who_may_not(w, policy, action):
    maak, mogen = WIE_MAG[(policy, action)]
    with (
        time_machine.travel(VOOR_DEADLINE, tick=False)
        if policy
        in (
            BijeenkomstPolicy,
            InschrijvingPolicy,
        )
        else nullcontext()
    ):
        obj = maak(w)
        if isinstance(obj, Inschrijving):  # the participant is registered; another official asks to register
            obj = Inschrijving.objects.select_related("bijeenkomst__regio").get(pk=obj.pk)
        antwoorden = {rol: policy().may(w.users[rol], action, obj) for rol in ROLLEN}
    assert {rol for rol, mag in antwoorden.items() if mag} == mogen
    assert mogen and set(ROLLEN) - mogen  # a may and a may-not case for each action


# --- Button and guard never disagree ----------------------------------------------------------------------------


def _outcome(call, obj, door):
    """Run a public service in a savepoint that is rolled back: did it succeed?"""
    with transaction.atomic():
        try:
            call(obj, door)
        except (NotAllowed, ValidationError):
            return False
        finally:
            transaction.set_rollback(True)
    return True


def _walk(w, states, calls, policy_class, fetch):
    """For every state × role × action: `allowed` offers the action exactly when the service succeeds. Returns
    {state: allowed actions} for the secretariat, for the literal expectations."""
    secretariaat = {}
    for state, pk in states.items():
        for rol in ROLLEN:
            door = _door(w, rol)
            allowed = policy_class().allowed(door, fetch(pk))
            for action in policy_class.actions:
                geslaagd = _outcome(calls[action], fetch(pk), door)
                assert geslaagd == bool(allowed.get(action)), (state, rol, action, geslaagd)
            if rol == "secretariaat":
                secretariaat[state] = set(allowed)
    return secretariaat


VERGADERING_CALLS = {
    "update": lambda v, door: services.update_vergadering(v, locatie="Stadhuis Lede", door=door),
    "edit_agenda": lambda v, door: services.add_agendapunt(v, titel="Nieuw", door=door),
    "propose": lambda v, door: services.propose_agendapunt(v, titel="Voorstel", door=door),
    "publish": lambda v, door: services.publish_agenda(v, door=door),
    "close": lambda v, door: services.close_vergadering(v, door=door),
    "record": lambda v, door: services.record_aanwezigheid(
        v,
        aanwezigheden={v.orgaan.lidmaatschappen.order_by("pk").first().pk: Aanwezigheidsstatus.AANWEZIG},
        door=door,
    ),
    "save_notulen": lambda v, door: services.save_notulen(v, notulen="Verslag.", door=door),
    "approve_notulen": lambda v, door: services.approve_notulen(v, door=door),
    "cancel": lambda v, door: services.cancel_vergadering(v, reden="Geen quorum", door=door),
}

OPEN = {"update", "edit_agenda", "propose", "cancel"}
# The literal expectation: what the secretariat is offered in each state.
VERGADERING_SECRETARIAAT = {
    "gepland, lege agenda": OPEN,
    "gepland": OPEN | {"publish"},
    "gepubliceerd, nog niet begonnen": OPEN,
    "gepubliceerd, voorbij": OPEN | {"close"},
    "afgelopen": {"record", "save_notulen"},
    "afgelopen, met notulen": {"record", "save_notulen", "approve_notulen"},
    "notulen goedgekeurd": set(),
    "geannuleerd": set(),
    "geannuleerd na publicatie": set(),
}


def test_vergadering_buttons_are_offered_exactly_when_the_service_succeeds(w):
    goedgekeurd = _met_notulen(w)
    services.approve_notulen(goedgekeurd, door=None)
    states = {
        "gepland, lege agenda": plan(w.dbo, 30).pk,
        "gepland": _gepland(w, 31).pk,
        "gepubliceerd, nog niet begonnen": _gepubliceerd(w, 32).pk,
        "gepubliceerd, voorbij": _gepubliceerd(w, -3).pk,
        "afgelopen": gehouden(w.dbo, -20).pk,
        "afgelopen, met notulen": _met_notulen(w).pk,
        "notulen goedgekeurd": goedgekeurd.pk,
        "geannuleerd": services.cancel_vergadering(_gepland(w, 33), reden="Geen quorum", door=None).pk,
        "geannuleerd na publicatie": services.cancel_vergadering(
            _gepubliceerd(w, 34), reden="Geen quorum", door=None
        ).pk,
    }
    assert (
        Vergadering.objects.get(pk=states["notulen goedgekeurd"]).status
        == VergaderingStatus.NOTULEN_GOEDGEKEURD
    )

    def fetch(pk):
        return Vergadering.objects.select_related("orgaan__regio").get(pk=pk)

    assert _walk(w, states, VERGADERING_CALLS, VergaderingPolicy, fetch) == VERGADERING_SECRETARIAAT


AGENDAPUNT_CALLS = {
    "edit": lambda p, door: services.update_agendapunt(p, titel="Gewijzigd", door=door),
    "move": lambda p, door: services.move_agendapunt(p, omhoog=True, door=door),
    "move_to_next": lambda p, door: services.move_to_next_vergadering(p, door=door),
    "accept": lambda p, door: services.accept_voorstel(p, door=door),
    "decline": lambda p, door: services.decline_voorstel(p, reden="Later", door=door),
    "record_besluit": lambda p, door: services.record_besluit(
        p, uitkomst=Besluituitkomst.AANGENOMEN, door=door
    ),
    "remove": lambda p, door: services.remove_agendapunt(p, door=door),
    "withdraw": lambda p, door: services.withdraw_agendapunt(p, reden="Vervalt", door=door),
    "remove_document": lambda p, door: services.remove_document(
        p.documenten.order_by("pk").first(), door=door
    ),
    "withdraw_document": lambda p, door: services.withdraw_document(
        p.documenten.order_by("pk").first(), reden="Verkeerde versie", door=door
    ),
}
AGENDAPUNT_SECRETARIAAT = {
    "geagendeerd, agenda open": {"edit", "move", "move_to_next", "remove", "remove_document"},
    "geagendeerd, agenda gepubliceerd": {"edit", "withdraw", "withdraw_document"},
    "voorgesteld, agenda open": {"edit", "move_to_next", "accept", "decline", "remove_document"},
    "afgewezen": {"edit", "move_to_next", "remove_document"},
    "geagendeerd, vergadering afgelopen": {"record_besluit"},
    "voorgesteld, vergadering afgelopen": {"decline"},
    "ingetrokken": {"withdraw_document"},
    "geagendeerd, vergadering geannuleerd": set(),
}


def test_agendapunt_buttons_are_offered_exactly_when_the_service_succeeds(w):
    plan(w.dbo, 90)  # a next meeting to move items to
    open_ = _gepland(w, 30)
    voorstel = services.propose_agendapunt(open_, titel="Fietssnelweg", door=w.lid)
    afgewezen = services.propose_agendapunt(open_, titel="Kermis", door=w.lid)
    services.decline_voorstel(afgewezen, door=None)
    afgelopen = plan(w.dbo, -30)
    services.add_agendapunt(afgelopen, titel="Mobiliteit", door=None)
    laat = services.propose_agendapunt(afgelopen, titel="Te laat", door=w.lid)
    for punt in Agendapunt.objects.filter(vergadering__in=[open_, afgelopen]):  # every item has a document
        services.add_document(punt, upload("nota.pdf", PDF_BYTES), door=None)
    services.publish_agenda(afgelopen, door=None)
    services.close_vergadering(afgelopen, door=None)
    ingetrokken = _gepubliceerd_punt(w)
    services.withdraw_agendapunt(ingetrokken, reden="Vervalt", door=None)
    geannuleerd = _gepubliceerd_punt(w)
    services.cancel_vergadering(geannuleerd.vergadering, reden="Geen quorum", door=None)
    states = {
        "geagendeerd, agenda open": open_.agendapunten.get(status=AgendapuntStatus.GEAGENDEERD).pk,
        "geagendeerd, agenda gepubliceerd": _gepubliceerd_punt(w).pk,
        "ingetrokken": ingetrokken.pk,
        "geagendeerd, vergadering geannuleerd": geannuleerd.pk,
        "voorgesteld, agenda open": voorstel.pk,
        "afgewezen": afgewezen.pk,
        "geagendeerd, vergadering afgelopen": afgelopen.agendapunten.get(
            status=AgendapuntStatus.GEAGENDEERD
        ).pk,
        "voorgesteld, vergadering afgelopen": laat.pk,
    }

    def fetch(pk):
        return Agendapunt.objects.select_related("vergadering__orgaan__regio").get(pk=pk)

    assert _walk(w, states, AGENDAPUNT_CALLS, AgendapuntPolicy, fetch) == AGENDAPUNT_SECRETARIAAT


def _bijeenkomst_calls(w):
    return {
        "register": lambda dag, door: services.register(
            dag, bestuur=w.aalst, sessies=[dag.blokken.first().sessies.first()], door=door
        ),
        "organise": lambda dag, door: services.add_blok(
            dag, soort=BlokSoort.PLENAIR, titel="Slot", begin=datetime.time(16), door=door
        ),
    }


@pytest.mark.parametrize(
    "moment_, verwacht",
    [
        (VOOR_DEADLINE, {"register", "organise"}),
        (NA_DEADLINE, {"organise"}),
    ],
    ids=["voor de deadline", "na de deadline"],
)
def test_bijeenkomst_buttons_are_offered_exactly_when_the_service_succeeds(w, moment_, verwacht):
    with time_machine.travel(VOOR_DEADLINE, tick=False):
        dag = _dag(w)
        ingeschreven = _dag(w)
        services.register(ingeschreven, bestuur=w.lede, sessies=[w.mob_ochtend], door=w.secretariaat)
    with time_machine.travel(moment_, tick=False):
        states = {"open": dag.pk, "al ingeschreven (secretariaat)": ingeschreven.pk}

        def fetch(pk):
            return Bijeenkomst.objects.select_related("regio").get(pk=pk)

        secretariaat = _walk(w, states, _bijeenkomst_calls(w), BijeenkomstPolicy, fetch)
    assert secretariaat == {"open": verwacht, "al ingeschreven (secretariaat)": {"organise"}}


def test_inschrijving_cancel_is_offered_exactly_when_the_service_succeeds(w):
    with time_machine.travel(VOOR_DEADLINE, tick=False):
        pk = _inschrijving(w).pk
    na_de_dag = datetime.datetime.combine(DAG + datetime.timedelta(days=2), datetime.time(10), datetime.UTC)
    for wanneer, kan in ((VOOR_DEADLINE, True), (na_de_dag, False)):
        with time_machine.travel(wanneer, tick=False):

            def fetch(pk):
                return Inschrijving.objects.select_related("bijeenkomst__regio").get(pk=pk)

            secretariaat = _walk(
                w,
                {"ingeschreven": pk},
                {"cancel": lambda i, door: services.cancel_inschrijving(i, door=door)},
                InschrijvingPolicy,
                fetch,
            )
            assert secretariaat == {"ingeschreven": {"cancel"} if kan else set()}


def test_a_list_asks_the_role_once_not_per_row(w, django_assert_max_num_queries):
    vergadering = _gepland(w)
    for titel in ("Twee", "Drie", "Vier"):
        services.add_agendapunt(vergadering, titel=titel, door=None)
    punten = list(vergadering.agendapunten.select_related("vergadering__orgaan__regio"))
    policy = AgendapuntPolicy()
    policy.allowed(w.secretariaat, punten[0])
    with django_assert_max_num_queries(0):
        for punt in punten[1:]:
            punt.vergadering = punten[0].vergadering
            assert policy.allowed(w.secretariaat, punt, ("edit", "move")) == {"edit": True, "move": True}


def test_the_system_acts_where_the_state_allows_and_not_where_it_does_not(w):
    vergadering = gehouden(w.dbo)
    VergaderingPolicy().require(None, "save_notulen", vergadering)  # no role asked of the system
    with pytest.raises(ValidationError, match="nog geen notulen"):
        VergaderingPolicy().require(None, "approve_notulen", vergadering)
    with pytest.raises(NotAllowed, match="Alleen het secretariaat van"):
        VergaderingPolicy().require(w.lid, "save_notulen", vergadering)
    assert VergaderingPolicy().reasons(w.secretariaat, vergadering, ("approve_notulen",)) == {
        "approve_notulen": "Er zijn nog geen notulen om goed te keuren."
    }
