"""Celery tasks of vergaderingen: thin, idempotent, retried."""

from celery import shared_task

from . import services
from .models import Inschrijving, KeuzeStatus, Sessiekeuze, Vergadering

RETRY = {"autoretry_for": (OSError,), "retry_backoff": 30, "retry_jitter": True, "max_retries": 8}


@shared_task(bind=True, **RETRY)
def make_agenda_pdf(self, vergadering_id):
    """Render the agenda PDFs (a retry overwrites the same files)."""
    vergadering = Vergadering.objects.select_related("orgaan").filter(pk=vergadering_id).first()
    if vergadering is not None and vergadering.agenda_gepubliceerd:
        services.make_agenda_pdf(vergadering)


@shared_task(bind=True, **RETRY)
def send_bevestiging(self, inschrijving_id):
    inschrijving = (
        Inschrijving.objects.select_related("bijeenkomst", "user").filter(pk=inschrijving_id).first()
    )
    if inschrijving is not None:
        services.send_bevestiging_mail(inschrijving)


@shared_task(bind=True, **RETRY)
def send_opgeschoven(self, keuze_id):
    keuze = (
        Sessiekeuze.objects.select_related(
            "inschrijving__user", "inschrijving__bijeenkomst", "werksessie__blok"
        )
        .filter(pk=keuze_id, status=KeuzeStatus.BEVESTIGD)
        .first()
    )
    if keuze is not None:
        services.send_opgeschoven_mail(keuze)
