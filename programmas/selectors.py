"""Reads for the programme pages: the cost split per member, the decision arithmetic, the status board."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connections
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from besturen.models import Bestuur, Orgaan
from opgaven.models import Opgave
from regioportaal import sqlrijen

from . import beslisregels, termijnen
from .models import (
    Bijdrage,
    Jaarprogramma,
    Programmaregel,
    Raadsbesluit,
    Registratie,
    Uitkomst,
    Versie,
    VersieStatus,
    Vraag,
)
from .programmaregels import Regelwijziging as Regelwijziging
from .programmaregels import Versieverschil as Versieverschil
from .programmaregels import diff_versies as diff_versies
from .programmaregels import met_titels as met_titels
from .programmaregels import regels_van
from .regeling import regel_uit, regel_van, regeling_voor, sleutel_van, tarief_van
from .verdeling import Lid, allocate, regelbedrag_per_inwoner
from .workflow import RAADSFASE


@dataclass
class Kostenverdeling:
    """The split of a version: per member, per line, with totals (everything adds up to the cent)."""

    regels: list
    besturen: list
    per_bestuur: dict = field(default_factory=dict)  # bestuur id -> {regel id: Decimal}
    totaal_per_bestuur: dict = field(default_factory=dict)
    totaal: Decimal = Decimal("0")
    fouten: dict = field(default_factory=dict)  # regel id -> message


def kostenverdeling(versie, regeling, *, deelnemers=True):
    """Split every line of `versie` over its participating members.

    A frozen version (routed or adopted) reads the stored shares: nothing the region changes later moves them.
    A concept is split live by the line's (or region's) key over today's populations; ties between equal remainders
    go to the lower NIS/CBS code. Each line gets `tarief_gebruikt`: the rate per inhabitant its split used (stored
    once frozen; None for a line not split per inhabitant), so a page never shows the region's later rate, and
    `aantal_deelnemers`: how many members share it. With `deelnemers=False` a frozen version's lines come without
    their participants and fixed contributions (two queries fewer; the stored shares name the participants).
    """
    if versie.bevroren_op is not None:
        regels = list(regels_van(versie)) if deelnemers else _regels_met_opgave(versie)
        return _bevroren_verdeling(versie, regels)
    regels = list(regels_van(versie))
    regeling = regeling_voor(versie, regeling)
    besturen = {}
    result = Kostenverdeling(regels=regels, besturen=[])
    per_bestuur = defaultdict(dict)
    for regel in regels:
        deelnemers = list(regel.deelnemers.all())
        regel.aantal_deelnemers = len(deelnemers)
        for b in deelnemers:
            besturen[b.pk] = b
        sleutel = sleutel_van(regel, regeling)
        bedrag = regel.bedrag
        tarief = tarief_van(regel, regeling)
        regel.tarief_gebruikt = tarief if sleutel == "per_inwoner" else None
        if sleutel == "per_inwoner" and tarief is not None:
            bedrag = regelbedrag_per_inwoner(tarief, [b.inwoners for b in deelnemers])
        try:
            shares = allocate(
                bedrag,
                [Lid(b.pk, b.inwoners or 0) for b in deelnemers],
                sleutel,
                vast={v.bestuur_id: v.bedrag for v in regel.vaste_bijdragen.all()},
                aandeel_bevolking=regeling.aandeel_bevolking,
                volgorde={b.pk: b.code for b in deelnemers},
            )
        except ValueError as exc:
            result.fouten[regel.pk] = str(exc)
            continue
        for bestuur_id, share in shares.items():
            per_bestuur[bestuur_id][regel.pk] = share
    result.besturen = sorted(besturen.values(), key=lambda b: b.naam)
    for b in result.besturen:
        b.gebruikt = (b.inwoners, b.inwoners_peildatum, b.inwoners_bron)
    result.per_bestuur = dict(per_bestuur)
    result.totaal_per_bestuur = {pk: sum(v.values(), Decimal("0")) for pk, v in per_bestuur.items()}
    result.totaal = sum(result.totaal_per_bestuur.values(), Decimal("0"))
    return result


_REGEL_VELDEN = [f.attname for f in Programmaregel._meta.concrete_fields]
_OPGAVE_VELDEN = [f.attname for f in Opgave._meta.concrete_fields]


def _regels_met_opgave(versie):
    """The lines of `versie` with their opgave, by its title, without participants or fixed contributions: as
    `list(regels_van(versie).prefetch_related(None))`, from one written-out query (building it with the ORM cost
    more than running it)."""
    db = Programmaregel.objects.db
    connection = connections[db]
    qn = connection.ops.quote_name
    kolommen = [f"r.{qn(f.column)}" for f in Programmaregel._meta.concrete_fields] + [
        f"o.{qn(f.column)}" for f in Opgave._meta.concrete_fields
    ]
    sql = (
        f"SELECT {', '.join(kolommen)} FROM {qn(Programmaregel._meta.db_table)} r "
        f"INNER JOIN {qn(Opgave._meta.db_table)} o ON o.{qn('id')} = r.{qn('opgave_id')} "
        f"WHERE r.{qn('versie_id')} = %s ORDER BY o.{qn('titel')} ASC"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [versie.pk])
        rijen = cursor.fetchall()
    n = len(_REGEL_VELDEN)
    regels = []
    for rij in rijen:
        regel = sqlrijen.maak(Programmaregel, db, _REGEL_VELDEN, rij[:n])
        Programmaregel.opgave.field.set_cached_value(
            regel, sqlrijen.maak(Opgave, db, _OPGAVE_VELDEN, rij[n:])
        )
        regels.append(regel)
    return regels


# Every column of a member, in the model's order (as `Model.from_db` takes them), and where its key is.
_BESTUUR_VELDEN = [f.attname for f in Bestuur._meta.concrete_fields]
_BESTUUR_PK = _BESTUUR_VELDEN.index(Bestuur._meta.pk.attname)


def _bevroren_verdeling(versie, regels):
    """The stored split of a frozen version (one query for every share, whatever today's figures say)."""
    result = Kostenverdeling(regels=regels, besturen=[])
    per_bestuur = defaultdict(dict)
    besturen = {}
    tarieven = {}
    aantallen = defaultdict(int)  # regel id -> members sharing it (one stored share each)
    # Plain values (no model per share), ordered by member only: the model's ordering (version, line, member)
    # joins nine tables to sort a hundred rows. A member comes as a whole `Bestuur`, once. One written-out query
    # (as `Bijdrage.objects.filter(versie=versie).order_by("bestuur__naam", "pk").values_list(…)` wrote it):
    # building it with the ORM cost more than running it.
    db = Bijdrage.objects.db
    connection = connections[db]
    qn = connection.ops.quote_name
    sql = (
        f"SELECT b.{qn('regel_id')}, b.{qn('centen')}, b.{qn('tarief_per_inwoner')}, b.{qn('inwoners')}, "
        f"b.{qn('peildatum')}, b.{qn('bron')}, "
        + ", ".join(f"s.{qn(f.column)}" for f in Bestuur._meta.concrete_fields)
        + f" FROM {qn(Bijdrage._meta.db_table)} b "
        f"INNER JOIN {qn(Bestuur._meta.db_table)} s ON s.{qn('id')} = b.{qn('bestuur_id')} "
        f"WHERE b.{qn('versie_id')} = %s ORDER BY s.{qn('naam')} ASC, b.{qn('id')} ASC"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [versie.pk])
        rijen = cursor.fetchall()
    for regel_id, centen, tarief, inwoners, peildatum, bron, *bestuur_velden in rijen:
        bestuur_id = bestuur_velden[_BESTUUR_PK]
        per_bestuur[bestuur_id][regel_id] = Bijdrage.euro(centen)
        tarieven[regel_id] = tarief
        aantallen[regel_id] += 1
        if bestuur_id not in besturen:
            bestuur = sqlrijen.maak(Bestuur, db, _BESTUUR_VELDEN, bestuur_velden)
            bestuur.gebruikt = (inwoners, peildatum, bron)
            besturen[bestuur_id] = bestuur
    for regel in regels:
        regel.tarief_gebruikt = tarieven.get(regel.pk)
        regel.aantal_deelnemers = aantallen[regel.pk]
    result.besturen = sorted(besturen.values(), key=lambda b: b.naam)
    result.per_bestuur = dict(per_bestuur)
    result.totaal_per_bestuur = {pk: sum(v.values(), Decimal("0")) for pk, v in per_bestuur.items()}
    result.totaal = sum(result.totaal_per_bestuur.values(), Decimal("0"))
    return result


_VORIGE_STATUSSEN = tuple(
    s.value for s in (VersieStatus.VASTGESTELD, VersieStatus.VOORGELEGD, VersieStatus.GOEDGEKEURD)
)


def _vorige_bijdragen(programma):
    """(member id, cents) of every stored share of the latest adopted, routed or approved version of the year before
    `programma` (same region and kind), in one written-out query: building it with the ORM (a subquery through the
    programme) cost more than running it."""
    connection_for_read = connections[Bijdrage.objects.db]
    qn = connection_for_read.ops.quote_name
    statussen, status_params = sqlrijen.in_lijst(f"v.{qn('status')}", _VORIGE_STATUSSEN)
    sql = (
        f"SELECT b.{qn('bestuur_id')}, b.{qn('centen')} FROM {qn(Bijdrage._meta.db_table)} b "
        f"WHERE b.{qn('versie_id')} = (SELECT v.{qn('id')} FROM {qn(Versie._meta.db_table)} v "
        f"INNER JOIN {qn(Jaarprogramma._meta.db_table)} j ON j.{qn('id')} = v.{qn('jaarprogramma_id')} "
        f"WHERE j.{qn('regio_id')} = %s AND j.{qn('jaar')} = %s AND j.{qn('soort')} = %s "
        f"AND {statussen} ORDER BY v.{qn('nummer')} DESC LIMIT 1)"
    )
    params = [programma.regio_id, programma.jaar - 1, programma.soort, *status_params]
    with connection_for_read.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def vorig_jaar_totalen(versie, regeling):
    """Each member's total in last year's latest adopted (or routed/approved) version, from its stored figures.

    One query: the stored shares of that version, found by a subquery (`_vorige_bijdragen`). Only when it has none
    (an unfrozen version of old data, or none at all) a second query looks the version up, and an unfrozen one is
    split live."""
    totalen = defaultdict(int)
    for bestuur_id, centen in _vorige_bijdragen(versie.jaarprogramma):
        totalen[bestuur_id] += centen
    if totalen:
        return {pk: Bijdrage.euro(c) for pk, c in totalen.items()}
    laatste = (
        Versie.objects.filter(
            jaarprogramma__regio_id=versie.jaarprogramma.regio_id,
            jaarprogramma__jaar=versie.jaarprogramma.jaar - 1,
            jaarprogramma__soort=versie.jaarprogramma.soort,
            status__in=_VORIGE_STATUSSEN,
        )
        .order_by("-nummer")
        .first()
    )
    if laatste is None or laatste.bevroren_op is not None:
        return {}
    return kostenverdeling(laatste, regeling).totaal_per_bestuur


def open_voor_raden(versie):
    """Councils record while the version is before them: consent until the board closes it or a later version
    replaces it (late councils and corrections included); zienswijze until the general board adopts."""
    if versie.afgesloten or versie.voorgelegd_op is None:
        return False
    if regeling_voor(versie).procedure == "zienswijze":
        return versie.status == VersieStatus.VOORGELEGD
    return versie.status in RAADSFASE


def beslissing(versie, regeling=None, uitkomsten=None):
    """The stored rule applied to the councils' decisions so far (`beslisregels.evaluate`): status, the count per
    outcome (adding up to the number of councils) and the arithmetic in words. A version the board sent back or a
    later version replaced says so. `uitkomsten`: (outcome, population) of every council decision of the version,
    when the caller read them already (no query then)."""
    if uitkomsten is not None:
        raden = [beslisregels.Raad(uitkomst, inwoners or 0) for uitkomst, inwoners in uitkomsten]
    else:
        # A count: no order (the model's ordering would only add joins). One written-out query, as
        # `Raadsbesluit.objects.filter(versie=versie).order_by().values_list("uitkomst", "inwoners")` wrote it.
        connection = connections[Raadsbesluit.objects.db]
        qn = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {qn('uitkomst')}, {qn('inwoners')} FROM {qn(Raadsbesluit._meta.db_table)} "
                f"WHERE {qn('versie_id')} = %s",
                [versie.pk],
            )
            raden = [beslisregels.Raad(uitkomst, inwoners or 0) for uitkomst, inwoners in cursor.fetchall()]
    uitslag = beslisregels.evaluate(raden, regel_van(versie, regeling))
    uitslag.lijst = [(Uitkomst(k).label, n) for k, n in uitslag.telling.items()]
    uitslag.afgesloten = ""
    if versie.vervangen_door_id:
        uitslag.afgesloten = _(
            "Deze versie is vervangen door een latere versie; de raden beslissen daar niet meer over."
        )
    elif versie.teruggestuurd_op:
        uitslag.afgesloten = _(
            "Het bestuur stuurde deze versie op %(datum)s terug; de raden beslissen daar niet meer over."
        ) % {"datum": date_format(versie.teruggestuurd_op)}
    return uitslag


