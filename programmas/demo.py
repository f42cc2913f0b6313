"""The programme demo: three regions' programmes and budgets at different steps of the cycle, through the services.

Runs after `load_demo` (regions, members, bodies, logins) and, when present, `load_opgaven_demo` (its opgaven are
used when their titles match; missing ones are created here). Running it twice changes nothing: a region that has a
programme already is left as it is.

The demo is coherent in time, whatever day it is loaded: every date is computed from today (`timezone.localdate()`)
or from the budget year, and every step lies where the law and the services put it — submitted before adopted,
council decisions after routing and not in the future, boards and councils meeting on weekdays, votes within the
council's legal size, the Wgr budget routed twelve weeks before the general board and sent to gedeputeerde staten
in time.

The services stamp today on the steps that happen "now": submitting, routing (with the councils' term counted from
today), sending back, answering a view, and the moment the figures freeze. Where the story needs such a step in the
past, the demo calls the service and then dates that step back with a queryset update right after it
(`_terugdateren`, `_voorleggen`, `_beantwoorden`); nothing else is written around the services.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from besturen.models import Land, Lidmaatschap, Orgaan, OrgaanSoort, Regio, Rol
from opgaven import services as opgaven_services
from opgaven.models import Bron, Opgave
from regioportaal.permissions import NotAllowed

from . import services
from .models import (
    AmendementRegel,
    Beslisregel,
    Jaarprogramma,
    Procedure,
    Programmaregel,
    ProgrammaSoort,
    Raadsbesluit,
    SleutelSoort,
    Uitkomst,
    Versie,
)

DEMO_DOMAIN = "regioportaal.example"
DAG = datetime.timedelta(days=1)
WEEK = datetime.timedelta(weeks=1)
MA, DI, WO, DO, VR = range(5)
CENT = Decimal("0.01")


# --- Dates ----------------------------------------------------------------------------------------------------------


def demo_jaar(vandaag):
    """The budget year the demo is about: next year from August on (this year's Wgr budgets are then adopted and
    with gedeputeerde staten), this year before that."""
    return vandaag.year + 1 if vandaag.month >= 8 else vandaag.year


def op_of_voor(dag, weekdag):
    """`dag` when it falls on `weekdag` (0 is Monday), else the last such day before it."""
    return dag - datetime.timedelta(days=(dag.weekday() - weekdag) % 7)


def op_of_na(dag, weekdag):
    """`dag` when it falls on `weekdag`, else the first such day after it."""
    return dag + datetime.timedelta(days=(weekdag - dag.weekday()) % 7)


def werkdag(dag, *, later=False):
    """`dag` when it is Monday to Friday; else the Friday before it (with `later`, the Monday after it)."""
    while dag.weekday() >= 5:
        dag += DAG if later else -DAG
    return dag


def zittingsdagen(na, tot, n):
    """`n` council session days (Monday to Thursday) spread evenly after `na` up to and including `tot`."""
    dagen = [na + DAG * i for i in range(1, (tot - na).days + 1)]
    dagen = [d for d in dagen if d.weekday() <= DO]
    if not dagen:
        raise ValueError(f"geen zittingsdag tussen {na} en {tot}")
    return [dagen[min(len(dagen) - 1, (i + 1) * len(dagen) // (n + 1))] for i in range(n)]


def _moment(dag, uur):
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(uur)))


@dataclass(frozen=True)
class DenderKalender:
    """The Denderregio's year: the DBO meetings (the meetings demo plans them on these days) and the programme."""

    v1_ingediend: datetime.date
    dbo1: datetime.date  # the DBO adopts version 1
    v1_voorgelegd: datetime.date
    v1_deadline: datetime.date
    amendement: datetime.date  # Haaltert approves with an amendment: version 1 goes back
    v2_ingediend: datetime.date
    dbo2: datetime.date  # the DBO sends version 1 back and adopts version 2
    v2_voorgelegd: datetime.date
    v2_deadline: datetime.date
    dbo3: datetime.date  # coming up


def dender_kalender(vandaag):
    """The DBO meets on Thursday evenings: twenty and nine weeks ago, and in two weeks."""
    dbo1 = op_of_voor(vandaag - 20 * WEEK, DO)
    dbo2 = op_of_voor(vandaag - 9 * WEEK, DO)
    v1_voorgelegd = dbo1 + DAG
    v2_voorgelegd = dbo2 + DAG
    return DenderKalender(
        v1_ingediend=op_of_voor(dbo1 - 8 * DAG, MA),
        dbo1=dbo1,
        v1_voorgelegd=v1_voorgelegd,
        v1_deadline=v1_voorgelegd + 90 * DAG,
        amendement=op_of_voor(v1_voorgelegd + 7 * WEEK, MA),
        v2_ingediend=op_of_voor(dbo2 - 7 * DAG, DI),
        dbo2=dbo2,
        v2_voorgelegd=v2_voorgelegd,
        v2_deadline=v2_voorgelegd + 90 * DAG,
        dbo3=op_of_na(vandaag + 2 * WEEK, DO),
    )


