"""Scaling out on standard parts: the environment switches of the settings, sessions in the shared cache, and the
Celery queues (mail, pdf, default). Object storage: tests/test_storage.py; the read replica: tests/test_dbrouter.py."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regioportaal.celery import app as celery_app
from regioportaal.settings import session_engine
from tests.factories import PASSWORD, UserFactory

ROOT = Path(__file__).resolve().parent.parent
CACHED_DB = "regioportaal.sessies.cached_db"
REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"

TOON = """
import json
from regioportaal import settings as s
print(json.dumps({
    "storage": s.STORAGES["default"]["BACKEND"],
    "bucket": s.STORAGES["default"].get("OPTIONS", {}).get("bucket_name"),
    "databases": {alias: [db["HOST"], db.get("TEST", {}).get("MIRROR")] for alias, db in s.DATABASES.items()},
    "routers": getattr(s, "DATABASE_ROUTERS", []),
    "middleware": s.MIDDLEWARE[0],
    "sessions": s.SESSION_ENGINE,
    "queue": s.CELERY_TASK_DEFAULT_QUEUE,
}))
"""


def _settings_with(**env):
    """The settings as a process with only these variables set (next to PATH) reads them."""
    result = subprocess.run(
        [sys.executable, "-c", TOON],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return result


def test_the_embedded_default_has_one_database_sessions_in_it_and_files_on_disk():
    result = _settings_with()
    assert result.returncode == 0, result.stderr
    gezien = json.loads(result.stdout)
    assert gezien["storage"] == "django.core.files.storage.FileSystemStorage"
    assert list(gezien["databases"]) == ["default"] and gezien["routers"] == []
    assert gezien["middleware"] != "regioportaal.dbrouter.ReplicaMiddleware"
    assert gezien["sessions"] == "regioportaal.sessies.db"
    assert gezien["queue"] == "default"


def test_production_scales_out_with_object_storage_a_replica_and_cached_sessions():
    result = _settings_with(
        DEBUG="0",
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://portaal@db:5432/regioportaal",
        DATABASE_REPLICA_URL="postgres://portaal@db-replica:5432/regioportaal",
        REDIS_URL="redis://redis:6379/0",
        SESSION_CACHED_DB="1",
        S3_BUCKET="regioportaal",
        S3_ENDPOINT_URL="http://minio:9000",
    )
    assert result.returncode == 0, result.stderr
    gezien = json.loads(result.stdout)
    assert gezien["storage"] == "storages.backends.s3.S3Storage" and gezien["bucket"] == "regioportaal"
    assert gezien["databases"] == {"default": ["db", None], "replica": ["db-replica", "default"]}
    assert gezien["routers"] == ["regioportaal.dbrouter.ReplicaRouter"]
    assert gezien["middleware"] == "regioportaal.dbrouter.ReplicaMiddleware"  # first: it wraps every read
    assert gezien["sessions"] == CACHED_DB


def test_cached_sessions_without_a_shared_cache_refuse_to_start():
    result = _settings_with(SESSION_CACHED_DB="1")
    assert result.returncode != 0 and "SESSION_CACHED_DB needs a shared cache" in result.stderr


def test_the_session_engine_switch():
    assert session_engine(False, REDIS_CACHE) == "regioportaal.sessies.db"
    assert session_engine(True, REDIS_CACHE) == CACHED_DB
    with pytest.raises(ImproperlyConfigured):
        session_engine(True, "django.core.cache.backends.locmem.LocMemCache")


# --- Sessions in the cache stay correct -----------------------------------------------------------------------------


@pytest.fixture
def cached_sessions(settings):
    """Sessions as SESSION_CACHED_DB makes them (the test's cache is local memory: one process, so it is shared)."""
    settings.SESSION_ENGINE = CACHED_DB
    settings.SESSION_IDLE_TIMEOUT = 8 * 3600
    settings.SESSION_COOKIE_AGE = 12 * 3600


def _login(client, user):
    assert client.post(reverse("login"), {"username": user.email, "password": PASSWORD}).status_code == 302


def _logged_in(client):
    return client.get(reverse("twofactor")).status_code == 200


@pytest.mark.django_db
def test_a_cached_session_is_read_without_a_query_and_is_gone_after_logout(client, cached_sessions):
    user = UserFactory()
    _login(client, user)
    assert _logged_in(client)
    with CaptureQueriesContext(connection) as queries:
        assert _logged_in(client)
    assert not [q for q in queries.captured_queries if "django_session" in q["sql"]]

    oud = client.cookies["sessionid"].value
    assert client.post(reverse("logout")).status_code == 302
    client.cookies["sessionid"] = oud  # the old cookie, replayed
    assert not _logged_in(client)


@pytest.mark.django_db
def test_a_cached_session_still_ends_after_its_idle_timeout(client, cached_sessions):
    import datetime

    user = UserFactory()
    with time_machine.travel(datetime.datetime(2031, 3, 3, 9, 0, tzinfo=datetime.UTC), tick=False) as reis:
        _login(client, user)
        reis.shift(datetime.timedelta(hours=7, minutes=50))
        assert _logged_in(client)
        reis.shift(datetime.timedelta(hours=8, minutes=1))
        assert not _logged_in(client)


# --- Celery queues -------------------------------------------------------------------------------------------------

QUEUES = {"mail", "pdf", "default"}


def _portal_tasks():
    celery_app.loader.import_default_modules()
    return sorted(name for name in celery_app.tasks if not name.startswith("celery."))


def _queue_of(task):
    return celery_app.amqp.router.route({}, task)["queue"].name


def _expected_queue(task):
    """The naming rule (settings.CELERY_TASK_ROUTES): send_*/stuur_* mails, make_* renders a PDF."""
    functie = task.rsplit(".", 1)[-1]
    if functie.startswith(("send_", "stuur_")):
        return "mail"
    if functie.startswith("make_"):
        return "pdf"
    return "default"


def test_every_portal_task_routes_to_its_queue_by_the_naming_rule():
    taken = _portal_tasks()
    assert "regioportaal.tasks.send_melding" in taken and "vergaderingen.tasks.make_agenda_pdf" in taken
    verkeerd = {task: _queue_of(task) for task in taken if _queue_of(task) != _expected_queue(task)}
    assert verkeerd == {}, "add the task to CELERY_TASK_ROUTES (or name it by the rule)"
    assert {_queue_of(task) for task in taken} == QUEUES


def test_every_route_names_a_registered_task():
    from django.conf import settings

    assert set(settings.CELERY_TASK_ROUTES) <= set(_portal_tasks())


@pytest.fixture
def memory_broker():
    """Celery not eager, on an in-memory broker: a sent task waits in its queue (no worker runs)."""
    conf = celery_app.conf
    saved = {key: conf[key] for key in ("task_always_eager", "broker_url")}

    def reset_pools():
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    conf.update(task_always_eager=False, broker_url="memory://")
    reset_pools()
    try:
        yield
    finally:
        conf.update(saved)
        reset_pools()


def _waiting(queue):
    with celery_app.connection_for_write() as conn:
        try:
            return conn.default_channel.queue_declare(queue, passive=True).message_count
        except Exception:  # never declared: nothing sent to it yet
            return 0


def test_the_outbox_hands_mail_and_pdfs_to_their_own_queues(db, memory_broker):
    from regioportaal import outbox

    voor = {queue: _waiting(queue) for queue in QUEUES}
    jobs = [
        outbox.enqueue("regioportaal.tasks.send_melding", 1),
        outbox.enqueue("vergaderingen.tasks.make_agenda_pdf", 1),
        outbox.enqueue("programmas.tasks.make_reviewpakket", 1),
        outbox.enqueue("programmas.tasks.notify", "besluit", 1),
    ]
    assert all(outbox.dispatch(job.pk) for job in jobs)
    assert {queue: _waiting(queue) - voor[queue] for queue in QUEUES} == {"mail": 1, "pdf": 2, "default": 1}
