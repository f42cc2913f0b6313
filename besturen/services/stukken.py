"""Items a body shares (Stuk) and the members' comments on them (Reactie)."""

from django.db import transaction

from ..models import Reactie, Stuk, Zichtbaarheid
from ..policies import OrgaanPolicy, StukPolicy
from ._gedeeld import _create


@transaction.atomic
def add_stuk(orgaan, *, titel, tekst="", zichtbaarheid=Zichtbaarheid.ORGAAN, door):
    """Share an item with a body (the secretariat)."""
    OrgaanPolicy().require(door, "add_stuk", orgaan)
    return _create(
        Stuk,
        ["orgaan", "titel", "tekst", "zichtbaarheid"],
        door,
        {
            "orgaan": orgaan,
            "titel": titel,
            "tekst": tekst,
            "zichtbaarheid": zichtbaarheid,
            "auteur": door if door and door.is_authenticated else None,
        },
    )


@transaction.atomic
def add_reactie(stuk, *, tekst, door):
    """A member comments on an item of their body."""
    StukPolicy().require(door, "comment", stuk)
    return _create(Reactie, ["stuk", "tekst"], door, {"stuk": stuk, "tekst": tekst, "auteur": door})
