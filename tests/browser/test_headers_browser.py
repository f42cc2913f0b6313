"""The CSP detector of the browser tests works, and the portal's own pages pass it in Chromium.

The detector (conftest's autouse `csp_violations`) must be seen to catch something, or a green suite proves nothing:
a page with inline script, inline style and a style attribute, served only in this test under a strict policy, must
be reported; so must a page of the live server that arrives without a policy.
"""

import pytest
from django.contrib.auth import get_user_model

from tests.browser.conftest import login

STRICT = "default-src 'self'; object-src 'none'; base-uri 'self'"
VIOLATING_PAGE = (
    '<!DOCTYPE html><html lang="nl"><head><title>Overtreding</title>'
    "<style>body { color: red; }</style></head>"
    '<body><p style="color: blue">x</p><script>document.title = "uitgevoerd";</script></body></html>'
)


@pytest.mark.csp_violations_expected
def test_detector_reports_inline_script_and_style_under_a_strict_policy(page, live_server, csp_violations):
    url = live_server.url + "/csp-proef/"
    page.route(
        url,
        lambda route: route.fulfill(
            status=200,
            headers={"Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": STRICT},
            body=VIOLATING_PAGE,
        ),
    )
    page.goto(url)
    csp_violations.flush()
    assert page.title() == "Overtreding"  # the inline script did not run
    reported = "\n".join(csp_violations.violations)
    assert "script-src" in reported or "inline script" in reported, reported
    assert "style-src" in reported or "inline style" in reported, reported
    assert any(v.startswith("securitypolicyviolation") for v in csp_violations.violations), reported
    assert any(v.startswith("console") for v in csp_violations.violations), reported


@pytest.mark.csp_violations_expected
def test_detector_reports_a_page_of_the_portal_without_a_policy(page, live_server, csp_violations):
    url = live_server.url + "/zonder-beleid/"
    page.route(
        url,
        lambda route: route.fulfill(
            status=200, headers={"Content-Type": "text/html; charset=utf-8"}, body="<title>Zonder</title>"
        ),
    )
    page.goto(url)
    csp_violations.flush()
    assert any("no Content-Security-Policy header" in p for p in csp_violations.problems), (
        csp_violations.problems
    )
    assert not csp_violations.violations


def test_portal_pages_and_htmx_run_clean_under_the_policy(page, live_server, csp_violations, axe):
    """The public pages, a login and an htmx swap: no violation, axe still runs (injected past the policy)."""
    response = page.goto(live_server.url + "/")
    assert "'unsafe-inline'" not in response.all_headers()["content-security-policy"]
    assert "camera=()" in response.all_headers()["permissions-policy"]
    axe(page)
    get_user_model().objects.create_user("csp@example.org", "csp-wachtwoord-12345")
    login(page, live_server, "csp@example.org", "csp-wachtwoord-12345")
    page.goto(live_server.url + "/")
    # htmx is configured by the meta tag: no injected style, no eval, and swapped content is processed (its forms
    # boosted, its autofocus applied) in the same task as the swap, so a keyboard user acting at once never submits
    # a form htmx has not taken over yet.
    config = page.evaluate(
        "() => [htmx.config.includeIndicatorStyles, htmx.config.allowEval, htmx.config.defaultSettleDelay]"
    )
    assert config == [False, False, 0]
    assert page.evaluate("() => document.querySelectorAll('head style').length") == 0
    csp_violations.flush()
    assert not csp_violations.problems


def test_django_admin_runs_clean_under_its_policy(page, live_server, csp_violations):
    """The admin's own inline styles are allowed under /admin/ only; its scripts need no exception."""
    from django.conf import settings
    from django.test import Client

    admin = get_user_model().objects.create_superuser(
        email="beheer@example.org", password="beheer-wachtwoord-123"
    )
    client = Client()
    client.force_login(admin)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    for path in ("/admin/", "/admin/regioportaal/user/", f"/admin/regioportaal/user/{admin.pk}/change/"):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        header = response.all_headers()["content-security-policy"]
        directives = {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}
        assert directives["script-src"] == ["'self'"], path
        assert directives["style-src"] == ["'self'", "'unsafe-inline'"], path
    csp_violations.flush()
    assert not csp_violations.problems
