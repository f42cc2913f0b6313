"""WSGI entry point (gunicorn regioportaal.wsgi).

Once Django is set up, the objects it made (settings, the app registry, models, translations: a few hundred
thousand) move out of the garbage collector's sight (`gc.freeze`): they live as long as the process, and a full
collection would otherwise walk them all, about once in three hundred requests (0.1-0.2 s each, measured on the
benchmark's pages: docs/performance.md, run 9).

The youngest generation is collected after 5,000 new container objects instead of Python's 700. A page allocates
tens of thousands of them, nearly all freed when the request ends; at 700 the collector ran about once per grip page,
and each run moved the objects the request still held (its rows, its HTML parts) to the next generation, whose
collections then walked them again: 0.40 ms of collection per cold grip page, 0.14 ms at 5,000; the version page
0.135 -> 0.09 ms, the region page 0.09 -> 0.06-0.07 ms (docs/performance.md, run 10). Memory held by cycles awaiting
collection grows by a few thousand objects at most."""

import gc
import os

from django.core.wsgi import get_wsgi_application

GEN0_THRESHOLD = int(os.environ.get("GC_GEN0_THRESHOLD", "5000"))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regioportaal.settings")
application = get_wsgi_application()
gc.collect()
gc.freeze()
_, _gen1, _gen2 = gc.get_threshold()
gc.set_threshold(GEN0_THRESHOLD, _gen1, _gen2)
