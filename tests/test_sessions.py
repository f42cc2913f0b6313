"""Sessions end: after a spell of inactivity (sooner for privileged users) and after an absolute lifetime."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

BEGIN = datetime.datetime(2031, 3, 3, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _snel(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The production defaults, whatever the suite sets for tests that move the clock by days.
    settings.SESSION_IDLE_TIMEOUT_PRIVILEGED = 30 * 60
    settings.SESSION_IDLE_TIMEOUT = 8 * 3600
    settings.SESSION_COOKIE_AGE = 12 * 3600


def _logged_in(client):
    """Whether the client's session still belongs to a user (a private page answers instead of sending to login)."""
    return client.get(reverse("twofactor")).status_code == 200


def _login(client, user):
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302


def test_an_idle_session_expires_and_says_why(client):
    user = UserFactory()
    with time_machine.travel(BEGIN, tick=False) as reis:
        _login(client, user)
        reis.shift(datetime.timedelta(hours=7, minutes=50))
        assert _logged_in(client)
        reis.shift(datetime.timedelta(hours=8, minutes=1))
        response = client.get(reverse("twofactor"), follow=True)
        assert response.redirect_chain[-1][0].startswith(reverse("login"))
        assert "U bent uitgelogd omdat u een tijd niet actief was." in response.content.decode()
        assert "_auth_user_id" not in client.session


def test_a_privileged_session_expires_after_30_idle_minutes(client):
    beheerder = UserFactory(is_superuser=True, is_staff=True)
    with time_machine.travel(BEGIN, tick=False) as reis:
        _login(client, beheerder)
        reis.shift(datetime.timedelta(minutes=29))
        assert _logged_in(client)
        reis.shift(datetime.timedelta(minutes=29))  # active 29 minutes ago: still in
        assert _logged_in(client)
        reis.shift(datetime.timedelta(minutes=31))
        assert not _logged_in(client)


def test_a_session_ends_after_its_absolute_lifetime_however_active(client, settings):
    user = UserFactory()
    with time_machine.travel(BEGIN, tick=False) as reis:
        _login(client, user)
        for _ in range(11):
            reis.shift(datetime.timedelta(hours=1))
            assert _logged_in(client)
        reis.shift(datetime.timedelta(hours=1, minutes=5))
        assert not _logged_in(client)


def test_the_idle_timeouts_come_from_the_settings(client, settings):
    settings.SESSION_IDLE_TIMEOUT = 10 * 60
    user = UserFactory()
    with time_machine.travel(BEGIN, tick=False) as reis:
        _login(client, user)
        reis.shift(datetime.timedelta(minutes=11))
        assert not _logged_in(client)
