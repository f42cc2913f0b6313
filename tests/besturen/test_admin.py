"""The admin writes through the services: a body added there grants its permissions, a seat gives its rights, and
everything is in the action log; opgaven are read-only there."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from besturen import services
from besturen.models import Lidmaatschap, Orgaan, Regio
from regioportaal.models import ActionLog
from tests.factories import PASSWORD, DeelnameFactory, PersoonFactory, RegioFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = get_user_model().objects.create_superuser(email="beheer@example.org", password=PASSWORD)
    client.force_login(admin)
    client.admin = admin
    return client


def test_a_body_added_in_the_admin_grants_its_permissions_and_is_logged(admin_client):
    regio = RegioFactory()
    response = admin_client.post(
        reverse("admin:besturen_orgaan_add"),
        {
            "soort": "stuurgroep",
            "naam": "Stuurgroep Mobiliteit",
            "afkorting": "",
            "regio": regio.pk,
            "beschrijving": "",
        },
    )
    assert response.status_code == 302
    orgaan = Orgaan.objects.get(naam="Stuurgroep Mobiliteit")
    assert ActionLog.objects.filter(
        object_id=str(orgaan.pk), actie="aangemaakt", actor=admin_client.admin
    ).exists()
    assert ActionLog.objects.filter(actie="recht toegekend", scope=f"regio:{regio.pk}").exists()


def test_a_seat_added_in_the_admin_gives_the_account_its_rights_at_once(admin_client):
    regio = services.create_regio(
        door=None, naam="Denderregio", slug="denderregio", land="BE", rechtsvorm="anders"
    )
    dbo = services.create_orgaan(door=None, soort="burgemeestersoverleg", naam="DBO", regio=regio)
    persoon = PersoonFactory(email="nieuw@example.org")
    user = services.create_account(persoon, password=PASSWORD, door=None)
    response = admin_client.post(
        reverse("admin:besturen_lidmaatschap_add"),
        {
            "persoon": persoon.pk,
            "orgaan": dbo.pk,
            "rol": "secretaris",
            "namens": "",
            "begindatum": "2025-01-01",
            "einddatum": "",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(pk=user.pk)
    assert user.has_perm("besturen.manage_regio", Regio.objects.get(pk=regio.pk))
    lid = Lidmaatschap.objects.get(persoon=persoon)
    response = admin_client.post(
        reverse("admin:besturen_lidmaatschap_change", args=[lid.pk]),
        {"rol": "secretaris", "einddatum": datetime.date.today().isoformat()},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(pk=user.pk)
    assert not user.has_perm("besturen.manage_regio", Regio.objects.get(pk=regio.pk))


def test_nothing_in_besturen_can_be_deleted_in_the_admin(admin_client):
    regio = RegioFactory()
    assert admin_client.get(reverse("admin:besturen_regio_delete", args=[regio.pk])).status_code == 403
    assert Regio.objects.filter(pk=regio.pk).exists()


def test_opgaven_are_read_only_in_the_admin(admin_client):
    assert admin_client.get(reverse("admin:opgaven_opgave_add")).status_code == 403


def test_a_region_with_members_can_be_changed_in_the_admin(admin_client):
    """The members inline is read-only; saving the region must not fail on it."""
    regio = RegioFactory(naam="Denderregio")
    DeelnameFactory(regio=regio)
    response = admin_client.post(
        reverse("admin:besturen_regio_change", args=[regio.pk]),
        {
            "naam": "Denderregio en omstreken",
            "slug": regio.slug,
            "land": regio.land,
            "rechtsvorm": regio.rechtsvorm,
            "beschrijving": "",
            "deelnames-TOTAL_FORMS": "1",
            "deelnames-INITIAL_FORMS": "1",
        },
    )
    assert response.status_code == 302
    assert Regio.objects.get(pk=regio.pk).naam == "Denderregio en omstreken"
    assert ActionLog.objects.filter(object_id=str(regio.pk), actie="gewijzigd").exists()
