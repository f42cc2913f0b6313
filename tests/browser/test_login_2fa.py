"""A privileged login in Chromium: password, then the code from the authenticator app; every page axe-clean and
without a CSP violation (checked by the harness's autouse fixture)."""

import base64

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.browser

WACHTWOORD = "platform-wachtwoord-2031"


@pytest.fixture
def beheerder(settings):
    settings.REQUIRE_2FA = True
    return get_user_model().objects.create_superuser("platform@example.org", WACHTWOORD)


def test_a_privileged_login_asks_for_the_app_code_and_then_opens_the_portal(page, live_server, beheerder):
    device = TOTPDevice.objects.create(user=beheerder, name="app", confirmed=True)
    login(page, live_server, beheerder.email, WACHTWOORD)
    assert "/inloggen/code/" in page.url
    assert page.get_by_role("heading", name="Tweestapsverificatie").is_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Code").fill("000000" if totp(device.bin_key) != 0 else "111111")
    with page.expect_navigation():
        page.get_by_role("button", name="Bevestigen").click()
    assert "/inloggen/code/" in page.url
    assert page.get_by_text("Deze code klopt niet").is_visible()
    assert_no_axe_violations(page)

    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    page.get_by_label("Code").fill(f"{totp(device.bin_key):06d}")
    with page.expect_navigation():
        page.get_by_role("button", name="Bevestigen").click()
    assert "/inloggen/" not in page.url
    page.get_by_role("link", name="Tweestapsverificatie").click()
    assert page.get_by_text("Tweestapsverificatie staat aan.").is_visible()
    assert_no_axe_violations(page)


def test_setting_up_the_app_shows_a_qr_code_and_the_recovery_codes_axe_clean(page, live_server, beheerder):
    login(page, live_server, beheerder.email, WACHTWOORD)
    assert "/account/tweestapsverificatie/instellen/" in page.url
    assert page.locator("svg.qr title").count() == 1
    assert_no_axe_violations(page)
    sleutel = page.locator("figcaption code").inner_text().replace(" ", "")
    key = base64.b32decode(sleutel)
    page.get_by_label("Code uit de app").fill(f"{totp(key):06d}")
    with page.expect_navigation():
        page.get_by_role("button", name="Bevestigen").click()
    assert "/herstelcodes/" in page.url
    assert page.locator(".herstelcodes li").count() == 10
    assert_no_axe_violations(page)
