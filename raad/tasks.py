"""Celery tasks of raad: thin, idempotent, retried."""

import datetime

from celery import shared_task

from .protocol import services


@shared_task(bind=True, autoretry_for=(Exception,), retry_backoff=60, retry_jitter=True, max_retries=5)
def send_informatieprotocol(self, vandaag=None):
    """Daily (Celery beat): send every item of the regions' information protocols that is due, and warn the
    secretariats of missing input; a retry or a second run sends nothing twice. Returns (sent, warnings)."""
    if isinstance(vandaag, str):  # from a serialised task call
        vandaag = datetime.date.fromisoformat(vandaag)
    return len(services.send_due(vandaag)), len(services.warn_missing(vandaag))
