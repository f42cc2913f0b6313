"""The programme demo: three regions' programmes and budgets at different steps of the cycle, through the services.

Runs after `load_demo` (regions, members, bodies, logins) and, when present, `load_opgaven_demo` (its opgaven are
used when their titles match; missing ones are created here). Running it twice changes nothing: a region that has a
programme already is left as it is.

The demo is coherent in time, whatever day it is loaded: every date is computed from today (`timezone.localdate()`)
or from the budget year, and every step lies where the law and the services put it — submitted before adopted,
council decisions after routing and not in the future, boards and councils meeting on weekdays, votes within the
council's legal size, the Wgr budget routed twelve weeks before the general board and sent to gedeputeerde staten
in time.

The services stamp today on the steps that happen "now": submitting, routing (with the councils' term counted from
today), sending back, answering a view, and the moment the figures freeze. Where the story needs such a step in the
past, the demo calls the service and then dates that step back with a queryset update right after it
(`_terugdateren`, `_voorleggen`, `_beantwoorden`); nothing else is written around the services.

One module per topic; the entry point and the names other modules use live here too:

- kalender: the budget year, weekdays and working days, the Denderregio's calendar, the Wgr route's dates
- raden: the legal size of a council and the votes of a demo decision
- plannen: the opgaven of each region
- stappen: the steps of the cycle through the services, dated back where needed
- regios: the three regions (`build_gmr`, `build_dender`, `build_drecht`)
"""

from django.db import transaction

from besturen.models import Regio

from ..models import Jaarprogramma
from .kalender import DenderKalender, WgrKalender, demo_jaar, dender_kalender, wgr_kalender
from .raden import raadszetels, stemmen
from .regios import build_dender, build_drecht, build_gmr
from .stappen import _say

__all__ = [
    "PLANNEN",
    "DenderKalender",
    "WgrKalender",
    "build_dender",
    "build_drecht",
    "build_gmr",
    "demo_jaar",
    "dender_kalender",
    "load_programmas_demo",
    "raadszetels",
    "stemmen",
    "wgr_kalender",
]

PLANNEN = [
    ("groene-metropoolregio", build_gmr),
    ("denderregio", build_dender),
    ("drechtsteden", build_drecht),
]


def load_programmas_demo(stdout=None):
    """Build each region's programme demo unless the region has a programme already (then nothing changes)."""
    for slug, build in PLANNEN:
        regio = Regio.objects.filter(slug=slug).first()
        if regio is None:
            _say(stdout, f"Regio {slug} ontbreekt: draai eerst `manage.py load_demo`.")
            continue
        if Jaarprogramma.objects.filter(regio=regio).exists():
            _say(stdout, f"{regio.naam}: heeft al een programma, niets gewijzigd.")
            continue
        with transaction.atomic():
            build(regio, stdout)