_BESLUIT_NAMEN = [f.attname for f in Raadsbesluit._meta.concrete_fields]


def besluit_van(versie, bestuur):
    """The council decision of `bestuur` on `versie` (one per member and version), or None: as
    `Raadsbesluit.objects.filter(versie=versie, bestuur=bestuur).order_by().first()` gives it, from one written-out
    query (building that one with the ORM cost more than running it)."""
    db = Raadsbesluit.objects.db
    connection = connections[db]
    qn = connection.ops.quote_name
    kolommen = ", ".join(f"rb.{qn(f.column)}" for f in Raadsbesluit._meta.concrete_fields)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {kolommen} FROM {qn(Raadsbesluit._meta.db_table)} rb "
            f"WHERE rb.{qn('versie_id')} = %s AND rb.{qn('bestuur_id')} = %s ORDER BY rb.{qn('id')} ASC LIMIT 1",
            [versie.pk, bestuur.pk],
        )
        rij = cursor.fetchone()
    return None if rij is None else sqlrijen.maak(Raadsbesluit, db, _BESLUIT_NAMEN, rij)


def statusbord(versie):
    """The council decisions of a version for the secretariat's board: member, council, deadline, outcome."""
    return (
        Raadsbesluit.objects.filter(versie=versie).select_related("bestuur", "raad").order_by("bestuur__naam")
    )


