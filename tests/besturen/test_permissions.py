"""Who may see and do what: roles from memberships, checked through the pages and through the services.

The world (tests/besturen/conftest.py) has two regions, Denderregio (Aalst, Lede) and Drechtsteden (Dordrecht),
and one account per role; see docs/rollen.md for the roles these tests pin down.
"""

import datetime
import io
import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from besturen import permissions, selectors, services
from besturen.models import (
    BestuurSoort,
    Deelname,
    ExternePartij,
    Land,
    Lidmaatschap,
    Orgaan,
    OrgaanGroupObjectPermission,
    OrgaanSoort,
    Persoon,
    Reactie,
    Rechtsvorm,
    RegioGroupObjectPermission,
    Rol,
    Stuk,
    Zichtbaarheid,
)
from besturen.tasks import sync_rollen_dagelijks
from regioportaal.models import ActionLog
from regioportaal.permissions import NotAllowed
from tests.factories import PASSWORD, maak_gebruiker
from tests.wereld import ROLLEN

pytestmark = pytest.mark.django_db

User = get_user_model()
BRUSSEL = ZoneInfo(settings.TIME_ZONE)
NIEUW_WACHTWOORD = "Zonnebloem-Dender-2031"


# --- helpers ----------------------------------------------------------------------------------------------------


def als(client, user):
    """The client logged in as `user` (None: the anonymous public)."""
    if user is not None:
        client.force_login(user)
    return client


def middag(day):
    """Noon in Brussels on `day`: a moment that is `day` in every time zone the portal runs in."""
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=BRUSSEL)


def vandaag():
    return timezone.localdate()


def toestand():
    """Everything a write could touch; a refused request or service must leave it exactly as it was."""
    return {
        "logboek": ActionLog.objects.count(),
        "organen": list(Orgaan.objects.order_by("pk").values_list("pk", "naam", "beschrijving")),
        "deelnames": list(Deelname.objects.order_by("pk").values_list("pk", "einddatum")),
        "lidmaatschappen": list(Lidmaatschap.objects.order_by("pk").values_list("pk", "rol", "einddatum")),
        "personen": Persoon.objects.count(),
        "accounts": list(User.objects.order_by("pk").values_list("pk", "password", "is_active")),
        "groepen": sorted(User.groups.through.objects.values_list("user_id", "group_id")),
        "rechten": (OrgaanGroupObjectPermission.objects.count(), RegioGroupObjectPermission.objects.count()),
        "stukken": Stuk.objects.count(),
        "reacties": Reactie.objects.count(),
        "externe_partijen": ExternePartij.objects.count(),
    }


def assert_status(response, verwacht):
    """`verwacht`: "200", "403", "404", "302" (done, redirected elsewhere than the login) or "login"."""
    if verwacht == "login":
        assert response.status_code == 302, response.status_code
        assert urlsplit(response["Location"]).path == reverse("login")
    elif verwacht == "302":
        assert response.status_code == 302, response.status_code
        assert urlsplit(response["Location"]).path != reverse("login")
    else:
        assert response.status_code == int(verwacht), response.status_code


def kan_stuk_lezen(client, stuk):
    return client.get(stuk.get_absolute_url()).status_code == 200


def leden_url(orgaan):
    return reverse("besturen:leden_beheer", kwargs={"pk": orgaan.pk})


def actie_url(lidmaatschap, actie):
    return reverse("besturen:lidmaatschap_actie", kwargs={"pk": lidmaatschap.pk, "actie": actie})


def beheer_url(regio):
    return reverse("besturen:regio_beheer", kwargs={"slug": regio.slug})


def logboek_url(regio):
    return reverse("besturen:logboek", kwargs={"slug": regio.slug})


def stuk_nieuw_url(orgaan):
    return reverse("besturen:stuk_nieuw", kwargs={"pk": orgaan.pk})


def nieuw_lid(email="nieuw.lid@example.org"):
    return {
        "voornaam": "Nieuw",
        "achternaam": "Lid",
        "email": email,
        "rol": Rol.LID,
        "namens": "",
        "begindatum": vandaag().isoformat(),
    }


# --- 1. The permission grid through the pages -------------------------------------------------------------------

# Each action is one request; the grid gives, per role, what the page must answer.
ACTIES = {
    "regiopagina bekijken": lambda c, w: c.get(w.dender.get_absolute_url()),
    "openbaar stuk bekijken": lambda c, w: c.get(w.stuk_openbaar.get_absolute_url()),
    "regio-stuk bekijken": lambda c, w: c.get(w.stuk_regio.get_absolute_url()),
    "orgaan-stuk bekijken": lambda c, w: c.get(w.stuk_orgaan.get_absolute_url()),
    "reageren op openbaar stuk": lambda c, w: c.post(w.stuk_openbaar.get_absolute_url(), {"tekst": "Goed."}),
    "reageren op regio-stuk": lambda c, w: c.post(w.stuk_regio.get_absolute_url(), {"tekst": "Akkoord."}),
    "reageren op orgaan-stuk": lambda c, w: c.post(w.stuk_orgaan.get_absolute_url(), {"tekst": "Akkoord."}),
    "regiobeheer openen": lambda c, w: c.get(beheer_url(w.dender)),
    "orgaan toevoegen": lambda c, w: c.post(
        beheer_url(w.dender), {"naam": "Werkgroep Mobiliteit", "soort": OrgaanSoort.WERKGROEP}
    ),
    "ledenbeheer DBO openen": lambda c, w: c.get(leden_url(w.dbo)),
    "lid toevoegen aan DBO": lambda c, w: c.post(leden_url(w.dbo), nieuw_lid()),
    "rol wijzigen in DBO": lambda c, w: c.post(
        actie_url(w.lidmaatschap, "rol"), {"rol": Rol.ONDERVOORZITTER}
    ),
    "lidmaatschap DBO beeindigen": lambda c, w: c.post(
        actie_url(w.lidmaatschap, "beeindigen"), {"einddatum": vandaag().isoformat(), "reden": "verhuisd"}
    ),
    "uitnodigen voor DBO": lambda c, w: c.post(actie_url(w.lidmaatschap_zonder_account, "uitnodigen")),
    "externe partij registreren bij DBO": lambda c, w: c.post(
        reverse("besturen:externe_partij_nieuw", args=[w.dbo.pk]),
        {"partij-naam": "Voka Oost-Vlaanderen", "partij-soort": "ondernemers"},
    ),
    "logboek openen": lambda c, w: c.get(logboek_url(w.dender)),
    "stuk delen (formulier)": lambda c, w: c.get(stuk_nieuw_url(w.dbo)),
    "stuk delen": lambda c, w: c.post(
        stuk_nieuw_url(w.dbo), {"titel": "Agenda", "tekst": "", "zichtbaarheid": Zichtbaarheid.ORGAAN}
    ),
    "ledenbeheer raad Aalst openen": lambda c, w: c.get(leden_url(w.raad_aalst)),
    "lid toevoegen aan raad Aalst": lambda c, w: c.post(leden_url(w.raad_aalst), nieuw_lid()),
    "rol wijzigen in raad Aalst": lambda c, w: c.post(
        actie_url(w.lidmaatschap_raad_aalst, "rol"), {"rol": Rol.VOORZITTER}
    ),
    "ledenbeheer raad Lede openen": lambda c, w: c.get(leden_url(w.raad_lede)),
    "rol wijzigen in raad Lede": lambda c, w: c.post(
        actie_url(w.lidmaatschap_raad_lede, "rol"), {"rol": Rol.VOORZITTER}
    ),
    "regiobeheer Drechtsteden openen": lambda c, w: c.get(beheer_url(w.drecht)),
    "orgaan-stuk Drechtsteden bekijken": lambda c, w: c.get(w.stuk_drecht.get_absolute_url()),
}


