"""Reads for the meeting and planning-day pages, each shaped for its page (no queries per row)."""

import datetime

from django.contrib.auth import get_user_model
from django.db import connections
from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.utils import timezone

from besturen.selectors import current_members, current_seats, rollen_in_regio
from opgaven.models import Opgave
from regioportaal import sqlrijen

from . import permissions
from .models import (
    OP_DE_AGENDA,
    Aanwezigheid,
    Agendapunt,
    AgendapuntStatus,
    Besluit,
    Blok,
    Document,
    KeuzeStatus,
    Sessiekeuze,
    Stem,
    Stemming,
    Uitnodiging,
    Vergadering,
    VergaderingStatus,
    Werksessie,
    gepubliceerd_q,
)


def vergaderingen_van(orgaan, *, lid):
    """Meetings of a body: all for its members, those with a published agenda for everyone else."""
    qs = Vergadering.objects.filter(orgaan=orgaan)
    if not lid:
        qs = qs.filter(gepubliceerd_q())
    return qs.annotate(aantal_punten=Count("agendapunten", filter=_punten_q(lid, "agendapunten__"))).order_by(
        "begin"
    )


def volgende_vergadering(vergadering):
    """The next meeting of the same body whose agenda can still take items."""
    return (
        Vergadering.objects.filter(
            orgaan=vergadering.orgaan_id,
            begin__gt=vergadering.begin,
            status__in=[VergaderingStatus.GEPLAND, VergaderingStatus.AGENDA_GEPUBLICEERD],
        )
        .order_by("begin", "pk")
        .first()
    )


def komend_en_voorbij(qs, now=None):
    now = now or timezone.now()
    return qs.filter(einde__gte=now), qs.filter(einde__lt=now).order_by("-begin")


def _punten_q(met_besloten, prefix=""):
    q = Q(**{f"{prefix}status__in": OP_DE_AGENDA})  # withdrawn items keep their number and show as withdrawn
    if not met_besloten:
        q &= Q(**{f"{prefix}openbaar": True})
    return q


def agenda(vergadering, *, met_besloten):
    """The numbered items of a meeting with their opgave, documents, decision and vote."""
    return list(
        Agendapunt.objects.filter(_punten_q(met_besloten), vergadering=vergadering)
        .select_related("opgave", "besluit__stemming", "notulen_van")
        .prefetch_related(
            Prefetch("documenten", queryset=Document.objects.order_by("naam", "pk")),
            Prefetch(
                "besluit__stemming__stemmen",
                queryset=Stem.objects.select_related("lidmaatschap__persoon").order_by(
                    "lidmaatschap__persoon__achternaam"
                ),
            ),
        )
        .order_by("volgnummer", "pk")
    )


def agenda_pagina(vergadering, *, met_besloten):
    """`agenda(vergadering, met_besloten=...)` for the meeting page, from written-out queries (building the ORM's
    select_related and prefetch cost three times what they run): the items in its order, each with its opgave (its
    id and title, all the page shows), its decision and vote, and its documents (by name), each document's item
    set as the prefetch sets it; the votes of a vote by the ORM's own prefetch, only when there is a vote. Unlike
    `agenda` it leaves out `notulen_van` (the page does not show it: reading it is a query)."""
    alias = Agendapunt.objects.db
    connection = connections[alias]
    qn = connection.ops.quote_name
    delen = [(Agendapunt, "p"), (Besluit, "b"), (Stemming, "s")]
    statussen, params = sqlrijen.in_lijst(f"p.{qn('status')}", OP_DE_AGENDA)
    if not met_besloten:
        statussen += f" AND p.{qn('openbaar')} = %s"
        params.append(True)
    sql = (
        f"SELECT {sqlrijen.kolommen(delen, connection)}, o.{qn('id')}, o.{qn('titel')} "
        f"FROM {qn(Agendapunt._meta.db_table)} p "
        f"LEFT OUTER JOIN {qn(Opgave._meta.db_table)} o ON o.{qn('id')} = p.{qn('opgave_id')} "
        f"LEFT OUTER JOIN {qn(Besluit._meta.db_table)} b ON b.{qn('agendapunt_id')} = p.{qn('id')} "
        f"LEFT OUTER JOIN {qn(Stemming._meta.db_table)} s ON s.{qn('besluit_id')} = b.{qn('id')} "
        f"WHERE {statussen} AND p.{qn('vergadering_id')} = %s "
        f"ORDER BY p.{qn('volgnummer')} ASC, p.{qn('id')} ASC"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, vergadering.pk])
        rijen = cursor.fetchall()
    punten, stemmingen = [], []
    opgave_veld, besluit_rel = Agendapunt._meta.get_field("opgave"), Agendapunt._meta.get_field("besluit")
    stemming_rel = Besluit._meta.get_field("stemming")
    for rij in rijen:
        (punt, besluit, stemming), (opgave_id, titel) = sqlrijen.objecten(alias, delen, rij)
        opgave = (
            None if opgave_id is None else sqlrijen.maak(Opgave, alias, ["id", "titel"], (opgave_id, titel))
        )
        opgave_veld.set_cached_value(punt, opgave)
        besluit_rel.set_cached_value(punt, besluit)  # None: no decision (the descriptor raises, as the ORM's)
        if besluit is not None:
            besluit_rel.field.set_cached_value(besluit, punt)
            stemming_rel.set_cached_value(besluit, stemming)
            if stemming is not None:
                stemming_rel.field.set_cached_value(stemming, besluit)
                stemmingen.append(stemming)
        punt._prefetched_objects_cache = {}
        punten.append(punt)
    _documenten_van(punten, alias)
    if stemmingen:
        prefetch_related_objects(stemmingen, Prefetch("stemmen", queryset=_STEMMEN()))
    return punten