# --- Pages: overview, split table, diff, status board, deadlines ------------------------------------------------


def programmas_van(regio, *, besloten):
    """The region's programmes, newest year first, each with the versions the reader may see (two queries)."""
    versies = Versie.objects.order_by("-nummer")
    if not besloten:
        versies = versies.filter(openbaar=True)
    return Jaarprogramma.objects.filter(regio=regio).prefetch_related(Prefetch("versies", queryset=versies))


def versies_van(regio, *, besloten):
    """The region's programme versions a reader may see, newest first (a queryset for a choice field): only the
    public ones unless `besloten` (`besturen.permissions.can_view_besloten_regio`, as `can_view_versie`)."""
    versies = Versie.objects.filter(jaarprogramma__regio=regio).select_related("jaarprogramma__regio")
    if not besloten:
        versies = versies.filter(openbaar=True)
    return versies.order_by("-jaarprogramma__jaar", "jaarprogramma__soort", "-nummer")


def versie_voor_pagina(pk):
    return Versie.objects.select_related("jaarprogramma__regio", "gebaseerd_op").get(pk=pk)


@dataclass
class Verdelingsrij:
    bestuur: Bestuur
    bedragen: list  # per line, in the order of the lines; None where the member does not take part
    totaal: Decimal
    vorig: Decimal | None
    verschil: Decimal | None
    balk: int = 0  # bar length in the chart (0..BALK_MAX)
    inwoners: int | None = None  # the population figure the split used (stored once frozen)
    peildatum: datetime.date | None = None
    bron: str = ""


