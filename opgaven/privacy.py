"""opgaven's part of a person's data (registered with `regioportaal.privacy` in `OpgavenConfig.ready()`).

The commitments and progress reports an account recorded stay (they are the region's administration); erasure
removes only who recorded them.
"""

from .models import Verplichting, Voortgang


def export(betrokkene):
    user = betrokkene.user
    if user is None:
        return {}
    return {
        "verplichtingen vastgelegd": [
            {
                "opgave": str(verplichting.mandaat.opgave),
                "datum": verplichting.datum,
                "bedrag": verplichting.bedrag,
                "omschrijving": verplichting.omschrijving,
            }
            for verplichting in Verplichting.objects.filter(vastgelegd_door=user)
            .select_related("mandaat__opgave")
            .order_by("datum", "pk")
        ],
        "voortgangsrapportages": [
            {
                "opgave": str(voortgang.opgave),
                "periode tot en met": voortgang.periode_eind,
                "status": voortgang.get_status_display(),
                "ingediend op": voortgang.ingediend_op,
            }
            for voortgang in Voortgang.objects.filter(auteur=user)
            .select_related("opgave")
            .order_by("ingediend_op", "pk")
        ],
    }


def erase(betrokkene):
    user = betrokkene.user
    if user is None:
        return {}
    return {
        "verplichtingen": Verplichting.objects.filter(vastgelegd_door=user).update(vastgelegd_door=None),
        "voortgangsrapportages": Voortgang.objects.filter(auteur=user).update(auteur=None),
    }
