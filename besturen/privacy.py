"""besturen's part of a person's data (registered with `regioportaal.privacy` in `BesturenConfig.ready()`).

Export: the person, their seats, the items they wrote and their comments. Erasure: comments are deleted, the
authorship of items is removed, the e-mail address and the account link are removed from the person. A person who
held a seat in a body keeps their name and seats: memberships of public bodies are the public record (the names of
office holders on published decisions and minutes). A person without any seat is deleted.
"""

from .models import Lidmaatschap, Persoon, Reactie, Stuk


def find_persoon(email):
    """The person with this e-mail address (case-insensitive), or None."""
    return Persoon.objects.filter(email__iexact=email.strip()).order_by("pk").first()


def _lidmaatschappen(persoon):
    if persoon is None or not persoon.pk:
        return Lidmaatschap.objects.none()
    return Lidmaatschap.objects.filter(persoon=persoon).select_related("orgaan", "namens")


def export(betrokkene):
    persoon, user = betrokkene.persoon, betrokkene.user
    data = {}
    if persoon is not None:
        data["persoon"] = {
            "voornaam": persoon.voornaam,
            "achternaam": persoon.achternaam,
            "e-mailadres": persoon.email,
        }
        data["lidmaatschappen"] = [
            {
                "orgaan": lid.orgaan.naam,
                "rol": lid.get_rol_display(),
                "namens": lid.namens.naam if lid.namens else None,
                "begindatum": lid.begindatum,
                "einddatum": lid.einddatum,
            }
            for lid in _lidmaatschappen(persoon).order_by("begindatum", "pk")
        ]
    if user is not None:
        data["stukken"] = [
            {"titel": stuk.titel, "orgaan": stuk.orgaan.naam, "datum": stuk.datum}
            for stuk in Stuk.objects.filter(auteur=user).select_related("orgaan").order_by("datum", "pk")
        ]
        data["reacties"] = [
            {"stuk": reactie.stuk.titel, "tekst": reactie.tekst, "tijdstip": reactie.tijdstip}
            for reactie in Reactie.objects.filter(auteur=user)
            .select_related("stuk")
            .order_by("tijdstip", "pk")
        ]
    return data


def erase(betrokkene):
    persoon, user = betrokkene.persoon, betrokkene.user
    counts = {}
    if user is not None:
        counts["reacties"] = Reactie.objects.filter(auteur=user).delete()[0]
        counts["stukken"] = Stuk.objects.filter(auteur=user).update(auteur=None)
    if persoon is not None:
        if _lidmaatschappen(persoon).exists():
            # The public record: the name and the seats stay; the address and the account link go.
            persoon.email = ""
            persoon.user = None
            persoon.save(update_fields=["email", "user"])
            counts["persoon (alleen naam en lidmaatschappen bewaard)"] = 1
        else:
            persoon.delete()
            counts["persoon"] = 1
    return counts