@dataclass
class Verdelingstabel:
    """The split of a version as a table: members × lines, with totals and last year's totals."""

    regels: list
    rijen: list
    kolomtotalen: list
    totaal: Decimal
    vorig_totaal: Decimal | None
    fouten: dict
    regel_fouten: list = field(default_factory=list)  # (regel, message)

    def rij_van(self, bestuur_id):
        return next((rij for rij in self.rijen if rij.bestuur.pk == bestuur_id), None)


BALK_MAX = 400


def verdelingstabel(versie, regeling, *, deelnemers=True):
    """The cost split of `versie` per member and line, next to each member's total of last year (`deelnemers`: as
    `kostenverdeling`)."""
    verdeling = kostenverdeling(versie, regeling, deelnemers=deelnemers)
    vorig = vorig_jaar_totalen(versie, regeling)
    hoogste = max(verdeling.totaal_per_bestuur.values(), default=Decimal("0"))
    rijen = []
    regel_ids = [regel.pk for regel in verdeling.regels]
    nul = Decimal("0")
    for bestuur in verdeling.besturen:
        per_regel = verdeling.per_bestuur.get(bestuur.pk, {})
        if versie.bevroren_op is not None:
            deelnemers = per_regel  # a stored share per line the member takes part in
        else:
            deelnemers = {regel.pk for regel in verdeling.regels if bestuur in regel.deelnemers.all()}
        totaal = verdeling.totaal_per_bestuur.get(bestuur.pk, nul)
        oud = vorig.get(bestuur.pk) if vorig else None
        rijen.append(
            Verdelingsrij(
                bestuur=bestuur,
                bedragen=[per_regel.get(pk, nul) if pk in deelnemers else None for pk in regel_ids],
                totaal=totaal,
                vorig=oud,
                verschil=(totaal - oud) if oud is not None else None,
                balk=int(totaal / hoogste * BALK_MAX) if hoogste else 0,
                inwoners=bestuur.gebruikt[0],
                peildatum=bestuur.gebruikt[1],
                bron=bestuur.gebruikt[2],
            )
        )
    kolomtotalen = [
        sum((rij.bedragen[i] or Decimal("0") for rij in rijen), Decimal("0"))
        for i in range(len(verdeling.regels))
    ]
    return Verdelingstabel(
        regels=verdeling.regels,
        rijen=rijen,
        kolomtotalen=kolomtotalen,
        totaal=verdeling.totaal,
        vorig_totaal=sum(vorig.values(), Decimal("0")) if vorig else None,
        fouten=verdeling.fouten,
        regel_fouten=[
            (regel, verdeling.fouten[regel.pk]) for regel in verdeling.regels if regel.pk in verdeling.fouten
        ],
    )


