"""Uploads: the content decides (PDF, DOCX, XLSX), at most 10 MB, stored outside the web root, served with a check."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from regioportaal.permissions import NotAllowed
from vergaderingen import services
from vergaderingen.documenten import MAX_BYTES, check_document

from .conftest import DOCX_BYTES, PDF_BYTES, XLSX_BYTES, office_bytes, plan, upload

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 100


@pytest.mark.parametrize(
    "naam, data, soort",
    [
        ("nota.pdf", PDF_BYTES, "pdf"),
        ("nota.docx", DOCX_BYTES, "docx"),
        ("begroting.XLSX", XLSX_BYTES, "xlsx"),
    ],
)
def test_real_documents_are_recognised_by_their_content(naam, data, soort):
    assert check_document(upload(naam, data)) == soort


@pytest.mark.parametrize(
    "naam, data",
    [
        ("nota.pdf", EXE),  # a program renamed to .pdf
        ("nota.docx", b"PK\x03\x04 not really a zip"),
        ("nota.docx", office_bytes("application/vnd.oasis.opendocument.text")),  # a zip, not Word
        ("nota.pdf", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_files_whose_content_is_not_an_allowed_document_are_refused(naam, data):
    with pytest.raises(ValidationError) as exc:
        check_document(upload(naam, data))
    assert exc.value.code == "soort"


def test_a_word_file_named_pdf_is_refused_for_its_misleading_name():
    with pytest.raises(ValidationError, match=r"eindigt op \.pdf, maar de inhoud is een DOCX"):
        check_document(upload("nota.pdf", DOCX_BYTES))


def test_a_file_over_ten_megabytes_is_refused_before_its_content_is_read():
    with pytest.raises(ValidationError) as exc:
        check_document(upload("groot.pdf", PDF_BYTES + b"0" * MAX_BYTES))
    assert exc.value.code == "te_groot" and "hoogstens 10 MB" in exc.value.messages[0]


def test_exactly_ten_megabytes_is_accepted():
    data = PDF_BYTES + b"0" * (MAX_BYTES - len(PDF_BYTES))
    assert check_document(upload("precies.pdf", data)) == "pdf"


def test_stored_documents_get_a_random_name_under_media_root(w, media):
    punt = services.add_agendapunt(plan(w.dbo), titel="A", door=None)
    document = services.add_document(punt, upload("../../etc/nota.pdf", PDF_BYTES), door=w.secretariaat)
    assert document.soort == "pdf" and document.naam == "nota.pdf"
    path = document.bestand.path
    assert path.startswith(str(media)) and path.endswith(".pdf") and "etc" not in path
    assert open(path, "rb").read() == PDF_BYTES


def test_only_the_secretariat_adds_documents(w):
    punt = services.add_agendapunt(plan(w.dbo), titel="A", door=None)
    with pytest.raises(NotAllowed):
        services.add_document(punt, upload("nota.pdf", PDF_BYTES), door=w.lid)


def test_the_service_refuses_a_disguised_upload_with_the_error_on_the_field(w):
    punt = services.add_agendapunt(plan(w.dbo), titel="A", door=None)
    with pytest.raises(ValidationError) as exc:
        services.add_document(punt, upload("nota.pdf", EXE), door=w.secretariaat)
    assert "bestand" in exc.value.error_dict
    assert not punt.documenten.exists()


@pytest.mark.parametrize(
    "data, melding",
    [
        (EXE, "geen PDF-, Word- (DOCX) of Excel-document"),
        (PDF_BYTES + b"0" * MAX_BYTES, "hoogstens 10 MB zijn"),
    ],
)
def test_the_upload_form_shows_the_refusal_next_to_the_field(w, client, data, melding):
    punt = services.add_agendapunt(plan(w.dbo), titel="A", door=None)
    client.force_login(w.secretariaat)
    response = client.post(
        reverse("vergaderingen:agendapunt_bewerken", args=[punt.pk]),
        {"actie": "document", "bestand": upload("nota.pdf", data)},
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert 'id="id_bestand_error"' in content and melding in content
    assert not punt.documenten.exists()


def test_documents_are_served_to_who_may_see_the_item_and_hidden_from_others(w, client):
    vergadering = plan(w.dbo)
    openbaar = services.add_agendapunt(vergadering, titel="Openbaar", door=None)
    besloten = services.add_agendapunt(vergadering, titel="Besloten", openbaar=False, door=None)
    doc_open = services.add_document(openbaar, upload("open.pdf", PDF_BYTES), door=None)
    doc_dicht = services.add_document(besloten, upload("dicht.xlsx", XLSX_BYTES), door=None)
    url_open, url_dicht = doc_open.get_absolute_url(), doc_dicht.get_absolute_url()

    assert client.get(url_open).status_code == 404  # agenda not yet published
    services.publish_agenda(vergadering, door=None)
    response = client.get(url_open)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert client.get(url_dicht).status_code == 404

    client.force_login(w.raadslid)
    assert client.get(url_dicht).status_code == 404
    client.force_login(w.lid)
    response = client.get(url_dicht)
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]


def test_a_document_gone_from_storage_is_not_found_rather_than_an_error(w, client):
    vergadering = plan(w.dbo)
    punt = services.add_agendapunt(vergadering, titel="Openbaar", door=None)
    document = services.add_document(punt, upload("open.pdf", PDF_BYTES), door=None)
    services.publish_agenda(vergadering, door=None)
    assert client.get(document.get_absolute_url()).status_code == 200
    # lost from storage (a failed restore, a wiped bucket)
    document.bestand.storage.delete(document.bestand.name)
    assert client.get(document.get_absolute_url()).status_code == 404
