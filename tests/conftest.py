"""Fixtures every app's tests share: the one test world and the settings it needs."""

import pytest

from regioportaal.celery import app as celery_app
from tests import momentopname
from tests.wereld import build_world


@pytest.fixture(autouse=True)
def _dutch(settings):
    """Tests see the portal as a Dutch user does, whatever the machine's locale."""
    settings.LANGUAGE_CODE = "nl"


@pytest.fixture(autouse=True)
def _sessions_outlive_time_travel(settings):
    """Tests that move the clock by days keep their login; tests/test_sessions.py sets the real timeouts."""
    settings.SESSION_IDLE_TIMEOUT = settings.SESSION_IDLE_TIMEOUT_PRIVILEGED = 10**9
    settings.SESSION_COOKIE_AGE = 10**9


@pytest.fixture(autouse=True)
def _own_cache(settings, request):
    """Rate limits (password reset, logins) count in the cache: each test gets an empty cache of its own, also when
    CI's cache is one Redis shared by the parallel test processes."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": request.node.nodeid,
        }
    }


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings):
    """Hash passwords cheaply in every test: the production hasher costs a quarter of a second per account, and the
    test worlds and the demo create dozens of accounts (and every login checks a password)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded and generated files go to a fresh directory per test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def world(db, snelle_wachtwoorden):
    """The demo's roles in two regions (see tests/wereld.py), the platform administrator included; built once per
    test process and restored after that (tests/momentopname.py)."""
    return momentopname.bouw("world", build_world)


@pytest.fixture
def broker_down():
    """Celery pointed at a port where nothing listens, as with Redis stopped; `back()` brings it back."""
    conf = celery_app.conf
    saved = {key: conf[key] for key in ("task_always_eager", "broker_url")}

    def reset_pools():
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    conf.update(task_always_eager=False, broker_url="redis://127.0.0.1:1/0")
    reset_pools()

    def back():
        conf.update(
            task_always_eager=True
        )  # no worker runs in the suite: the broker's work is done in-process
        reset_pools()

    try:
        yield back
    finally:
        conf.update(saved)
        reset_pools()
