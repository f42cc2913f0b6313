"""The nightly retention task (beat: settings.CELERY_BEAT_SCHEDULE["bewaartermijnen"])."""

import logging

from celery import shared_task

from .retention import purge_expired

logger = logging.getLogger(__name__)


@shared_task
def purge_expired_data():
    """Delete what is past its retention period (regioportaal.privacy.retention)."""
    counts = purge_expired()
    logger.info("bewaartermijnen: %s", " ".join(f"{key}={value}" for key, value in counts.items()))
    return counts
