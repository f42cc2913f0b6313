"""The P&C calendar of a region: every date of both routes of each programme, with its state. Reads only.

`termijnen.momenten()` computes the dates of one programme; this module gathers what it needs for all programmes at
once, in a fixed number of queries whatever their number (the programmes with their region's settings, their
versions, the councils' progress), and labels each date for the page, the iCalendar feed and the reminders.

Which figures a programme's dates read:

- the procedure of its latest version (`regeling.regeling_voor`: stored once frozen, else the programme's own route
  or the region's default); without a version, the programme's own route or the region's default;
- its board meeting (`behandeldatum`), the frameworks and the annual accounts recorded on the programme;
- the routing date, deadline, adoption and sending to gedeputeerde staten of its latest version that is past concept
  and still current (a version the board sent back or a later version replaced no longer counts);
- "every council has responded": the last council meeting date once no council is open, or (zienswijze) the end of
  the term once the board adopted after it.

A reader who may not see the region's non-public pieces sees only programmes with a public version, computed from
their public versions only. The iCalendar feed is always that public view.
"""

import datetime
from dataclasses import dataclass

from django.core.signals import setting_changed
from django.db import connection, connections
from django.db.models import Prefetch
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from besturen.weergave import url_maker
from regioportaal import ical as rfc5545
from regioportaal import sqlrijen
from regioportaal.links import absolute_url, site_host

from . import termijnen
from .models import Jaarprogramma, Procedure, Raadsbesluit, Registratie, Versie, VersieStatus
from .regeling import regeling_van, regeling_voor

LABELS = {
    "kaders": gettext_lazy("Kaders en voorlopige jaarrekening naar de raden"),
    "ontwerp": gettext_lazy("Ontwerpbegroting naar de raden versturen"),
    "zienswijzen": gettext_lazy("Einde van de termijn voor zienswijzen"),
    "vaststelling": gettext_lazy("Vergadering van het bestuur: vaststelling"),
    "gs": gettext_lazy("Begroting naar gedeputeerde staten"),
    "jaarrekening_gs": gettext_lazy("Jaarrekening naar gedeputeerde staten"),
    "raden": gettext_lazy("Uiterste datum voor de raden"),
}

STAAT_LABELS = {
    termijnen.Staat.GEDAAN: gettext_lazy("gedaan"),
    termijnen.Staat.TE_DOEN: gettext_lazy("te doen"),
    termijnen.Staat.BINNENKORT: gettext_lazy("binnenkort (binnen 14 dagen)"),
    termijnen.Staat.TE_LAAT: gettext_lazy("te laat"),
}

# Steps of the calendar the secretariat records outside the version's workflow (services.record_pc_stap).
STAP_LABELS = {
    "kaders": gettext_lazy("Kaders en voorlopige jaarrekening verzonden aan de raden"),
    "jaarrekening": gettext_lazy("Jaarrekening vastgesteld door het bestuur"),
    "jaarrekening_gs": gettext_lazy("Jaarrekening verzonden aan gedeputeerde staten"),
}
STAPPEN_BIJ_MOMENT = {"kaders": ("kaders",), "jaarrekening_gs": ("jaarrekening", "jaarrekening_gs")}

VOLGORDE = ("kaders", "ontwerp", "zienswijzen", "vaststelling", "raden", "gs", "jaarrekening_gs")


@dataclass
class Programmagegevens:
    """One programme with everything its dates are computed from (no further queries)."""

    programma: Jaarprogramma
    regeling: object  # the settings its latest version follows (an unsaved copy)
    procedure: str
    versie: Versie | None  # the version whose dates count
    link_versie: Versie | None  # the version a link points to (the counting one, else the newest visible)
    openbaar: bool  # it has a public version
    raden_klaar_op: datetime.date | None

    def momenten(self):
        programma, versie = self.programma, self.versie
        return termijnen.momenten(
            procedure=self.procedure,
            jaar=programma.jaar,
            behandeldatum=programma.behandeldatum,
            zienswijze_weken=max(self.regeling.zienswijze_weken, termijnen.WGR_ZIENSWIJZE_WEKEN),
            termijn_dagen=self.regeling.termijn_dagen,
            voorgelegd_op=versie.voorgelegd_op if versie else None,
            deadline=versie.deadline if versie else None,
            vastgesteld_op=versie.vastgesteld_op if versie else None,
            naar_gs_op=versie.naar_gs_op if versie else None,
            kaders_verzonden_op=programma.kaders_verzonden_op,
            jaarrekening_vastgesteld_op=programma.jaarrekening_vastgesteld_op,
            jaarrekening_naar_gs_op=programma.jaarrekening_naar_gs_op,
            raden_klaar_op=self.raden_klaar_op,
        )

    @property
    def link(self):
        if self.link_versie is not None:
            return _versie_url(self.link_versie.pk)  # `link_versie.get_absolute_url()`
        return None


