"""The session row is read with a written-out statement (regioportaal.sessies, issue 16): the same row as Django's
ORM read, nothing for an expired or unknown session, and a logged-in user stays logged in on both engines (the
database, and the database with the shared cache in front)."""

import datetime
from importlib import import_module

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ENGINES = ["regioportaal.sessies.db", "regioportaal.sessies.cached_db"]


@pytest.fixture(autouse=True)
def _snel(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _store(engine, key=None):
    return import_module(engine).SessionStore(key)


def _opgeslagen(engine, **data):
    store = _store(engine)
    store.update(data)
    store.create()
    return store.session_key


def test_the_default_engine_is_the_written_out_one(settings):
    assert settings.SESSION_ENGINE in ENGINES


@pytest.mark.parametrize("engine", ENGINES)
def test_a_live_session_reads_the_row_the_orm_reads(engine):
    key = _opgeslagen(engine, kleur="blauw")
    rij = _store(engine, key)._get_session_from_db()
    orm = Session.objects.get(session_key=key, expire_date__gt=timezone.now())
    assert (rij.session_key, rij.session_data, rij.expire_date) == (
        orm.session_key,
        orm.session_data,
        orm.expire_date,
    )
    assert rij.expire_date.tzinfo is not None  # aware, as the ORM gives it (SQLite stores naive text)
    assert _store(engine, key).load() == {"kleur": "blauw"}


@pytest.mark.parametrize("engine", ENGINES)
def test_an_expired_or_unknown_session_reads_as_empty_and_forgets_its_key(engine):
    key = _opgeslagen(engine, kleur="rood")
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    store = _store("regioportaal.sessies.db", key)  # the row itself, past any cache
    assert store.load() == {} and store.session_key is None
    onbekend = _store(engine, "x" * 32)
    assert onbekend.load() == {} and onbekend.session_key is None


@pytest.mark.parametrize("engine", ENGINES)
def test_logged_in_pages_work_and_logout_ends_the_session(client, settings, engine):
    settings.SESSION_ENGINE = engine
    user = UserFactory()
    assert client.post(reverse("login"), {"username": user.email, "password": PASSWORD}).status_code == 302
    assert client.get(reverse("twofactor")).status_code == 200  # a private page answers: the session holds
    key = client.cookies["sessionid"].value
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    if engine.endswith("cached_db"):
        from django.core.cache import caches

        caches[settings.SESSION_CACHE_ALIAS].delete(import_module(engine).SessionStore.cache_key_prefix + key)
    antwoord = client.get(reverse("twofactor"))
    assert antwoord.status_code == 302 and antwoord["Location"].startswith(reverse("login"))
