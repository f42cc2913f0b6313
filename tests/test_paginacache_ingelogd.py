"""The page cache for logged-in users (regioportaal.paginacache, "Logged-in users"; issue 16): each session gets its
own pages from the cache on the second request, never another user's or the anonymous page, and every write
through a service, a right taken away, a changed session, a changed password, a new notification and the next hour
show on the next request."""

import datetime
import re

import pytest
import time_machine
from django.contrib import messages
from django.contrib.auth import SESSION_KEY
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from besturen import services as besturen_services
from regioportaal import meldingen, security
from regioportaal.models import User
from tests.factories import PASSWORD
from vergaderingen import services as vergaderingen_services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _lege_cache(settings):
    settings.PAGINACACHE = True
    cache.clear()


def _ingelogd(user):
    client = Client()
    assert client.login(username=user.email, password=PASSWORD)
    return client


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def _hit(client, url, max_queries=2):
    """From this session's cache: the view did not run (the session and the user are read, nothing else; the
    session is saved too when its activity stamp is a minute old)."""
    response, aantal = _get(client, url)
    assert response.status_code == 200
    assert getattr(response, "_paginacache_hit", False), (
        f"{url}: rendered, expected this session's cached page"
    )
    assert aantal <= max_queries, f"{url}: {aantal} queries for a cached page"
    return response


def _miss(client, url, status=200):
    response, _aantal = _get(client, url)
    assert response.status_code == status
    assert not getattr(response, "_paginacache_hit", False), (
        f"{url}: served from the cache, expected a fresh page"
    )
    return response


def _warm(client, url):
    _miss(client, url)
    return _hit(client, url)


def _agenda(world, titel="Regionale mobiliteit"):
    begin = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=14), datetime.time(19))
    )
    vergadering = vergaderingen_services.plan_vergadering(
        world.dbo, door=None, begin=begin, einde=begin + datetime.timedelta(hours=2), locatie="Stadhuis Aalst"
    )
    vergaderingen_services.add_agendapunt(vergadering, titel=titel, door=None)
    return vergadering, reverse("vergaderingen:agenda_beheer", kwargs={"pk": vergadering.pk})


def test_a_logged_in_page_comes_from_the_sessions_own_cache_and_stays_private(world):
    client = _ingelogd(world.secretariaat)
    _vergadering, url = _agenda(world)
    assert "Regionale mobiliteit" in _miss(client, url).content.decode()
    response = _hit(client, url)
    assert "Regionale mobiliteit" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response


def test_two_users_on_one_page_each_get_their_own(world):
    url = reverse("besturen:regio", kwargs={"slug": "denderregio"})
    sara, lieve = _ingelogd(world.secretariaat), _ingelogd(world.lid)
    _warm(sara, url)
    pagina = _miss(lieve, url).content.decode()
    assert "Lieve Lid" in pagina and "Sara Secretaris" not in pagina.split("<main")[0]
    assert "Lieve Lid" in _hit(lieve, url).content.decode()
    assert "Sara Secretaris" in _hit(sara, url).content.decode().split("<main")[0]


def test_the_anonymous_page_and_the_logged_in_page_never_mix(world):
    url = reverse("besturen:regio", kwargs={"slug": "denderregio"})
    anoniem = Client()
    anoniem.get(url)
    assert "Inloggen" in anoniem.get(url).content.decode()
    sara = _ingelogd(world.secretariaat)
    assert "Uitloggen" in _miss(sara, url).content.decode()
    assert "Uitloggen" in _hit(sara, url).content.decode()
    assert "Inloggen" in anoniem.get(url).content.decode()


def test_an_agenda_item_added_shows_on_the_next_request(world):
    client = _ingelogd(world.secretariaat)
    vergadering, url = _agenda(world)
    _warm(client, url)
    vergaderingen_services.add_agendapunt(vergadering, titel="Fietssnelwegen", door=None)
    assert "Fietssnelwegen" in _miss(client, url).content.decode()
    assert "Fietssnelwegen" in _hit(client, url).content.decode()


