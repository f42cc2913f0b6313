"""The WSGI entry point keeps the objects of Django's start out of the garbage collector's full collections, and
collects the youngest generation less often than Python's default."""

import subprocess
import sys

from django.conf import settings

CODE = (
    "import gc; print(gc.get_freeze_count()); print(gc.get_threshold()[0]); import regioportaal.wsgi; "
    "print(gc.get_freeze_count()); print(type(regioportaal.wsgi.application).__name__); "
    "print(','.join(map(str, gc.get_threshold())))"
)


def _run():
    result = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, cwd=settings.BASE_DIR, check=True
    )
    return result.stdout.split()


def test_the_wsgi_module_freezes_what_django_made_at_start():
    before, _, after, application, _ = _run()
    assert int(before) == 0
    assert int(after) > 10_000  # settings, apps, models and translations: all out of the collector's sight
    assert application == "WSGIHandler"


def test_the_wsgi_module_collects_the_youngest_generation_after_5000_objects():
    _, default, _, _, thresholds = _run()
    assert int(default) == 700  # Python's own, before the portal's entry point
    gen0, gen1, gen2 = (int(x) for x in thresholds.split(","))
    assert gen0 == 5000
    assert (gen1, gen2) == (10, 10)  # the older generations keep Python's defaults
