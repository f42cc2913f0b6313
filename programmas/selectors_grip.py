"""Reads of the programmes for a council's grip on its partnerships (`raad`): one member's frozen contribution per
year, its open decisions and the opgaven it takes part in, across one or many regions in a fixed number of queries.

Contributions are never recomputed: they are the stored `Bijdrage` rows of the version that counts for each
programme (adopted, routed or approved, as `selectors.vorig_jaar_totalen` counts last year). A reader sees a version
only where `permissions.can_view_versie` would let them: public versions, and every version of the regions in
`besloten` (the ids of the regions whose non-public pieces they may read).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, connections
from django.db.models import Model, Q, signals
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.utils import timezone

from besturen.models import Regio
from regioportaal import sqlrijen

from . import termijnen
from .models import (
    Bijdrage,
    Jaarprogramma,
    Procedure,
    Programmaregel,
    Programmaregeling,
    Raadsbesluit,
    Registratie,
    Versie,
    VersieStatus,
)
from .regeling import regeling_voor
from .selectors import open_voor_raden
from .workflow import RAADSFASE

# The versions whose figures count for a year (as last year's totals on the split table count them).
TELLENDE_STATUSSEN = (VersieStatus.VASTGESTELD, VersieStatus.VOORGELEGD, VersieStatus.GOEDGEKEURD)


_SNEL = {}  # (model, database alias) → its fields' attribute names, or None: a function of the code alone


def instantie(model, db, waarden):
    """`sqlrijen.maak(model, db, None, waarden)` (an instance of `model` read from `db` with all its concrete fields'
    `waarden`, in their order), built without `Model.__init__` when that gives the same instance: no value to
    convert (PostgreSQL's), a model that keeps Django's `__init__` and `from_db` and plain field attributes, and no
    `pre_init` or `post_init` receiver. The instance then gets its fields' values in its `__dict__` and a `_state`
    read from `db`, as `from_db` leaves them; a page of the grip makes some 60 instances, the largest of 24 fields,
    and `__init__` sets each field through `setattr` (five times the work)."""
    sleutel = model, db
    namen = _SNEL.get(sleutel, False)
    if namen is False:
        namen = _SNEL[sleutel] = _snel_bouwbaar(model, db)
    if namen is None or signals.pre_init.receivers or signals.post_init.receivers:
        return sqlrijen.maak(model, db, None, waarden)
    nieuw = model.__new__(model)
    staat = nieuw._state = ModelState()
    staat.adding, staat.db = False, db
    nieuw.__dict__.update(zip(namen, waarden, strict=True))
    return nieuw


def _snel_bouwbaar(model, db):
    """The attribute names of `model`'s concrete fields when `instantie` may build it without `__init__` (see
    there), else None."""
    if model.__init__ is not Model.__init__ or model.from_db.__func__ is not Model.from_db.__func__:
        return None
    verbinding = connections[db]
    for veld in model._meta.concrete_fields:
        if type(model.__dict__.get(veld.attname)) not in (DeferredAttribute, ForeignKeyDeferredAttribute):
            return None
        kolom = veld.get_col(model._meta.db_table)
        if verbinding.ops.get_db_converters(kolom) or kolom.get_db_converters(verbinding):
            return None
    return [veld.attname for veld in model._meta.concrete_fields]


def _zichtbaar_q(besloten, prefix=""):
    """Versions a reader may see: public ones, and all of the regions in `besloten` (ids)."""
    return Q(**{f"{prefix}openbaar": True}) | Q(**{f"{prefix}jaarprogramma__regio__in": list(besloten)})


def _zichtbaar_sql(besloten):
    """`_zichtbaar_q(besloten)` as a condition of the written-out queries (the version `v`, its programme `j`):
    (sql, params)."""
    if not besloten:
        return "v.openbaar", []
    in_besloten, params = sqlrijen.in_lijst("j.regio_id", besloten)
    return f"(v.openbaar OR {in_besloten})", params


@dataclass
class Programmabijdrage:
    """One member's frozen total in the version that counts for one programme."""

    programma: Jaarprogramma
    versie: Versie
    bedrag: Decimal


@dataclass
class Jaarbijdrage:
    """One member's frozen contribution in one year, over the programmes of that year (a budget and a programme)."""

    regio_id: int
    jaar: int
    programmas: list = field(default_factory=list)  # Programmabijdrage, by kind
    bedrag: Decimal = Decimal("0")


