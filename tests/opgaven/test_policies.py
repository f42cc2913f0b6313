"""The opgaven policies: per action who may and who may not, and, per model, every state × role walked through the
public services, so a button is offered exactly when the service behind it succeeds.

The expectations are literals written here, not read from `opgaven.permissions` or `opgaven.workflow`.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from besturen import services as besturen_services
from opgaven import services
from opgaven.models import Bron, Opgave, Status, VoortgangStatus
from opgaven.policies import MandaatPolicy, OnderdeelPolicy, OpgavePolicy, StrategiePolicy
from regioportaal.permissions import NotAllowed
from tests.factories import MANDAAT_BEGIN
from tests.opgaven.factories import zet_status

S = Status
ROLLEN = [
    "platformbeheerder",
    "secretariaat",
    "opdrachtgever",
    "lid",
    "raadslid",
    "secretariaat_drecht",
    "buitenstaander",
    "anoniem",
]

# --- The specification ---------------------------------------------------------------------------------------------

FORMULEREN = {
    "update_opgave",
    "change_status",
    "add_indicator",
    "add_budgetregel",
    "add_capaciteit",
    "link_synergie",
    "grant_mandaat",
}
# Per role, the actions on an opgave of the Denderregio whose status still leads somewhere.
VERWACHT_OPGAVE = {
    "platformbeheerder": FORMULEREN
    | {"report_voortgang"},  # platform administration formulates (docs/rollen.md)
    "secretariaat": FORMULEREN | {"report_voortgang"},
    "opdrachtgever": {"report_voortgang"},
    "lid": set(),
    "raadslid": set(),
    "secretariaat_drecht": set(),
    "buitenstaander": set(),
    "anoniem": set(),
}
# From a final status there is no status to change to: only that button goes.
EINDSTATUS = {S.AFGEROND}
# How the complete opgave (idee) reaches each status.
WEG = {
    S.IDEE: [],
    S.IN_VOORBEREIDING: [S.IN_VOORBEREIDING],
    S.LOPEND: [S.IN_VOORBEREIDING, S.LOPEND],
    S.AFGEROND: [S.IN_VOORBEREIDING, S.LOPEND, S.AFGEROND],
    S.GESTOPT: [S.GESTOPT],
}
STRATEGIE = {
    "create_opgave",
    "save_strategie",
    "add_waarde",
    "add_doelstelling",
    "add_thema",
    "add_portefeuillehouder",
    "end_portefeuillehouder",
}
VERWACHT_STRATEGIE = {  # per region, who acts on its strategy
    "dender": {"platformbeheerder", "secretariaat"},
    "drecht": {"platformbeheerder", "secretariaat_drecht"},
}


def _user(w, rol):
    """The account of `rol`; the public is an anonymous user (a service reads `door=None` as the system)."""
    return w.users[rol] or AnonymousUser()


class _Terug(Exception):
    pass


def _slaagt(actie):
    """Whether the service call succeeds; whatever it wrote is rolled back."""
    try:
        with transaction.atomic():
            actie()
            raise _Terug
    except _Terug:
        return True
    except (NotAllowed, ValidationError):
        return False


def _some_status_change(opgave, door):
    """The status form's service succeeds for some status (each tried on its own, rolled back); else refused."""
    if not any(_slaagt(lambda naar=naar: services.change_status(opgave(), naar, door=door)) for naar in S):
        raise ValidationError("Geen enkele statuswijziging slaagt.")


def _opgave_diensten(w, pk, door):
    """Per action, the public service behind its button, on a fresh copy of the opgave."""

    def opgave():
        return Opgave.objects.select_related("regio", "opdrachtgever").get(pk=pk)

    return {
        "update_opgave": lambda: services.update_opgave(opgave(), titel="Nieuwe titel", door=door),
        "change_status": lambda: _some_status_change(opgave, door),
        "add_indicator": lambda: services.add_indicator(
            opgave(),
            naam="x",
            eenheid="km",
            nulwaarde=0,
            streefwaarde=1,
            streefdatum=datetime.date(2030, 1, 1),
            door=door,
        ),
        "add_budgetregel": lambda: services.add_budgetregel(
            opgave(), jaar=2027, bedrag=Decimal("1"), bron=Bron.LEDEN, door=door
        ),
        "add_capaciteit": lambda: services.add_capaciteit(
            opgave(), jaar=2027, hoeveelheid=Decimal("1"), partner="x", door=door
        ),
        "link_synergie": lambda: services.link_synergie(opgave(), w.leeg, reden="x", door=door),
        "grant_mandaat": lambda: services.grant_mandaat(
            opgave(),
            verleend_door=w.dbo,
            besluitdatum=MANDAAT_BEGIN,
            omschrijving="x",
            budgetplafond=Decimal("1"),
            begindatum=MANDAAT_BEGIN,
            einddatum=MANDAAT_BEGIN,
            door=door,
        ),
        "report_voortgang": lambda: services.report_voortgang(
            opgave(),
            periode_eind=datetime.date(2025, 6, 30),
            status=VoortgangStatus.OP_KOERS,
            besteed=Decimal("1"),
            toelichting="x",
            door=door,
        ),
    }


