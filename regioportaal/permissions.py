"""Permission plumbing shared by every app: granting object permissions to role groups, with an audit entry, and
reading in one query which objects a user holds permissions on (`held_ids`) or which permissions a user holds on one
object (`object_perms`).

Apps decide *who* may do *what* in their own permissions.py; this module only does the granting, the reading and the
refusing.

`object_perms` and `held_ids` keep their answers for the rest of the request, and only then: a memo that lives
from Django's `request_started` to `request_finished` (in this thread or task), for GET and HEAD requests only,
keyed by user and object (or question). A page that asks six times whether its reader manages the region asks the database once; the next request
starts empty, so a permission granted or taken away counts on the next request. Outside a request (services,
commands, Celery) and in requests that may write, nothing is kept; any change to a role group or an object permission
(`grant`, `revoke`, a save or delete of a guardian row, a user's groups changing) empties the memo at once. An app
may keep more of what depends on those rows in the same memo (`request_memo`), and answer `object_perms` for one of
its models from a read of all that user's objects at once (`read_per_user`).
"""

from contextvars import ContextVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.signals import got_request_exception, request_finished, request_started
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
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
    forget_object_perms()
    log_action(door, "recht toegekend", obj, {"recht": perm, "groepen": sorted(group_names)}, reden, scope)


def revoke(perm, group_names, obj, *, door=None, reden="", scope=""):
    """Withdraw `perm` on `obj` from the groups named, and log it."""
    groups = Group.objects.filter(name__in=group_names)
    if not groups:
        return
    remove_perm(perm, groups, obj)
    forget_object_perms()
    log_action(door, "recht ingetrokken", obj, {"recht": perm, "groepen": sorted(group_names)}, reden, scope)


def held_ids(user, *wanted):
    """Per `("app.codename", Model)` in `wanted`, the ids of the objects on which `user` holds that
    permission through their own or their role groups' object permissions, with no superuser shortcut (as guardian's
    `get_objects_for_user(..., accept_global_perms=False, with_superuser=False)`): {"app.codename": set of ids}, one
    query for all, asked once per user and question within a GET or HEAD request (as `object_perms`). Only for the
    request at hand: never keep the answer."""
    memo = _memo.get()
    key = ("held_ids", user.pk, tuple((perm, model._meta.label) for perm, model in wanted))
    if memo is not None and key in memo:
        return {perm: set(ids) for perm, ids in memo[key].items()}
    delen, params, perms = [], [], {}
    for perm, model in wanted:
        codename = perm.split(".", 1)[1]
        ctype = ContentType.objects.get_for_model(model)
        perms[ctype.pk, codename] = perm
        for groep in (False, True):
            sql, generiek = _select(model, groep)
            delen.append(f"{sql} AND p.codename = %s")
            params += [user.pk, ctype.pk, *([ctype.pk] if generiek else []), codename]
    uit = {perm: set() for perm, _ in wanted}
    if delen:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(delen), params)
            for ctype_id, codename, pk in cursor.fetchall():
                uit[perms[ctype_id, codename]].add(int(pk))
    if memo is not None:
        memo[key] = {perm: frozenset(ids) for perm, ids in uit.items()}
    return uit


# --- The SQL of both: written out once per model, not built by the ORM on every call ------------------------------
#
# Both run on every logged-in page, often more than once; as ORM unions (eight querysets for the work list's four
# permissions) they cost some 15 ms of Python per call to build and compile, against well under a millisecond in the
# database.

_sql_cache = {}


def _objectmodel(model, groep):
    return get_group_obj_perms_model(model) if groep else get_user_obj_perms_model(model)


def _kolom_object(model, groep):
    klasse = _objectmodel(model, groep)
    veld = "object_pk" if klasse.objects.is_generic() else "content_object_id"
    return connection.ops.quote_name(klasse._meta.get_field(veld).column)


