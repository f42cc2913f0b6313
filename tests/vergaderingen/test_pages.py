"""The pages: who may see (404 otherwise) and do (403 otherwise), and a bound on each page's queries."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from vergaderingen import services
from vergaderingen.models import AgendapuntStatus, Besluituitkomst, KalenderToken, Keuze, VergaderingStatus

from .conftest import PDF_BYTES, gehouden, moment, plan, upload
from .test_bijeenkomsten import NA_DEADLINE, VOOR_DEADLINE, _dag

pytestmark = pytest.mark.django_db

# Bounds for logged-in pages include two queries guardian makes once per process (content types of the
# permission tables); they hold whether a test runs first or after others, and they do not grow with the data.


def _as(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)


def _get(client, user, url, **kwargs):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url, **kwargs)


def _post(client, user, url, data=None, **kwargs):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.post(url, data or {}, **kwargs)


@pytest.fixture
def agenda(w):
    """A meeting with a published agenda (a public and a closed item, documents) and an unpublished one."""
    gepubliceerd = plan(w.dbo, days=5)
    for i in range(4):
        punt = services.add_agendapunt(gepubliceerd, titel=f"Openbaar punt {i}", door=None)
        services.add_document(punt, upload(f"nota-{i}.pdf", PDF_BYTES), door=None)
    services.add_agendapunt(gepubliceerd, titel="Besloten personeelszaak", openbaar=False, door=None)
    services.publish_agenda(gepubliceerd, door=None)
    concept = plan(w.dbo, days=40)
    services.add_agendapunt(concept, titel="Concept punt", door=None)
    return gepubliceerd, concept


# --- The body's calendar -------------------------------------------------------------------------------------


def test_calendar_shows_the_public_only_published_meetings(w, agenda, client, django_assert_max_num_queries):
    gepubliceerd, concept = agenda
    url = reverse("vergaderingen:kalender", args=[w.dbo.pk])
    _as(client, None)
    with django_assert_max_num_queries(3):
        response = client.get(url)
    content = response.content.decode()
    assert response.status_code == 200
    assert gepubliceerd.get_absolute_url() in content and concept.get_absolute_url() not in content
    assert "4 agendapunten" in content  # the closed item is not counted for the public
    assert "Vergadering plannen" not in content


def test_calendar_shows_members_every_meeting_and_the_secretariat_plans(
    w, agenda, client, django_assert_max_num_queries
):
    gepubliceerd, concept = agenda
    url = reverse("vergaderingen:kalender", args=[w.dbo.pk])
    _as(client, w.lid)
    with django_assert_max_num_queries(14):
        content = client.get(url).content.decode()
    assert concept.get_absolute_url() in content and "5 agendapunten" in content
    assert "Vergadering plannen" not in content
    _as(client, w.secretariaat)
    with django_assert_max_num_queries(14):
        content = client.get(url).content.decode()
    assert "Vergadering plannen" in content


def test_planning_a_meeting(w, client):
    url = reverse("vergaderingen:kalender", args=[w.dbo.pk])
    data = {"begin": "2031-03-05T19:00", "einde": "2031-03-05T21:00", "locatie": "Stadhuis Aalst"}
    assert _post(client, w.lid, url, data).status_code == 403
    assert _post(client, None, url, data).status_code == 302
    response = _post(client, w.secretariaat, url, data)
    vergadering = w.dbo.vergaderingen.get()
    assert response.status_code == 302 and response["Location"].endswith(
        f"/vergadering/{vergadering.pk}/agenda/"
    )
    assert vergadering.begin == datetime.datetime(2031, 3, 5, 18, 0, tzinfo=datetime.UTC)


def test_planning_without_place_shows_the_error_next_to_the_field(w, client):
    url = reverse("vergaderingen:kalender", args=[w.dbo.pk])
    response = _post(client, w.secretariaat, url, {"begin": "2031-03-05T19:00", "einde": "2031-03-05T18:00"})
    content = response.content.decode()
    assert response.status_code == 422
    assert 'id="id_locatie_error"' in content and 'id="id_einde_error"' in content


# --- The meeting page ----------------------------------------------------------------------------------------


def test_meeting_page_for_the_public_shows_public_items_and_documents(
    w, agenda, client, django_assert_max_num_queries
):
    gepubliceerd, concept = agenda
    _as(client, None)
    with django_assert_max_num_queries(5):
        response = client.get(gepubliceerd.get_absolute_url())
    content = response.content.decode()
    assert "Openbaar punt 3" in content and "nota-3.pdf" in content
    assert "Besloten personeelszaak" not in content
    assert "Agendapunt voorstellen" not in content
    assert _get(client, None, concept.get_absolute_url()).status_code == 404
    assert _get(client, w.raadslid, concept.get_absolute_url()).status_code == 404


def test_meeting_page_for_members_shows_closed_items_and_lets_them_propose(
    w, agenda, client, django_assert_max_num_queries
):
    gepubliceerd, concept = agenda
    _as(client, w.lid)
    with django_assert_max_num_queries(14):
        response = client.get(gepubliceerd.get_absolute_url())
    content = response.content.decode()
    assert "Besloten personeelszaak" in content and "Agendapunt voorstellen" in content
    assert _get(client, w.lid, concept.get_absolute_url()).status_code == 200
    response = _post(client, w.lid, concept.get_absolute_url(), {"titel": "Fietssnelweg", "openbaar": "on"})
    assert response.status_code == 302
    assert concept.agendapunten.get(titel="Fietssnelweg").status == AgendapuntStatus.VOORGESTELD
    assert _post(client, w.raadslid, gepubliceerd.get_absolute_url(), {"titel": "X"}).status_code == 403


def test_meeting_page_after_the_meeting_shows_decisions_votes_and_attendance(
    w, client, django_assert_max_num_queries
):
    vergadering = gehouden(w.dbo, punten=[f"Punt {i}" for i in range(5)])
    for punt in vergadering.agendapunten.all():
        services.record_besluit(
            punt,
            uitkomst=Besluituitkomst.AANGENOMEN,
            tekst=f"Besluit over {punt.titel}",
            stemmen={w.zetel_voorzitter.pk: Keuze.VOOR, w.zetel_lid.pk: Keuze.TEGEN},
            door=None,
        )
    services.record_aanwezigheid(
        vergadering, aanwezigheden={w.zetel_voorzitter.pk: "aanwezig", w.zetel_lid.pk: "aanwezig"}, door=None
    )
    _as(client, None)
    with django_assert_max_num_queries(6):
        response = client.get(vergadering.get_absolute_url())
    content = response.content.decode()
    assert "Besluit over Punt 4" in content
    assert "Stemming: 1 voor, 1 tegen, 0 onthoudingen." in content
    assert "Lieve Lid: tegen" in content
    assert "Victor Voorzitter" in content and "aanwezig" in content


# --- The agenda builder --------------------------------------------------------------------------------------


def test_agenda_builder_is_for_the_secretariat(w, agenda, client, django_assert_max_num_queries):
    gepubliceerd, concept = agenda
    url = reverse("vergaderingen:agenda_beheer", args=[concept.pk])
    _as(client, w.secretariaat)
    with django_assert_max_num_queries(15):
        response = client.get(url)
    assert response.status_code == 200 and "Agenda publiceren" in response.content.decode()
    assert _get(client, w.lid, url).status_code == 403
    assert _get(client, w.raadslid, url).status_code == 404  # an unpublished agenda does not exist for them
    assert _get(client, None, url).status_code == 404
    gepubliceerd_url = reverse("vergaderingen:agenda_beheer", args=[gepubliceerd.pk])
    assert _get(client, w.raadslid, gepubliceerd_url).status_code == 403
    assert _get(client, None, gepubliceerd_url).status_code == 302  # to the login page


def test_add_and_reorder_items_with_htmx(w, client):
    vergadering = plan(w.dbo)
    url = reverse("vergaderingen:agenda_beheer", args=[vergadering.pk])
    client.force_login(w.secretariaat)
    for titel in ("Opening", "Mobiliteit"):
        response = client.post(url, {"titel": titel}, headers={"HX-Request": "true"})
        assert response.status_code == 200 and "<html" not in response.content.decode()
    mobiliteit = vergadering.agendapunten.get(titel="Mobiliteit")
    response = client.post(
        reverse("vergaderingen:agendapunt_actie", args=[mobiliteit.pk, "omhoog"]),
        headers={"HX-Request": "true"},
    )
    content = response.content.decode()
    assert response.status_code == 200 and "<html" not in content and 'id="agenda"' in content
    assert "HX-Request" in response["Vary"]
    assert content.index("Mobiliteit") < content.index("Opening")
    assert "autofocus" in content  # the keyboard focus stays on the button that was used
    # without htmx the same form works as a plain POST
    response = client.post(reverse("vergaderingen:agendapunt_actie", args=[mobiliteit.pk, "omlaag"]))
    assert response.status_code == 302
    assert list(vergadering.agendapunten.order_by("volgnummer").values_list("titel", flat=True)) == [
        "Opening",
        "Mobiliteit",
    ]


def test_item_actions_are_forbidden_to_members(w, client):
    vergadering = plan(w.dbo)
    punt = services.add_agendapunt(vergadering, titel="A", door=None)
    assert (
        _post(client, w.lid, reverse("vergaderingen:agendapunt_actie", args=[punt.pk, "omlaag"])).status_code
        == 403
    )
    assert (
        _post(
            client, w.raadslid, reverse("vergaderingen:agendapunt_actie", args=[punt.pk, "omlaag"])
        ).status_code
        == 404
    )
    assert (
        _post(
            client, w.secretariaat, reverse("vergaderingen:agendapunt_actie", args=[punt.pk, "wis"])
        ).status_code
        == 404
    )


def test_accepting_a_proposal_and_publishing(w, client, mailoutbox, django_capture_on_commit_callbacks):
    vergadering = plan(w.dbo)
    voorstel = services.propose_agendapunt(vergadering, titel="Fietssnelweg", door=w.lid)
    client.force_login(w.secretariaat)
    client.post(reverse("vergaderingen:agendapunt_actie", args=[voorstel.pk, "aanvaarden"]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("vergaderingen:vergadering_actie", args=[vergadering.pk, "publiceren"])
        )
    assert response.status_code == 302
    vergadering.refresh_from_db()
    assert vergadering.status == VergaderingStatus.AGENDA_GEPUBLICEERD
    assert {m.to[0] for m in mailoutbox} == {w.secretariaat.email, w.voorzitter.email, w.lid.email}
    response = _get(client, None, reverse("vergaderingen:agenda_pdf", args=[vergadering.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert (
        _post(
            client, w.lid, reverse("vergaderingen:vergadering_actie", args=[vergadering.pk, "afsluiten"])
        ).status_code
        == 403
    )


def test_edit_page_for_an_item(w, client, django_assert_max_num_queries):
    vergadering = plan(w.dbo)
    punt = services.add_agendapunt(vergadering, titel="A", door=None)
    url = reverse("vergaderingen:agendapunt_bewerken", args=[punt.pk])
    _as(client, w.secretariaat)
    # The form offers the opgaven and the programme versions to link to: one query each.
    with django_assert_max_num_queries(13):
        assert client.get(url).status_code == 200
    assert _get(client, w.voorzitter, url).status_code == 403
    response = _post(client, w.secretariaat, url, {"titel": "Nieuwe titel", "toelichting": "Uitleg"})
    assert response.status_code == 302
    punt.refresh_from_db()
    assert (punt.titel, punt.toelichting, punt.openbaar) == ("Nieuwe titel", "Uitleg", False)


# --- After the meeting ---------------------------------------------------------------------------------------


def test_decision_page_records_decision_and_vote(w, client, django_assert_max_num_queries):
    vergadering = gehouden(w.dbo)
    punt = vergadering.agendapunten.get()
    url = reverse("vergaderingen:besluit", args=[punt.pk])
    _as(client, w.secretariaat)
    with django_assert_max_num_queries(11):
        assert client.get(url).status_code == 200
    assert _get(client, w.voorzitter, url).status_code == 403
    data = {
        "uitkomst": "aangenomen",
        "tekst": "Goedgekeurd",
        f"stem_{w.zetel_voorzitter.pk}": "voor",
        f"stem_{w.zetel_lid.pk}": "onthouding",
    }
    response = _post(client, w.secretariaat, url, data)
    assert response.status_code == 302
    stemming = punt.besluit.stemming
    assert (stemming.voor, stemming.tegen, stemming.onthouding) == (1, 0, 1)
    response = _post(client, w.secretariaat, url, {**data, "voor": "3"})
    assert response.status_code == 422 and 'id="id_voor_error"' in response.content.decode()


def test_report_page_records_attendance_and_minutes(w, client, django_assert_max_num_queries):
    vergadering = gehouden(w.dbo)
    url = reverse("vergaderingen:verslag", args=[vergadering.pk])
    _as(client, w.secretariaat)
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
    assert _get(client, w.lid, url).status_code == 403
    response = _post(
        client,
        w.secretariaat,
        url,
        {
            "actie": "aanwezigheid",
            f"lid_{w.secretariaat.persoon.lidmaatschappen.get().pk}": "aanwezig",
            f"lid_{w.zetel_voorzitter.pk}": "aanwezig",
            f"lid_{w.zetel_lid.pk}": "verontschuldigd",
        },
    )
    assert response.status_code == 302
    assert vergadering.aanwezigheden.get(lidmaatschap=w.zetel_lid).status == "verontschuldigd"
    assert _post(client, w.secretariaat, url, {"actie": "notulen", "notulen": "Verslag."}).status_code == 302
    vergadering.refresh_from_db()
    assert vergadering.notulen == "Verslag."


# --- My calendar and the region page -------------------------------------------------------------------------


def test_my_calendar_page_shows_the_feed_and_changes_preference(w, client, django_assert_max_num_queries):
    plan(w.dbo)
    url = reverse("vergaderingen:mijn_agenda")
    assert _get(client, None, url).status_code == 302
    _as(client, w.lid)
    response = client.get(url)
    assert "U hebt nog geen agenda-link." in response.content.decode()
    assert not KalenderToken.objects.filter(user=w.lid).exists()  # a GET creates nothing
    response = _post(client, w.lid, url, {"actie": "vernieuwen"})
    feed = re.search(r'id="feed" value="([^"]+)"', response.content.decode()).group(1)
    assert client.get(feed).status_code == 200  # the link shown once opens the feed
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert feed not in response.content.decode()  # shown once: only its hash is stored
    assert "U hebt een agenda-link." in response.content.decode()
    stored = KalenderToken.objects.get(user=w.lid).token_hash
    _post(client, w.lid, url, {"actie": "vernieuwen"})
    assert KalenderToken.objects.get(user=w.lid).token_hash != stored
    assert client.get(feed).status_code == 404
    _post(client, w.lid, url, {"frequentie": "dagelijks"})
    w.lid.refresh_from_db()
    assert w.lid.meldingen == "dagelijks"


def test_region_agenda_lists_bodies_and_planning_days(w, client, django_assert_max_num_queries):
    _dag(w)
    _as(client, None)
    with django_assert_max_num_queries(3):
        response = client.get(reverse("vergaderingen:regio_agenda", args=["denderregio"]))
    content = response.content.decode()
    assert "Burgemeestersoverleg Denderregio" in content and "Planningsdag" in content
    assert _get(client, None, reverse("vergaderingen:regio_agenda", args=["nergens"])).status_code == 404


# --- Planning days -------------------------------------------------------------------------------------------


def test_planning_day_page_and_registration(w, client, django_assert_max_num_queries):
    dag = _dag(w)
    url = dag.get_absolute_url()
    with time_machine.travel(VOOR_DEADLINE, tick=False):
        _as(client, None)
        with django_assert_max_num_queries(5):
            content = client.get(url).content.decode()
        assert "Log in om u in te schrijven" in content and "Trends" in content
        _as(client, w.raadslid)
        with django_assert_max_num_queries(16):
            content = client.get(url).content.decode()
        assert 'name="blok_' in content and f'<option value="{w.aalst.pk}" selected>' in content
        assert "Inschrijven kan voor de medewerkers" in _get(client, w.buitenstaander, url).content.decode()
        assert _post(client, w.buitenstaander, url, {}).status_code == 403
        data = {
            "bestuur": w.aalst.pk,
            f"blok_{w.ochtend.pk}": w.mob_ochtend.pk,
            f"blok_{w.middag.pk}": w.wonen_middag.pk,
        }
        response = _post(client, w.raadslid, url, data)
        assert response.status_code == 302
        content = _get(client, w.raadslid, url).content.decode()
        assert "U bent ingeschreven namens Aalst" in content
        response = _post(client, w.lid, url, {"bestuur": w.lede.pk})
        assert response.status_code == 422 and "Kies minstens één werksessie" in response.content.decode()
    with time_machine.travel(NA_DEADLINE, tick=False):
        content = _get(client, w.lid, url).content.decode()
        assert "De inschrijving is gesloten: inschrijven kon tot en met 12 mei 2031." in content
        response = _post(client, w.lid, url, {"bestuur": w.lede.pk, f"blok_{w.ochtend.pk}": w.mob_ochtend.pk})
        assert response.status_code == 422
        assert "De inschrijving is gesloten" in response.content.decode()


def test_organiser_overview(w, client, django_assert_max_num_queries):
    dag = _dag(w)
    with time_machine.travel(VOOR_DEADLINE, tick=False):
        services.register(dag, bestuur=w.aalst, sessies=[w.mob_ochtend], door=w.raadslid)
    url = reverse("vergaderingen:overzicht", args=[dag.pk])
    _as(client, w.secretariaat)
    with django_assert_max_num_queries(11):
        response = client.get(url)
    content = response.content.decode()
    assert response.status_code == 200 and "Aalst" in content and "Lede" in content
    assert _get(client, w.raadslid, url).status_code == 403
    assert _get(client, None, url).status_code == 302


def test_unknown_things_are_404(client, db):
    for name in ("vergadering", "agenda_beheer", "agenda_pdf", "kalender", "bijeenkomst", "document"):
        assert client.get(reverse(f"vergaderingen:{name}", args=[999])).status_code in (404, 302), name


def test_moment_helper_is_local(db):
    assert moment(0).tzinfo is not None