def _strategie_diensten(regio, door, *, persoon, thema, portefeuille):
    return {
        "create_opgave": lambda: services.create_opgave(regio, titel="Nieuw", door=door),
        "save_strategie": lambda: services.save_strategie(regio, missie="x", visie="y", door=door),
        "add_waarde": lambda: services.add_waarde(regio, naam="x", door=door),
        "add_doelstelling": lambda: services.add_doelstelling(regio, nummer=9, titel="x", door=door),
        "add_thema": lambda: services.add_thema(regio, naam="x", door=door),
        "add_portefeuillehouder": lambda: services.add_portefeuillehouder(
            regio, persoon=persoon, thema=thema, begindatum=datetime.date(2031, 1, 1), door=door
        ),
        "end_portefeuillehouder": lambda: services.end_portefeuillehouder(portefeuille, door=door),
    }


def _verplichting(w, door):
    return services.record_verplichting(
        w.mandaat, bedrag=Decimal("1"), omschrijving="x", datum=datetime.date(2025, 1, 1), door=door
    )


# Per kind of strategy part and its state, what its secretariat (and the platform administrator) may do to it.
ONDERDEEL_ACTIEF = {"update_onderdeel", "move_onderdeel", "archive_onderdeel"}
ONDERDEEL_GEARCHIVEERD = {"update_onderdeel", "restore_onderdeel"}
VERWACHT_ONDERDEEL = {
    ("waarde", False): ONDERDEEL_ACTIEF,
    ("waarde", True): ONDERDEEL_GEARCHIVEERD,
    ("doelstelling", False): ONDERDEEL_ACTIEF | {"link_opgaven"},
    ("doelstelling", True): ONDERDEEL_GEARCHIVEERD,
    ("thema", False): ONDERDEEL_ACTIEF | {"link_opgaven"},
    ("thema", True): ONDERDEEL_GEARCHIVEERD,
}
ONDERDEEL_BEHEERDERS = {"platformbeheerder", "secretariaat"}


def _onderdeel(w, soort):
    if soort == "waarde":
        return services.add_waarde(w.dender, naam="Transparantie", door=None)
    return {"doelstelling": w.doelen[1], "thema": w.wonen}[soort]


def _onderdeel_diensten(w, model, pk, door):
    """Per action on a strategy part, the public service behind its button, on a fresh copy of the part."""

    def onderdeel():
        return model.objects.select_related("regio").get(pk=pk)

    eerste_veld = services.ONDERDEEL_VELDEN[model][0]
    return {
        "update_onderdeel": lambda: services.update_onderdeel(
            onderdeel(), door=door, **{eerste_veld: "Nieuw"}
        ),
        "move_onderdeel": lambda: services.move_onderdeel(onderdeel(), omhoog=True, door=door),
        "archive_onderdeel": lambda: services.archive_onderdeel(onderdeel(), door=door),
        "restore_onderdeel": lambda: services.archive_onderdeel(onderdeel(), gearchiveerd=False, door=door),
        "link_opgaven": lambda: services.link_opgaven(onderdeel(), [w.leeg], door=door),
    }


# --- Button and guard never disagree -----------------------------------------------------------------------------


def test_the_policies_know_exactly_the_specified_actions():
    assert set(OpgavePolicy.actions) == FORMULEREN | {"report_voortgang"}
    assert set(StrategiePolicy.actions) == STRATEGIE
    assert set(OnderdeelPolicy.actions) == ONDERDEEL_ACTIEF | ONDERDEEL_GEARCHIVEERD | {"link_opgaven"}
    assert MandaatPolicy.actions == ("record_verplichting",)


