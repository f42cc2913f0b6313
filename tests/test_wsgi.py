"""The WSGI entry point keeps the objects of Django's start out of the garbage collector's full collections."""

import subprocess
import sys

from django.conf import settings

CODE = (
    "import gc; print(gc.get_freeze_count()); import regioportaal.wsgi; "
    "print(gc.get_freeze_count()); print(type(regioportaal.wsgi.application).__name__)"
)


def test_the_wsgi_module_freezes_what_django_made_at_start():
    result = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, cwd=settings.BASE_DIR, check=True
    )
    before, after, application = result.stdout.split()
    assert int(before) == 0
    assert int(after) > 10_000  # settings, apps, models and translations: all out of the collector's sight
    assert application == "WSGIHandler"
