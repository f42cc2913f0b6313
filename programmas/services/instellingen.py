"""Settings the secretariat owns: the region's programme arrangement and a programme's own route and date."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import (
    Jaarprogramma,
    Programmaregel,
    VersieStatus,
)
from ..policies import PC_KALENDER, REGELING
from ..regeling import (
    regeling_voor,
)
from ._gedeeld import _apply_per_inwoner, _log, _regeling_voor_wijziging

REGELING_VELDEN = (
    "procedure",
    "beslisregel",
    "drempel_leden",
    "drempel_bevolking",
    "amendement",
    "termijn_dagen",
    "zienswijze_weken",
    "bestuursorgaan",
    "sleutel",
    "aandeel_bevolking",
    "bedrag_per_inwoner",
)


@transaction.atomic
def update_regeling(regio, *, door, **velden):
    """The secretariat sets the region's procedure, rule, key, rates and terms.

    A change applies to versions not yet frozen (concept and submitted ones): their per-inhabitant lines follow a new
    rate at once. Routed and adopted versions keep what they stored.
    """
    REGELING.require(door, "update_regeling", regio)
    onbekend = set(velden) - set(REGELING_VELDEN)
    if onbekend:
        raise ValueError(f"onbekende velden: {sorted(onbekend)}")
    regeling = _regeling_voor_wijziging(regio)
    wijzigingen = {}
    for naam, waarde in velden.items():
        if getattr(regeling, naam) != waarde:
            wijzigingen[naam] = [str(getattr(regeling, naam)), str(waarde)]
            setattr(regeling, naam, waarde)
    if velden.get("bestuursorgaan") is not None and velden["bestuursorgaan"].regio_id != regio.pk:
        raise ValidationError({"bestuursorgaan": _("Kies een orgaan van deze regio.")})
    regeling.full_clean()
    regeling.save()
    if wijzigingen:
        _log(door, "programmaregeling gewijzigd", regeling, regio, wijzigingen)
        for regel in (
            Programmaregel.objects.filter(
                versie__jaarprogramma__regio=regio, versie__bevroren_op__isnull=True
            )
            .select_related("versie__jaarprogramma")
            .prefetch_related("deelnemers")
        ):
            _apply_per_inwoner(regel, regeling_voor(regel.versie, regeling))
    return regeling


@transaction.atomic
def update_jaarprogramma(programma, *, door, procedure=None, behandeldatum=None, titel=None):
    """A programme may follow the other route than the region's default, and names the board's meeting date."""
    programma = Jaarprogramma.objects.select_for_update().select_related("regio").get(pk=programma.pk)
    PC_KALENDER.require(door, "update_programma", programma.regio)
    wijzigingen = {}
    if procedure is not None and procedure != programma.procedure:
        if (
            programma.versies.filter(bevroren_op__isnull=False).exists()
            or programma.versies.exclude(status=VersieStatus.CONCEPT).exists()
        ):
            raise ValidationError(
                {"procedure": _("Een programma waarvan een versie al is ingediend houdt zijn procedure.")}
            )
        wijzigingen["procedure"] = [programma.procedure, procedure]
        programma.procedure = procedure
    for naam, waarde in (("behandeldatum", behandeldatum), ("titel", titel)):
        if waarde is not None and getattr(programma, naam) != waarde:
            wijzigingen[naam] = [str(getattr(programma, naam)), str(waarde)]
            setattr(programma, naam, waarde)
    programma.full_clean()
    programma.save()
    if wijzigingen:
        _log(door, "jaarprogramma gewijzigd", programma, programma.regio, wijzigingen)
    return programma
