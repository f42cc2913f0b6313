"""Django's database session stores (plain and with the shared cache in front) with a cheaper read of the session
row, which every request of a logged-in user makes (SESSION_ENGINE, `regioportaal.settings.session_engine`).

Django reads the row with the ORM (`Session.objects.get(session_key=..., expire_date__gt=now)`: a queryset built and
compiled on every request, about half a millisecond of Python). Here the same row is read with one written-out
statement, from the database the ORM would read it from (`Session.objects.db`, the router's choice), and made an
instance as the ORM makes it (`regioportaal.sqlrijen.maak`). Everything else (saving, creating, deleting, the
cache of `cached_db`, decoding and its checks) is Django's own."""

from django.db import connections
from django.utils import timezone

from regioportaal import sqlrijen

_SQL = {}


def _statement(model, alias):
    key = (model, alias)
    if key not in _SQL:
        qn = connections[alias].ops.quote_name
        velden = list(model._meta.concrete_fields)
        kolommen = ", ".join(qn(veld.column) for veld in velden)
        _SQL[key] = (
            f"SELECT {kolommen} FROM {qn(model._meta.db_table)} "
            f"WHERE {qn(model._meta.get_field('session_key').column)} = %s "
            f"AND {qn(model._meta.get_field('expire_date').column)} > %s",
            [veld.attname for veld in velden],
        )
    return _SQL[key]


class SnelleSessieRij:
    """Mixin for a database session store: `_get_session_from_db` as Django's, written out."""

    def _get_session_from_db(self):
        model = self.model
        alias = model.objects.db
        sql, namen = _statement(model, alias)
        connection = connections[alias]
        # The moment as the ORM passes it for this column (SQLite stores naive UTC text).
        nu = model._meta.get_field("expire_date").get_db_prep_value(timezone.now(), connection)
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.session_key, nu])
            rij = cursor.fetchone()
        if rij is None:
            self._session_key = None  # as Django does for a missing or expired session
            return None
        return sqlrijen.maak(model, alias, namen, rij)
