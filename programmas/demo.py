"""The programme demo: three regions' annual programmes at different steps of the cycle, written through the services.

Runs after `load_demo` (regions, members, bodies, logins) and, when present, `load_opgaven_demo` (its opgaven are
used when their titles match; missing ones are created here). Running it twice changes nothing: a region whose
programme of the demo year exists is left as it is.
"""

import datetime
from dataclasses import dataclass, replace
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from besturen.models import Lidmaatschap, Orgaan, OrgaanSoort, Regio, Rol
from opgaven import services as opgaven_services
from opgaven.models import Bron, Opgave
from regioportaal.permissions import NotAllowed

from . import services
from .models import (
    Beslisregel,
    Jaarprogramma,
    Procedure,
    Programmaregel,
    Raadsbesluit,
    SleutelSoort,
    Uitkomst,
)

JAAR = 2027
DEMO_DOMAIN = "regioportaal.example"


@dataclass
class OpgavePlan:
    titel: str
    samenvatting: str
    bedrag: int  # contribution of the members in JAAR (euro)
    uren: int
    sleutel: str = ""


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
        0,  # the region's amount per inhabitant times its inhabitants (build_gmr)
        3200,
        SleutelSoort.PER_INWONER,
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


def _opgave(regio, plan, opdrachtgever):
    """The region's opgave with this title (from the opgaven demo when it ran), or a new one made ready to run."""
    opgave = Opgave.objects.filter(regio=regio, titel=plan.titel).first()
    if opgave is not None:
        if plan.bedrag and not opgave.budget.filter(jaar=JAAR, bron=Bron.LEDEN).exists():
            opgaven_services.add_budgetregel(
                opgave, door=None, jaar=JAAR, bedrag=Decimal(plan.bedrag), bron=Bron.LEDEN
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
        begin_jaar=JAAR - 1,
        eind_jaar=JAAR + 2,
        gepubliceerd=True,
    )
    opgaven_services.add_indicator(
        opgave,
        door=None,
        naam="Afgeronde mijlpalen",
        eenheid="aantal",
        nulwaarde=Decimal("0"),
        streefwaarde=Decimal("4"),
        streefdatum=datetime.date(JAAR, 12, 31),
    )
    for jaar in (JAAR - 1, JAAR):
        if plan.bedrag:
            # Last year's budget was a little lower: the programmes show the difference.
            bedrag = (
                Decimal(plan.bedrag) if jaar == JAAR else (Decimal(plan.bedrag) * Decimal("0.96")).quantize(1)
            )
            opgaven_services.add_budgetregel(opgave, door=None, jaar=jaar, bedrag=bedrag, bron=Bron.LEDEN)
        opgaven_services.add_capaciteit(
            opgave,
            door=None,
            jaar=jaar,
            hoeveelheid=Decimal(plan.uren),
            partner="Regiobureau",
            in_natura=False,
        )
    opgaven_services.change_status(opgave, "in_voorbereiding", door=None)
    try:
        opgaven_services.change_status(opgave, "lopend", door=None)
    except ValidationError:
        pass  # e.g. the bureau has no budget of its own: it is paid per inhabitant
    return opgave


def _regeling(regio, **values):
    regeling = services.regeling_van(regio)
    for name, value in values.items():
        setattr(regeling, name, value)
    regeling.full_clean()
    regeling.save()
    return regeling


