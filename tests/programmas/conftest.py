"""Fixtures of the programme tests; the builders live in `bouw.py` (the browser tests use them too).

`snelle_wachtwoorden` and `media` are the shared ones of tests/conftest.py.
"""

import pytest

from besturen import services as besturen_services
from tests import momentopname
from tests.factories import PASSWORD

from .bouw import bouw_regio


@pytest.fixture
def wereld(db, snelle_wachtwoorden, media):
    return momentopname.bouw("programmas.wereld", lambda: bouw_regio(3))


@pytest.fixture
def admin(db):
    """The platform administrator: a superuser without any seat, as the demo's admin@regioportaal.example."""
    return besturen_services.create_platform_admin(
        email="beheer.programmas@example.org", password=PASSWORD, door=None
    )