_VERSIE_URLS = {}  # (script prefix, URLconf) → `url_maker("programmas:versie")`


def _versie_url(pk):
    """`Versie.get_absolute_url()` of version `pk`, from one `reverse` per process (the calendar links a version per
    programme; a `reverse` costs some 15 µs)."""
    sleutel = get_script_prefix(), get_urlconf()
    maker = _VERSIE_URLS.get(sleutel)
    if maker is None:
        maker = _VERSIE_URLS[sleutel] = url_maker("programmas:versie")
    return maker(pk)


@receiver(setting_changed)
def _vergeet_urls(setting, **kwargs):
    """A test that changes the URLconf gets its links afresh."""
    if setting == "ROOT_URLCONF":
        _VERSIE_URLS.clear()


@dataclass
class Kalendermoment:
    """One date of the calendar, of one programme, with its state on `vandaag`."""

    gegevens: Programmagegevens
    moment: termijnen.Moment
    vandaag: datetime.date

    @property
    def programma(self):
        return self.gegevens.programma

    @property
    def versie(self):
        return self.gegevens.versie

    @property
    def sleutel(self):
        return self.moment.sleutel

    @property
    def datum(self):
        return self.moment.datum

    @property
    def gedaan_op(self):
        return self.moment.gedaan_op

    @property
    def artikel(self):
        return self.moment.artikel

    @property
    def wettelijk(self):
        return self.moment.wettelijk

    @property
    def label(self):
        return str(LABELS.get(self.moment.sleutel, self.moment.sleutel))

    @property
    def staat(self):
        return self.moment.staat(self.vandaag)

    @property
    def staat_label(self):
        return str(STAAT_LABELS[self.staat])

    @property
    def gedaan(self):
        return self.staat == termijnen.Staat.GEDAAN

    @property
    def link(self):
        return self.gegevens.link

    @property
    def grondslag(self):
        return self.moment.artikel if self.moment.wettelijk else _("datum van de regio")

    @property
    def stappen(self):
        """The steps the secretariat records here for this date (none when done or part of a version's workflow)."""
        if self.gedaan or self.gegevens.procedure != Procedure.ZIENSWIJZE:
            return ()
        programma = self.programma
        return tuple(
            stap
            for stap in STAPPEN_BIJ_MOMENT.get(self.moment.sleutel, ())
            if stap != "jaarrekening" or programma.jaarrekening_vastgesteld_op is None
        )

    def uid(self):
        return f"pc-{self.programma.pk}-{self.moment.sleutel}@{site_host()}"


def _telt(versie):
    """A version whose dates count: past concept and still current."""
    return versie.status != VersieStatus.CONCEPT and not versie.afgesloten


def programmas(programmas_qs, *, besloten):
    """Every programme of `programmas_qs` with the figures of its dates: three queries, whatever their number.

    `besloten`: the reader may see non-public versions (else only programmes with a public version count, read from
    their public versions).
    """
    rijen = list(
        programmas_qs.select_related("regio__programmaregeling").prefetch_related(
            Prefetch("versies", queryset=Versie.objects.order_by("-nummer"))
        )
    )
    return _gegevens([(programma, list(programma.versies.all())) for programma in rijen], besloten=besloten)