def rooster(standaard, **per_rol):
    return {rol: per_rol.get(rol, standaard) for rol in ROLLEN}


DBO_LEDEN = {"platformbeheerder": "200", "secretariaat": "200", "voorzitter": "200", "lid": "200"}
# The platform administrator reads every item but does not take part in a body's discussion (docs/rollen.md).
DBO_REAGEREN = {"platformbeheerder": "403", "secretariaat": "302", "voorzitter": "302", "lid": "302"}
RADEN_VAN_DENDER = {"raadssecretaris": "200", "raadslid": "200"}
SECRETARIAAT_KIJKT = {"platformbeheerder": "200", "secretariaat": "200", "anoniem": "login"}
SECRETARIAAT_DOET = {"platformbeheerder": "302", "secretariaat": "302", "anoniem": "login"}

ROOSTER = {
    "regiopagina bekijken": rooster("200"),
    "openbaar stuk bekijken": rooster("200"),
    "regio-stuk bekijken": rooster("404", **DBO_LEDEN, **RADEN_VAN_DENDER),
    "orgaan-stuk bekijken": rooster("404", **DBO_LEDEN),
    "reageren op openbaar stuk": rooster("403", **DBO_REAGEREN),
    "reageren op regio-stuk": rooster("404", **DBO_REAGEREN, raadssecretaris="403", raadslid="403"),
    "reageren op orgaan-stuk": rooster("404", **DBO_REAGEREN),
    "regiobeheer openen": rooster("403", **SECRETARIAAT_KIJKT),
    "orgaan toevoegen": rooster("403", **SECRETARIAAT_DOET),
    "ledenbeheer DBO openen": rooster("403", **SECRETARIAAT_KIJKT),
    "lid toevoegen aan DBO": rooster("403", **SECRETARIAAT_DOET),
    "rol wijzigen in DBO": rooster("403", **SECRETARIAAT_DOET),
    "lidmaatschap DBO beeindigen": rooster("403", **SECRETARIAAT_DOET),
    "uitnodigen voor DBO": rooster("403", **SECRETARIAAT_DOET),
    "externe partij registreren bij DBO": rooster("403", **SECRETARIAAT_DOET),
    "logboek openen": rooster("403", **SECRETARIAAT_KIJKT),
    "stuk delen (formulier)": rooster("403", **SECRETARIAAT_KIJKT),
    "stuk delen": rooster("403", **SECRETARIAAT_DOET),
    "ledenbeheer raad Aalst openen": rooster(
        "403", platformbeheerder="200", raadssecretaris="200", anoniem="login"
    ),
    "lid toevoegen aan raad Aalst": rooster(
        "403", platformbeheerder="302", raadssecretaris="302", anoniem="login"
    ),
    "rol wijzigen in raad Aalst": rooster(
        "403", platformbeheerder="302", raadssecretaris="302", anoniem="login"
    ),
    "ledenbeheer raad Lede openen": rooster("403", platformbeheerder="200", anoniem="login"),
    "rol wijzigen in raad Lede": rooster("403", platformbeheerder="302", anoniem="login"),
    "regiobeheer Drechtsteden openen": rooster(
        "403", platformbeheerder="200", secretariaat_drecht="200", anoniem="login"
    ),
    "orgaan-stuk Drechtsteden bekijken": rooster("404", platformbeheerder="200", secretariaat_drecht="200"),
}

GEVALLEN = [
    pytest.param(rol, actie, verwacht, id=f"{actie}-{rol}")
    for actie, per_rol in ROOSTER.items()
    for rol, verwacht in per_rol.items()
]


def test_grid_covers_every_action_and_gives_every_role_a_may_and_a_may_not():
    assert ROOSTER.keys() == ACTIES.keys()
    for rol in ROLLEN:
        uitkomsten = {per_rol[rol] for per_rol in ROOSTER.values()}
        assert uitkomsten & {"200", "302"}, f"{rol} mag niets"
        assert uitkomsten & {"403", "404", "login"}, f"{rol} mag alles"


@pytest.mark.parametrize(("rol", "actie", "verwacht"), GEVALLEN)
def test_role_gets_the_expected_answer_and_a_refusal_changes_nothing(client, wereld, rol, actie, verwacht):
    als(client, wereld.users[rol])
    voor = toestand()
    response = ACTIES[actie](client, wereld)
    assert_status(response, verwacht)
    if verwacht == "302":
        assert toestand() != voor, "a permitted action should have written something"
    else:
        assert toestand() == voor


def test_council_secretary_manages_own_council_members(client, wereld):
    als(client, wereld.raadssecretaris)
    response = client.post(leden_url(wereld.raad_aalst), nieuw_lid("nieuw.raadslid@example.org"))
    assert_status(response, "302")
    lid = Lidmaatschap.objects.get(persoon__email="nieuw.raadslid@example.org")
    assert lid.orgaan == wereld.raad_aalst
    assert client.get(leden_url(wereld.raad_aalst)).status_code == 200


def test_council_secretary_cannot_manage_other_councils_members(client, wereld):
    als(client, wereld.raadssecretaris)
    voor = toestand()
    assert client.get(leden_url(wereld.raad_lede)).status_code == 403
    assert client.post(leden_url(wereld.raad_lede), nieuw_lid()).status_code == 403
    assert client.post(actie_url(wereld.lidmaatschap_raad_lede, "beeindigen"), {}).status_code == 403
    assert client.post(actie_url(wereld.lidmaatschap_raad_lede, "uitnodigen")).status_code == 403
    assert toestand() == voor


