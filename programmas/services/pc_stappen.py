"""Steps of the P&C calendar outside the version's workflow: the budget to gedeputeerde staten, frameworks,
annual accounts."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import termijnen
from ..models import (
    Jaarprogramma,
)
from ..policies import PC_KALENDER, VERSIE
from ._gedeeld import _lock_versie, _log


@transaction.atomic
def record_gs_verzending(versie, *, datum, referentie="", door):
    """Wgr art. 34 lid 2: the daily board sends the adopted budget to gedeputeerde staten."""
    versie = _lock_versie(versie)
    VERSIE.require(door, "record_gs", versie)
    if datum < versie.vastgesteld_op:
        raise ValidationError({"datum": _("De verzending kan niet vóór de vaststelling liggen.")})
    if datum > timezone.localdate():
        raise ValidationError({"datum": _("De datum van verzending ligt in de toekomst.")})
    versie.naar_gs_op = datum
    versie.naar_gs_referentie = referentie
    versie.save(update_fields=["naar_gs_op", "naar_gs_referentie"])
    termijn = termijnen.gs_termijn(versie.vastgesteld_op, versie.jaarprogramma.jaar)
    _log(
        door,
        "naar gedeputeerde staten",
        versie,
        versie.jaarprogramma.regio,
        {"datum": datum, "termijn": termijn, "te_laat": datum > termijn},
    )
    return versie


PC_STAPPEN = {
    "kaders": "kaders_verzonden_op",
    "jaarrekening": "jaarrekening_vastgesteld_op",
    "jaarrekening_gs": "jaarrekening_naar_gs_op",
}


@transaction.atomic
def record_pc_stap(programma, *, stap, datum, door):
    """Record a step of the P&C calendar outside the version's workflow (frameworks sent, accounts adopted/sent)."""
    programma = Jaarprogramma.objects.select_for_update().select_related("regio").get(pk=programma.pk)
    PC_KALENDER.require(door, "record_stap", programma.regio)
    if stap not in PC_STAPPEN:
        raise ValidationError(_("Onbekende stap."))
    if datum > timezone.localdate():
        raise ValidationError({"datum": _("Deze datum ligt in de toekomst.")})
    veld = PC_STAPPEN[stap]
    if stap == "jaarrekening_gs" and (
        programma.jaarrekening_vastgesteld_op is None or datum < programma.jaarrekening_vastgesteld_op
    ):
        raise ValidationError(
            {
                "datum": _(
                    "De jaarrekening gaat naar gedeputeerde staten nadat het bestuur haar heeft vastgesteld."
                )
            }
        )
    _log(door, "P&C-stap vastgelegd", programma, programma.regio, {veld: [getattr(programma, veld), datum]})
    setattr(programma, veld, datum)
    programma.save(update_fields=[veld])
    return programma