TE_LAAT = "te_laat"


# A row: the decision, member, council and the decision's latest registration.
_BESLUIT_DELEN = [(Raadsbesluit, "rb"), (Bestuur, "b"), (Orgaan, "o"), (Registratie, "r")]


def _statusbord_besluiten(versie, waar, params):
    """`statusbord(versie)` with the extra condition `waar` on the decision `rb` (with `params`), each decision with
    its latest registration as `laatste` (newest `tijdstip`, then `id`; None without one): the same instances from
    one written-out query. Building them with the ORM cost more than running them."""
    db = Raadsbesluit.objects.db
    connection = connections[db]
    qn = connection.ops.quote_name
    registraties = qn(Registratie._meta.db_table)
    laatste = (
        f"SELECT l.{qn('id')} FROM {registraties} l WHERE l.{qn('besluit_id')} = rb.{qn('id')} "
        f"ORDER BY l.{qn('tijdstip')} DESC, l.{qn('id')} DESC LIMIT 1"
    )
    sql = (
        f"SELECT {sqlrijen.kolommen(_BESLUIT_DELEN, connection)} FROM {qn(Raadsbesluit._meta.db_table)} rb "
        f"INNER JOIN {qn(Bestuur._meta.db_table)} b ON b.{qn('id')} = rb.{qn('bestuur_id')} "
        f"LEFT OUTER JOIN {qn(Orgaan._meta.db_table)} o ON o.{qn('id')} = rb.{qn('raad_id')} "
        f"LEFT OUTER JOIN {registraties} r ON r.{qn('id')} = ({laatste}) "
        f"WHERE rb.{qn('versie_id')} = %s{waar} ORDER BY b.{qn('naam')} ASC"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [versie.pk, *params])
        rijen = cursor.fetchall()
    besluiten = []
    for rij in rijen:
        (besluit, bestuur, raad, registratie), _rest = sqlrijen.objecten(db, _BESLUIT_DELEN, rij)
        Raadsbesluit.bestuur.field.set_cached_value(besluit, bestuur)
        Raadsbesluit.raad.field.set_cached_value(besluit, raad)
        if registratie is not None:
            Registratie.besluit.field.set_cached_value(registratie, besluit)
        besluit.laatste = registratie
        besluiten.append(besluit)
    return besluiten


