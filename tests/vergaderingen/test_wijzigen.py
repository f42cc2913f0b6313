"""Meetings that change: moving and cancelling a meeting (notice to every member, SEQUENCE and STATUS in the feeds),
removing a draft item or document, withdrawing a published one with a reason, and linking an item by hand."""

import datetime

import pytest
import vobject
from django.core.exceptions import ValidationError
from django.urls import reverse

from besturen import services as besturen_services
from besturen.models import Rol
from opgaven import services as opgaven_services
from programmas import services as programma_services
from regioportaal.models import Melding
from regioportaal.permissions import NotAllowed
from vergaderingen import services
from vergaderingen.models import AgendapuntStatus, Document, Vergadering, VergaderingStatus

from .conftest import PDF_BYTES, moment, plan, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def zonder_account(w):
    """A member of the DBO with an e-mail address but no account."""
    persoon = besturen_services.create_persoon(
        door=None, voornaam="Zoë", achternaam="Zonder", email="zoe.zonder@example.org"
    )
    besturen_services.add_lidmaatschap(
        persoon=persoon,
        orgaan=w.dbo,
        rol=Rol.LID,
        namens=w.lede,
        begindatum=datetime.date(2020, 1, 1),
        door=None,
    )
    return persoon


def _gepubliceerd(w, days=14, titels=("Opening", "Mobiliteit", "Wonen")):
    vergadering = plan(w.dbo, days)
    for titel in titels:
        services.add_agendapunt(vergadering, titel=titel, door=None)
    return services.publish_agenda(vergadering, door=None)


def _ontvangers(sleutel_begin):
    return {
        m.user.email if m.user_id else m.email
        for m in Melding.objects.filter(sleutel__startswith=sleutel_begin)
    }


def _event(client, url):
    return vobject.readOne(client.get(url).content.decode(), validate=True).vevent


# --- Moving -------------------------------------------------------------------------------------------------------


def test_moving_a_meeting_tells_every_member_and_raises_the_sequence_in_the_feed(w, client, zonder_account):
    vergadering = _gepubliceerd(w)
    voor = Vergadering.objects.get(pk=vergadering.pk).wijzigingen
    services.update_vergadering(
        vergadering, begin=moment(15, 14), einde=moment(15, 16), locatie="Stadhuis Lede", door=w.secretariaat
    )
    vergadering.refresh_from_db()
    assert vergadering.wijzigingen == voor + 1
    ontvangers = _ontvangers(f"vergaderingen:gewijzigd:{vergadering.pk}:")
    assert {w.secretariaat.email, w.voorzitter.email, w.lid.email, "zoe.zonder@example.org"} <= ontvangers
    assert w.raadslid.email not in ontvangers
    melding = Melding.objects.get(
        email="zoe.zonder@example.org", sleutel__startswith="vergaderingen:gewijzigd"
    )
    assert "Stadhuis Lede" in melding.tekst and "Stadhuis Aalst" in melding.tekst  # now and before
    event = _event(client, reverse("vergaderingen:orgaan_feed", args=[w.dbo.pk]))
    assert event.sequence.value == str(voor + 1) and event.location.value == "Stadhuis Lede"
    assert not hasattr(event, "status")


def test_saving_the_same_time_and_place_changes_nothing_and_tells_nobody(w):
    vergadering = _gepubliceerd(w)
    services.update_vergadering(vergadering, locatie="Stadhuis Aalst", door=w.secretariaat)
    assert not Melding.objects.filter(sleutel__startswith="vergaderingen:gewijzigd").exists()


def test_only_the_secretariat_moves_a_meeting_and_a_held_one_does_not_move(w):
    vergadering = _gepubliceerd(w)
    with pytest.raises(NotAllowed):
        services.update_vergadering(vergadering, locatie="Elders", door=w.voorzitter)
    with pytest.raises(NotAllowed):
        services.update_vergadering(vergadering, locatie="Elders", door=w.platformbeheerder)
    voorbij = _gepubliceerd(w, days=-3)
    services.close_vergadering(voorbij, door=None)
    with pytest.raises(ValidationError, match="afgelopen"):
        services.update_vergadering(voorbij, locatie="Elders", door=w.secretariaat)
    assert not Melding.objects.filter(sleutel__startswith="vergaderingen:gewijzigd").exists()


# --- Cancelling ---------------------------------------------------------------------------------------------------


