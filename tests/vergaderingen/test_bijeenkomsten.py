"""Planning days: registration rules, waiting list, confirmation mail with an .ics link, overview and CSV export."""

import csv
import datetime
import io
import re
import threading
from urllib.parse import urlsplit

import pytest
import time_machine
import vobject
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from besturen.models import Rol
from regioportaal.models import ActionLog, Melding
from regioportaal.permissions import NotAllowed
from tests.factories import maak_gebruiker
from vergaderingen import services
from vergaderingen.models import Blok, BlokSoort, Inschrijving, KeuzeStatus, Sessiekeuze

DAG = datetime.date(2031, 5, 23)
VOOR_DEADLINE = datetime.datetime(2031, 5, 1, 10, 0, tzinfo=datetime.UTC)
NA_DEADLINE = datetime.datetime(2031, 5, 13, 10, 0, tzinfo=datetime.UTC)


def _dag(w, capaciteit=10):
    """A planning day of the Denderregio with two blocks of two sessions each."""
    dag = services.create_bijeenkomst(
        w.dender,
        naam="Planningsdag",
        datum=DAG,
        locatie="Technopolis, Mechelen",
        inschrijven_tot=datetime.date(2031, 5, 12),
        door=w.secretariaat,
    )
    w.ochtend = services.add_blok(
        dag,
        soort=BlokSoort.WERKSESSIES,
        titel="Trends",
        begin=datetime.time(10),
        einde=datetime.time(12, 30),
        door=None,
    )
    w.middag = services.add_blok(
        dag,
        soort=BlokSoort.WERKSESSIES,
        titel="Ambities",
        begin=datetime.time(14),
        einde=datetime.time(16),
        door=None,
    )
    w.mob_ochtend = services.add_werksessie(w.ochtend, thema="Mobiliteit", capaciteit=capaciteit, door=None)
    w.wonen_ochtend = services.add_werksessie(w.ochtend, thema="Wonen", capaciteit=capaciteit, door=None)
    w.mob_middag = services.add_werksessie(w.middag, thema="Mobiliteit", capaciteit=capaciteit, door=None)
    w.wonen_middag = services.add_werksessie(w.middag, thema="Wonen", capaciteit=capaciteit, door=None)
    return dag


@pytest.fixture
def dag(w):
    return _dag(w)


@pytest.fixture
def voor_deadline():
    with time_machine.travel(VOOR_DEADLINE, tick=False):
        yield


pytestmark = pytest.mark.django_db


def test_only_the_regions_secretariat_organises(w):
    with pytest.raises(NotAllowed):
        services.create_bijeenkomst(
            w.dender,
            naam="X",
            datum=DAG,
            locatie="Y",
            inschrijven_tot=datetime.date(2031, 5, 1),
            door=w.voorzitter,
        )


def test_an_official_registers_for_one_session_per_block_and_gets_a_confirmation_with_ics(
    w, dag, voor_deadline, mailoutbox, django_capture_on_commit_callbacks, client
):
    with django_capture_on_commit_callbacks(execute=True):
        inschrijving = services.register(
            dag, bestuur=w.aalst, sessies=[w.mob_ochtend, w.wonen_middag], door=w.raadslid
        )
    assert sorted(inschrijving.keuzes.values_list("werksessie__thema", "status")) == [
        ("Mobiliteit", KeuzeStatus.BEVESTIGD),
        ("Wonen", KeuzeStatus.BEVESTIGD),
    ]
    assert ActionLog.objects.filter(actie="ingeschreven", actor=w.raadslid).exists()
    (melding,) = Melding.objects.filter(soort="inschrijving")  # through the one outbox, as every message
    assert melding.user == w.raadslid
    (mail,) = mailoutbox
    assert mail.to == [w.raadslid.email] and "Planningsdag" in mail.subject
    ics_url = re.search(r"https?://\S+/bijeenkomst\.ics", mail.body).group(0)
    response = client.get(urlsplit(ics_url).path)  # a signed link: no login needed
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    event = vobject.readOne(response.content.decode(), validate=True).vevent
    assert event.dtstart.value == datetime.datetime(
        2031, 5, 23, 8, 0, tzinfo=datetime.UTC
    )  # 10:00 in Mechelen
    assert event.dtend.value == datetime.datetime(2031, 5, 23, 14, 0, tzinfo=datetime.UTC)
    assert "Mobiliteit" in event.description.value and event.location.value == "Technopolis, Mechelen"
    assert client.get(urlsplit(ics_url).path.replace("bijeenkomst.ics", "x")).status_code == 404
    assert client.get(urlsplit(ics_url).path[:-20] + "XYZ/bijeenkomst.ics").status_code == 404


def test_registration_after_the_deadline_is_refused_with_a_clear_message(w, dag):
    with time_machine.travel(NA_DEADLINE, tick=False):
        with pytest.raises(ValidationError, match="gesloten: inschrijven kon tot en met 12 mei 2031"):
            services.register(dag, bestuur=w.aalst, sessies=[w.mob_ochtend], door=w.raadslid)
    assert not Inschrijving.objects.exists()


