"""The planning-day organiser's screens: the region's secretariat creates and edits a day, its blocks and work
sessions (with a checked working document); after the day the facilitator or the organiser records each session's
output, collected on one page and in one PDF."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from regioportaal.models import ActionLog
from tests.factories import buitenstaander
from vergaderingen import services
from vergaderingen.models import Bijeenkomst, Blok, BlokSoort, KeuzeStatus, Werksessie
from vergaderingen.policies import WerksessiePolicy

from .conftest import PDF_BYTES, upload
from .test_bijeenkomsten import DAG, VOOR_DEADLINE, _dag

pytestmark = pytest.mark.django_db

NA_DE_DAG = datetime.datetime(2031, 5, 24, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def voor_deadline():
    with time_machine.travel(VOOR_DEADLINE, tick=False):
        yield


@pytest.fixture
def dag(w, voor_deadline):
    return _dag(w)


def test_the_organiser_creates_a_planning_day_on_its_own_page(w, client, voor_deadline):
    url = reverse("vergaderingen:bijeenkomst_nieuw", args=["denderregio"])
    assert client.get(url).status_code == 302  # login first
    client.force_login(w.voorzitter)
    assert client.get(url).status_code == 403
    client.force_login(w.secretariaat)
    assert (
        "Nieuwe planningsdag"
        in client.get(reverse("vergaderingen:regio_agenda", args=["denderregio"])).content.decode()
    )
    data = {
        "naam": "Planningsdag 2031",
        "datum": "2031-06-20",
        "locatie": "Aalst",
        "inschrijven_tot": "2031-06-25",
    }
    response = client.post(url, data)
    assert response.status_code == 422 and "uiterlijk op de dag zelf" in response.content.decode()
    assert not Bijeenkomst.objects.exists()
    response = client.post(url, {**data, "inschrijven_tot": "2031-06-10"})
    dag = Bijeenkomst.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "vergaderingen:bijeenkomst_beheer", args=[dag.pk]
    )
    assert (dag.regio, dag.datum) == (w.dender, datetime.date(2031, 6, 20))
    assert (
        ActionLog.objects.filter(actie="aangemaakt", object_id=str(dag.pk))
        .get(content_type__model="bijeenkomst")
        .actor
        == w.secretariaat
    )


def test_a_member_without_the_secretariat_sees_no_organiser_link_and_gets_403(w, dag, client):
    client.force_login(w.lid)
    assert (
        "Nieuwe planningsdag"
        not in client.get(reverse("vergaderingen:regio_agenda", args=["denderregio"])).content.decode()
    )
    for name, pk in (
        ("bijeenkomst_beheer", dag.pk),
        ("bijeenkomst_bewerken", dag.pk),
        ("blok_nieuw", dag.pk),
        ("blok_bewerken", w.ochtend.pk),
        ("werksessie_nieuw", w.ochtend.pk),
        ("werksessie_bewerken", w.mob_ochtend.pk),
        ("uitnodigingen", dag.pk),
    ):
        assert client.get(reverse(f"vergaderingen:{name}", args=[pk])).status_code == 403, name
    assert client.post(reverse("vergaderingen:blok_verwijderen", args=[w.ochtend.pk])).status_code == 403
    assert Blok.objects.filter(pk=w.ochtend.pk).exists()


def test_the_organiser_edits_the_day_adds_a_block_and_a_session_with_a_working_document(w, dag, client):
    client.force_login(w.secretariaat)
    response = client.post(
        reverse("vergaderingen:bijeenkomst_bewerken", args=[dag.pk]),
        {
            "naam": "Planningsdag (gewijzigd)",
            "datum": "2031-05-23",
            "locatie": "Ninove",
            "inschrijven_tot": "2031-05-15",
        },
    )
    assert response.status_code == 302
    dag.refresh_from_db()
    assert (dag.naam, dag.locatie, dag.inschrijven_tot) == (
        "Planningsdag (gewijzigd)",
        "Ninove",
        datetime.date(2031, 5, 15),
    )
    assert (
        client.post(
            reverse("vergaderingen:blok_nieuw", args=[dag.pk]),
            {"soort": BlokSoort.WERKSESSIES, "titel": "Verdieping", "begin": "16:00", "einde": "15:00"},
        ).status_code
        == 422
    )
    response = client.post(
        reverse("vergaderingen:blok_nieuw", args=[dag.pk]),
        {"soort": BlokSoort.WERKSESSIES, "titel": "Verdieping", "begin": "16:00", "einde": "17:00"},
    )
    blok = Blok.objects.get(titel="Verdieping")
    url = reverse("vergaderingen:werksessie_nieuw", args=[blok.pk])
    sessie = {
        "thema": "Zorg",
        "capaciteit": 12,
        "facilitator": "Fien",
        "facilitator_email": "Fien@Example.org",
    }
    response = client.post(url, {**sessie, "werkdocument": upload("zorg.pdf", b"niet echt een pdf")})
    assert response.status_code == 422 and not Werksessie.objects.filter(thema="Zorg").exists()
    response = client.post(url, {**sessie, "werkdocument": upload("zorg.pdf", PDF_BYTES, "application/pdf")})
    assert response.status_code == 302
    zorg = Werksessie.objects.get(thema="Zorg")
    assert zorg.facilitator_email == "fien@example.org" and zorg.documenten.get().naam == "zorg.pdf"
    beheer = client.get(reverse("vergaderingen:bijeenkomst_beheer", args=[dag.pk])).content.decode()
    assert "Verdieping" in beheer and "zorg.pdf" in beheer


def test_more_seats_go_to_the_waiting_list_and_fewer_than_confirmed_are_refused(w, voor_deadline):
    dag = _dag(w, capaciteit=1)
    services.register(dag, bestuur=w.aalst, sessies=[w.mob_ochtend], door=w.raadslid)
    wachtend = services.register(dag, bestuur=w.lede, sessies=[w.mob_ochtend], door=w.lid)
    services.update_werksessie(w.mob_ochtend, capaciteit=2, door=w.secretariaat)
    assert wachtend.keuzes.get().status == KeuzeStatus.BEVESTIGD
    with pytest.raises(Exception, match="al 2 bevestigde deelnemers"):
        services.update_werksessie(w.mob_ochtend, capaciteit=1, door=w.secretariaat)


def test_a_block_or_session_with_registrations_is_not_removed(w, dag, client):
    services.register(dag, bestuur=w.aalst, sessies=[w.mob_ochtend], door=w.raadslid)
    client.force_login(w.secretariaat)
    response = client.post(reverse("vergaderingen:blok_verwijderen", args=[w.ochtend.pk]), follow=True)
    assert "al deelnemers voor ingeschreven" in response.content.decode()
    assert Blok.objects.filter(pk=w.ochtend.pk).exists()
    client.post(reverse("vergaderingen:werksessie_verwijderen", args=[w.wonen_ochtend.pk]))
    assert not Werksessie.objects.filter(pk=w.wonen_ochtend.pk).exists()
    with pytest.raises(Exception, match="werksessies"):
        services.update_blok(w.ochtend, soort=BlokSoort.LUNCH, door=w.secretariaat)


def test_the_organiser_page_queries_do_not_grow_with_blocks_and_sessions(
    w, dag, client, django_assert_max_num_queries
):
    client.force_login(w.secretariaat)
    url = reverse("vergaderingen:bijeenkomst_beheer", args=[dag.pk])
    client.get(url)
    with django_assert_max_num_queries(30) as weinig:
        assert client.get(url).status_code == 200
    for i in range(6):
        blok = services.add_blok(
            dag, soort=BlokSoort.WERKSESSIES, titel=f"Blok {i}", begin=datetime.time(8 + i), door=None
        )
        for j in range(3):
            services.add_werksessie(blok, thema=f"Thema {j}", capaciteit=5, door=None)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_invitations_page_invites_and_lists_with_a_bounded_number_of_queries(
    w, dag, client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    client.force_login(w.secretariaat)
    url = reverse("vergaderingen:uitnodigingen", args=[dag.pk])
    response = client.post(url, {"naam": "Omar", "email": ""})
    assert response.status_code == 422 and "Vul het e-mailadres in" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "personen": [w.lid.persoon.pk],
                "naam": "Omar Ouder",
                "email": "omar@aalst.example",
                "bestuur": w.aalst.pk,
            },
        )
    assert response.status_code == 302
    assert set(dag.uitnodigingen.values_list("email", flat=True)) == {"omar@aalst.example", w.lid.email}
    client.get(url)
    with django_assert_max_num_queries(40) as weinig:
        assert client.get(url).status_code == 200
    services.invite(
        dag, adressen=[(f"Gast {i}", f"gast{i}@aalst.example", w.aalst) for i in range(15)], door=None
    )
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        page = client.get(url)
    assert "Gast 14" in page.content.decode()


# --- After the day: outputs -------------------------------------------------------------------------------------


@pytest.fixture
def facilitator(w):
    return buitenstaander("Fien", "Facilitator", email="fien@example.org")


def _met_facilitator(w, dag, facilitator):
    services.update_werksessie(
        w.mob_ochtend, facilitator="Fien", facilitator_email=facilitator.email, door=None
    )


def test_who_records_a_sessions_output(w, dag, facilitator):
    _met_facilitator(w, dag, facilitator)
    sessie = Werksessie.objects.select_related("blok__bijeenkomst__regio").get(pk=w.mob_ochtend.pk)
    with time_machine.travel(NA_DE_DAG, tick=False):
        users = {**w.users, "facilitator": facilitator}
        mogen = {
            rol for rol, user in users.items() if WerksessiePolicy().may(user, "record_opbrengst", sessie)
        }
    assert mogen == {"facilitator", "secretariaat", "platformbeheerder"}


def test_the_facilitator_records_the_output_after_the_day_not_before(w, dag, facilitator, client):
    _met_facilitator(w, dag, facilitator)
    url = reverse("vergaderingen:opbrengst", args=[w.mob_ochtend.pk])
    client.force_login(facilitator)
    response = client.get(url)
    assert response.status_code == 200 and "vanaf de dag van de bijeenkomst" in response.content.decode()
    with pytest.raises(Exception, match="vanaf de dag"):
        services.record_opbrengst(w.mob_ochtend, opbrengst="Te vroeg", door=facilitator)
    with time_machine.travel(NA_DE_DAG, tick=False):
        client.force_login(facilitator)
        assert client.post(url, {"opbrengst": " "}).status_code == 422
        response = client.post(url, {"opbrengst": "Een regionale fietsstrategie tegen 2033."})
        assert response.status_code == 302
        client.force_login(w.lid)
        assert client.get(url).status_code == 403
    w.mob_ochtend.refresh_from_db()
    assert w.mob_ochtend.opbrengst == "Een regionale fietsstrategie tegen 2033."
    assert ActionLog.objects.get(actie="opbrengst vastgelegd").actor == facilitator


def test_the_days_outputs_page_and_pdf_for_the_region_but_not_for_outsiders(
    w, dag, client, django_assert_max_num_queries
):
    with time_machine.travel(NA_DE_DAG, tick=False):
        services.record_opbrengst(w.mob_ochtend, opbrengst="Fietsstrategie", door=w.secretariaat)
        services.record_opbrengst(w.wonen_middag, opbrengst="Woonzorgzones", door=w.secretariaat)
    url = reverse("vergaderingen:opbrengsten", args=[dag.pk])
    client.force_login(w.buitenstaander)
    assert client.get(url).status_code == 404
    client.force_login(w.raadslid)
    page = client.get(url).content.decode()
    assert "Fietsstrategie" in page and "Woonzorgzones" in page and "Opbrengst vastleggen" not in page
    response = client.get(reverse("vergaderingen:opbrengsten_pdf", args=[dag.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    client.get(url)
    with django_assert_max_num_queries(30) as weinig:
        client.get(url)
    for i in range(8):
        services.add_werksessie(w.ochtend, thema=f"Thema {i}", capaciteit=5, door=None)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_day_page_shows_the_organiser_and_the_facilitator_their_links(w, dag, facilitator, client):
    _met_facilitator(w, dag, facilitator)
    url = reverse("vergaderingen:bijeenkomst", args=[dag.pk])
    client.force_login(w.secretariaat)
    assert "Organiseren: programma" in client.get(url).content.decode()
    client.force_login(facilitator)
    page = client.get(url).content.decode()
    assert (
        "Organiseren: programma" not in page
        and reverse("vergaderingen:opbrengst", args=[w.mob_ochtend.pk]) in page
    )
    assert DAG == dag.datum