def test_council_secretary_cannot_manage_a_regional_bodys_members(client, wereld):
    als(client, wereld.raadssecretaris)
    voor = toestand()
    assert client.get(leden_url(wereld.dbo)).status_code == 403
    assert client.post(leden_url(wereld.dbo), nieuw_lid()).status_code == 403
    assert client.post(actie_url(wereld.lidmaatschap, "rol"), {"rol": Rol.SECRETARIS}).status_code == 403
    assert client.get(beheer_url(wereld.dender)).status_code == 403
    assert toestand() == voor


def test_regional_secretariat_does_not_manage_a_member_councils_members(client, wereld):
    als(client, wereld.secretariaat)
    voor = toestand()
    assert client.get(leden_url(wereld.raad_aalst)).status_code == 403
    assert client.post(actie_url(wereld.lidmaatschap_raad_aalst, "rol"), {"rol": Rol.LID}).status_code == 403
    assert toestand() == voor


def test_a_waarnemer_reads_the_body_but_cannot_comment(client, wereld):
    waarnemer = maak_gebruiker(wereld.dbo, Rol.WAARNEMER, "Wim", "Waarnemer")
    als(client, waarnemer)
    assert client.get(wereld.stuk_orgaan.get_absolute_url()).status_code == 200
    voor = toestand()
    assert client.post(wereld.stuk_orgaan.get_absolute_url(), {"tekst": "Mag ik?"}).status_code == 403
    assert toestand() == voor


def test_the_body_page_offers_management_links_only_to_who_may_manage(client, wereld):
    beheren = stuk_nieuw_url(wereld.dbo)
    assert beheren in als(client, wereld.secretariaat).get(wereld.dbo.get_absolute_url()).content.decode()
    assert beheren not in als(client, wereld.voorzitter).get(wereld.dbo.get_absolute_url()).content.decode()


def test_the_platform_administrator_reads_an_item_but_is_offered_no_comment_form(client, wereld):
    content = als(client, wereld.admin).get(wereld.stuk_orgaan.get_absolute_url()).content.decode()
    assert "Vertrouwelijke nota DBO" in content
    assert 'name="tekst"' not in content
    assert (
        'name="tekst"' in als(client, wereld.lid).get(wereld.stuk_orgaan.get_absolute_url()).content.decode()
    )


def test_only_x_checks_give_the_platform_administrator_nothing_and_the_office_holders_what_they_hold(wereld):
    """has_perm passes every superuser; the checks behind the rules that say "only X" do not."""
    admin, dbo, raad = wereld.admin, wereld.dbo, wereld.raad_aalst
    assert admin.has_perm("besturen.manage_regio", wereld.dender)  # what guardian answers for a superuser
    assert permissions.can_manage_orgaan(admin, dbo) and permissions.can_manage_orgaan(admin, raad)
    assert permissions.can_view_besloten_regio(admin, wereld.drecht)
    assert not permissions.holds_perm(admin, "besturen.manage_regio", wereld.dender)
    assert not permissions.is_regio_secretariaat(admin, wereld.dender)
    assert not permissions.is_secretariaat(admin, dbo) and not permissions.is_secretariaat(admin, raad)
    assert not permissions.is_lid_of_secretariaat(admin, dbo)
    assert not permissions.heeft_rol_in_regio(admin, wereld.dender)
    assert not permissions.can_comment_stuk(admin, wereld.stuk_orgaan)

    assert permissions.is_secretariaat(wereld.secretariaat, dbo)
    assert not permissions.is_secretariaat(wereld.secretariaat, raad)
    assert permissions.is_secretariaat(wereld.raadssecretaris, raad)
    assert not permissions.is_secretariaat(wereld.raadssecretaris, dbo)
    assert permissions.is_lid_of_secretariaat(wereld.lid, dbo)
    assert not permissions.is_lid_of_secretariaat(wereld.raadslid, dbo)
    assert permissions.heeft_rol_in_regio(wereld.raadslid, wereld.dender)
    assert not permissions.heeft_rol_in_regio(wereld.raadslid, wereld.drecht)
    assert not permissions.heeft_rol_in_regio(wereld.buitenstaander, wereld.dender)
    assert not permissions.holds_perm(AnonymousUser(), "besturen.manage_regio", wereld.dender)


# --- 2. The same grid through the services ----------------------------------------------------------------------


def _regio(w, door):
    services.create_regio(
        door=door, naam="Kempen", slug="kempen", land=Land.BELGIE, rechtsvorm=Rechtsvorm.PROJECTVERENIGING
    )


def _bestuur(w, door):
    services.create_bestuur(
        door=door, soort=BestuurSoort.GEMEENTE, naam="Ninove", code="41048", land=Land.BELGIE
    )


def _raad(w, door):
    services.create_orgaan(
        door=door, soort=OrgaanSoort.RAAD_MAATSCHAPPELIJK_WELZIJN, naam="Raad MW Lede", bestuur=w.lede
    )


def _lidmaatschap(orgaan):
    def call(w, door):
        services.add_lidmaatschap(
            persoon=w.buitenstaander.persoon, orgaan=orgaan(w), rol=Rol.LID, begindatum=vandaag(), door=door
        )

    return call


SERVICES = {
    "create_regio": _regio,
    "update_regio": lambda w, door: services.update_regio(w.dender, beschrijving="Nieuw", door=door),
    "create_bestuur": _bestuur,
    "add_deelname": lambda w, door: services.add_deelname(w.drecht, w.lede, begindatum=vandaag(), door=door),
    "end_deelname": lambda w, door: services.end_deelname(
        Deelname.objects.get(bestuur=w.lede), einddatum=vandaag(), door=door
    ),
    "create_orgaan (regio)": lambda w, door: services.create_orgaan(
        door=door, soort=OrgaanSoort.WERKGROEP, naam="Werkgroep Zorg", regio=w.dender
    ),
    "create_orgaan (raad)": _raad,
    "update_orgaan": lambda w, door: services.update_orgaan(w.dbo, beschrijving="Overleg", door=door),
    "add_lidmaatschap (DBO)": _lidmaatschap(lambda w: w.dbo),
    "add_lidmaatschap (raad Aalst)": _lidmaatschap(lambda w: w.raad_aalst),
    "change_rol (DBO)": lambda w, door: services.change_rol(w.lidmaatschap, rol=Rol.VOORZITTER, door=door),
    "change_rol (raad Aalst)": lambda w, door: services.change_rol(
        w.lidmaatschap_raad_aalst, rol=Rol.VOORZITTER, door=door
    ),
    "end_lidmaatschap (DBO)": lambda w, door: services.end_lidmaatschap(
        w.lidmaatschap, einddatum=vandaag(), door=door
    ),
    "invite_persoon": lambda w, door: services.invite_persoon(w.zonder_account, door=door),
    "create_externe_partij": lambda w, door: services.create_externe_partij(
        w.dbo, naam="Voka Oost-Vlaanderen", soort="ondernemers", door=door
    ),
    "add_member": lambda w, door: services.add_member(
        w.dbo,
        voornaam="Nieuw",
        achternaam="Lid",
        email="nieuw.lid@example.org",
        rol=Rol.LID,
        begindatum=vandaag(),
        door=door,
    ),
    "add_stuk": lambda w, door: services.add_stuk(w.dbo, titel="Agenda", door=door),
    "add_reactie (orgaan-stuk)": lambda w, door: services.add_reactie(w.stuk_orgaan, tekst="Ok", door=door),
    "add_reactie (regio-stuk)": lambda w, door: services.add_reactie(w.stuk_regio, tekst="Ok", door=door),
}

