"""Two-factor authentication: required of privileged users when REQUIRE_2FA is on (production), optional for others,
with an authenticator app (TOTP) and recovery codes that each work once."""

import logging

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from regioportaal.twofactor import SETUP_KEY
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _productie(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.REQUIRE_2FA = True


@pytest.fixture
def beheerder():
    return UserFactory(email="platform@example.org", is_staff=True, is_superuser=True)


def _device(user):
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    static = StaticDevice.objects.create(user=user, name="herstel", confirmed=True)
    StaticToken.objects.create(device=static, token="herstel12345")
    return device


def _code(device):
    return f"{totp(device.bin_key, t0=device.t0, step=device.step, digits=device.digits):06d}"


def _login(client, user, next_url=""):
    data = {"username": user.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data)


def test_a_privileged_login_asks_for_the_code_and_passes_with_a_valid_one(client, beheerder):
    device = _device(beheerder)
    _login(client, beheerder)
    response = client.get(reverse("twofactor"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("otp_verify"))
    page = client.get(reverse("otp_verify"))
    assert "Tweestapsverificatie" in page.content.decode() and 'name="code"' in page.content.decode()
    response = client.post(reverse("otp_verify"), {"code": _code(device), "next": reverse("twofactor")})
    assert response.status_code == 302 and response["Location"] == reverse("twofactor")
    assert client.get(reverse("twofactor")).status_code == 200


def test_a_wrong_code_is_refused_and_the_portal_stays_closed(client, beheerder):
    device = _device(beheerder)
    _login(client, beheerder)
    wrong = "000000" if _code(device) != "000000" else "111111"
    response = client.post(reverse("otp_verify"), {"code": wrong})
    assert response.status_code == 422
    assert "Deze code klopt niet" in response.content.decode()
    assert client.get(reverse("twofactor")).status_code == 302
    assert client.get("/admin/").status_code == 302


def test_before_the_code_a_fragment_the_page_loads_itself_gets_nothing_and_counts_nothing(client, beheerder):
    """The header loads the work count with htmx; before the second factor that request gets an empty answer, not
    the code page (which htmx would put into the header), and reveals nothing."""
    _device(beheerder)
    _login(client, beheerder)
    response = client.get(reverse("werklijst_aantal"), headers={"HX-Request": "true"})
    assert response.status_code == 204 and response.content == b""
    assert client.get(reverse("werklijst_aantal")).status_code == 302  # a plain request goes to the code page


def test_the_admin_site_needs_the_second_factor_too(client, beheerder):
    device = _device(beheerder)
    client.post(
        reverse("admin:login"), {"username": beheerder.email, "password": PASSWORD, "next": "/admin/"}
    )
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("otp_verify"))
    client.post(reverse("otp_verify"), {"code": _code(device)})
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_works_once(client, beheerder):
    _device(beheerder)
    _login(client, beheerder)
    response = client.post(reverse("otp_verify"), {"code": "HERSTEL 12345", "next": reverse("twofactor")})
    assert response.status_code == 302
    assert client.get(reverse("twofactor")).status_code == 200
    client.post(reverse("logout"))
    _login(client, beheerder)
    response = client.post(reverse("otp_verify"), {"code": "herstel12345"})
    assert response.status_code == 422
    assert client.get(reverse("twofactor")).status_code == 302


def test_a_privileged_user_without_an_app_must_set_it_up_and_sees_the_recovery_codes_once(client, beheerder):
    _login(client, beheerder)
    response = client.get(reverse("twofactor"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("twofactor_setup"))
    page = client.get(reverse("twofactor_setup")).content.decode()
    assert "<svg" in page and "verplicht" in page
    key = client.session[SETUP_KEY]
    code = f"{totp(bytes.fromhex(key)):06d}"
    response = client.post(reverse("twofactor_setup"), {"code": code})
    assert response.status_code == 302 and response["Location"] == reverse("twofactor_codes")
    codes_page = client.get(reverse("twofactor_codes")).content.decode()
    tokens = list(StaticToken.objects.filter(device__user=beheerder).values_list("token", flat=True))
    assert len(tokens) == 10 and all(token in codes_page for token in tokens)
    assert client.get(reverse("twofactor_codes")).status_code == 302  # shown once
    assert client.get(reverse("twofactor")).status_code == 200


def test_without_the_requirement_the_demo_logs_in_with_the_password_alone(client, beheerder, settings):
    settings.REQUIRE_2FA = False
    _login(client, beheerder)
    assert client.get(reverse("twofactor")).status_code == 200
    assert client.get("/admin/").status_code == 200


def test_others_may_choose_two_factor_and_are_then_asked_for_the_code(client):
    user = UserFactory()
    _login(client, user)
    page = client.get(reverse("twofactor"))
    assert page.status_code == 200 and "Tweestapsverificatie staat uit." in page.content.decode()
    client.get(reverse("twofactor_setup"))
    key = client.session[SETUP_KEY]
    client.post(reverse("twofactor_setup"), {"code": f"{totp(bytes.fromhex(key)):06d}"})
    client.post(reverse("logout"))
    _login(client, user)
    response = client.get(reverse("twofactor"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("otp_verify"))


def test_the_second_factor_is_in_the_security_log(client, beheerder):
    device = _device(beheerder)
    records = []

    class _Bewaar(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    handler = _Bewaar()
    logging.getLogger("regioportaal.security").addHandler(handler)
    try:
        _login(client, beheerder)
        client.post(reverse("otp_verify"), {"code": _code(device)})
    finally:
        logging.getLogger("regioportaal.security").removeHandler(handler)
    assert any(line.startswith("login ") and "tweede_factor=nodig" in line for line in records)
    assert any(line.startswith("otp_verified ") and "soort=app" in line for line in records)
    assert not any(_code(device) in line for line in records)
