"""Permission plumbing shared by every app: granting object permissions to role groups, with an audit entry.

Apps decide *who* may do *what* in their own permissions.py; this module only does the granting and the refusing.
"""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from guardian.shortcuts import assign_perm, remove_perm

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