ALLEEN_PLATFORM = ({"platformbeheerder"}, "Alleen een platformbeheerder mag dit")
SECRETARIAAT = ({"platformbeheerder", "secretariaat"}, "U mag")
MAG = {
    "create_regio": ALLEEN_PLATFORM,
    "update_regio": ({"platformbeheerder", "secretariaat"}, "U mag Denderregio niet beheren"),
    "create_bestuur": ALLEEN_PLATFORM,
    "add_deelname": ALLEEN_PLATFORM,
    "end_deelname": ALLEEN_PLATFORM,
    "create_orgaan (regio)": ({"platformbeheerder", "secretariaat"}, "U mag Denderregio niet beheren"),
    "create_orgaan (raad)": ALLEEN_PLATFORM,
    "update_orgaan": (
        {"platformbeheerder", "secretariaat"},
        "U mag de leden van Burgemeestersoverleg Denderregio niet beheren",
    ),
    "add_lidmaatschap (DBO)": (
        {"platformbeheerder", "secretariaat"},
        "U mag de leden van Burgemeestersoverleg Denderregio niet beheren",
    ),
    "add_lidmaatschap (raad Aalst)": (
        {"platformbeheerder", "raadssecretaris"},
        "U mag de leden van Gemeenteraad Aalst niet beheren",
    ),
    "change_rol (DBO)": SECRETARIAAT,
    "change_rol (raad Aalst)": ({"platformbeheerder", "raadssecretaris"}, "U mag de leden van Gemeenteraad"),
    "end_lidmaatschap (DBO)": SECRETARIAAT,
    "invite_persoon": ({"platformbeheerder", "secretariaat"}, "U mag Nina Nieuw niet uitnodigen"),
    "create_externe_partij": (
        {"platformbeheerder", "secretariaat"},
        "U mag de leden van Burgemeestersoverleg Denderregio niet beheren",
    ),
    "add_member": SECRETARIAAT,
    "add_stuk": (
        {"platformbeheerder", "secretariaat"},
        "U mag geen stukken toevoegen aan Burgemeestersoverleg Denderregio",
    ),
    "add_reactie (orgaan-stuk)": ({"secretariaat", "voorzitter", "lid"}, "U mag niet reageren op dit stuk"),
    "add_reactie (regio-stuk)": ({"secretariaat", "voorzitter", "lid"}, "U mag niet reageren op dit stuk"),
}

SERVICE_GEVALLEN = [
    pytest.param(service, rol, rol in MAG[service][0], id=f"{service}-{rol}")
    for service in SERVICES
    for rol in ROLLEN
]


def test_service_grid_names_every_service_and_gives_every_role_a_may_not():
    assert SERVICES.keys() == MAG.keys()
    for rol in ROLLEN:
        assert any(rol not in wie for wie, _melding in MAG.values()), f"{rol} mag alles"


@pytest.mark.parametrize(("service", "rol", "mag"), SERVICE_GEVALLEN)
def test_service_refuses_who_may_not_and_writes_nothing(wereld, service, rol, mag):
    door = wereld.users[rol] or AnonymousUser()
    voor = toestand()
    if mag:
        SERVICES[service](wereld, door)
        assert ActionLog.objects.filter(actor=door).count() > 0
    else:
        with pytest.raises(NotAllowed, match=re.escape(MAG[service][1])):
            SERVICES[service](wereld, door)
        assert toestand() == voor


@pytest.mark.parametrize("rol", [r for r in ROLLEN if r != "platformbeheerder"])
def test_no_one_but_a_platform_administrator_may_create_another(wereld, rol):
    door = wereld.users[rol] or AnonymousUser()
    voor = toestand()
    with pytest.raises(NotAllowed, match="Alleen een platformbeheerder mag dit."):
        services.create_platform_admin(email="indringer@example.org", password=PASSWORD, door=door)
    assert toestand() == voor
    assert not User.objects.filter(email="indringer@example.org").exists()


def test_a_platform_administrator_creates_another_who_can_then_log_in_as_one(wereld, client):
    nieuw = services.create_platform_admin(email="collega@example.org", password=PASSWORD, door=wereld.admin)
    assert (nieuw.email, nieuw.is_superuser, nieuw.is_active) == ("collega@example.org", True, True)
    assert permissions.is_platform_admin(nieuw)
    assert client.login(username="collega@example.org", password=PASSWORD)
    entry = ActionLog.objects.get(actie="platformbeheerder aangemaakt", object_id=str(nieuw.pk))
    assert entry.actor == wereld.admin


def test_the_system_actor_may_do_everything(wereld):
    """Management commands, the demo and Celery act with door=None; the world itself is built that way."""
    services.add_stuk(wereld.dbo_drecht, titel="Door het systeem", door=None)
    services.end_lidmaatschap(wereld.lidmaatschap_drecht, einddatum=vandaag(), door=None)
    assert ActionLog.objects.filter(actor=None, actie="rol ingetrokken").exists()


# --- 3. A region's secretariat stays out of other regions --------------------------------------------------------

