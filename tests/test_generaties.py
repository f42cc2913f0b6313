"""The page cache's generations (regioportaal.generaties): a transaction of many writes queues one replacement per
region set on commit, not one per write, and a replacement a rolled-back savepoint discarded never stands in for a
later write's."""

import functools

import pytest
from django.core.cache import cache
from django.db import connection, transaction

from regioportaal import generaties
from tests.factories import gemeente

pytestmark = pytest.mark.django_db


def _vervangingen():
    return [
        cb
        for _sids, cb, _robust in connection.run_on_commit
        if isinstance(cb, functools.partial) and cb.func is generaties.vervang
    ]


def test_a_thousand_writes_in_one_transaction_queue_one_replacement(db):
    with transaction.atomic():
        for i in range(20):
            gemeente(f"Gemeente {i}", f"{90000 + i}")
        assert len(_vervangingen()) == 1


def test_a_write_after_a_rolled_back_savepoint_still_replaces_on_commit(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        try:
            with transaction.atomic():
                gemeente("Weg", "90101")
                raise RuntimeError
        except RuntimeError:
            pass
        assert _vervangingen() == []  # discarded with the savepoint
        gemeente("Blijft", "90102")
        voor = cache.get(generaties.ALLES)
        assert len(_vervangingen()) == 1
    assert cache.get(generaties.ALLES) != voor  # replaced again on commit


def test_a_region_page_keys_on_the_region_its_slug_names():
    """The slug's region is read with a written-out query: the id the ORM finds, None for a slug of no region, and
    a page of an unknown slug keys on the global generation alone."""
    from besturen.models import Regio
    from tests.factories import RegioFactory

    regio, andere = RegioFactory(slug="een-regio"), RegioFactory(slug="een-andere-regio")
    for slug in ("een-regio", "een-andere-regio", "geen-regio"):
        orm = Regio.objects.filter(slug=slug).values_list("pk", flat=True).first()
        assert generaties._regio_id(slug) == orm
    cache.clear()
    assert generaties.voor_pagina("een-regio")[1] == f"regio-{regio.pk}"
    assert generaties.voor_pagina("een-andere-regio")[1] == f"regio-{andere.pk}"
    assert generaties.voor_pagina("geen-regio")[1] == "geen-regio"
