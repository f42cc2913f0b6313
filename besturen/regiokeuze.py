"""The user's regional roles, read once per request, and the region switcher in the header, on every page of a
logged-in user: its list comes from the cache.

`regionale_rollen` reads in one query every region on which the user holds a permission through their own or their
role groups' object permissions (with its codenames, slug and name) and the regions in whose bodies they hold
`view_besloten_orgaan`: what `object_perms` answers for regions, what `heeft_regionale_rol` asks and what the
switcher lists. Within a GET or HEAD request it is kept in the request's memo (`regioportaal.permissions`), which
every change to a role group or an object permission empties; it holds rows only, with no superuser shortcut and no
test of the account: the rules that read it decide what a superuser or an inactive account gets.

The switcher's cache key carries a generation that every change to who holds a role where (memberships synced into
role groups, region rights synced to groups, a group, a region or a region permission saved or deleted) replaces, both
at once and again when the transaction commits (a request that read the old rows in between cached them under the
generation the commit replaces). The roles kept in a request were read after the generation they carry: the switcher
looks up and stores its list under that one, never under a later one that their rows may predate. A changed
membership shows in the switcher on the next request. Without the cache (Redis down) the switcher asks the database,
and a write whose new generation could not be stored is forgotten anyway when the entries expire (BEWAARTIJD)."""

import logging
from typing import NamedTuple
from uuid import uuid4

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from regioportaal.dbrouter import primary_reads
from regioportaal.permissions import forget_object_perms, read_per_user, request_memo

from .models import (
    Orgaan,
    OrgaanGroupObjectPermission,
    OrgaanUserObjectPermission,
    Regio,
    RegioGroupObjectPermission,
    RegioUserObjectPermission,
)

logger = logging.getLogger(__name__)

GENERATIE = "besturen:mijn_regios:generatie"
BEWAARTIJD = 10 * 60  # seconds; only matters when a new generation could not be stored

# besturen.permissions' names for them (which imports this module)
MANAGE_REGIO = "manage_regio"
VIEW_BESLOTEN_REGIO = "view_besloten_regio"
VIEW_BESLOTEN_ORGAAN = "view_besloten_orgaan"
_KEUZE_RECHTEN = frozenset({MANAGE_REGIO, VIEW_BESLOTEN_REGIO})


class Keuze(NamedTuple):
    """One region in the switcher: what the header shows of it (its slug and name)."""

    pk: int
    slug: str
    naam: str


class Rollen(NamedTuple):
    """What one user holds in the regions (rows only: see the module docstring)."""

    #: the switcher's generation, read before the rows; None: not read, or no cache keeps it (or it is down)
    generatie: object
    #: region id -> frozenset of the codenames held on it
    rechten: dict
    #: Keuze of the regions with view_besloten_regio or manage_regio, by name: the switcher's list
    keuzes: tuple
    #: ids of the regions in one of whose bodies the user holds view_besloten_orgaan
    organen: frozenset


_NIET_GELEZEN = object()


def regionale_rollen(user, generatie=_NIET_GELEZEN):
    """The regional roles of `user` (an account with a pk): one query, kept for the rest of a GET or HEAD request.
    Kept, they carry the switcher's generation read just before them (`generatie`: one the caller read just before)."""
    memo = request_memo()
    if memo is None:
        return _lees(user, None if generatie is _NIET_GELEZEN else generatie)
    rollen = memo.get(_sleutel(user))
    if rollen is None:
        rollen = memo[_sleutel(user)] = _lees(
            user, _generatie_of_niets() if generatie is _NIET_GELEZEN else generatie
        )
    return rollen


def _sleutel(user):
    return ("regionale_rollen", user.pk)


def _lees(user, generatie):
    rechten, keuzes, organen = {}, [], set()
    ctype = ContentType.objects.get_for_model(Regio).pk
    # On the primary (`connection`, as object_perms): the switcher caches these rows under the generation.
    with connection.cursor() as cursor:
        cursor.execute(
            _sql(),
            [user.pk, ctype, user.pk, ctype, user.pk, VIEW_BESLOTEN_ORGAAN, user.pk, VIEW_BESLOTEN_ORGAAN],
        )
        rijen = cursor.fetchall()
    gezien = set()
    for pk, slug, naam, codename in rijen:  # by the region's name, as the switcher lists them
        if codename is None:
            organen.add(pk)
            continue
        rechten.setdefault(pk, set()).add(codename)
        if codename in _KEUZE_RECHTEN and pk not in gezien:
            gezien.add(pk)
            keuzes.append(Keuze(pk, slug, naam))
    return Rollen(
        generatie, {pk: frozenset(c) for pk, c in rechten.items()}, tuple(keuzes), frozenset(organen)
    )


def _regio_rechten(user):
    """`object_perms` for a region within a GET or HEAD request (`read_per_user`)."""
    return regionale_rollen(user).rechten


def _generatie_of_niets():
    """The switcher's generation (made when missing); None when the cache keeps nothing or is down."""
    try:
        return _generatie()
    except Exception:
        logger.warning("region switcher without cache", exc_info=True)
        return None


def _generatie():
    generatie = cache.get(GENERATIE)
    if generatie is None:
        cache.add(GENERATIE, uuid4().hex, None)
        generatie = cache.get(GENERATIE)
    return generatie