def test_cancelling_a_published_meeting_tells_the_members_and_the_feeds_say_cancelled(
    w, client, zonder_account
):
    vergadering = _gepubliceerd(w)
    services.cancel_vergadering(vergadering, reden="Te weinig agendapunten.", door=w.secretariaat)
    vergadering.refresh_from_db()
    assert vergadering.status == VergaderingStatus.GEANNULEERD and vergadering.geannuleerd_op
    assert {w.lid.email, "zoe.zonder@example.org"} <= _ontvangers(
        f"vergaderingen:geannuleerd:{vergadering.pk}:"
    )
    event = _event(client, reverse("vergaderingen:orgaan_feed", args=[w.dbo.pk]))
    assert event.status.value == "CANCELLED" and event.sequence.value == str(vergadering.wijzigingen)
    assert "Te weinig agendapunten." in event.description.value
    # The public still sees the cancelled meeting, with the reason; nobody records anything on it.
    content = client.get(vergadering.get_absolute_url()).content.decode()
    assert "Deze vergadering is geannuleerd." in content and "Te weinig agendapunten." in content
    with pytest.raises(ValidationError):
        services.close_vergadering(vergadering, door=w.secretariaat)
    with pytest.raises(ValidationError, match="geannuleerd"):
        services.add_agendapunt(vergadering, titel="Toch nog", door=w.secretariaat)


def test_a_meeting_cancelled_before_publication_stays_hidden_from_the_public_and_shows_in_the_members_feed(
    w, client
):
    vergadering = plan(w.dbo)
    services.add_agendapunt(vergadering, titel="Concept", door=None)
    services.cancel_vergadering(vergadering, reden="Geen onderwerpen.", door=w.secretariaat)
    assert client.get(vergadering.get_absolute_url()).status_code == 404
    assert "VEVENT" not in client.get(reverse("vergaderingen:orgaan_feed", args=[w.dbo.pk])).content.decode()
    token = services.renew_kalendertoken(w.lid, door=w.lid).token
    event = _event(client, reverse("vergaderingen:persoonlijke_feed", args=[token]))
    assert event.status.value == "CANCELLED" and event.summary.value.startswith("Geannuleerd")


def test_cancelling_needs_a_reason_and_the_secretariat(w):
    vergadering = _gepubliceerd(w)
    with pytest.raises(ValidationError, match="Geef een reden"):
        services.cancel_vergadering(vergadering, reden="  ", door=w.secretariaat)
    with pytest.raises(NotAllowed):
        services.cancel_vergadering(vergadering, reden="Ziek", door=w.voorzitter)
    vergadering.refresh_from_db()
    assert vergadering.status == VergaderingStatus.AGENDA_GEPUBLICEERD
    assert not Melding.objects.filter(sleutel__startswith="vergaderingen:geannuleerd").exists()


# --- Removing and withdrawing -------------------------------------------------------------------------------------


def test_a_draft_item_is_removed_and_the_others_close_up(w, django_capture_on_commit_callbacks):
    vergadering = plan(w.dbo)
    punten = [services.add_agendapunt(vergadering, titel=t, door=None) for t in ("Eén", "Twee", "Drie")]
    document = services.add_document(punten[1], upload("nota.pdf", PDF_BYTES), door=None)
    opslag, naam = document.bestand.storage, document.bestand.name
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_agendapunt(punten[1], door=w.secretariaat)
    assert list(vergadering.agendapunten.values_list("volgnummer", "titel")) == [(1, "Eén"), (2, "Drie")]
    assert not Document.objects.filter(pk=document.pk).exists() and not opslag.exists(naam)


def test_a_published_item_is_not_removed_but_withdrawn_with_its_number_and_reason(w, client):
    vergadering = _gepubliceerd(w)
    mobiliteit = vergadering.agendapunten.get(titel="Mobiliteit")
    with pytest.raises(ValidationError, match="trekt het in"):
        services.remove_agendapunt(mobiliteit, door=w.secretariaat)
    with pytest.raises(ValidationError, match="Geef een reden"):
        services.withdraw_agendapunt(mobiliteit, reden="", door=w.secretariaat)
    services.withdraw_agendapunt(mobiliteit, reden="Het advies is er nog niet.", door=w.secretariaat)
    mobiliteit.refresh_from_db()
    assert (mobiliteit.status, mobiliteit.volgnummer) == (AgendapuntStatus.INGETROKKEN, 2)
    # A later addendum keeps counting after it; the public page shows it as withdrawn with the reason.
    addendum = services.add_agendapunt(vergadering, titel="Varia", door=w.secretariaat)
    assert addendum.volgnummer == 4
    content = client.get(vergadering.get_absolute_url()).content.decode()
    assert "2. Mobiliteit" in content and "Het advies is er nog niet." in content and "ingetrokken" in content
    event = _event(client, reverse("vergaderingen:orgaan_feed", args=[w.dbo.pk]))
    assert "2. Mobiliteit (ingetrokken)" in event.description.value
    # Nothing is decided on a withdrawn item.
    with pytest.raises(ValidationError):
        services.update_agendapunt(mobiliteit, titel="Anders", door=w.secretariaat)


