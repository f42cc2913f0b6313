"""Generation numbers of the page cache (`regioportaal.paginacache`): exact invalidation without a TTL.

Three kinds of generation live in the cache (Redis in production, local memory by default), each a random value
that a write replaces (never an old value again, so a lost generation means a miss, never a stale page):

- `ALLES`, replaced by every write: the key of every page that is not one region's (home, a body, a meeting, an
  opgave, a version, search, the grip pages, sitemaps);
- `GLOBAAL`, replaced by a write whose region cannot be read from the written row's own fields (a municipality,
  a body's membership, a meeting, a group);
- one per region, replaced by a write whose row names its region (`regio_id`: an opgave, a strategy part, a
  programme, a body, a planning day, a search entry).

A logged-in session's own pages key on `ALLES` and `PRIVE`, which writes of rows only logged-in pages show replace
(notifications, unsubscriptions, sent messages, authenticator apps).

A page of one region keys on `GLOBAAL` and its region's generation, so a write in region B leaves region A's pages
cached. The written row's region must be the only region whose pages show it (rows never move between regions; a
row that could would have to bump the global generation).

Writes are seen centrally: post_save, post_delete and m2m_changed of every model of the portal's apps, Django's
groups and users, and guardian's permission rows (`connect_signals`), and the bulk writes that send no signal,
`QuerySet.update` (and `bulk_update`, which calls it) and `QuerySet.bulk_create` on those models (`install`, one
wrapper around Django's two methods, so no service can forget). A write replaces the generations at once and again
when its transaction commits (a request that read the old rows in between stored its page under the generation the
commit replaces)."""

import functools
import logging
from uuid import uuid4

from django.apps import apps
from django.db import connections, router, transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger(__name__)

ALLES = "paginacache:generatie:alles"
PRIVE = "paginacache:generatie:prive"  # replaced by writes only logged-in pages show (see PRIVE_MODELLEN)
GLOBAAL = "paginacache:generatie:globaal"
REGIO = "paginacache:generatie:regio:{}"
SLUG = "paginacache:regio-id:{}"  # slug → region id

REGIO_MODEL = "besturen.regio"  # by label: regioportaal imports no app above it
APPS = {"besturen", "opgaven", "programmas", "vergaderingen", "notities", "raad", "openbaar", "regioportaal"}
EXTRA = {"auth", "guardian"}
# Rows no public page shows, written on every action or every few minutes: they would empty the cache for nothing.
NIET = {
    "regioportaal.actionlog",
    "regioportaal.melding",
    "regioportaal.afmelding",
    "regioportaal.outboxjob",
    "auth.permission",
}
# Rows only logged-in pages may show (a notification, an unsubscription, a sent message, an authenticator app):
# their writes replace `PRIVE`, which the logged-in pages' keys carry next to `ALLES`. The action log replaces
# nothing: no page in the page cache's allow-lists shows it.
PRIVE_MODELLEN = {"regioportaal.melding", "regioportaal.afmelding", "regioportaal.outboxjob"}
PRIVE_APPS = {"otp_totp", "otp_static"}
# Saves of only these fields change nothing a public page shows (a login stamps `last_login`).
ONZICHTBARE_VELDEN = {"last_login"}


def _cache():
    from django.core.cache import cache

    return cache


def gevolgd(model):
    """Whether writes to `model` replace generations."""
    meta = model._meta
    return (meta.app_label in APPS or meta.app_label in EXTRA) and meta.label_lower not in NIET


def prive(model):
    """Whether writes to `model` replace only the logged-in pages' generation `PRIVE`."""
    meta = model._meta
    return meta.label_lower in PRIVE_MODELLEN or meta.app_label in PRIVE_APPS


# Reading ------------------------------------------------------------------------------------------------------------


