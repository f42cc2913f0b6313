"""No stored file outlives the transaction that should have named it.

A service writes an uploaded file before its row is committed. When the transaction rolls back, the file goes too
(`regioportaal.uploads.atomic_with_files` with `store_file`); what a rollback cannot catch (a worker killed between
the write and the commit) the hourly beat task `regioportaal.tasks.sweep_uploads` deletes once it is an hour old and
no row names it.
"""

import datetime
import os
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from programmas import services as programma_services
from programmas.models import Raadsbesluit, Registratie, Reviewpakket, Uitkomst, VersieStatus
from regioportaal import tasks
from regioportaal.uploads import atomic_with_files, store_file, sweep_orphans
from tests.programmas.bouw import bouw_regio, programma, vandaag
from vergaderingen import services as vergadering_services
from vergaderingen.models import Document

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _bestanden(media):
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())


def _pdf(naam="besluit.pdf"):
    return SimpleUploadedFile(naam, PDF, content_type="application/pdf")


@pytest.fixture
def besluit(db, snelle_wachtwoorden, media):
    w = bouw_regio(2, n_opgaven=1)
    versie = programma(w, tot=VersieStatus.VOORGELEGD)
    besluit = Raadsbesluit.objects.get(versie=versie, bestuur=w.leden[0])
    besluit.secretaris = w.raadssecretaris
    return besluit


def _record(besluit, document):
    return programma_services.record_raadsbesluit(
        besluit,
        uitkomst=Uitkomst.GOEDGEKEURD,
        datum_raad=vandaag(),
        document=document,
        door=besluit.secretaris,
    )


# --- A service that fails after writing the file ---------------------------------------------------------------------


def test_a_council_decision_that_fails_after_its_document_was_written_leaves_no_file(besluit, media):
    with mock.patch("programmas.services.raden._update_status", side_effect=RuntimeError("kapot")):
        with pytest.raises(RuntimeError):
            _record(besluit, _pdf())
    assert _bestanden(media) == []
    assert not Registratie.objects.filter(besluit=besluit).exists()


def test_a_recorded_council_decision_keeps_its_document(besluit, media):
    registratie = _record(besluit, _pdf())
    assert _bestanden(media) == [registratie.document.name]


def test_a_meeting_document_whose_log_entry_fails_leaves_no_file(world, media):
    begin = timezone.now() + datetime.timedelta(days=14)
    vergadering = vergadering_services.plan_vergadering(
        world.dbo, door=None, begin=begin, einde=begin + datetime.timedelta(hours=2), locatie="Stadhuis Aalst"
    )
    punt = vergadering_services.add_agendapunt(vergadering, titel="Mobiliteit", door=None)
    with mock.patch("vergaderingen.services._gedeeld.log_action", side_effect=RuntimeError("kapot")):
        with pytest.raises(RuntimeError):
            vergadering_services.add_document(punt, _pdf("nota.pdf"), door=world.secretariaat)
    assert _bestanden(media) == []
    assert not Document.objects.exists()
    document = vergadering_services.add_document(punt, _pdf("nota.pdf"), door=world.secretariaat)
    assert _bestanden(media) == [document.bestand.name]


# --- The mechanism: savepoints --------------------------------------------------------------------------------------


def _pakket_bestand(besluit):
    """An unsaved row's FieldFile to write through (any FileField does)."""
    return Reviewpakket(versie=besluit.versie, bestuur=besluit.bestuur).bestand


def test_an_inner_block_that_rolls_back_deletes_only_its_own_files(besluit, media):
    with atomic_with_files():
        buiten = store_file(_pakket_bestand(besluit), "buiten.pdf", ContentFile(PDF))
        with pytest.raises(RuntimeError):
            with atomic_with_files():
                store_file(_pakket_bestand(besluit), "binnen.pdf", ContentFile(PDF))
                raise RuntimeError("binnen mislukt")
    assert _bestanden(media) == [buiten]


def test_an_outer_rollback_deletes_the_files_of_a_committed_inner_block(besluit, media):
    with pytest.raises(RuntimeError):
        with atomic_with_files():
            with atomic_with_files():
                store_file(_pakket_bestand(besluit), "binnen.pdf", ContentFile(PDF))
            assert len(_bestanden(media)) == 1
            raise RuntimeError("buiten mislukt")
    assert _bestanden(media) == []


def test_a_block_marked_for_rollback_deletes_its_files(besluit, media):
    with atomic_with_files():
        store_file(_pakket_bestand(besluit), "teruggedraaid.pdf", ContentFile(PDF))
        transaction.set_rollback(True)
    assert _bestanden(media) == []


# --- The sweep -------------------------------------------------------------------------------------------------------


def _oud(media, naam, uren=2):
    moment = (timezone.now() - datetime.timedelta(hours=uren)).timestamp()
    os.utime(media / naam, (moment, moment))


def test_the_sweep_removes_an_old_unreferenced_file_and_keeps_referenced_and_fresh_ones(besluit, media):
    registratie = _record(besluit, _pdf())
    wees = default_storage.save(
        "raadsbesluiten/wees.pdf", ContentFile(PDF)
    )  # a worker died before the commit
    vers = default_storage.save("raadsbesluiten/vers.pdf", ContentFile(PDF))  # a transaction still open
    _oud(media, registratie.document.name)
    _oud(media, wees)
    assert sweep_orphans() == [wees]
    assert _bestanden(media) == sorted([registratie.document.name, vers])


def test_the_hourly_task_sweeps_and_is_scheduled(besluit, media, settings):
    wees = default_storage.save("vergaderingen/documenten/wees.pdf", ContentFile(PDF))
    _oud(media, wees)
    assert tasks.sweep_uploads() == 1
    assert _bestanden(media) == []
    assert tasks.sweep_uploads() == 0
    geplande = {taak["task"] for taak in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "regioportaal.tasks.sweep_uploads" in geplande


def test_the_sweep_with_an_empty_media_root_does_nothing(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "nog-niet-aangemaakt"
    assert sweep_orphans() == []