def test_the_agenda_pdf_keeps_the_number_of_a_withdrawn_item(w):
    vergadering = _gepubliceerd(w)
    services.withdraw_agendapunt(
        vergadering.agendapunten.get(titel="Mobiliteit"), reden="Uitgesteld.", door=w.secretariaat
    )
    from django.template.loader import render_to_string

    from vergaderingen.selectors import agenda

    html = render_to_string(
        "vergaderingen/agenda_pdf.html",
        {"vergadering": vergadering, "punten": agenda(vergadering, met_besloten=False), "volledig": False},
    )
    assert '<span class="nr">2.</span> <span class="titel">Mobiliteit</span>' in html
    assert "Ingetrokken. Reden: Uitgesteld." in html and '<span class="nr">3.</span>' in html


def test_documents_are_removed_before_publication_and_withdrawn_after(w, client):
    vergadering = plan(w.dbo)
    punt = services.add_agendapunt(vergadering, titel="Mobiliteit", door=None)
    concept = services.add_document(punt, upload("concept.pdf", PDF_BYTES), door=None)
    definitief = services.add_document(punt, upload("nota.pdf", PDF_BYTES), door=None)
    services.remove_document(concept, door=w.secretariaat)
    assert list(punt.documenten.values_list("naam", flat=True)) == ["nota.pdf"]
    services.publish_agenda(vergadering, door=None)
    with pytest.raises(ValidationError, match="trekt ze in"):
        services.remove_document(definitief, door=w.secretariaat)
    with pytest.raises(NotAllowed):
        services.withdraw_document(definitief, reden="Fout", door=w.lid)
    services.withdraw_document(definitief, reden="Verkeerde versie.", door=w.secretariaat)
    with pytest.raises(ValidationError, match="al ingetrokken"):
        services.withdraw_document(definitief, reden="Nog eens", door=w.secretariaat)
    content = client.get(vergadering.get_absolute_url()).content.decode()
    assert "nota.pdf" in content and "Verkeerde versie." in content


# --- Linking an item by hand --------------------------------------------------------------------------------------


@pytest.fixture
def versies(w):
    """A draft programme version of the Denderregio and one of the Drechtsteden."""
    return (
        programma_services.draft_jaarprogramma(w.dender, 2031, door=None),
        programma_services.draft_jaarprogramma(w.drecht, 2031, door=None),
    )


def test_the_secretariat_links_an_item_to_its_regions_programme_version_and_opgave(w, versies):
    dender, drecht = versies
    opgave = opgaven_services.create_opgave(w.dender, titel="Fietssnelwegen", door=None)
    punt = services.add_agendapunt(plan(w.dbo), titel="Regioprogramma", door=None)
    services.update_agendapunt(punt, programmaversie=dender, opgave=opgave, door=w.secretariaat)
    punt.refresh_from_db()
    assert (punt.programmaversie, punt.opgave) == (dender, opgave)
    with pytest.raises(ValidationError) as fout:
        services.update_agendapunt(punt, programmaversie=drecht, door=w.secretariaat)
    assert "programmaversie" in fout.value.error_dict


def test_the_item_form_offers_only_what_the_secretariat_may_see(w, versies, client):
    dender, drecht = versies
    punt = services.add_agendapunt(plan(w.dbo), titel="Regioprogramma", door=None)
    client.force_login(w.secretariaat)
    url = reverse("vergaderingen:agendapunt_bewerken", args=[punt.pk])
    content = client.get(url).content.decode()
    assert f'value="{dender.pk}"' in content and f'value="{drecht.pk}"' not in content
    response = client.post(url, {"titel": "Regioprogramma", "programmaversie": drecht.pk})
    assert response.status_code == 422 and 'id="id_programmaversie_error"' in response.content.decode()
    response = client.post(url, {"titel": "Regioprogramma", "programmaversie": dender.pk})
    assert response.status_code == 302
    punt.refresh_from_db()
    assert punt.programmaversie == dender


# --- Pages --------------------------------------------------------------------------------------------------------


def test_the_change_page_is_for_the_secretariat(w, client, django_assert_max_num_queries):
    vergadering = _gepubliceerd(w)
    url = reverse("vergaderingen:vergadering_wijzigen", args=[vergadering.pk])
    client.force_login(w.secretariaat)
    with django_assert_max_num_queries(14):
        response = client.get(url)
    content = response.content.decode()
    assert response.status_code == 200 and "Vergadering annuleren" in content and 'name="begin"' in content
    client.force_login(w.lid)
    assert client.get(url).status_code == 403
    assert client.post(url, {"actie": "annuleren", "reden": "Nee"}).status_code == 403
    client.force_login(w.platformbeheerder)
    assert client.get(url).status_code == 403  # only the body's own secretariat runs its meetings
    client.logout()
    assert client.get(url).status_code == 302
    concept = plan(w.dbo, 30)
    client.force_login(w.raadslid)
    assert client.get(reverse("vergaderingen:vergadering_wijzigen", args=[concept.pk])).status_code == 404
    vergadering.refresh_from_db()
    assert vergadering.status == VergaderingStatus.AGENDA_GEPUBLICEERD


