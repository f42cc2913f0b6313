"""Reminders of the P&C calendar: the region's secretariat hears 14 and 3 days before every date not yet done.

Runs daily (Celery beat, `CELERY_BEAT_SCHEDULE`). Each reminder has a stable `sleutel` (programme, date, which date,
days before), so running twice, or again after a failure, sends it once; `regioportaal.meldingen.notify` mails it at
once or gathers it in the daily digest, as each user chose.
"""

import datetime
from collections import defaultdict

from celery import shared_task
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from besturen.models import Rol
from besturen.selectors import current_seats
from regioportaal.links import absolute_url
from regioportaal.meldingen import notify

from . import kalender
from .models import Jaarprogramma

DAGEN_VOORAF = (14, 3)


def _secretariaten(regio_ids, vandaag):
    """The active accounts of each region's secretariat (a secretary in one of its bodies), in one query."""
    zetels = current_seats(
        regios=regio_ids, rollen=[Rol.SECRETARIS], day=vandaag, with_account=True
    ).values_list("orgaan__regio_id", "persoon__user_id")
    per_regio = defaultdict(set)
    for regio_id, user_id in zetels:
        per_regio[regio_id].add(user_id)
    users = get_user_model().objects.in_bulk({u for ids in per_regio.values() for u in ids})
    return {
        regio_id: sorted((users[u] for u in ids if u in users and users[u].is_active), key=lambda u: u.pk)
        for regio_id, ids in per_regio.items()
    }


def sleutel(moment, dagen):
    return f"pc:{moment.programma.pk}:{moment.sleutel}:{moment.datum.isoformat()}:{dagen}"


# The registered name stays the old one: the beat schedule and queued messages carry it (docs/naamgeving.md).
@shared_task(name="programmas.herinneringen.stuur_pc_herinneringen")
def send_pc_reminders(vandaag=None):
    """Notify each region's secretariat of every calendar date not done, 14 and 3 days ahead; returns how many."""
    if isinstance(vandaag, str):  # from a serialised task call
        vandaag = datetime.date.fromisoformat(vandaag)
    vandaag = vandaag or timezone.localdate()
    doelen = {vandaag + datetime.timedelta(days=d): d for d in DAGEN_VOORAF}
    # A budget year's dates fall between April two years before it (frameworks) and July after it (accounts to GS).
    lopend = Jaarprogramma.objects.filter(jaar__gte=vandaag.year - 2, jaar__lte=vandaag.year + 3)
    gegevens = kalender.programmas(lopend, besloten=True)
    te_melden = [
        moment
        for moment in kalender.momenten(gegevens, vandaag=vandaag)
        if moment.datum in doelen and not moment.gedaan
    ]
    if not te_melden:
        return 0
    ontvangers = _secretariaten({m.programma.regio_id for m in te_melden}, vandaag)
    verstuurd = 0
    for moment in te_melden:
        dagen = doelen[moment.datum]
        regels = [
            _("%(wat)s: uiterlijk %(datum)s.") % {"wat": moment.label, "datum": date_format(moment.datum)},
            _("Wettelijke datum (%(artikel)s).") % {"artikel": moment.artikel}
            if moment.wettelijk
            else _("Datum van de regio."),
            absolute_url(moment.link) if moment.link else "",
            _("P&C-kalender: %(link)s")
            % {
                "link": absolute_url(
                    reverse("programmas:pc_kalender", args=[moment.programma.regio.slug, moment.datum.year])
                )
            },
        ]
        verstuurd += len(
            notify(
                ontvangers.get(moment.programma.regio_id, []),
                Truncator(
                    _("Nog %(dagen)d dagen: %(wat)s (%(programma)s)")
                    % {"dagen": dagen, "wat": moment.label, "programma": moment.programma}
                ).chars(200),
                "\n".join(regel for regel in regels if regel),
                sleutel=sleutel(moment, dagen),
                soort="herinnering",
            )
        )
    return verstuurd
