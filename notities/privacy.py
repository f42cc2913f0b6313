"""notities' part of a person's data (registered with `regioportaal.privacy` in `NotitiesConfig.ready()`).

A note is its author's own: the export lists every note they wrote, the erasure deletes them (also the shared ones:
they speak for the author, not for the body).
"""

from .documenten import NOTITIE_RELATED, SOORTEN
from .models import Notitie


def _notities(user):
    return Notitie.objects.filter(auteur=user).select_related("gedeeld_met", *NOTITIE_RELATED)


def export(betrokkene):
    user = betrokkene.user
    if user is None:
        return {}
    return {
        "notities": [
            {
                "document": str(SOORTEN[notitie.veld].titel(notitie.doel)),
                "pagina": notitie.pagina,
                "tekst": notitie.tekst,
                "gedeeld met": notitie.gedeeld_met.naam if notitie.gedeeld_met else "",
                "geschreven op": notitie.aangemaakt_op,
                "gewijzigd op": notitie.gewijzigd_op,
            }
            for notitie in _notities(user).order_by("aangemaakt_op", "pk")
        ]
    }


def erase(betrokkene):
    user = betrokkene.user
    if user is None:
        return {}
    aantal, _per_model = Notitie.objects.filter(auteur=user).delete()
    return {"notities": aantal}
