"""Who may see and do what in besturen. Every check of this app is asked here; views and templates never test roles.

Roles come from memberships: a current Lidmaatschap puts its person's account in the group of (Orgaan, Rol).
Objects grant their permissions to such groups when they are created (see `grants_for_orgaan`).
"""

from django.db.models import Q
from django.utils.translation import gettext as _
from guardian.shortcuts import get_objects_for_user

from regioportaal import sqlrijen
from regioportaal.permissions import NotAllowed, held_ids, is_system, object_perms

from .models import RAADSORGANEN as RAADSORGANEN  # its home is besturen.models; re-exported for callers
from .models import (
    Lidmaatschap,
    Orgaan,
    Regio,
    Rol,
    Zichtbaarheid,
)
from .regiokeuze import regionale_rollen

ALLE_ROLLEN = [rol.value for rol in Rol]
ACTIEVE_ROLLEN = [rol for rol in ALLE_ROLLEN if rol != Rol.WAARNEMER]


def group_name(orgaan_id, rol):
    """The group of everyone holding `rol` in the body with id `orgaan_id`."""
    return f"orgaan:{orgaan_id}:{rol}"


def groups(orgaan, rollen):
    return [group_name(orgaan.pk, rol) for rol in rollen]


def grants_for_orgaan(orgaan):
    """The permissions a new body grants, as (perm, object, group names)."""
    if orgaan.regio_id:
        return [
            ("besturen.view_besloten_orgaan", orgaan, groups(orgaan, ALLE_ROLLEN)),
            ("besturen.comment_orgaan", orgaan, groups(orgaan, ACTIEVE_ROLLEN)),
            ("besturen.view_besloten_regio", orgaan.regio, groups(orgaan, ALLE_ROLLEN)),
            ("besturen.manage_regio", orgaan.regio, groups(orgaan, [Rol.SECRETARIS])),
        ]
    grants = [
        ("besturen.view_besloten_orgaan", orgaan, groups(orgaan, ALLE_ROLLEN)),
        ("besturen.comment_orgaan", orgaan, groups(orgaan, ACTIEVE_ROLLEN)),
        ("besturen.manage_leden_orgaan", orgaan, groups(orgaan, [Rol.SECRETARIS])),
    ]
    return (
        grants  # a council's view_besloten_regio follows its Bestuur's region memberships: sync_regio_rechten
    )


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def is_platform_admin(user):
    return _active(user) and user.is_superuser


def is_privileged(user):
    """Needs two-factor authentication and the short idle timeout (settings.PRIVILEGED_USER names this): the
    platform administrator and every region's secretariat (manage_regio on a region through the user's own or
    role groups' object permissions). Asked once at login; the session keeps the answer."""
    if not _active(user):
        return False
    return (
        user.is_superuser
        or get_objects_for_user(
            user, "besturen.manage_regio", Regio, accept_global_perms=False, with_superuser=False
        ).exists()
    )


# --- "Only X": the office itself, never the platform administrator --------------------------------------------
#
# `user.has_perm(perm, obj)` (and guardian's ObjectPermissionChecker and get_objects_for_user without
# with_superuser=False) says yes to every active superuser. Platform administration may rely on that; a rule that
# says "only X" may not, and asks these instead. See docs/rollen.md, "Platform administrator".


def holds_perm(user, perm, obj):
    """`perm` on `obj` through the user's own or their role groups' object permissions; no superuser bypass. Asked
    once per user and object within a request (`regioportaal.permissions.object_perms`)."""
    if not _active(user):
        return False
    return perm.split(".", 1)[-1] in object_perms(user, obj)


def _has_perm(user, perm, obj):
    """`user.has_perm(perm, obj)` as guardian's backend answers it (an active superuser holds everything; otherwise
    the user's own and their role groups' object permissions; a global permission does not count for an object), with
    the object's permissions read once per request (`object_perms`)."""
    return _active(user) and (user.is_superuser or holds_perm(user, perm, obj))


def is_regio_secretariaat(user, regio):
    """The region's own secretariat (`secretaris` in one of its bodies); not the platform administrator."""
    return holds_perm(user, "besturen.manage_regio", regio)


def is_secretariaat(user, orgaan):
    """The body's own secretariat: the region's for a regional body, the secretary for a body of a Bestuur."""
    if orgaan.regio_id:
        return is_regio_secretariaat(user, orgaan.regio)
    return holds_perm(user, "besturen.manage_leden_orgaan", orgaan)


def is_lid_of_secretariaat(user, orgaan):
    """A member of the body in any role, or its own secretariat; not the platform administrator."""
    return holds_perm(user, "besturen.view_besloten_orgaan", orgaan) or is_secretariaat(user, orgaan)


def heeft_rol_in_regio(user, regio):
    """A role in one of the region's bodies or in a current member's council, or its secretariat; not the platform
    administrator (who reads the region without holding a role in it)."""
    return holds_perm(user, "besturen.view_besloten_regio", regio) or is_regio_secretariaat(user, regio)


