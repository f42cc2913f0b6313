"""Query counts of the account pages (issue 12): the privacy pages and the two-factor pages each take a bounded number
of queries, the same for a person with 2 or 20 of everything."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from besturen.models import Stuk
from regioportaal.audit import log_action
from regioportaal.meldingen import send
from regioportaal.twofactor import SHOW_CODES

pytestmark = pytest.mark.django_db

AANTALLEN = [2, 20]


def _sporen(world, user, aantal):
    """`aantal` notifications, documents and action-log entries of `user`: what the privacy pages read."""
    for nummer in range(aantal):
        send([user], f"Melding {nummer}", f"Tekst {nummer}", sleutel=f"test-{nummer}")
        stuk = Stuk.objects.create(orgaan=world.dbo, titel=f"Stuk {nummer}", auteur=user)
        log_action(user, "aangemaakt", stuk, {"titel": stuk.titel})


def _herstelcodes(user, aantal):
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    device = StaticDevice.objects.create(user=user, name="herstel", confirmed=True)
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=f"code{nummer:08d}") for nummer in range(aantal)
    )


@pytest.mark.parametrize("aantal", AANTALLEN)
@pytest.mark.parametrize("naam", ["privacyverklaring", "toegankelijkheidsverklaring"])
def test_the_statements_take_a_few_queries(client, world, naam, aantal, django_assert_max_num_queries):
    _sporen(world, world.lid, aantal)
    client.force_login(world.lid)
    with django_assert_max_num_queries(6):
        response = client.get(reverse(naam))
    assert response.status_code == 200


@pytest.mark.parametrize("aantal", AANTALLEN)
def test_my_data_takes_a_few_queries_whatever_the_person_holds(
    client, world, aantal, django_assert_max_num_queries
):
    _sporen(world, world.lid, aantal)
    client.force_login(world.lid)
    with django_assert_max_num_queries(5):
        response = client.get(reverse("mijn_gegevens"))
    assert response.status_code == 200
    assert "Download" in response.content.decode()


@pytest.mark.parametrize("aantal", AANTALLEN)
def test_the_privacy_admin_finds_a_person_in_the_same_queries_for_2_or_20_records(
    client, world, aantal, django_assert_max_num_queries
):
    _sporen(world, world.lid, aantal)
    client.force_login(world.platformbeheerder)
    with django_assert_max_num_queries(27):
        response = client.get(reverse("privacy_beheer"), {"email": world.lid.email})
    assert response.status_code == 200
    assert "Wat het portaal over deze persoon bewaart" in response.content.decode()


def test_the_privacy_admin_page_is_the_platform_admins_only(client, world):
    client.force_login(world.secretariaat)
    assert client.get(reverse("privacy_beheer")).status_code == 403
    client.force_login(world.platformbeheerder)
    assert client.get(reverse("privacy_beheer")).status_code == 200


@pytest.mark.parametrize("aantal", AANTALLEN)
def test_the_setup_page_takes_a_few_queries(client, world, aantal, django_assert_max_num_queries):
    _sporen(world, world.lid, aantal)
    client.force_login(world.lid)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("twofactor_setup"))
    assert response.status_code == 200


@pytest.mark.parametrize("aantal", AANTALLEN)
def test_the_code_page_takes_a_few_queries_whatever_the_number_of_recovery_codes(
    client, world, aantal, django_assert_max_num_queries
):
    _herstelcodes(world.lid, aantal)
    client.force_login(world.lid)  # logged in, not yet verified: the code page asks for the second step
    with django_assert_max_num_queries(5):
        response = client.get(reverse("otp_verify"))
    assert response.status_code == 200
    assert 'name="code"' in response.content.decode()


@pytest.mark.parametrize("aantal", AANTALLEN)
def test_the_recovery_codes_page_takes_a_few_queries(client, world, aantal, django_assert_max_num_queries):
    _herstelcodes(world.lid, aantal)
    client.force_login(world.lid)
    session = client.session
    session[SHOW_CODES] = [f"code{nummer:08d}" for nummer in range(aantal)]
    session.save()
    with django_assert_max_num_queries(8):
        response = client.get(reverse("twofactor_codes"))
    assert response.status_code == 200
    assert f"code{aantal - 1:08d}" in response.content.decode()
