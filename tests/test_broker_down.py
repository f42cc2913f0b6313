"""With Redis down, a council decision, an invitation and a published agenda are stored, their mail waits in the
outbox, and everything is delivered once the broker is back (issue 12: a stopped broker loses nothing)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from besturen import services as besturen_services
from programmas import services as programma_services
from programmas.models import Raadsbesluit, Uitkomst, VersieStatus
from regioportaal import outbox
from regioportaal.models import OutboxJob
from tests.programmas.bouw import bouw_regio, programma, vandaag
from tests.vergaderingen.conftest import plan
from vergaderingen import services as vergadering_services

pytestmark = pytest.mark.django_db


def _deliver_waiting_jobs():
    return outbox.dispatch_open(now=timezone.now() + outbox.WAIT + timedelta(seconds=1))


def _open_jobs():
    return OutboxJob.objects.filter(finished_at__isnull=True).values_list("task", flat=True)


def test_a_council_decision_is_stored_and_its_notification_delivered_when_the_broker_is_back(
    snelle_wachtwoorden, broker_down, django_capture_on_commit_callbacks
):
    w = bouw_regio()
    versie = programma(w, tot=VersieStatus.VOORGELEGD)
    besluit = Raadsbesluit.objects.get(versie=versie, bestuur=w.leden[0])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        programma_services.record_raadsbesluit(
            besluit, uitkomst=Uitkomst.GOEDGEKEURD, datum_raad=vandaag(), door=w.raadssecretaris
        )

    besluit.refresh_from_db()
    assert besluit.uitkomst == Uitkomst.GOEDGEKEURD  # the decision is stored
    assert "programmas.tasks.notify" in _open_jobs()  # its notification waits
    assert mail.outbox == []

    broker_down()
    with django_capture_on_commit_callbacks(execute=True):  # the notification's own mail is a job too
        assert _deliver_waiting_jobs() >= 1
    assert any(w.secretariaat.email in m.to and "Besluit van" in m.subject for m in mail.outbox)
    assert not _open_jobs().filter(task="programmas.tasks.notify").exists()


def test_an_invitation_is_stored_and_mailed_when_the_broker_is_back(
    world, broker_down, django_capture_on_commit_callbacks
):
    persoon = besturen_services.create_persoon(
        door=None, voornaam="Ines", achternaam="Uitgenodigd", email="ines@example.org"
    )

    with django_capture_on_commit_callbacks(execute=True):
        user = besturen_services.invite_persoon(persoon, door=None)

    assert user.email == "ines@example.org" and not user.has_usable_password()
    assert list(_open_jobs()) == ["besturen.tasks.send_uitnodiging"]
    assert mail.outbox == []

    broker_down()
    assert _deliver_waiting_jobs() == 1
    assert [m.to for m in mail.outbox] == [["ines@example.org"]]


def test_a_published_agenda_is_stored_and_its_pdf_and_mail_follow_when_the_broker_is_back(
    world, media, broker_down, django_capture_on_commit_callbacks
):
    vergadering = plan(world.dbo)
    vergadering_services.add_agendapunt(vergadering, titel="Regionale mobiliteit", door=None)

    with django_capture_on_commit_callbacks(execute=True):
        vergadering_services.publish_agenda(vergadering, door=world.secretariaat)

    vergadering.refresh_from_db()
    assert vergadering.agenda_gepubliceerd
    assert "vergaderingen.tasks.make_agenda_pdf" in _open_jobs()
    assert not vergadering.agenda_pdf

    broker_down()
    assert _deliver_waiting_jobs() >= 1
    vergadering.refresh_from_db()
    assert vergadering.agenda_pdf  # the PDF was made after all
    assert any(world.lid.email in m.to for m in mail.outbox)  # and the members heard of the agenda
    assert not _open_jobs().exists()