def test_moving_and_cancelling_through_the_page(w, client):
    vergadering = _gepubliceerd(w)
    url = reverse("vergaderingen:vergadering_wijzigen", args=[vergadering.pk])
    client.force_login(w.secretariaat)
    dag = (vergadering.begin + datetime.timedelta(days=7)).date().isoformat()
    response = client.post(url, {"begin": f"{dag}T14:00", "einde": f"{dag}T13:00", "locatie": "Lede"})
    assert response.status_code == 422 and 'id="id_einde_error"' in response.content.decode()
    response = client.post(url, {"begin": f"{dag}T14:00", "einde": f"{dag}T16:00", "locatie": "Lede"})
    assert response.status_code == 302
    vergadering.refresh_from_db()
    assert vergadering.locatie == "Lede" and vergadering.begin.date().isoformat() == dag
    response = client.post(url, {"actie": "annuleren", "reden": ""})
    assert response.status_code == 422 and "Geef een reden" in response.content.decode()
    response = client.post(url, {"actie": "annuleren", "reden": "Het advies is er nog niet."})
    assert response.status_code == 302
    vergadering.refresh_from_db()
    assert vergadering.status == VergaderingStatus.GEANNULEERD
    content = client.get(url).content.decode()
    assert "Een geannuleerde vergadering verplaatst u niet meer" in content and 'name="begin"' not in content


def test_withdrawing_and_removing_through_the_item_page(w, client):
    vergadering = _gepubliceerd(w)
    punt = vergadering.agendapunten.get(titel="Mobiliteit")
    url = reverse("vergaderingen:agendapunt_bewerken", args=[punt.pk])
    client.force_login(w.secretariaat)
    response = client.post(url, {"actie": "intrekken", "intrekken-reden": ""})
    assert response.status_code == 422 and 'id="id_intrekken-reden_error"' in response.content.decode()
    response = client.post(url, {"actie": "verwijderen"})  # refused: published
    punt.refresh_from_db()
    assert response.status_code == 302 and punt.status == AgendapuntStatus.GEAGENDEERD
    response = client.post(url, {"actie": "intrekken", "intrekken-reden": "Uitgesteld."})
    assert response.status_code == 302
    punt.refresh_from_db()
    assert punt.status == AgendapuntStatus.INGETROKKEN and punt.reden_intrekking == "Uitgesteld."
    concept = plan(w.dbo, 30)
    weg = services.add_agendapunt(concept, titel="Weg", door=None)
    client.force_login(w.lid)
    assert (
        client.post(
            reverse("vergaderingen:agendapunt_bewerken", args=[weg.pk]), {"actie": "verwijderen"}
        ).status_code
        == 403
    )
    client.force_login(w.secretariaat)
    response = client.post(
        reverse("vergaderingen:agendapunt_bewerken", args=[weg.pk]), {"actie": "verwijderen"}
    )
    assert response.status_code == 302 and not concept.agendapunten.exists()


@pytest.mark.parametrize("aantal", [2, 20])
def test_the_item_page_runs_the_same_queries_for_2_or_20_documents(
    w, client, django_assert_max_num_queries, aantal
):
    vergadering = _gepubliceerd(w)
    punt = vergadering.agendapunten.get(titel="Mobiliteit")
    for i in range(aantal):
        document = services.add_document(punt, upload(f"nota-{i}.pdf", PDF_BYTES), door=None)
        if i % 2:
            services.withdraw_document(document, reden="Oud", door=None)
    client.force_login(w.secretariaat)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("vergaderingen:agendapunt_bewerken", args=[punt.pk]))
    assert response.status_code == 200 and response.content.decode().count("Stuk intrekken") == aantal // 2


@pytest.mark.parametrize("aantal", [2, 20])
def test_the_meeting_page_with_withdrawn_items_runs_a_bounded_number_of_queries(
    w, client, django_assert_max_num_queries, aantal
):
    vergadering = _gepubliceerd(w, titels=[f"Punt {i}" for i in range(aantal)])
    for punt in vergadering.agendapunten.all()[: aantal // 2]:
        services.add_document(punt, upload("nota.pdf", PDF_BYTES), door=None)
        services.withdraw_agendapunt(punt, reden="Uitgesteld", door=None)
    with django_assert_max_num_queries(5):
        response = client.get(vergadering.get_absolute_url())
    assert response.content.decode().count("Dit punt is ingetrokken") == aantal // 2
