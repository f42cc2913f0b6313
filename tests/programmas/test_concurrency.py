"""Two council secretaries recording at the same moment: both decisions count (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from programmas import services
from programmas.models import Raadsbesluit, Registratie, Uitkomst, VersieStatus

from .bouw import bouw_regio, programma


@pytest.mark.django_db(transaction=True)
def test_two_council_secretaries_recording_at_once_both_count_and_the_status_follows(
    snelle_wachtwoorden, media
):
    if connection.vendor != "postgresql":
        pytest.skip("row locks (select_for_update) are only real on PostgreSQL")
    w = bouw_regio(2)  # unanimity: approved only when both approvals are seen together
    versie = programma(w, tot=VersieStatus.VOORGELEGD)
    start = threading.Barrier(2)
    fouten = []

    def vastleggen(user, bestuur):
        try:
            besluit = Raadsbesluit.objects.get(versie=versie, bestuur=bestuur)
            start.wait(timeout=10)
            services.record_raadsbesluit(
                besluit, uitkomst=Uitkomst.GOEDGEKEURD, datum_raad=timezone.localdate(), door=user
            )
        except Exception as exc:  # reported below, in the test's thread
            fouten.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=vastleggen, args=(w.raadssecretaris, w.leden[0])),
        threading.Thread(target=vastleggen, args=(w.raadssecretaris_b, w.leden[1])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not fouten
    assert Registratie.objects.filter(besluit__versie=versie).count() == 2
    assert set(Raadsbesluit.objects.filter(versie=versie).values_list("uitkomst", flat=True)) == {
        Uitkomst.GOEDGEKEURD
    }
    versie.refresh_from_db()
    assert versie.status == VersieStatus.GOEDGEKEURD