def _STEMMEN():
    """The votes of a vote as `agenda` prefetches them."""
    return Stem.objects.select_related("lidmaatschap__persoon").order_by("lidmaatschap__persoon__achternaam")


def _documenten_van(punten, alias):
    """Each item's documents by name (and id), as `agenda`'s prefetch gives them (`punt.documenten.all()`), each
    with its item in place; one query for all items."""
    if not punten:
        return
    connection = connections[alias]
    qn = connection.ops.quote_name
    van, params = sqlrijen.in_lijst(f"d.{qn('agendapunt_id')}", [punt.pk for punt in punten])
    sql = (
        f"SELECT {sqlrijen.kolommen([(Document, 'd')], connection)} FROM {qn(Document._meta.db_table)} d "
        f"WHERE {van} ORDER BY d.{qn('naam')} ASC, d.{qn('id')} ASC"
    )
    per_punt = {punt.pk: [] for punt in punten}
    punt_van = {punt.pk: punt for punt in punten}
    veld = Document._meta.get_field("agendapunt")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for rij in cursor.fetchall():
            (document,), _rest = sqlrijen.objecten(alias, [(Document, "d")], rij)
            veld.set_cached_value(document, punt_van[document.agendapunt_id])
            per_punt[document.agendapunt_id].append(document)
    cache_naam = veld.remote_field.cache_name
    for punt in punten:
        documenten = punt.documenten._apply_rel_filters(Document.objects.using(alias).all())
        documenten._result_cache = per_punt[punt.pk]
        documenten._prefetch_done = True
        punt._prefetched_objects_cache[cache_naam] = documenten


# Every column of an item and of its proposer, in the models' order (as `Model.from_db` takes them).
_PUNT_VELDEN = [f.attname for f in Agendapunt._meta.concrete_fields]
_USER_VELDEN = [f.attname for f in get_user_model()._meta.concrete_fields]
_USER_PK = _USER_VELDEN.index(get_user_model()._meta.pk.attname)
_BEHEER_STATUSSEN = [*OP_DE_AGENDA, AgendapuntStatus.VOORGESTELD]


def _agenda_beheer_sql(connection):
    """The query of `agenda_beheer` and its parameters after the meeting's id."""
    qn = connection.ops.quote_name
    user = get_user_model()
    kolommen = [f"p.{qn(f.column)}" for f in Agendapunt._meta.concrete_fields] + [
        f"u.{qn(f.column)}" for f in user._meta.concrete_fields
    ]
    statussen, params = sqlrijen.in_lijst(f"p.{qn('status')}", _BEHEER_STATUSSEN)
    document = Document._meta
    sql = (
        f"SELECT {', '.join(kolommen)}, (SELECT COUNT(*) FROM {qn(document.db_table)} d "
        f"WHERE d.{qn(document.get_field('agendapunt').column)} = p.{qn('id')}) "
        f"FROM {qn(Agendapunt._meta.db_table)} p "
        f"LEFT OUTER JOIN {qn(user._meta.db_table)} u ON u.{qn('id')} = p.{qn('voorgesteld_door_id')} "
        f"WHERE p.{qn('vergadering_id')} = %s AND {statussen} "
        f"ORDER BY p.{qn('volgnummer')} ASC, p.{qn('id')} ASC"
    )
    return sql, params


