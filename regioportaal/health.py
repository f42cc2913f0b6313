"""`/healthz`: the health check of the proxy, the orchestrator and monitoring.

It checks the database and the Celery broker separately and answers JSON, 200 when both answer and 503 when
either does not, naming the one that failed:

    {"status": "ok", "checks": {"database": "ok", "broker": "ok"}}
    {"status": "fail", "checks": {"database": "ok", "broker": "fail: OperationalError"}}

Each check is bounded by a short timeout, so a dead broker makes the answer slow by seconds, never by minutes. The
answer names only the kind of error; the details go to the log.
"""

import logging

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from kombu import Connection

logger = logging.getLogger(__name__)

BROKER_TIMEOUT = 2  # seconds, for connecting and for the broker's answer


def check_database():
    """One trivial query on the default database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_broker():
    """Connect to the Celery broker (settings.CELERY_BROKER_URL) and let it answer; `memory://` always answers."""
    with Connection(
        settings.CELERY_BROKER_URL,
        connect_timeout=BROKER_TIMEOUT,
        transport_options={"socket_timeout": BROKER_TIMEOUT, "max_retries": 0},
    ) as broker:
        broker.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=BROKER_TIMEOUT)


CHECKS = {"database": check_database, "broker": check_broker}


@never_cache
def healthz(request):
    """Every check in CHECKS; 200 when all pass, 503 naming the ones that failed."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as exc:  # a health check reports every failure instead of raising it
            logger.warning("healthz: %s check failed", name, exc_info=True)
            results[name] = f"fail: {type(exc).__name__}"
        else:
            results[name] = "ok"
    healthy = all(result == "ok" for result in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "fail", "checks": results}, status=200 if healthy else 503
    )


def livez(request):
    """Liveness: the process answers, nothing else is asked (no database, no broker, no session). The orchestrator
    restarts a process that does not answer here; `make bench` measures every page against this trivial view."""
    return HttpResponse(b"ok", content_type="text/plain")