def _draft(regio, jaar, plannen, opgaven, *, titel, bedrag_per_inwoner=None, buiten=None):
    """Draft `jaar` from the opgaven, then set each line's amount, capacity and key as planned."""
    versie = services.draft_jaarprogramma(regio, jaar, door=None, opgaven=opgaven, titel=titel)
    factor = Decimal("1") if jaar == JAAR else Decimal("0.96")
    for regel in Programmaregel.objects.filter(versie=versie).select_related("opgave"):
        plan = next(p for p in plannen if p.titel == regel.opgave.titel)
        deelnemers = list(regel.deelnemers.all())
        if buiten and plan.titel in buiten:
            deelnemers = [b for b in deelnemers if b.code not in buiten[plan.titel]]
        if plan.sleutel == SleutelSoort.PER_INWONER and bedrag_per_inwoner:
            inwoners = sum(b.inwoners or 0 for b in deelnemers)
            bedrag = (bedrag_per_inwoner * factor * inwoners).quantize(Decimal("0.01"))
        else:
            bedrag = regel.bedrag or (Decimal(plan.bedrag) * factor).quantize(Decimal("0.01"))
        services.update_regel(
            regel,
            door=None,
            bedrag=bedrag,
            capaciteit_uren=Decimal(plan.uren),
            sleutel=plan.sleutel,
            deelnemers=deelnemers,
        )
    return versie


def _pdf(tekst):
    from weasyprint import HTML

    from .pdf import LocalFetcher, static_dir

    html = f"<html lang='nl'><body><h1>Raadsbesluit</h1><p>{tekst}</p></body></html>"
    return HTML(string=html, base_url=static_dir().as_uri() + "/", url_fetcher=LocalFetcher()).write_pdf()


def _record(versie, code, uitkomst, datum, *, voor=20, tegen=5, tekst="", document=False):
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
    return services.record_raadsbesluit(
        besluit,
        door=None,
        uitkomst=uitkomst,
        datum_raad=datum,
        stemmen_voor=voor,
        stemmen_tegen=tegen,
        **extra,
    )


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


def _orgaan(regio, naam):
    return Orgaan.objects.filter(regio=regio, naam=naam).first()


# --- The three regions ------------------------------------------------------------------------------------------


def build_gmr(regio, stdout=None):
    """Groene Metropoolregio: last year's programme approved; this year's routed to 18 councils, a mix of outcomes."""
    vandaag = timezone.localdate()
    regeling = _regeling(
        regio,
        procedure=Procedure.INSTEMMING,
        beslisregel=Beslisregel.LEDEN,
        drempel_leden=Decimal("0.6667"),
        sleutel=SleutelSoort.BEVOLKING,
        bedrag_per_inwoner=Decimal("2.50"),
        termijn_dagen=90,
        bestuursorgaan=_orgaan(regio, "Regiobestuur Groene Metropoolregio"),
    )
    opdrachtgever = _opdrachtgever(regio)
    leden = list(regio.deelnames.current().select_related("bestuur").order_by("bestuur__naam"))
    codes = [d.bestuur.code for d in leden]
    inwoners = sum(d.bestuur.inwoners or 0 for d in leden)
    plannen = [  # the bureau's budget: the amount per inhabitant times the region's inhabitants
        replace(p, bedrag=int(regeling.bedrag_per_inwoner * inwoners))
        if p.sleutel == SleutelSoort.PER_INWONER
        else p
        for p in GMR_OPGAVEN
    ]
    opgaven = [_opgave(regio, plan, opdrachtgever) for plan in plannen]

    if not Jaarprogramma.objects.filter(regio=regio, jaar=JAAR - 1).exists():
        vorig = _draft(
            regio,
            JAAR - 1,
            plannen,
            opgaven,
            titel=f"Regionaal programma {JAAR - 1}",
            bedrag_per_inwoner=regeling.bedrag_per_inwoner,
        )
        services.submit_versie(vorig, door=None)
        services.adopt_versie(
            vorig, door=None, besluitdatum=datetime.date(JAAR - 2, 6, 26), besluit_referentie="RB-2025-031"
        )
        services.route_versie(vorig, door=None, deadline=datetime.date(JAAR - 2, 11, 15))
        for code in codes[:12]:  # twelve of eighteen: the qualified majority holds
            _record(vorig, code, Uitkomst.GOEDGEKEURD, datetime.date(JAAR - 2, 10, 9))

    versie = _draft(
        regio,
        JAAR,
        plannen,
        opgaven,
        titel=f"Regionaal programma {JAAR}",
        bedrag_per_inwoner=regeling.bedrag_per_inwoner,
        buiten={"Verbonden regio": ["GM0944"]},  # Mook en Middelaar stays out of the mobility line
    )
    services.submit_versie(versie, door=None)
    services.adopt_versie(
        versie,
        door=None,
        besluitdatum=vandaag - datetime.timedelta(days=12),
        besluit_referentie="RB-2026-044",
    )
    services.route_versie(versie, door=None, deadline=vandaag + datetime.timedelta(days=10))
    met_account = {"GM0202", "GM0268"}  # Arnhem and Nijmegen: their demo secretaries record themselves
    anderen = [c for c in codes if c not in met_account]
    datum = vandaag - datetime.timedelta(days=5)
    uitkomsten = (
        [Uitkomst.GOEDGEKEURD] * 7 + [Uitkomst.AFGEWEZEN] * 2 + [Uitkomst.UITGESTELD] * 2
    )  # the other five stay open
    for i, (code, uitkomst) in enumerate(zip(anderen, uitkomsten, strict=False)):
        _record(
            versie,
            code,
            uitkomst,
            datum,
            voor=18 if uitkomst != Uitkomst.AFGEWEZEN else 9,
            tegen=6 if uitkomst != Uitkomst.AFGEWEZEN else 17,
            document=i < 2,
        )
    _vraag(
        versie,
        f"raadslid.nijmegen@{DEMO_DOMAIN}",
        "Waarom stijgt de bijdrage voor het regiobureau, terwijl het bureau klein zou blijven?",
        "Regiobureau",
        antwoord="Het bedrag per inwoner blijft € 2,50; de stijging volgt uit de groei van het aantal inwoners.",
    )
    _vraag(
        versie,
        f"raadslid.arnhem@{DEMO_DOMAIN}",
        "Welke projecten vallen onder de opgave Verbonden regio in 2027?",
        "Verbonden regio",
    )
    versie.refresh_from_db()
    _say(
        stdout,
        f"{regio.naam}: programma {JAAR} voorgelegd aan {len(codes)} raden ({versie.get_status_display()}).",
    )