def test_a_seat_ended_takes_the_page_away_on_the_next_request(world):
    client = _ingelogd(world.secretariaat)
    _vergadering, url = _agenda(world)
    _warm(client, url)
    besturen_services.end_lidmaatschap(
        world.secretariaat.lidmaatschap, einddatum=timezone.localdate(), door=None
    )
    assert _get(client, url)[0].status_code in (403, 404)


def test_a_changed_session_misses_but_the_activity_stamp_does_not(world):
    client = _ingelogd(world.secretariaat)
    _vergadering, url = _agenda(world)
    _warm(client, url)
    session = client.session
    session[security.ACTIVE] = session[security.ACTIVE] + 30  # refreshed by every minute of activity
    session.save()
    _hit(client, url)
    session = client.session
    session["gekozen_regio"] = "drechtsteden"  # any choice kept in the session: another session state
    session.save()
    _miss(client, url)


@pytest.mark.parametrize("stempel", [120, 0], ids=["stempel-ververst", "stempel-vers"])
@pytest.mark.parametrize("wijziging", ["nieuw", "gewijzigd", "gewist"])
def test_a_page_whose_view_changed_the_session_is_not_stored(world, monkeypatch, wijziging, stempel):
    """The view changed the session while rendering: the page belongs to the new state, not to the key's (read
    before the view ran), so it is not stored under the old state's key, whether or not the activity stamp was
    refreshed before the view ran."""
    from regioportaal.views_werklijst import WerklijstView

    client = _ingelogd(world.secretariaat)
    url = reverse("werklijst")
    session = client.session
    session.update({"gekozen_regio": "drechtsteden", "extra": "x", "stap": 1})
    # An activity stamp older than a minute is refreshed before the view runs (the session changed already then).
    session[security.ACTIVE] = session[security.ACTIVE] - stempel
    session.save()
    origineel = WerklijstView.get_context_data

    def wijzigt_de_sessie(self, **kwargs):
        if wijziging == "nieuw":
            self.request.session["gekozen_regio_2"] = "turnhout"
        elif wijziging == "gewijzigd":
            self.request.session["gekozen_regio"] = "denderregio"
        else:
            del self.request.session["extra"]
        return origineel(self, **kwargs)

    monkeypatch.setattr(WerklijstView, "get_context_data", wijzigt_de_sessie)
    _miss(client, url)
    monkeypatch.setattr(WerklijstView, "get_context_data", origineel)
    session = client.session
    assert (
        session.get("gekozen_regio_2") or session["gekozen_regio"] == "denderregio" or "extra" not in session
    )
    session.update({"gekozen_regio": "drechtsteden", "extra": "x", "stap": 1})
    session.pop("gekozen_regio_2", None)
    session.save()
    _miss(client, url)  # the state the view replaced: nothing was stored under it
    _hit(client, url)


def test_a_page_whose_view_left_the_session_alone_is_stored_after_a_refreshed_stamp(world):
    client = _ingelogd(world.secretariaat)
    url = reverse("werklijst")
    _warm(client, url)
    session = client.session
    session[security.ACTIVE] = session[security.ACTIVE] - 120  # refreshed (and saved) by this request
    session["gekozen_regio"] = "drechtsteden"  # another state: a miss, rendered and stored
    session.save()
    _miss(client, url)
    _hit(client, url)


def test_a_new_notification_shows_on_the_next_request(world):
    client = _ingelogd(world.secretariaat)
    url = reverse("werklijst")
    _warm(client, url)
    meldingen.notify([world.secretariaat], "Onderwerp", "Tekst")
    _miss(client, url)


