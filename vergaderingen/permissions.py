"""Who may see and do what with meetings and planning days. Views and templates ask only these.

Built on besturen.permissions: who reads a body's closed items and meetings are those who may read its non-public
items (`can_view_besloten_orgaan`); its secretariat is `is_secretariaat` (the holders of `can_manage_orgaan`, without
the platform administrator). The public sees the public items of published agendas and nothing else.

The platform administrator (a superuser) reads every meeting, but a body's meetings are run by that body's own
secretariat and nobody else: planning, the agenda, attendance, decisions, votes and minutes ask
`besturen.permissions.is_secretariaat`, which grants no superuser bypass. Likewise only members propose items and
only the region's officials register themselves for a planning day.
"""

from django.db.models import Q
from guardian.shortcuts import get_objects_for_user

from besturen import permissions as besturen_permissions
from besturen.models import Orgaan

from .models import OP_DE_AGENDA, VergaderingStatus, gepubliceerd_q


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def is_lid(user, orgaan):
    """Who reads the body's closed items and meetings: a member in any role, its secretariat, or the platform
    administrator. A reading check: acting as a member asks `besturen.permissions.is_lid_of_secretariaat`."""
    return besturen_permissions.can_view_besloten_orgaan(user, orgaan)


def can_manage_vergaderingen(user, orgaan):
    """Only the body's own secretariat: plan meetings, build and publish agendas, record decisions and minutes.

    Not the platform administrator: the meeting's record (agenda, attendance, decisions, votes, minutes) is the
    body's, kept by its secretariat.
    """
    return besturen_permissions.is_secretariaat(user, orgaan)


def can_view_vergadering(user, vergadering):
    return vergadering.agenda_gepubliceerd or is_lid(user, vergadering.orgaan)


def can_view_agendapunt(user, punt, *, lid=None):
    """`lid` is is_lid(user, orgaan) when the caller already knows it (a page asks once, not per item)."""
    lid = is_lid(user, punt.vergadering.orgaan) if lid is None else lid
    if lid:
        return True
    return punt.vergadering.agenda_gepubliceerd and punt.openbaar and punt.status in OP_DE_AGENDA


def can_propose_agendapunt(user, vergadering):
    """Only the body's members (any role) and its secretariat, while the agenda is open; not the platform
    administrator, who reads the agenda (`is_lid`) but holds no seat to propose from."""
    return vergadering.status in (
        VergaderingStatus.GEPLAND,
        VergaderingStatus.AGENDA_GEPUBLICEERD,
    ) and besturen_permissions.is_lid_of_secretariaat(user, vergadering.orgaan)


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
    published = gepubliceerd_q(prefix)
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
    """Only officials of the region register as participants: anyone holding a role in one of its bodies or its
    members' councils, or its secretariat. Not the platform administrator, who holds no role there (as organiser
    they may register someone else: `can_organise_bijeenkomst`)."""
    return _active(user) and besturen_permissions.heeft_rol_in_regio(user, bijeenkomst.regio)
