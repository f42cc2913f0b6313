"""Who may do what with meetings and planning days, the platform administrator included: pages and services.

The platform administrator (a superuser) reads every meeting, but a body's meetings are run only by that body's own
secretariat (planning, agenda, attendance, decisions and votes, minutes), only members propose items, only the
region's officials register themselves for a planning day, and only the user changes their own notification
preference or calendar link (docs/rollen.md, "Platform administrator"). Organising a planning day is regional
management, which the platform administrator may do. Each role is tried in a savepoint that is rolled back, so one
world serves the whole row.
"""

import datetime
from contextlib import nullcontext

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.urls import reverse

from besturen.models import Rol
from regioportaal.models import ActionLog
from regioportaal.permissions import NotAllowed
from tests.factories import maak_gebruiker
from tests.rooster import assert_each_role_gets, assert_grid_is_complete, grid_row
from vergaderingen import permissions, services
from vergaderingen.models import Aanwezigheidsstatus, Besluituitkomst

from .conftest import gehouden, moment, plan
from .test_bijeenkomsten import DAG, VOOR_DEADLINE, _dag

pytestmark = pytest.mark.django_db

ROLLEN = [
    "platformbeheerder",
    "secretariaat",
    "voorzitter",
    "lid",
    "raadslid",
    "secretariaat_drecht",
    "buitenstaander",
    "anoniem",
]
LEDEN = ("secretariaat", "voorzitter", "lid")  # the DBO's members, its secretariat included


@pytest.fixture
def admin(w):
    """The platform administrator: a superuser without any seat, as the demo's admin@regioportaal.example."""
    return w.platformbeheerder


def _users(w, admin):
    users = {rol: getattr(w, rol, None) for rol in ROLLEN}
    users["platformbeheerder"] = admin
    return users


def rooster(standaard, **per_rol):
    return grid_row(ROLLEN, standaard, **per_rol)


def _gepubliceerd(w):
    vergadering = plan(w.dbo, days=5)
    services.add_agendapunt(vergadering, titel="Regionale mobiliteit", door=None)
    services.add_agendapunt(vergadering, titel="Besloten personeelszaak", openbaar=False, door=None)
    return services.publish_agenda(vergadering, door=None)


def _gepland(w):
    vergadering = plan(w.dbo, days=40)
    services.add_agendapunt(vergadering, titel="Concept punt", door=None)
    return vergadering


# --- The pages ----------------------------------------------------------------------------------------------------

# action: (what the world needs, the request)
PAGINAS = {
    "gepubliceerde vergadering bekijken": (_gepubliceerd, lambda c, v: c.get(v.get_absolute_url())),
    "ongepubliceerde vergadering bekijken": (_gepland, lambda c, v: c.get(v.get_absolute_url())),
    "vergadering plannen": (
        lambda w: w.dbo,
        lambda c, orgaan: c.post(
            reverse("vergaderingen:kalender", args=[orgaan.pk]),
            {"begin": "2031-03-05T19:00", "einde": "2031-03-05T21:00", "locatie": "Stadhuis Aalst"},
        ),
    ),
    "vergadering plannen (Drechtraad)": (
        lambda w: w.drechtraad,
        lambda c, orgaan: c.post(
            reverse("vergaderingen:kalender", args=[orgaan.pk]),
            {"begin": "2031-03-05T19:00", "einde": "2031-03-05T21:00", "locatie": "Stadhuis Dordrecht"},
        ),
    ),
    "agenda opstellen (pagina)": (
        _gepubliceerd,
        lambda c, v: c.get(reverse("vergaderingen:agenda_beheer", args=[v.pk])),
    ),
    "agendapunt voorstellen": (
        _gepubliceerd,
        lambda c, v: c.post(v.get_absolute_url(), {"titel": "Fietssnelweg", "openbaar": "on"}),
    ),
    "besluit vastleggen": (
        lambda w: gehouden(w.dbo).agendapunten.get(),
        lambda c, punt: c.post(
            reverse("vergaderingen:besluit", args=[punt.pk]),
            {"uitkomst": "aangenomen", "tekst": "Goedgekeurd"},
        ),
    ),
    "verslag (pagina)": (
        lambda w: gehouden(w.dbo),
        lambda c, v: c.get(reverse("vergaderingen:verslag", args=[v.pk])),
    ),
    "mijn agenda": (lambda w: None, lambda c, _niets: c.get(reverse("vergaderingen:mijn_agenda"))),
}

