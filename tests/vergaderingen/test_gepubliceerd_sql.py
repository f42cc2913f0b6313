"""The rule "this meeting's agenda is public" has one home (`gepubliceerd_q`) and its SQL form beside it
(`gepubliceerd_sql`, used by written-out queries such as the grip page's latest documents): both select the same
meetings, for every status with and without a published agenda, on PostgreSQL and SQLite."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from tests.factories import OrgaanFactory
from vergaderingen.models import Vergadering, VergaderingStatus, gepubliceerd_q, gepubliceerd_sql

pytestmark = pytest.mark.django_db


def test_the_sql_form_selects_the_meetings_the_orm_form_selects():
    orgaan = OrgaanFactory()
    begin = timezone.now() + datetime.timedelta(days=3)
    for status in VergaderingStatus.values:
        for gepubliceerd_op in (None, timezone.now()):
            Vergadering.objects.create(
                orgaan=orgaan,
                begin=begin,
                einde=begin + datetime.timedelta(hours=2),
                status=status,
                agenda_gepubliceerd_op=gepubliceerd_op,
            )
    verwacht = set(Vergadering.objects.filter(gepubliceerd_q()).values_list("pk", flat=True))
    waar, params = gepubliceerd_sql("v")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT v.id FROM {Vergadering._meta.db_table} v WHERE {waar}", params)
        gelezen = {pk for (pk,) in cursor.fetchall()}
    assert gelezen == verwacht
    # Published and later, and a cancellation after publishing: 3 statuses twice, and one cancelled meeting.
    assert len(verwacht) == 2 * 3 + 1
