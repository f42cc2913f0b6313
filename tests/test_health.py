"""`/healthz` checks the database and the broker separately and names the one that failed."""

import socket

import pytest
from django.db import OperationalError
from django.urls import reverse

from regioportaal import health

pytestmark = pytest.mark.django_db


def dead_port():
    """A local port nobody listens on (bound, then closed again)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_healthy_portal_answers_200_with_every_check_ok(client, settings):
    settings.CELERY_BROKER_URL = "memory://"
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "broker": "ok"}}
    assert "no-store" in response["Cache-Control"]


def test_dead_broker_gives_503_naming_the_broker(client, settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{dead_port()}/0"
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["broker"].startswith("fail")


def test_hanging_broker_fails_within_the_timeout(client, settings):
    """A broker that accepts the connection but never answers: /healthz answers 503 after seconds, not minutes."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["checks"]["broker"].startswith("fail")


def test_dead_database_gives_503_naming_the_database(client, settings, monkeypatch):
    settings.CELERY_BROKER_URL = "memory://"

    class DeadConnection:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(health, "connection", DeadConnection())
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {
        "status": "fail",
        "checks": {"database": "fail: OperationalError", "broker": "ok"},
    }


def test_healthz_answers_without_a_session_or_login(client, django_assert_max_num_queries, settings):
    """The check itself is one query: nothing else (no session, no user) is read."""
    settings.CELERY_BROKER_URL = "memory://"
    with django_assert_max_num_queries(1):
        assert client.get(reverse("healthz")).status_code == 200


def test_livez_answers_without_touching_the_database_or_the_broker(
    client, django_assert_num_queries, settings
):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # even with the broker gone
    with django_assert_num_queries(0):
        response = client.get(reverse("livez"))
    assert response.status_code == 200 and response.content == b"ok"
