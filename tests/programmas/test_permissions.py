"""Who may do what with a programme, the platform administrator included: a grid through the pages and the services.

The platform administrator (a superuser) passes the secretariat's checks, but records no decision and asks no
question: a council's decision is recorded only by that council's secretary, the board's adoption only by the
region's secretariat or the adopting body's (vice-)chair, a question is asked only by a council member
(docs/rollen.md, "Platform administrator"). Each role is tried in a savepoint that is rolled back, so one world
serves the whole row.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from programmas import permissions, services
from programmas.models import Raadsbesluit, Registratie, Uitkomst, Versie, VersieStatus, Vraag
from regioportaal.models import ActionLog
from regioportaal.permissions import NotAllowed
from tests.rooster import assert_each_role_gets, assert_grid_is_complete, grid_row

from .bouw import ROLLEN, programma, users_met_admin

S = VersieStatus


def rooster(standaard, **per_rol):
    return grid_row(ROLLEN, standaard, **per_rol)


def _uit(versie, wereld):
    """The decision of the first member's council (whose secretary is `raadssecretaris`)."""
    return Raadsbesluit.objects.get(versie=versie, bestuur=wereld.leden[0])


def _vandaag():
    return timezone.localdate().isoformat()


def _raadsbesluit_data():
    return {
        "uitkomst": "goedgekeurd",
        "datum_raad": _vandaag(),
        "stemmen_voor": 20,
        "stemmen_tegen": 3,
        "onthoudingen": 0,
    }


def _vraag_data(wereld, user):
    besturen = permissions.mijn_besturen(user, wereld.versie) if user else []
    bestuur = besturen[0] if besturen else wereld.leden[0]
    return {"tekst": "Waarom stijgt ons aandeel?", "regel": "", "bestuur": bestuur.pk}


# --- The pages ----------------------------------------------------------------------------------------------------

# action: (the version's status, the request)
PAGINAS = {
    "voorgelegde versie lezen": (
        S.VOORGELEGD,
        lambda c, w, u: c.get(reverse("programmas:versie", args=[w.versie.pk])),
    ),
    "concept lezen": (S.CONCEPT, lambda c, w, u: c.get(reverse("programmas:versie", args=[w.versie.pk]))),
    "regel bewerken (formulier)": (
        S.CONCEPT,
        lambda c, w, u: c.get(reverse("programmas:regel", args=[w.versie.regels.first().pk])),
    ),
    "indienen": (
        S.CONCEPT,
        lambda c, w, u: c.post(reverse("programmas:actie", args=[w.versie.pk, "indienen"])),
    ),
    "vaststellen": (
        S.INGEDIEND,
        lambda c, w, u: c.post(
            reverse("programmas:actie", args=[w.versie.pk, "vaststellen"]),
            {"besluitdatum": _vandaag(), "besluit_referentie": "DBO-12"},
        ),
    ),
    "statusbord": (S.VOORGELEGD, lambda c, w, u: c.get(reverse("programmas:statusbord", args=[w.versie.pk]))),
    "raadsbesluit vastleggen": (
        S.VOORGELEGD,
        lambda c, w, u: c.post(_uit(w.versie, w).get_absolute_url(), _raadsbesluit_data()),
    ),
    "mijn gemeente": (
        S.VOORGELEGD,
        lambda c, w, u: c.get(reverse("programmas:mijn_gemeente", args=[w.versie.pk])),
    ),
    "vraag stellen": (
        S.VOORGELEGD,
        lambda c, w, u: c.post(reverse("programmas:mijn_gemeente", args=[w.versie.pk]), _vraag_data(w, u)),
    ),
}

REGIO_LEEST = {
    rol: "200"
    for rol in (
        "platformbeheerder",
        "secretariaat",
        "voorzitter",
        "bestuurslid",
        "raadssecretaris",
        "raadssecretaris_b",
        "raadslid",
    )
}
BUITEN = {"buitenstaander": "404", "ander_secretariaat": "404", "anoniem": "login"}
RAADSLEDEN = ("raadssecretaris", "raadssecretaris_b", "raadslid")

ROOSTER = {
    "voorgelegde versie lezen": rooster("200"),  # a routed version is public
    "concept lezen": rooster("404", **REGIO_LEEST),
    "regel bewerken (formulier)": rooster("403", platformbeheerder="200", secretariaat="200", **BUITEN),
    "indienen": rooster("403", platformbeheerder="302", secretariaat="302", **BUITEN),
    # The board's adoption is a decision of a body: not the platform administrator's to record.
    "vaststellen": rooster("403", secretariaat="302", voorzitter="302", **BUITEN),
    "statusbord": rooster("403", platformbeheerder="200", secretariaat="200", anoniem="login"),
    # Only that council's secretary; the page answers 403 to everyone else, the anonymous included.
    "raadsbesluit vastleggen": rooster("403", raadssecretaris="302"),
    "mijn gemeente": rooster("403", anoniem="login", **dict.fromkeys(RAADSLEDEN, "200")),
    "vraag stellen": rooster("403", anoniem="login", **dict.fromkeys(RAADSLEDEN, "302")),
}