BRUSSEL = datetime.timezone(datetime.timedelta(hours=2))  # Europe/Brussels in May (summer time)


def test_the_deadline_day_itself_is_still_open_until_midnight_in_brussels(
    w, dag, mailoutbox, django_capture_on_commit_callbacks
):
    assert dag.inschrijven_tot == datetime.date(2031, 5, 12)
    with time_machine.travel(datetime.datetime(2031, 5, 12, 23, 59, tzinfo=BRUSSEL), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            inschrijving = services.register(dag, bestuur=w.aalst, sessies=[w.mob_ochtend], door=w.raadslid)
    assert Inschrijving.objects.get() == inschrijving and inschrijving.user == w.raadslid
    assert list(inschrijving.keuzes.values_list("werksessie__thema", "status")) == [
        ("Mobiliteit", KeuzeStatus.BEVESTIGD)
    ]
    (mail,) = mailoutbox
    assert mail.to == [w.raadslid.email] and "Planningsdag" in mail.subject


def test_registration_closes_at_midnight_in_brussels_not_in_utc(w, dag, mailoutbox):
    # 00:01 on 13 May in Brussels is still 12 May in UTC: the portal's day is the Brussels one.
    with time_machine.travel(datetime.datetime(2031, 5, 13, 0, 1, tzinfo=BRUSSEL), tick=False):
        with pytest.raises(ValidationError, match="gesloten: inschrijven kon tot en met 12 mei 2031"):
            services.register(dag, bestuur=w.aalst, sessies=[w.mob_ochtend], door=w.raadslid)
    assert not Inschrijving.objects.exists() and mailoutbox == []


def test_registering_twice_is_refused(w, dag, voor_deadline):
    services.register(dag, bestuur=w.aalst, sessies=[w.mob_ochtend], door=w.raadslid)
    with pytest.raises(ValidationError, match="al ingeschreven"):
        services.register(dag, bestuur=w.aalst, sessies=[w.wonen_middag], door=w.raadslid)


def test_two_sessions_in_one_block_are_refused(w, dag, voor_deadline):
    with pytest.raises(ValidationError, match="één werksessie per blok"):
        services.register(dag, bestuur=w.aalst, sessies=[w.mob_ochtend, w.wonen_ochtend], door=w.raadslid)
    assert not Inschrijving.objects.exists()


def test_the_database_refuses_a_second_registration_and_a_second_session_per_block(w, dag, voor_deadline):
    inschrijving = services.register(dag, bestuur=w.aalst, sessies=[w.mob_ochtend], door=w.raadslid)
    with pytest.raises(IntegrityError), transaction.atomic():
        Inschrijving.objects.create(bijeenkomst=dag, user=w.raadslid, bestuur=w.aalst)
    with pytest.raises(IntegrityError), transaction.atomic():
        Sessiekeuze.objects.create(
            inschrijving=inschrijving,
            blok=w.ochtend,
            werksessie=w.wonen_ochtend,
            status=KeuzeStatus.BEVESTIGD,
        )


@pytest.mark.parametrize("wie", ["buitenstaander", "secretariaat_drecht"])
def test_people_outside_the_region_cannot_register(w, dag, voor_deadline, wie):
    with pytest.raises(NotAllowed):
        services.register(dag, bestuur=w.aalst, sessies=[w.mob_ochtend], door=getattr(w, wie))


def test_a_bestuur_outside_the_region_is_refused(w, dag, voor_deadline):
    with pytest.raises(ValidationError) as exc:
        services.register(dag, bestuur=w.dordrecht, sessies=[w.mob_ochtend], door=w.raadslid)
    assert "bestuur" in exc.value.error_dict


def test_a_full_session_puts_the_next_one_on_the_waiting_list_and_a_cancellation_moves_them_up(
    w, voor_deadline, mailoutbox, django_capture_on_commit_callbacks
):
    dag = _dag(w, capaciteit=1)
    services.register(dag, bestuur=w.aalst, sessies=[w.mob_ochtend], door=w.raadslid)
    tweede = services.register(dag, bestuur=w.lede, sessies=[w.mob_ochtend, w.mob_middag], door=w.lid)
    derde = services.register(dag, bestuur=w.aalst, sessies=[w.mob_ochtend], door=w.voorzitter)
    assert dict(tweede.keuzes.values_list("werksessie__blok__titel", "status")) == {
        "Trends": KeuzeStatus.WACHTLIJST,
        "Ambities": KeuzeStatus.BEVESTIGD,
    }
    eerste = Inschrijving.objects.get(user=w.raadslid)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        (opgeschoven,) = services.cancel_inschrijving(eerste, door=w.raadslid)
    assert opgeschoven.inschrijving == tweede  # first come, first served
    assert tweede.keuzes.get(blok=w.ochtend).status == KeuzeStatus.BEVESTIGD
    assert derde.keuzes.get().status == KeuzeStatus.WACHTLIJST
    (mail,) = mailoutbox
    assert mail.to == [w.lid.email] and "Mobiliteit" in mail.subject
    assert ActionLog.objects.filter(actie="van wachtlijst opgeschoven").count() == 1


def test_only_the_participant_or_the_organiser_cancels(w, dag, voor_deadline):
    inschrijving = services.register(dag, bestuur=w.aalst, sessies=[w.mob_ochtend], door=w.raadslid)
    with pytest.raises(NotAllowed):
        services.cancel_inschrijving(inschrijving, door=w.lid)
    services.cancel_inschrijving(inschrijving, door=w.secretariaat)
    assert not Inschrijving.objects.exists()


def test_the_overview_shows_per_bestuur_and_theme_who_is_represented(w, dag, voor_deadline):
    services.register(dag, bestuur=w.aalst, sessies=[w.mob_ochtend, w.wonen_middag], door=w.raadslid)
    services.register(dag, bestuur=w.aalst, sessies=[w.mob_ochtend], door=w.voorzitter)
    from vergaderingen.selectors import overzicht

    data = overzicht(dag)
    assert data["themas"] == ["Mobiliteit", "Wonen"]
    assert [(r["bestuur"].naam, r["cellen"], r["ontbrekend"]) for r in data["rijen"]] == [
        ("Aalst", [2, 1], 0),
        ("Lede", [0, 0], 2),
    ]
    assert data["volledig"] == [False, False]


def test_the_participant_csv_is_streamed_row_by_row_for_the_organiser_only(w, dag, voor_deadline, client):
    services.register(dag, bestuur=w.aalst, sessies=[w.mob_ochtend, w.wonen_middag], door=w.raadslid)
    w.lid.first_name = "=HYPERLINK(1)"
    w.lid.save()
    services.register(dag, bestuur=w.lede, sessies=[w.wonen_ochtend], door=w.lid)
    url = reverse("vergaderingen:deelnemers_csv", args=[dag.pk])

    client.force_login(w.voorzitter)
    assert client.get(url).status_code == 403
    client.force_login(w.secretariaat)
    response = client.get(url)
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    chunks = list(response.streaming_content)
    assert len(chunks) == 1 + 3  # the header, then one chunk per row
    rows = list(csv.reader(io.StringIO(b"".join(chunks).decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["naam", "e-mailadres", "namens"]
    assert [(r[2], r[4], r[5]) for r in rows[1:]] == [
        ("Aalst", "Mobiliteit", "bevestigd"),
        ("Aalst", "Wonen", "bevestigd"),
        ("Lede", "Wonen", "bevestigd"),
    ]
    assert rows[3][0].startswith("'=HYPERLINK")  # no formula injection into spreadsheets


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_for_the_last_seat_give_it_to_exactly_one(w):
    if connection.vendor != "postgresql":
        pytest.skip("row locks (select_for_update) are only real on PostgreSQL")
    dag = _dag(w, capaciteit=1)
    deelnemers = [
        maak_gebruiker(w.dbo, Rol.LID, f"Deelnemer{i}", "Gelijktijdig", namens=w.aalst) for i in range(6)
    ]
    barrier = threading.Barrier(len(deelnemers))
    errors = []

    def register(user):
        try:
            barrier.wait()
            services.register(dag, bestuur=w.aalst, sessies=[w.mob_ochtend], door=user)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(user,)) for user in deelnemers]
    with time_machine.travel(VOOR_DEADLINE, tick=False):  # process-wide, so once for all threads
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    statuses = list(w.mob_ochtend.keuzes.values_list("status", flat=True))
    assert statuses.count(KeuzeStatus.BEVESTIGD) == 1
    assert statuses.count(KeuzeStatus.WACHTLIJST) == len(deelnemers) - 1


def test_a_session_belongs_in_a_werksessies_block(w, dag):
    lunch = Blok.objects.create(
        bijeenkomst=dag, soort=BlokSoort.LUNCH, titel="Lunch", begin=datetime.time(12, 30)
    )
    with pytest.raises(ValidationError):
        services.add_werksessie(lunch, thema="Eten", capaciteit=5, door=None)


def test_the_organiser_may_register_someone_after_the_deadline_but_a_member_may_not(w, dag):
    with time_machine.travel(NA_DEADLINE, tick=False):
        with pytest.raises(NotAllowed):
            services.register(dag, bestuur=w.aalst, sessies=[w.mob_ochtend], door=w.lid, deelnemer=w.raadslid)
        inschrijving = services.register(
            dag, bestuur=w.aalst, sessies=[w.mob_ochtend], door=w.secretariaat, deelnemer=w.raadslid
        )
    assert inschrijving.user == w.raadslid
    assert ActionLog.objects.get(actie="ingeschreven").actor == w.secretariaat
