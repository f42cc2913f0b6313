"""Freezing the figures: the split of every line per member, stored once with the rules it used."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Bijdrage,
    SleutelSoort,
)
from ..regeling import (
    BEVROREN_VELDEN,
    regeling_voor,
    sleutel_van,
    tarief_van,
)
from ..verdeling import Lid, VerdelingFout, allocate
from ._gedeeld import _apply_per_inwoner, _log


def _bevries(versie, door):
    """Store the split of every line per member with the figures it used, and the rules, on the version.

    Runs once, when the version is routed or adopted (whichever comes first). From then on nothing the region
    changes — populations, key, rates, decision rule, procedure — moves what the councils decide on.
    """
    if versie.bevroren_op is not None:
        return
    regeling = regeling_voor(versie)
    bijdragen = []
    for regel in versie.regels.select_related("opgave").prefetch_related("deelnemers", "vaste_bijdragen"):
        _apply_per_inwoner(regel, regeling)
        deelnemers = sorted(regel.deelnemers.all(), key=lambda b: b.code)
        sleutel = sleutel_van(regel, regeling)
        vast = {v.bestuur_id: v.bedrag for v in regel.vaste_bijdragen.all()}
        try:
            shares = allocate(
                regel.bedrag,
                [Lid(b.pk, b.inwoners or 0) for b in deelnemers],
                sleutel,
                vast=vast,
                aandeel_bevolking=regeling.aandeel_bevolking,
                volgorde={b.pk: b.code for b in deelnemers},
            )
        except VerdelingFout as exc:
            raise ValidationError(
                _("De regel %(opgave)s kan niet worden verdeeld: %(fout)s")
                % {"opgave": regel.opgave, "fout": exc}
            ) from exc
        tarief = tarief_van(regel, regeling) if sleutel == SleutelSoort.PER_INWONER else None
        for bestuur in deelnemers:
            bijdragen.append(
                Bijdrage(
                    versie=versie,
                    regel=regel,
                    bestuur=bestuur,
                    inwoners=bestuur.inwoners,
                    peildatum=bestuur.inwoners_peildatum,
                    bron=getattr(bestuur, "inwoners_bron", "") or "",
                    sleutel=sleutel,
                    aandeel_bevolking=regeling.aandeel_bevolking,
                    tarief_per_inwoner=tarief,
                    vast_bedrag=vast.get(bestuur.pk),
                    centen=int(shares[bestuur.pk] * 100),
                )
            )
    Bijdrage.objects.bulk_create(bijdragen)
    for veld in BEVROREN_VELDEN:
        setattr(versie, veld, getattr(regeling, veld))
    versie.bevroren_op = timezone.now()
    versie.save()
    _log(
        door,
        "cijfers vastgelegd",
        versie,
        versie.jaarprogramma.regio,
        {"bijdragen": len(bijdragen), "procedure": versie.procedure, "beslisregel": versie.beslisregel},
    )