# --- Councils and their votes ---------------------------------------------------------------------------------------

# Gemeentewet art. 8 lid 1: (up to and including this many inhabitants, seats); above 200 000: 45.
RAADSZETELS_NL = [
    (3_000, 9),
    (6_000, 11),
    (10_000, 13),
    (15_000, 15),
    (20_000, 17),
    (25_000, 19),
    (30_000, 21),
    (35_000, 23),
    (40_000, 25),
    (45_000, 27),
    (50_000, 29),
    (60_000, 31),
    (70_000, 33),
    (80_000, 35),
    (100_000, 37),
    (200_000, 39),
]
# Flanders (Decreet over het lokaal bestuur, as the Nieuwe Gemeentewet art. 8 before it): (fewer than this many
# inhabitants, seats, mayor and aldermen included); 300 000 or more: 55.
RAADSZETELS_BE = [
    (1_000, 7),
    (2_000, 9),
    (3_000, 11),
    (4_000, 13),
    (5_000, 15),
    (7_000, 17),
    (9_000, 19),
    (12_000, 21),
    (15_000, 23),
    (20_000, 25),
    (25_000, 27),
    (30_000, 29),
    (35_000, 31),
    (40_000, 33),
    (50_000, 35),
    (60_000, 37),
    (70_000, 39),
    (80_000, 41),
    (90_000, 43),
    (100_000, 45),
    (150_000, 47),
    (200_000, 49),
    (250_000, 51),
    (300_000, 53),
]


def raadszetels(land, inwoners):
    """The legal size of a municipal council by its population."""
    inwoners = inwoners or 0
    if land == Land.BELGIE:
        return next((zetels for grens, zetels in RAADSZETELS_BE if inwoners < grens), 55)
    return next((zetels for grens, zetels in RAADSZETELS_NL if inwoners <= grens), 45)


def stemmen(bestuur, voor_aandeel, *, afwezig=1, onthoudingen=0):
    """(voor, tegen, onthoudingen) of a council of its legal size with `afwezig` members absent."""
    aanwezig = raadszetels(bestuur.land, bestuur.inwoners) - afwezig
    voor = min(aanwezig - onthoudingen, round(aanwezig * voor_aandeel))
    return voor, aanwezig - onthoudingen - voor, onthoudingen


# Share of the votes for each outcome (for "uitgesteld": the vote to postpone).
VOOR_AANDEEL = {
    Uitkomst.GOEDGEKEURD: 0.78,
    Uitkomst.AFGEWEZEN: 0.38,
    Uitkomst.AMENDEMENT: 0.64,
    Uitkomst.UITGESTELD: 0.56,
    Uitkomst.ZIENSWIJZE: 0.83,
    Uitkomst.GEEN_ZIENSWIJZE: 0.9,
}


# --- The opgaven of each region ---------------------------------------------------------------------------------------


@dataclass
class OpgavePlan:
    titel: str
    samenvatting: str
    bedrag: int  # contribution of the members in the demo year (euro); 0 for a line paid per inhabitant
    uren: int
    tarief: Decimal | None = None  # a line paid per inhabitant: its own rate (euro)
    buiten: list = field(default_factory=list)  # codes of members that stay out of this line

    @property
    def sleutel(self):
        return SleutelSoort.PER_INWONER if self.tarief is not None else ""


GMR_OPGAVEN = [
    OpgavePlan(
        "Groeiregio in balans",
        "Woningbouw en verstedelijking in balans met landschap en voorzieningen.",
        420_000,
        2400,
    ),
    OpgavePlan(
        "Productieve regio",
        "Groei-speerpunten Health & hightech, Food en Energy (#Lifeport); werklocaties en arbeidsmarkt.",
        350_000,
        1800,
    ),
    OpgavePlan(
        "Verbonden regio",
        "Oost-west corridor en noord-zuid verbindingen: mobiliteit die stad en dorp verbindt.",
        300_000,
        1600,
        buiten=["GM0944"],  # Mook en Middelaar stays out of the mobility line
    ),
    OpgavePlan(
        "Vitale regio", "Gezondheid, welzijn en een inclusieve samenleving in alle kernen.", 180_000, 1200
    ),
    OpgavePlan(
        "Circulaire regio",
        "Op weg naar een energie-neutrale en circulaire groene metropoolregio in 2050.",
        260_000,
        1500,
    ),
    OpgavePlan(
        "Regiobureau",
        "Klein bureau dat de opgaven verbindt, de lobby voert en het programma ondersteunt.",
        0,
        3200,
        tarief=Decimal("2.50"),
    ),
    OpgavePlan(
        "Economic Board",
        "De Economic Board van ondernemers, onderwijs en overheden: samen werken aan de economie van de regio.",
        0,
        800,
        tarief=Decimal("1.00"),
    ),
]

