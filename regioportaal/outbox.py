"""The transactional outbox: every side effect of a service (mail, PDF, notification) goes through `enqueue`.

    enqueue("programmas.tasks.notify", "besluit", versie.pk, besluit.pk)

writes an `Opdracht` row in the caller's transaction, so the job exists exactly when the decision does. After the
commit, `dispatch` hands it to Celery by task name (no import of the task module: services never import their tasks,
so there is no services ↔ tasks circle). When the broker is down the row stays open with the error; the decision
is stored and nothing is lost. `dispatch_open` (the beat task `regioportaal.tasks.dispatch_outbox`, every minute)
hands over again what was never handed over, or what was handed over but has not finished after `STALE` (a message lost
in a broker restart), up to `MAX_POGINGEN` times. A task marks its row finished through Celery's `task_success` signal
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

from .models import Opdracht

logger = logging.getLogger(__name__)

TASK_ID_PREFIX = "opdracht-"
STALE = timedelta(minutes=30)
WAIT = timedelta(minutes=1)
MAX_POGINGEN = 10


def enqueue(taak, *args):
    """Record the job `taak(*args)` in the current transaction and hand it to Celery once that commits."""
    opdracht = Opdracht.objects.create(taak=taak, args=list(args))
    transaction.on_commit(lambda: dispatch(opdracht.pk))
    return opdracht


def _task_id(opdracht):
    return f"{TASK_ID_PREFIX}{opdracht.pk}-{opdracht.pogingen}"


def _opdracht_pk(task_id):
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
    opdracht = Opdracht.objects.filter(pk=pk, klaar_op__isnull=True, opgegeven_op__isnull=True).first()
    if opdracht is None:
        return False
    if opdracht.pogingen >= MAX_POGINGEN:
        Opdracht.objects.filter(pk=pk).update(opgegeven_op=timezone.now())
        logger.error(
            "outbox: opdracht %s (%s) opgegeven na %s pogingen", pk, opdracht.taak, opdracht.pogingen
        )
        return False
    opdracht.pogingen += 1
    Opdracht.objects.filter(pk=pk).update(pogingen=F("pogingen") + 1, aangeboden_op=timezone.now())
    try:
        task = _tasks()[opdracht.taak]
        task.apply_async(args=opdracht.args, task_id=_task_id(opdracht))
    except Exception as exc:  # broker down, unknown task, or (eagerly run) the task itself failed
        logger.warning("outbox: opdracht %s (%s) niet afgehandeld: %r", pk, opdracht.taak, exc)
        Opdracht.objects.filter(pk=pk, klaar_op__isnull=True).update(laatste_fout=repr(exc)[:2000])
        return False
    return True


def open_opdrachten(now=None):
    """The jobs to hand over again: never handed over for `WAIT`, or handed over and unfinished for `STALE`."""
    now = now or timezone.now()
    return Opdracht.objects.filter(
        Q(aangeboden_op__isnull=True, aangemaakt__lte=now - WAIT)
        | Q(aangeboden_op__lte=now - STALE)
        | Q(aangeboden_op__isnull=False, laatste_fout__gt="", aangeboden_op__lte=now - WAIT),
        klaar_op__isnull=True,
        opgegeven_op__isnull=True,
    ).order_by("aangemaakt")


def dispatch_open(now=None):
    """Hand over every open job again (oldest first); returns how many were handed over."""
    handed = 0
    for pk in open_opdrachten(now).values_list("pk", flat=True).iterator():
        handed += dispatch(pk)
    return handed


@task_success.connect
def _mark_finished(sender=None, **kwargs):
    pk = _opdracht_pk(getattr(sender.request, "id", None)) if sender is not None else None
    if pk is not None:
        Opdracht.objects.filter(pk=pk, klaar_op__isnull=True).update(klaar_op=timezone.now(), laatste_fout="")


@task_failure.connect
def _mark_failed(sender=None, task_id=None, exception=None, **kwargs):
    """A task that gave up (its retries exhausted) keeps its row open with the error, for the next hand-over."""
    pk = _opdracht_pk(task_id)
    if pk is not None:
        Opdracht.objects.filter(pk=pk, klaar_op__isnull=True).update(laatste_fout=repr(exception)[:2000])
