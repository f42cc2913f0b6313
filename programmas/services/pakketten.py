"""Review packets: one PDF per version and member council, made by a Celery task, remade in place on request."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regioportaal import outbox

from .. import workflow
from ..models import (
    PakketStatus,
    Programmaregel,
    Reviewpakket,
)
from ..policies import REVIEWPAKKET
from ._gedeeld import _log

PAKKET_GEDULD = datetime.timedelta(minutes=10)  # a packet still not made after this may be asked again


@transaction.atomic
def request_reviewpakket(versie, bestuur, *, door):
    """Have the review packet of `bestuur` for `versie` made (again): one record per version and member."""
    REVIEWPAKKET.require(door, "request", versie)
    if not Programmaregel.deelnemers.through.objects.filter(
        programmaregel__versie=versie, bestuur_id=bestuur.pk
    ).exists():
        raise ValidationError(_("%(bestuur)s neemt niet deel aan deze versie.") % {"bestuur": bestuur})
    pakket, nieuw = Reviewpakket.objects.select_for_update().get_or_create(versie=versie, bestuur=bestuur)
    onderweg = pakket.status in workflow.PAKKET_ONDERWEG
    if not nieuw and onderweg and timezone.now() - pakket.aangevraagd_op < PAKKET_GEDULD:
        return pakket  # already on its way
    _move(pakket, PakketStatus.WACHTEND)
    pakket.fout = ""
    pakket.aangevraagd_op = timezone.now()
    pakket.save(update_fields=["status", "fout", "aangevraagd_op"])
    _log(door, "reviewpakket aangevraagd", versie, versie.jaarprogramma.regio, {"bestuur": str(bestuur)})
    outbox.enqueue("programmas.tasks.make_reviewpakket", pakket.pk)
    return pakket


def build_reviewpakket(pakket_id):
    """Render the packet and store it in the same record and the same file, however often this runs."""
    from ..pdf import render_reviewpakket

    pakket = Reviewpakket.objects.select_related("versie__jaarprogramma__regio", "bestuur").get(pk=pakket_id)
    _move(pakket, PakketStatus.BEZIG)
    Reviewpakket.objects.filter(pk=pakket.pk).update(status=pakket.status)
    inhoud = render_reviewpakket(pakket.versie, pakket.bestuur)
    with transaction.atomic():
        pakket = Reviewpakket.objects.select_for_update().get(pk=pakket.pk)
        _move(pakket, PakketStatus.KLAAR)
        naam = f"reviewpakket-{pakket.versie_id}-{pakket.bestuur_id}.pdf"
        if pakket.bestand:
            pakket.bestand.delete(save=False)
        pakket.bestand.save(naam, ContentFile(inhoud), save=False)
        pakket.fout = ""
        pakket.klaar_op = timezone.now()
        pakket.save()
    return pakket


@transaction.atomic
def fail_reviewpakket(pakket_id, fout):
    """Mark the packet failed, with the error for whoever asked; a packet that is ready (or already failed) stays."""
    pakket = Reviewpakket.objects.select_for_update().filter(pk=pakket_id).first()
    if pakket is None:  # its version is gone
        return None
    _move(pakket, PakketStatus.MISLUKT)
    pakket.fout = str(fout)[:2000]
    pakket.save(update_fields=["status", "fout"])
    return pakket


def _move(pakket, naar):
    """The one guard on a packet's status (the table `workflow.PAKKET_TRANSITIONS`); sets it, the caller saves."""
    if not workflow.pakket_allowed(pakket.status, naar):
        raise ValidationError(
            _("Een reviewpakket gaat niet van %(van)s naar %(naar)s.")
            % {"van": pakket.get_status_display(), "naar": PakketStatus(naar).label}
        )
    pakket.status = naar