# The Groene Metropoolregio's own budget as a gemeenschappelijke regeling (the Wgr route).
GMR_BEGROTING = [
    OpgavePlan(
        "Bestuur en bedrijfsvoering",
        "Het algemeen bestuur, de griffie, de accountant en de huisvesting van de gemeenschappelijke regeling.",
        310_000,
        900,
    ),
]

DENDER_OPGAVEN = [
    OpgavePlan(
        "Regionale projectuitvoering",
        "De krachten gebundeld voor performante beleids- en projectuitvoering.",
        180_000,
        1400,
    ),
    OpgavePlan(
        "Regiogevoel en imago",
        "Een sterk regiogevoel met positief imago bij inwoners en partners.",
        90_000,
        600,
    ),
    OpgavePlan(
        "Regionaal ecosysteem",
        "Netwerken en overlegstructuren die beleid en uitvoering verbinden.",
        70_000,
        500,
    ),
    OpgavePlan(
        "Financiële slagkracht",
        "Een duurzaam financieringsmodel en belangenbehartiging op hogere niveaus.",
        60_000,
        400,
    ),
]

DRECHT_OPGAVEN = [
    OpgavePlan(
        "Regionale strategische agenda",
        "Politiek-maatschappelijk gestuurd, met een leidende rol voor de Drechtraad.",
        240_000,
        1600,
    ),
    OpgavePlan(
        "Programmering",
        "Passende regionale sturing op (boven)regionale thema's met helder belegde bevoegdheden.",
        160_000,
        1100,
    ),
    OpgavePlan(
        "Netwerkbestuur",
        "Regionale portefeuillehouders, raadscommissies en de Drechtraad in positie.",
        90_000,
        500,
    ),
]

OPDRACHTGEVER_ORGANEN = [
    OrgaanSoort.REGIOBESTUUR,
    OrgaanSoort.BURGEMEESTERSOVERLEG,
    OrgaanSoort.DAGELIJKS_BESTUUR,
]
VORIG_JAAR = Decimal(
    "0.96"
)  # last year's fixed budgets were a little lower: the programmes show the difference


def _say(stdout, text):
    if stdout:
        stdout.write(text)


def _opdrachtgever(regio):
    return (
        Lidmaatschap.objects.current()
        .filter(orgaan__regio=regio, orgaan__soort__in=OPDRACHTGEVER_ORGANEN)
        .exclude(rol=Rol.SECRETARIS)
        .order_by("orgaan__soort", "rol", "pk")
        .first()
    )


def _leden(regio):
    return [d.bestuur for d in regio.deelnames.current().select_related("bestuur").order_by("bestuur__naam")]


def _plan_bedrag(plan, leden, jaar, demo_jaar):
    """The members' budget of an opgave in `jaar`: per inhabitant, exactly its rate times the participants'
    inhabitants (the programme line will read the same); otherwise the plan's amount (a little lower last year)."""
    if plan.tarief is not None:
        inwoners = sum(b.inwoners or 0 for b in leden if b.code not in plan.buiten)
        return (plan.tarief * inwoners).quantize(CENT)
    factor = Decimal("1") if jaar == demo_jaar else VORIG_JAAR
    return (Decimal(plan.bedrag) * factor).quantize(CENT)


