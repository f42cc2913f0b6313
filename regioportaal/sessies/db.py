"""SESSION_ENGINE for sessions in the database (`regioportaal.sessies`)."""

from django.contrib.sessions.backends import db

from . import SnelleSessieRij


class SessionStore(SnelleSessieRij, db.SessionStore):
    pass
