"""The region switcher in the header, on every page of a logged-in user: its list comes from the cache.

The cache key carries a generation that every change to who holds a role where (memberships synced into role groups,
region rights synced to groups, a group, a region or a region permission saved or deleted) replaces, both at once
and again when the transaction commits (a request that read the old rows in between cached them under the
generation the commit replaces). A changed membership shows in the switcher on the next request. Without the cache
(Redis down) the switcher asks the database, and a write whose new generation could not be stored is forgotten
anyway when the entries expire (BEWAARTIJD)."""

import logging
from typing import NamedTuple
from uuid import uuid4

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, connections, router, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from regioportaal.dbrouter import primary_reads

from .models import Regio, RegioGroupObjectPermission, RegioUserObjectPermission
from .permissions import MANAGE_REGIO, VIEW_BESLOTEN_REGIO, regios_of

logger = logging.getLogger(__name__)

GENERATIE = "besturen:mijn_regios:generatie"
BEWAARTIJD = 10 * 60  # seconds; only matters when a new generation could not be stored


class Keuze(NamedTuple):
    """One region in the switcher: what the header shows of it (its slug and name)."""

    pk: int
    slug: str
    naam: str


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
        if not user.is_active or user.is_superuser:
            return list(regios_of(user).order_by("naam"))
        # `regios_of` for everyone else (guardian's `get_objects_for_user` on either permission, through the user's
        # own or their groups' object permissions, no global permissions), as one written-out query: built by the
        # ORM it costs milliseconds of Python on every logged-in page. Its rows are read as they are (`Keuze`: no
        # raw queryset and model instances, a sixth of a millisecond on every page of a user without the cache).
        ctype = ContentType.objects.get_for_model(Regio).pk
        codenames = [perm.split(".", 1)[1] for perm in (VIEW_BESLOTEN_REGIO, MANAGE_REGIO)]
        with connections[router.db_for_read(Regio)].cursor() as cursor:
            cursor.execute(_sql(), [user.pk, ctype, *codenames, user.pk, ctype, *codenames])
            return [Keuze._make(row) for row in cursor.fetchall()]


_SQL = []


def _sql():
    """The regions on which one user holds either permission, by name, with the columns of `Keuze` (no `*`, whose
    plan a prepared statement could not keep across a new column); parameters: (user id, content type id, the two
    codenames) twice, for their own and their groups' object permissions."""
    if not _SQL:
        qn = connection.ops.quote_name

        def kolom(model, veld):
            return qn(model._meta.get_field(veld).column)

        through = get_user_model().groups.through
        ug = {f.related_model: qn(f.column) for f in through._meta.fields if f.related_model}
        rechten = qn(Permission._meta.db_table)
        eigen, groep = RegioUserObjectPermission, RegioGroupObjectPermission
        _SQL.append(
            f"SELECT r.{kolom(Regio, 'id')}, r.{kolom(Regio, 'slug')}, r.{kolom(Regio, 'naam')} "
            f"FROM {qn(Regio._meta.db_table)} r WHERE r.{kolom(Regio, 'id')} IN ("
            f"SELECT x.{kolom(eigen, 'content_object')} FROM {qn(eigen._meta.db_table)} x "
            f"INNER JOIN {rechten} p ON p.id = x.{kolom(eigen, 'permission')} "
            f"WHERE x.{kolom(eigen, 'user')} = %s AND p.content_type_id = %s AND p.codename IN (%s, %s) "
            f"UNION ALL SELECT x.{kolom(groep, 'content_object')} FROM {qn(groep._meta.db_table)} x "
            f"INNER JOIN {rechten} p ON p.id = x.{kolom(groep, 'permission')} "
            f"INNER JOIN {qn(through._meta.db_table)} ug ON ug.{ug[Group]} = x.{kolom(groep, 'group')} "
            f"WHERE ug.{ug[get_user_model()]} = %s AND p.content_type_id = %s AND p.codename IN (%s, %s)"
            f") ORDER BY r.{kolom(Regio, 'naam')}"
        )
    return _SQL[0]


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