def _opgave(regio, plan, opdrachtgever, jaar):
    """The region's opgave with this title (from the opgaven demo when it ran), or a new one made ready to run."""
    leden = _leden(regio)
    opgave = Opgave.objects.filter(regio=regio, titel=plan.titel).first()
    if opgave is not None:
        for j in (jaar - 1, jaar):
            if not opgave.budget.filter(jaar=j, bron=Bron.LEDEN).exists():
                opgaven_services.add_budgetregel(
                    opgave, door=None, jaar=j, bedrag=_plan_bedrag(plan, leden, j, jaar), bron=Bron.LEDEN
                )
        return opgave
    opgave = opgaven_services.create_opgave(
        regio,
        door=None,
        titel=plan.titel,
        samenvatting=plan.samenvatting,
        doel=plan.samenvatting,
        resultaat="Een jaarlijkse voortgangsrapportage aan de raden met de afgesproken indicatoren.",
        opdrachtgever=opdrachtgever,
        opdrachtnemer="Regiobureau",
        begin_jaar=jaar - 1,
        eind_jaar=jaar + 2,
        gepubliceerd=True,
    )
    opgaven_services.add_indicator(
        opgave,
        door=None,
        naam="Afgeronde mijlpalen",
        eenheid="aantal",
        nulwaarde=Decimal("0"),
        streefwaarde=Decimal("4"),
        streefdatum=datetime.date(jaar, 12, 31),
    )
    for j in (jaar - 1, jaar):
        opgaven_services.add_budgetregel(
            opgave, door=None, jaar=j, bedrag=_plan_bedrag(plan, leden, j, jaar), bron=Bron.LEDEN
        )
        opgaven_services.add_capaciteit(
            opgave,
            door=None,
            jaar=j,
            hoeveelheid=Decimal(plan.uren),
            partner="Regiobureau",
            in_natura=False,
        )
    opgaven_services.change_status(opgave, "in_voorbereiding", door=None)
    try:
        opgaven_services.change_status(opgave, "lopend", door=None)
    except ValidationError:
        pass  # an incomplete opdrachtformulering stays in preparation; the programme can still carry it
    return opgave


def _orgaan(regio, naam):
    return Orgaan.objects.filter(regio=regio, naam=naam).first()


# --- Steps of the cycle, dated ----------------------------------------------------------------------------------------


def _terugdateren(versie, **velden):
    """Demo only: date back a step the service just stamped with today (queryset update, no audit entry)."""
    Versie.objects.filter(pk=versie.pk).update(**velden)
    versie.refresh_from_db()
    return versie


def _draft(regio, jaar, demo_jaar, plannen, opgaven, *, titel, behandeldatum, **programma):
    """Draft `jaar` (the programme, or with `soort` the GR's budget, and its own `procedure`), then set each line's
    amount, capacity, key, rate and participants as planned."""
    versie = services.draft_jaarprogramma(
        regio, jaar, door=None, opgaven=opgaven, titel=titel, behandeldatum=behandeldatum, **programma
    )
    for regel in Programmaregel.objects.filter(versie=versie).select_related("opgave"):
        plan = next(p for p in plannen if p.titel == regel.opgave.titel)
        deelnemers = [b for b in regel.deelnemers.all() if b.code not in plan.buiten]
        extra = {}
        if plan.tarief is not None:
            extra["tarief_per_inwoner"] = plan.tarief  # the service sets the amount: rate times inhabitants
        else:
            extra["bedrag"] = regel.bedrag or _plan_bedrag(plan, deelnemers, jaar, demo_jaar)
        services.update_regel(
            regel,
            door=None,
            capaciteit_uren=Decimal(plan.uren),
            sleutel=plan.sleutel,
            deelnemers=deelnemers,
            **extra,
        )
    return versie


def _indienen(versie, op):
    services.submit_versie(versie, door=None)
    return _terugdateren(versie, ingediend_op=op)


def _vaststellen(versie, op, referentie):
    bevroren = versie.bevroren_op is not None
    services.adopt_versie(versie, door=None, besluitdatum=op, besluit_referentie=referentie)
    versie.refresh_from_db()
    if not bevroren:  # frozen by this adoption (consent): on the day the board adopted
        _terugdateren(versie, bevroren_op=_moment(op, 21))
    return versie


def _voorleggen(versie, op, deadline):
    """Route through the service (it stamps today and a term from today), then date the routing and every council's
    deadline back to the story's days."""
    bevroren = versie.bevroren_op is not None
    services.route_versie(versie, door=None)
    velden = {"voorgelegd_op": op, "deadline": deadline}
    if not bevroren:  # frozen by this routing (zienswijze)
        velden["bevroren_op"] = _moment(op, 10)
    Raadsbesluit.objects.filter(versie=versie).update(deadline=deadline)
    return _terugdateren(versie, **velden)


def _terugsturen(versie, op, reden):
    services.send_back(versie, door=None, reden=reden)
    return _terugdateren(versie, teruggestuurd_op=op)


def _beantwoorden(besluit, op, antwoord):
    services.answer_zienswijze(besluit, door=None, antwoord=antwoord)
    Raadsbesluit.objects.filter(pk=besluit.pk).update(antwoord_op=op)