def statusbord_rijen(versie, *, uitkomst="", vandaag=None):
    """The status board's rows, each marked `te_laat` when its deadline passed without a decision, with its latest
    registration as `laatste` (one query).

    `uitkomst` filters on an outcome, or on TE_LAAT for the overdue ones.
    """
    vandaag = vandaag or timezone.localdate()
    if uitkomst == TE_LAAT:
        open_, open_params = sqlrijen.in_lijst("rb.uitkomst", termijnen.OPEN_UITKOMSTEN)
        rijen = _statusbord_besluiten(versie, f" AND {open_} AND rb.deadline < %s", [*open_params, vandaag])
    elif uitkomst:
        rijen = _statusbord_besluiten(versie, " AND rb.uitkomst = %s", [uitkomst])
    else:
        rijen = _statusbord_besluiten(versie, "", [])
    for besluit in rijen:
        besluit.te_laat = termijnen.is_te_laat(besluit.uitkomst, besluit.deadline, vandaag)
    return rijen


@dataclass
class Termijn:
    label: str
    datum: datetime.date
    uitleg: str
    waarschuwing: str = ""  # '' / 'binnenkort' / 'verstreken'
    gedaan_op: datetime.date | None = None


def _waarschuwing(datum, vandaag, actief, gedaan_op=None):
    if not actief:
        return ""
    staat = termijnen.staat(datum, vandaag, gedaan_op)
    return {termijnen.Staat.TE_LAAT: "verstreken", termijnen.Staat.BINNENKORT: "binnenkort"}.get(staat, "")


def zienswijze_termijnen(versie, regeling, vandaag=None):
    """The dates of the zienswijze procedure (Wgr art. 34-35) with a warning when one is within 14 days or passed."""
    vandaag = vandaag or timezone.localdate()
    jaar = versie.jaarprogramma.jaar
    uit = []
    if versie.voorgelegd_op:
        einde = versie.deadline or termijnen.zienswijze_einde(versie.voorgelegd_op, regeling.zienswijze_weken)
        uit.append(
            Termijn(
                label=_("Zienswijzen van de raden"),
                datum=einde,
                uitleg=_("Voorgelegd op %(datum)s; minstens twaalf weken (Wgr art. 35 lid 1).")
                % {"datum": date_format(versie.voorgelegd_op)},
                waarschuwing=_waarschuwing(einde, vandaag, versie.status == VersieStatus.VOORGELEGD),
            )
        )
    uiterst = termijnen.begroting_gs_uiterst(jaar)
    gs = termijnen.gs_termijn(versie.vastgesteld_op, jaar)
    lopend = not versie.afgesloten and versie.status in (
        VersieStatus.INGEDIEND,
        VersieStatus.VOORGELEGD,
        VersieStatus.VASTGESTELD,
    )
    if versie.vastgesteld_op is not None:
        uitleg = _(
            "Binnen twee weken na de vaststelling op %(datum)s en vóór 15 september %(jaar)s (Wgr art. 34 lid 2)."
        ) % {"datum": date_format(versie.vastgesteld_op), "jaar": jaar - 1}
        if versie.naar_gs_op:
            uitleg += " " + _("Verzonden op %(datum)s.") % {"datum": date_format(versie.naar_gs_op)}
        uit.append(
            Termijn(
                _("Naar gedeputeerde staten"),
                gs,
                uitleg,
                _waarschuwing(gs, vandaag, lopend, versie.naar_gs_op),
                versie.naar_gs_op,
            )
        )
    else:
        uit.append(
            Termijn(
                _("Naar gedeputeerde staten (uiterlijk)"),
                uiterst,
                _(
                    "Binnen twee weken na de vaststelling, en vóór 15 september van het jaar ervoor "
                    "(Wgr art. 34 lid 2)."
                ),
                _waarschuwing(uiterst, vandaag, lopend),
            )
        )
    return uit