@pytest.mark.parametrize("status", list(S))
def test_opgave_buttons_are_offered_exactly_when_the_service_succeeds(w, status):
    opgave = zet_status(w.fietsnetwerk, *WEG[status])
    assert opgave.status == status
    for rol in ROLLEN:
        user = _user(w, rol)
        verwacht = VERWACHT_OPGAVE[rol] - ({"change_status"} if status in EINDSTATUS else set())
        aangeboden = set(OpgavePolicy().allowed(user, Opgave.objects.get(pk=opgave.pk)))
        assert aangeboden == verwacht, rol
        geslaagd = {
            actie for actie, dienst in _opgave_diensten(w, opgave.pk, user).items() if _slaagt(dienst)
        }
        assert geslaagd == aangeboden, rol


@pytest.mark.parametrize("regio", sorted(VERWACHT_STRATEGIE))
def test_strategy_buttons_are_offered_exactly_when_the_service_succeeds(w, regio):
    regio_obj = getattr(w, regio)
    persoon = (w.voorzitter if regio == "dender" else w.secretariaat_drecht).persoon
    thema = services.add_thema(regio_obj, naam="Bereikbare regio", door=None)
    portefeuille = services.add_portefeuillehouder(
        regio_obj,
        persoon=persoon,
        thema=thema,
        begindatum=datetime.date(2024, 1, 1),
        einddatum=datetime.date(2030, 12, 31),
        door=None,
    )
    for rol in ROLLEN:
        user = _user(w, rol)
        verwacht = STRATEGIE if rol in VERWACHT_STRATEGIE[regio] else set()
        aangeboden = set(StrategiePolicy().allowed(user, regio_obj))
        assert aangeboden == verwacht, rol
        diensten = _strategie_diensten(
            regio_obj, user, persoon=persoon, thema=thema, portefeuille=portefeuille
        )
        geslaagd = {actie for actie, dienst in diensten.items() if _slaagt(dienst)}
        assert geslaagd == aangeboden, rol


@pytest.mark.parametrize("gearchiveerd", [False, True], ids=["actief", "gearchiveerd"])
@pytest.mark.parametrize("soort", ["waarde", "doelstelling", "thema"])
def test_strategy_part_buttons_are_offered_exactly_when_the_service_succeeds(w, soort, gearchiveerd):
    onderdeel = _onderdeel(w, soort)
    if gearchiveerd:
        services.archive_onderdeel(onderdeel, door=None)
    model = type(onderdeel)
    for rol in ROLLEN:
        user = _user(w, rol)
        verwacht = VERWACHT_ONDERDEEL[(soort, gearchiveerd)] if rol in ONDERDEEL_BEHEERDERS else set()
        aangeboden = set(OnderdeelPolicy().allowed(user, model.objects.get(pk=onderdeel.pk)))
        assert aangeboden == verwacht, rol
        diensten = _onderdeel_diensten(w, model, onderdeel.pk, user)
        assert {actie for actie, dienst in diensten.items() if _slaagt(dienst)} == aangeboden, rol


@pytest.mark.parametrize("zetel", ["lopend", "beeindigd"])
def test_commitment_button_is_offered_exactly_when_the_service_succeeds(w, zetel):
    if zetel == "beeindigd":
        besturen_services.end_lidmaatschap(w.opdrachtgever, einddatum=datetime.date.today(), door=None)
    w.mandaat.refresh_from_db()
    for rol in ROLLEN:
        user = _user(w, rol)
        verwacht = {"record_verplichting"} if (rol, zetel) == ("opdrachtgever", "lopend") else set()
        assert set(MandaatPolicy().allowed(user, w.mandaat)) == verwacht, rol
        geslaagd = {"record_verplichting"} if _slaagt(lambda user=user: _verplichting(w, user)) else set()
        assert geslaagd == verwacht, rol


# --- Per action: who may, who may not ----------------------------------------------------------------------------

OPGAVE_GEVALLEN = [
    ("update_opgave", "secretariaat", "opdrachtgever"),
    ("change_status", "secretariaat", "lid"),
    ("add_indicator", "platformbeheerder", "raadslid"),
    ("add_budgetregel", "secretariaat", "secretariaat_drecht"),
    ("add_capaciteit", "secretariaat", "buitenstaander"),
    ("link_synergie", "secretariaat", "anoniem"),
    ("grant_mandaat", "secretariaat", "opdrachtgever"),
    ("report_voortgang", "opdrachtgever", "lid"),
]