def tellende_versies(regios, *, besloten, bestuur=None):
    """Per programme of `regios` (ids), the latest frozen version that counts and the reader may see: {jaarprogramma
    id: Versie} (one query), each with its programme and the programme's region. With `bestuur`, each version
    carries `centen`: that member's frozen total in it (None when it takes part in no line).

    The query is written out: it is `Versie.objects.filter(_zichtbaar_q(besloten), jaarprogramma__regio__in=regios,
    status__in=TELLENDE_STATUSSEN, bevroren_op__isnull=False).select_related("jaarprogramma__regio")` by programme
    and newest number first, with the member's total as a subquery (the `Bijdrage` rows of the version and member
    summed); the ORM spent more time building and compiling it than the database running it."""
    regio_ids = [getattr(regio, "pk", regio) for regio in regios]
    if not regio_ids:
        return {}
    besloten = list(besloten)
    db = Versie.objects.db  # the database the ORM would read (`regioportaal.dbrouter`)
    v_cols, j_cols, r_cols = (kolommen(m) for m in (Versie, Jaarprogramma, Regio))
    versie, programma, regio_tabel, bijdrage = (
        connection.ops.quote_name(m._meta.db_table) for m in (Versie, Jaarprogramma, Regio, Bijdrage)
    )
    params = []
    if bestuur is not None:
        centen = f"(SELECT SUM(b.centen) FROM {bijdrage} b WHERE b.versie_id = v.id AND b.bestuur_id = %s)"
        params.append(getattr(bestuur, "pk", bestuur))
    else:
        centen = "NULL"
    zichtbaar, zichtbaar_params = _zichtbaar_sql(besloten)
    in_regios, regio_params = sqlrijen.in_lijst("j.regio_id", regio_ids)
    statussen, status_params = sqlrijen.in_lijst("v.status", TELLENDE_STATUSSEN)
    params += [*zichtbaar_params, *regio_params, *status_params]
    sql = (
        "SELECT "
        + ", ".join(
            [*(f"v.{c}" for c in v_cols), centen, *(f"j.{c}" for c in j_cols), *(f"r.{c}" for c in r_cols)]
        )
        + f" FROM {versie} v INNER JOIN {programma} j ON v.jaarprogramma_id = j.id "
        f"INNER JOIN {regio_tabel} r ON j.regio_id = r.id "
        f"WHERE {zichtbaar} AND v.bevroren_op IS NOT NULL AND {in_regios} AND {statussen} "
        "ORDER BY v.jaarprogramma_id ASC, v.nummer DESC"
    )
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        gelezen = cursor.fetchall()
    nv, nj = len(v_cols), len(j_cols)
    uit = {}
    regio_per_id = {}
    for rij in gelezen:
        jaarprogramma_id = rij[_PROGRAMMA_KOLOM]
        if jaarprogramma_id in uit:
            continue  # an older version of the same programme
        v = sqlrijen.maak(Versie, db, None, rij[:nv])
        if bestuur is not None:
            v.centen = None if rij[nv] is None else int(rij[nv])  # SUM of a bigint: numeric in PostgreSQL
        j = sqlrijen.maak(Jaarprogramma, db, None, rij[nv + 1 : nv + 1 + nj])
        r = regio_per_id.get(j.regio_id)
        if r is None:
            r = regio_per_id[j.regio_id] = sqlrijen.maak(Regio, db, None, rij[nv + 1 + nj :])
        j._state.fields_cache["regio"] = r
        v._state.fields_cache["jaarprogramma"] = j
        uit[jaarprogramma_id] = v
    return uit


_REGELING_VAN_REGIO = Programmaregeling._meta.get_field("regio").remote_field  # regio.programmaregeling
_REGIO_VAN_REGELING = Programmaregeling._meta.get_field("regio")
_PROGRAMMA_KOLOM = [f.attname for f in Versie._meta.concrete_fields].index("jaarprogramma_id")


_KOLOMMEN = {}  # (model, database vendor) → `kolommen(model)`: a function of the code alone


def kolommen(model):
    """The columns of `model`'s concrete fields, in their order (as `Model.from_db` takes their values), quoted."""
    sleutel = model, connection.vendor
    uit = _KOLOMMEN.get(sleutel)
    if uit is None:
        uit = _KOLOMMEN[sleutel] = [connection.ops.quote_name(f.column) for f in model._meta.concrete_fields]
    return uit