BUITEN_DE_REGIO = [
    ("regiobeheer", "get", lambda w: beheer_url(w.drecht), None, 403),
    ("orgaan toevoegen", "post", lambda w: beheer_url(w.drecht), {"naam": "X", "soort": "werkgroep"}, 403),
    ("ledenbeheer", "get", lambda w: leden_url(w.dbo_drecht), None, 403),
    ("lid toevoegen", "post", lambda w: leden_url(w.dbo_drecht), nieuw_lid(), 403),
    ("rol wijzigen", "post", lambda w: actie_url(w.lidmaatschap_drecht, "rol"), {"rol": "lid"}, 403),
    ("beeindigen", "post", lambda w: actie_url(w.lidmaatschap_drecht, "beeindigen"), {}, 403),
    ("uitnodigen", "post", lambda w: actie_url(w.lidmaatschap_drecht, "uitnodigen"), {}, 403),
    ("stuk", "get", lambda w: w.stuk_drecht.get_absolute_url(), None, 404),
    ("reageren", "post", lambda w: w.stuk_drecht.get_absolute_url(), {"tekst": "Hallo"}, 404),
    ("stuk delen", "get", lambda w: stuk_nieuw_url(w.dbo_drecht), None, 403),
    (
        "stuk delen",
        "post",
        lambda w: stuk_nieuw_url(w.dbo_drecht),
        {"titel": "X", "zichtbaarheid": "orgaan"},
        403,
    ),
    ("logboek", "get", lambda w: logboek_url(w.drecht), None, 403),
    ("regio kiezen", "get", lambda w: reverse("besturen:regio_kiezen") + "?regio=drechtsteden", None, 404),
]


@pytest.mark.parametrize("htmx", [False, True], ids=["pagina", "htmx"])
@pytest.mark.parametrize(
    ("naam", "methode", "url", "data", "verwacht"),
    BUITEN_DE_REGIO,
    ids=[f"{naam}-{methode}" for naam, methode, *_ in BUITEN_DE_REGIO],
)
def test_dender_secretariat_cannot_see_or_change_anything_of_drechtsteden(
    client, wereld, naam, methode, url, data, verwacht, htmx
):
    als(client, wereld.secretariaat)
    headers = {"HX-Request": "true"} if htmx else {}
    voor = toestand()
    response = getattr(client, methode)(url(wereld), data or {}, headers=headers)
    assert response.status_code == verwacht
    assert "Drechtsteden" not in response.content.decode()
    assert toestand() == voor


def test_dender_secretariat_is_sent_to_the_admin_login_not_into_the_admin(client, wereld):
    response = als(client, wereld.secretariaat).get("/admin/")
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("admin:login")
    assert client.get(reverse("admin:besturen_regio_changelist")).status_code == 302


def test_drechtsteden_pages_do_not_leak_into_dender_secretariat_lists(client, wereld):
    als(client, wereld.secretariaat)
    assert (
        "Vertrouwelijke nota Drechtsteden"
        not in client.get(wereld.dbo_drecht.get_absolute_url()).content.decode()
    )
    logboek = client.get(logboek_url(wereld.dender)).content.decode()
    assert "Regiobestuur Drechtsteden" not in logboek


# --- 4. Ending a membership or changing its role takes effect at once ----------------------------------------------


def test_ending_a_membership_today_removes_the_rights_at_once(client, wereld):
    als(client, wereld.lid)
    assert kan_stuk_lezen(client, wereld.stuk_orgaan)
    assert kan_stuk_lezen(client, wereld.stuk_regio)
    services.end_lidmaatschap(wereld.lidmaatschap, einddatum=vandaag(), door=wereld.secretariaat)
    assert client.get(wereld.stuk_orgaan.get_absolute_url()).status_code == 404
    assert client.get(wereld.stuk_regio.get_absolute_url()).status_code == 404
    assert kan_stuk_lezen(client, wereld.stuk_openbaar)


def test_ending_the_secretariats_membership_removes_management_at_once(client, wereld):
    als(client, wereld.secretariaat)
    assert client.get(leden_url(wereld.dbo)).status_code == 200
    assert kan_stuk_lezen(client, wereld.stuk_orgaan)
    lidmaatschap = wereld.secretariaat.persoon.lidmaatschappen.get()
    services.end_lidmaatschap(lidmaatschap, einddatum=vandaag(), door=wereld.admin)
    assert client.get(leden_url(wereld.dbo)).status_code == 403
    assert client.get(beheer_url(wereld.dender)).status_code == 403
    assert client.get(wereld.stuk_orgaan.get_absolute_url()).status_code == 404


def test_ending_a_membership_in_the_future_keeps_the_rights_until_then(client, wereld):
    als(client, wereld.lid)
    morgen = vandaag() + datetime.timedelta(days=1)
    services.end_lidmaatschap(wereld.lidmaatschap, einddatum=morgen, door=wereld.secretariaat)
    assert kan_stuk_lezen(client, wereld.stuk_orgaan)


def test_changing_role_from_secretary_to_member_removes_management_at_once(client, wereld):
    als(client, wereld.secretariaat)
    assert client.get(beheer_url(wereld.dender)).status_code == 200
    lidmaatschap = wereld.secretariaat.persoon.lidmaatschappen.get()
    services.change_rol(lidmaatschap, rol=Rol.LID, door=wereld.admin)
    assert client.get(beheer_url(wereld.dender)).status_code == 403
    assert client.get(leden_url(wereld.dbo)).status_code == 403
    assert client.get(logboek_url(wereld.dender)).status_code == 403
    assert kan_stuk_lezen(client, wereld.stuk_orgaan)  # still a member of the body


def test_changing_role_from_member_to_secretary_grants_management_at_once(client, wereld):
    als(client, wereld.lid)
    assert client.get(beheer_url(wereld.dender)).status_code == 403
    services.change_rol(wereld.lidmaatschap, rol=Rol.SECRETARIS, door=wereld.secretariaat)
    assert client.get(beheer_url(wereld.dender)).status_code == 200


def test_council_member_loses_the_regions_items_when_the_municipality_leaves(client, wereld):
    als(client, wereld.raadslid)
    assert kan_stuk_lezen(client, wereld.stuk_regio)
    deelname = Deelname.objects.get(regio=wereld.dender, bestuur=wereld.aalst)
    services.end_deelname(deelname, einddatum=vandaag(), door=wereld.admin)
    assert client.get(wereld.stuk_regio.get_absolute_url()).status_code == 404


def test_councils_of_a_municipality_joining_later_read_the_regions_items_only_from_its_start_date(
    client, wereld
):
    services.add_deelname(
        wereld.drecht, wereld.lede, begindatum=vandaag() + datetime.timedelta(days=30), door=wereld.admin
    )
    stuk = services.add_stuk(
        wereld.dbo_drecht, titel="Voor de raden", zichtbaarheid=Zichtbaarheid.REGIO, door=None
    )
    als(client, wereld.raadslid_lede)
    assert client.get(stuk.get_absolute_url()).status_code == 404


# --- 5. Memberships with dates in the future: the daily reconcile ------------------------------------------------

DAG = datetime.date(2031, 3, 3)


def _reconcile_service():
    services.sync_rollen()


def _reconcile_command():
    uit = io.StringIO()
    call_command("sync_rollen", stdout=uit)
    assert uit.getvalue().startswith("Rollen bijgewerkt:")


