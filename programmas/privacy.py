"""programmas' part of a person's data (registered with `regioportaal.privacy` in `ProgrammasConfig.ready()`).

Questions are asked on behalf of a government and their answers are shared with every council, and a council's
recorded decision is its public record: these stay; erasure removes only which account asked, answered or recorded.
"""

from .models import Registratie, Vraag


def export(betrokkene):
    user = betrokkene.user
    if user is None:
        return {}
    return {
        "vragen gesteld": [
            {
                "programmaversie": str(vraag.versie),
                "namens": vraag.bestuur.naam,
                "vraag": vraag.tekst,
                "gesteld op": vraag.gesteld_op,
                "antwoord": vraag.antwoord,
            }
            for vraag in Vraag.objects.filter(gesteld_door=user)
            .select_related("versie", "bestuur")
            .order_by("gesteld_op", "pk")
        ],
        "vragen beantwoord": [
            {"programmaversie": str(vraag.versie), "beantwoord op": vraag.beantwoord_op}
            for vraag in Vraag.objects.filter(beantwoord_door=user)
            .select_related("versie")
            .order_by("beantwoord_op", "pk")
        ],
        "raadsbesluiten vastgelegd": [
            {
                "besluit": str(registratie.besluit),
                "uitkomst": registratie.get_uitkomst_display(),
                "datum van de raadszitting": registratie.datum_raad,
                "vastgelegd op": registratie.tijdstip,
            }
            for registratie in Registratie.objects.filter(door=user)
            .select_related("besluit")
            .order_by("tijdstip", "pk")
        ],
    }


def erase(betrokkene):
    user = betrokkene.user
    if user is None:
        return {}
    return {
        "vragen": Vraag.objects.filter(gesteld_door=user).update(gesteld_door=None),
        "antwoorden": Vraag.objects.filter(beantwoord_door=user).update(beantwoord_door=None),
        "raadsbesluiten": Registratie.objects.filter(door=user).update(door=None),
    }
