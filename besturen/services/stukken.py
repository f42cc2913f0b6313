"""Items a body shares (Stuk) and the members' comments on them (Reactie)."""

from django.db import transaction
from django.utils.translation import gettext as _

from regioportaal.permissions import NotAllowed, is_system

from .. import permissions
from ..models import Reactie, Stuk, Zichtbaarheid
from ._gedeeld import _create


@transaction.atomic
def add_stuk(orgaan, *, titel, tekst="", zichtbaarheid=Zichtbaarheid.ORGAAN, door):
    """Share an item with a body (the secretariat)."""
    if not is_system(door) and not permissions.can_add_stuk(door, orgaan):
        raise NotAllowed(_("U mag geen stukken toevoegen aan %(orgaan)s.") % {"orgaan": orgaan})
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
    if not permissions.can_comment_stuk(door, stuk):
        raise NotAllowed(_("U mag niet reageren op dit stuk."))
    return _create(Reactie, ["stuk", "tekst"], door, {"stuk": stuk, "tekst": tekst, "auteur": door})