def build_dender(regio, stdout=None):
    """Denderregio: routed by its DBO to 14 councils; one council's amendment sends it back, version 2 follows."""
    vandaag = timezone.localdate()
    _regeling(
        regio,
        procedure=Procedure.INSTEMMING,
        beslisregel=Beslisregel.UNANIEM,
        sleutel=SleutelSoort.MIX,
        aandeel_bevolking=Decimal("0.5"),
        termijn_dagen=90,
        bestuursorgaan=_orgaan(regio, "Burgemeestersoverleg Denderregio"),
    )
    opdrachtgever = _opdrachtgever(regio)
    opgaven = [_opgave(regio, plan, opdrachtgever) for plan in DENDER_OPGAVEN]
    versie = _draft(regio, JAAR, DENDER_OPGAVEN, opgaven, titel=f"Regioprogramma Denderregio {JAAR}")
    services.submit_versie(versie, door=None)
    services.adopt_versie(
        versie,
        door=None,
        besluitdatum=vandaag - datetime.timedelta(days=40),
        besluit_referentie="DBO-2026-09",
    )
    services.route_versie(versie, door=None, deadline=vandaag + datetime.timedelta(days=50))
    besluiten = list(
        Raadsbesluit.objects.filter(versie=versie).select_related("bestuur").order_by("bestuur__naam")
    )
    datum = vandaag - datetime.timedelta(days=8)
    amenderend = next((b for b in besluiten if b.bestuur.code == "41024"), besluiten[-1])  # Haaltert
    for besluit in besluiten[:6]:
        if besluit.pk != amenderend.pk:
            _record(versie, besluit.bestuur.code, Uitkomst.GOEDGEKEURD, datum, voor=21, tegen=4)
    _record(
        versie,
        amenderend.bestuur.code,
        Uitkomst.AMENDEMENT,
        datum,
        voor=15,
        tegen=8,
        tekst="De raad keurt het programma goed, mits de opgave 'Regiogevoel en imago' met een kwart wordt verlaagd "
        "en de gemeente niet deelneemt aan de opgave 'Financiële slagkracht'.",
    )
    tweede = services.new_versie(
        versie,
        door=None,
        toelichting=f"Versie 2 verwerkt het amendement van de gemeenteraad van {amenderend.bestuur.naam}.",
    )
    for regel in Programmaregel.objects.filter(versie=tweede).select_related("opgave"):
        if regel.opgave.titel == "Regiogevoel en imago":
            services.update_regel(
                regel, door=None, bedrag=(regel.bedrag * Decimal("0.75")).quantize(Decimal("0.01"))
            )
        if regel.opgave.titel == "Financiële slagkracht":
            services.update_regel(
                regel,
                door=None,
                deelnemers=[b for b in regel.deelnemers.all() if b.pk != amenderend.bestuur_id],
            )
    services.submit_versie(tweede, door=None)
    _say(stdout, f"{regio.naam}: versie 1 terug na een amendement, versie 2 ingediend bij het DBO.")