def _reconcile_celery():
    sync_rollen_dagelijks.delay()


RECONCILES = [
    pytest.param(_reconcile_service, id="service"),
    pytest.param(_reconcile_command, id="command"),
    pytest.param(_reconcile_celery, id="celery"),
]


@pytest.mark.parametrize("reconcile", RECONCILES)
def test_future_membership_grants_rights_only_from_its_start_date(client, wereld, reconcile):
    start = DAG + datetime.timedelta(days=10)
    persoon = wereld.buitenstaander.persoon
    with time_machine.travel(middag(DAG), tick=False) as reis:
        services.add_lidmaatschap(
            persoon=persoon, orgaan=wereld.dbo, rol=Rol.LID, begindatum=start, door=wereld.secretariaat
        )
        als(client, wereld.buitenstaander)
        assert client.get(wereld.stuk_orgaan.get_absolute_url()).status_code == 404

        reis.move_to(middag(start - datetime.timedelta(days=1)))
        reconcile()
        assert client.get(wereld.stuk_orgaan.get_absolute_url()).status_code == 404

        reis.move_to(middag(start))
        reconcile()
        assert client.get(wereld.stuk_orgaan.get_absolute_url()).status_code == 200
        assert (
            client.post(wereld.stuk_orgaan.get_absolute_url(), {"tekst": "Dag allemaal"}).status_code == 302
        )


@pytest.mark.parametrize("reconcile", RECONCILES)
def test_membership_ending_on_a_date_loses_rights_on_that_date_after_the_reconcile(client, wereld, reconcile):
    einde = DAG + datetime.timedelta(days=5)
    with time_machine.travel(middag(DAG), tick=False) as reis:
        services.end_lidmaatschap(wereld.lidmaatschap, einddatum=einde, door=wereld.secretariaat)
        als(client, wereld.lid)
        assert kan_stuk_lezen(client, wereld.stuk_orgaan)

        reis.move_to(middag(einde - datetime.timedelta(days=1)))
        reconcile()
        assert kan_stuk_lezen(client, wereld.stuk_orgaan)

        reis.move_to(middag(einde))
        reconcile()
        assert client.get(wereld.stuk_orgaan.get_absolute_url()).status_code == 404


def test_councils_lose_the_regions_items_on_the_date_their_municipality_leaves(client, wereld):
    einde = DAG + datetime.timedelta(days=3)
    deelname = Deelname.objects.get(regio=wereld.dender, bestuur=wereld.aalst)
    with time_machine.travel(middag(DAG), tick=False) as reis:
        services.end_deelname(deelname, einddatum=einde, door=wereld.admin)
        reis.move_to(middag(einde))
        sync_rollen_dagelijks.delay()  # what Celery beat runs each night
        als(client, wereld.raadslid)
        assert client.get(wereld.stuk_regio.get_absolute_url()).status_code == 404


def test_reconcile_logs_what_it_changed_and_a_second_run_changes_nothing(wereld):
    einde = DAG + datetime.timedelta(days=5)
    services.end_lidmaatschap(wereld.lidmaatschap, einddatum=einde, door=wereld.secretariaat)
    with time_machine.travel(middag(einde), tick=False):
        assert services.sync_rollen() == (0, 1)
        assert services.sync_rollen() == (0, 0)
    entry = ActionLog.objects.get(actie="rol ingetrokken", object_id=str(wereld.lid.pk))
    assert entry.actor is None
    assert entry.wijzigingen == {"groep": f"orgaan:{wereld.dbo.pk}:lid"}


def test_membership_without_an_account_gives_no_rights_and_breaks_nothing(client, wereld):
    groepen_voor = User.groups.through.objects.count()
    persoon = services.create_persoon(door=None, voornaam="Zonder", achternaam="Account", email="")
    services.add_lidmaatschap(
        persoon=persoon, orgaan=wereld.dbo, rol=Rol.SECRETARIS, begindatum=vandaag(), door=wereld.secretariaat
    )
    assert services.sync_rollen() == (0, 0)
    call_command("sync_rollen", stdout=io.StringIO())
    assert User.groups.through.objects.count() == groepen_voor
    assert "Zonder Account" in client.get(wereld.dbo.get_absolute_url()).content.decode()


# --- 6. Every permission change is in the action log -------------------------------------------------------------


def test_adding_a_membership_logs_the_role_granted_with_group_and_reason(wereld):
    services.add_lidmaatschap(
        persoon=wereld.buitenstaander.persoon,
        orgaan=wereld.dbo,
        rol=Rol.LID,
        begindatum=vandaag(),
        door=wereld.secretariaat,
        reden="aangeduid door de gemeenteraad",
    )
    entry = ActionLog.objects.get(actie="rol toegekend", object_id=str(wereld.buitenstaander.pk))
    assert entry.actor == wereld.secretariaat
    assert entry.wijzigingen == {"groep": f"orgaan:{wereld.dbo.pk}:lid"}
    assert entry.reden == "aangeduid door de gemeenteraad"
    assert entry.scope == f"regio:{wereld.dender.pk}"


def test_ending_a_membership_logs_the_role_withdrawn(wereld):
    services.end_lidmaatschap(wereld.lidmaatschap, einddatum=vandaag(), door=wereld.secretariaat)
    entry = ActionLog.objects.get(actie="rol ingetrokken", object_id=str(wereld.lid.pk))
    assert entry.actor == wereld.secretariaat
    assert entry.wijzigingen == {"groep": f"orgaan:{wereld.dbo.pk}:lid"}
    assert entry.reden == "lidmaatschap beëindigd"
    assert entry.scope == f"regio:{wereld.dender.pk}"


def test_changing_a_role_logs_both_the_withdrawal_and_the_grant(wereld):
    services.change_rol(wereld.lidmaatschap, rol=Rol.VOORZITTER, door=wereld.secretariaat, reden="verkozen")
    entries = ActionLog.objects.filter(
        object_id=str(wereld.lid.pk), actie__startswith="rol ", reden="verkozen"
    )
    assert {(e.actie, e.wijzigingen["groep"]) for e in entries} == {
        ("rol ingetrokken", f"orgaan:{wereld.dbo.pk}:lid"),
        ("rol toegekend", f"orgaan:{wereld.dbo.pk}:voorzitter"),
    }


