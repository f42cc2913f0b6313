"""Who may see and do what with a region's strategy and opgaven. Views and templates ask only these.

The secretariat of a region (see besturen.permissions.can_manage_regio) formulates opgaven and records mandates.
The bestuurlijk opdrachtgever (portfolio holder) of an opgave reports its progress and records commitments within
its mandate, for as long as the membership that makes them opdrachtgever is current.
The platform administrator (a superuser) passes the secretariat's checks, but is never the opdrachtgever or a
mandate's holder: those follow one seat (`_holds`), so no superuser bypass reaches them.
"""

from django.db.models import Q

from besturen import permissions as besturen_permissions


def can_manage_opgaven(user, regio):
    return besturen_permissions.can_manage_regio(user, regio)


def can_view_opgave(user, opgave):
    """Published opgaven are public; drafts are for the region's own bodies and secretariat, not for the councils."""
    return (
        opgave.gepubliceerd
        or besturen_permissions.regios_met_regionale_rol(user).filter(pk=opgave.regio_id).exists()
    )


def _holds(user, lidmaatschap):
    if lidmaatschap is None or not (user and user.is_authenticated and user.is_active):
        return False
    return lidmaatschap.persoon.user_id == user.pk and lidmaatschap.is_current()


def is_opdrachtgever(user, opgave):
    return _holds(user, opgave.opdrachtgever)


def can_report_voortgang(user, opgave):
    return can_manage_opgaven(user, opgave.regio) or is_opdrachtgever(user, opgave)


def can_record_verplichting(user, mandaat):
    """Only the mandate's holder commits money under it, while they hold the seat it was granted to."""
    return _holds(user, mandaat.houder)


def besloten_opgaven_q(user, prefix=""):
    """Unpublished opgaven the user may read: those of regions in whose own bodies they hold a role."""
    if not (user and user.is_authenticated and user.is_active):
        return Q(pk__in=[])
    return Q(**{f"{prefix}regio__in": besturen_permissions.regios_met_regionale_rol(user)})
