"""The P&C calendar: its dates and states, who sees which programme, the steps the secretariat records there, the
iCalendar feed (valid under vobject, all-day, stable UIDs), bounded queries and the reminders (14 and 3 days ahead,
once, through the user's own choice of immediate mail or digest)."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
import vobject
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmas import herinneringen, kalender, services
from programmas.models import Jaarprogramma, Procedure, ProgrammaSoort, VersieStatus
from regioportaal.models import ActionLog, Melding
from regioportaal.tasks import send_digests
from tests.factories import PASSWORD

from .bouw import JAAR, bouw_regio, programma

pytestmark = pytest.mark.django_db

S = VersieStatus
TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)
KALENDERJAAR = JAAR - 1  # the budget of 2027 is prepared, routed and adopted in 2026
VOORGELEGD_OP = datetime.date(2026, 3, 2)  # twelve weeks: the views' term ends 25 May 2026
BEHANDELDATUM = datetime.date(2026, 6, 25)  # the general board's meeting; the draft must go out by 2 April
VANDAAG = datetime.date(2026, 5, 15)


def _op(datum):
    """Travel to 10:00 on `datum` (the services and pages read today's date)."""
    return time_machine.travel(datetime.datetime.combine(datum, datetime.time(10), tzinfo=TZ), tick=False)


@pytest.fixture
def zw(db, snelle_wachtwoorden, media):
    """A Wgr region (zienswijze) whose 2027 budget was routed on 2 March 2026, with a board meeting on 25 June, and a
    GR budget of its own that follows the consent route and has no version yet (not public)."""
    w = bouw_regio(3, procedure=Procedure.ZIENSWIJZE)
    with _op(VOORGELEGD_OP):
        w.versie = programma(w, tot=S.VOORGELEGD)
    w.programma = w.versie.jaarprogramma
    services.update_jaarprogramma(w.programma, door=None, behandeldatum=BEHANDELDATUM)
    w.begroting = Jaarprogramma.objects.create(
        regio=w.regio,
        jaar=JAAR,
        soort=ProgrammaSoort.BEGROTING,
        titel="Begroting GR 2027",
        procedure=Procedure.INSTEMMING,
        behandeldatum=datetime.date(2026, 10, 1),
    )
    w.admin = get_user_model().objects.create_superuser(email="beheer@example.org", password=PASSWORD)
    return w


def _users(w):
    return {**w.users, "admin": w.admin}


def _client(client, user):
    if user is not None:
        client.force_login(user)
    return client


def _url(w, jaar=KALENDERJAAR):
    return reverse("programmas:pc_kalender", args=[w.regio.slug, jaar])


def _rij(html, programma, sleutel):
    """The text of one row of the calendar table (tags stripped), or None."""
    gevonden = re.search(rf'<tr id="moment-{programma.pk}-{sleutel}"[^>]*>(.*?)</tr>', html, re.S)
    if gevonden is None:
        return None
    return " ".join(re.sub(r"<[^>]+>", " ", gevonden.group(1)).split())


# --- The dates and their states -------------------------------------------------------------------------------------


def test_the_dates_are_computed_backward_from_the_meeting_with_their_state_and_article(zw):
    momenten = kalender.kalender(zw.regio, KALENDERJAAR, besloten=True, vandaag=VANDAAG)
    van = {(m.programma.pk, m.sleutel): m for m in momenten}
    kaders = van[(zw.programma.pk, "kaders")]
    assert (kaders.datum, kaders.staat, kaders.artikel) == (
        datetime.date(2026, 4, 14),
        "te_laat",
        "Wgr art. 34b",
    )
    ontwerp = van[(zw.programma.pk, "ontwerp")]
    assert ontwerp.datum == datetime.date(2026, 4, 2)  # 25 June minus twelve weeks
    assert (ontwerp.staat, ontwerp.gedaan_op) == ("gedaan", VOORGELEGD_OP)
    zienswijzen = van[(zw.programma.pk, "zienswijzen")]
    assert (zienswijzen.datum, zienswijzen.staat) == (datetime.date(2026, 5, 25), "binnenkort")
    assert van[(zw.programma.pk, "vaststelling")].staat == "te_doen"
    assert van[(zw.programma.pk, "vaststelling")].grondslag == "datum van de regio"
    assert van[(zw.programma.pk, "gs")].datum == datetime.date(2026, 9, 14)
    # The consent budget has only the board's meeting (its own route, not the region's).
    assert van[(zw.begroting.pk, "vaststelling")].datum == datetime.date(2026, 10, 1)
    assert (zw.begroting.pk, "kaders") not in van
    # Only this calendar year: the accounts of 2027 reach gedeputeerde staten in 2028.
    assert all(m.datum.year == KALENDERJAAR for m in momenten)
    assert [m.datum for m in momenten] == sorted(m.datum for m in momenten)
    later = kalender.kalender(zw.regio, JAAR + 1, besloten=True, vandaag=VANDAAG)
    assert [(m.sleutel, m.datum) for m in later] == [("jaarrekening_gs", datetime.date(2028, 7, 14))]


def test_the_page_shows_each_date_with_its_state_in_words(client, zw):
    with _op(VANDAAG):
        response = _client(client, zw.secretariaat).get(_url(zw))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<caption>" in html and '<th scope="row"><time datetime="2026-04-14">' in html
    assert "te laat" in _rij(html, zw.programma, "kaders")
    assert "Wgr art. 34b" in _rij(html, zw.programma, "kaders")
    assert "gedaan op 2 maart 2026" in _rij(html, zw.programma, "ontwerp")
    assert "binnenkort (binnen 14 dagen)" in _rij(html, zw.programma, "zienswijzen")
    assert "te doen" in _rij(html, zw.programma, "vaststelling")
    assert "datum van de regio" in _rij(html, zw.programma, "vaststelling")
    assert _rij(html, zw.begroting, "vaststelling") is not None
    assert f'href="{zw.versie.get_absolute_url()}"' in html
    # Previous and next year, and the feed.
    assert f'href="{_url(zw, KALENDERJAAR - 1)}" rel="prev"' in html
    assert f'href="{_url(zw, KALENDERJAAR + 1)}" rel="next"' in html
    assert reverse("programmas:pc_kalender_ics", args=[zw.regio.slug]) in html


def test_a_later_visit_shows_the_new_states(client, zw):
    with _op(datetime.date(2026, 7, 1)):
        html = client.get(_url(zw)).content.decode()
    assert "te laat" in _rij(html, zw.programma, "vaststelling")  # the board has not adopted yet
    assert "binnenkort" not in _rij(html, zw.programma, "gs")


def test_the_overview_links_to_the_calendar_and_the_secretariat_to_the_settings(client, zw):
    overzicht = reverse("programmas:overzicht", args=[zw.regio.slug])
    with _op(VANDAAG):
        anoniem = client.get(overzicht).content.decode()
        assert _url(zw, 2026) in anoniem
        assert reverse("programmas:regeling", args=[zw.regio.slug]) not in anoniem
        secretariaat = _client(client, zw.secretariaat).get(overzicht).content.decode()
    assert reverse("programmas:regeling", args=[zw.regio.slug]) in secretariaat


def test_the_current_year_redirects(client, zw):
    with _op(VANDAAG):
        response = client.get(reverse("programmas:pc_kalender_nu", args=[zw.regio.slug]))
    assert response.status_code == 302 and response["Location"] == _url(zw, 2026)


def test_a_year_out_of_range_or_an_unknown_region_is_404(client, zw):
    assert client.get(_url(zw, 1999)).status_code == 404
    assert client.get(reverse("programmas:pc_kalender", args=["bestaat-niet", 2026])).status_code == 404


# --- Who sees what ----------------------------------------------------------------------------------------------------

ALLES = {
    "secretariaat",
    "voorzitter",
    "bestuurslid",
    "raadssecretaris",
    "raadssecretaris_b",
    "raadslid",
    "admin",
}
BEHEER = {"secretariaat", "admin"}


@pytest.mark.parametrize("wie", sorted(ALLES | {"buitenstaander", "ander_secretariaat", "anoniem"}))
def test_public_programmes_for_everyone_everything_for_the_region_forms_for_the_secretariat(client, zw, wie):
    with _op(VANDAAG):
        response = _client(client, _users(zw)[wie]).get(_url(zw))
    assert response.status_code == 200
    html = response.content.decode()
    assert _rij(html, zw.programma, "kaders") is not None  # a routed version is public
    assert (_rij(html, zw.begroting, "vaststelling") is not None) == (wie in ALLES)
    assert ('name="actie" value="stap"' in html) == (wie in BEHEER)
    assert ('name="actie" value="programma"' in html) == (wie in BEHEER)


@pytest.mark.parametrize("wie", ["voorzitter", "raadslid", "buitenstaander", "ander_secretariaat", "anoniem"])
def test_only_the_secretariat_records_a_step(client, zw, wie):
    data = {
        "actie": "stap",
        "programma": zw.programma.pk,
        "stap": "kaders",
        f"stap-{zw.programma.pk}-kaders-datum": "2026-04-10",
    }
    with _op(VANDAAG):
        response = _client(client, _users(zw)[wie]).post(_url(zw), data)
    if wie == "anoniem":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == 403
    zw.programma.refresh_from_db()
    assert zw.programma.kaders_verzonden_op is None


def test_another_regions_programme_cannot_be_reached_through_this_page(client, zw):
    ander = bouw_regio(2, procedure=Procedure.ZIENSWIJZE)
    vreemd = programma(ander).jaarprogramma
    data = {
        "actie": "stap",
        "programma": vreemd.pk,
        "stap": "kaders",
        f"stap-{vreemd.pk}-kaders-datum": "2026-04-10",
    }
    with _op(VANDAAG):
        response = _client(client, zw.secretariaat).post(_url(zw), data)
    assert response.status_code == 404


# --- Steps the secretariat records here -------------------------------------------------------------------------------


@pytest.mark.parametrize("wie", sorted(BEHEER))
def test_the_secretariat_records_the_frameworks_sent_and_the_date_turns_done(client, zw, wie):
    data = {
        "actie": "stap",
        "programma": zw.programma.pk,
        "stap": "kaders",
        f"stap-{zw.programma.pk}-kaders-datum": "2026-04-10",
    }
    with _op(VANDAAG):
        response = _client(client, _users(zw)[wie]).post(_url(zw), data)
        assert response.status_code == 302
        html = client.get(_url(zw)).content.decode()
    zw.programma.refresh_from_db()
    assert zw.programma.kaders_verzonden_op == datetime.date(2026, 4, 10)
    assert "gedaan op 10 april 2026" in _rij(html, zw.programma, "kaders")
    assert f"stap-{zw.programma.pk}-kaders-datum" not in html  # no form for a step that is done
    log = ActionLog.objects.get(actie="P&C-stap vastgelegd", actor__isnull=False)
    assert log.actor == _users(zw)[wie]


def test_a_step_in_the_future_is_refused_next_to_the_date(client, zw):
    veld = f"stap-{zw.programma.pk}-kaders-datum"
    data = {"actie": "stap", "programma": zw.programma.pk, "stap": "kaders", veld: "2026-06-01"}
    with _op(VANDAAG):
        response = _client(client, zw.secretariaat).post(_url(zw), data)
    assert response.status_code == 200
    fout = re.search(
        rf'<div class="errorlist" id="id_{veld}_error">(.*?)</div>', response.content.decode(), re.S
    )
    assert fout and "Deze datum ligt in de toekomst." in fout.group(1)
    zw.programma.refresh_from_db()
    assert zw.programma.kaders_verzonden_op is None


def test_the_accounts_are_recorded_adopted_and_sent_to_gs(client, zw):
    """The accounts of 2026 (programme of 2026) reach gedeputeerde staten before 15 July 2027."""
    vorig = Jaarprogramma.objects.create(regio=zw.regio, jaar=2026, procedure=Procedure.ZIENSWIJZE)
    url = _url(zw, 2027)
    with _op(datetime.date(2027, 5, 3)):
        _client(client, zw.secretariaat)
        html = client.get(url).content.decode()
        assert (
            f"stap-{vorig.pk}-jaarrekening-datum" in html and f"stap-{vorig.pk}-jaarrekening_gs-datum" in html
        )
        client.post(
            url,
            {
                "actie": "stap",
                "programma": vorig.pk,
                "stap": "jaarrekening",
                f"stap-{vorig.pk}-jaarrekening-datum": "2027-04-30",
            },
        )
        html = client.get(url).content.decode()
    # Adopted on 30 April: the accounts go to gedeputeerde staten within two weeks (Wgr art. 34 lid 3).
    assert '<time datetime="2027-05-14">' in html
    assert f"stap-{vorig.pk}-jaarrekening-datum" not in html
    assert "binnenkort" in _rij(html, vorig, "jaarrekening_gs")


def test_the_secretariat_sets_the_meeting_date_and_the_route_of_a_programme(client, zw):
    prefix = f"programma-{zw.begroting.pk}"
    with _op(VANDAAG):
        _client(client, zw.secretariaat)
        response = client.post(
            _url(zw),
            {
                "actie": "programma",
                "programma": zw.begroting.pk,
                f"{prefix}-procedure": "",
                f"{prefix}-behandeldatum": "2026-11-05",
            },
        )
        assert response.status_code == 302
        zw.begroting.refresh_from_db()
        assert (zw.begroting.procedure, zw.begroting.behandeldatum) == ("", datetime.date(2026, 11, 5))
        assert ActionLog.objects.filter(actie="jaarprogramma gewijzigd", actor=zw.secretariaat).exists()
        # Now it follows the region's route (zienswijze): the frameworks and the draft appear for it too.
        html = client.get(_url(zw)).content.decode()
        assert _rij(html, zw.begroting, "kaders") is not None
        assert '<time datetime="2026-08-13">' in html  # 5 November minus twelve weeks
        # A programme whose version was routed keeps its route.
        prefix = f"programma-{zw.programma.pk}"
        response = client.post(
            _url(zw),
            {
                "actie": "programma",
                "programma": zw.programma.pk,
                f"{prefix}-procedure": "instemming",
                f"{prefix}-behandeldatum": "",
            },
        )
    assert response.status_code == 200
    assert "houdt zijn procedure" in response.content.decode()
    zw.programma.refresh_from_db()
    assert zw.programma.procedure == ""


# --- Bounded queries --------------------------------------------------------------------------------------------------


def _tel(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("wie", ["secretariaat", "raadslid", "anoniem"])
def test_the_page_and_the_feed_make_the_same_few_queries_for_one_or_many_programmes(
    client, zw, wie, django_assert_max_num_queries
):
    _client(client, _users(zw)[wie])
    feed = reverse("programmas:pc_kalender_ics", args=[zw.regio.slug])
    with _op(VANDAAG):
        client.get(_url(zw))  # the header's region switcher is cached from the first page on
        pagina_een, feed_een = _tel(client, _url(zw)), _tel(client, feed)
        for jaar in (2025, 2026, 2028, 2029):
            versie = programma(zw, jaar=jaar, tot=S.VOORGELEGD if jaar == 2028 else S.CONCEPT)
            services.update_jaarprogramma(
                versie.jaarprogramma, door=None, behandeldatum=datetime.date(jaar - 1, 6, 1)
            )
        Jaarprogramma.objects.create(regio=zw.regio, jaar=2026, soort=ProgrammaSoort.BEGROTING)
        with django_assert_max_num_queries(12):
            response = client.get(_url(zw))
        assert response.status_code == 200
        with django_assert_max_num_queries(5):
            assert client.get(feed).status_code == 200
        assert _tel(client, _url(zw)) == pagina_een
        assert _tel(client, feed) == feed_een


# --- The iCalendar feed -------------------------------------------------------------------------------------------------


def _feed(client, w):
    response = client.get(reverse("programmas:pc_kalender_ics", args=[w.regio.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    raw = response.content
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    return vobject.readOne(raw.decode("utf-8"), validate=True)


def test_the_feed_is_valid_icalendar_with_an_all_day_event_per_public_date_in_every_year(client, zw):
    with _op(VANDAAG):
        cal = _feed(client, zw)
    events = {e.uid.value: e for e in cal.vevent_list}
    host = "127.0.0.1"
    assert set(events) == {
        f"pc-{zw.programma.pk}-{sleutel}@{host}"
        for sleutel in ("kaders", "ontwerp", "zienswijzen", "vaststelling", "gs", "jaarrekening_gs")
    }  # the begroting without a public version is left out; 2028's accounts date is in
    kaders = events[f"pc-{zw.programma.pk}-kaders@{host}"]
    assert kaders.dtstart.value == datetime.date(2026, 4, 14)
    assert not isinstance(kaders.dtstart.value, datetime.datetime)  # all day
    assert kaders.dtend.value == datetime.date(2026, 4, 15)
    assert kaders.summary.value.startswith("Kaders en voorlopige jaarrekening naar de raden: ")
    assert "Wgr art. 34b" in kaders.description.value
    assert kaders.dtstamp.value.tzinfo is not None
    ontwerp = events[f"pc-{zw.programma.pk}-ontwerp@{host}"]
    assert "Gedaan op 2 maart 2026" in ontwerp.description.value
    assert ontwerp.url.value.endswith(zw.versie.get_absolute_url())
    assert events[f"pc-{zw.programma.pk}-jaarrekening_gs@{host}"].dtstart.value == datetime.date(2028, 7, 14)


def test_a_moved_meeting_keeps_its_uid(client, zw):
    uid = f"pc-{zw.programma.pk}-ontwerp@127.0.0.1"
    with _op(VANDAAG):
        voor = {e.uid.value: e.dtstart.value for e in _feed(client, zw).vevent_list}
        services.update_jaarprogramma(zw.programma, door=None, behandeldatum=datetime.date(2026, 7, 2))
        na = {e.uid.value: e.dtstart.value for e in _feed(client, zw).vevent_list}
    assert set(voor) == set(na)
    assert (voor[uid], na[uid]) == (datetime.date(2026, 4, 2), datetime.date(2026, 4, 9))


def test_the_feed_of_a_region_without_public_programmes_is_an_empty_valid_calendar(
    client, db, snelle_wachtwoorden, media
):
    w = bouw_regio(2)
    programma(w)  # a concept: not public
    cal = _feed(client, w)
    assert not list(getattr(cal, "vevent_list", []))


# --- Reminders ------------------------------------------------------------------------------------------------------------


def _herinneringen(vandaag, capture):
    with capture(execute=True):
        return herinneringen.send_pc_reminders(vandaag=vandaag)


def test_the_reminder_is_a_scheduled_celery_task():
    assert herinneringen.send_pc_reminders.name == "programmas.herinneringen.stuur_pc_herinneringen"
    taken = {regel["task"] for regel in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "programmas.herinneringen.stuur_pc_herinneringen" in taken
    assert "programmas.herinneringen" in settings.CELERY_IMPORTS


def test_the_secretariat_is_reminded_14_and_3_days_ahead_once_each(
    zw, mailoutbox, django_capture_on_commit_callbacks
):
    kaders = datetime.date(2026, 4, 14)
    for _ in range(2):  # running twice sends once
        _herinneringen(kaders - datetime.timedelta(days=14), django_capture_on_commit_callbacks)
    assert [m.to for m in mailoutbox] == [[zw.secretariaat.email]]
    assert mailoutbox[0].subject.startswith("Nog 14 dagen: Kaders en voorlopige jaarrekening naar de raden")
    assert "Wgr art. 34b" in mailoutbox[0].body
    assert Melding.objects.filter(sleutel=f"pc:{zw.programma.pk}:kaders:2026-04-14:14").count() == 1
    _herinneringen(kaders - datetime.timedelta(days=10), django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1  # nothing between the two reminders
    for _ in range(2):
        _herinneringen(kaders - datetime.timedelta(days=3), django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2 and mailoutbox[1].subject.startswith("Nog 3 dagen")
    # Only the region's secretariat: no council, board member or other region.
    ontvangers = set(Melding.objects.values_list("user", flat=True))
    assert ontvangers == {zw.secretariaat.pk}


def test_a_done_date_is_not_reminded(zw, mailoutbox, django_capture_on_commit_callbacks):
    with _op(datetime.date(2026, 3, 20)):
        services.record_pc_stap(zw.programma, stap="kaders", datum=datetime.date(2026, 3, 20), door=None)
    _herinneringen(datetime.date(2026, 4, 11), django_capture_on_commit_callbacks)
    assert not Melding.objects.filter(sleutel__contains=":kaders:").exists()
    # The draft went out on 2 March: no reminder before its date either.
    _herinneringen(datetime.date(2026, 3, 19), django_capture_on_commit_callbacks)
    assert not Melding.objects.filter(sleutel__contains=":ontwerp:").exists()


def test_a_digest_user_gets_the_reminder_in_the_daily_digest(
    zw, mailoutbox, django_capture_on_commit_callbacks
):
    zw.secretariaat.meldingen = "dagelijks"
    zw.secretariaat.save()
    gs = datetime.date(2026, 9, 14)
    assert _herinneringen(gs - datetime.timedelta(days=14), django_capture_on_commit_callbacks) == 1
    assert not mailoutbox
    melding = Melding.objects.get(user=zw.secretariaat, verzonden_op__isnull=True)
    assert "Begroting naar gedeputeerde staten" in melding.onderwerp
    send_digests()
    assert [m.to for m in mailoutbox] == [[zw.secretariaat.email]]
    assert "Begroting naar gedeputeerde staten" in mailoutbox[0].body
    _herinneringen(gs - datetime.timedelta(days=14), django_capture_on_commit_callbacks)
    send_digests()
    assert len(mailoutbox) == 1
