"""Review packets: one PDF per version and member council, made by a Celery task, remade in place on request."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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


def _te_vroeg(pakket):
    """Why `pakket` may not be asked for again now, or "": it is on its way (within the patience), or it was asked for
    less than `REVIEWPAKKET_REBUILD_INTERVAL` seconds ago."""
    sinds = timezone.now() - pakket.aangevraagd_op
    if pakket.status in workflow.PAKKET_ONDERWEG and sinds < PAKKET_GEDULD:
        return _("Het reviewpakket wordt al gemaakt. Deze pagina toont de download zodra het klaar is.")
    interval = datetime.timedelta(seconds=settings.REVIEWPAKKET_REBUILD_INTERVAL)
    if sinds < interval:
        wachten = max(int((interval - sinds).total_seconds()) + 1, 1)
        return ngettext(
            "Het reviewpakket is zojuist aangevraagd. U kunt het over %(n)d seconde opnieuw laten maken.",
            "Het reviewpakket is zojuist aangevraagd. U kunt het over %(n)d seconden opnieuw laten maken.",
            wachten,
        ) % {"n": wachten}
    return ""


@transaction.atomic
def request_reviewpakket(versie, bestuur, *, door):
    """Have the review packet of `bestuur` for `versie` made (again): one record per version and member.

    Remaking is limited: while the packet is on its way, or within `REVIEWPAKKET_REBUILD_INTERVAL` seconds of the
    last request, a person's request is refused with a ValidationError saying why (and writes nothing); the system
    (`door=None`) gets the packet on its way and is not limited otherwise.
    """
    REVIEWPAKKET.require(door, "request", versie)
    if not Programmaregel.deelnemers.through.objects.filter(
        programmaregel__versie=versie, bestuur_id=bestuur.pk
    ).exists():
        raise ValidationError(_("%(bestuur)s neemt niet deel aan deze versie.") % {"bestuur": bestuur})
    pakket, nieuw = Reviewpakket.objects.select_for_update().get_or_create(versie=versie, bestuur=bestuur)
    weigering = "" if nieuw else _te_vroeg(pakket)
    if weigering and door is None:
        if pakket.status in workflow.PAKKET_ONDERWEG:
            return pakket  # the system waits for the packet on its way
    elif weigering:
        raise ValidationError(weigering, code="te_vroeg")
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