def zienswijzen_van(versie):
    """The views the councils gave on a draft, with the board's answer: attached to the draft as the general board
    receives it (Wgr art. 35 lid 4), and shown to every council (one query)."""
    return (
        Raadsbesluit.objects.filter(versie=versie, uitkomst=Uitkomst.ZIENSWIJZE)
        .select_related("bestuur")
        .prefetch_related(
            Prefetch(
                "registraties",
                queryset=Registratie.objects.filter(uitkomst=Uitkomst.ZIENSWIJZE).order_by(
                    "-tijdstip", "-id"
                ),
                to_attr="zienswijze_registraties",
            )
        )
        .order_by("bestuur__naam")
    )


_VRAAG_DELEN = [(Vraag, "q"), (Bestuur, "b"), (Programmaregel, "r"), (Opgave, "o")]


def _vragen_sql(connection):
    qn = connection.ops.quote_name
    return (
        f"SELECT {sqlrijen.kolommen(_VRAAG_DELEN, connection)} FROM {qn(Vraag._meta.db_table)} q "
        f"INNER JOIN {qn(Bestuur._meta.db_table)} b ON b.{qn('id')} = q.{qn('bestuur_id')} "
        f"LEFT OUTER JOIN {qn(Programmaregel._meta.db_table)} r ON r.{qn('id')} = q.{qn('regel_id')} "
        f"LEFT OUTER JOIN {qn(Opgave._meta.db_table)} o ON o.{qn('id')} = r.{qn('opgave_id')} "
        f"WHERE q.{qn('versie_id')} = %s ORDER BY q.{qn('gesteld_op')} ASC, q.{qn('id')} ASC"
    )


def vragen_van(versie, besturen=None):
    """The questions on a version with who asked them and the answer (one query), by the time they were asked: a
    list, as `list(Vraag.objects.filter(versie=versie).select_related("bestuur", "regel__opgave")
    .order_by("gesteld_op", "id"))` gives it (`besturen`: only those asked on behalf of these members), from one
    written-out query (building that one with the ORM cost more than running it)."""
    if besturen is not None:
        return list(
            Vraag.objects.filter(versie=versie, bestuur__in=besturen)
            .select_related("bestuur", "regel__opgave")
            .order_by("gesteld_op", "id")
        )
    db = Vraag.objects.db
    connection = connections[db]
    with connection.cursor() as cursor:
        cursor.execute(_vragen_sql(connection), [versie.pk])
        rijen = cursor.fetchall()
    vragen = []
    for rij in rijen:
        (vraag, bestuur, regel, opgave), _rest = sqlrijen.objecten(db, _VRAAG_DELEN, rij)
        Vraag.bestuur.field.set_cached_value(vraag, bestuur)
        if regel is not None:
            Programmaregel.opgave.field.set_cached_value(regel, opgave)
        Vraag.regel.field.set_cached_value(vraag, regel)
        vragen.append(vraag)
    return vragen


def registraties_van(besluit):
    return besluit.registraties.select_related("door").order_by("tijdstip", "id")


def beslisregel_tekst(regeling, versie=None):
    """The decision rule in one sentence (the version's stored rule once it is frozen)."""
    if versie is not None:
        regeling = regeling_voor(versie, regeling)
    return beslisregels.regel_tekst(regel_uit(regeling), zienswijze_weken=max(regeling.zienswijze_weken, 12))