def test_creating_a_regional_body_logs_each_permission_granted_in_the_regions_scope(wereld):
    orgaan = services.create_orgaan(
        door=wereld.secretariaat, soort=OrgaanSoort.WERKGROEP, naam="Werkgroep Wonen", regio=wereld.dender
    )
    entries = ActionLog.objects.filter(actie="recht toegekend", actor=wereld.secretariaat)
    assert {e.wijzigingen["recht"] for e in entries} == {
        "besturen.view_besloten_orgaan",
        "besturen.comment_orgaan",
        "besturen.view_besloten_regio",
        "besturen.manage_regio",
    }
    assert {e.scope for e in entries} == {f"regio:{wereld.dender.pk}"}
    assert {e.reden for e in entries} == {"nieuw orgaan"}
    manage = entries.get(wijzigingen__recht="besturen.manage_regio")
    assert manage.wijzigingen["groepen"] == [f"orgaan:{orgaan.pk}:secretaris"]


def test_the_regions_logboek_shows_the_permission_changes_to_the_secretariat(client, wereld):
    services.add_lidmaatschap(
        persoon=wereld.buitenstaander.persoon,
        orgaan=wereld.dbo,
        rol=Rol.LID,
        begindatum=vandaag(),
        door=wereld.secretariaat,
        reden="aangeduid door de gemeenteraad",
    )
    services.create_orgaan(
        door=wereld.secretariaat, soort=OrgaanSoort.WERKGROEP, naam="Werkgroep Wonen", regio=wereld.dender
    )
    content = als(client, wereld.secretariaat).get(logboek_url(wereld.dender)).content.decode()
    assert "Sara Secretaris heeft" in content and "een rol gegeven" in content  # the log reads as sentences
    assert "aangeduid door de gemeenteraad" in content
    assert "een recht op" in content
    assert "Regiobestuur Drechtsteden" not in content


# --- 7. Lists: what each role sees, and what it costs -----------------------------------------------------------

ZICHTBAAR = {
    "platformbeheerder": {"stuk_openbaar", "stuk_regio", "stuk_orgaan", "stuk_drecht"},
    "secretariaat": {"stuk_openbaar", "stuk_regio", "stuk_orgaan"},
    "voorzitter": {"stuk_openbaar", "stuk_regio", "stuk_orgaan"},
    "lid": {"stuk_openbaar", "stuk_regio", "stuk_orgaan"},
    "raadssecretaris": {"stuk_openbaar", "stuk_regio"},
    "raadslid": {"stuk_openbaar", "stuk_regio"},
    "secretariaat_drecht": {"stuk_openbaar", "stuk_drecht"},
    "buitenstaander": {"stuk_openbaar"},
    "anoniem": {"stuk_openbaar"},
}


@pytest.mark.parametrize("rol", ROLLEN)
def test_visible_to_returns_exactly_the_items_of_the_role_and_the_body_page_agrees(client, wereld, rol):
    user = wereld.users[rol] or AnonymousUser()
    verwacht = {getattr(wereld, naam).pk for naam in ZICHTBAAR[rol]}
    assert set(selectors.stukken_visible_to(user).values_list("pk", flat=True)) == verwacht
    for pk in verwacht:
        assert permissions.can_view_stuk(user, Stuk.objects.get(pk=pk))

    content = als(client, wereld.users[rol]).get(wereld.dbo.get_absolute_url()).content.decode()
    op_pagina = set(map(int, re.findall(r'href="/stuk/(\d+)/"', content)))
    assert op_pagina == set(
        selectors.stukken_visible_to(user).filter(orgaan=wereld.dbo).values_list("pk", flat=True)
    )


# Measured for a member (SQLite and PostgreSQL alike, warm): 11 queries, whatever the number of items; one spare.
BODY_PAGE_MAX = 12


def _stukken(orgaan, aantal, begin=0):
    soorten = [Zichtbaarheid.OPENBAAR, Zichtbaarheid.REGIO, Zichtbaarheid.ORGAAN]
    Stuk.objects.bulk_create(
        Stuk(orgaan=orgaan, titel=f"Stuk {begin + i}", zichtbaarheid=soorten[i % 3]) for i in range(aantal)
    )


def _aantal_queries(client, url):
    """Queries of a warm request: guardian caches a permission's content type per process after its first use."""
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_body_page_with_200_items_runs_a_bounded_and_constant_number_of_queries(
    client, wereld, django_assert_max_num_queries
):
    _stukken(wereld.dbo, 17)  # with the world's three: 20
    als(client, wereld.lid)
    url = wereld.dbo.get_absolute_url()
    met_20 = _aantal_queries(client, url)

    _stukken(wereld.dbo, 180, begin=17)
    with django_assert_max_num_queries(BODY_PAGE_MAX):
        response = client.get(url)
    assert response.context["stukken"].paginator.count == 200
    assert len(response.context["stukken"]) == settings.PAGINATE_BY
    met_200 = _aantal_queries(client, url)

    for i in range(9):
        orgaan = services.create_orgaan(
            door=None, soort=OrgaanSoort.WERKGROEP, naam=f"Werkgroep {i}", regio=wereld.dender
        )
        services.add_lidmaatschap(
            persoon=wereld.lid.persoon, orgaan=orgaan, rol=Rol.LID, begindatum=vandaag(), door=None
        )
        _stukken(orgaan, 5)
    assert wereld.lid.groups.count() == 10
    met_10_lidmaatschappen = _aantal_queries(client, url)
    assert met_20 == met_200 == met_10_lidmaatschappen


def test_visible_to_is_one_query_whatever_the_number_of_memberships(wereld, django_assert_num_queries):
    for i in range(5):
        orgaan = services.create_orgaan(
            door=None, soort=OrgaanSoort.WERKGROEP, naam=f"WG {i}", regio=wereld.dender
        )
        services.add_lidmaatschap(
            persoon=wereld.lid.persoon, orgaan=orgaan, rol=Rol.LID, begindatum=vandaag(), door=None
        )
    lid = User.objects.get(pk=wereld.lid.pk)
    list(selectors.stukken_visible_to(lid))  # warm guardian's content-type cache
    with django_assert_num_queries(1):
        assert len(list(selectors.stukken_visible_to(lid))) == 3


# --- 8. Invitations, password reset and the region switcher -----------------------------------------------------


def _link_uit(mail, pad):
    match = re.search(r"https?://\S+" + re.escape(pad) + r"\S+/", mail.body)
    assert match, mail.body
    return urlsplit(match.group(0)).path