def regios_voor(user):
    if user is None or not user.is_authenticated:
        return []
    rollen = None
    if user.is_active and not user.is_superuser:
        memo = request_memo()
        rollen = memo.get(_sleutel(user)) if memo is not None else None
        if (
            rollen is not None and rollen.generatie is None
        ):  # no cache keeps them (or it is down): the rows answer
            return list(rollen.keuzes)
    try:
        generatie = _generatie() if rollen is None else rollen.generatie
        key = f"besturen:mijn_regios:{generatie}:{user.pk}:{int(user.is_superuser)}:{int(user.is_active)}"
        regios = cache.get(key)
    except Exception:  # the cache is down: the database answers
        logger.warning("region switcher without cache", exc_info=True)
        return _query(user, None) if rollen is None else list(rollen.keuzes)
    if regios is None:
        regios = _query(user, generatie) if rollen is None else list(rollen.keuzes)
        try:
            cache.set(key, regios, BEWAARTIJD)
        except Exception:
            logger.warning("region switcher without cache", exc_info=True)
    return regios


def _query(user, generatie):
    """The switcher's list read from the database, after `generatie` (kept with the roles in a GET or HEAD request)."""
    # `besturen.permissions.regios_of` (which imports this module) for an inactive account and the platform
    # administrator: no region, and every region.
    if not user.is_active:
        return []
    if user.is_superuser:
        # Cached under the current generation: never read from a replica that may lag behind it.
        with primary_reads():
            return list(Regio.objects.order_by("naam"))
    # `regios_of` for everyone else (guardian's `get_objects_for_user` on either permission, through the user's own
    # or their groups' object permissions, no global permissions), from the roles' one written-out query: built by
    # the ORM it costs milliseconds of Python on every logged-in page. Its rows are read as they are (`Keuze`: no
    # model instances).
    return list(regionale_rollen(user, generatie).keuzes)


_SQL = []


def _sql():
    """Per region the user holds something in, by its name: (id, slug, name, codename) of each permission held on it
    through their own or their groups' object permissions, and (id, slug, name, NULL) for each body of it on which
    they hold `view_besloten_orgaan`; parameters: (user id, Regio's content type id) twice, then (user id, that
    codename) twice. Every part starts from the user's own rows (their object permissions, their groups): the rows
    grow with their roles, never with the data."""
    if not _SQL:
        qn = connection.ops.quote_name

        def kolom(model, veld):
            return qn(model._meta.get_field(veld).column)

        through = get_user_model().groups.through
        ug = {f.related_model: qn(f.column) for f in through._meta.fields if f.related_model}
        ug_join = f"INNER JOIN {qn(through._meta.db_table)} ug ON ug.{ug[Group]} = x.{{groep}} "
        rechten = qn(Permission._meta.db_table)
        delen = []
        for klasse, groep in (
            (RegioUserObjectPermission, False),
            (RegioGroupObjectPermission, True),
            (OrgaanUserObjectPermission, False),
            (OrgaanGroupObjectPermission, True),
        ):
            orgaan = klasse in (OrgaanUserObjectPermission, OrgaanGroupObjectPermission)
            regio = f"o.{kolom(Orgaan, 'regio')}" if orgaan else f"x.{kolom(klasse, 'content_object')}"
            sql = (
                f"SELECT {regio} AS regio, {'NULL' if orgaan else 'p.codename'} AS codename "
                f"FROM {qn(klasse._meta.db_table)} x "
                f"INNER JOIN {rechten} p ON p.id = x.{kolom(klasse, 'permission')} "
            )
            if orgaan:
                sql += (
                    f"INNER JOIN {qn(Orgaan._meta.db_table)} o "
                    f"ON o.{kolom(Orgaan, 'id')} = x.{kolom(klasse, 'content_object')} "
                )
            if groep:
                sql += ug_join.format(groep=kolom(klasse, "group"))
                sql += f"WHERE ug.{ug[get_user_model()]} = %s "
            else:
                sql += f"WHERE x.{kolom(klasse, 'user')} = %s "
            sql += "AND p.codename = %s" if orgaan else "AND p.content_type_id = %s"
            delen.append(sql)
        _SQL.append(
            f"SELECT r.{kolom(Regio, 'id')}, r.{kolom(Regio, 'slug')}, r.{kolom(Regio, 'naam')}, q.codename "
            f"FROM {qn(Regio._meta.db_table)} r INNER JOIN ({' UNION ALL '.join(delen)}) q "
            f"ON q.regio = r.{kolom(Regio, 'id')} ORDER BY r.{kolom(Regio, 'naam')}"
        )
    return _SQL[0]


def forget_mijn_regios():
    """Every user's switcher is read afresh: now, and once more when the current transaction commits (and the
    request's roles, for the bulk writes that call this)."""
    forget_object_perms()
    _new_generation()
    transaction.on_commit(_new_generation)


def _new_generation():
    try:
        cache.set(GENERATIE, uuid4().hex, None)
    except Exception:  # never fail the write; the entries expire within BEWAARTIJD
        logger.warning("region switcher generation not replaced", exc_info=True)


def _on_change(sender, **kwargs):
    forget_mijn_regios()


def _on_orgaan_change(sender, **kwargs):
    forget_object_perms()  # a body's region: which regions the roles in its body count for


def _on_groups_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        forget_mijn_regios()


def connect_signals():
    """Saves and deletes one at a time (the admin, the services); bulk writes call forget_mijn_regios themselves. And
    `object_perms` answers for regions from the request's roles."""
    read_per_user(Regio, _regio_rechten)
    post_save.connect(_on_orgaan_change, sender=Orgaan, dispatch_uid="regionale_rollen_save_Orgaan")
    post_delete.connect(_on_orgaan_change, sender=Orgaan, dispatch_uid="regionale_rollen_delete_Orgaan")
    for model in (Regio, RegioUserObjectPermission, RegioGroupObjectPermission, Group):
        post_save.connect(_on_change, sender=model, dispatch_uid=f"mijn_regios_save_{model.__name__}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"mijn_regios_delete_{model.__name__}")
    m2m_changed.connect(
        _on_groups_changed, sender=get_user_model().groups.through, dispatch_uid="mijn_regios_groups"
    )