def programmas_van_regio(regio, *, besloten):
    """`programmas(Jaarprogramma.objects.filter(regio=regio), besloten=besloten)` in two queries: the programmes of
    `regio` with their versions newest first, in one query written out (by year, newest first, and kind, as
    `Jaarprogramma.Meta.ordering` within one region), each programme on `regio` itself; and the councils' progress.

    `regio` carries its settings (`regio.programmaregeling` read before, or the `select_related` of its query), as
    the grip page's region does; the ORM spent more time building and compiling the programmes' two queries than
    the database running them."""
    j_cols = [connection.ops.quote_name(f.column) for f in Jaarprogramma._meta.concrete_fields]
    v_cols = [connection.ops.quote_name(f.column) for f in Versie._meta.concrete_fields]
    programma_tabel, versie_tabel = (
        connection.ops.quote_name(m._meta.db_table) for m in (Jaarprogramma, Versie)
    )
    sql = (
        "SELECT "
        + ", ".join([*(f"j.{c}" for c in j_cols), *(f"v.{c}" for c in v_cols)])
        + f" FROM {programma_tabel} j LEFT OUTER JOIN {versie_tabel} v ON v.jaarprogramma_id = j.id "
        "WHERE j.regio_id = %s ORDER BY j.jaar DESC, j.soort ASC, j.id ASC, v.nummer DESC"
    )
    with connections[
        Jaarprogramma.objects.db
    ].cursor() as cursor:  # the ORM's database (`regioportaal.dbrouter`)
        cursor.execute(sql, [regio.pk])
        gelezen = cursor.fetchall()
    nj = len(j_cols)
    paren, per_pk = [], {}
    for rij in gelezen:
        paar = per_pk.get(rij[0])
        if paar is None:
            programma = sqlrijen.maak(Jaarprogramma, Jaarprogramma.objects.db, None, rij[:nj])
            programma._state.fields_cache["regio"] = regio
            paar = per_pk[rij[0]] = (programma, [])
            paren.append(paar)
        if rij[nj] is not None:  # a version (its id)
            versie = sqlrijen.maak(Versie, Jaarprogramma.objects.db, None, rij[nj:])
            versie._state.fields_cache["jaarprogramma"] = paar[0]
            paar[1].append(versie)
    return _gegevens(paren, besloten=besloten)


def programmas_uit(paren, *, besloten, voortgang):
    """The `Programmagegevens` of (programme, its versions newest first) pairs, with the councils' progress given
    (no query). `voortgang` holds, per version id, what `_voortgang_raden` reads (decisions, open decisions, latest
    council meeting date) for at least every version routed to the councils whose deadline is not before a day
    `vandaag` (or that has none); a version without decisions may be absent. Their dates on or after `vandaag` are
    those of `_gegevens(paren, besloten=besloten)`: a councils' date comes on or after `vandaag` only from such a
    version (its deadline, or without one its routing date plus the term), so the progress of the other versions is
    not needed there. The grip page reads it so (`selectors_grip.regio_programmas`) for the next dates it lists."""
    return _gegevens(paren, besloten=besloten, voortgang=voortgang)


def _gegevens(paren, *, besloten, voortgang=None):
    """`Programmagegevens` of (programme, its versions newest first) pairs, the councils' progress read (one query),
    or taken from `voortgang` (see `programmas_uit`)."""
    uit = []
    for programma, versies in paren:
        zichtbaar = versies if besloten else [v for v in versies if v.openbaar]
        openbaar = any(v.openbaar for v in versies)
        if not besloten and not openbaar:
            continue
        live = regeling_van(programma.regio)
        if versies:
            regeling = regeling_voor(versies[0], live)
        else:
            regeling = regeling_voor(Versie(jaarprogramma=programma), live)
        versie = next((v for v in zichtbaar if _telt(v)), None)
        uit.append(
            Programmagegevens(
                programma=programma,
                regeling=regeling,
                procedure=regeling.procedure,
                versie=versie,
                link_versie=versie or (zichtbaar[0] if zichtbaar else None),
                openbaar=openbaar,
                raden_klaar_op=None,
            )
        )
    _raden_klaar(uit, voortgang)
    return uit


def _raden_klaar(gegevens, voortgang=None):
    """When every council responded, per counting version (one query for all, or from `voortgang`: see
    `programmas_uit`)."""
    routed = {g.versie.pk: g for g in gegevens if g.versie is not None and g.versie.voorgelegd_op is not None}
    if not routed:
        return
    if voortgang is None:
        rijen = _voortgang_raden(list(routed))
    else:
        rijen = [(versie_id, *voortgang[versie_id]) for versie_id in routed if versie_id in voortgang]
    for versie_id, totaal, open_, laatst in rijen:
        g = routed[versie_id]
        versie = g.versie
        if totaal and not open_:
            g.raden_klaar_op = laatst or versie.deadline
        elif versie.status in (VersieStatus.GOEDGEKEURD, VersieStatus.AFGEWEZEN):
            g.raden_klaar_op = laatst or versie.deadline  # the rule decided: the councils' phase is over
        elif g.procedure == Procedure.ZIENSWIJZE and versie.vastgesteld_op is not None:
            # The board adopts only after the term (Wgr art. 35): the term is over.
            g.raden_klaar_op = min(d for d in (versie.deadline, versie.vastgesteld_op) if d is not None)


