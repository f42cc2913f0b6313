"""Security headers on every page: a strict Content-Security-Policy, the Permissions-Policy, and `no-store` for
whatever a logged-in user sees.

The pages are found, not listed: from the home page a crawler follows every link of the whole demo (the four demo
commands, loaded once for this module; tests/momentopname.py records them once per test process), as an anonymous
visitor, as a region's secretariat, as a council member and as the platform admin, at most two pages per URL name
(so every kind of page, not every region's copy of it).
"""

import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.db import transaction
from django.test.utils import override_settings
from django.urls import Resolver404, resolve

from tests import momentopname

DEMO = ["load_demo", "load_opgaven_demo", "load_programmas_demo", "load_vergaderingen_demo"]
PER_URL_NAME = 2
MAX_PAGES = 400
SKIP_PREFIXES = ("/static/", "/i18n/", "/uitloggen/", "/admin/logout/")
HREF = re.compile(r'href="([^"#]*)"')
FORBIDDEN_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:", "http:", "https:"}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    with (
        override_settings(
            MEDIA_ROOT=tmp_path_factory.mktemp("media"),
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        django_db_blocker.unblock(),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            # Built once per test process, restored after that (tests/momentopname.py).
            momentopname.demo(*DEMO)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def parse_csp(header):
    """{directive: [sources]} from a Content-Security-Policy header value."""
    policy = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            policy[words[0].lower()] = words[1:]
    return policy


def assert_strict_csp(response, url, admin=False):
    header = response.get("Content-Security-Policy")
    assert header, f"{url}: no Content-Security-Policy"
    policy = parse_csp(header)
    assert policy["default-src"] == ["'self'"], url
    assert policy["object-src"] == ["'none'"], url
    assert policy["frame-ancestors"] == ["'none'"], url
    assert policy["base-uri"] == ["'self'"], url
    assert policy["form-action"] == ["'self'"], url
    for directive, sources in policy.items():
        allowed_inline = admin and directive == "style-src"
        bad = set(sources) & (FORBIDDEN_SOURCES - ({"'unsafe-inline'"} if allowed_inline else set()))
        assert not bad, f"{url}: {directive} allows {bad}"
    assert policy["script-src"] == ["'self'"], url


def assert_permissions_policy(response, url):
    header = response.get("Permissions-Policy", "")
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in header, f"{url}: Permissions-Policy does not deny {feature}"


def crawl(client, start="/"):
    """GET every page reachable by links from `start` (at most PER_URL_NAME per URL name); yield (url, response)."""
    seen, per_name = set(), {}
    queue = deque([start])
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        try:
            match = resolve(urlsplit(url).path)
        except Resolver404:
            continue
        if per_name.get(match.view_name, 0) >= PER_URL_NAME:
            continue
        per_name[match.view_name] = per_name.get(match.view_name, 0) + 1
        response = client.get(url)
        yield url, response
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            for href in HREF.findall(response.content.decode()):
                href = urldefrag(href.replace("&amp;", "&")).url
                if href.startswith("/") and not href.startswith("//") and not href.startswith(SKIP_PREFIXES):
                    queue.append(href)


def crawl_and_check(client, start="/", logged_in=False):
    pages = 0
    for url, response in crawl(client, start):
        content_type = response.get("Content-Type", "")
        if content_type.startswith("application/pdf"):
            # Chromium's PDF viewer inherits the response's policy and stays blank under a strict one.
            assert "Content-Security-Policy" not in response, url
        elif response.status_code < 300 or content_type.startswith("text/html"):
            assert_strict_csp(response, url, admin=url.startswith("/admin/"))
            pages += content_type.startswith("text/html")
        assert_permissions_policy(response, url)
        if logged_in:
            cache_control = response.get("Cache-Control", "")
            assert "no-store" in cache_control or "private" in cache_control, f"{url}: {cache_control!r}"
    return pages


def test_every_public_page_has_a_strict_csp_and_no_forced_no_store(demo, db, client):
    assert crawl_and_check(client) > 20
    home = client.get("/")
    assert "no-store" not in home.get("Cache-Control", "")


@pytest.mark.parametrize(
    "email",
    [
        "secretariaat.denderregio@regioportaal.example",
        "secretaris.aalst@regioportaal.example",
    ],
)
def test_every_page_of_a_logged_in_user_has_a_strict_csp_and_no_store(demo, db, client, email):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(email=email).first()
    assert user, f"demo has no {email}"
    client.force_login(user)
    assert crawl_and_check(client, logged_in=True) > 20
    home = client.get("/")
    assert "no-store" in home["Cache-Control"]


def test_admin_allows_inline_styles_but_no_inline_script(demo, db, client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(email="admin@regioportaal.example"))
    assert crawl_and_check(client, start="/admin/", logged_in=True) > 5
    policy = parse_csp(client.get("/admin/")["Content-Security-Policy"])
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["script-src"] == ["'self'"]
    portal = parse_csp(client.get("/")["Content-Security-Policy"])
    assert portal["style-src"] == ["'self'"]


def test_pdf_responses_carry_no_csp_but_html_does(rf):
    from django.http import HttpResponse

    from regioportaal.headers import PortalCSPMiddleware

    pdf = PortalCSPMiddleware(lambda request: HttpResponse(b"%PDF-1.7", content_type="application/pdf"))
    assert "Content-Security-Policy" not in pdf(rf.get("/vergadering/1/agenda.pdf"))
    html = PortalCSPMiddleware(lambda request: HttpResponse("<p>x</p>"))
    assert_strict_csp(html(rf.get("/")), "/")


def test_no_store_only_for_logged_in_users_and_never_over_the_views_own_choice(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    from regioportaal.headers import NoStoreForLoggedInMiddleware

    class LoggedIn:
        is_authenticated = True

    def view(request):
        return HttpResponse("x")

    def cached_view(request):
        response = HttpResponse("x")
        response["Cache-Control"] = "private, max-age=900"
        return response

    def request_as(user):
        request = rf.get("/")
        request.user = user
        return request

    assert NoStoreForLoggedInMiddleware(view)(request_as(LoggedIn()))["Cache-Control"] == "private, no-store"
    assert "Cache-Control" not in NoStoreForLoggedInMiddleware(view)(request_as(AnonymousUser()))
    kept = NoStoreForLoggedInMiddleware(cached_view)(request_as(LoggedIn()))
    assert kept["Cache-Control"] == "private, max-age=900"


def test_no_store_reads_the_session_when_the_view_never_loaded_the_user(rf):
    """An export or a file view that never touched request.user: the session alone says someone is logged in."""
    from django.contrib.auth import SESSION_KEY
    from django.http import HttpResponse
    from django.utils.functional import SimpleLazyObject

    from regioportaal.headers import NoStoreForLoggedInMiddleware

    def never_load(request):
        raise AssertionError("the user was loaded")

    def request_with(session):
        request = rf.get("/versie/1/verdeling.csv")
        request.session = session
        request.user = SimpleLazyObject(never_load)
        return request

    def export(request):
        return HttpResponse("a;b\n", content_type="text/csv")

    assert (
        "no-store" in NoStoreForLoggedInMiddleware(export)(request_with({SESSION_KEY: "1"}))["Cache-Control"]
    )
    assert "Cache-Control" not in NoStoreForLoggedInMiddleware(export)(request_with({}))