@pytest.mark.parametrize(("actie", "mag", "mag_niet"), OPGAVE_GEVALLEN)
def test_opgave_action_may_and_may_not(w, actie, mag, mag_niet):
    policy = OpgavePolicy()
    assert policy.may(_user(w, mag), actie, w.fietsnetwerk)
    assert not policy.may(_user(w, mag_niet), actie, w.fietsnetwerk)


@pytest.mark.parametrize("actie", sorted(STRATEGIE))
def test_strategy_action_may_and_may_not(w, actie):
    assert StrategiePolicy().may(w.secretariaat, actie, w.dender)
    assert not StrategiePolicy().may(w.secretariaat_drecht, actie, w.dender)


@pytest.mark.parametrize("actie", sorted(ONDERDEEL_ACTIEF | {"link_opgaven"}))
def test_strategy_part_action_may_and_may_not(w, actie):
    assert OnderdeelPolicy().may(w.secretariaat, actie, w.doelen[0])
    assert not OnderdeelPolicy().may(w.secretariaat_drecht, actie, w.doelen[0])
    assert not OnderdeelPolicy().may(w.voorzitter, actie, w.doelen[0])


def test_an_archived_goal_may_be_restored_but_takes_no_opgaven(w):
    doel = services.archive_onderdeel(w.doelen[0], door=None)
    assert OnderdeelPolicy().may(w.secretariaat, "restore_onderdeel", doel)
    assert not OnderdeelPolicy().may(w.secretariaat, "link_opgaven", doel)
    assert not OnderdeelPolicy().may(w.secretariaat_drecht, "restore_onderdeel", doel)
    with pytest.raises(ValidationError, match="Een gearchiveerd onderdeel"):
        OnderdeelPolicy().require(None, "link_opgaven", doel)  # the system skips the role, not the state


def test_the_holders_of_a_strategy_part_action_follow_its_state(w):
    assert set(OnderdeelPolicy().users("archive_onderdeel", w.wonen)) == {w.secretariaat, w.platformbeheerder}
    services.archive_onderdeel(w.wonen, door=None)
    w.wonen.refresh_from_db()
    assert not OnderdeelPolicy().users("archive_onderdeel", w.wonen).exists()
    assert set(OnderdeelPolicy().users("restore_onderdeel", w.wonen)) == {w.secretariaat, w.platformbeheerder}


def test_only_the_holder_may_record_a_commitment_not_the_platform_administrator(w):
    assert MandaatPolicy().may(w.voorzitter, "record_verplichting", w.mandaat)
    assert not MandaatPolicy().may(w.platformbeheerder, "record_verplichting", w.mandaat)
    assert not MandaatPolicy().may(w.secretariaat, "record_verplichting", w.mandaat)


def test_a_final_status_offers_no_status_change_even_to_the_secretariat(w):
    afgerond = zet_status(w.fietsnetwerk, *WEG[S.AFGEROND])
    assert not OpgavePolicy().may(w.secretariaat, "change_status", afgerond)
    assert OpgavePolicy().next_states(w.secretariaat, afgerond) == []
    assert OpgavePolicy().next_states(w.secretariaat, w.leeg) == [S.IN_VOORBEREIDING, S.GESTOPT]
    assert OpgavePolicy().next_states(w.voorzitter, w.leeg) == []


# --- The refusals users see ----------------------------------------------------------------------------------------


def test_refusals_keep_their_words(w):
    with pytest.raises(NotAllowed, match="Alleen het secretariaat van Denderregio mag dit."):
        OpgavePolicy().require(w.voorzitter, "grant_mandaat", w.fietsnetwerk)
    with pytest.raises(NotAllowed, match="Alleen het secretariaat van Denderregio mag dit."):
        StrategiePolicy().require(w.secretariaat_drecht, "add_thema", w.dender)
    with pytest.raises(NotAllowed, match="Alleen de opdrachtgever of het secretariaat rapporteert"):
        OpgavePolicy().require(w.lid, "report_voortgang", w.fietsnetwerk)
    with pytest.raises(NotAllowed, match="Alleen de houder van het mandaat legt verplichtingen vast."):
        MandaatPolicy().require(w.platformbeheerder, "record_verplichting", w.mandaat)