def bijdragen_per_jaar(bestuur, regios, *, besloten):
    """`bestuur`'s frozen contribution per region and year, oldest year first: {regio id: [Jaarbijdrage]} (one
    query, whatever the number of regions, years and programmes). A year without a counting version is absent."""
    return _per_jaar(tellende_versies(regios, besloten=besloten, bestuur=bestuur).values())


def _per_jaar(versies):
    """{regio id: [Jaarbijdrage]} of counting versions carrying `centen` (one per programme), oldest year first."""
    jaren = defaultdict(dict)
    for versie in sorted(versies, key=lambda v: (v.jaarprogramma.jaar, v.jaarprogramma.soort)):
        centen = versie.centen
        if centen is None:
            continue  # the member takes part in no line of this programme
        programma = versie.jaarprogramma
        jaar = jaren[programma.regio_id].setdefault(
            programma.jaar, Jaarbijdrage(programma.regio_id, programma.jaar)
        )
        bedrag = Bijdrage.euro(centen)
        jaar.programmas.append(Programmabijdrage(programma, versie, bedrag))
        jaar.bedrag += bedrag
    return {regio_id: list(per_jaar.values()) for regio_id, per_jaar in jaren.items()}


def open_raadsbesluiten(bestuur, regios, *, besloten, vandaag=None):
    """The decisions and views awaited from `bestuur`'s council on versions before the councils now, earliest
    deadline first, each with `zienswijze` (the route asks a view, not consent) and `te_laat` (one query), each with
    its version, programme, region and the region's settings (`regio.programmaregeling`).

    The query is written out: it is `Raadsbesluit.objects.filter(_zichtbaar_q(besloten, "versie__"),
    bestuur=bestuur, versie__jaarprogramma__regio__in=regios, versie__status__in=RAADSFASE,
    uitkomst__in=OPEN_UITKOMSTEN).select_related("versie__jaarprogramma__regio__programmaregeling")` by deadline and
    id; the ORM spent more time building and compiling it than the database running it."""
    vandaag = vandaag or timezone.localdate()
    regio_ids = [getattr(regio, "pk", regio) for regio in regios]
    if not regio_ids:
        return []
    besloten = list(besloten)
    db = Raadsbesluit.objects.db  # the database the ORM would read (`regioportaal.dbrouter`)
    modellen = (Raadsbesluit, Versie, Jaarprogramma, Regio, Programmaregeling)
    per_model = [kolommen(m) for m in modellen]
    besluit, versie, programma, regio_tabel, regeling = (
        connection.ops.quote_name(m._meta.db_table) for m in modellen
    )
    zichtbaar, params = _zichtbaar_sql(besloten)
    in_regios, regio_params = sqlrijen.in_lijst("j.regio_id", regio_ids)
    statussen, status_params = sqlrijen.in_lijst("v.status", RAADSFASE)
    uitkomsten, uitkomst_params = sqlrijen.in_lijst("b.uitkomst", termijnen.OPEN_UITKOMSTEN)
    params += [getattr(bestuur, "pk", bestuur), *regio_params, *status_params, *uitkomst_params]
    sql = (
        "SELECT "
        + ", ".join(f"{alias}.{c}" for alias, cols in zip("bvjrp", per_model, strict=True) for c in cols)
        + f" FROM {besluit} b INNER JOIN {versie} v ON b.versie_id = v.id "
        f"INNER JOIN {programma} j ON v.jaarprogramma_id = j.id "
        f"INNER JOIN {regio_tabel} r ON j.regio_id = r.id "
        f"LEFT OUTER JOIN {regeling} p ON r.id = p.regio_id "
        f"WHERE {zichtbaar} AND b.bestuur_id = %s AND {in_regios} AND {statussen} AND {uitkomsten} "
        "ORDER BY b.deadline ASC, b.id ASC"
    )
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        gelezen = cursor.fetchall()
    besluiten = []
    regio_per_id = {}
    for rij in gelezen:
        delen, i = [], 0
        for cols in per_model:
            delen.append(rij[i : i + len(cols)])
            i += len(cols)
        b, v, j = (sqlrijen.maak(m, db, None, d) for m, d in zip(modellen[:3], delen[:3], strict=True))
        r = regio_per_id.get(j.regio_id)
        if r is None:
            r = regio_per_id[j.regio_id] = sqlrijen.maak(Regio, db, None, delen[3])
            p = sqlrijen.maak(Programmaregeling, db, None, delen[4]) if delen[4][0] is not None else None
            _REGELING_VAN_REGIO.set_cached_value(r, p)
            if p is not None:
                _REGIO_VAN_REGELING.set_cached_value(p, r)
        j._state.fields_cache["regio"] = r
        v._state.fields_cache["jaarprogramma"] = j
        b._state.fields_cache["versie"] = v
        besluiten.append(b)
    return _open(besluiten, vandaag)


