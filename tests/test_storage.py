"""Uploads on object storage: every stored document and PDF goes through Django's storage API, never a file path.

The documents are served with InMemoryStorage as the upload storage (it has no `.path`, like S3): uploading through
the page, downloading through the permission-checking views, the agenda PDF and the review packet made by their
tasks, and the hourly sweep. The S3 configuration itself (settings.s3_storage) is checked without a network, and
django-storages' S3Storage as configured runs the same path against moto's in-process S3 (private objects included).
"""

import datetime
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage, default_storage, storages
from django.urls import reverse
from django.utils._os import safe_join

from programmas import services as programma_services
from programmas.models import PakketStatus, Raadsbesluit, Reviewpakket, Uitkomst, VersieStatus
from regioportaal.settings import s3_storage
from regioportaal.uploads import sweep_orphans
from tests.programmas.bouw import bouw_regio, programma, vandaag
from tests.vergaderingen.conftest import PDF_BYTES, plan, upload
from vergaderingen import services as vergadering_services
from vergaderingen.models import Document


class ObjectStorage(InMemoryStorage):
    """Object storage as S3 is to Django: files by name only, no path on a file system."""

    def path(self, name):
        raise NotImplementedError("Object storage has no file system paths.")

    def _relative_path(self, name):  # InMemoryStorage's own bookkeeping, which goes through path()
        return os.path.relpath(safe_join(self.location, name), self.location)


@pytest.fixture
def in_memory(settings, tmp_path):
    """The upload storage is in memory: any code that asked it for a file path would fail (NotImplementedError)."""
    settings.MEDIA_ROOT = tmp_path / "media"  # stays empty: nothing may be written to the disk
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "tests.test_storage.ObjectStorage"}}
    assert type(storages["default"]) is ObjectStorage
    yield default_storage
    assert not settings.MEDIA_ROOT.exists()


def _inhoud(response):
    return b"".join(response.streaming_content)


def test_a_document_uploaded_on_the_page_is_served_from_object_storage_to_who_may_see_it(
    in_memory, world, client
):
    vergadering = plan(world.dbo)
    punt = vergadering_services.add_agendapunt(vergadering, titel="Mobiliteit", door=None)
    client.force_login(world.secretariaat)
    response = client.post(
        reverse("vergaderingen:agendapunt_bewerken", args=[punt.pk]),
        {"actie": "document", "bestand": upload("nota.pdf", PDF_BYTES)},
    )
    assert response.status_code == 302
    document = Document.objects.get(agendapunt=punt)
    assert in_memory.exists(document.bestand.name)
    with pytest.raises(NotImplementedError):
        document.bestand.path  # noqa: B018 - the storage has no file system behind it

    response = client.get(document.get_absolute_url())
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert _inhoud(response) == PDF_BYTES
    client.logout()
    assert client.get(document.get_absolute_url()).status_code == 404  # the agenda is not published yet


def test_the_agenda_pdfs_are_made_into_object_storage_and_served_by_who_may_see_them(
    in_memory, world, client, django_capture_on_commit_callbacks
):
    vergadering = plan(world.dbo)
    vergadering_services.add_agendapunt(vergadering, titel="Regionale mobiliteit", door=None)
    vergadering_services.add_agendapunt(vergadering, titel="Personeelszaak", openbaar=False, door=None)
    with django_capture_on_commit_callbacks(execute=True):
        vergadering_services.publish_agenda(vergadering, door=world.secretariaat)
    vergadering.refresh_from_db()
    assert in_memory.exists(vergadering.agenda_pdf.name)
    assert in_memory.exists(vergadering.agenda_pdf_volledig.name)
    url = reverse("vergaderingen:agenda_pdf", args=[vergadering.pk])

    publiek = client.get(url)
    assert publiek.status_code == 200
    assert _inhoud(publiek) == in_memory.open(vergadering.agenda_pdf.name).read()
    client.force_login(world.lid)
    volledig = _inhoud(client.get(url))
    assert volledig.startswith(b"%PDF-")
    assert volledig == in_memory.open(vergadering.agenda_pdf_volledig.name).read()
    # a retry of the task replaces the two files in place
    namen = (vergadering.agenda_pdf.name, vergadering.agenda_pdf_volledig.name)
    vergadering_services.make_agenda_pdf(vergadering)
    vergadering.refresh_from_db()
    assert (vergadering.agenda_pdf.name, vergadering.agenda_pdf_volledig.name) == namen


