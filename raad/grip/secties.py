"""The grip page's sections that are read as the reader's class sees them, unless the reader holds a role in the
region (`besturen.permissions.heeft_regionale_rol`): the opgaven the municipality takes part in, and the latest items
and meeting documents. Each is one query of plain values (see `selectors.grip`, which calls them)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import DateTimeField, F, FilteredRelation, OuterRef, Q, Subquery, Value
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone

from besturen import selectors as besturen_selectors
from besturen.models import Stuk, Zichtbaarheid
from opgaven.models import Capaciteit, Opgave, Voortgang, VoortgangStatus
from opgaven.models import Status as OpgaveStatus
from opgaven.selectors import opgaven_visible_to
from programmas import selectors_grip
from vergaderingen import permissions as vergadering_permissions
from vergaderingen.models import OP_DE_AGENDA, Document, gepubliceerd_q

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
    reader without one sees the published ones, as the public does. Neither needs the reader's permission subqueries."""
    vandaag = vandaag or timezone.localdate()
    ids = selectors_grip.deelgenomen_opgaven(
        bestuur, regio, besloten={regio.pk} if besloten else set()
    )  # subquery
    laatste = Voortgang.objects.filter(opgave=OuterRef("pk")).order_by("-periode_eind")
    m = "huidig__"
    rijen = (
        (Opgave.objects.all() if eigen_rol else opgaven_visible_to(None))
        .filter(
            Q(pk__in=ids) | Q(pk__in=Capaciteit.objects.filter(bestuur=bestuur).values("opgave")), regio=regio
        )
        .annotate(
            huidig=FilteredRelation(
                "mandaten", condition=Q(mandaten__begindatum__lte=vandaag, mandaten__einddatum__gte=vandaag)
            ),
            voortgang_status=Subquery(laatste.values("status")[:1]),
            voortgang_periode=Subquery(laatste.values("periode_eind")[:1]),
            voortgang_besteed=Subquery(laatste.values("besteed")[:1]),
        )
        .order_by("titel", "pk", f"-{m}begindatum", f"{m}pk")  # mandates as `Mandaat.Meta.ordering`
        .values_list(
            "pk",
            "titel",
            "status",
            "voortgang_status",
            "voortgang_periode",
            "voortgang_besteed",
            f"{m}pk",
            f"{m}omschrijving",
            f"{m}budgetplafond",
            f"{m}einddatum",
            f"{m}houder__persoon__voornaam",
            f"{m}houder__persoon__achternaam",
            f"{m}houder__externe_partij__naam",
            f"{m}verleend_door__naam",
        )
    )
    opgaven = {}
    for pk, titel, status, v_status, v_periode, v_besteed, mandaat, *rest in rijen:
        opgave = opgaven.get(pk)
        if opgave is None:
            label = OpgaveStatus(status).label if status else ""
            opgave = opgaven[pk] = Opgaveregel(pk, titel, label, v_status, v_periode, v_besteed)
        if mandaat is not None:
            omschrijving, plafond, einde, voornaam, achternaam, partij, orgaan = rest
            houder = f"{voornaam} {achternaam}" if voornaam is not None else partij
            opgave.mandaten.append(Mandaatregel(omschrijving, plafond, houder, orgaan, einde))
    return list(opgaven.values())


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
    `vergadering_permissions.organen_van` let them see here, without building their permission subqueries."""
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
        Documentregel(
            titel,
            reverse("vergaderingen:document" if is_document else "besturen:stuk", kwargs={"pk": pk}),
            dag,
            bron,
        )
        for is_document, pk, titel, dag, tijd, bron in rijen
    ]
