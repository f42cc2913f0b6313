"""The portal's settings for the served benchmark: production's, but the health check's broker stays `memory://`.

`/healthz` is the ratio base: the trivial view every page is compared with. With Redis as the broker it opens a new
broker connection per request (kombu), which would make the base four times slower and every ratio look better
than the page is; no measured page talks to the broker (they are GETs that queue nothing). The cache and the
sessions use Redis as production does (scripts/bench.py sets REDIS_URL and SESSION_CACHED_DB)."""

from regioportaal.settings import *  # noqa: F403

CELERY_BROKER_URL = "memory://"