def agenda_beheer(vergadering):
    """The secretariat's agenda builder in one query, none of the decisions and votes the meeting page shows:
    `(punten, voorstellen)`, the numbered items of the meeting, closed ones included, by number, each with its
    number of documents (`aantal_documenten`), and the items members proposed that the secretariat has not yet
    accepted or declined, oldest first. Every item comes with its proposer, as `select_related("voorgesteld_door")`
    leaves it. One written-out query (as `Agendapunt.objects.filter(vergadering=vergadering, status__in=[*OP_DE_AGENDA,
    AgendapuntStatus.VOORGESTELD]).select_related("voorgesteld_door").annotate(aantal_documenten=Count("documenten"))
    .order_by("volgnummer", "pk")` reads them): building it with the ORM cost more than running it."""
    db = Agendapunt.objects.db
    connection = connections[db]
    sql, params = _agenda_beheer_sql(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, [vergadering.pk, *params])
        rijen = cursor.fetchall()
    user, n, m = get_user_model(), len(_PUNT_VELDEN), len(_PUNT_VELDEN) + len(_USER_VELDEN)
    punten, voorstellen = [], []
    for rij in rijen:
        punt = sqlrijen.maak(Agendapunt, db, _PUNT_VELDEN, rij[:n])
        door = None if rij[n + _USER_PK] is None else sqlrijen.maak(user, db, _USER_VELDEN, rij[n:m])
        Agendapunt.voorgesteld_door.field.set_cached_value(punt, door)
        punt.aantal_documenten = rij[m]
        (voorstellen if punt.status == AgendapuntStatus.VOORGESTELD else punten).append(punt)
    voorstellen.sort(key=lambda punt: punt.pk)
    return punten, voorstellen


def aanwezigheden(vergadering):
    return list(
        Aanwezigheid.objects.filter(vergadering=vergadering)
        .select_related("lidmaatschap__persoon", "lidmaatschap__namens")
        .order_by("lidmaatschap__persoon__achternaam", "lidmaatschap__persoon__voornaam")
    )


def zetels_op(vergadering):
    """The seats that count at a meeting: current on the day it was held."""
    return list(
        current_seats(orgaan=vergadering.orgaan_id, day=timezone.localtime(vergadering.begin).date())
        .select_related("persoon", "namens")
        .order_by("persoon__achternaam", "persoon__voornaam")
    )


FEED_TERUG = datetime.timedelta(days=366)


def _feed(qs, *, met_besloten):
    """Meetings for a calendar feed: from a year back, with their items in one extra query (`feedpunten`)."""
    punten = Agendapunt.objects.filter(_punten_q(met_besloten)).order_by("volgnummer", "pk")
    return (
        qs.filter(begin__gte=timezone.now() - FEED_TERUG)
        .select_related("orgaan")
        .prefetch_related(Prefetch("agendapunten", queryset=punten, to_attr="feedpunten"))
        .order_by("begin", "pk")
    )


def persoonlijke_vergaderingen(user, *, feed=False):
    """Every meeting of the bodies the user is a member of or manages (for the personal calendar)."""
    qs = Vergadering.objects.filter(orgaan__in=permissions.organen_van(user))
    if feed:
        return _feed(qs, met_besloten=True)
    return qs.select_related("orgaan").order_by("begin")


def openbare_vergaderingen(orgaan):
    """The public feed of a body: meetings with a published agenda, public items only."""
    return _feed(Vergadering.objects.filter(gepubliceerd_q(), orgaan=orgaan), met_besloten=False)


# --- Planning days ---------------------------------------------------------------------------------------------


def programma(bijeenkomst):
    """The blocks of a planning day with their sessions, seats taken, waiting list and working documents."""
    sessies = Werksessie.objects.annotate(
        bezet=Count("keuzes", filter=Q(keuzes__status=KeuzeStatus.BEVESTIGD)),
        wachtend=Count("keuzes", filter=Q(keuzes__status=KeuzeStatus.WACHTLIJST)),
    ).prefetch_related("documenten")
    blokken = list(
        Blok.objects.filter(bijeenkomst=bijeenkomst).prefetch_related(Prefetch("sessies", queryset=sessies))
    )
    for blok in blokken:
        for sessie in blok.sessies.all():
            sessie.vrij = max(sessie.capaciteit - sessie.bezet, 0)
    return blokken


def eigen_inschrijving(bijeenkomst, user):
    if not user.is_authenticated:
        return None
    inschrijving = bijeenkomst.inschrijvingen.filter(user=user).select_related("bestuur").first()
    if inschrijving is not None:
        inschrijving.gekozen = list(
            inschrijving.keuzes.select_related("werksessie__blok").order_by("blok__begin")
        )
    return inschrijving


