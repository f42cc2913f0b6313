"""The portal's settings with a cache that keeps nothing: every request of the benchmark's cold run is a miss."""

from bench.settings_bench import *  # noqa: F403

CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
