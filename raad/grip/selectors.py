"""Reads for the grip pages: everything a council member asks about one partnership, or about all of their
municipality's partnerships, gathered from the lower apps' selectors in a fixed number of queries.

What a reader sees follows the rules of the app that owns each piece: public programme versions and decisions for
everyone and every version for whoever may read the region's non-public pieces (`can_view_besloten_regio`, which the
councils of its members hold); published opgaven (`opgaven_visible_to`); items (`stukken_visible_to`); published
meeting documents, and the closed ones of a body's own members (`vergaderingen.permissions.organen_van`).
"""

import datetime
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from operator import itemgetter

from django.db import connection, connections
from django.db.models import (
    Case,
    Count,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.http import Http404
from django.utils import numberformat, timezone

from besturen import permissions as besturen_permissions
from besturen import selectors as besturen_selectors
from besturen.models import (
    RAADSORGANEN,
    Bestuur,
    BestuurSoort,
    Deelname,
    Lidmaatschap,
    Orgaan,
    Persoon,
    Regio,
    Rol,
)
from besturen.models.regios import current_sql
from programmas import kalender, selectors_grip
from programmas.models import Beslisregel, Programmaregeling
from programmas.regeling import regeling_van
from programmas.templatetags.programma import Notatie
from regioportaal import sqlrijen

from . import rijen, secties

# The roles that vote in a body: one vote per member (the model records no weighted votes).
STEMMENDE_ROLLEN = [Rol.VOORZITTER, Rol.ONDERVOORZITTER, Rol.LID]
AANTAL_DATUMS = 5


def _gekozen_bestuur(code):
    """The Bestuur `gemeente_or_404` picks for `code`: the municipality, else a government of another kind."""
    return (
        Bestuur.objects.filter(code=code)
        .order_by(
            Case(When(soort=BestuurSoort.GEMEENTE, then=Value(0)), default=Value(1)),
            "land",
            "pk",
        )
        .values("pk")[:1]
    )


def gemeente_or_404(code):
    """The municipality with this official code (NIS or CBS); a government of another kind with the same code (a
    Flemish OCMW) only when there is no municipality."""
    bestuur = Bestuur.objects.filter(pk=Subquery(_gekozen_bestuur(code))).first()
    if bestuur is None:
        raise Http404
    return bestuur


def deelname_or_404(code, slug, user=None, day=None):
    """The current membership in the region `slug` of the government `gemeente_or_404(code)` picks, with its region
    (and the region's `programmaregeling`, for the decision rule) and Bestuur; 404 when there is none or it is not a
    member. It carries `leden`: all current memberships of the region with their Bestuur, as
    `besturen_selectors.regio_leden` orders them; `raden`: the councils of its Bestuur by name (`Orgaan`s with their
    pk, name and kind); and `raadslid`: `user` holds a current seat in one of them (as
    `besturen_selectors.besturen_of_raadslid` asks). One query for all: a row per membership and council.

    The query is written out: it is `Deelname.objects.current(day).filter(regio__slug=slug)` with its region, the
    region's settings and its Bestuur (`select_related`), the picked Bestuur (`_gekozen_bestuur`), the councils of
    each member (`RAADSORGANEN`, joined on the member) and whether `user` holds a current seat in one of them
    (`besturen_selectors.current_seats(user=user)`), by the member's name and kind, the membership's id and the
    council's name; the ORM spent several times the query's own time building and compiling it and building a
    region per row. The rows become model instances as the ORM would make them (the members share one region)."""
    day = day or timezone.localdate()
    db = Deelname.objects.db  # the database the ORM would read (`regioportaal.dbrouter`)
    met_gebruiker = user is not None and user.is_authenticated and user.is_active
    sql = _deelname_sql(connections[db], met_gebruiker)
    params = [code, BestuurSoort.GEMEENTE]
    if met_gebruiker:
        params += [day, day, user.pk, *RAADSORGANEN]
    params += [*RAADSORGANEN, day, day, slug]
    d_cols, r_cols, p_cols = (selectors_grip.kolommen(m) for m in (Deelname, Regio, Programmaregeling))
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        gelezen = cursor.fetchall()
    nd, nr, np_ = len(d_cols), len(r_cols), len(p_cols)
    leden, per_pk, raden = [], {}, []
    regio = None
    for rij in gelezen:
        gekozen, raad_pk, raad_naam, raad_soort, is_raadslid = rij[nd : nd + 5]
        rest = rij[nd + 5 :]
        lid_ = per_pk.get(rij[0])
        if lid_ is None:
            if regio is None:
                regio = _instantie(db, Regio, rest[:nr])
                regeling = rest[nr : nr + np_]
                regeling = _instantie(db, Programmaregeling, regeling) if regeling[0] is not None else None
                _REGELING_VAN_REGIO.set_cached_value(regio, regeling)
                if regeling is not None:
                    _REGIO_VAN_REGELING.set_cached_value(regeling, regio)
            lid_ = per_pk[rij[0]] = _instantie(db, Deelname, rij[:nd])
            lid_._state.fields_cache["regio"] = regio
            lid_._state.fields_cache["bestuur"] = _instantie(db, Bestuur, rest[nr + np_ :])
            lid_.gekozen, lid_.raad_pk, lid_.raad_naam, lid_.raad_soort = (
                gekozen,
                raad_pk,
                raad_naam,
                raad_soort,
            )
            lid_.raadslid = bool(is_raadslid)
            leden.append(lid_)
        if raad_pk is not None and lid_.bestuur_id == gekozen:
            raden.append(Orgaan(pk=raad_pk, naam=raad_naam, soort=raad_soort, bestuur_id=lid_.bestuur_id))
    deelname = next((d for d in leden if d.bestuur_id == d.gekozen), None)
    if deelname is None:
        raise Http404
    deelname.leden = leden
    deelname.raden = raden
    return deelname


_DEELNAME_SQL = {}  # (database vendor, with a user) → the text of `deelname_or_404`'s query: a function of the code


def _deelname_sql(verbinding, met_gebruiker):
    """The text of `deelname_or_404`'s query on `verbinding`, with the council seat of a user or without; its
    parameters: the code and `BestuurSoort.GEMEENTE`, with a user the day twice, the user's pk and `RAADSORGANEN`,
    then `RAADSORGANEN`, the day twice and the slug. Written once per process (its building took a tenth of the
    function's time)."""
    sleutel = verbinding.vendor, met_gebruiker
    sql = _DEELNAME_SQL.get(sleutel)
    if sql is not None:
        return sql
    d_cols, r_cols, p_cols, b_cols = (
        selectors_grip.kolommen(m) for m in (Deelname, Regio, Programmaregeling, Bestuur)
    )
    qn = verbinding.ops.quote_name
    t = {m: qn(m._meta.db_table) for m in (Deelname, Regio, Programmaregeling, Bestuur)}
    lid, persoon, orgaan = (qn(m._meta.db_table) for m in (Lidmaatschap, Persoon, Orgaan))
    if met_gebruiker:
        zetel, _ = current_sql("l")
        raadsorgaan, _ = sqlrijen.in_lijst("lo.soort", RAADSORGANEN)
        raadslid = (
            f"EXISTS(SELECT 1 FROM {lid} l INNER JOIN {persoon} lp ON l.persoon_id = lp.id "
            f"INNER JOIN {orgaan} lo ON l.orgaan_id = lo.id "
            f"WHERE {zetel} AND l.persoon_id IS NOT NULL "
            f"AND lp.user_id = %s AND lo.bestuur_id = d.bestuur_id AND {raadsorgaan})"
        )
    else:
        raadslid = "FALSE"
    raad_soort, _ = sqlrijen.in_lijst("raad.soort", RAADSORGANEN)
    deelnemer, _ = current_sql("d")
    sql = _DEELNAME_SQL[sleutel] = (
        "SELECT "
        + ", ".join(
            [
                *(f"d.{c}" for c in d_cols),
                f"(SELECT g.id FROM {t[Bestuur]} g WHERE g.code = %s "
                "ORDER BY CASE WHEN g.soort = %s THEN 0 ELSE 1 END ASC, g.land ASC, g.id ASC LIMIT 1)",
                "raad.id",
                "raad.naam",
                "raad.soort",
                raadslid,
                *(f"r.{c}" for c in r_cols),
                *(f"p.{c}" for c in p_cols),
                *(f"b.{c}" for c in b_cols),
            ]
        )
        + f" FROM {t[Deelname]} d INNER JOIN {t[Regio]} r ON d.regio_id = r.id "
        f"INNER JOIN {t[Bestuur]} b ON d.bestuur_id = b.id "
        f"LEFT OUTER JOIN {orgaan} raad ON b.id = raad.bestuur_id AND {raad_soort} "
        f"LEFT OUTER JOIN {t[Programmaregeling]} p ON r.id = p.regio_id "
        f"WHERE {deelnemer} AND r.slug = %s "
        "ORDER BY b.naam ASC, b.soort ASC, d.id ASC, raad.naam ASC"
    )
    return sql


_REGELING_VAN_REGIO = Programmaregeling._meta.get_field("regio").remote_field  # regio.programmaregeling
_REGIO_VAN_REGELING = Programmaregeling._meta.get_field("regio")


def _instantie(db, model, waarden):
    """A `model` instance read from `db` with all its concrete fields' `waarden`, as the ORM makes one
    (`selectors_grip.instantie`)."""
    return selectors_grip.instantie(model, db, waarden)


def besloten_regio_ids(user):
    """The ids of the regions whose non-public pieces `user` may read (`can_view_besloten_regio`), one query."""
    return set(besturen_permissions.regios_of(user).values_list("pk", flat=True))


# --- Participants and voting power ---------------------------------------------------------------------------------


def deelnemers(rijen, bestuur, zetels, notatie=None):
    """The region's current members with their population share and, per body of the region with voting seats, their
    voting seats and share of the votes (no query: `rijen` are the region's current memberships with their Bestuur,
    as `deelname_or_404` gives them, `zetels` its current seats counted, as `zetels_van` gives them). Returns
    (organen, rows, total population); each row is a Deelname with `aandeel`, `stemmen` (per body, in the order of
    `organen`, the text of its cell: "seats / the body's voting seats (share of the votes)", or "—" for a body
    without one) and `eigen` (this is `bestuur`). `notatie`: the page's `Notatie`, made here when not given."""
    totaal = sum(d.bestuur.inwoners or 0 for d in rijen)
    per_namens, per_orgaan = zetels.per_namens, zetels.per_orgaan
    # The bodies with a voting seat, by name (bodies without a vote are left out).
    organen = sorted((zetels.organen[pk] for pk in per_orgaan), key=lambda o: o.naam)
    for orgaan in organen:
        orgaan.stemmen_totaal = per_orgaan[orgaan.pk]
    notatie = notatie or Notatie()
    # Each cell's text by body and seats: a body's cells repeat a few fractions (0 or 1 of its seats), so each text
    # is written once; a member's row is then looked up, body by body (a region of 20 members and 13 bodies has
    # some 260 cells).
    teksten = {}  # (seats, the body's voting seats) → the cell's text

    def tekst(aantal, van):
        sleutel = aantal, van
        if sleutel not in teksten:
            teksten[sleutel] = _stemmen_tekst(notatie, aantal, van)
        return teksten[sleutel]

    geen = [tekst(0, orgaan.stemmen_totaal) for orgaan in organen]  # a member without a seat anywhere
    plaats = {orgaan.pk: i for i, orgaan in enumerate(organen)}  # body id → its column
    per_lid = {}  # member id → its row: the text of its seats per body, in the order of `organen`
    leden = {deelname.bestuur_id for deelname in rijen}
    for (orgaan_pk, namens_id), aantal in per_namens.items():  # some 200 cells: the lookups written inline
        if namens_id in leden:
            sleutel = aantal, per_orgaan[orgaan_pk]
            cel = teksten.get(sleutel)
            if cel is None:
                cel = teksten[sleutel] = _stemmen_tekst(notatie, aantal, sleutel[1])
            rij = per_lid.get(namens_id)
            if rij is None:
                rij = per_lid[namens_id] = geen.copy()
            rij[plaats[orgaan_pk]] = cel
    for deelname in rijen:
        inwoners = deelname.bestuur.inwoners
        deelname.aandeel = inwoners / totaal * 100 if inwoners is not None and totaal else None
        bestuur_id = deelname.bestuur_id
        rij = per_lid.get(bestuur_id)
        deelname.stemmen = rij if rij is not None else geen.copy()
        deelname.eigen = bestuur_id == bestuur.pk
        # As text, as the `getal` and `procent` filters write them, in one notation: a region of 20 members and
        # 13 bodies has some 300 figures in this table (a filter looks up the separators again for each).
        deelname.inwoners_tekst = notatie.getal(inwoners)
        deelname.aandeel_tekst = procent_tekst(notatie, deelname.aandeel)
    return organen, rijen, totaal


def _stemmen_tekst(notatie, aantal, van):
    """A cell of the participants' table: "seats / the body's voting seats (share of the votes)", or "—" for a
    body without voting seats."""
    return f"{aantal} / {van} ({procent_tekst(notatie, aantal / van * 100)})" if van else "—"


_STAPPEN = {d: Decimal(1).scaleb(-d) for d in range(0, 7)}  # the quantum of `decimals` decimals


def procent_tekst(notatie, value, decimals=1):
    """As `{{ value|procent }}` (regioportaal's filter: 12,3 %), with the separators of `notatie`."""
    if value is None or value == "":
        return ""
    rounded = Decimal(str(value)).quantize(
        _STAPPEN.get(decimals) or Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP
    )
    if decimals and not rounded.is_signed() and rounded < 1000:
        # A share: no thousands to group and exactly `decimals` decimals (the quantizing wrote them), the text
        # `numberformat.format` gives (a negative zero, which it writes as 0, takes the long way).
        return f"{rounded:f}".replace(".", notatie.decimaalteken) + "\u00a0%"
    getal = numberformat.format(
        rounded, notatie.decimaalteken, decimals, notatie.groepering, notatie.duizendtal, use_l10n=True
    )
    return f"{getal}\u00a0%"


def stem_bij_programma(regio, bestuur, rijen, totaal_inwoners):
    """How the council of `bestuur` weighs in the councils' decision on the programme (the region's decision rule):
    (regeling, share of the councils, share of the population or None when the rule does not count population)."""
    regeling = regeling_van(regio)
    n = len(rijen)
    leden = 100 / n if n else None
    bevolking = None
    if regeling.beslisregel in (Beslisregel.BEVOLKING, Beslisregel.BEIDE) and totaal_inwoners:
        bevolking = (bestuur.inwoners or 0) / totaal_inwoners * 100
    return regeling, leden, bevolking


@dataclass
class Zetel:
    """A current seat in one of the region's bodies, as the grip page shows it (`zetels_van`)."""

    orgaan: "Orgaanregel"
    orgaan_id: int
    rol: str
    namens_id: int | None
    persoon: str
    begindatum: datetime.date

    def get_rol_display(self):
        return Rol(self.rol).label


# `besturen_selectors.ROL_VOLGORDE` as (role, position) pairs, for the written-out query of `zetels_van`.
_ROLLEN_OP_VOLGORDE = [
    (str(when.condition.children[0][1]), when.result.value) for when in besturen_selectors.ROL_VOLGORDE.cases
]


@dataclass
class Orgaanregel:
    """A body of the region as the grip page shows it: its pk, name and abbreviation (and, once counted by
    `deelnemers`, `stemmen_totaal`: its voting seats)."""

    pk: int
    naam: str
    afkorting: str
    stemmen_totaal: int = 0


@dataclass
class Zetels:
    """The current seats in the region's bodies as the grip page uses them (`zetels_van`)."""

    per_namens: Counter  # (body id, member id) → voting seats (`STEMMENDE_ROLLEN`)
    per_orgaan: Counter  # body id → voting seats, in the order of the bodies' names
    organen: dict  # body id → Orgaanregel, for the bodies with a voting seat or a seat of the member
    vertegenwoordigers: list  # the member's own seats (`Zetel`s), in the order of the representatives' table


_ORGAAN_EN_LID = itemgetter(1, 2)  # a counted seat's (body id, member id)
_ORGAAN = itemgetter(1)


def zetels_van(regio, bestuur, day=None):
    """The current seats in the region's bodies (one query, for `deelnemers` and the representatives' table): the
    voting seats counted per body and member, and the seats held for `bestuur` as `Zetel`s, read as plain values
    (a region has some 200 seats; a model instance, or even a `Zetel`, per seat cost more to build than the query
    to run).

    The query is written out: it gives what `besturen_selectors.current_seats(regio=regio)` (a person's seat,
    current on `day` as `current_q` has it) by body name, `ROL_VOLGORDE`, surname and id gives, in three parts of
    one UNION ALL: the region's bodies (by name and id), the voting seats as (body, member) only, and the seats held
    for `bestuur` with their holder's name and start date, in that order. Only the last part is sorted by name and
    joined to the people: sorting all the region's seats by their body's and holder's names and looking up every
    holder took PostgreSQL three times what the query now takes, and the counted seats need neither."""
    day = day or timezone.localdate()
    sql = _ZETELS_SQL.get(connection.vendor) or _zetels_sql(connection)
    params = [
        regio.pk,
        day,
        day,
        *STEMMENDE_ROLLEN,
        regio.pk,
        *_VOLGORDE_PARAMS,
        day,
        day,
        bestuur.pk,
        regio.pk,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        gelezen = cursor.fetchall()
    n_organen = bisect_left(gelezen, 1, key=_DEEL)
    n_stemmen = bisect_left(gelezen, 2, key=_DEEL, lo=n_organen)
    alle = {rij[1]: Orgaanregel(rij[1], rij[3], rij[4]) for rij in gelezen[:n_organen]}
    stemmen = gelezen[n_organen:n_stemmen]
    per_namens = Counter(map(_ORGAAN_EN_LID, stemmen))
    geteld = Counter(map(_ORGAAN, stemmen))
    eigen = [
        Zetel(
            alle[orgaan_id],
            orgaan_id,
            rol,
            namens_id,
            f"{voornaam} {achternaam}",
            sqlrijen.als_datum(begindatum),
        )
        for _, orgaan_id, namens_id, _, rol, voornaam, achternaam, begindatum, *_ in gelezen[n_stemmen:]
    ]  # SQLite gives the text of a date in the later parts of a UNION
    eigen_organen = {zetel.orgaan_id for zetel in eigen}
    # By the bodies' names, as the seats were read before (`deelnemers` lists the bodies in this order).
    per_orgaan = Counter({pk: geteld[pk] for pk in alle if pk in geteld})
    organen = {pk: orgaan for pk, orgaan in alle.items() if pk in geteld or pk in eigen_organen}
    return Zetels(per_namens, per_orgaan, organen, eigen)


_DEEL = itemgetter(0)  # the part of `zetels_van`'s query a row comes from


_ZETELS_SQL = {}  # database vendor → the text of `zetels_van`'s query: a function of the code alone
_VOLGORDE_PARAMS = [rol for rol, _ in _ROLLEN_OP_VOLGORDE]  # the roles of `ROL_VOLGORDE`, in its order


def _zetels_sql(verbinding):
    """The text of `zetels_van`'s query on `verbinding` (written once per process). Its parameters: the region, the
    day twice, `STEMMENDE_ROLLEN`, the region, `_VOLGORDE_PARAMS`, the day twice, the member and the region."""
    qn = verbinding.ops.quote_name
    lid, orgaan_tabel, persoon_tabel = (qn(m._meta.db_table) for m in (Lidmaatschap, Orgaan, Persoon))
    # The positions as numbers in the text (an integer column whatever types the driver gives its parameters).
    volgorde = " ".join(f"WHEN l.rol = %s THEN {int(positie)}" for _, positie in _ROLLEN_OP_VOLGORDE)
    zetel, _ = current_sql("l")
    stemmend, _ = sqlrijen.in_lijst("l.rol", STEMMENDE_ROLLEN)
    # The first part names each column's type (a NULL of the first part of a UNION would be text in PostgreSQL).
    typen = {
        naam: veld.cast_db_type(verbinding)
        for naam, veld in (
            ("namens", Lidmaatschap._meta.get_field("namens").target_field),
            ("voornaam", Persoon._meta.get_field("voornaam")),
            ("achternaam", Persoon._meta.get_field("achternaam")),
            ("begindatum", Lidmaatschap._meta.get_field("begindatum")),
            ("id", Lidmaatschap._meta.pk),
        )
    }
    sql = _ZETELS_SQL[verbinding.vendor] = (
        f"SELECT 0, o.id, CAST(NULL AS {typen['namens']}), o.naam, o.afkorting, CAST(NULL AS {typen['voornaam']}), "
        f"CAST(NULL AS {typen['achternaam']}), CAST(NULL AS {typen['begindatum']}), CAST(NULL AS integer), "
        f"CAST(o.id AS {typen['id']}) FROM {orgaan_tabel} o WHERE o.regio_id = %s "
        "UNION ALL SELECT 1, l.orgaan_id, l.namens_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
        f"FROM {lid} l INNER JOIN {orgaan_tabel} o ON l.orgaan_id = o.id "
        f"WHERE {zetel} AND l.persoon_id IS NOT NULL AND {stemmend} AND o.regio_id = %s "
        "UNION ALL SELECT 2, l.orgaan_id, l.namens_id, o.naam, l.rol, p.voornaam, p.achternaam, l.begindatum, "
        f"CASE {volgorde} ELSE NULL END, l.id "
        f"FROM {lid} l INNER JOIN {persoon_tabel} p ON l.persoon_id = p.id "
        f"INNER JOIN {orgaan_tabel} o ON l.orgaan_id = o.id "
        f"WHERE {zetel} AND l.namens_id = %s AND o.regio_id = %s "
        "ORDER BY 1 ASC, 4 ASC, 9 ASC, 7 ASC, 10 ASC"
    )
    return sql


# --- The pages -----------------------------------------------------------------------------------------------------


def komende_datums(programmas, *, besloten, aantal=AANTAL_DATUMS):
    """The next dates of the region's P&C calendar that are not done yet on the day `programmas` was read for (no
    query): `kalender.kalender` of `programmas`, the region's programmes as `selectors_grip.regio_programmas` reads
    them (with the councils' progress of the versions whose dates can still come, `kalender.programmas_uit`)."""
    vandaag = programmas.vandaag
    gegevens = kalender.programmas_uit(programmas.paren, besloten=besloten, voortgang=programmas.voortgang)
    momenten = kalender.momenten(gegevens, vandaag=vandaag)
    return [m for m in momenten if m.datum >= vandaag and not m.gedaan][:aantal]


def eenmaal(functie):
    """`functie` (no arguments) as a callable that runs it on the first call only: the page's sections
    (`raad/grip/html.py`) call it when they are written, so a section whose HTML comes from the cache never runs it."""
    uitkomst = []

    def lees():
        if not uitkomst:
            uitkomst.append(functie())
        return uitkomst[0]

    return lees


def grip(deelname, user):
    """Everything on one council's grip page for one partnership. The pieces of the sections the page caches per
    visibility class (see `views.fragment_sleutel`) are callables that read the database when a section first asks for
    them. What tells the reader's class (`besloten`, `eigen_rol`, and `raadslid` from `deelname_or_404`) is read now,
    on every request."""
    regio, bestuur = deelname.regio, deelname.bestuur
    # Asked of the database on every request, never of a cache: a right taken away counts on the next request (one
    # query each, kept for this request only).
    besloten = besturen_permissions.can_view_besloten_regio(user, regio)
    eigen_rol = besturen_permissions.heeft_regionale_rol(user, regio)
    lezer = user if eigen_rol else None  # a reader without a role here sees what their class sees
    notatie = eenmaal(Notatie)  # the active language's separators, looked up once for the page's figures
    zetels = eenmaal(lambda: zetels_van(regio, bestuur))
    deel = eenmaal(lambda: deelnemers(deelname.leden, bestuur, zetels(), notatie()))
    stem = eenmaal(lambda: stem_bij_programma(regio, bestuur, deel()[1], deel()[2]))
    # The contributions, the open decisions and the dates read the region's programmes once.
    programmas = eenmaal(lambda: selectors_grip.regio_programmas(regio, bestuur, besloten=besloten))
    jaren = eenmaal(lambda: programmas().bijdragen)
    opgaven = eenmaal(
        lambda: secties.opgaven_met_deelname(regio, bestuur, eigen_rol=eigen_rol, besloten=besloten)
    )
    documenten = eenmaal(lambda: secties.laatste_documenten(regio, lezer, besloten=besloten))
    return {
        "besloten": besloten,
        "organen": eenmaal(lambda: deel()[0]),
        "organen_teksten": eenmaal(lambda: rijen.organen_teksten(deel()[0])),
        "deelnemers": eenmaal(lambda: deel()[1]),
        "deelnemer_rijen": eenmaal(lambda: rijen.deelnemer_rijen(deel()[1])),
        "totaal_inwoners": eenmaal(lambda: deel()[2]),
        "totaal_inwoners_tekst": eenmaal(lambda: notatie().getal(deel()[2])),
        "regeling": eenmaal(lambda: stem()[0]),
        "stem_leden": eenmaal(lambda: stem()[1]),
        "stem_bevolking": eenmaal(lambda: stem()[2]),
        "vertegenwoordigers": eenmaal(lambda: zetels().vertegenwoordigers),
        "vertegenwoordiger_rijen": eenmaal(
            lambda: rijen.vertegenwoordiger_rijen(zetels().vertegenwoordigers)
        ),
        "raden": deelname.raden,
        "jaren": jaren,
        "bijdrage_rijen": eenmaal(lambda: rijen.bijdrage_rijen(jaren(), notatie())),
        "opgaven": opgaven,
        "opgave_rijen": eenmaal(lambda: rijen.opgave_rijen(opgaven(), notatie())),
        "open_besluiten": eenmaal(lambda: programmas().open_besluiten),
        "datums": eenmaal(lambda: komende_datums(programmas(), besloten=besloten)),
        "documenten": documenten,
        "document_rijen": eenmaal(lambda: rijen.document_rijen(documenten())),
        "eigen_rol": eigen_rol,
        "raadslid": deelname.raadslid,
    }


def samenwerkingen(bestuur, user):
    """The current partnerships of `bestuur`, each with a one-line summary: members, seats for `bestuur`, this
    year's or the latest contribution and the open decisions (six queries, whatever their number)."""
    deelnames = list(
        Deelname.objects.current()
        .filter(bestuur=bestuur)
        .select_related("regio")
        .annotate(
            aantal_deelnemers=Subquery(
                Deelname.objects.current()
                .filter(regio=OuterRef("regio"))
                .values("regio")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
        )
        .order_by("regio__naam")
    )
    regio_ids = [d.regio_id for d in deelnames]
    besloten = besloten_regio_ids(user) & set(regio_ids)
    bijdragen = selectors_grip.bijdragen_per_jaar(bestuur, regio_ids, besloten=besloten)
    open_besluiten = selectors_grip.open_raadsbesluiten(bestuur, regio_ids, besloten=besloten)
    zetels = dict(
        besturen_selectors.current_seats(regios=regio_ids)
        .filter(namens=bestuur)
        .values("orgaan__regio")
        .annotate(n=Count("pk"))
        .values_list("orgaan__regio", "n")
        .order_by()
    )
    for deelname in deelnames:
        jaren = bijdragen.get(deelname.regio_id, [])
        deelname.laatste_bijdrage = jaren[-1] if jaren else None
        deelname.open_besluiten = [
            b for b in open_besluiten if b.versie.jaarprogramma.regio_id == deelname.regio_id
        ]
        deelname.zetels = zetels.get(deelname.regio_id, 0)
    return deelnames