def _select(model, groep):
    """(SQL, generic) selecting (content type id, codename, object id) of the object permissions on `model` one user
    holds directly (`groep` False) or through their groups; its parameters: the user's id, the content type's id, and
    for guardian's generic tables the content type's id once more. Conditions may be appended with AND."""
    key = (model._meta.label, groep)
    if key not in _sql_cache:
        qn = connection.ops.quote_name
        klasse = _objectmodel(model, groep)
        generiek = klasse.objects.is_generic()
        permissie = qn(klasse._meta.get_field("permission").column)
        sql = (
            f"SELECT p.content_type_id, p.codename, x.{_kolom_object(model, groep)} "
            f"FROM {qn(klasse._meta.db_table)} x INNER JOIN {qn(Permission._meta.db_table)} p ON p.id = x.{permissie} "
        )
        if groep:
            through = get_user_model().groups.through
            kolommen = {f.related_model: qn(f.column) for f in through._meta.fields if f.related_model}
            sql += (
                f"INNER JOIN {qn(through._meta.db_table)} ug ON ug.{kolommen[Group]} = "
                f"x.{qn(klasse._meta.get_field('group').column)} WHERE ug.{kolommen[get_user_model()]} = %s"
            )
        else:
            sql += f"WHERE x.{qn(klasse._meta.get_field('user').column)} = %s"
        sql += " AND p.content_type_id = %s"
        if generiek:
            sql += f" AND x.{qn(klasse._meta.get_field('content_type').column)} = %s"
        _sql_cache[key] = (sql, generiek)
    return _sql_cache[key]


# --- One object's permissions, kept for the rest of the request ----------------------------------------------------

_memo = ContextVar("regioportaal_object_perms", default=None)
_BEWAARDE_METHODEN = ("GET", "HEAD")


_GEEN = frozenset()
_lezers = {}


def read_per_user(model, reader):
    """Within a GET or HEAD request, `object_perms(user, obj)` for an instance of `model` answers from
    `reader(user)`: {pk: frozenset of codenames} of every such object on which the user holds a permission through
    their own or their role groups' object permissions (no superuser shortcut), which the app that registers it reads
    once per request together with more of what its pages ask (besturen: the user's regional roles, see
    `besturen.regiokeuze.regionale_rollen`; its rows are bounded by the user's own roles). Outside such a request
    `object_perms` asks its own query, as for every other model."""
    _lezers[model] = reader


def request_memo():
    """The memo of this GET or HEAD request (a dict, emptied whenever a role group or an object permission changes;
    see the module docstring), or None where nothing may be kept. Keys are tuples that start with the asker's name."""
    return _memo.get()


def object_perms(user, obj):
    """The codenames of the permissions `user` holds on `obj` through their own or their role groups' object
    permissions, with no superuser shortcut (as guardian's `get_user_perms` and `get_group_perms` together): a
    frozenset, one query, asked once per user and object within a GET or HEAD request (see the module docstring;
    for a model registered with `read_per_user`, one query for all its objects at once)."""
    if user is None or user.pk is None:
        return _GEEN
    memo = _memo.get()
    if memo is not None:
        lezer = _lezers.get(type(obj))
        if lezer is not None:
            return lezer(user).get(obj.pk, _GEEN)
    ctype = ContentType.objects.get_for_model(obj)
    key = (user.pk, ctype.pk, str(obj.pk))
    if memo is not None and key in memo:
        return memo[key]
    delen, params = [], []
    for groep in (False, True):
        sql, generiek = _select(type(obj), groep)
        delen.append(f"{sql} AND x.{_kolom_object(type(obj), groep)} = %s")
        params += [user.pk, ctype.pk, *([ctype.pk] if generiek else []), str(obj.pk) if generiek else obj.pk]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(delen), params)
        perms = frozenset(codename for _, codename, _ in cursor.fetchall())
    if memo is not None:
        memo[key] = perms
    return perms


def forget_object_perms():
    """Empty the request's memo (a role group or an object permission changed)."""
    memo = _memo.get()
    if memo:
        memo.clear()


def _request_started(sender, environ=None, **kwargs):
    methode = (environ or {}).get("REQUEST_METHOD", "")
    _memo.set({} if methode in _BEWAARDE_METHODEN else None)


def _request_finished(sender, **kwargs):
    _memo.set(None)


def _rechten_gewijzigd(sender, **kwargs):
    if issubclass(sender, (UserObjectPermissionBase, GroupObjectPermissionBase, Group)):
        forget_object_perms()


def _groepen_gewijzigd(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        forget_object_perms()


def connect_signals():
    """Called from `RegioportaalConfig.ready()`: the memo's lifetime and what empties it."""
    request_started.connect(_request_started, dispatch_uid="object_perms_request_started")
    request_finished.connect(_request_finished, dispatch_uid="object_perms_request_finished")
    got_request_exception.connect(_request_finished, dispatch_uid="object_perms_request_exception")
    post_save.connect(_rechten_gewijzigd, dispatch_uid="object_perms_save")
    post_delete.connect(_rechten_gewijzigd, dispatch_uid="object_perms_delete")
    m2m_changed.connect(
        _groepen_gewijzigd, sender=get_user_model().groups.through, dispatch_uid="object_perms_groups"
    )
