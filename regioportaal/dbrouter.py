"""Read replica: safe requests read from the PostgreSQL replica, everything else uses the primary (`default`).

Active only when DATABASE_REPLICA_URL is set (settings.py then adds the `replica` database, `ReplicaRouter` and
`ReplicaMiddleware`); without it there is one database and none of this runs.

A read goes to the replica only when all of these hold:

- it happens inside a request that `ReplicaMiddleware` marked as safe: GET or HEAD, from a client that has not
  written in the last `REPLICA_STICKY_SECONDS` (the cookie `READ_PRIMARY_COOKIE`, set after every POST, PUT, PATCH
  or DELETE and after a GET that wrote), so nobody misses their own write through replication lag;
- nothing has been written in this request yet (after the first write every read goes to the primary);
- no transaction is open on the primary (reads inside `atomic` see that transaction's own rows and locks);
- the page is not being rendered for the shared page cache (`regioportaal.paginacache` marks such a request with
  `request._paginacache` before the view runs): a cached page outlives replication lag, and the generation it is
  stored under is already the new one, so a page rendered from a replica that lags would stay stale until the next
  write. Only a miss renders, so the primary sees one render per page per generation. Other results cached under a
  generation read inside `primary_reads()` for the same reason;
- the model is not security state that must never be stale (sessions, lockouts, second-factor devices).

Everything outside a request (Celery tasks, management commands, the test client outside a marked request) reads
from the primary. Writes and migrations go to the primary only.
"""

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import connections

REPLICA = "replica"
PRIMARY = "default"
SAFE_METHODS = frozenset({"GET", "HEAD"})
READ_PRIMARY_COOKIE = "rp_primair"
# Apps whose rows are read from the primary always: a logged-out session, a lockout or a used one-time code must
# count at once, on every web container.
PRIMARY_ONLY_APPS = frozenset({"sessions", "axes", "otp_static", "otp_totp", "django_otp"})
# Writes that keep the request's replica reads (the session's activity stamp, saved after the view has read).
BOOKKEEPING_APPS = frozenset({"sessions"})


@dataclass
class _Request:
    request: object  # the HttpRequest
    replica: bool  # this request may read from the replica
    # Something was written in this request: every later read goes to the primary. `wrote_data`: more than
    # bookkeeping was written, so the client reads from the primary for a while (the cookie).
    wrote: bool = False
    wrote_data: bool = False


_request = contextvars.ContextVar("dbrouter_request", default=None)


def sticky_seconds():
    return int(getattr(settings, "REPLICA_STICKY_SECONDS", 10))


def may_use_replica(method, cookies):
    """Whether a request with `method` and these cookies may read from the replica."""
    return method in SAFE_METHODS and READ_PRIMARY_COOKIE not in cookies


@contextmanager
def primary_reads():
    """Reads inside this block go to the primary. For a result that is cached under a generation number (the page
    cache, the region switcher): the generation is already the new one when a replica may still lag behind it, so a
    result read from the replica would be cached stale until the next write. Without a replica it changes nothing."""
    state = _request.get()
    if state is None:
        yield
        return
    replica, state.replica = state.replica, False
    try:
        yield
    finally:
        state.replica = replica


class ReplicaRouter:
    """Database router for the `replica` alias (DATABASE_ROUTERS, when the replica is configured)."""

    def db_for_read(self, model, **hints):
        state = _request.get()
        if state is None or not state.replica or state.wrote:
            return PRIMARY
        if getattr(state.request, "_paginacache", None):  # a page the page cache will store (see above)
            return PRIMARY
        if model._meta.app_label in PRIMARY_ONLY_APPS:
            return PRIMARY
        if connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        state = _request.get()
        if state is not None:
            state.wrote = True
            if model._meta.app_label not in BOOKKEEPING_APPS:
                state.wrote_data = True
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's rows: an object read from either may refer to one from the other.
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA, None}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class ReplicaMiddleware:
    """Mark each request as safe for the replica or not (first in MIDDLEWARE), and after a request that wrote, set the
    cookie that sends this client's reads to the primary for `REPLICA_STICKY_SECONDS`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        state = _Request(request=request, replica=may_use_replica(request.method, request.COOKIES))
        token = _request.set(state)
        try:
            response = self.get_response(request)
        finally:
            _request.reset(token)
        if request.method not in SAFE_METHODS or state.wrote_data:
            response.set_cookie(
                READ_PRIMARY_COOKIE,
                "1",
                max_age=sticky_seconds(),
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