def _pdf(tekst):
    from regioportaal.pdf import render_pdf  # WeasyPrint loads its stylesheets on import: only when needed

    return render_pdf(f"<html lang='nl'><body><h1>Raadsbesluit</h1><p>{tekst}</p></body></html>")


def _record(versie, code, uitkomst, datum, *, tekst="", document=False, afwezig=1):
    """A council's decision on its session day, with a vote that fits the council's legal size."""
    besluit = Raadsbesluit.objects.select_related("bestuur").get(versie=versie, bestuur__code=code)
    extra = {}
    if uitkomst == Uitkomst.AMENDEMENT:
        extra["amendement"] = tekst
    if uitkomst == Uitkomst.ZIENSWIJZE:
        extra["zienswijze"] = tekst
    if document:
        extra["document"] = ContentFile(
            _pdf(f"De raad van {besluit.bestuur.naam} besliste: {Uitkomst(uitkomst).label}."),
            name=f"besluit-{code}.pdf",
        )
    voor, tegen, onthoudingen = stemmen(besluit.bestuur, VOOR_AANDEEL[uitkomst], afwezig=afwezig)
    return services.record_raadsbesluit(
        besluit,
        door=None,
        uitkomst=uitkomst,
        datum_raad=datum,
        stemmen_voor=voor,
        stemmen_tegen=tegen,
        onthoudingen=onthoudingen,
        **extra,
    )


def _record_alle(versie, uitkomsten, na, tot, **kwargs):
    """Record (code, outcome) pairs on session days spread after `na` up to `tot`, in that order."""
    dagen = zittingsdagen(na, tot, len(uitkomsten))
    for i, ((code, uitkomst), dag) in enumerate(zip(uitkomsten, dagen, strict=True)):
        _record(versie, code, uitkomst, dag, afwezig=i % 3, **kwargs)


def _vraag(versie, email, tekst, regel_titel=None, antwoord=""):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(email=email).first()
    if user is None:
        return None
    regel = versie.regels.filter(opgave__titel=regel_titel).first() if regel_titel else None
    try:
        vraag = services.ask_question(versie, tekst=tekst, door=user, regel=regel)
    except NotAllowed:
        return None
    if antwoord:
        services.answer_question(vraag, antwoord=antwoord, door=None)
    return vraag


@dataclass(frozen=True)
class WgrKalender:
    """The Wgr route of the budget of `jaar`, from the general board's meeting in early July of the year before."""

    kaders: datetime.date  # art. 34b: frameworks and provisional accounts to the councils before 15 April
    ingediend: datetime.date
    voorgelegd: datetime.date  # art. 35 lid 1: at least twelve weeks before the board
    deadline: datetime.date
    antwoord: datetime.date
    behandeldatum: datetime.date
    naar_gs: datetime.date  # art. 34 lid 2: within two weeks, before 15 September


def wgr_kalender(jaar, weekdag):
    behandeldatum = op_of_voor(datetime.date(jaar - 1, 7, 9), weekdag)
    voorgelegd = werkdag(behandeldatum - 14 * WEEK)
    deadline = voorgelegd + 12 * WEEK
    return WgrKalender(
        kaders=werkdag(min(voorgelegd - 3 * WEEK, datetime.date(jaar - 1, 4, 14))),
        ingediend=werkdag(voorgelegd - 9 * DAG),
        voorgelegd=voorgelegd,
        deadline=deadline,
        antwoord=werkdag(deadline + 3 * DAG, later=True),
        behandeldatum=behandeldatum,
        naar_gs=werkdag(behandeldatum + 8 * DAG),
    )


def _wgr_route(versie, kalender, *, raden, antwoorden, referentie, gs_referentie):
    """A budget along the Wgr route, in the past: frameworks sent, submitted, routed twelve weeks (and more) before the
    general board, views given and answered in writing, adopted after the term, sent to gedeputeerde staten in time.

    `raden` lists (code, outcome, text of the view) in the order the councils met; the others gave no response.
    """
    services.record_pc_stap(versie.jaarprogramma, stap="kaders", datum=kalender.kaders, door=None)
    _indienen(versie, kalender.ingediend)
    _voorleggen(versie, kalender.voorgelegd, kalender.deadline)
    dagen = zittingsdagen(kalender.voorgelegd + 5 * WEEK, kalender.deadline, len(raden))
    for i, ((code, uitkomst, tekst), dag) in enumerate(zip(raden, dagen, strict=True)):
        _record(versie, code, uitkomst, dag, tekst=tekst, afwezig=i % 3)
    for code, antwoord in antwoorden.items():
        _beantwoorden(
            Raadsbesluit.objects.get(versie=versie, bestuur__code=code), kalender.antwoord, antwoord
        )
    _vaststellen(versie, kalender.behandeldatum, referentie)
    services.record_gs_verzending(versie, datum=kalender.naar_gs, referentie=gs_referentie, door=None)
    return versie


