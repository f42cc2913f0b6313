"""Test worlds built once per test process and restored in every later test that asks for them (PostgreSQL).

Building the shared world through the services costs most of a second (550 queries: every role group gets its
grants, every change its action log); a thousand tests ask for it. `bouw(naam, builder)` builds it through the
services the first time in a process, as before, and records what the build did:

- **the rows** it added, table by table (`row_to_json` of every row before and after the build; a build that
  changed or deleted a row that was there before is never recorded, it is built every time);
- **the returned object graph**, pickled right after the build (model instances with their cached relations and the
  attributes the builders set on them, such as `user.lidmaatschap`), as Django's `setUpTestData` keeps its objects;
- **the files** it wrote under MEDIA_ROOT, **the mails** it sent, and **the cache entries** it wrote (the tests' cache
  is local memory; the services record, for one, each region's slug for the page cache).

A later test gets the same rows back in one statement (`json_populate_recordset`, inside the test's transaction,
so they go with its rollback), the sequences moved past them, the files written into its own MEDIA_ROOT, the mails
in its outbox, the cache entries in its cache and a fresh copy of the objects: the same world, with the same primary keys, as a build would give.

A recording is used only where a build would give the same: the key carries a fingerprint of every row in the
database before the build (a flush by a transactional test, or another fixture that wrote first, gives another
key, and so does a cache that held something before), today's date (a test that travels in time gets its own), the language, and the attribute names of the
`invoer` namespaces. Outside a transaction (transactional and browser tests), on SQLite, with files on another
storage than the file system, when the objects cannot be pickled, or with `MOMENTOPNAME=0` in the environment,
the builder simply runs.

`invoer` names namespaces the builder extends and returns (the app worlds add to `world`): their attributes after
the build are recorded with the rest and set again on the test's own namespace, so `world` and `wereld` stay one
object.
"""

import hashlib
import io
import json
import os
import pickle
import uuid
from pathlib import Path

from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import override_settings
from django.utils import timezone, translation

_opnames = {}  # key -> _Opname, or _NOOIT for a build that cannot be recorded
_NOOIT = object()
_tabellen = None


class _NietBewaarbaar(Exception):
    pass


def _alle_tabellen():
    """The tables of the public schema with their columns (generated columns left out), once per process."""
    global _tabellen
    if _tabellen is None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname"
            )
            _tabellen = [row[0] for row in cursor.fetchall()]
    return _tabellen


def _staat():
    """Every row of every table as JSON text: {table: set(rows)} (only tables with rows)."""
    query = " UNION ALL ".join(
        f"SELECT %s, row_to_json(x)::text FROM {connection.ops.quote_name(t)} x" for t in _alle_tabellen()
    )
    staat = {}
    with connection.cursor() as cursor:
        cursor.execute(query, _alle_tabellen())
        for tabel, rij in cursor.fetchall():
            staat.setdefault(tabel, set()).add(rij)
    return staat


def _vingerafdruk(staat):
    digest = hashlib.sha256()
    for tabel in sorted(staat):
        digest.update(tabel.encode())
        for rij in sorted(staat[tabel]):
            digest.update(b"\x1f")
            digest.update(rij.encode())
        digest.update(b"\x1e")
    return digest.hexdigest()


def _media_root():
    root = Path(settings.MEDIA_ROOT)
    return root if root.is_dir() else None


def _bestanden():
    """{relative path: bytes} of every file under MEDIA_ROOT."""
    root = _media_root()
    if root is None:
        return {}
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _bestandsopslag():
    backend = settings.STORAGES.get("default", {}).get("BACKEND", "")
    return backend == "django.core.files.storage.FileSystemStorage"


def _cache_inhoud():
    """{key: (pickled value, expiry)} of the local-memory cache (None for another backend)."""
    inhoud, verloop = getattr(cache, "_cache", None), getattr(cache, "_expire_info", None)
    if not isinstance(inhoud, dict) or not isinstance(verloop, dict):
        return None
    return {key: (waarde, verloop.get(key)) for key, waarde in inhoud.items()}


class _Pickler(pickle.Pickler):
    def __init__(self, file, invoer):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.invoer = {id(obj): n for n, obj in enumerate(invoer)}

    def persistent_id(self, obj):
        return self.invoer.get(id(obj))


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, invoer):
        super().__init__(file)
        self.invoer = invoer

    def persistent_load(self, pid):
        return self.invoer[pid]


