"""The page cache (regioportaal.paginacache, issue 16 item 3): public pages for anonymous visitors come from the cache
on the second request, every write through a service shows on the next request, a write in one region leaves the
other region's pages cached, logged-in users never get or fill the anonymous pages (their own pages:
tests/test_paginacache_ingelogd.py), variants never mix, the CSRF token is each
visitor's own, and a browser's copy is revalidated with 304."""

import datetime
import re

import pytest
import time_machine
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from besturen import services as besturen_services
from besturen.models import Bestuur, Rol
from opgaven import services as opgaven_services
from opgaven.models import Opgave
from programmas import services as programma_services
from programmas.models import VersieStatus
from tests.factories import PASSWORD
from tests.programmas.bouw import bouw_regio, programma, vandaag
from vergaderingen import services as vergaderingen_services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _lege_cache(settings):
    """A real local-memory cache (tests/conftest.py gives each test its own), empty, with the page cache on."""
    settings.PAGINACACHE = True
    cache.clear()


def _get(client, url, **extra):
    """The response and the number of queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


def _hit(client, url, **extra):
    """Asserts the page came from the cache: no query at all."""
    response, aantal = _get(client, url, **extra)
    assert response.status_code == 200
    assert aantal == 0, f"{url}: {aantal} queries, expected a cached page"
    return response


def _miss(client, url, **extra):
    response, aantal = _get(client, url, **extra)
    assert response.status_code == 200
    assert aantal > 0, f"{url}: served from the cache, expected a fresh page"
    return response


def _warm(client, url, **extra):
    _miss(client, url, **extra)
    return _hit(client, url, **extra)


def _opgave(world, titel="Fietsnetwerk", regio=None):
    return opgaven_services.create_opgave(
        regio or world.dender,
        door=None,
        titel=titel,
        doel="Een regionaal fietsnetwerk.",
        opdrachtgever=world.voorzitter.lidmaatschap if regio is None else None,
        gepubliceerd=True,
    )


def _vergadering(orgaan, titel="Regionale mobiliteit", days=14):
    begin = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=days), datetime.time(19))
    )
    vergadering = vergaderingen_services.plan_vergadering(
        orgaan, door=None, begin=begin, einde=begin + datetime.timedelta(hours=2), locatie="Stadhuis Aalst"
    )
    punt = vergaderingen_services.add_agendapunt(vergadering, titel=titel, door=None)
    return vergadering, punt


# --- A hit, and every write through a service shows on the next request ----------------------------------------


def test_region_page_is_cached_and_a_region_edit_shows_at_once(client, world):
    url = reverse("besturen:regio", kwargs={"slug": "denderregio"})
    assert "Denderregio" in _warm(client, url).content.decode()
    besturen_services.update_regio(world.dender, door=None, naam="Denderregio Noord")
    assert "Denderregio Noord" in _miss(client, url).content.decode()
    assert "Denderregio Noord" in _hit(client, url).content.decode()


def test_renaming_a_municipality_shows_on_the_region_page_and_home(client, world):
    regio = reverse("besturen:regio", kwargs={"slug": "denderregio"})
    home = reverse("besturen:home")
    _warm(client, regio)
    _warm(client, home)
    besturen_services.update_bestuur(world.aalst, door=None, naam="Groot-Aalst")
    assert "Groot-Aalst" in _miss(client, regio).content.decode()
    _miss(client, home)


def test_a_membership_change_shows_on_the_body_page(client, world):
    url = reverse("besturen:orgaan", kwargs={"pk": world.dbo.pk})
    assert "Marie Nieuw" not in _warm(client, url).content.decode()
    persoon = besturen_services.create_persoon(door=None, voornaam="Marie", achternaam="Nieuw")
    besturen_services.add_lidmaatschap(
        persoon=persoon,
        orgaan=world.dbo,
        rol=Rol.LID,
        namens=world.aalst,
        begindatum=timezone.localdate(),
        door=None,
    )
    assert "Marie Nieuw" in _miss(client, url).content.decode()


def test_an_opgave_edit_shows_on_its_page_and_the_regions_list(client, world):
    opgave = _opgave(world)
    pagina = reverse("opgaven:opgave", kwargs={"pk": opgave.pk})
    lijst = reverse("opgaven:opgaven", kwargs={"slug": "denderregio"})
    _warm(client, pagina)
    _warm(client, lijst)
    opgaven_services.update_opgave(opgave, door=None, titel="Fietssnelwegen")
    assert "Fietssnelwegen" in _miss(client, pagina).content.decode()
    assert "Fietssnelwegen" in _miss(client, lijst).content.decode()


def test_publishing_a_meeting_and_recording_a_decision_show_at_once(client, world):
    # held a fortnight ago: its decision can be recorded
    vergadering, punt = _vergadering(world.dbo, days=-14)
    kalender = reverse("vergaderingen:kalender", kwargs={"pk": world.dbo.pk})
    pagina = reverse("vergaderingen:vergadering", kwargs={"pk": vergadering.pk})
    assert "Stadhuis Aalst" not in _warm(client, kalender).content.decode()
    assert client.get(pagina).status_code == 404  # a draft: not public, and a 404 is never stored
    vergaderingen_services.publish_agenda(vergadering, door=None)
    assert "Stadhuis Aalst" in _miss(client, kalender).content.decode()
    assert "Regionale mobiliteit" in _warm(client, pagina).content.decode()
    feed = reverse("openbaar:orgaan_besluiten", kwargs={"pk": world.dbo.pk})
    assert "Regionale mobiliteit" not in _warm(client, feed).content.decode()

    vergadering = vergaderingen_services.close_vergadering(vergadering, door=None)
    punt.refresh_from_db()
    vergaderingen_services.record_besluit(
        punt, uitkomst="aangenomen", tekst="Het netwerk komt er.", door=None
    )
    assert "Het netwerk komt er." in _miss(client, pagina).content.decode()
    assert "Regionale mobiliteit" in _miss(client, feed).content.decode()


def test_adopting_a_version_shows_on_the_programme_pages(client, db, media):
    w = bouw_regio(3)
    versie = programma(w, tot=VersieStatus.INGEDIEND)
    overzicht = reverse("programmas:overzicht", kwargs={"slug": w.regio.slug})
    pagina = reverse("programmas:versie", kwargs={"pk": versie.pk})
    voor = _warm(client, overzicht).content.decode()
    voor_versie = client.get(pagina)
    programma_services.adopt_versie(versie, door=None, besluitdatum=vandaag())
    na = _miss(client, overzicht).content.decode()
    assert na != voor
    na_versie = _miss(client, pagina)
    assert na_versie.status_code == 200 and na_versie.content != voor_versie.content
    _hit(client, pagina)


def test_bulk_writes_that_send_no_signal_show_too(client, world):
    """QuerySet.update and bulk_create bypass the model signals; the wrapper around them replaces generations."""
    regio = reverse("besturen:regio", kwargs={"slug": "denderregio"})
    _warm(client, regio)
    Bestuur.objects.filter(pk=world.lede.pk).update(naam="Lede-Wichelen")
    assert "Lede-Wichelen" in _miss(client, regio).content.decode()
    opgave = _opgave(world)
    lijst = reverse("opgaven:opgaven", kwargs={"slug": "denderregio"})
    _warm(client, lijst)
    Opgave.objects.bulk_update([Opgave(pk=opgave.pk, titel="Fietsbruggen")], ["titel"])
    assert "Fietsbruggen" in _miss(client, lijst).content.decode()


def test_head_is_served_from_the_cache_like_get(client, world):
    url = reverse("besturen:regio", kwargs={"slug": "denderregio"})
    etag = _miss(client, url)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = client.head(url)
    assert response.status_code == 200 and len(queries) == 0
    assert response["ETag"] == etag and response.content == b""


# --- Per-region generations ----------------------------------------------------------------------------------------


def test_a_write_in_another_region_leaves_the_region_page_cached(client, world):
    drecht_opgave = _opgave(world, "Dijkversterking", regio=world.drecht)
    dender = reverse("besturen:regio", kwargs={"slug": "denderregio"})
    dender_opgaven = reverse("opgaven:opgaven", kwargs={"slug": "denderregio"})
    drecht_opgaven = reverse("opgaven:opgaven", kwargs={"slug": "drechtsteden"})
    home = reverse("besturen:home")
    for url in (dender, dender_opgaven, drecht_opgaven, home):
        _warm(client, url)
    opgaven_services.update_opgave(drecht_opgave, door=None, titel="Dijken en kaden")
    _hit(client, dender)
    _hit(client, dender_opgaven)
    assert "Dijken en kaden" in _miss(client, drecht_opgaven).content.decode()
    _miss(client, home)  # a page of no one region keys on every write


# --- Who gets the cache --------------------------------------------------------------------------------------------


def test_logged_in_users_never_get_or_fill_the_anonymous_cache(client, world):
    url = reverse("besturen:regio", kwargs={"slug": "denderregio"})
    _warm(client, url)
    ingelogd = Client()
    ingelogd.force_login(world.lid)
    for _ in range(2):
        response, aantal = _get(ingelogd, url)
        assert aantal > 0
        assert "Lieve Lid" in response.content.decode()
        assert response["Cache-Control"] == "private, no-store"
        assert "ETag" not in response

    cache.clear()
    _get(ingelogd, url)
    _miss(Client(), url)  # what the logged-in user saw was not stored


def test_a_visitor_with_a_pending_message_gets_a_fresh_page(client, world):
    url = reverse("besturen:regio", kwargs={"slug": "denderregio"})
    _warm(client, url)
    storage = CookieStorage(HttpRequest())
    storage.add(messages.SUCCESS, "Opgeslagen.")
    response = HttpResponse()
    storage.update(response)
    ander = Client()
    ander.cookies["messages"] = response.cookies["messages"].value
    assert "Opgeslagen." in _miss(ander, url).content.decode()
    assert "Opgeslagen." not in _hit(client, url).content.decode()


# --- Variants never mix --------------------------------------------------------------------------------------------


def test_language_variants_never_mix(client, world):
    url = reverse("besturen:regio", kwargs={"slug": "denderregio"})
    nl = _warm(client, url).content.decode()
    engels = Client()
    engels.cookies["django_language"] = "en"
    en = _miss(engels, url).content.decode()
    assert 'lang="en"' in en and 'lang="nl"' in nl
    assert 'lang="en"' in _hit(engels, url).content.decode()
    assert 'lang="nl"' in _hit(client, url).content.decode()


def test_htmx_partials_and_full_pages_never_mix(client, world):
    url = reverse("besturen:regio", kwargs={"slug": "denderregio"})
    _warm(client, url)
    partial = _miss(client, url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="leden")
    assert "<html" not in partial.content.decode()
    assert "<html" not in _hit(client, url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="leden").content.decode()
    assert "<html" in _hit(client, url).content.decode()


def test_rdf_requests_bypass_the_cache_and_never_get_the_html(client, world):
    url = reverse("besturen:regio", kwargs={"slug": "denderregio"})
    _warm(client, url)
    turtle = client.get(url, HTTP_ACCEPT="text/turtle")
    assert turtle["Content-Type"].startswith("text/turtle")
    assert "ETag" not in turtle
    assert client.get(url, HTTP_ACCEPT="application/ld+json")["Content-Type"].startswith(
        "application/ld+json"
    )
    html = _hit(client, url, HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert html["Content-Type"].startswith("text/html")
    assert "Accept" in html["Vary"]


def test_the_date_rolls_the_key(client, world):
    url = reverse("besturen:regio", kwargs={"slug": "denderregio"})
    vandaag = timezone.localtime()
    with time_machine.travel(vandaag, tick=False):
        _warm(client, url)
    with time_machine.travel(vandaag + datetime.timedelta(days=1), tick=False):
        _warm(client, url)


def test_the_query_string_is_part_of_the_key(client, world):
    url = reverse("openbaar:zoeken")
    _warm(client, url + "?q=Aalst")
    _miss(client, url + "?q=Lede")
    _hit(client, url + "?q=Aalst")


# --- CSRF, ETag, 304 -----------------------------------------------------------------------------------------------


def _token(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


def test_every_visitor_gets_a_working_token_of_their_own_from_a_cached_page(world):
    url = reverse("besturen:regio", kwargs={"slug": "denderregio"})
    eerste, tweede = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    _miss(eerste, url)
    pagina = _hit(tweede, url)
    token = _token(pagina)
    assert token != _token(eerste.get(url))
    assert f'"X-CSRFToken": "{token}"' in pagina.content.decode()
    assert "csrftoken" in tweede.cookies
    switch = tweede.post(
        reverse("set_language"), {"language": "en", "next": url, "csrfmiddlewaretoken": token}
    )
    assert switch.status_code == 302
    ander = eerste.post(
        reverse("set_language"), {"language": "en", "next": url, "csrfmiddlewaretoken": token}
    )
    assert ander.status_code == 403  # one visitor's token is not another's


def test_etag_and_no_cache_and_304_without_rendering(client, world):
    url = reverse("besturen:regio", kwargs={"slug": "denderregio"})
    eerste = _miss(client, url)
    assert eerste["Cache-Control"] == "no-cache"
    etag = eerste["ETag"]
    assert etag.startswith('"')
    assert _hit(client, url)["ETag"] == etag
    with CaptureQueriesContext(connection) as queries:
        niet_gewijzigd = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert niet_gewijzigd.status_code == 304 and len(queries) == 0
    assert niet_gewijzigd["ETag"] == etag
    besturen_services.update_regio(world.dender, door=None, naam="Denderregio Zuid")
    nieuw = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert nieuw.status_code == 200 and nieuw["ETag"] != etag
    assert "Denderregio Zuid" in nieuw.content.decode()


def test_feeds_and_sitemaps_are_cached_with_their_own_type(client, world):
    for url in (
        reverse("openbaar:regio_agendas", kwargs={"slug": "denderregio"}),
        reverse("openbaar:sitemap"),
    ):
        eerste = _miss(client, url)
        tweede = _hit(client, url)
        assert tweede["Content-Type"] == eerste["Content-Type"]
        assert not tweede["Content-Type"].startswith("text/html")
        assert tweede.content == eerste.content
        assert tweede["ETag"] and tweede["Cache-Control"] == "no-cache"
        # a feed reader keeps no cookie: its copy still revalidates (the ETag names no CSRF secret)
        lezer = Client()
        assert lezer.get(url, HTTP_IF_NONE_MATCH=tweede["ETag"]).status_code == 304
        assert "csrftoken" not in lezer.cookies


def test_pages_outside_the_allow_list_are_never_cached(client, world):
    url = reverse("besturen:regio_beheer", kwargs={"slug": "denderregio"})
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 302  # to the login
        assert "ETag" not in response
    login = client.get(reverse("login"))
    assert "ETag" not in login and "ETag" not in client.get(reverse("login"))


def test_the_switch_turns_the_cache_off(client, world, settings):
    settings.PAGINACACHE = False
    url = reverse("besturen:regio", kwargs={"slug": "denderregio"})
    _miss(client, url)
    assert "ETag" not in _miss(client, url)


def test_a_logged_in_page_shows_the_account_even_after_an_anonymous_one_was_cached(client, world):
    url = reverse("besturen:regio", kwargs={"slug": "denderregio"})
    _warm(client, url)
    assert client.login(username=world.secretariaat.email, password=PASSWORD)
    pagina = client.get(url).content.decode()
    assert "Uitloggen" in pagina and "Inloggen" not in pagina
