"""The portal's login backend (`regioportaal.authbackend.GebruikerBackend`): the session's user read cheaply on every
request, as `ModelBackend` reads it; sessions that `ModelBackend` logged in keep working; a wrong password is checked
once and counted as a failed login."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY, get_user_model, user_login_failed
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.hashers import MD5PasswordHasher
from django.urls import reverse

from regioportaal.authbackend import GebruikerBackend
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ONS = "regioportaal.authbackend.GebruikerBackend"
MODELBACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture(autouse=True)
def _eigen_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "authbackend"}
    }
    from django.core.cache import cache

    cache.clear()


def _user_of_the_next_request(client):
    """The user the portal sees on the next page (None: anonymous)."""
    user = client.get(reverse("besturen:home")).wsgi_request.user
    return user if user.is_authenticated else None


def _velden(user):
    return {k: v for k, v in vars(user).items() if k != "_state"}


def test_the_user_is_the_one_modelbackend_reads():
    user = UserFactory(first_name="Ada", last_name="Lovelace")
    ours, theirs = GebruikerBackend().get_user(str(user.pk)), ModelBackend().get_user(str(user.pk))
    assert type(ours) is type(theirs) is get_user_model()
    assert _velden(ours) == _velden(theirs)
    assert ours._state.db == theirs._state.db and not ours._state.adding
    assert ours.get_session_auth_hash() == theirs.get_session_auth_hash()


def test_an_inactive_or_unknown_account_is_nobody():
    user = UserFactory(is_active=False)
    assert GebruikerBackend().get_user(str(user.pk)) is None
    assert GebruikerBackend().get_user(str(user.pk + 1000)) is None


def test_a_password_login_is_kept_by_this_backend_and_reads_its_user_here(client):
    user = UserFactory()
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session[BACKEND_SESSION_KEY] == ONS
    assert _user_of_the_next_request(client) == user


def test_a_session_modelbackend_logged_in_keeps_working(client):
    user = UserFactory()
    client.force_login(user, backend=MODELBACKEND)
    assert client.session[BACKEND_SESSION_KEY] == MODELBACKEND
    assert _user_of_the_next_request(client) == user


@pytest.mark.parametrize("backend", [ONS, MODELBACKEND])
def test_a_deactivated_account_or_a_changed_password_ends_the_session_on_the_next_request(client, backend):
    user = UserFactory()
    client.force_login(user, backend=backend)
    assert _user_of_the_next_request(client) == user
    user.is_active = False
    user.save()
    assert _user_of_the_next_request(client) is None

    user.is_active = True
    user.save()
    client.force_login(user, backend=backend)
    assert _user_of_the_next_request(client) == user
    user.set_password("een-heel-ander-wachtwoord")
    user.save()
    assert _user_of_the_next_request(client) is None


def test_a_wrong_password_is_checked_once_and_counted_as_one_failed_login(client, monkeypatch):
    user = UserFactory()
    controles, mislukt = [], []
    verify = MD5PasswordHasher.verify
    monkeypatch.setattr(
        MD5PasswordHasher, "verify", lambda self, *args: controles.append(1) or verify(self, *args)
    )

    def _mislukt(sender, **kwargs):
        mislukt.append(kwargs["credentials"]["username"])

    user_login_failed.connect(_mislukt)
    try:
        response = client.post(reverse("login"), {"username": user.email, "password": "fout-wachtwoord-123"})
    finally:
        user_login_failed.disconnect(_mislukt)
    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    assert len(controles) == 1
    assert mislukt == [user.email]


def test_an_inactive_account_does_not_log_in(client):
    user = UserFactory(is_active=False)
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 200
    assert SESSION_KEY not in client.session
