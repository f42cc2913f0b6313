"""Permission plumbing shared by every app: granting object permissions to role groups, with an audit entry, and
reading in one query which objects a user holds permissions on (`held_ids`).

Apps decide *who* may do *what* in their own permissions.py; this module only does the granting, the reading and the
refusing.
"""

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Value
from guardian.shortcuts import assign_perm, remove_perm
from guardian.utils import get_group_obj_perms_model, get_user_obj_perms_model

from .audit import log_action


class NotAllowed(PermissionDenied):
    """A service refused an action: the message says what and why, in the user's language."""


def require(allowed, message):
    """Raise NotAllowed with `message` unless `allowed`."""
    if not allowed:
        raise NotAllowed(message)


def is_system(actor):
    """The system itself (management commands, the demo, Celery beat) acts without a user."""
    return actor is None


def grant(perm, group_names, obj, *, door=None, reden="", scope=""):
    """Grant `perm` on `obj` to the groups named (created when missing), in bulk, and log it."""
    if not group_names:
        return
    groups = [Group.objects.get_or_create(name=name)[0] for name in group_names]
    assign_perm(perm, Group.objects.filter(pk__in=[g.pk for g in groups]), obj)
    log_action(door, "recht toegekend", obj, {"recht": perm, "groepen": sorted(group_names)}, reden, scope)


def revoke(perm, group_names, obj, *, door=None, reden="", scope=""):
    """Withdraw `perm` on `obj` from the groups named, and log it."""
    groups = Group.objects.filter(name__in=group_names)
    if not groups:
        return
    remove_perm(perm, groups, obj)
    log_action(door, "recht ingetrokken", obj, {"recht": perm, "groepen": sorted(group_names)}, reden, scope)


def held_ids(user, *wanted):
    """Per `("app.codename", Model)` in `wanted`, the ids of the objects on which `user` holds that
    permission through their own or their role groups' object permissions, with no superuser shortcut (as guardian's
    `get_objects_for_user(..., accept_global_perms=False, with_superuser=False)`): {"app.codename": set of ids}, one
    query for all. Only for the request at hand: never keep the answer."""
    delen = []
    for perm, model in wanted:
        codename = perm.split(".", 1)[1]
        ctype = ContentType.objects.get_for_model(model)
        for klasse, wie in (
            (get_user_obj_perms_model(model), {"user": user}),
            (get_group_obj_perms_model(model), {"group__user": user}),
        ):
            veld = "object_pk" if klasse.objects.is_generic() else "content_object_id"
            delen.append(
                klasse.objects.filter(permission__content_type=ctype, permission__codename=codename, **wie)
                .annotate(perm=Value(perm, output_field=CharField()))
                .values_list("perm", veld)
                .order_by()
            )
    uit = {perm: set() for perm, _ in wanted}
    if delen:
        for perm, pk in delen[0].union(*delen[1:], all=True):
            uit[perm].add(int(pk))
    return uit