# --- The three regions ------------------------------------------------------------------------------------------------


def build_gmr(regio, stdout=None, vandaag=None):
    """Groene Metropoolregio: consent for its programme (last year's approved, this year's before 18 councils, with
    the bureau at € 2,50 and the Economic Board at € 1,00 per inhabitant), the Wgr route for its own budget."""
    vandaag = vandaag or timezone.localdate()
    jaar = demo_jaar(vandaag)
    services.update_regeling(
        regio,
        door=None,
        procedure=Procedure.INSTEMMING,
        beslisregel=Beslisregel.LEDEN,
        drempel_leden=Decimal("0.6667"),
        sleutel=SleutelSoort.BEVOLKING,
        bedrag_per_inwoner=Decimal("2.50"),
        termijn_dagen=90,
        zienswijze_weken=12,
        bestuursorgaan=_orgaan(regio, "Regiobestuur Groene Metropoolregio"),
    )
    opdrachtgever = _opdrachtgever(regio)
    codes = [b.code for b in _leden(regio)]
    opgaven = [_opgave(regio, plan, opdrachtgever, jaar) for plan in GMR_OPGAVEN]

    # Last year's programme: adopted in June, approved by twelve of eighteen councils in the autumn.
    rb = op_of_voor(datetime.date(jaar - 2, 6, 26), WO)  # the regiobestuur meets on Wednesdays
    vorig = _draft(
        regio, jaar - 1, jaar, GMR_OPGAVEN, opgaven, titel=f"Regionaal programma {jaar - 1}", behandeldatum=rb
    )
    _indienen(vorig, werkdag(rb - 2 * WEEK))
    _vaststellen(vorig, rb, f"RB-{jaar - 2}-031")
    voorgelegd = rb + 2 * DAG
    _voorleggen(vorig, voorgelegd, datetime.date(jaar - 2, 11, 15))
    twaalf = codes[:12]  # twelve of eighteen: the qualified majority of the members holds
    _record_alle(
        vorig,
        [(code, Uitkomst.GOEDGEKEURD) for code in twaalf],
        datetime.date(jaar - 2, 9, 1),
        datetime.date(jaar - 2, 11, 12),
    )

    # This year's programme: adopted by the regiobestuur eight weeks ago, the councils deciding now.
    rb = op_of_voor(vandaag - 8 * WEEK, WO)
    versie = _draft(
        regio, jaar, jaar, GMR_OPGAVEN, opgaven, titel=f"Regionaal programma {jaar}", behandeldatum=rb
    )
    _indienen(versie, werkdag(rb - 2 * WEEK))
    _vaststellen(versie, rb, f"RB-{rb.year}-044")
    voorgelegd = rb + 2 * DAG
    _voorleggen(versie, voorgelegd, voorgelegd + 90 * DAG)
    met_account = {"GM0202", "GM0268"}  # Arnhem and Nijmegen: their demo secretaries record themselves
    anderen = [c for c in codes if c not in met_account]
    uitkomsten = (
        [Uitkomst.GOEDGEKEURD] * 7 + [Uitkomst.AFGEWEZEN] * 2 + [Uitkomst.UITGESTELD] * 2
    )  # the other five stay open
    dagen = zittingsdagen(voorgelegd + 3 * WEEK, vandaag - DAG, len(uitkomsten))
    for i, (code, uitkomst, dag) in enumerate(zip(anderen, uitkomsten, dagen, strict=False)):
        _record(versie, code, uitkomst, dag, document=i < 2, afwezig=i % 3)
    _vraag(
        versie,
        f"raadslid.nijmegen@{DEMO_DOMAIN}",
        "Waarom betalen we naast het regiobureau nog een bijdrage per inwoner voor de Economic Board?",
        "Economic Board",
        antwoord="De Economic Board is een eigen opgave met een eigen tarief: € 1,00 per inwoner, naast € 2,50 "
        "per inwoner voor het regiobureau. Elke gemeente betaalt per regel precies het tarief maal haar inwoners.",
    )
    _vraag(
        versie,
        f"raadslid.arnhem@{DEMO_DOMAIN}",
        f"Welke projecten vallen onder de opgave Verbonden regio in {jaar}?",
        "Verbonden regio",
    )

    # The GR's own budget follows the Wgr route (the programme's own procedure), adopted and with GS in time.
    bestuur_opgaven = [_opgave(regio, plan, opdrachtgever, jaar) for plan in GMR_BEGROTING]
    kalender = wgr_kalender(jaar, WO)
    begroting = _draft(
        regio,
        jaar,
        jaar,
        GMR_BEGROTING,
        bestuur_opgaven,
        titel=f"Begroting {jaar} GR Groene Metropoolregio",
        behandeldatum=kalender.behandeldatum,
        soort=ProgrammaSoort.BEGROTING,
        procedure=Procedure.ZIENSWIJZE,
    )
    _wgr_route(
        begroting,
        kalender,
        raden=[
            ("GM1945", Uitkomst.GEEN_ZIENSWIJZE, ""),
            ("GM0252", Uitkomst.GEEN_ZIENSWIJZE, ""),
            (
                "GM1734",
                Uitkomst.ZIENSWIJZE,
                "De raad vraagt de kosten van bestuur en bedrijfsvoering niet te laten stijgen zolang de opgaven "
                "zelf geen extra middelen krijgen.",
            ),
            ("GM0296", Uitkomst.GEEN_ZIENSWIJZE, ""),
            ("GM0299", Uitkomst.GEEN_ZIENSWIJZE, ""),
        ],
        antwoorden={
            "GM1734": "Het algemeen bestuur houdt de kosten van bestuur en bedrijfsvoering gelijk aan vorig jaar en "
            "legt de indexering in de tussenrapportage opnieuw voor."
        },
        referentie=f"AB-{kalender.behandeldatum.year}-12",
        gs_referentie=f"GMR/{kalender.naar_gs.year}/0719",
    )
    versie.refresh_from_db()
    _say(
        stdout,
        f"{regio.naam}: programma {jaar} voorgelegd aan {len(codes)} raden ({versie.get_status_display()}); "
        f"begroting {jaar} vastgesteld en naar gedeputeerde staten.",
    )


