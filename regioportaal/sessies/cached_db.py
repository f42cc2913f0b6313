"""SESSION_ENGINE for sessions in the database with the shared cache in front (`regioportaal.sessies`)."""

from django.contrib.sessions.backends import cached_db

from . import SnelleSessieRij


class SessionStore(SnelleSessieRij, cached_db.SessionStore):
    pass