def test_the_page_grid_names_every_action_and_every_role_and_gives_each_a_may_and_a_may_not():
    assert_grid_is_complete(ROOSTER, PAGINAS, ROLLEN)


@pytest.mark.parametrize("actie", list(PAGINAS))
def test_each_role_gets_the_expected_answer_from_the_page_and_a_refusal_writes_nothing(
    client, wereld, admin, actie
):
    status, request = PAGINAS[actie]
    wereld.versie = programma(wereld, tot=status)
    assert_each_role_gets(
        client, users_met_admin(wereld, admin), ROOSTER[actie], lambda user: request(client, wereld, user)
    )


# --- The services -------------------------------------------------------------------------------------------------


def _versie(w):
    return Versie.objects.get(pk=w.versie.pk)


def _vraag(w):
    return services.ask_question(w.versie, tekst="Waarom?", door=w.raadslid)


# service: (the version's status, the call)
SERVICES = {
    "submit_versie": (S.CONCEPT, lambda w, door: services.submit_versie(_versie(w), door=door)),
    "adopt_versie": (
        S.INGEDIEND,
        lambda w, door: services.adopt_versie(_versie(w), besluitdatum=timezone.localdate(), door=door),
    ),
    "send_back": (S.INGEDIEND, lambda w, door: services.send_back(_versie(w), door=door, reden="Te duur.")),
    "route_versie": (S.VASTGESTELD, lambda w, door: services.route_versie(_versie(w), door=door)),
    "record_raadsbesluit": (
        S.VOORGELEGD,
        lambda w, door: services.record_raadsbesluit(
            _uit(w.versie, w), uitkomst=Uitkomst.GOEDGEKEURD, datum_raad=timezone.localdate(), door=door
        ),
    ),
    "ask_question": (
        S.VOORGELEGD,
        lambda w, door: services.ask_question(_versie(w), tekst="Waarom?", door=door),
    ),
    "answer_question": (
        S.VOORGELEGD,
        lambda w, door: services.answer_question(
            Vraag.objects.get(pk=w.vraag.pk), antwoord="Door de groei van het aantal inwoners.", door=door
        ),
    ),
}

MAG = {
    "submit_versie": {"platformbeheerder", "secretariaat"},
    "adopt_versie": {"secretariaat", "voorzitter"},
    "send_back": {"secretariaat", "voorzitter"},
    "route_versie": {"platformbeheerder", "secretariaat"},
    "record_raadsbesluit": {"raadssecretaris"},
    "ask_question": set(RAADSLEDEN),
    "answer_question": {"platformbeheerder", "secretariaat"},
}


def test_the_service_grid_names_every_service():
    assert SERVICES.keys() == MAG.keys()
    assert any("platformbeheerder" in wie for wie in MAG.values())
    assert any("platformbeheerder" not in wie for wie in MAG.values())


@pytest.mark.parametrize("service", list(SERVICES))
def test_each_service_refuses_who_may_not_and_writes_nothing(wereld, admin, service):
    status, call = SERVICES[service]
    wereld.versie = programma(wereld, tot=status)
    wereld.vraag = _vraag(wereld) if service == "answer_question" else None
    users = users_met_admin(wereld, admin)
    for wie in ROLLEN:
        door = users[wie] or AnonymousUser()
        with transaction.atomic():
            voor = ActionLog.objects.count()
            if wie in MAG[service]:
                call(wereld, door)
                assert ActionLog.objects.filter(actor=door).count() > 0, wie
            else:
                with pytest.raises(NotAllowed):
                    call(wereld, door)
                assert ActionLog.objects.count() == voor, wie
            transaction.set_rollback(True)


# --- Recording a council's decision: only that council's secretary ---------------------------------------------


def test_the_platform_administrator_cannot_record_a_councils_decision_but_its_secretary_can(
    client, wereld, admin
):
    versie = programma(wereld, tot=S.VOORGELEGD)
    besluit = _uit(versie, wereld)
    assert admin.is_superuser and admin.has_perm(
        "programmas.record_raadsbesluit", besluit
    )  # guardian's bypass
    assert not permissions.can_record_raadsbesluit(admin, besluit)
    assert not permissions.recordable_raadsbesluiten(admin).exists()

    with pytest.raises(NotAllowed):
        services.record_raadsbesluit(
            besluit, uitkomst=Uitkomst.GOEDGEKEURD, datum_raad=timezone.localdate(), door=admin
        )
    client.force_login(admin)
    page = client.get(besluit.get_absolute_url())
    assert page.status_code == 200 and b'name="uitkomst"' not in page.content
    assert client.post(besluit.get_absolute_url(), _raadsbesluit_data()).status_code == 403
    besluit.refresh_from_db()
    assert besluit.uitkomst == Uitkomst.OPEN
    assert not Registratie.objects.filter(besluit=besluit).exists()

    assert permissions.can_record_raadsbesluit(wereld.raadssecretaris, besluit)
    client.force_login(wereld.raadssecretaris)
    response = client.post(besluit.get_absolute_url(), _raadsbesluit_data())
    assert response.status_code == 302
    besluit.refresh_from_db()
    assert besluit.uitkomst == Uitkomst.GOEDGEKEURD
    assert Registratie.objects.get(besluit=besluit).door == wereld.raadssecretaris
