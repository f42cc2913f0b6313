"""What a merger (`besturen.fusies.fusie_vastgelegd`) changes in programmes: only what is not yet frozen.

In every version whose figures are not frozen (a concept), a line's predecessors make way for the successor and
their fixed contributions are added up for it, so the live split uses the successor and its population. Frozen
versions (routed or adopted), their `Bijdrage` rows and the councils' decisions keep naming the predecessors.
"""

from collections import defaultdict
from decimal import Decimal

from besturen.gebeurtenissen import FusieGebeurtenis

from .models import Programmaregel, VasteBijdrage
from .regeling import regeling_van
from .services._gedeeld import _apply_per_inwoner, _log


def follow_fusie(sender, fusie, **kwargs):
    """Put the successor of `fusie` in its predecessors' place on every line of every concept version."""
    voorgangers = list(fusie.voorgangers.all())
    regels = (
        Programmaregel.objects.filter(versie__bevroren_op__isnull=True, deelnemers__in=voorgangers)
        .distinct()
        .select_related("versie__jaarprogramma__regio")
        .prefetch_related("deelnemers")
    )
    per_versie = defaultdict(list)
    for regel in regels:
        regel.deelnemers.remove(*voorgangers)
        regel.deelnemers.add(fusie.opvolger)
        vast = VasteBijdrage.objects.filter(regel=regel, bestuur__in=voorgangers)
        bedrag = sum((v.bedrag for v in vast), Decimal("0"))
        if vast:
            vast.delete()
            eigen, _nieuw = VasteBijdrage.objects.get_or_create(
                regel=regel, bestuur=fusie.opvolger, defaults={"bedrag": Decimal("0")}
            )
            eigen.bedrag += bedrag
            eigen.save(update_fields=["bedrag"])
        regio = regel.versie.jaarprogramma.regio
        _apply_per_inwoner(Programmaregel.objects.get(pk=regel.pk), regeling_van(regio))
        per_versie[regel.versie].append(str(regel.opgave_id))
    for versie, regels_van_versie in per_versie.items():
        _log(
            None,
            FusieGebeurtenis.DEELNEMERS_NA_FUSIE,
            versie,
            versie.jaarprogramma.regio,
            {
                "opvolger": str(fusie.opvolger),
                "voorgangers": [str(b) for b in voorgangers],
                "regels": len(regels_van_versie),
            },
            str(fusie),
        )