ALLEEN_SECRETARIAAT = rooster("403", secretariaat="200", anoniem="login")
ROOSTER = {
    "gepubliceerde vergadering bekijken": rooster("200"),
    "ongepubliceerde vergadering bekijken": rooster(
        "404", platformbeheerder="200", **dict.fromkeys(LEDEN, "200")
    ),
    "vergadering plannen": rooster("403", secretariaat="302", anoniem="login"),
    "vergadering plannen (Drechtraad)": rooster("403", secretariaat_drecht="302", anoniem="login"),
    "agenda opstellen (pagina)": ALLEEN_SECRETARIAAT,
    "agendapunt voorstellen": rooster("403", anoniem="login", **dict.fromkeys(LEDEN, "302")),
    "besluit vastleggen": rooster("403", secretariaat="302", anoniem="login"),
    "verslag (pagina)": ALLEEN_SECRETARIAAT,
    "mijn agenda": rooster("200", anoniem="login"),  # one's own calendar link and mail preference
}


def test_the_page_grid_names_every_action_and_gives_every_role_a_may_and_a_may_not():
    assert_grid_is_complete(ROOSTER, PAGINAS, ROLLEN)


@pytest.mark.parametrize("actie", list(PAGINAS))
def test_each_role_gets_the_expected_answer_from_the_page_and_a_refusal_writes_nothing(
    client, w, admin, actie
):
    maak, request = PAGINAS[actie]
    obj = maak(w)
    assert_each_role_gets(client, _users(w, admin), ROOSTER[actie], lambda _user: request(client, obj))


# --- The services -------------------------------------------------------------------------------------------------


def _ander(user):
    return "dagelijks" if user.meldingen == "direct" else "direct"


def _dag_met_deelnemer(w):
    """The planning day, and a council member of Aalst (in no role of the grid) for the organiser to register."""
    w.deelnemer = maak_gebruiker(w.raad_aalst, Rol.LID, "Ria", "Raadslid", namens=w.aalst)
    return _dag(w)


# service: (what the world needs, the call, whether it runs before the planning day's registration deadline)
SERVICES = {
    "plan_vergadering": (
        lambda w: w.dbo,
        lambda w, orgaan, door: services.plan_vergadering(
            orgaan, begin=moment(20), einde=moment(20, 21), locatie="Aalst", door=door
        ),
    ),
    "add_agendapunt": (_gepland, lambda w, v, door: services.add_agendapunt(v, titel="Nieuw", door=door)),
    "publish_agenda": (_gepland, lambda w, v, door: services.publish_agenda(v, door=door)),
    "record_aanwezigheid": (
        lambda w: gehouden(w.dbo),
        lambda w, v, door: services.record_aanwezigheid(
            v, aanwezigheden={w.zetel_lid.pk: Aanwezigheidsstatus.AANWEZIG}, door=door
        ),
    ),
    "record_besluit": (
        lambda w: gehouden(w.dbo).agendapunten.get(),
        lambda w, punt, door: services.record_besluit(
            punt, uitkomst=Besluituitkomst.AANGENOMEN, voor=2, tegen=0, onthouding=0, door=door
        ),
    ),
    "save_notulen": (
        lambda w: gehouden(w.dbo),
        lambda w, v, door: services.save_notulen(v, notulen="Verslag.", door=door),
    ),
    "create_bijeenkomst": (
        lambda w: w.dender,
        lambda w, regio, door: services.create_bijeenkomst(
            regio,
            naam="Tweede planningsdag",
            datum=DAG,
            locatie="Aalst",
            inschrijven_tot=datetime.date(2031, 5, 12),
            door=door,
        ),
    ),
    "register (zichzelf)": (
        _dag,
        lambda w, dag, door: services.register(dag, bestuur=w.aalst, sessies=[w.mob_ochtend], door=door),
    ),
    "register (iemand anders, als organisator)": (
        _dag_met_deelnemer,
        lambda w, dag, door: services.register(
            dag, bestuur=w.aalst, sessies=[w.mob_ochtend], door=door, deelnemer=w.deelnemer
        ),
    ),
    "set_notificatievoorkeur (van Lieve Lid)": (
        lambda w: w.lid,
        lambda w, lid, door: services.set_notificatievoorkeur(lid, frequentie=_ander(lid), door=door),
    ),
    "renew_kalendertoken (van Lieve Lid)": (
        lambda w: w.lid,
        lambda w, lid, door: services.renew_kalendertoken(lid, door=door),
    ),
}
VOOR_DE_DEADLINE = {"create_bijeenkomst", "register (zichzelf)", "register (iemand anders, als organisator)"}

