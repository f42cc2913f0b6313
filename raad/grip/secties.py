"""The grip page's sections that are read as the reader's class sees them, unless the reader holds a role in the
region (`besturen.permissions.heeft_regionale_rol`): the opgaven the municipality takes part in, and the latest items
and meeting documents. Each is one query of plain values (see `selectors.grip`, which calls them)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, connections
from django.db.models import DateTimeField, F, Q, Value
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone

from besturen import selectors as besturen_selectors
from besturen.models import ExternePartij, Lidmaatschap, Orgaan, Persoon, Stuk, Zichtbaarheid
from opgaven.models import Capaciteit, Mandaat, Opgave, Voortgang, VoortgangStatus
from programmas.models import Jaarprogramma, Programmaregel, Versie
from regioportaal import sqlrijen
from vergaderingen import permissions as vergadering_permissions
from vergaderingen.models import (
    OP_DE_AGENDA,
    Agendapunt,
    Document,
    Vergadering,
    gepubliceerd_q,
    gepubliceerd_sql,
)

from . import rijen as grip_rijen

AANTAL_DOCUMENTEN = 8


# --- Opgaven -------------------------------------------------------------------------------------------------------


@dataclass
class Mandaatregel:
    """A current mandate on an opgave, as the grip page shows it."""

    omschrijving: str
    budgetplafond: Decimal
    houder: str  # the person in the seat, or the external party itself (`Lidmaatschap.houder`)
    orgaan: str  # the body that granted it
    einddatum: datetime.date


@dataclass
class Opgaveregel:
    """An opgave on the grip page with its latest progress report and its current mandates (`opgaven_met_deelname`)."""

    pk: int
    titel: str
    status: str  # the label
    voortgang_status: str | None
    voortgang_periode: datetime.date | None
    voortgang_besteed: Decimal | None
    mandaten: list = field(default_factory=list)  # Mandaatregel

    def get_absolute_url(self):
        return reverse("opgaven:opgave", kwargs={"pk": self.pk})

    @property
    def voortgang_label(self):
        return VoortgangStatus(self.voortgang_status).label if self.voortgang_status else ""


def opgaven_met_deelname(regio, bestuur, *, eigen_rol, besloten, vandaag=None):
    """The opgaven of `regio` the reader may see in which `bestuur` takes part (a line of a programme it shares, or
    capacity it contributes), each with its latest progress report and its current mandates: `Opgaveregel`s by
    title, from one query of plain values (a row per opgave and current mandate, the mandates joined on their dates).

    `eigen_rol`: the reader holds a role in the region (`besturen.permissions.heeft_regionale_rol`): they see all its
    opgaven, drafts too (the region is among their `regios_met_regionale_rol`, which `opgaven_visible_to` asks); a
    reader without one sees the published ones, as the public does. Neither needs the reader's permission subqueries.

    The query is written out: it is `(Opgave.objects.all() if eigen_rol else opgaven_visible_to(None))` of the region
    whose id is in `selectors_grip.deelgenomen_opgaven(bestuur, regio, besloten=...)` or among the opgaven `bestuur`
    contributes capacity to, with the latest `Voortgang` (by `periode_eind`) as three subqueries and the mandates
    current on `vandaag` joined (a `FilteredRelation`) with their holder and body; the ORM spent several times the
    query's own time building and compiling it."""
    vandaag = vandaag or timezone.localdate()
    eigen_rol, besloten = bool(eigen_rol), bool(besloten)
    sql = _OPGAVEN_SQL.get((connection.vendor, eigen_rol, besloten)) or _opgaven_sql(
        connection, eigen_rol, besloten
    )
    params = [vandaag, vandaag, bestuur.pk, regio.pk, regio.pk, bestuur.pk, regio.pk]
    with connections[Opgave.objects.db].cursor() as cursor:  # the ORM's database (`regioportaal.dbrouter`)
        cursor.execute(sql, params)
        rijen = cursor.fetchall()
    labels = grip_rijen._labels(
        Opgave, "status"
    )  # `OpgaveStatus(status).label`, translated once per language
    opgaven = {}
    for pk, titel, status, v_status, v_periode, v_besteed, mandaat, *rest in rijen:
        opgave = opgaven.get(pk)
        if opgave is None:
            label = labels.get(status, status) if status else ""
            opgave = opgaven[pk] = Opgaveregel(
                pk, titel, label, v_status, sqlrijen.als_datum(v_periode), sqlrijen.als_decimaal(v_besteed)
            )  # SQLite gives the subqueries' date as text and decimals as floats
        if mandaat is not None:
            omschrijving, plafond, einde, voornaam, achternaam, partij, orgaan = rest
            houder = f"{voornaam} {achternaam}" if voornaam is not None else partij
            opgave.mandaten.append(
                Mandaatregel(
                    omschrijving, sqlrijen.als_decimaal(plafond), houder, orgaan, sqlrijen.als_datum(einde)
                )
            )
    return list(opgaven.values())