def _lees(keys):
    cache = _cache()
    waarden = cache.get_many(keys)
    for key in keys:
        if waarden.get(key) is None:
            cache.add(key, uuid4().hex, None)
            waarden[key] = cache.get(key) or uuid4().hex  # a cache that keeps nothing: a fresh value, a miss
    return [waarden[key] for key in keys]


def voor_ingelogde_pagina():
    """The generations a logged-in user's page carries: every write (`ALLES`) and the writes of rows only
    logged-in pages show (`PRIVE`)."""
    return _lees([ALLES, PRIVE])


def voor_pagina(slug=None):
    """The generations a page's key carries: a region's page (its slug) the global and its region's generation,
    any other page the generation every write replaces. A slug that names no region keys on the global
    generation alone (the view answers 404, which is not stored)."""
    if slug is None:
        return _lees([ALLES])
    cache = _cache()
    waarden = cache.get_many([GLOBAAL, SLUG.format(slug)])
    regio_id = waarden.get(SLUG.format(slug))
    if regio_id is None:  # not known yet (or evicted): one query, then known until the region changes
        regio_id = _regio_id(slug)
        if regio_id is not None:
            cache.set(SLUG.format(slug), regio_id, None)
    if regio_id is None:
        return [waarden.get(GLOBAAL) or _lees([GLOBAAL])[0], "geen-regio"]
    return voor_regio(regio_id)


def _regio_id(slug):
    """The id of the region with `slug` (unique), or None: one written-out query on the region's table (on the
    database the router reads the model from), the ORM's `filter(slug=slug).values_list("pk").first()` without
    building a queryset on every page of a region the cache does not know yet."""
    model = apps.get_model(REGIO_MODEL)
    alias = router.db_for_read(model)
    connection = connections[alias]
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {qn(model._meta.pk.column)} FROM {qn(model._meta.db_table)} "
            f"WHERE {qn(model._meta.get_field('slug').column)} = %s",
            [slug],
        )
        row = cursor.fetchone()
    return None if row is None else row[0]


def voor_regio(regio_id):
    """The generations of the pages of region `regio_id`, as `voor_pagina` gives them for its slug, for a caller
    that has the region at hand: no slug to look up (a query when the cache does not know it)."""
    globaal, regio = _lees([GLOBAAL, REGIO.format(regio_id)])
    return [globaal, f"regio-{regio_id}", regio]


def _ken_slugs(regios):
    """Record slug → id of regions just written: a page of a region finds its generation without a query. An old
    slug keeps its old id until another region takes it (whose save records it); a page under an old slug is a 404,
    which is never stored."""
    try:
        _cache().set_many({SLUG.format(slug): pk for slug, pk in regios if pk is not None}, None)
    except Exception:
        logger.warning("page cache: region slugs not recorded", exc_info=True)


# Writing ------------------------------------------------------------------------------------------------------------


def vernieuw(regio_ids=None):
    """Replace the generations now and again on commit: the given regions' (and `ALLES`), or with no regions the
    global one (and `ALLES`)."""
    regio_ids = frozenset(regio_ids or ())
    vervang(regio_ids)
    _bij_commit(vervang, regio_ids)


def vernieuw_prive():
    """Replace `PRIVE` now and again on commit."""
    vervang_keys([PRIVE])
    _bij_commit(vervang_keys, (PRIVE,))


def _bij_commit(functie, argument):
    """`functie(argument)` on commit, once: a transaction that writes a thousand batches (an import) queues one
    replacement per distinct argument, not one per batch. A callback still queued stands in for this write's: a
    rollback discards it only with a savepoint that is open now, and every open savepoint encloses this write too
    (one that was rolled back already took its callbacks off the queue)."""
    conn = transaction.get_connection()
    if conn.in_atomic_block:
        for _sids, callback, _robust in conn.run_on_commit:
            if (
                isinstance(callback, functools.partial)
                and callback.func is functie
                and callback.args == (argument,)
            ):
                return
    transaction.on_commit(functools.partial(functie, argument))


