"""Fixtures of the work-list tests: a routed programme (tests/programmas/bouw.py) and the shared world."""

import pytest

from besturen import services as besturen_services
from programmas.models import Raadsbesluit, VersieStatus
from regioportaal import werklijst
from tests.factories import PASSWORD
from tests.programmas.bouw import bouw_regio, programma


@pytest.fixture
def pw(db, snelle_wachtwoorden, media):
    """A region of three members whose programme is before the councils."""
    w = bouw_regio(3)
    w.versie = programma(w, tot=VersieStatus.VOORGELEGD)
    w.besluit = Raadsbesluit.objects.get(versie=w.versie, bestuur=w.leden[0])
    return w


@pytest.fixture
def admin(db):
    """The platform administrator: a superuser without any seat."""
    return besturen_services.create_platform_admin(
        email="beheer.werklijst@example.org", password=PASSWORD, door=None
    )


def titels(user, soort):
    return [item.titel for item in werklijst.items_for(user) if item.soort == soort]