_OPGAVEN_SQL = {}  # (database vendor, eigen_rol, besloten) → the text of `opgaven_met_deelname`'s query


def _opgaven_sql(verbinding, eigen_rol, besloten):
    """The text of `opgaven_met_deelname`'s query on `verbinding` (written once per process and case). Its
    parameters: the day twice, the member, the region twice, the member and the region."""
    q = {
        m: verbinding.ops.quote_name(m._meta.db_table)
        for m in (Opgave, Voortgang, Mandaat, Lidmaatschap, Persoon, ExternePartij, Orgaan, Capaciteit)
    }
    regel, versie, programma = (
        verbinding.ops.quote_name(m._meta.db_table) for m in (Programmaregel, Versie, Jaarprogramma)
    )
    regel_deelnemers = verbinding.ops.quote_name(Programmaregel.deelnemers.through._meta.db_table)
    laatste = f"(SELECT vg.{{}} FROM {q[Voortgang]} vg WHERE vg.opgave_id = o.id ORDER BY vg.periode_eind DESC LIMIT 1)"
    # The lines of the programmes of `regio` in versions the reader may see: every version when `besloten`. The
    # programmes are also named by a subquery on their region: PostgreSQL then reads the versions through their
    # programme's index instead of reading them all.
    zichtbaar = "" if besloten else "v.openbaar AND "
    sql = _OPGAVEN_SQL[verbinding.vendor, eigen_rol, besloten] = (
        "SELECT o.id, o.titel, o.status, "
        + ", ".join(laatste.format(kolom) for kolom in ("status", "periode_eind", "besteed"))
        + ", m.id, m.omschrijving, m.budgetplafond, m.einddatum, p.voornaam, p.achternaam, e.naam, vd.naam "
        f"FROM {q[Opgave]} o "
        f"LEFT OUTER JOIN {q[Mandaat]} m ON o.id = m.opgave_id AND m.begindatum <= %s AND m.einddatum >= %s "
        f"LEFT OUTER JOIN {q[Lidmaatschap]} l ON m.houder_id = l.id "
        f"LEFT OUTER JOIN {q[Persoon]} p ON l.persoon_id = p.id "
        f"LEFT OUTER JOIN {q[ExternePartij]} e ON l.externe_partij_id = e.id "
        f"LEFT OUTER JOIN {q[Orgaan]} vd ON m.verleend_door_id = vd.id "
        f"WHERE {'' if eigen_rol else 'o.gepubliceerd AND '}("
        f"o.id IN (SELECT r.opgave_id FROM {regel} r INNER JOIN {versie} v ON r.versie_id = v.id "
        f"INNER JOIN {programma} j ON v.jaarprogramma_id = j.id "
        f"INNER JOIN {regel_deelnemers} rd ON r.id = rd.programmaregel_id "
        f"WHERE {zichtbaar}rd.bestuur_id = %s AND j.regio_id = %s "
        f"AND v.jaarprogramma_id IN (SELECT j2.id FROM {programma} j2 WHERE j2.regio_id = %s)) "
        f"OR o.id IN (SELECT c.opgave_id FROM {q[Capaciteit]} c WHERE c.bestuur_id = %s)) AND o.regio_id = %s "
        "ORDER BY o.titel ASC, o.id ASC, m.begindatum DESC, m.id ASC"
    )
    return sql