def build_drecht(regio, stdout=None):
    """Drechtsteden: the zienswijze procedure; two councils gave a zienswijze, one is answered."""
    vandaag = timezone.localdate()
    _regeling(
        regio,
        procedure=Procedure.ZIENSWIJZE,
        sleutel=SleutelSoort.BEVOLKING,
        zienswijze_weken=8,
        bestuursorgaan=_orgaan(regio, "Drechtraad"),
    )
    opdrachtgever = _opdrachtgever(regio)
    opgaven = [_opgave(regio, plan, opdrachtgever) for plan in DRECHT_OPGAVEN]
    versie = _draft(regio, JAAR, DRECHT_OPGAVEN, opgaven, titel=f"Begroting en programma Drechtsteden {JAAR}")
    services.submit_versie(versie, door=None)
    services.route_versie(versie, door=None)
    datum = vandaag - datetime.timedelta(days=3)
    eerste = _record(
        versie,
        "GM0505",
        Uitkomst.ZIENSWIJZE,
        datum,
        voor=30,
        tegen=9,
        tekst="De raad vraagt het programma Netwerkbestuur te beperken tot de kosten van de Drechtraad.",
    )
    services.answer_zienswijze(
        eerste.besluit,
        door=None,
        antwoord="Het algemeen bestuur neemt de zienswijze over: Netwerkbestuur blijft binnen de huidige kosten, "
        "omdat de raadscommissies zonder extra middelen kunnen werken.",
    )
    _record(
        versie,
        "GM0642",
        Uitkomst.ZIENSWIJZE,
        datum,
        voor=20,
        tegen=11,
        tekst="De raad wil dat de regionale strategische agenda ook de Merwede-oevers van Zwijndrecht omvat.",
    )
    for code in ("GM0482", "GM0590"):
        _record(versie, code, Uitkomst.GEEN_ZIENSWIJZE, datum, voor=25, tegen=0)
    _say(stdout, f"{regio.naam}: programma {JAAR} ligt voor (zienswijze), 1 van 2 zienswijzen beantwoord.")


PLANNEN = [
    ("groene-metropoolregio", build_gmr),
    ("denderregio", build_dender),
    ("drechtsteden", build_drecht),
]


def load_programmas_demo(stdout=None):
    """Build each region's programme demo unless its programme of JAAR exists (then nothing changes)."""
    for slug, build in PLANNEN:
        regio = Regio.objects.filter(slug=slug).first()
        if regio is None:
            _say(stdout, f"Regio {slug} ontbreekt: draai eerst `manage.py load_demo`.")
            continue
        if Jaarprogramma.objects.filter(regio=regio, jaar=JAAR).exists():
            _say(stdout, f"{regio.naam}: programma {JAAR} bestaat al, niets gewijzigd.")
            continue
        with transaction.atomic():
            build(regio, stdout)
