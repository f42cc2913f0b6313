"""iCalendar feeds: valid under vobject, UTC times, CRLF, folding; the body's public feed and the personal feed."""

import datetime

import pytest
import vobject
from django.urls import reverse
from django.utils import timezone

from regioportaal import ical
from vergaderingen import services

from .conftest import plan

pytestmark = pytest.mark.django_db


def parse(text):
    return vobject.readOne(text, validate=True)


def assert_wire_format(raw):
    """CRLF after every line, no bare LF, no line over 75 octets."""
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, line


def test_long_text_is_folded_at_75_octets_without_splitting_characters():
    lang = "Goedkeuring van de regionale strategische agenda, programmering; netwerkbestuur – ë" * 3
    event = ical.Event(
        uid="x-1@regioportaal",
        start=timezone.now(),
        end=timezone.now() + datetime.timedelta(hours=1),
        summary=lang,
        dtstamp=ical.now(),
        description="regel 1\nregel 2, met komma; en puntkomma\\",
    )
    raw = ical.calendar([event]).encode("utf-8")
    assert_wire_format(raw)
    cal = parse(raw.decode("utf-8"))
    assert cal.vevent.summary.value == lang
    assert cal.vevent.description.value == "regel 1\nregel 2, met komma; en puntkomma\\"


def test_body_feed_lists_published_meetings_with_public_items_only(w, client):
    gepubliceerd = plan(w.dbo, days=5)
    services.add_agendapunt(gepubliceerd, titel="Regionale mobiliteit", door=None)
    services.add_agendapunt(gepubliceerd, titel="Personeelszaak", openbaar=False, door=None)
    services.publish_agenda(gepubliceerd, door=None)
    ongepubliceerd = plan(w.dbo, days=40)
    services.add_agendapunt(ongepubliceerd, titel="Nog geheim", door=None)

    response = client.get(reverse("vergaderingen:orgaan_feed", args=[w.dbo.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    raw = response.content
    assert_wire_format(raw)
    cal = parse(raw.decode("utf-8"))
    events = cal.vevent_list
    assert len(events) == 1
    event = events[0]
    assert event.uid.value == f"vergadering-{gepubliceerd.pk}@127.0.0.1"
    assert event.dtstart.value == gepubliceerd.begin
    assert event.dtstart.value.utcoffset() == datetime.timedelta(0)
    assert event.dtend.value == gepubliceerd.einde
    assert event.dtstamp.value.tzinfo is not None
    assert "1. Regionale mobiliteit" in event.description.value
    assert "Personeelszaak" not in raw.decode() and "Nog geheim" not in raw.decode()
    assert event.location.value == "Stadhuis Aalst"


def test_moving_a_meeting_raises_its_sequence(w):
    vergadering = plan(w.dbo)
    services.update_vergadering(vergadering, begin=vergadering.begin + datetime.timedelta(hours=1), door=None)
    event = services.vergadering_event(vergadering, met_besloten=False)
    assert event.sequence == 1


def test_personal_feed_shows_all_meetings_of_the_users_bodies_behind_a_revocable_token(w, client):
    eigen = plan(w.dbo, days=5)
    services.add_agendapunt(eigen, titel="Personeelszaak", openbaar=False, door=None)
    plan(w.drechtraad, days=6)  # not theirs
    token = services.kalendertoken(w.lid).token
    url = reverse("vergaderingen:persoonlijke_feed", args=[token])

    response = client.get(url)  # no login: the token is the key
    assert response.status_code == 200
    cal = parse(response.content.decode())
    assert [e.uid.value for e in cal.vevent_list] == [f"vergadering-{eigen.pk}@127.0.0.1"]

    vernieuwd = services.renew_kalendertoken(w.lid, door=w.lid)
    assert client.get(url).status_code == 404
    nieuw = reverse("vergaderingen:persoonlijke_feed", args=[vernieuwd.token])
    assert client.get(nieuw).status_code == 200


def test_an_unknown_token_is_404(client, db):
    assert client.get(reverse("vergaderingen:persoonlijke_feed", args=["geraden"])).status_code == 404


def test_the_personal_feed_of_a_deactivated_account_is_404(w, client):
    token = services.kalendertoken(w.lid).token
    w.lid.is_active = False
    w.lid.save()
    assert client.get(reverse("vergaderingen:persoonlijke_feed", args=[token])).status_code == 404


def test_feeds_run_a_bounded_number_of_queries(w, client, django_assert_max_num_queries):
    for days in range(1, 8):
        vergadering = plan(w.dbo, days=days)
        services.add_agendapunt(vergadering, titel="Punt", door=None)
        services.publish_agenda(vergadering, door=None)
    token = services.kalendertoken(w.lid).token
    with django_assert_max_num_queries(3):
        response = client.get(reverse("vergaderingen:orgaan_feed", args=[w.dbo.pk]))
    assert len(parse(response.content.decode()).vevent_list) == 7
    with django_assert_max_num_queries(10):
        response = client.get(reverse("vergaderingen:persoonlijke_feed", args=[token]))
    assert len(parse(response.content.decode()).vevent_list) == 7


def test_the_database_holds_no_token_that_opens_a_feed(w, client):
    """Only the SHA-256 of each calendar token is stored: no stored value opens a feed, the secret shown does."""
    from vergaderingen.models import KalenderToken, hash_token

    plan(w.dbo, days=5)
    gemaakt = services.kalendertoken(w.lid)
    vernieuwd = services.renew_kalendertoken(w.voorzitter, door=w.voorzitter)
    for kalender in KalenderToken.objects.all():
        stored = [getattr(kalender, field.attname) for field in KalenderToken._meta.concrete_fields]
        for value in stored:
            url = reverse("vergaderingen:persoonlijke_feed", args=[str(value)])
            assert client.get(url).status_code == 404
    for token in (gemaakt, vernieuwd):
        assert KalenderToken.objects.get(user=token.user).token_hash == hash_token(token.token)
        url = reverse("vergaderingen:persoonlijke_feed", args=[token.token])
        assert client.get(url).status_code == 200


def test_the_migration_hashes_existing_tokens_so_handed_out_links_keep_working(w, client):
    """Before 0003 the secret itself was stored; the data migration hashes it in place."""
    import importlib

    from django.apps import apps

    from vergaderingen.models import KalenderToken

    migratie = importlib.import_module("vergaderingen.migrations.0003_kalendertoken_hash")
    plan(w.dbo, days=5)
    oud = "een-oude-link-in-klare-tekst"
    KalenderToken.objects.create(user=w.lid, token_hash=oud)  # as a row looked before the migration
    migratie.hash_tokens(apps, None)
    assert not KalenderToken.objects.filter(token_hash=oud).exists()
    assert client.get(reverse("vergaderingen:persoonlijke_feed", args=[oud])).status_code == 200