def _open(besluiten, vandaag):
    """Of `besluiten` (with their versions, programmes and regions), the ones the councils can still record, each
    with `zienswijze` and `te_laat`, in their order."""
    uit = []
    for besluit in besluiten:
        if not open_voor_raden(besluit.versie):
            continue
        besluit.zienswijze = regeling_voor(besluit.versie).procedure == Procedure.ZIENSWIJZE
        besluit.te_laat = termijnen.is_te_laat(besluit.uitkomst, besluit.deadline, vandaag)
        uit.append(besluit)
    return uit


def deelgenomen_opgaven(bestuur, regio, *, besloten):
    """The ids of the opgaven of `regio` in whose programme lines `bestuur` takes part, in any version the reader may
    see (a subquery, no query of its own; `besloten` as above)."""
    return Programmaregel.objects.filter(
        _zichtbaar_q(besloten, "versie__"), versie__jaarprogramma__regio=regio, deelnemers=bestuur
    ).values("opgave_id")


_PROGRAMMAS_SQL = {}  # database vendor → the text of `regio_programmas`'s query: a function of the code alone


def _programmas_sql(verbinding):
    """The text of `regio_programmas`'s query on `verbinding` (written once per process). Its parameters:
    `TELLENDE_STATUSSEN`, the member, the day twice, `OPEN_UITKOMSTEN`, the day, the member, `RAADSFASE`,
    `OPEN_UITKOMSTEN` and the region."""
    j_cols, v_cols, b_cols = (kolommen(m) for m in (Jaarprogramma, Versie, Raadsbesluit))
    qn = verbinding.ops.quote_name
    programma, versie, besluit, bijdrage, registratie = (
        qn(m._meta.db_table) for m in (Jaarprogramma, Versie, Raadsbesluit, Bijdrage, Registratie)
    )
    tellend, _ = sqlrijen.in_lijst("v.status", TELLENDE_STATUSSEN)
    raadsfase, _ = sqlrijen.in_lijst("v.status", RAADSFASE)
    open_, _ = sqlrijen.in_lijst("rb.uitkomst", termijnen.OPEN_UITKOMSTEN)
    b_open, _ = sqlrijen.in_lijst("b.uitkomst", termijnen.OPEN_UITKOMSTEN)
    routed = "v.voorgelegd_op IS NOT NULL AND (v.deadline IS NULL OR v.deadline >= %s)"
    sql = _PROGRAMMAS_SQL[verbinding.vendor] = (
        "SELECT "
        + ", ".join(
            [
                *(f"j.{c}" for c in j_cols),
                *(f"v.{c}" for c in v_cols),
                f"CASE WHEN v.bevroren_op IS NOT NULL AND {tellend} THEN (SELECT SUM(bd.centen) FROM {bijdrage} bd "
                "WHERE bd.versie_id = v.id AND bd.bestuur_id = %s) END",
                f"CASE WHEN {routed} THEN (SELECT COUNT(*) FROM {besluit} rb WHERE rb.versie_id = v.id) END",
                f"CASE WHEN {routed} THEN (SELECT COUNT(*) FROM {besluit} rb WHERE rb.versie_id = v.id AND {open_}) "
                "END",
                f"CASE WHEN {routed} THEN (SELECT MAX(rg.datum_raad) FROM {registratie} rg INNER JOIN {besluit} rb "
                "ON rg.besluit_id = rb.id WHERE rb.versie_id = v.id) END",
                *(f"b.{c}" for c in b_cols),
            ]
        )
        + f" FROM {programma} j LEFT OUTER JOIN {versie} v ON v.jaarprogramma_id = j.id "
        f"LEFT OUTER JOIN {besluit} b ON b.versie_id = v.id AND b.bestuur_id = %s AND {raadsfase} AND {b_open} "
        "WHERE j.regio_id = %s ORDER BY j.jaar DESC, j.soort ASC, j.id ASC, v.nummer DESC"
    )
    return sql