class _Opname:
    """What one build did: the rows it added, its pickled objects, files and mails."""

    def __init__(self, voor, na, uit, invoer, bestanden, mails, cache_entries):
        verwijderd = [t for t, rijen in voor.items() if rijen - na.get(t, set())]
        if verwijderd:
            raise _NietBewaarbaar(f"the build changed or deleted rows of {', '.join(verwijderd)}")
        self.rijen = {t: sorted(rijen - voor.get(t, set())) for t, rijen in na.items()}
        self.rijen = {t: rijen for t, rijen in self.rijen.items() if rijen}
        self.hoogste = {}
        for tabel, rijen in self.rijen.items():
            ids = [json.loads(rij).get("id") for rij in rijen]
            ids = [i for i in ids if isinstance(i, int)]
            if ids:
                self.hoogste[tabel] = max(ids)
        buffer = io.BytesIO()
        try:
            _Pickler(buffer, invoer).dump((uit, [dict(vars(obj)) for obj in invoer], mails))
        except Exception as error:  # an object that does not pickle: build every time
            raise _NietBewaarbaar(f"the objects do not pickle: {error}") from error
        self.objecten = buffer.getvalue()
        self.bestanden = bestanden
        self.cache_entries = cache_entries
        self.sql, self.params = self._sql()

    def _sql(self):
        """One statement: every table's rows inserted, and each sequence moved past the highest id restored."""
        q = connection.ops.quote_name
        delen, params = [], []
        for n, (tabel, rijen) in enumerate(sorted(self.rijen.items())):
            delen.append(
                f"i{n} AS (INSERT INTO {q(tabel)} SELECT * FROM json_populate_recordset(NULL::{q(tabel)}, %s::json))"
            )
            params.append("[" + ",".join(rijen) + "]")
        reeksen = []
        for tabel, hoogste in sorted(self.hoogste.items()):
            reeks = "pg_get_serial_sequence(%s, 'id')"
            reeksen.append(f"setval({reeks}, GREATEST(%s, nextval({reeks})))")
            params += [q(tabel), hoogste, q(tabel)]
        select = "SELECT " + (", ".join(reeksen) or "1")
        return ("WITH " + ", ".join(delen) + " " + select if delen else select), params

    def herstel(self, invoer):
        with connection.cursor() as cursor:
            cursor.execute(self.sql, self.params)
        for naam, inhoud in self.bestanden.items():
            pad = Path(settings.MEDIA_ROOT) / naam
            pad.parent.mkdir(parents=True, exist_ok=True)
            pad.write_bytes(inhoud)
        for key, (waarde, verloop) in self.cache_entries.items():
            cache._cache[key] = waarde
            cache._expire_info[key] = verloop
        uit, staten, mails = _Unpickler(io.BytesIO(self.objecten), invoer).load()
        for obj, staat in zip(invoer, staten, strict=True):
            vars(obj).update(staat)
        if mails:
            mail.outbox.extend(mails)
        return uit


def bouw(naam, builder, *, invoer=()):
    """`builder()`, built once per process and restored after that (see the module docstring)."""
    if os.environ.get("MOMENTOPNAME") == "0":
        return builder()
    cache_voor = _cache_inhoud()
    if (
        connection.vendor != "postgresql"
        or not connection.in_atomic_block
        or not _bestandsopslag()
        or cache_voor is None
    ):
        return builder()
    voor = _staat()
    bestanden_voor = _bestanden()
    sleutel = (
        naam,
        _vingerafdruk(voor),
        hashlib.sha256(repr(sorted(bestanden_voor.items())).encode()).hexdigest(),
        hashlib.sha256(repr(sorted(cache_voor.items())).encode()).hexdigest(),
        timezone.localdate().isoformat(),
        translation.get_language(),
        tuple(tuple(sorted(vars(obj))) for obj in invoer),
    )
    opname = _opnames.get(sleutel)
    if opname is _NOOIT:
        return builder()
    if opname is not None:
        return opname.herstel(invoer)
    mails_voor = len(getattr(mail, "outbox", []))
    uit = builder()
    try:
        bestanden = {pad: inhoud for pad, inhoud in _bestanden().items() if bestanden_voor.get(pad) != inhoud}
        mails = list(getattr(mail, "outbox", [])[mails_voor:])
        cache_entries = {
            key: entry for key, entry in (_cache_inhoud() or {}).items() if cache_voor.get(key) != entry
        }
        _opnames[sleutel] = _Opname(voor, _staat(), uit, invoer, bestanden, mails, cache_entries)
    except _NietBewaarbaar:
        _opnames[sleutel] = _NOOIT
    return uit


def demo(*commands):
    """The demo's management commands (`load_demo`, ...) run in order, each recorded as a build of its own (see
    `bouw`; the key names the commands up to it, so demos that start alike share those steps): for tests that need
    the demo as their starting point. A test about a command itself runs that command with call_command.

    Outside a test's own cache (a module's fixture, where the cache is still the settings' one, Redis in CI) the
    commands write to a local-memory cache of their own, which no test reads: every test has its own cache."""

    def laad():
        # Step by step, each recorded on its own: the demos that start with the same commands share those.
        for n, command in enumerate(commands, start=1):
            bouw(
                "demo:" + ",".join(commands[:n]),
                lambda command=command: call_command(command, stdout=io.StringIO()),
            )

    if _cache_inhoud() is not None:
        return laad()
    eigen_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"momentopname-demo-{uuid.uuid4()}",
        }
    }
    with override_settings(CACHES=eigen_cache):
        return laad()
