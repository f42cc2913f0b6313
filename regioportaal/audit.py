"""The action log service: every write in a service ends with one `log_action` call."""

import datetime
import decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import ActionLog


def _plain(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def snapshot(instance, fields):
    """Return the values of `fields` on `instance` in a form the log can store."""
    return {name: _plain(getattr(instance, name)) for name in fields}


def diff(before, after):
    """Return {field: [old, new]} for every field whose value changed."""
    return {name: [before.get(name), value] for name, value in after.items() if before.get(name) != value}


def log_action(actor, actie, obj, wijzigingen=None, reden="", scope=""):
    """Record that `actor` (a user or None for the system) did `actie` to `obj`, readable within `scope`.

    `actie` is an event type of the app's `gebeurtenissen.py` (the member or its string); the log pages read it as a
    sentence, and tests/test_gebeurtenissen.py fails on a string no app declares."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return ActionLog.objects.create(
        actor=actor,
        actie=actie,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        wijzigingen={key: _plain(value) for key, value in (wijzigingen or {}).items()},
        reden=reden,
        scope=scope,
    )