MAG = {
    "plan_vergadering": {"secretariaat"},
    "add_agendapunt": {"secretariaat"},
    "publish_agenda": {"secretariaat"},
    "record_aanwezigheid": {"secretariaat"},
    "record_besluit": {"secretariaat"},
    "save_notulen": {"secretariaat"},
    "create_bijeenkomst": {"platformbeheerder", "secretariaat"},
    "register (zichzelf)": {"secretariaat", "voorzitter", "lid", "raadslid"},
    "register (iemand anders, als organisator)": {"platformbeheerder", "secretariaat"},
    "set_notificatievoorkeur (van Lieve Lid)": {"lid"},
    "renew_kalendertoken (van Lieve Lid)": {"lid"},
}


def test_the_service_grid_names_every_service_and_the_platform_administrator_may_and_may_not():
    assert SERVICES.keys() == MAG.keys()
    assert any("platformbeheerder" in wie for wie in MAG.values())
    assert any("platformbeheerder" not in wie for wie in MAG.values())


@pytest.mark.parametrize("service", list(SERVICES))
def test_each_service_refuses_who_may_not_and_writes_nothing(w, admin, service):
    maak, call = SERVICES[service]
    with time_machine.travel(VOOR_DEADLINE, tick=False) if service in VOOR_DE_DEADLINE else nullcontext():
        obj = maak(w)
        users = _users(w, admin)
        for wie in ROLLEN:
            door = users[wie] or AnonymousUser()
            with transaction.atomic():
                voor = ActionLog.objects.count()
                if wie in MAG[service]:
                    call(w, obj, door)
                    assert ActionLog.objects.filter(actor=door).count() > 0, wie
                else:
                    with pytest.raises(NotAllowed):
                        call(w, obj, door)
                    assert ActionLog.objects.count() == voor, wie
                transaction.set_rollback(True)


# --- Proposing an item: only members ----------------------------------------------------------------------------


def test_the_platform_administrator_reads_the_closed_items_but_may_not_propose_one(client, w, admin):
    vergadering = _gepubliceerd(w)
    assert permissions.is_lid(admin, w.dbo)  # reading: every closed item
    assert not permissions.can_propose_agendapunt(admin, vergadering)
    assert permissions.can_propose_agendapunt(w.lid, vergadering)
    client.force_login(admin)
    content = client.get(vergadering.get_absolute_url()).content.decode()
    assert "Besloten personeelszaak" in content and "Agendapunt voorstellen" not in content


def test_the_propose_service_refuses_the_platform_administrator(w, admin):
    vergadering = _gepubliceerd(w)
    with pytest.raises(NotAllowed):
        services.propose_agendapunt(vergadering, titel="Fietssnelweg", door=admin)
