"""The outbox: a side effect is stored with the change that caused it and delivered once the broker is back."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from regioportaal import outbox
from regioportaal.meldingen import notify
from regioportaal.models import Melding, OutboxJob, User
from regioportaal.tasks import dispatch_outbox, send_melding

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna(db):
    return User.objects.create_user("anna@example.org", "x" * 16, first_name="Anna", meldingen="direct")


def test_a_notification_is_mailed_after_the_commit_and_its_job_closed(
    anna, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify([anna], "Agenda DBO", "De agenda staat klaar.")
        assert mail.outbox == []  # nothing leaves before the commit
    assert [m.subject for m in mail.outbox] == ["Agenda DBO"]
    job = OutboxJob.objects.get()
    assert job.task == "regioportaal.tasks.send_melding"
    assert job.finished_at is not None and job.attempts == 1
    assert Melding.objects.get().verzonden_op is not None


def test_a_rolled_back_change_leaves_no_job_and_sends_nothing(anna, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            notify([anna], "Agenda DBO", "De agenda staat klaar.")
            raise RuntimeError("the service failed after notifying")
    assert not OutboxJob.objects.exists()
    assert not Melding.objects.exists()
    assert mail.outbox == []


def test_with_the_broker_down_nothing_is_lost_and_all_is_delivered_when_it_is_back(
    anna, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify([anna], "Besluit gemeenteraad", "Aalst heeft ingestemd.")
    melding = Melding.objects.get()
    job = OutboxJob.objects.get()
    assert melding.verzonden_op is None and mail.outbox == []
    assert job.finished_at is None and job.handed_over_at is not None
    assert "OperationalError" in job.last_error

    # Within the waiting time the dispatcher leaves it alone; after it, with the broker still down, it stays open.
    assert outbox.dispatch_open() == 0
    later = timezone.now() + outbox.WAIT + timedelta(seconds=1)
    assert outbox.dispatch_open(now=later) == 0
    assert OutboxJob.objects.get().attempts == 2

    # The broker is back (here: eager again): the periodic dispatcher delivers it, once.
    broker_down()
    assert outbox.dispatch_open(now=later + outbox.WAIT) == 1
    assert [m.subject for m in mail.outbox] == ["Besluit gemeenteraad"]
    assert OutboxJob.objects.get().finished_at is not None
    assert outbox.dispatch_open(now=later + 2 * outbox.STALE) == 0
    assert len(mail.outbox) == 1


def test_a_job_handed_over_but_never_finished_is_handed_over_again_after_a_while(anna):
    melding = Melding.objects.create(user=anna, onderwerp="Herinnering", tekst="Termijn verstrijkt.")
    job = OutboxJob.objects.create(task="regioportaal.tasks.send_melding", args=[melding.pk])
    OutboxJob.objects.filter(pk=job.pk).update(
        handed_over_at=timezone.now(), attempts=1
    )  # lost in the broker

    assert outbox.dispatch_open(now=timezone.now() + outbox.WAIT * 2) == 0
    assert mail.outbox == []
    assert outbox.dispatch_open(now=timezone.now() + outbox.STALE + timedelta(seconds=1)) == 1
    assert [m.subject for m in mail.outbox] == ["Herinnering"]


def test_the_beat_task_dispatches_what_is_open(anna):
    melding = Melding.objects.create(user=anna, onderwerp="Vraag beantwoord", tekst="Zie het portaal.")
    job = OutboxJob.objects.create(task="regioportaal.tasks.send_melding", args=[melding.pk])
    OutboxJob.objects.filter(pk=job.pk).update(created=timezone.now() - outbox.WAIT * 2)
    dispatch_outbox.delay()
    assert [m.subject for m in mail.outbox] == ["Vraag beantwoord"]


def test_a_job_is_given_up_after_the_maximum_number_of_attempts(anna):
    job = OutboxJob.objects.create(task="regioportaal.tasks.bestaat_niet", args=[1])
    for _ in range(outbox.MAX_ATTEMPTS):
        assert outbox.dispatch(job.pk) is False
    job.refresh_from_db()
    assert job.attempts == outbox.MAX_ATTEMPTS and "bestaat_niet" in job.last_error
    assert job.given_up_at is None
    outbox.dispatch(job.pk)
    job.refresh_from_db()
    assert job.given_up_at is not None
    assert not outbox.open_jobs(now=timezone.now() + outbox.STALE * 2).filter(pk=job.pk).exists()


def test_sending_a_notification_twice_mails_it_once(anna):
    melding = Melding.objects.create(user=anna, onderwerp="Agenda", tekst="Klaar.")
    send_melding.delay(melding.pk)
    send_melding.delay(melding.pk)
    assert len(mail.outbox) == 1