# --- Platform administration and reading: the platform administrator passes ------------------------------------


# --- The same three rules for a whole list at once (the work list) ----------------------------------------------

MANAGE_REGIO = "besturen.manage_regio"
MANAGE_LEDEN_ORGAAN = "besturen.manage_leden_orgaan"
VIEW_BESLOTEN_ORGAAN = "besturen.view_besloten_orgaan"
VIEW_BESLOTEN_REGIO = "besturen.view_besloten_regio"


def rollen_van(user):
    """What `is_secretariaat`, `is_lid_of_secretariaat` and `heeft_rol_in_regio` read, for every region and body at
    once: the ids per permission (one query; no superuser shortcut, as those rules)."""
    if not _active(user):
        return {
            perm: set()
            for perm in (MANAGE_REGIO, MANAGE_LEDEN_ORGAAN, VIEW_BESLOTEN_ORGAAN, VIEW_BESLOTEN_REGIO)
        }
    return held_ids(
        user,
        (MANAGE_REGIO, Regio),
        (MANAGE_LEDEN_ORGAAN, Orgaan),
        (VIEW_BESLOTEN_ORGAAN, Orgaan),
        (VIEW_BESLOTEN_REGIO, Regio),
    )


def secretariaat_q(rollen, prefix=""):
    """`is_secretariaat` as a filter on bodies (`prefix`: the path from the filtered model to its body, "orgaan__")."""
    return Q(**{f"{prefix}regio__in": rollen[MANAGE_REGIO]}) | Q(
        **{f"{prefix}regio__isnull": True, f"{prefix}pk__in": rollen[MANAGE_LEDEN_ORGAAN]}
    )


def lid_of_secretariaat_q(rollen, prefix=""):
    """`is_lid_of_secretariaat` as a filter on bodies."""
    return secretariaat_q(rollen, prefix) | Q(**{f"{prefix}pk__in": rollen[VIEW_BESLOTEN_ORGAAN]})


_REGIO_KOLOM = Orgaan._meta.get_field("regio").column
_PK_KOLOM = Orgaan._meta.pk.column


def secretariaat_sql(rollen, alias):
    """`secretariaat_q` as a condition of a written-out query on bodies (the Orgaan table under `alias`): (sql,
    params). The lists are sorted (`sqlrijen.in_lijst`: the text depends on their lengths only); an empty one matches
    nothing, as the ORM's `__in=[]`."""
    beheer, beheer_params = sqlrijen.in_lijst(f"{alias}.{_REGIO_KOLOM}", sorted(rollen[MANAGE_REGIO]))
    raden, raden_params = sqlrijen.in_lijst(f"{alias}.{_PK_KOLOM}", sorted(rollen[MANAGE_LEDEN_ORGAAN]))
    return f"({beheer} OR ({alias}.{_REGIO_KOLOM} IS NULL AND {raden}))", [*beheer_params, *raden_params]


def lid_of_secretariaat_sql(rollen, alias):
    """`lid_of_secretariaat_q` as a condition of a written-out query on bodies (as `secretariaat_sql`)."""
    secretariaat, params = secretariaat_sql(rollen, alias)
    organen, organen_params = sqlrijen.in_lijst(f"{alias}.{_PK_KOLOM}", sorted(rollen[VIEW_BESLOTEN_ORGAAN]))
    return f"({secretariaat} OR {organen})", [*params, *organen_params]


def regios_met_rol(rollen):
    """`heeft_rol_in_regio` as a set of region ids."""
    return rollen[VIEW_BESLOTEN_REGIO] | rollen[MANAGE_REGIO]


def can_manage_regio(user, regio):
    """Regional secretariat (or platform administrator): bodies, memberships, invitations, action log."""
    return _active(user) and _has_perm(user, "besturen.manage_regio", regio)


def can_view_besloten_regio(user, regio):
    return _active(user) and (
        _has_perm(user, "besturen.view_besloten_regio", regio) or can_manage_regio(user, regio)
    )


def can_manage_orgaan(user, orgaan):
    """Change a body and its memberships: the region's secretariat, or the secretary of a council."""
    if not _active(user):
        return False
    if orgaan.regio_id:
        return can_manage_regio(user, orgaan.regio)
    return _has_perm(user, "besturen.manage_leden_orgaan", orgaan)


can_edit_orgaan = can_manage_orgaan


def can_create_orgaan(user, regio):
    return can_manage_regio(user, regio)


def can_view_besloten_orgaan(user, orgaan):
    return _active(user) and (
        _has_perm(user, "besturen.view_besloten_orgaan", orgaan) or can_manage_orgaan(user, orgaan)
    )


def can_view_stuk(user, stuk):
    if stuk.zichtbaarheid == Zichtbaarheid.OPENBAAR:
        return True
    if can_view_besloten_orgaan(user, stuk.orgaan):
        return True
    return (
        stuk.zichtbaarheid == Zichtbaarheid.REGIO
        and stuk.orgaan.regio_id is not None
        and can_view_besloten_regio(user, stuk.orgaan.regio)
    )