def _uitnodigen(client, wereld, django_capture_on_commit_callbacks):
    als(client, wereld.secretariaat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(actie_url(wereld.lidmaatschap_zonder_account, "uitnodigen"))
    assert_status(response, "302")
    client.logout()


def test_invitation_mails_a_one_time_link_that_sets_a_password(
    client, wereld, mailoutbox, django_capture_on_commit_callbacks
):
    _uitnodigen(client, wereld, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["nina.nieuw@example.org"]
    link = _link_uit(mail, "/account/activeren/")

    response = client.get(link, follow=True)
    assert response.status_code == 200
    assert 'name="new_password1"' in response.content.decode()
    formulier = response.redirect_chain[-1][0]
    response = client.post(formulier, {"new_password1": NIEUW_WACHTWOORD, "new_password2": NIEUW_WACHTWOORD})
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("login")

    response = client.post(
        reverse("login"), {"username": "nina.nieuw@example.org", "password": NIEUW_WACHTWOORD}
    )
    assert response.status_code == 302
    nina = User.objects.get(email="nina.nieuw@example.org")
    assert client.session["_auth_user_id"] == str(nina.pk)
    assert kan_stuk_lezen(client, wereld.stuk_orgaan)  # the invitation's seat counts at once
    client.logout()

    response = client.get(link, follow=True)
    content = response.content.decode()
    assert "al gebruikt of verlopen" in content
    assert 'name="new_password1"' not in content


def test_invitation_link_expires_after_the_password_reset_timeout(
    client, wereld, mailoutbox, django_capture_on_commit_callbacks
):
    with time_machine.travel(middag(DAG), tick=False) as reis:
        _uitnodigen(client, wereld, django_capture_on_commit_callbacks)
        link = _link_uit(mailoutbox[0], "/account/activeren/")

        reis.shift(settings.PASSWORD_RESET_TIMEOUT - 60)
        assert 'name="new_password1"' in client.get(link, follow=True).content.decode()

        reis.shift(120)
        content = client.get(link, follow=True).content.decode()
        assert "al gebruikt of verlopen" in content
        assert 'name="new_password1"' not in content


def test_inviting_someone_who_already_logs_in_is_refused_with_a_message(client, wereld, mailoutbox):
    als(client, wereld.secretariaat)
    voor = toestand()
    response = client.post(actie_url(wereld.lidmaatschap, "uitnodigen"), follow=True)
    assert "kan gewoon inloggen" in response.content.decode()
    assert mailoutbox == []
    assert toestand() == voor


def test_password_reset_by_mail_lets_a_user_choose_a_new_password(
    client, wereld, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": wereld.lid.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    link = _link_uit(mailoutbox[0], "/wachtwoord-kiezen/")
    response = client.get(link, follow=True)
    assert 'name="new_password1"' in response.content.decode()
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": NIEUW_WACHTWOORD, "new_password2": NIEUW_WACHTWOORD}
    )
    assert urlsplit(response["Location"]).path == reverse("password_reset_complete")
    response = client.post(reverse("login"), {"username": wereld.lid.email, "password": NIEUW_WACHTWOORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(wereld.lid.pk)
    client.logout()
    assert "al gebruikt of verlopen" in client.get(link, follow=True).content.decode()


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(
    client, wereld, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "onbekend@example.org"})
    assert response.status_code == 302
    assert mailoutbox == []


def test_user_in_two_regions_sees_both_in_the_switcher_and_switches_without_logging_in_again(client, wereld):
    services.add_lidmaatschap(
        persoon=wereld.lid.persoon, orgaan=wereld.dbo_drecht, rol=Rol.LID, begindatum=vandaag(), door=None
    )
    als(client, wereld.lid)
    content = client.get(reverse("besturen:home")).content.decode()
    keuzes = re.search(r'<select id="mijn-regio".*?</select>', content, re.S).group(0)
    assert 'value="denderregio"' in keuzes and 'value="drechtsteden"' in keuzes

    response = client.get(reverse("besturen:regio_kiezen"), {"regio": "drechtsteden"})
    assert response.status_code == 302
    assert response["Location"] == wereld.drecht.get_absolute_url()
    assert client.session["actieve_regio"] == "drechtsteden"
    assert client.session["_auth_user_id"] == str(wereld.lid.pk)
    content = client.get(response["Location"]).content.decode()
    assert '<option value="drechtsteden" selected>' in content

    response = client.get(reverse("besturen:regio_kiezen"), {"regio": "denderregio"})
    assert response["Location"] == wereld.dender.get_absolute_url()


def test_switching_to_a_region_without_a_role_is_404(client, wereld):
    services.create_regio(
        door=None, naam="Kempen", slug="kempen", land=Land.BELGIE, rechtsvorm=Rechtsvorm.PROJECTVERENIGING
    )
    als(client, wereld.lid)
    assert client.get(reverse("besturen:regio_kiezen"), {"regio": "kempen"}).status_code == 404
    assert client.get(reverse("besturen:regio_kiezen"), {"regio": "drechtsteden"}).status_code == 404
    assert "actieve_regio" not in client.session


def test_council_member_finds_the_region_in_the_switcher(client, wereld):
    content = als(client, wereld.raadslid).get(reverse("besturen:home")).content.decode()
    assert 'value="denderregio"' in content and 'value="drechtsteden"' not in content


def test_switcher_requires_login(client, wereld):
    assert_status(client.get(reverse("besturen:regio_kiezen"), {"regio": "denderregio"}), "login")


# --- 9. Query bounds of the new pages ---------------------------------------------------------------------------


def _meer_leden(wereld, aantal):
    for i in range(aantal):
        persoon = services.create_persoon(
            door=None, voornaam=f"Extra{i}", achternaam="Lid", email=f"extra{i}@example.org"
        )
        if i % 2:
            services.create_account(persoon, door=None)
        services.add_lidmaatschap(
            persoon=persoon, orgaan=wereld.dbo, rol=Rol.LID, begindatum=vandaag(), door=None
        )
    stuk = wereld.stuk_orgaan
    for i in range(aantal):
        services.add_reactie(stuk, tekst=f"Reactie {i}", door=wereld.lid)


# Measured (SQLite and PostgreSQL alike, warm): regiobeheer 9, logboek 8, ledenbeheer 9, stuk 11; one spare each.
PAGINAS = [
    ("regiobeheer", lambda w: beheer_url(w.dender), 10),
    ("logboek", lambda w: logboek_url(w.dender), 9),
    ("ledenbeheer", lambda w: leden_url(w.dbo), 10),
    ("stuk", lambda w: w.stuk_orgaan.get_absolute_url(), 12),
]


@pytest.mark.parametrize(("naam", "url", "maximum"), PAGINAS, ids=[p[0] for p in PAGINAS])
def test_secretariat_pages_run_a_bounded_number_of_queries(
    client, wereld, django_assert_max_num_queries, naam, url, maximum
):
    als(client, wereld.secretariaat)
    klein = _aantal_queries(client, url(wereld))
    _meer_leden(wereld, 30)
    client.get(url(wereld))
    with django_assert_max_num_queries(maximum):
        response = client.get(url(wereld))
    assert response.status_code == 200
    assert _aantal_queries(client, url(wereld)) == klein