def build_dender(regio, stdout=None, vandaag=None):
    """Denderregio: the DBO routed version 1 to 14 councils; Haaltert's amendment sends it back (the region's rule),
    and version 2, with the amendment, is now before the councils."""
    vandaag = vandaag or timezone.localdate()
    jaar = demo_jaar(vandaag)
    k = dender_kalender(vandaag)
    services.update_regeling(
        regio,
        door=None,
        procedure=Procedure.INSTEMMING,
        beslisregel=Beslisregel.UNANIEM,
        amendement=AmendementRegel.TERUG,
        sleutel=SleutelSoort.MIX,
        aandeel_bevolking=Decimal("0.5"),
        termijn_dagen=90,
        bestuursorgaan=_orgaan(regio, "Burgemeestersoverleg Denderregio"),
    )
    opdrachtgever = _opdrachtgever(regio)
    opgaven = [_opgave(regio, plan, opdrachtgever, jaar) for plan in DENDER_OPGAVEN]
    versie = _draft(
        regio,
        jaar,
        jaar,
        DENDER_OPGAVEN,
        opgaven,
        titel=f"Regioprogramma Denderregio {jaar}",
        behandeldatum=k.dbo2,  # the DBO that adopts the version now before the councils
    )
    _indienen(versie, k.v1_ingediend)
    _vaststellen(versie, k.dbo1, f"DBO-{k.dbo1.year}-09")
    _voorleggen(versie, k.v1_voorgelegd, k.v1_deadline)
    codes = [b.code for b in _leden(regio)]
    haaltert = "41024" if "41024" in codes else codes[-1]
    eerst = [c for c in codes if c != haaltert][:5]
    _record_alle(
        versie, [(c, Uitkomst.GOEDGEKEURD) for c in eerst], k.v1_voorgelegd + 2 * WEEK, k.amendement - DAG
    )
    amenderend = _record(
        versie,
        haaltert,
        Uitkomst.AMENDEMENT,
        k.amendement,
        tekst="De raad keurt het programma goed, mits de opgave 'Regiogevoel en imago' met een kwart wordt verlaagd "
        "en de gemeente niet deelneemt aan de opgave 'Financiële slagkracht'.",
    ).besluit.bestuur

    # The secretariat drafts version 2 with the amendment; the DBO sends version 1 back and adopts version 2.
    tweede = services.new_versie(
        versie,
        door=None,
        toelichting=f"Versie 2 verwerkt het amendement van de gemeenteraad van {amenderend.naam}.",
    )
    for regel in Programmaregel.objects.filter(versie=tweede).select_related("opgave"):
        if regel.opgave.titel == "Regiogevoel en imago":
            services.update_regel(regel, door=None, bedrag=(regel.bedrag * Decimal("0.75")).quantize(CENT))
        if regel.opgave.titel == "Financiële slagkracht":
            services.update_regel(
                regel, door=None, deelnemers=[b for b in regel.deelnemers.all() if b.pk != amenderend.pk]
            )
    _indienen(tweede, k.v2_ingediend)
    _terugsturen(
        versie,
        k.dbo2,
        f"Het DBO neemt het amendement van {amenderend.naam} over in versie 2; versie 1 gaat terug.",
    )
    _vaststellen(tweede, k.dbo2, f"DBO-{k.dbo2.year}-21")
    _voorleggen(tweede, k.v2_voorgelegd, k.v2_deadline)
    met_account = {"41002", "42006"}  # Aalst and Dendermonde: their demo secretaries record themselves
    _record_alle(
        tweede,
        [(c, Uitkomst.GOEDGEKEURD) for c in [haaltert, *eerst] if c not in met_account][:5],
        k.v2_voorgelegd + 2 * WEEK,
        vandaag - DAG,
    )
    _say(stdout, f"{regio.naam}: versie 1 terug na een amendement, versie 2 ligt voor bij de raden.")


