"""The transactional outbox: every side effect of a service (mail, PDF, notification) goes through `enqueue`.

    enqueue("programmas.tasks.notify", "besluit", versie.pk, besluit.pk)

writes an `OutboxJob` row in the caller's transaction, so the job exists exactly when the decision does. After the
commit, `dispatch` hands it to Celery by task name (no import of the task module: services never import their tasks,
so there is no services ↔ tasks circle). When the broker is down the row stays open with the error; the decision
is stored and nothing is lost. `dispatch_open` (the beat task `regioportaal.tasks.dispatch_outbox`, every minute)
hands over again what was never handed over, or what was handed over but has not finished after `STALE` (a message lost
in a broker restart), up to `MAX_ATTEMPTS` times. A task marks its row finished through Celery's `task_success` signal
(the task id names the row), so every task run from the outbox must be idempotent: each checks whether its work is
already done (a Melding has `verzonden_op`, a PDF its file).
"""

import logging
from datetime import timedelta

from celery import current_app
from celery.signals import task_failure, task_success
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import OutboxJob

logger = logging.getLogger(__name__)

TASK_ID_PREFIX = "outbox-"
STALE = timedelta(minutes=30)
WAIT = timedelta(minutes=1)
MAX_ATTEMPTS = 10


def enqueue(task, *args):
    """Record the job `task(*args)` in the current transaction and hand it to Celery once that commits."""
    job = OutboxJob.objects.create(task=task, args=list(args))
    transaction.on_commit(lambda: dispatch(job.pk))
    return job


def _task_id(job):
    return f"{TASK_ID_PREFIX}{job.pk}-{job.attempts}"


def _job_pk(task_id):
    if not task_id or not task_id.startswith(TASK_ID_PREFIX):
        return None
    pk, _sep, _poging = task_id[len(TASK_ID_PREFIX) :].partition("-")
    return int(pk) if pk.isdigit() else None


def _tasks():
    """Celery's task registry with every task module imported (a web process imports no tasks module itself)."""
    if not _tasks.loaded:
        current_app.loader.import_default_modules()
        _tasks.loaded = True
    return current_app.tasks


_tasks.loaded = False


def dispatch(pk):
    """Hand the open job `pk` to Celery; on a broker error keep it open with the error. Returns True when handed over."""
    job = OutboxJob.objects.filter(pk=pk, finished_at__isnull=True, given_up_at__isnull=True).first()
    if job is None:
        return False
    if job.attempts >= MAX_ATTEMPTS:
        OutboxJob.objects.filter(pk=pk).update(given_up_at=timezone.now())
        logger.error("outbox: job %s (%s) opgegeven na %s attempts", pk, job.task, job.attempts)
        return False
    job.attempts += 1
    OutboxJob.objects.filter(pk=pk).update(attempts=F("attempts") + 1, handed_over_at=timezone.now())
    try:
        task = _tasks()[job.task]
        task.apply_async(args=job.args, task_id=_task_id(job))
    except Exception as exc:  # broker down, unknown task, or (eagerly run) the task itself failed
        logger.warning("outbox: job %s (%s) niet afgehandeld: %r", pk, job.task, exc)
        OutboxJob.objects.filter(pk=pk, finished_at__isnull=True).update(last_error=repr(exc)[:2000])
        return False
    return True


def open_jobs(now=None):
    """The jobs to hand over again: never handed over for `WAIT`, or handed over and unfinished for `STALE`."""
    now = now or timezone.now()
    return OutboxJob.objects.filter(
        Q(handed_over_at__isnull=True, created__lte=now - WAIT)
        | Q(handed_over_at__lte=now - STALE)
        | Q(handed_over_at__isnull=False, last_error__gt="", handed_over_at__lte=now - WAIT),
        finished_at__isnull=True,
        given_up_at__isnull=True,
    ).order_by("created")


def dispatch_open(now=None):
    """Hand over every open job again (oldest first); returns how many were handed over."""
    handed = 0
    for pk in open_jobs(now).values_list("pk", flat=True).iterator():
        handed += dispatch(pk)
    return handed


@task_success.connect
def _mark_finished(sender=None, **kwargs):
    pk = _job_pk(getattr(sender.request, "id", None)) if sender is not None else None
    if pk is not None:
        OutboxJob.objects.filter(pk=pk, finished_at__isnull=True).update(
            finished_at=timezone.now(), last_error=""
        )


@task_failure.connect
def _mark_failed(sender=None, task_id=None, exception=None, **kwargs):
    """A task that gave up (its retries exhausted) keeps its row open with the error, for the next hand-over."""
    pk = _job_pk(task_id)
    if pk is not None:
        OutboxJob.objects.filter(pk=pk, finished_at__isnull=True).update(last_error=repr(exception)[:2000])
