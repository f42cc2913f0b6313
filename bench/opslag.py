"""Bulk loading for the benchmark: COPY on PostgreSQL, bulk_create elsewhere, with ids handed out up front.

Ids are assigned here (the table's highest id + 1 onwards) so rows can point at each other before they are written,
and the sequences are moved past them at the end (`finish`). Each table's rows and seconds are kept for the report.
"""

import time
from collections import defaultdict

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max


class Lader:
    def __init__(self):
        self.seconden = defaultdict(float)
        self.rijen = defaultdict(int)
        self._volgende = {}
        self._modellen = []

    def ids(self, model, objs):
        """Give every object in `objs` the next free id of its table."""
        if model not in self._volgende:
            self._volgende[model] = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
            self._modellen.append(model)
        for obj in objs:
            obj.pk = self._volgende[model]
            self._volgende[model] += 1
        return objs

    def insert(self, model, objs):
        """Write `objs` (instances of `model`, ids given here when missing) in one COPY or a batched bulk_create."""
        objs = list(objs)
        if not objs:
            return objs
        start = time.perf_counter()
        self.ids(model, [obj for obj in objs if obj.pk is None])
        if connection.vendor == "postgresql":
            _copy(model, objs)
        else:
            model.objects.bulk_create(objs, batch_size=500)
        self.seconden[model._meta.db_table] += time.perf_counter() - start
        self.rijen[model._meta.db_table] += len(objs)
        return objs

    def finish(self):
        """Move each sequence past the ids handed out (PostgreSQL; SQLite needs nothing)."""
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), self._modellen):
                cursor.execute(sql)

    def report(self):
        """Lines 'table  rows  seconds', slowest first."""
        regels = sorted(self.seconden.items(), key=lambda item: -item[1])
        return [f"{tabel:45} {self.rijen[tabel]:>9} {sec:8.2f} s" for tabel, sec in regels]


def _copy(model, objs):
    velden = list(model._meta.concrete_fields)
    kolommen = ", ".join(connection.ops.quote_name(veld.column) for veld in velden)
    tabel = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {tabel} ({kolommen}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row(
                    [veld.get_db_prep_save(veld.pre_save(obj, True), connection) for veld in velden]
                )