# --- Documents -----------------------------------------------------------------------------------------------------


@dataclass
class Documentregel:
    titel: str
    url: str
    datum: datetime.date
    bron: str  # the body


def laatste_documenten(regio, lezer, *, besloten, aantal=AANTAL_DOCUMENTEN):
    """The latest items and meeting documents of the region's bodies the reader may see, newest first, from one query
    of plain values (the items and the documents in one UNION ALL): meeting documents of published agendas only (the
    closed items' documents for the body's own members). On a day, items come before documents; items by id and
    documents by time, newest first.

    `lezer`: the reader when they hold a role in the region (`besturen_permissions.heeft_regionale_rol`), else None.
    A reader without one sees in this region what the public sees and, when `besloten` (`can_view_besloten_regio`),
    the items for the region (`Zichtbaarheid.REGIO`): exactly what `stukken_visible_to` and
    `vergadering_permissions.organen_van` let them see here, without building their permission subqueries. For them
    (the council members and the public: nearly every reader) the query is written out (`_rijen_zonder_rol`); the
    region's own people go through their permissions with the ORM (`_rijen_met_rol`)."""
    if lezer is None:
        rijen = _rijen_zonder_rol(regio, besloten=besloten, aantal=aantal)
    else:
        rijen = _rijen_met_rol(regio, lezer, besloten=besloten, aantal=aantal)
    stuk_url, document_url = (
        grip_rijen.url("besturen:stuk"),
        grip_rijen.url("vergaderingen:document"),
    )  # made once per process
    return [
        Documentregel(titel, (document_url if is_document else stuk_url)(pk), dag, bron)
        for is_document, pk, titel, dag, tijd, bron in rijen
    ]


def _rijen_zonder_rol(regio, *, besloten, aantal):
    """The rows (is_document, pk, title, day, time, body) of `laatste_documenten` for a reader without a role in the
    region, in its order. The query is written out: it is `_rijen_met_rol(regio, None, ...)`, whose building cost the
    ORM some ten times what the query takes. Each side stops at `aantal` in its own order (the order of the whole on
    either side); the day of a document (its time in the current time zone) and the final order of those few rows are
    worked out here, which SQLite and PostgreSQL then read alike."""
    besloten = bool(besloten)
    sql = _DOCUMENTEN_SQL.get((connection.vendor, besloten)) or _documenten_sql(connection, besloten)
    params = [
        Zichtbaarheid.OPENBAAR,
        *([Zichtbaarheid.REGIO] if besloten else []),
        regio.pk,
        aantal,
        *_GEPUBLICEERD_PARAMS,
        *OP_DE_AGENDA,
        regio.pk,
        aantal,
    ]
    with connections[Stuk.objects.db].cursor() as cursor:  # the ORM's database (`regioportaal.dbrouter`)
        cursor.execute(sql, params)
        gelezen = cursor.fetchall()
    rijen = []
    for is_document, pk, titel, datum, tijd, bron in gelezen:
        if is_document:
            tijd = sqlrijen.als_tijdstip(tijd)
            rijen.append((1, pk, titel, timezone.localtime(tijd).date(), tijd, bron))
        else:
            rijen.append((0, pk, titel, sqlrijen.als_datum(datum), None, bron))
    # By day (newest first), items before documents, then time and id (newest first).
    rijen.sort(key=lambda r: (-r[3].toordinal(), r[0], -(r[4].timestamp() if r[4] else 0), -r[1]))
    return rijen[:aantal]


_DOCUMENTEN_SQL = {}  # (database vendor, besloten) → the text of `_rijen_zonder_rol`'s query
_GEPUBLICEERD_PARAMS = gepubliceerd_sql("v")[1]  # the parameters of a published agenda: constants


