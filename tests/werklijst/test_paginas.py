"""The work list's pages: the start page after login, /werklijst/ and the header's lazy count; order and queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programmas import services
from regioportaal import werklijst
from regioportaal.werklijst import WerkItem
from tests.vergaderingen.conftest import plan

QUERY_BOUND = 14  # the start page after login: session, user, regions and the providers (about seven)


def _werk(pw, n):
    """`n` open questions and `n` meetings to prepare an agenda for, in the region whose secretariat is asked."""
    for i in range(n):
        services.ask_question(pw.versie, tekst=f"Vraag {i}", door=pw.raadslid)
        plan(pw.bestuur, days=5 + i)


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_queries_do_not_grow_with_the_number_of_items(pw, client, django_assert_max_num_queries, settings):
    # the views' own queries: a logged-in session's second request is a cache hit
    settings.PAGINACACHE = False
    client.force_login(pw.secretariaat)
    _werk(pw, 2)
    urls = ("/", "/werklijst/", "/werklijst/aantal/")
    for url in urls:
        client.get(url)  # the first request warms the session and the content-type cache
    klein = {url: _queries(client, url) for url in urls}
    _werk(pw, 6)
    assert werklijst.count_for(pw.secretariaat) == 16
    for url, aantal in klein.items():
        with django_assert_max_num_queries(QUERY_BOUND):
            assert _queries(client, url) == aantal, url


def test_the_list_is_ordered_soonest_deadline_first_without_deadline_last(monkeypatch, world):
    dag = datetime.date(2031, 5, 1)
    items = [
        WerkItem("b", "zonder termijn", "/c/", None, "Denderregio"),
        WerkItem("a", "later", "/b/", dag + datetime.timedelta(days=3), "Denderregio"),
        WerkItem("a", "eerst", "/a/", dag, "Drechtsteden"),
    ]
    monkeypatch.setattr(werklijst, "_providers", [lambda user: items])
    assert [item.titel for item in werklijst.items_for(world.lid)] == ["eerst", "later", "zonder termijn"]
    assert werklijst.count_for(world.lid) == 3


def test_start_page_and_full_list_show_the_items_with_their_links(pw, client):
    services.ask_question(pw.versie, tekst="Waarom stijgt het budget?", door=pw.raadslid)
    client.force_login(pw.secretariaat)
    for url in ("/", "/werklijst/"):
        html = client.get(url).content.decode()
        assert "Waarom stijgt het budget?" in html, url
        assert f'href="/versie/{pw.versie.pk}/vragen/#vraag-' in html, url
        assert "Vraag beantwoorden" in html, url
    client.force_login(pw.raadssecretaris)
    html = client.get("/").content.decode()
    assert f'href="/raadsbesluit/{pw.besluit.pk}/"' in html
    assert pw.besluit.deadline.strftime("%Y") in html


def test_start_page_says_when_nothing_waits(world, client):
    client.force_login(world.buitenstaander)
    html = client.get("/").content.decode()
    assert "Er wacht niets op u" in html


def test_count_endpoint_gives_the_header_link_with_the_number(pw, client):
    services.ask_question(pw.versie, tekst="Een vraag", door=pw.raadslid)
    client.force_login(pw.secretariaat)
    response = client.get("/werklijst/aantal/")
    assert response.status_code == 200
    assert response.content.decode().strip() == '<a href="/werklijst/" id="werklijst-link">Mijn werk (1)</a>'
    assert "no-cache" in response["Cache-Control"]


def test_header_loads_the_count_lazily_and_other_pages_never_ask_the_providers(monkeypatch, world, client):
    def kapot(user):
        raise AssertionError("a page other than the start page and the list asked for the work list")

    monkeypatch.setattr(werklijst, "_providers", [kapot])
    client.force_login(world.lid)
    html = client.get("/privacyverklaring/").content.decode()
    assert '<a href="/werklijst/" id="werklijst-link" hx-get="/werklijst/aantal/" hx-trigger="load"' in html


@pytest.mark.parametrize("url", ["/", "/privacyverklaring/"])
def test_the_public_gets_no_work_list_and_no_header_link(world, client, url):
    html = client.get(url).content.decode()
    assert "Mijn werk" not in html
    assert "werklijst" not in html


def test_the_public_gets_nothing_from_the_endpoints(world, client):
    assert client.get("/werklijst/aantal/").status_code == 204
    response = client.get("/werklijst/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")
    assert werklijst.items_for(None) == []
