"""WSGI entry point (gunicorn regioportaal.wsgi).

Once Django is set up, the objects it made (settings, the app registry, models, translations: a few hundred
thousand) move out of the garbage collector's sight (`gc.freeze`): they live as long as the process, and a full
collection would otherwise walk them all, about once in three hundred requests (0.1-0.2 s each, measured on the
benchmark's pages: docs/performance.md, run 9)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regioportaal.settings")
application = get_wsgi_application()
gc.collect()
gc.freeze()