def vervang_keys(keys):
    try:
        _cache().set_many({key: uuid4().hex for key in keys}, None)
    except Exception:  # never fail the write; the stored pages expire on their own
        logger.warning("page cache generations not replaced", exc_info=True)


def vervang(regio_ids):
    vervang_keys([ALLES, *(REGIO.format(pk) for pk in regio_ids)] if regio_ids else [ALLES, GLOBAAL])


def _regio_van(instance):
    """The region a row belongs to when its own fields say so (no query), else None (the global generation)."""
    if _is_regio(type(instance)):
        return None  # a region's name and slug show on other regions' pages (home, switchers): global
    regio_id = getattr(instance, "regio_id", None)
    return regio_id if isinstance(regio_id, int) else None


def _on_save(sender, instance, update_fields=None, raw=False, **kwargs):
    if update_fields and set(update_fields) <= ONZICHTBARE_VELDEN:
        return
    regio_id = _regio_van(instance)
    vernieuw([regio_id] if regio_id else None)
    if _is_regio(sender):
        _ken_slugs([(instance.slug, instance.pk)])


def _on_delete(sender, instance, **kwargs):
    regio_id = _regio_van(instance)
    vernieuw([regio_id] if regio_id else None)
    if _is_regio(sender):
        try:
            _cache().delete(SLUG.format(instance.slug))
        except Exception:
            logger.warning("page cache: region slug not forgotten", exc_info=True)


def _is_regio(model):
    return model._meta.label_lower == REGIO_MODEL


def _on_m2m(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        vernieuw()


def _on_prive(sender, **kwargs):
    if kwargs.get("action", "post_add") in ("post_add", "post_remove", "post_clear"):
        vernieuw_prive()


def connect_signals():
    for model in apps.get_models(include_auto_created=True):
        if prive(model):
            uid = f"paginacache_prive_{model._meta.label_lower}"
            post_save.connect(_on_prive, sender=model, dispatch_uid=f"{uid}_save")
            post_delete.connect(_on_prive, sender=model, dispatch_uid=f"{uid}_delete")
            if model._meta.auto_created:
                m2m_changed.connect(_on_prive, sender=model, dispatch_uid=f"{uid}_m2m")
            continue
        if not gevolgd(model):
            continue
        uid = f"paginacache_{model._meta.label_lower}"
        post_save.connect(_on_save, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"{uid}_delete")
        if model._meta.auto_created:
            m2m_changed.connect(_on_m2m, sender=model, dispatch_uid=f"{uid}_m2m")


def install():
    """Wrap QuerySet.update and QuerySet.bulk_create once: bulk writes to a followed model replace generations (an
    update the global one, a bulk insert the regions its rows name, or the global one)."""
    if getattr(QuerySet.update, "_paginacache", False):
        return
    update, bulk_create = QuerySet.update, QuerySet.bulk_create

    @functools.wraps(update)
    def update_met_generatie(self, **kwargs):
        rows = update(self, **kwargs)
        if rows and prive(self.model):
            vernieuw_prive()
        if rows and gevolgd(self.model) and not set(kwargs) <= ONZICHTBARE_VELDEN:
            vernieuw()
            if _is_regio(self.model):  # a slug may have changed: record them all afresh (a hundred rows)
                _ken_slugs(self.model._default_manager.values_list("slug", "pk"))
        return rows

    @functools.wraps(bulk_create)
    def bulk_create_met_generatie(self, objs, *args, **kwargs):
        objs = bulk_create(self, objs, *args, **kwargs)
        if objs and prive(self.model):
            vernieuw_prive()
        if objs and gevolgd(self.model):
            regio_ids = {_regio_van(obj) for obj in objs}
            vernieuw(None if None in regio_ids else regio_ids)
            if _is_regio(self.model):
                _ken_slugs([(obj.slug, obj.pk) for obj in objs])
        return objs

    update_met_generatie._paginacache = True
    QuerySet.update = update_met_generatie
    QuerySet.bulk_create = bulk_create_met_generatie
