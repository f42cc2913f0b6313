"""Who reads, writes and changes notes. There is no platform-administrator shortcut anywhere here: a note is read by
its author and, when shared, by the current members of the body it is shared with, and by nobody else."""

from django.db.models import Q

from besturen.models import Orgaan
from besturen.selectors import current_seats
from regioportaal.policies import active

from .documenten import soort_van


def groepen_van(user):
    """The bodies `user` sits in today (any role): the groups a note can be shared with, by name."""
    if not active(user):
        return Orgaan.objects.none()
    return Orgaan.objects.filter(pk__in=current_seats(user=user).values("orgaan")).order_by("naam", "pk")


def zichtbaar_q(user):
    """A filter on notes for those `user` may read: their own, and those shared with a body they sit in today."""
    if not active(user):
        return Q(pk__in=[])
    return Q(auteur=user) | Q(gedeeld_met__in=current_seats(user=user).values("orgaan"))


def can_annotate(user, doc):
    """Write a note on a document: every logged-in user who may open it."""
    soort = soort_van(doc)
    return active(user) and soort is not None and soort.can_view(user, doc)


def is_auteur(user, notitie):
    return active(user) and notitie.auteur_id == user.pk