def _voortgang_raden(versie_ids):
    """Per version of `versie_ids` with councils' decisions: (version id, decisions, open decisions, latest council
    meeting date of their registrations or None), one query.

    Written out: it is `Raadsbesluit.objects.filter(versie__in=versie_ids).values("versie").annotate(
    totaal=Count("pk"), open=Count("pk", filter=Q(uitkomst__in=OPEN_UITKOMSTEN)),
    laatst=Max("registraties__datum_raad"))`, but with each decision's latest registration read through the index
    on its decision rather than by joining all registrations (counted distinct), which made the database read every
    registration of the portal; and without the ORM's building and compiling."""
    besluit, registratie = (connection.ops.quote_name(m._meta.db_table) for m in (Raadsbesluit, Registratie))
    open_, open_params = sqlrijen.in_lijst("b.uitkomst", termijnen.OPEN_UITKOMSTEN)
    ids, id_params = sqlrijen.in_lijst("b.versie_id", versie_ids)
    sql = (
        f"SELECT b.versie_id, COUNT(*), COUNT(*) FILTER (WHERE {open_}), "
        f"MAX((SELECT MAX(r.datum_raad) FROM {registratie} r WHERE r.besluit_id = b.id)) "
        f"FROM {besluit} b WHERE {ids} GROUP BY b.versie_id"
    )
    with connections[
        Raadsbesluit.objects.db
    ].cursor() as cursor:  # the ORM's database (`regioportaal.dbrouter`)
        cursor.execute(sql, [*open_params, *id_params])
        return [
            (versie, totaal, open_, sqlrijen.als_datum(laatst))  # SQLite gives the date as text
            for versie, totaal, open_, laatst in cursor.fetchall()
        ]


def momenten(gegevens, *, jaar=None, vandaag=None):
    """The dates of `gegevens` (of calendar year `jaar`, or all), in date order, with their state on `vandaag`."""
    vandaag = vandaag or timezone.localdate()
    uit = []
    for g in gegevens:
        for moment in g.momenten():
            if jaar is None or moment.datum.year == jaar:
                uit.append(Kalendermoment(g, moment, vandaag))
    uit.sort(
        key=lambda m: (
            m.datum,
            m.programma.jaar,
            m.programma.soort,
            VOLGORDE.index(m.sleutel) if m.sleutel in VOLGORDE else len(VOLGORDE),
        )
    )
    return uit


def kalender(regio, jaar=None, *, besloten, vandaag=None):
    """The P&C calendar of `regio`: every date (of calendar year `jaar`, or all years) of both kinds of programme."""
    gegevens = programmas(Jaarprogramma.objects.filter(regio=regio), besloten=besloten)
    return momenten(gegevens, jaar=jaar, vandaag=vandaag)


# --- iCalendar (RFC 5545): all-day events through the shared writer's escaping and folding (regioportaal.ical)


PRODID = "-//Regioportaal//P&C-kalender//NL"


def samenvatting(moment):
    return f"{moment.label}: {moment.programma}"


def beschrijving(moment):
    regels = [moment.label, str(moment.programma)]
    regels.append(
        _("Wettelijke datum (%(artikel)s).") % {"artikel": moment.artikel}
        if moment.wettelijk
        else _("Datum van de regio.")
    )
    if moment.gedaan_op is not None:
        regels.append(_("Gedaan op %(datum)s.") % {"datum": date_format(moment.gedaan_op)})
    return "\n".join(regels)


def ical(momenten_, *, naam=""):
    """A VCALENDAR with one all-day VEVENT per moment; the UID stays the same when the date moves."""
    stempel = rfc5545.utc(timezone.now())
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    if naam:
        lines.append(f"X-WR-CALNAME:{rfc5545.escape(naam)}")
    for moment in momenten_:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{moment.uid()}",
            f"DTSTAMP:{stempel}",
            f"DTSTART;VALUE=DATE:{moment.datum:%Y%m%d}",
            f"DTEND;VALUE=DATE:{moment.datum + datetime.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{rfc5545.escape(samenvatting(moment))}",
            f"DESCRIPTION:{rfc5545.escape(beschrijving(moment))}",
            "TRANSP:TRANSPARENT",
        ]
        if moment.link:
            lines.append(f"URL:{absolute_url(moment.link)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(rfc5545.fold(line) + "\r\n" for line in lines)
