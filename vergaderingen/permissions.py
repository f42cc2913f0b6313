"""Who may see and do what with meetings and planning days. Views and templates ask only these.

Built on besturen.permissions: the members of a body (any role) are those who may read its non-public items
(`can_view_besloten_orgaan`); its secretariat is who may manage it (`can_manage_orgaan`). The public sees the
public items of published agendas and nothing else.
"""

from django.db.models import Q
from django.utils.translation import gettext as _
from guardian.shortcuts import get_objects_for_user

from besturen import permissions as besturen_permissions
from besturen.models import Orgaan
from regioportaal.permissions import NotAllowed, is_system

from .models import GEPUBLICEERDE_STATUSSEN, AgendapuntStatus, VergaderingStatus


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def is_lid(user, orgaan):
    """A member of the body in any role, or its secretariat."""
    return besturen_permissions.can_view_besloten_orgaan(user, orgaan)


def can_manage_vergaderingen(user, orgaan):
    """The body's secretariat: plan meetings, build and publish agendas, record decisions and minutes."""
    return besturen_permissions.can_manage_orgaan(user, orgaan)


def can_view_vergadering(user, vergadering):
    return vergadering.status in GEPUBLICEERDE_STATUSSEN or is_lid(user, vergadering.orgaan)


def can_view_agendapunt(user, punt, *, lid=None):
    """`lid` is is_lid(user, orgaan) when the caller already knows it (a page asks once, not per item)."""
    lid = is_lid(user, punt.vergadering.orgaan) if lid is None else lid
    if lid:
        return True
    return (
        punt.vergadering.status in GEPUBLICEERDE_STATUSSEN
        and punt.openbaar
        and punt.status == AgendapuntStatus.GEAGENDEERD
    )


def can_propose_agendapunt(user, vergadering):
    return vergadering.status in (
        VergaderingStatus.GEPLAND,
        VergaderingStatus.AGENDA_GEPUBLICEERD,
    ) and is_lid(user, vergadering.orgaan)


def can_edit_agenda(user, vergadering):
    """Add, edit, reorder and accept items: the secretariat, until the meeting has taken place."""
    return vergadering.status in (
        VergaderingStatus.GEPLAND,
        VergaderingStatus.AGENDA_GEPUBLICEERD,
    ) and can_manage_vergaderingen(user, vergadering.orgaan)


def can_record_besluit(user, vergadering):
    return vergadering.status == VergaderingStatus.AFGELOPEN and can_manage_vergaderingen(
        user, vergadering.orgaan
    )


def can_view_document(user, document):
    if document.agendapunt_id:
        return can_view_vergadering(user, document.agendapunt.vergadering) and can_view_agendapunt(
            user, document.agendapunt
        )
    return True  # working documents of planning days are public, as the planning day itself


def vergaderingen_q(user, prefix=""):
    """A filter on meetings the user may see: published ones, and every meeting of the user's bodies."""
    published = Q(**{f"{prefix}status__in": GEPUBLICEERDE_STATUSSEN})
    return published | Q(**{f"{prefix}orgaan__in": organen_van(user)})


def organen_van(user):
    """The bodies the user is a member of or manages, as a queryset usable in a subquery."""
    if not _active(user):
        return Orgaan.objects.none()
    if user.is_superuser:
        return Orgaan.objects.all()
    view = get_objects_for_user(user, "besturen.view_besloten_orgaan", Orgaan, accept_global_perms=False)
    return Orgaan.objects.filter(Q(pk__in=view) | Q(pk__in=besturen_permissions.manageable_organen(user)))


# --- Planning days ---------------------------------------------------------------------------------------------


def can_organise_bijeenkomst(user, regio):
    """The region's secretariat organises its planning days, sees the overview and exports participants."""
    return besturen_permissions.can_manage_regio(user, regio)


def can_register(user, bijeenkomst):
    """Officials of the region: anyone holding a role in one of its bodies or its members' councils."""
    return _active(user) and (
        besturen_permissions.can_view_besloten_regio(user, bijeenkomst.regio)
        or can_organise_bijeenkomst(user, bijeenkomst.regio)
    )


# --- Refusals for the services ---------------------------------------------------------------------------------


def require(allowed, message, door):
    if is_system(door):
        return
    if not allowed:
        raise NotAllowed(message)


def require_manage(door, orgaan):
    require(
        can_manage_vergaderingen(door, orgaan),
        _("Alleen het secretariaat van %(orgaan)s mag dit.") % {"orgaan": orgaan},
        door,
    )
