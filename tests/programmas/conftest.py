"""Fixtures of the programme tests; the builders live in `bouw.py` (the browser tests use them too).

`snelle_wachtwoorden` and `media` are the shared ones of tests/conftest.py.
"""

import pytest

from .bouw import bouw_regio


@pytest.fixture
def wereld(db, snelle_wachtwoorden, media):
    return bouw_regio(3)
