"""The region switcher in the header, on every page of a logged-in user: its list comes from the cache.

The cache key carries a generation that every change to who holds a role where (memberships synced into role groups,
region rights synced to groups, a group, a region or a region permission saved or deleted) replaces, both at once
and again when the transaction commits (a request that read the old rows in between cached them under the
generation the commit replaces). A changed membership shows in the switcher on the next request. Without the cache
(Redis down) the switcher asks the database, and a write whose new generation could not be stored is forgotten
anyway when the entries expire (BEWAARTIJD)."""

import logging
from uuid import uuid4

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from regioportaal.dbrouter import primary_reads

from .models import Regio, RegioGroupObjectPermission, RegioUserObjectPermission
from .permissions import regios_of

logger = logging.getLogger(__name__)

GENERATIE = "besturen:mijn_regios:generatie"
BEWAARTIJD = 10 * 60  # seconds; only matters when a new generation could not be stored


def regios_voor(user):
    if user is None or not user.is_authenticated:
        return []
    try:
        generatie = cache.get(GENERATIE)
        if generatie is None:
            cache.add(GENERATIE, uuid4().hex, None)
            generatie = cache.get(GENERATIE)
        key = f"besturen:mijn_regios:{generatie}:{user.pk}:{int(user.is_superuser)}:{int(user.is_active)}"
        regios = cache.get(key)
    except Exception:  # the cache is down: the database answers
        logger.warning("region switcher without cache", exc_info=True)
        return _query(user)
    if regios is None:
        regios = _query(user)
        try:
            cache.set(key, regios, BEWAARTIJD)
        except Exception:
            logger.warning("region switcher without cache", exc_info=True)
    return regios


def _query(user):
    # Cached under the current generation: never read from a replica that may lag behind it.
    with primary_reads():
        return list(regios_of(user).order_by("naam"))


def forget_mijn_regios():
    """Every user's switcher is read afresh: now, and once more when the current transaction commits."""
    _new_generation()
    transaction.on_commit(_new_generation)


def _new_generation():
    try:
        cache.set(GENERATIE, uuid4().hex, None)
    except Exception:  # never fail the write; the entries expire within BEWAARTIJD
        logger.warning("region switcher generation not replaced", exc_info=True)


def _on_change(sender, **kwargs):
    forget_mijn_regios()


def _on_groups_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        forget_mijn_regios()


def connect_signals():
    """Saves and deletes one at a time (the admin, the services); bulk writes call forget_mijn_regios themselves."""
    for model in (Regio, RegioUserObjectPermission, RegioGroupObjectPermission, Group):
        post_save.connect(_on_change, sender=model, dispatch_uid=f"mijn_regios_save_{model.__name__}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"mijn_regios_delete_{model.__name__}")
    m2m_changed.connect(
        _on_groups_changed, sender=get_user_model().groups.through, dispatch_uid="mijn_regios_groups"
    )