def test_a_transition_is_refused_for_the_role_first_then_by_the_table(w):
    policy = OpgavePolicy()
    with pytest.raises(NotAllowed, match="Alleen het secretariaat van Denderregio mag dit."):
        policy.require_transition(w.voorzitter, w.leeg, S.AFGEROND)
    with pytest.raises(ValidationError, match="Een opgave gaat niet van idee naar afgerond."):
        policy.require_transition(w.secretariaat, w.leeg, S.AFGEROND)
    with pytest.raises(ValidationError, match="Een opgave gaat niet van idee naar afgerond."):
        policy.require_transition(None, w.leeg, S.AFGEROND)  # the system skips the role, not the table
    policy.require_transition(w.secretariaat, w.leeg, S.GESTOPT)


# --- Who may: the recipients are the holders -------------------------------------------------------------------


@pytest.mark.parametrize("actie", ["update_opgave", "change_status", "report_voortgang"])
def test_the_holders_of_an_opgave_action_are_exactly_those_who_may(w, actie):
    for status in (S.IDEE, S.AFGEROND):
        opgave = zet_status(w.fietsnetwerk, *WEG[status])
        houders = set(OpgavePolicy().users(actie, opgave))
        for rol in ROLLEN[:-1]:
            user = w.users[rol]
            assert (user in houders) == OpgavePolicy().may(user, actie, opgave), (rol, status)


def test_the_holder_of_a_mandate_is_its_only_recipient_while_the_seat_lasts(w):
    assert list(MandaatPolicy().users("record_verplichting", w.mandaat)) == [w.voorzitter]
    besturen_services.end_lidmaatschap(w.opdrachtgever, einddatum=datetime.date.today(), door=None)
    w.mandaat.refresh_from_db()
    assert not MandaatPolicy().users("record_verplichting", w.mandaat).exists()


def test_a_regions_strategy_holders_are_its_secretariat_and_the_platform_administrator(w):
    assert set(StrategiePolicy().users("add_thema", w.dender)) == {w.secretariaat, w.platformbeheerder}
    assert set(StrategiePolicy().users("add_thema", w.drecht)) == {w.secretariaat_drecht, w.platformbeheerder}


# --- Pages ask the policy, at one permission lookup --------------------------------------------------------------

KNOPPEN = {
    "update_opgave": "opgaven:opgave_bewerken",
    "change_status": "opgaven:status",
    "add_indicator": "opgaven:indicator",
    "add_budgetregel": "opgaven:budget",
    "add_capaciteit": "opgaven:capaciteit",
    "link_synergie": "opgaven:synergie_leggen",
    "grant_mandaat": "opgaven:mandaat",
    "report_voortgang": "opgaven:voortgang",
}


@pytest.mark.parametrize("status", [S.IDEE, S.AFGEROND])
@pytest.mark.parametrize("rol", ["secretariaat", "opdrachtgever", "lid"])
def test_the_opgave_page_shows_exactly_the_allowed_buttons(client, w, status, rol):
    opgave = zet_status(w.fietsnetwerk, *WEG[status])
    client.force_login(w.users[rol])
    html = client.get(opgave.get_absolute_url()).content.decode()
    getoond = {
        actie for actie, naam in KNOPPEN.items() if f'href="{reverse(naam, args=[opgave.pk])}"' in html
    }
    assert getoond == set(OpgavePolicy().allowed(w.users[rol], opgave))
    verplichting = f'href="{reverse("opgaven:verplichting", args=[w.mandaat.pk])}"' in html
    assert verplichting == (rol == "opdrachtgever")


def test_the_list_offers_a_new_opgave_only_to_whoever_may_create_one(client, w):
    url = reverse("opgaven:opgaven", args=["denderregio"])
    nieuw = reverse("opgaven:opgave_nieuw", args=["denderregio"])
    client.force_login(w.secretariaat)
    assert nieuw in client.get(url).content.decode()
    client.force_login(w.secretariaat_drecht)
    assert nieuw not in client.get(url).content.decode()


def test_all_buttons_of_an_opgave_cost_one_permission_lookup(w, django_assert_max_num_queries):
    opgave = Opgave.objects.select_related("regio", "opdrachtgever__persoon").get(pk=w.fietsnetwerk.pk)
    policy = OpgavePolicy()
    policy.may(w.secretariaat, "update_opgave", opgave)
    with django_assert_max_num_queries(0):
        assert set(policy.allowed(w.secretariaat, opgave)) == VERWACHT_OPGAVE["secretariaat"]