def test_the_review_packet_and_a_decision_document_come_from_object_storage(
    in_memory, db, snelle_wachtwoorden, client, settings, django_capture_on_commit_callbacks
):
    settings.REVIEWPAKKET_REBUILD_INTERVAL = 0
    wereld = bouw_regio(3)
    versie = programma(wereld, tot=VersieStatus.VOORGELEGD)
    client.force_login(wereld.raadslid)
    with django_capture_on_commit_callbacks(execute=True):
        programma_services.request_reviewpakket(versie, wereld.leden[0], door=wereld.raadslid)
    pakket = Reviewpakket.objects.get(versie=versie, bestuur=wereld.leden[0])
    assert pakket.status == PakketStatus.KLAAR and in_memory.exists(pakket.bestand.name)
    download = reverse("programmas:reviewpakket_download", args=[versie.pk, wereld.leden[0].pk])
    response = client.get(download)
    assert response.status_code == 200
    assert _inhoud(response) == in_memory.open(pakket.bestand.name).read()
    # remade in place: one file, the same name
    naam = pakket.bestand.name
    with django_capture_on_commit_callbacks(execute=True):
        programma_services.request_reviewpakket(versie, wereld.leden[0], door=wereld.secretariaat)
    pakket.refresh_from_db()
    map_, bestand = naam.rsplit("/", 1)
    assert pakket.bestand.name == naam and in_memory.listdir(map_)[1] == [bestand]

    besluit = Raadsbesluit.objects.get(versie=versie, bestuur__naam__endswith="-00")
    registratie = programma_services.record_raadsbesluit(
        besluit,
        uitkomst=Uitkomst.GOEDGEKEURD,
        datum_raad=vandaag(),
        door=None,
        document=upload("besluit.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    response = client.get(reverse("programmas:document", args=[registratie.pk]))
    assert response.status_code == 200 and _inhoud(response) == PDF_BYTES


def test_the_hourly_sweep_works_on_object_storage(in_memory, world):
    vergadering = plan(world.dbo)
    punt = vergadering_services.add_agendapunt(vergadering, titel="Mobiliteit", door=None)
    document = vergadering_services.add_document(punt, upload("nota.pdf", PDF_BYTES), door=None)
    wees = in_memory.save("vergaderingen/documenten/wees.pdf", ContentFile(PDF_BYTES))
    # every file counts as old enough: the orphan goes, the document a row names stays
    assert sweep_orphans(ouder_dan=datetime.timedelta(seconds=-1)) == [wees]
    assert in_memory.exists(document.bestand.name) and not in_memory.exists(wees)


# --- The S3 configuration --------------------------------------------------------------------------------------------


S3_ENV = {
    "S3_BUCKET": "regioportaal",
    "S3_ENDPOINT_URL": "http://minio:9000",
    "S3_ACCESS_KEY_ID": "portaal",
    "S3_SECRET_ACCESS_KEY": "geheim-geheim",
    "S3_REGION": "eu-west-1",
}


def test_without_a_bucket_uploads_stay_on_the_file_system():
    assert s3_storage({}) is None
    assert s3_storage({"S3_ENDPOINT_URL": "http://minio:9000"}) is None


def test_with_a_bucket_uploads_go_to_a_private_bucket_and_no_url_is_ever_signed():
    from storages.backends.s3 import S3Storage

    config = s3_storage(S3_ENV)
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    opties = config["OPTIONS"]
    assert opties["default_acl"] == "private" and opties["querystring_auth"] is False
    assert opties["file_overwrite"] is False  # a taken name gets a new one, as on the file system
    assert 0 < opties["max_memory_size"] <= 2 * 1024 * 1024  # a large download spills to disk, not to memory
    storage = S3Storage(**opties)  # no network: the client connects on first use
    assert (storage.bucket_name, storage.endpoint_url, storage.region_name) == (
        "regioportaal",
        "http://minio:9000",
        "eu-west-1",
    )
    # `.url` (which no template uses) would give a plain address the private bucket refuses, never a signed link
    url = storage.url("vergaderingen/documenten/nota.pdf")
    assert url == "http://minio:9000/regioportaal/vergaderingen/documenten/nota.pdf"
    assert "Signature" not in url and "X-Amz" not in url


# --- The real S3 backend, against moto's S3 in this process ----------------------------------------------------------


@pytest.fixture
def s3(settings, tmp_path):
    """django-storages' S3Storage as settings.s3_storage configures it, on moto's in-process S3 (no network)."""
    from moto import mock_aws

    settings.MEDIA_ROOT = tmp_path / "media"
    with mock_aws():
        import boto3

        boto3.client("s3", region_name="eu-west-1").create_bucket(
            Bucket="regioportaal", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
        )
        config = s3_storage({**S3_ENV, "S3_ENDPOINT_URL": ""})  # moto answers AWS's own endpoint
        settings.STORAGES = {**settings.STORAGES, "default": config}
        yield boto3.client("s3", region_name="eu-west-1")
    assert not settings.MEDIA_ROOT.exists()


def test_on_s3_a_document_is_stored_private_served_through_the_view_and_swept(
    s3, world, client, django_capture_on_commit_callbacks
):
    vergadering = plan(world.dbo)
    punt = vergadering_services.add_agendapunt(vergadering, titel="Mobiliteit", door=None)
    client.force_login(world.secretariaat)
    response = client.post(
        reverse("vergaderingen:agendapunt_bewerken", args=[punt.pk]),
        {"actie": "document", "bestand": upload("nota.pdf", PDF_BYTES)},
    )
    assert response.status_code == 302
    document = Document.objects.get(agendapunt=punt)
    acl = s3.get_object_acl(Bucket="regioportaal", Key=document.bestand.name)
    assert [g["Permission"] for g in acl["Grants"]] == ["FULL_CONTROL"]  # the owner alone: private

    response = client.get(document.get_absolute_url())
    assert response.status_code == 200 and _inhoud(response) == PDF_BYTES
    client.logout()
    assert client.get(document.get_absolute_url()).status_code == 404

    # the agenda PDFs: made by the task into the bucket, remade under the same names, served by the view
    with django_capture_on_commit_callbacks(execute=True):
        vergadering_services.publish_agenda(vergadering, door=world.secretariaat)
    vergadering.refresh_from_db()
    pdfs = {vergadering.agenda_pdf.name, vergadering.agenda_pdf_volledig.name}
    vergadering_services.make_agenda_pdf(vergadering)
    vergadering.refresh_from_db()
    assert {vergadering.agenda_pdf.name, vergadering.agenda_pdf_volledig.name} == pdfs
    response = client.get(reverse("vergaderingen:agenda_pdf", args=[vergadering.pk]))
    assert response.status_code == 200 and _inhoud(response).startswith(b"%PDF-")

    wees = default_storage.save("vergaderingen/documenten/wees.pdf", ContentFile(PDF_BYTES))
    assert sweep_orphans(ouder_dan=datetime.timedelta(seconds=-1)) == [wees]
    namen = {o["Key"] for o in s3.list_objects_v2(Bucket="regioportaal")["Contents"]}
    assert namen == {document.bestand.name, *pdfs}