def can_add_stuk(user, orgaan):
    return can_manage_orgaan(user, orgaan)


def can_comment_stuk(user, stuk):
    """Only the body's members (every role except `waarnemer`) and its secretariat take part in its discussion.

    The platform administrator reads every item but does not comment: a comment speaks as a member of the body.
    """
    return (
        _active(user)
        and can_view_stuk(user, stuk)
        and (holds_perm(user, "besturen.comment_orgaan", stuk.orgaan) or is_secretariaat(user, stuk.orgaan))
    )


def can_view_actionlog(user, regio):
    return can_manage_regio(user, regio)


def manageable_organen(user):
    """Bodies the user may manage, as a queryset usable in a subquery."""
    if not _active(user):
        return Orgaan.objects.none()
    if user.is_superuser:
        return Orgaan.objects.all()
    regios = get_objects_for_user(user, "besturen.manage_regio", Regio, accept_global_perms=False)
    raden = get_objects_for_user(user, "besturen.manage_leden_orgaan", Orgaan, accept_global_perms=False)
    return Orgaan.objects.filter(Q(regio__in=regios) | Q(pk__in=raden))


def can_invite(user, persoon):
    """Invite a person to an account: whoever manages a body the person has a seat in."""
    return (
        _active(user)
        and Lidmaatschap.objects.filter(persoon=persoon, orgaan__in=manageable_organen(user)).exists()
    )


def besloten_organen_q(user, prefix=""):
    """A filter on items (Stuk) for the non-public ones `user` may read; one SQL query with subqueries."""
    if not _active(user):
        return Q(pk__in=[])
    if user.is_superuser:
        return Q(**{f"{prefix}pk__isnull": False})  # Q() would vanish when OR-ed with the public items
    orgaan_view = get_objects_for_user(
        user, "besturen.view_besloten_orgaan", Orgaan, accept_global_perms=False
    )
    regio_view = get_objects_for_user(user, "besturen.view_besloten_regio", Regio, accept_global_perms=False)
    return (
        Q(**{f"{prefix}orgaan__in": orgaan_view})
        | Q(**{f"{prefix}orgaan__in": manageable_organen(user)})
        | Q(**{f"{prefix}zichtbaarheid": Zichtbaarheid.REGIO, f"{prefix}orgaan__regio__in": regio_view})
    )


def regios_met_regionale_rol(user):
    """Regions in whose own bodies the user holds a role, or which they manage (not: council seats only)."""
    if not _active(user):
        return Regio.objects.none()
    if user.is_superuser:
        return Regio.objects.all()
    organen = get_objects_for_user(user, "besturen.view_besloten_orgaan", Orgaan, accept_global_perms=False)
    beheer = get_objects_for_user(user, "besturen.manage_regio", Regio, accept_global_perms=False)
    return Regio.objects.filter(
        Q(pk__in=organen.filter(regio__isnull=False).values("regio")) | Q(pk__in=beheer)
    )


def heeft_regionale_rol(user, regio):
    """Whether `user` holds a role in the region's own bodies (`view_besloten_orgaan` on one of them), is its
    secretariat (`manage_regio`), or is the platform administrator: `regio` is among `regios_met_regionale_rol(user)`.
    Such a reader sees the region's non-public pieces that its role opens (unpublished opgaven, closed items and
    meeting documents of their bodies); the councils of its members and the public do not.

    Read from the user's regional roles (`regiokeuze.regionale_rollen`: the region's permissions and the regions of
    their bodies, one query kept for the rest of a GET or HEAD request with what the region's permissions and the
    switcher ask; none for a visitor or the platform administrator)."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    rollen = regionale_rollen(user)
    return regio.pk in rollen.organen or _MANAGE_REGIO_CODENAME in rollen.rechten.get(regio.pk, ())


_MANAGE_REGIO_CODENAME = MANAGE_REGIO.split(".", 1)[1]


def regios_of(user):
    """Regions in which the user holds any role (for the region switcher)."""
    if not _active(user):
        return Regio.objects.none()
    if user.is_superuser:
        return Regio.objects.all()
    return get_objects_for_user(
        user,
        ["besturen.view_besloten_regio", "besturen.manage_regio"],
        Regio,
        any_perm=True,
        accept_global_perms=False,
    )


def require_manage_orgaan(user, orgaan):
    if is_system(user):
        return
    if not can_manage_orgaan(user, orgaan):
        raise NotAllowed(_("U mag de leden van %(orgaan)s niet beheren.") % {"orgaan": orgaan})


def require_manage_regio(user, regio):
    if is_system(user):
        return
    if not can_manage_regio(user, regio):
        raise NotAllowed(_("U mag %(regio)s niet beheren.") % {"regio": regio})


def require_platform_admin(user):
    if is_system(user):
        return
    if not is_platform_admin(user):
        raise NotAllowed(_("Alleen een platformbeheerder mag dit."))
