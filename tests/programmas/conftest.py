"""Fixtures of the programme tests; the builders live in `bouw.py` (the browser tests use them too)."""

import pytest

from .bouw import bouw_regio


@pytest.fixture
def snelle_wachtwoorden(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded and generated files go to a fresh directory per test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def wereld(db, snelle_wachtwoorden, media):
    return bouw_regio(3)
