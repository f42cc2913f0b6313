"""What every opgaven service shares: the one guard and the save that writes the action-log entry."""

from besturen.services import regio_scope
from regioportaal.audit import diff, log_action, snapshot
from regioportaal.permissions import is_system


def _guard(policy, door, action, obj):
    """The one guard of a service: the policy's answer for a user; the system (`door=None`) acts as it says."""
    if not is_system(door):
        policy.require(door, action, obj)


def _save(instance, door, actie, fields, regio, before=None, reden=""):
    instance.full_clean()
    instance.save()
    after = snapshot(instance, fields)
    changes = diff(before, after) if before is not None else after
    if before is None or changes:
        log_action(door, actie, instance, changes, reden, regio_scope(regio))
    return instance