def test_a_changed_password_logs_the_session_out_instead_of_serving_its_page(world):
    client = _ingelogd(world.secretariaat)
    url = reverse("werklijst")
    _warm(client, url)
    user = User.objects.get(pk=world.secretariaat.pk)
    user.set_password("een-heel-ander-wachtwoord")
    user.save()
    response = _get(client, url)[0]
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_deactivated_account_by_bulk_update_is_not_served(world):
    client = _ingelogd(world.secretariaat)
    url = reverse("werklijst")
    _warm(client, url)
    User.objects.filter(pk=world.secretariaat.pk).update(is_active=False)
    assert _get(client, url)[0].status_code == 302


def test_logging_out_and_in_again_starts_a_new_session_cache(world):
    client = _ingelogd(world.secretariaat)
    url = reverse("werklijst")
    _warm(client, url)
    client.post(reverse("logout"))
    assert _get(client, url)[0].status_code == 302
    assert client.login(username=world.secretariaat.email, password=PASSWORD)
    _miss(client, url)


def test_a_pending_message_gets_a_fresh_page_that_is_not_stored(world):
    client = _ingelogd(world.secretariaat)
    url = reverse("werklijst")
    _warm(client, url)
    storage = CookieStorage(HttpRequest())
    storage.add(messages.SUCCESS, "Opgeslagen.")
    response = HttpResponse()
    storage.update(response)
    client.cookies["messages"] = response.cookies["messages"].value
    assert "Opgeslagen." in _miss(client, url).content.decode()
    assert "Opgeslagen." not in _hit(client, url).content.decode()  # shown once, and never kept in the cache


def test_the_hour_rolls_a_logged_in_page_over(world):
    client = _ingelogd(world.secretariaat)
    url = reverse("werklijst")
    nu = timezone.localtime().replace(minute=50)
    with time_machine.travel(nu, tick=False):
        _warm(client, url)
    with time_machine.travel(nu + datetime.timedelta(minutes=5), tick=False):
        _hit(client, url, max_queries=5)  # the session's activity stamp is saved too
    with time_machine.travel(nu + datetime.timedelta(minutes=12), tick=False):  # the next hour, still kept
        _miss(client, url)


def test_a_page_is_kept_a_quarter_of_an_hour(world):
    client = _ingelogd(world.secretariaat)
    url = reverse("werklijst")
    nu = timezone.localtime().replace(minute=0)
    with time_machine.travel(nu, tick=False):
        _warm(client, url)
    with time_machine.travel(nu + datetime.timedelta(minutes=16), tick=False):
        _miss(client, url)


def _token(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


def test_a_cached_page_carries_the_sessions_own_working_token(world):
    client = Client(enforce_csrf_checks=True)
    assert client.login(username=world.secretariaat.email, password=PASSWORD)
    vergadering, url = _agenda(world)
    _miss(client, url)
    eerste, tweede = _token(_hit(client, url)), _token(_hit(client, url))
    assert eerste != tweede  # masked afresh on every serve
    secret = client.cookies["csrftoken"].value
    assert _unmask_cipher_token(eerste) == _unmask_cipher_token(tweede) == secret
    response = client.post(
        reverse("vergaderingen:agenda_beheer", kwargs={"pk": vergadering.pk}),
        {"titel": "Een punt met een geldig token", "csrfmiddlewaretoken": tweede},
    )
    assert response.status_code != 403


def test_the_switch_turns_the_logged_in_cache_off_too(world, settings):
    settings.PAGINACACHE = False
    client = _ingelogd(world.secretariaat)
    url = reverse("werklijst")
    _miss(client, url)
    _miss(client, url)


def test_a_page_outside_both_lists_is_never_cached(world):
    client = _ingelogd(world.secretariaat)
    url = reverse("besturen:logboek", kwargs={"slug": "denderregio"})
    _miss(client, url)
    _miss(client, url)


def test_the_session_must_still_name_its_user(world):
    """A session whose user id no longer matches (tampered or reused) never gets the page stored under it."""
    client = _ingelogd(world.secretariaat)
    url = reverse("werklijst")
    _warm(client, url)
    session = client.session
    session[SESSION_KEY] = str(world.lid.pk)
    session.save()
    response = _get(client, url)[0]
    assert not getattr(response, "_paginacache_hit", False)