def _documenten_sql(verbinding, besloten):
    """The text of `_rijen_zonder_rol`'s query on `verbinding` (written once per process and case). Its parameters:
    the visibilities, the region and the number, `_GEPUBLICEERD_PARAMS`, `OP_DE_AGENDA`, the region and the number."""
    qn = verbinding.ops.quote_name
    stuk, orgaan, document, punt, vergadering = (
        qn(m._meta.db_table) for m in (Stuk, Orgaan, Document, Agendapunt, Vergadering)
    )
    tijdtype = Document._meta.get_field("tijdstip").db_type(verbinding)
    datumtype = Stuk._meta.get_field("datum").db_type(verbinding)
    zichtbaar = [Zichtbaarheid.OPENBAAR, *([Zichtbaarheid.REGIO] if besloten else [])]
    zichtbaar_sql, _ = sqlrijen.in_lijst("s.zichtbaarheid", zichtbaar)
    gepubliceerd, _ = gepubliceerd_sql("v")
    agenda_sql, _ = sqlrijen.in_lijst("a.status", OP_DE_AGENDA)
    sql = _DOCUMENTEN_SQL[verbinding.vendor, besloten] = (
        f"SELECT * FROM (SELECT 0, s.id, s.titel, s.datum, CAST(NULL AS {tijdtype}), o.naam FROM {stuk} s "
        f"INNER JOIN {orgaan} o ON s.orgaan_id = o.id WHERE {zichtbaar_sql} AND o.regio_id = %s "
        "ORDER BY s.datum DESC, s.id DESC LIMIT %s) stukken "
        f"UNION ALL SELECT * FROM (SELECT 1, d.id, d.naam, CAST(NULL AS {datumtype}), d.tijdstip, o.naam "
        f"FROM {document} d INNER JOIN {punt} a ON d.agendapunt_id = a.id "
        f"INNER JOIN {vergadering} v ON a.vergadering_id = v.id INNER JOIN {orgaan} o ON v.orgaan_id = o.id "
        f"WHERE {gepubliceerd} "
        f"AND a.openbaar AND {agenda_sql} AND o.regio_id = %s AND d.ingetrokken_op IS NULL "
        "ORDER BY d.tijdstip DESC, d.id DESC LIMIT %s) documenten"
    )
    return sql


def _rijen_met_rol(regio, lezer, *, besloten, aantal):
    """The rows (is_document, pk, title, day, time, body) of `laatste_documenten` for `lezer` (None: as a reader
    without a role sees them), in its order: the items and documents as `stukken_visible_to` and
    `vergadering_permissions.organen_van` let the reader see them, in one ORM union."""
    stukken = besturen_selectors.stukken_visible_to(lezer)
    if besloten:
        stukken = stukken | Stuk.objects.filter(zichtbaarheid=Zichtbaarheid.REGIO)
    stukken = (
        stukken.filter(orgaan__regio=regio)
        .annotate(
            is_document=Value(0),
            dag=F("datum"),
            tijd=Value(None, output_field=DateTimeField()),
            bron=F("orgaan__naam"),
        )
        .order_by("-datum", "-id")
        .values_list("is_document", "pk", "titel", "dag", "tijd", "bron")
    )
    p = "agendapunt__"
    documenten = (
        Document.objects.filter(
            gepubliceerd_q(f"{p}vergadering__"),
            Q(**{f"{p}openbaar": True, f"{p}status__in": OP_DE_AGENDA})
            | Q(**{f"{p}vergadering__orgaan__in": vergadering_permissions.organen_van(lezer)}),
            agendapunt__vergadering__orgaan__regio=regio,
            ingetrokken_op__isnull=True,
        )
        .annotate(
            is_document=Value(1),
            dag=TruncDate("tijdstip"),
            tijd=F("tijdstip"),
            bron=F(f"{p}vergadering__orgaan__naam"),
        )
        .order_by("-tijdstip", "-pk")
        .values_list("is_document", "pk", "naam", "dag", "tijd", "bron")
    )
    if connection.features.supports_slicing_ordering_in_compound:  # PostgreSQL: each side stops at `aantal`
        stukken, documenten = stukken[:aantal], documenten[:aantal]
    else:  # SQLite allows no ORDER BY inside a compound statement: the union's own ordering decides
        stukken, documenten = stukken.order_by(), documenten.order_by()
    rijen = stukken.union(documenten, all=True).order_by("-dag", "is_document", "-tijd", "-pk")[:aantal]
    return [
        (is_document, pk, titel, sqlrijen.als_datum(dag), tijd, bron)
        for is_document, pk, titel, dag, tijd, bron in rijen
    ]
