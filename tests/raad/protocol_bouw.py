"""Builders of the information-protocol tests: the shared world's Denderregio with two running opgaven (one with a
progress report over the first quarter of 2026, one without) and a quarterly agreement sent on the 15th."""

import datetime
import zoneinfo
from types import SimpleNamespace

import time_machine
from django.conf import settings

from opgaven.models import Status
from raad.models import Frequentie, Informatiesoort, Ontvangers
from raad.protocol import services
from tests.factories import OpgaveFactory, VoortgangFactory

TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)
VERZENDDATUM = datetime.date(2026, 4, 15)  # the item over the first quarter of 2026 goes out


def op(datum):
    """Travel to 10:00 on `datum` (the clock stands still)."""
    return time_machine.travel(datetime.datetime.combine(datum, datetime.time(10), tzinfo=TZ), tick=False)


def afspraak(regio, **velden):
    waarden = {
        "soort": Informatiesoort.VOORTGANG,
        "frequentie": Frequentie.KWARTAAL,
        "dag": VERZENDDATUM.day,
        "ontvangers": Ontvangers.ALLEN,
        "begindatum": datetime.date(2026, 2, 1),
    } | velden
    return services.create_afspraak(regio, door=None, **waarden)


def bouw_protocol(world):
    """The world with `fietsnetwerk` (reported over Q1 2026), `zwembad` (no report) and `afspraak`."""
    p = SimpleNamespace(w=world)
    p.fietsnetwerk = OpgaveFactory(regio=world.dender, titel="Fietsnetwerk Denderregio", status=Status.LOPEND)
    p.zwembad = OpgaveFactory(regio=world.dender, titel="Regionaal zwembad", status=Status.LOPEND)
    VoortgangFactory(
        opgave=p.fietsnetwerk, periode_eind=datetime.date(2026, 3, 31), toelichting="Tracé gekozen."
    )
    p.afspraak = afspraak(world.dender)
    return p
