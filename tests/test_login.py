"""Logins that cannot be guessed: lockout after repeated failures (portal and admin), the reset form limited per
address and per client and sent by a task, a minimum password length of 12, and every event in the security log."""

import logging

import pytest
from django.core import mail
from django.urls import reverse

from regioportaal.generaties import vervang, vervang_keys
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _snel_en_eigen_cache(settings):
    """Cheap hashing, and a cache of this test's own (the reset limits count in the cache, CI's is Redis)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "login"}
    }
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def security_log(caplog):
    """The lines of the logger regioportaal.security (works with pytest's logging plugin on or off)."""
    records = []

    class _Bewaar(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    handler = _Bewaar(level=logging.INFO)
    logger = logging.getLogger("regioportaal.security")
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)


def _login(client, email, password):
    return client.post(reverse("login"), {"username": email, "password": password})


def test_the_31st_attempt_is_refused_even_with_the_right_password(client, settings, security_log):
    user = UserFactory(email="doelwit@example.org")
    for _ in range(30):
        response = _login(client, user.email, "fout-wachtwoord")
        assert response.status_code in (200, 429)
    response = _login(client, user.email, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    content = response.content.decode()
    assert "Tijdelijk geblokkeerd" in content and "15 minuten" in content
    assert '<main id="inhoud"' in content  # the portal's own layout
    assert any(line.startswith("lockout ") and "email=doelwit@example.org" in line for line in security_log)
    assert not any(PASSWORD in line or "fout-wachtwoord" in line for line in security_log)


def test_the_lockout_counts_the_address_whatever_its_case(client):
    user = UserFactory(email="hoofdletters@example.org")
    for i in range(10):
        _login(client, "HoofdLetters@Example.org" if i % 2 else user.email, "fout-wachtwoord")
    assert _login(client, user.email, PASSWORD).status_code == 429


def test_fewer_failures_than_the_limit_still_log_in(client, settings):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, user.email, "fout-wachtwoord").status_code == 200
    response = _login(client, user.email, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_lockout_page_speaks_english_to_an_english_user(client):
    user = UserFactory()
    client.cookies["django_language"] = "en"
    for _ in range(11):
        response = _login(client, user.email, "fout-wachtwoord")
    assert response.status_code == 429
    assert 'lang="en"' in response.content.decode()


def test_the_admin_login_is_locked_out_too(client):
    admin = UserFactory(email="beheer@example.org", is_staff=True, is_superuser=True)
    url = reverse("admin:login")
    for _ in range(30):
        client.post(url, {"username": admin.email, "password": "fout-wachtwoord"})
    response = client.post(url, {"username": admin.email, "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_login_and_logout_are_in_the_security_log_with_the_address(client, security_log):
    user = UserFactory(email="logboek@example.org")
    _login(client, user.email, "fout-wachtwoord")
    _login(client, user.email, PASSWORD)
    client.post(reverse("logout"))
    failed, login, logout = security_log[0], security_log[1], security_log[2]
    assert (
        failed.startswith("login_failed ")
        and "ip=127.0.0.1" in failed
        and "email=logboek@example.org" in failed
    )
    assert login.startswith("login ") and f"user={user.pk}" in login and "ip=127.0.0.1" in login
    assert logout.startswith("logout ") and f"user={user.pk}" in logout
    assert not any("fout-wachtwoord" in line or PASSWORD in line for line in security_log)


def test_the_client_address_is_taken_from_a_trusted_proxy_only(client, settings, security_log):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    user = UserFactory()
    client.post(
        reverse("login"),
        {"username": user.email, "password": "x"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7",
    )
    client.post(
        reverse("login"),
        {"username": user.email, "password": "x"},
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert "ip=198.51.100.7" in security_log[0]
    assert "ip=203.0.113.9" in security_log[1]


# --- Password reset ------------------------------------------------------------------------------------------------


def test_reset_mail_is_sent_by_a_task_after_the_request(
    client, django_capture_on_commit_callbacks, security_log
):
    user = UserFactory(email="vergeten@example.org")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("password_reset"), {"email": "Vergeten@example.org"})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []  # nothing rendered or sent inside the request
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert "http://127.0.0.1:8000/wachtwoord-kiezen/" in message.body
    assert any(line.startswith("reset_requested ") and "ip=127.0.0.1" in line for line in security_log)


def test_reset_for_an_unknown_address_answers_like_a_known_one_and_sends_no_mail(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="bestaat@example.org")
    answers = []
    for email in ["bestaat@example.org", "bestaat-niet@example.org"]:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            response = client.post(reverse("password_reset"), {"email": email})
        # the page cache's generations aside: one test transaction queues their replacement once
        eigen = [c for c in callbacks if getattr(c, "func", None) not in (vervang, vervang_keys)]
        answers.append((response.status_code, response["Location"], len(eigen)))
        mail.outbox.clear()
        for callback in callbacks:
            callback()
        if email.startswith("bestaat-niet"):
            assert mail.outbox == []
        else:
            assert len(mail.outbox) == 1
    assert (
        answers[0] == answers[1]
    )  # the same answer and the same work queued, whether or not the account exists


def test_reset_requests_are_limited_per_address(client, settings, django_capture_on_commit_callbacks):
    UserFactory(email="belaagd@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            client.post(reverse("password_reset"), {"email": "belaagd@example.org"}).status_code
            for _ in range(10)
        ]
    limit = settings.PASSWORD_RESET_LIMIT_PER_ADDRESS
    assert statuses[:limit] == [302] * limit
    assert set(statuses[limit:]) == {429}
    assert len(mail.outbox) == limit
    response = client.post(reverse("password_reset"), {"email": "belaagd@example.org"})
    assert "Te veel aanvragen" in response.content.decode()


def test_reset_requests_are_limited_per_client(client, settings):
    settings.PASSWORD_RESET_LIMIT_PER_IP = 4
    statuses = [
        client.post(reverse("password_reset"), {"email": f"iemand{i}@example.org"}).status_code
        for i in range(6)
    ]
    assert statuses == [302] * 4 + [429] * 2


# --- Passwords -----------------------------------------------------------------------------------------------------


def test_a_password_shorter_than_12_characters_is_refused_in_dutch(client):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = UserFactory()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(user)])
    form_url = client.get(link).url
    response = client.post(form_url, {"new_password1": "Kort-2031x", "new_password2": "Kort-2031x"})
    assert response.status_code == 200
    assert "Dit wachtwoord is te kort: gebruik minstens 12 tekens." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
