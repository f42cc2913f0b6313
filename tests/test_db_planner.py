"""PostgreSQL prices a random page read for data in memory (settings.DB_RANDOM_PAGE_COST): the planner then reads one
region's rows by index instead of scanning every region's."""

import pytest
from django.conf import settings
from django.db import connection


@pytest.mark.django_db
def test_every_connection_prices_a_random_page_read_as_the_settings_say():
    if connection.vendor != "postgresql":
        pytest.skip(f"a PostgreSQL planner setting; this run uses {connection.vendor}")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        (waarde,) = cursor.fetchone()
    assert float(waarde) == float(settings.DB_RANDOM_PAGE_COST or 4)
