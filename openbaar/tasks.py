"""Nightly upkeep of the search table: a seat that starts or ends on a date changes no row, so no signal re-indexes
the people whose public roles changed that day."""

from celery import shared_task

from .models import Zoeksoort
from .zoeken.indexeren import reindex_all


@shared_task
def reindex_personen():
    return reindex_all([Zoeksoort.PERSOON])