def build_drecht(regio, stdout=None, vandaag=None):
    """Drechtsteden: the budget along the Wgr route, in time for gedeputeerde staten; two views, both answered."""
    vandaag = vandaag or timezone.localdate()
    jaar = demo_jaar(vandaag)
    services.update_regeling(
        regio,
        door=None,
        procedure=Procedure.ZIENSWIJZE,
        sleutel=SleutelSoort.BEVOLKING,
        zienswijze_weken=12,
        bestuursorgaan=_orgaan(regio, "Drechtraad"),
    )
    opdrachtgever = _opdrachtgever(regio)
    opgaven = [_opgave(regio, plan, opdrachtgever, jaar) for plan in DRECHT_OPGAVEN]
    kalender = wgr_kalender(jaar, DI)  # the Drechtraad meets on Tuesdays
    versie = _draft(
        regio,
        jaar,
        jaar,
        DRECHT_OPGAVEN,
        opgaven,
        titel=f"Begroting en programma Drechtsteden {jaar}",
        behandeldatum=kalender.behandeldatum,
        soort=ProgrammaSoort.BEGROTING,
    )
    _wgr_route(
        versie,
        kalender,
        raden=[
            ("GM0482", Uitkomst.GEEN_ZIENSWIJZE, ""),
            (
                "GM0505",
                Uitkomst.ZIENSWIJZE,
                "De raad vraagt het programma Netwerkbestuur te beperken tot de kosten van de Drechtraad.",
            ),
            (
                "GM0642",
                Uitkomst.ZIENSWIJZE,
                "De raad wil dat de regionale strategische agenda ook de Merwede-oevers van Zwijndrecht omvat.",
            ),
            ("GM0590", Uitkomst.GEEN_ZIENSWIJZE, ""),
        ],
        antwoorden={
            "GM0505": "Het algemeen bestuur neemt de zienswijze over: Netwerkbestuur blijft binnen de huidige "
            "kosten, omdat de raadscommissies zonder extra middelen kunnen werken.",
            "GM0642": "Het algemeen bestuur neemt de Merwede-oevers op in de uitwerking van de strategische agenda; "
            "de begroting verandert daardoor niet.",
        },
        referentie=f"Drechtraad {kalender.behandeldatum:%d-%m-%Y}",
        gs_referentie=f"DS/{kalender.naar_gs.year}/0412",
    )
    _say(
        stdout,
        f"{regio.naam}: begroting {jaar} vastgesteld op {kalender.behandeldatum} na twee beantwoorde zienswijzen, "
        f"naar gedeputeerde staten op {kalender.naar_gs}.",
    )


PLANNEN = [
    ("groene-metropoolregio", build_gmr),
    ("denderregio", build_dender),
    ("drechtsteden", build_drecht),
]


def load_programmas_demo(stdout=None):
    """Build each region's programme demo unless the region has a programme already (then nothing changes)."""
    for slug, build in PLANNEN:
        regio = Regio.objects.filter(slug=slug).first()
        if regio is None:
            _say(stdout, f"Regio {slug} ontbreekt: draai eerst `manage.py load_demo`.")
            continue
        if Jaarprogramma.objects.filter(regio=regio).exists():
            _say(stdout, f"{regio.naam}: heeft al een programma, niets gewijzigd.")
            continue
        with transaction.atomic():
            build(regio, stdout)
