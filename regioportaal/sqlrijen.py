"""Written-out queries that read several models in one row (a model with the models it joins), as the ORM's
`select_related` would: the columns of each model under its alias, and each row split back into one instance per
model, made by `Model.from_db` as the ORM makes them. Used where building the query with the ORM cost more than
running it, on pages that miss the page cache (docs/performance.md).

`delen` is a list of (model, alias) in the order of the columns; the caller writes the FROM and the joins with
those aliases and puts the instances' related objects in place."""

import datetime
from decimal import Decimal

from django.db import connections
from django.utils import timezone
from django.utils.dateparse import parse_datetime


def kolommen(delen, connection):
    """The SELECT list: every concrete column of each model, under its alias, in the models' field order."""
    qn = connection.ops.quote_name
    return ", ".join(f"{alias}.{qn(f.column)}" for model, alias in delen for f in model._meta.concrete_fields)


def objecten(db, delen, rij):
    """A row of `kolommen(delen)` (possibly followed by more columns) as one instance per model, None for a model
    whose primary key is NULL (an outer join that found nothing); with the row's columns after them."""
    instanties, begin = [], 0
    for model, _alias in delen:
        namen = _namen(model)
        waarden = rij[begin : begin + len(namen)]
        begin += len(namen)
        instanties.append(None if waarden[0] is None else maak(model, db, namen, waarden))
    return instanties, rij[begin:]


_NAMEN = {}


def _namen(model):
    namen = _NAMEN.get(model)
    if namen is None:
        namen = _NAMEN[model] = [f.attname for f in model._meta.concrete_fields]
    return namen


def in_lijst(kolom, waarden):
    """`kolom IN (%s, …)` for `waarden`, with its parameters: SQL that PostgreSQL and SQLite both read (unlike
    `= ANY(%s::type[])`); an empty list matches nothing."""
    waarden = list(waarden)
    if not waarden:
        return "1 = 0", []
    return f"{kolom} IN ({', '.join(['%s'] * len(waarden))})", waarden


def als_datum(waarde):
    """A date column of a written-out query as a date: SQLite gives the text of a column it cannot type (an
    expression, the later parts of a UNION)."""
    if waarde is None or isinstance(waarde, datetime.date):
        return waarde
    return datetime.date.fromisoformat(str(waarde)[:10])


def als_tijdstip(waarde):
    """A date-time column of a written-out query as an aware datetime: SQLite gives text, or a naive datetime in
    UTC (as Django stores it there)."""
    if isinstance(waarde, str):
        waarde = parse_datetime(waarde)
    if waarde is not None and timezone.is_naive(waarde):
        waarde = timezone.make_aware(waarde, datetime.UTC)
    return waarde


_OMZETTERS = {}


def maak(model, db, namen, waarden):
    """`model.from_db(db, namen, waarden)` with the values first converted as the ORM converts them when it reads
    them (`Field.get_db_converters` and the backend's: SQLite gives a float for a decimal, a naive datetime, the
    text of a date it cannot type); on PostgreSQL these fields need none. `namen`: attribute names, or None for
    every concrete field in order."""
    sleutel = (model, db, None if namen is None else tuple(namen))
    omzetters = _OMZETTERS.get(sleutel)
    if omzetters is None:
        connection = connections[db]
        velden = (
            model._meta.concrete_fields
            if namen is None
            else [next(f for f in model._meta.concrete_fields if f.attname == naam) for naam in namen]
        )
        omzetters = []
        for i, veld in enumerate(velden):
            kolom = veld.get_col(model._meta.db_table)
            functies = connection.ops.get_db_converters(kolom) + kolom.get_db_converters(connection)
            if functies:
                omzetters.append((i, kolom, functies))
        _OMZETTERS[sleutel] = omzetters
    if omzetters:
        waarden = list(waarden)
        connection = connections[db]
        for i, kolom, functies in omzetters:
            waarde = waarden[i]
            for functie in functies:
                waarde = functie(waarde, kolom, connection)
            waarden[i] = waarde
    return model.from_db(db, namen, waarden)


def als_decimaal(waarde):
    """A decimal column of a written-out query as a Decimal: SQLite gives a float or an int."""
    if waarde is None or isinstance(waarde, Decimal):
        return waarde
    return Decimal(str(waarde))
