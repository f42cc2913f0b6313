"""The browser harness itself: Chromium starts, reaches the live server, axe runs and login works."""

import pytest
from django.contrib.auth import get_user_model

from tests.browser.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.browser


def test_login_page_opens_in_chromium(page, live_server):
    response = page.goto(live_server.url + "/inloggen/")
    assert response.status == 200
    assert page.title().strip()


def test_axe_reports_violations_readably(page):
    page.set_content(
        '<html lang="nl"><head><title>t</title></head><body><main><img src="x.png"></main></body></html>'
    )
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_no_axe_violations(page)
    message = str(failure.value)
    assert "image-alt [critical]: Images must have alternative text" in message
    assert 'at img: <img src="x.png">' in message


def test_axe_passes_a_clean_page(page):
    page.set_content(
        '<html lang="nl"><head><title>Schoon</title></head>'
        "<body><main><h1>Schoon</h1><p>Niets aan te merken.</p></main></body></html>"
    )
    assert_no_axe_violations(page)


def test_login_helper_logs_in(page, live_server):
    get_user_model().objects.create_user("harnas@example.org", "harnas-wachtwoord-123")
    login(page, live_server, "harnas@example.org", "harnas-wachtwoord-123")
    assert "/inloggen/" not in page.url
