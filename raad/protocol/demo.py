"""The demo of the information protocol: the Groene Metropoolregio sends its councils the progress per opgave every
quarter. The item over the quarter before last went out (a log row per council, messages to Nijmegen's and
Arnhem's secretary and council member); the item over the last quarter is due, and the opgaven without a report for
it show as missing input on the protocol page."""

import datetime

from django.utils import timezone

from besturen.models import Regio

from ..models import Frequentie, Informatieafspraak, Informatiesoort, Informatiezending, Ontvangers
from . import kalender, services

REGIO = "groene-metropoolregio"
DAG = 1
VERZONDEN_OM = datetime.time(6, 45)


def _vorige(moment):
    """The quarterly item before `moment`."""
    jaar, nummer = moment.begin.year, (moment.begin.month - 1) // 3 + 1
    if nummer == 1:
        return kalender.kwartaalmoment(jaar - 1, 4, DAG)
    return kalender.kwartaalmoment(jaar, nummer - 1, DAG)


def load_raad_demo(stdout=None, vandaag=None):
    """Build whatever part of the demo protocol is missing; returns the agreement (None without the region)."""
    regio = Regio.objects.filter(slug=REGIO).first()
    if regio is None:
        if stdout:
            stdout.write("De Groene Metropoolregio ontbreekt: laad eerst manage.py load_demo.")
        return None
    vandaag = vandaag or timezone.localdate()
    te_versturen, _volgende = kalender.laatste_en_volgende(
        Frequentie.KWARTAAL, DAG, None, vandaag, datetime.date.min
    )
    verzonden = _vorige(te_versturen)
    afspraak = Informatieafspraak.objects.filter(
        regio=regio, soort=Informatiesoort.VOORTGANG, frequentie=Frequentie.KWARTAAL
    ).first() or services.create_afspraak(
        regio,
        door=None,
        soort=Informatiesoort.VOORTGANG,
        frequentie=Frequentie.KWARTAAL,
        dag=DAG,
        ontvangers=Ontvangers.ALLEN,
        begindatum=verzonden.verzenddatum,
    )
    nieuw = services.send_due(verzonden.verzenddatum, Informatieafspraak.objects.filter(pk=afspraak.pk))
    Informatiezending.objects.filter(pk__in=[z.pk for z in nieuw]).update(
        verzonden_op=timezone.make_aware(datetime.datetime.combine(verzonden.verzenddatum, VERZONDEN_OM))
    )
    if stdout:
        stdout.write(
            f"Informatieprotocol van {regio}: {verzonden.label} verzonden ({len(nieuw)} nieuwe logregels), "
            f"{te_versturen.label} te versturen."
        )
    return afspraak
