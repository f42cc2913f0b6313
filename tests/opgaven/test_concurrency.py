"""Two commitments at the same moment that together exceed the mandate: the row lock lets exactly one through.

PostgreSQL only (SQLite serialises every write, so it proves nothing there); CI runs PostgreSQL.
"""

import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from opgaven import services
from opgaven.models import Verplichting
from regioportaal.models import ActionLog
from tests.opgaven.factories import bouw_wereld


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_commitments_beyond_the_rest_let_exactly_one_through(snelle_wachtwoorden):
    if connection.vendor != "postgresql":
        pytest.skip(f"needs PostgreSQL's row locks; this run uses {connection.vendor}")
    w = bouw_wereld()  # mandate of € 10.000
    barrier = threading.Barrier(2)
    uitkomsten = []

    def vastleggen(bedrag):
        try:
            barrier.wait(timeout=10)
            services.record_verplichting(
                w.mandaat,
                bedrag=Decimal(bedrag),
                omschrijving=f"Gelijktijdig {bedrag}",
                datum=datetime.date(2025, 5, 1),
                door=w.voorzitter,
            )
            uitkomsten.append("vastgelegd")
        except ValidationError as exc:
            uitkomsten.append(exc.message_dict)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            uitkomsten.append(repr(exc))
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=vastleggen, args=(bedrag,)) for bedrag in ("6000", "7000")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert uitkomsten.count("vastgelegd") == 1, uitkomsten
    [geweigerd] = [u for u in uitkomsten if u != "vastgelegd"]
    assert list(geweigerd) == ["bedrag"] and "Dit gaat boven het mandaat" in geweigerd["bedrag"][0]
    assert Verplichting.objects.count() == 1
    assert services.resterend_budget(w.mandaat) in (Decimal("4000"), Decimal("3000"))
    assert ActionLog.objects.filter(actie="verplichting vastgelegd").count() == 1
