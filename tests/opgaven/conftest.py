"""The opgaven tests' world `w` (tests/opgaven/factories.py: the shared world with goals, themes and opgaven)."""

import pytest

from tests.opgaven.factories import bouw_wereld


@pytest.fixture
def w(db, snelle_wachtwoorden):
    return bouw_wereld()