@dataclass
class Regioprogrammas:
    """One region's programmes as the grip page reads them, for one member and reader (`regio_programmas`)."""

    paren: list  # (Jaarprogramma, its versions newest first), as `kalender.programmas_van_regio` reads them
    bijdragen: list  # the member's Jaarbijdragen: `bijdragen_per_jaar(bestuur, [regio], ...)[regio.pk]`
    open_besluiten: list  # `open_raadsbesluiten(bestuur, [regio], ...)`
    voortgang: dict  # versie id → (decisions, open ones, latest council meeting date): `regio_programmas`
    vandaag: object  # the day `voortgang` was read for


def regio_programmas(regio, bestuur, *, besloten, vandaag=None):
    """What the grip page shows of the programmes of `regio` (which carries its settings, as the grip page's
    `deelname_or_404` reads it) for member `bestuur`, from one query: every programme with its versions (for the
    calendar), `bestuur`'s frozen total in each version that can count (for its contributions) and its open decision
    on each version before the councils. `besloten`: the reader may read the region's non-public pieces (else the
    contributions and decisions come from public versions only, as `_zichtbaar_q` has it; the calendar filters
    itself, `kalender.programmas_uit`).

    It gives what `kalender.programmas_van_regio(regio, ...)`, `bijdragen_per_jaar(bestuur, [regio.pk], ...)` and
    `open_raadsbesluiten(bestuur, [regio.pk], ...)` give, with each version's councils' progress (as
    `kalender._voortgang_raden` reads it) for the versions routed to the councils whose deadline is not before
    `vandaag` (or that have none): the only ones whose councils' date can still come (`kalender.programmas_uit`).
    Each programme is on `regio` itself. The query reads the region's versions once instead of four times."""
    vandaag = vandaag or timezone.localdate()
    db = Jaarprogramma.objects.db  # the database the ORM would read (`regioportaal.dbrouter`)
    j_cols, v_cols = kolommen(Jaarprogramma), kolommen(Versie)
    verbinding = connections[db]
    sql = _PROGRAMMAS_SQL.get(verbinding.vendor) or _programmas_sql(verbinding)
    bestuur_pk = getattr(bestuur, "pk", bestuur)
    params = [
        *TELLENDE_STATUSSEN,
        bestuur_pk,
        vandaag,
        vandaag,
        *termijnen.OPEN_UITKOMSTEN,
        vandaag,
        bestuur_pk,
        *RAADSFASE,
        *termijnen.OPEN_UITKOMSTEN,
        regio.pk,
    ]
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        gelezen = cursor.fetchall()
    nj, nv = len(j_cols), len(v_cols)
    paren, per_pk, tellende, besluiten, voortgang = [], {}, {}, [], {}
    for rij in gelezen:
        paar = per_pk.get(rij[0])
        if paar is None:
            j = instantie(Jaarprogramma, db, rij[:nj])
            j._state.fields_cache["regio"] = regio
            paar = per_pk[rij[0]] = (j, [])
            paren.append(paar)
        if rij[nj] is None:  # a programme without versions
            continue
        j = paar[0]
        v = instantie(Versie, db, rij[nj : nj + nv])
        v._state.fields_cache["jaarprogramma"] = j
        paar[1].append(v)
        centen, totaal, open_aantal, laatst = rij[nj + nv : nj + nv + 4]
        zichtbaar = besloten or v.openbaar
        if (
            zichtbaar
            and j.pk not in tellende
            and v.bevroren_op is not None
            and v.status in TELLENDE_STATUSSEN
        ):
            v.centen = None if centen is None else int(centen)  # SUM of a bigint: numeric in PostgreSQL
            tellende[j.pk] = v
        if totaal:
            voortgang[v.pk] = (totaal, open_aantal, sqlrijen.als_datum(laatst))  # SQLite: the date as text
        if zichtbaar and rij[nj + nv + 4] is not None:  # its open decision on a version before the councils
            b = instantie(Raadsbesluit, db, rij[nj + nv + 4 :])
            b._state.fields_cache["versie"] = v
            besluiten.append(b)
    besluiten.sort(key=lambda b: (b.deadline, b.pk))
    return Regioprogrammas(
        paren=paren,
        bijdragen=_per_jaar(tellende.values()).get(regio.pk, []),
        open_besluiten=_open(besluiten, vandaag),
        voortgang=voortgang,
        vandaag=vandaag,
    )
