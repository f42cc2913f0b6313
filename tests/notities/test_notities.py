"""Writing, changing and deleting notes through the pages (htmx and plain), the action log without the text, the
privacy export and erasure, the links on the lower apps' document pages, and query bounds that do not grow."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from notities.documenten import notities_url
from notities.models import Notitie
from regioportaal import privacy
from regioportaal.limieten import TEKST_MAX
from regioportaal.models import ActionLog

from .conftest import agendadocument, schrijf


def test_a_member_writes_a_private_note_with_a_page_through_htmx(client, world, doc):
    client.force_login(world.voorzitter)
    response = client.post(
        notities_url(doc),
        {"tekst": "Eerste regel\r\n\r\n<script>alert(1)</script>\x07", "pagina": "3", "gedeeld_met": ""},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    notitie = Notitie.objects.get()
    assert (notitie.auteur, notitie.document, notitie.pagina, notitie.gedeeld_met) == (
        world.voorzitter,
        doc,
        3,
        None,
    )
    assert notitie.tekst == "Eerste regel\n\n<script>alert(1)</script>"  # plain text, control characters gone
    html = response.content.decode()
    assert "<html" not in html  # the partial only
    assert "&lt;script&gt;" in html and "<script>alert" not in html
    assert "pagina 3" in html and "privé" in html
    assert response["Vary"].count("HX-Request") == 1


def test_an_invalid_note_is_answered_422_to_htmx_with_the_error(client, world, doc):
    client.force_login(world.voorzitter)
    response = client.post(notities_url(doc), {"tekst": "   ", "pagina": "0"}, headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert set(response.context["form"].errors) == {"tekst", "pagina"}
    too_long = client.post(notities_url(doc), {"tekst": "x" * (TEKST_MAX + 1)})
    assert too_long.status_code == 200 and "tekst" in too_long.context["form"].errors
    assert not Notitie.objects.exists()


def test_the_author_edits_and_deletes_and_the_log_keeps_no_text(client, world, doc):
    client.force_login(world.voorzitter)
    client.post(notities_url(doc), {"tekst": "Geheime gedachte"})
    notitie = Notitie.objects.get()

    response = client.post(
        reverse("notities:bewerken", args=[notitie.pk]),
        {"tekst": "Gedeelde gedachte", "pagina": "2", "gedeeld_met": world.dbo.pk},
    )
    assert response.status_code == 302 and response["Location"] == notities_url(doc)
    notitie.refresh_from_db()
    assert (notitie.tekst, notitie.pagina, notitie.gedeeld_met) == ("Gedeelde gedachte", 2, world.dbo)

    response = client.post(reverse("notities:verwijderen", args=[notitie.pk]))
    assert response.status_code == 302 and not Notitie.objects.exists()

    log = list(ActionLog.objects.filter(object_id=str(notitie.pk), actor=world.voorzitter).order_by("id"))
    assert [entry.actie for entry in log] == ["notitie geschreven", "notitie gewijzigd", "notitie verwijderd"]
    assert log[1].wijzigingen == {
        "pagina": [None, 2],
        "gedeeld_met": ["", "Burgemeestersoverleg Denderregio"],
    }
    assert log[1].zin == f"{world.voorzitter} heeft Notitie {notitie.pk} gewijzigd"
    assert not any("gedachte" in str(entry.wijzigingen) + entry.object_repr for entry in log)


def test_an_author_who_left_the_body_keeps_the_note_shared_with_it_but_cannot_share_anew(client, world, doc):
    notitie = schrijf(doc, world.lid, "Voor het DBO", gedeeld_met=world.dbo)
    from django.utils import timezone

    from besturen import services as besturen_services

    besturen_services.end_lidmaatschap(world.lid.lidmaatschap, einddatum=timezone.localdate(), door=None)
    client.force_login(world.lid)
    response = client.post(
        reverse("notities:bewerken", args=[notitie.pk]),
        {"tekst": "Nog steeds voor het DBO", "gedeeld_met": world.dbo.pk},
    )
    assert response.status_code == 302
    notitie.refresh_from_db()
    assert notitie.gedeeld_met == world.dbo
    response = client.post(notities_url(doc), {"tekst": "Nieuw", "gedeeld_met": world.dbo.pk})
    assert "gedeeld_met" in response.context["form"].errors


def test_the_privacy_export_holds_the_authors_notes_and_the_erasure_deletes_them(world, doc):
    schrijf(doc, world.lid, "Mijn notitie", pagina=4)
    schrijf(doc, world.voorzitter, "Notitie van een ander", gedeeld_met=world.dbo)
    betrokkene = privacy.Betrokkene(user=world.lid)
    data = privacy.export(betrokkene, door=None)["onderdelen"]["notities"]["notities"]
    assert [(n["document"], n["pagina"], n["tekst"], n["gedeeld met"]) for n in data] == [
        ("mobiliteitsnota.pdf", 4, "Mijn notitie", "")
    ]
    privacy.erase(privacy.Betrokkene(user=world.lid), door=None)
    assert list(Notitie.objects.values_list("tekst", flat=True)) == ["Notitie van een ander"]


def test_the_meeting_page_links_each_document_to_its_notes_for_logged_in_users_only(client, world, doc):
    vergadering_url = reverse("vergaderingen:vergadering", args=[doc.agendapunt.vergadering_id])
    assert notities_url(doc) not in client.get(vergadering_url).content.decode()
    client.force_login(world.raadslid)
    assert notities_url(doc) in client.get(vergadering_url).content.decode()


@pytest.mark.parametrize("aantal", [2, 10])
def test_the_document_page_and_the_personal_list_take_the_same_queries_for_2_or_10_notes(
    client, world, doc, django_assert_max_num_queries, aantal
):
    ander = agendadocument(world.dbo, naam="tweede.pdf")
    for i in range(aantal):
        schrijf(doc, world.voorzitter, f"Notitie {i}", gedeeld_met=world.dbo if i % 2 else None, pagina=i + 1)
        schrijf(ander, world.lid, f"Andere {i}", gedeeld_met=world.dbo)
    client.force_login(world.voorzitter)
    with django_assert_max_num_queries(10):
        response = client.get(notities_url(doc))
    assert response.content.decode().count('class="card notitie"') == aantal
    # The list asks once per document on the page whether the reader may open it (notes by others only): here one.
    with django_assert_max_num_queries(7):
        response = client.get(reverse("notities:mijn"))
    assert response.content.decode().count('class="card notitie"') == 2 * aantal


# --- The programme's documents: a council's decision document and a review packet -------------------------------


@pytest.fixture
def programma_documenten(world):
    from programmas import services as programmas_services
    from programmas.models import Reviewpakket, Uitkomst, VersieStatus
    from tests.programmas.bouw import bouw_regio, programma

    w = bouw_regio(2, n_opgaven=1)
    versie = programma(w, tot=VersieStatus.VOORGELEGD)
    besluit = versie.raadsbesluiten.get(bestuur=w.leden[1])
    programmas_services.record_raadsbesluit(
        besluit,
        uitkomst=Uitkomst.GOEDGEKEURD,
        datum_raad=datetime.date.today(),
        document=ContentFile(b"%PDF-1.4\n%%EOF\n", name="besluit.pdf"),
        door=None,
    )
    registratie = besluit.registraties.get()
    pakket = Reviewpakket.objects.create(versie=versie, bestuur=w.leden[0])
    return w, registratie, pakket


def test_a_council_member_annotates_a_decision_document_and_a_review_packet(
    client, world, programma_documenten, django_assert_max_num_queries
):
    w, registratie, pakket = programma_documenten
    raad = w.raden[w.leden[0].pk]
    client.force_login(w.raadslid)
    for doc in (registratie, pakket):
        with django_assert_max_num_queries(16):
            response = client.get(notities_url(doc))
        assert response.status_code == 200
        client.post(notities_url(doc), {"tekst": f"Over {doc.pk}", "gedeeld_met": raad.pk})
    assert Notitie.objects.filter(besluitdocument=registratie, gedeeld_met=raad).count() == 1
    assert Notitie.objects.filter(reviewpakket=pakket, gedeeld_met=raad).count() == 1

    # The lower apps' pages link to the notes.
    html = client.get(reverse("programmas:raadsbesluit", args=[registratie.besluit_id])).content.decode()
    assert notities_url(registratie) in html
    html = client.get(pakket.get_absolute_url()).content.decode()
    assert notities_url(pakket) in html

    # Another region's secretary reads the public version's documents, but not the council's notes.
    client.force_login(w.ander_secretariaat)
    html = client.get(notities_url(pakket)).content.decode()
    assert "Over" not in html


def test_a_closed_versions_documents_are_404_to_outsiders(client, world, programma_documenten):
    w, registratie, pakket = programma_documenten
    versie = pakket.versie
    versie.openbaar = False
    versie.save(update_fields=["openbaar"])
    client.force_login(w.buitenstaander)
    assert client.get(notities_url(pakket)).status_code == 404
    assert client.get(notities_url(registratie)).status_code == 404
    client.force_login(w.raadslid)
    assert client.get(notities_url(pakket)).status_code == 200
