"""The portal's login backend: Django's `ModelBackend` with a cheaper `get_user`, which every request of a logged-in
user asks (the account of the session).

`get_user` reads the account with one written-out query (the same columns and the same database as the ORM's
`User.objects.get(pk=...)`) and builds the instance without the ORM's query building and, where nothing needs
converting (PostgreSQL), without `Model.__init__`: the same instance, a fraction of the work. It refuses an inactive
account as `ModelBackend` does.

Django keeps the path of the backend that logged a session in (`BACKEND_SESSION_KEY`) and asks that backend for the
session's user on every request, as long as the path is still listed in AUTHENTICATION_BACKENDS. So:

- this backend is listed before `django.contrib.auth.backends.ModelBackend`: a password login (axes' lockout check
  first) is answered by this one, and the sessions it logs in (and the test client's `force_login`, which takes the
  first backend that has `get_user`) read their user here;
- `ModelBackend` stays listed, for the sessions it logged in before this backend existed: they keep working and read
  their user as before until they end (log out, idle timeout, SESSION_COOKIE_AGE). Removing it from the list would
  log them all out;
- a refused password stops Django's `authenticate` here (`PermissionDenied`, after which Django reports the failed
  login as before): `ModelBackend`, listed next, would hash the same password again, doubling the cost of every
  failed login (and the time a guessed address takes).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db import connections, router
from django.db.models import Model, signals
from django.db.models.base import ModelState
from django.db.models.query_utils import DeferredAttribute

from . import sqlrijen


class GebruikerBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None and _wachtwoordpoging(username, password, kwargs):
            raise PermissionDenied  # refused as ModelBackend refuses it: it need not check the same password again
        return user

    async def aauthenticate(self, request, username=None, password=None, **kwargs):
        user = await super().aauthenticate(request, username=username, password=password, **kwargs)
        if user is None and _wachtwoordpoging(username, password, kwargs):
            raise PermissionDenied
        return user

    def get_user(self, user_id):
        """`ModelBackend.get_user`: the active account with this pk, or None."""
        model = get_user_model()
        db = router.db_for_read(model)
        sql, namen = _gelezen(model, db)
        with connections[db].cursor() as cursor:
            cursor.execute(sql, [model._meta.pk.get_prep_value(user_id)])
            rij = cursor.fetchone()
        if rij is None:
            return None
        if namen is None or signals.pre_init.has_listeners(model) or signals.post_init.has_listeners(model):
            user = sqlrijen.maak(model, db, None, rij)
        else:  # what `from_db` leaves, without `__init__` setting each field through setattr
            user = model.__new__(model)
            staat = user._state = ModelState()
            staat.adding, staat.db = False, db
            user.__dict__.update(zip(namen, rij, strict=True))
        return user if self.user_can_authenticate(user) else None


def _wachtwoordpoging(username, password, kwargs):
    """Whether `ModelBackend.authenticate` checked a password for these credentials (rather than passing them by)."""
    if username is None:
        username = kwargs.get(get_user_model().USERNAME_FIELD)
    return username is not None and password is not None


_GELEZEN = {}


def _gelezen(model, db):
    """(SQL reading one account by pk with every concrete field's column in order, the fields' attribute names when
    the instance may be built without `__init__`, else None): a function of the code and the database alone."""
    sleutel = model, db
    if sleutel not in _GELEZEN:
        verbinding = connections[db]
        qn = verbinding.ops.quote_name
        velden = model._meta.concrete_fields
        sql = (
            f"SELECT {', '.join(qn(veld.column) for veld in velden)} FROM {qn(model._meta.db_table)} "
            f"WHERE {qn(model._meta.pk.column)} = %s"
        )
        namen = [veld.attname for veld in velden]
        if model.__init__ is not Model.__init__ or model.from_db.__func__ is not Model.from_db.__func__:
            namen = None
        for veld in velden:
            kolom = veld.get_col(model._meta.db_table)
            if (
                type(model.__dict__.get(veld.attname)) is not DeferredAttribute
                or verbinding.ops.get_db_converters(kolom)
                or kolom.get_db_converters(verbinding)
            ):
                namen = None
        _GELEZEN[sleutel] = sql, namen
    return _GELEZEN[sleutel]
