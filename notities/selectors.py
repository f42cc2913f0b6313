"""Reads of notes shaped for their pages: one query for a list, whatever its length."""

from .documenten import NOTITIE_RELATED, soort_van
from .models import Notitie
from .permissions import zichtbaar_q


def _basis(user):
    return Notitie.objects.filter(zichtbaar_q(user)).select_related("auteur", "gedeeld_met")


def notities_bij(doc, user):
    """The notes on `doc` that `user` may read, oldest first."""
    return _basis(user).filter(**{soort_van(doc).slug: doc}).order_by("aangemaakt_op", "pk")


def notities_van(user):
    """The notes `user` may read on any document (their own and those shared with them), newest first, with what
    each document's title needs."""
    return _basis(user).select_related(*NOTITIE_RELATED).order_by("-gewijzigd_op", "-pk")