def overzicht(bijeenkomst):
    """Per member government × theme: how many confirmed participants (is every bestuur in every theme?)."""
    besturen = list(current_members(bijeenkomst.regio_id, bijeenkomst.datum))
    themas = sorted(
        set(Werksessie.objects.filter(blok__bijeenkomst=bijeenkomst).values_list("thema", flat=True))
    )
    tellingen = {
        (rij["inschrijving__bestuur"], rij["werksessie__thema"]): rij["n"]
        for rij in Sessiekeuze.objects.filter(
            inschrijving__bijeenkomst=bijeenkomst, status=KeuzeStatus.BEVESTIGD
        )
        .values("inschrijving__bestuur", "werksessie__thema")
        .annotate(n=Count("pk"))
    }
    rijen = [
        {
            "bestuur": bestuur,
            "cellen": [tellingen.get((bestuur.pk, thema), 0) for thema in themas],
        }
        for bestuur in besturen
    ]
    for rij in rijen:
        rij["ontbrekend"] = sum(1 for n in rij["cellen"] if n == 0)
    per_thema = [sum(rij["cellen"][i] for rij in rijen) for i in range(len(themas))]
    volledig = [all(rij["cellen"][i] for rij in rijen) for i in range(len(themas))]
    return {"themas": themas, "rijen": rijen, "per_thema": per_thema, "volledig": volledig}


def deelnemers(bijeenkomst):
    """Every session choice of a planning day, for the CSV export (iterate; do not load all at once)."""
    return (
        Sessiekeuze.objects.filter(inschrijving__bijeenkomst=bijeenkomst)
        .select_related(
            "inschrijving__user", "inschrijving__uitnodiging", "inschrijving__bestuur", "werksessie__blok"
        )
        .order_by("inschrijving__bestuur__naam", "inschrijving__user__last_name", "blok__begin", "pk")
    )


class Kandidaat:
    """A person who may be invited to a region's planning day: their seats' member government and roles."""

    def __init__(self, persoon, bestuur):
        self.persoon = persoon
        self.bestuur = bestuur
        self.functies = []

    @property
    def label(self):
        return f"{self.persoon} ({', '.join(self.functies)})"


def uitnodiging_kandidaten(regio, day=None):
    """The people with an e-mail address who hold a current seat in the region's bodies or its members' councils,
    one each (with the member government they sit for), ordered by government and name: a list."""
    leden = {bestuur.pk: bestuur for bestuur in current_members(regio, day)}
    kandidaten = {}
    for zetel in rollen_in_regio(regio, day).filter(persoon__isnull=False).exclude(persoon__email=""):
        bestuur = leden.get(zetel.namens_id or zetel.orgaan.bestuur_id)
        kandidaat = kandidaten.get(zetel.persoon_id)
        if kandidaat is None:
            kandidaat = kandidaten[zetel.persoon_id] = Kandidaat(zetel.persoon, bestuur)
        kandidaat.bestuur = kandidaat.bestuur or bestuur
        kandidaat.functies.append(f"{zetel.get_rol_display()}, {zetel.orgaan.afkorting or zetel.orgaan.naam}")
    return sorted(
        kandidaten.values(),
        key=lambda k: (
            k.bestuur is None,
            k.bestuur.naam if k.bestuur else "",
            k.persoon.achternaam,
            k.persoon.voornaam,
        ),
    )


def uitnodigingen_van(bijeenkomst):
    """A planning day's invitations with their registration (if any), by name."""
    return list(
        Uitnodiging.objects.filter(bijeenkomst=bijeenkomst)
        .select_related("bestuur", "inschrijving")
        .order_by("naam", "pk")
    )


def opbrengsten(bijeenkomst):
    """The blocks with work sessions of a planning day, each with its sessions and their outputs."""
    return list(
        Blok.objects.filter(bijeenkomst=bijeenkomst, sessies__isnull=False)
        .distinct()
        .prefetch_related(Prefetch("sessies", queryset=Werksessie.objects.order_by("thema")))
        .order_by("begin", "pk")
    )


def kalendertoken_van(user):
    """The user's calendar token, or None when they never made one (a read: nothing is created here)."""
    from .models import KalenderToken

    return KalenderToken.objects.filter(user=user).first()


def gehouden_vergaderingen(orgaan_ids, sinds):
    """The meetings of these bodies marked as held (minutes approved or not) that began on or after the day `sinds`,
    oldest first (one query)."""
    return (
        Vergadering.objects.filter(
            orgaan__in=orgaan_ids,
            status__in=[VergaderingStatus.AFGELOPEN, VergaderingStatus.NOTULEN_GOEDGEKEURD],
            begin__date__gte=sinds,
        )
        .select_related("orgaan")
        .order_by("begin", "pk")
    )
