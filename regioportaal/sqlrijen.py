"""Written-out queries that read several models in one row (a model with the models it joins), as the ORM's
`select_related` would: the columns of each model under its alias, and each row split back into one instance per
model, made by `Model.from_db` as the ORM makes them. Used where building the query with the ORM cost more than
running it, on pages that miss the page cache (docs/performance.md).

`delen` is a list of (model, alias) in the order of the columns; the caller writes the FROM and the joins with
those aliases and puts the instances' related objects in place."""


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
        instanties.append(None if waarden[0] is None else model.from_db(db, namen, waarden))
    return instanties, rij[begin:]


_NAMEN = {}


def _namen(model):
    namen = _NAMEN.get(model)
    if namen is None:
        namen = _NAMEN[model] = [f.attname for f in model._meta.concrete_fields]
    return namen
