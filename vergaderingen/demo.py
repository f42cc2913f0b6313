"""The meetings demo, on top of `manage.py load_demo`: DBO meetings, the Drechtraad of 5 March 2013, the raad van
bestuur of the Stadsregio Turnhout, the GMR regiobestuur that adopts its programme, STRATEGIO.

Everything is written through the services with door=None. Running it twice changes nothing: a meeting or planning
day that already exists is left as it is. Every meeting falls on a weekday; the DBO's follow the programme demo's
calendar of the Denderregio (`programmas.demo.dender_kalender`).
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from besturen.models import Orgaan, Regio, Rol
from besturen.selectors import current_seats
from programmas.demo import demo_jaar, dender_kalender
from programmas.demo.kalender import DO, WEEK, WO, op_of_na, op_of_voor
from programmas.models import ProgrammaSoort, Versie

from . import services
from .demo_teksten import DRECHTRAAD_PUNTEN, TURNHOUT_PUNTEN
from .models import AgendapuntStatus, Besluituitkomst, Bijeenkomst, BlokSoort, Keuze, Vergadering


class DemoOntbreekt(LookupError):
    """The regions of `load_demo` are missing."""


def _orgaan(regio_slug, **filters):
    orgaan = Orgaan.objects.filter(regio__slug=regio_slug, **filters).first()
    if orgaan is None:
        raise DemoOntbreekt(
            f"Orgaan {filters} van {regio_slug} ontbreekt: voer eerst `manage.py load_demo` uit."
        )
    return orgaan


def _moment(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _leden(orgaan):
    return list(
        current_seats(orgaan=orgaan).exclude(rol=Rol.SECRETARIS).select_related("persoon").order_by("pk")
    )


def _vergadering(orgaan, begin, einde, **kwargs):
    """The meeting of `orgaan` at `begin`, planned if it is not there yet; (meeting, new?)."""
    bestaand = Vergadering.objects.filter(orgaan=orgaan, begin=begin).first()
    if bestaand is not None:
        return bestaand, False
    return services.plan_vergadering(orgaan, begin=begin, einde=einde, door=None, **kwargs), True


def _hold(vergadering, punten, besluiten, *, leden, notulen):
    """Publish, hold and report a meeting: decisions with votes per member, attendance, minutes."""
    for titel, toelichting, openbaar, *versie in punten:
        services.add_agendapunt(
            vergadering,
            titel=titel,
            toelichting=toelichting,
            openbaar=openbaar,
            programmaversie=versie[0] if versie else None,
            door=None,
        )
    services.publish_agenda(vergadering, door=None)
    services.close_vergadering(vergadering, door=None)
    afwezig = leden[-1:] if leden else []
    services.record_aanwezigheid(
        vergadering,
        aanwezigheden={z.pk: ("verontschuldigd" if z in afwezig else "aanwezig") for z in leden},
        door=None,
    )
    aanwezig = [z for z in leden if z not in afwezig]
    dag = timezone.localtime(
        vergadering.begin
    ).date()  # the demo's decisions take effect the day they are taken
    for punt in vergadering.agendapunten.filter(status=AgendapuntStatus.GEAGENDEERD).order_by("volgnummer"):
        uitkomst, tekst, tegen = besluiten.get(punt.titel, (Besluituitkomst.AANGENOMEN, "Goedgekeurd.", 0))
        if punt.notulen_van_id:
            uitkomst, tekst, tegen = Besluituitkomst.AANGENOMEN, "De notulen worden goedgekeurd.", 0
        stemmen = None
        if uitkomst in (Besluituitkomst.AANGENOMEN, Besluituitkomst.VERWORPEN) and aanwezig:
            stemmen = {
                z.pk: (Keuze.TEGEN if i < tegen else Keuze.VOOR) for i, z in enumerate(reversed(aanwezig))
            }
        services.record_besluit(
            punt,
            uitkomst=uitkomst,
            behandeling="Het punt wordt toegelicht en besproken.",
            tekst=tekst,
            inwerkingtreding=dag,
            stemmen=stemmen,
            door=None,
        )
    services.save_notulen(vergadering, notulen=notulen, door=None)


def _dender_versie(jaar, nummer):
    """Version `nummer` of the Denderregio's programme of `jaar` when the programme demo built it, else None."""
    return (
        Versie.objects.filter(
            jaarprogramma__regio__slug="denderregio",
            jaarprogramma__jaar=jaar,
            jaarprogramma__soort=ProgrammaSoort.PROGRAMMA,
            nummer=nummer,
        )
        .select_related("jaarprogramma")
        .first()
    )


def build_dbo(stdout=None):
    """Two past meetings of the Denderregio's DBO (with minutes, decisions, votes) and one coming up.

    They fall on the days of the programme demo's calendar (`programmas.demo.dender_kalender`), on Thursday evenings:
    the first adopts version 1 of the regional programme, the second sends it back after Haaltert's amendment and
    adopts version 2. When the programme demo ran first, those items point at the versions (the programme already
    took those steps, so the decisions change nothing there).
    """
    dbo = _orgaan("denderregio", afkorting="DBO")
    if Vergadering.objects.filter(orgaan=dbo).exists():
        return dbo
    vandaag = timezone.localdate()
    kalender = dender_kalender(vandaag)
    jaar = demo_jaar(vandaag)
    v1, v2 = _dender_versie(jaar, 1), _dender_versie(jaar, 2)
    programma = f"Regioprogramma {jaar}"
    locatie = "Stadhuis Aalst, Grote Markt 3, 9300 Aalst"
    eerste, _ = _vergadering(dbo, _moment(kalender.dbo1, 19), _moment(kalender.dbo1, 21), locatie=locatie)
    tweede, _ = _vergadering(
        dbo,
        _moment(kalender.dbo2, 19),
        _moment(kalender.dbo2, 21),
        online_link="https://vergaderen.example/dbo",
    )
    derde, _ = _vergadering(dbo, _moment(kalender.dbo3, 19), _moment(kalender.dbo3, 21), locatie=locatie)
    leden = _leden(dbo)
    vaststelling_1 = f"{programma}: vaststelling van versie 1"
    _hold(
        eerste,
        [
            (
                vaststelling_1,
                "Het ontwerp van het secretariaat; na vaststelling gaat het naar de 14 gemeenteraden.",
                True,
                v1,
            ),
            (
                "Regionale mobiliteit: fietssnelwegen langs de Dender",
                "Voorstel van de werkgroep mobiliteit.",
                True,
                None,
            ),
            (
                "Samenwerking rond lokaal woonbeleid",
                "Stand van zaken van het intergemeentelijk project.",
                True,
                None,
            ),
            ("Personeelsinzet regiocoördinator", "Besloten: gaat over een persoon.", False, None),
        ],
        {
            vaststelling_1: (
                Besluituitkomst.AANGENOMEN,
                "Het DBO stelt versie 1 vast en legt haar voor aan de gemeenteraden (termijn 90 dagen).",
                1,
            ),
            "Regionale mobiliteit: fietssnelwegen langs de Dender": (
                Besluituitkomst.AANGENOMEN,
                "Het DBO keurt het tracévoorstel goed.",
                2,
            ),
            "Samenwerking rond lokaal woonbeleid": (
                Besluituitkomst.KENNISGENOMEN,
                "Het DBO neemt kennis.",
                0,
            ),
        },
        leden=leden,
        notulen="Aanwezig: zie de aanwezigheidslijst.\n\nHet DBO stelde versie 1 van het regioprogramma vast en "
        "besprak de fietssnelwegen, het woonbeleid en de personeelsinzet. De besluiten staan bij de agendapunten.",
    )
    amendement = f"{programma}: amendement van de gemeenteraad van Haaltert"
    vaststelling_2 = f"{programma}: vaststelling van versie 2"
    _hold(
        tweede,
        [
            (
                amendement,
                "Haaltert keurde versie 1 goed met een amendement; volgens de regeling gaat versie 1 terug naar het "
                "DBO.",
                True,
                v1,
            ),
            (vaststelling_2, "Versie 2 verwerkt het amendement van Haaltert.", True, v2),
            ("Regionale energiestrategie", "Voorstel om samen een energiecoach aan te stellen.", True, None),
        ],
        {
            amendement: (
                Besluituitkomst.KENNISGENOMEN,
                "Het DBO neemt kennis van het amendement en stuurt versie 1 terug.",
                0,
            ),
            vaststelling_2: (
                Besluituitkomst.AANGENOMEN,
                "Het DBO stelt versie 2 vast en legt haar voor aan de gemeenteraden.",
                0,
            ),
            "Regionale energiestrategie": (
                Besluituitkomst.VERWORPEN,
                "Het voorstel haalt geen meerderheid.",
                9,
            ),
        },
        leden=leden,
        notulen="Het DBO besprak het amendement van Haaltert, stelde versie 2 van het regioprogramma vast en "
        "besprak de energiestrategie.",
    )
    for titel, toelichting in (
        (
            f"{programma}: stand van de besluiten van de gemeenteraden",
            "Welke raden versie 2 al goedkeurden en welke nog beslissen.",
        ),
        ("Regionale mobiliteit: stand van de fietssnelwegen", "Voortgang van de werkgroep."),
        ("Varia", ""),
    ):
        services.add_agendapunt(derde, titel=titel, toelichting=toelichting, door=None)
    services.publish_agenda(derde, door=None)
    if stdout:
        stdout.write(f"DBO: drie vergaderingen ({kalender.dbo1}, {kalender.dbo2}, {kalender.dbo3}).")
    return dbo


def build_drechtraad(stdout=None):
    """The Drechtraad of 5 March 2013 and the Carrousel Bestuur of the same day (seed 003)."""
    drechtraad = _orgaan("drechtsteden", naam="Drechtraad")
    dag = datetime.date(2013, 3, 5)
    vergadering, nieuw = _vergadering(drechtraad, _moment(dag, 20), _moment(dag, 22, 30), locatie="Dordrecht")
    if nieuw:
        _hold(
            vergadering,
            [(titel, toelichting, True) for titel, toelichting in DRECHTRAAD_PUNTEN],
            {
                "Regionale strategische agenda": (
                    Besluituitkomst.KENNISGENOMEN,
                    "De Drechtraad neemt kennis van de aanpak; de uitwerking volgt voor de zomer.",
                    0,
                ),
                "Programmering": (
                    Besluituitkomst.KENNISGENOMEN,
                    "De Drechtraad neemt kennis; de lokale raden besluiten.",
                    0,
                ),
                "Netwerkbestuur: opdrachtverlening": (
                    Besluituitkomst.AANGENOMEN,
                    "De Drechtraad verleent de opdracht tot nadere uitwerking aan het Drechtsteden Bestuur.",
                    3,
                ),
                "Organisatienetwerk": (Besluituitkomst.KENNISGENOMEN, "De Drechtraad neemt kennis.", 0),
            },
            leden=_leden(drechtraad),
            notulen="De Drechtraad besprak de vier dossiers van Samenwerking en toekomst Drechtsteden.",
        )
    carrousel_orgaan = Orgaan.objects.filter(
        regio__slug="drechtsteden", naam__icontains="commissie Bestuur"
    ).first()
    if carrousel_orgaan is not None:
        carrousel, nieuw = _vergadering(
            carrousel_orgaan, _moment(dag, 17), _moment(dag, 19, 30), locatie="Dordrecht"
        )
        if nieuw:
            _hold(
                carrousel,
                [("Carrousel Bestuur: programmering", DRECHTRAAD_PUNTEN[1][1], True)],
                {"Carrousel Bestuur: programmering": (Besluituitkomst.KENNISGENOMEN, "Besproken.", 0)},
                leden=_leden(carrousel_orgaan),
                notulen="Carrousel Bestuur over de programmering.",
            )
    if stdout:
        stdout.write("Drechtraad: vergadering van 5 maart 2013.")
    return vergadering


def build_turnhout(stdout=None):
    """One coming meeting of the Stadsregio Turnhout's raad van bestuur (a Thursday three weeks from now), its
    agenda published; one item was withdrawn afterwards with a reason (it keeps its number)."""
    rvb = _orgaan("stadsregio-turnhout", afkorting="RvB")
    if Vergadering.objects.filter(orgaan=rvb).exists():
        return Vergadering.objects.filter(orgaan=rvb).first()
    dag = op_of_na(timezone.localdate() + 3 * WEEK, DO)
    vergadering, _ = _vergadering(
        rvb,
        _moment(dag, 14),
        _moment(dag, 16),
        locatie="Stadhuis Turnhout, Campus Blairon 200, 2300 Turnhout",
    )
    punten = [
        services.add_agendapunt(vergadering, titel=titel, toelichting=toelichting, door=None)
        for titel, toelichting in TURNHOUT_PUNTEN
    ]
    services.publish_agenda(vergadering, door=None)
    services.withdraw_agendapunt(
        punten[2],
        reden="Het advies van de werkgroep sociale economie volgt op de volgende vergadering.",
        door=None,
    )
    if stdout:
        stdout.write(f"Stadsregio Turnhout: raad van bestuur op {dag}.")
    return vergadering


def _gmr_versie(jaar):
    """This year's programme of the Groene Metropoolregio when the programme demo built it, else None."""
    return (
        Versie.objects.filter(
            jaarprogramma__regio__slug="groene-metropoolregio",
            jaarprogramma__jaar=jaar,
            jaarprogramma__soort=ProgrammaSoort.PROGRAMMA,
            nummer=1,
        )
        .select_related("jaarprogramma")
        .first()
    )


def build_gmr(stdout=None):
    """The Groene Metropoolregio's regiobestuur on the Wednesday it adopts this year's programme (eight weeks ago, as
    in the programme demo), held and reported: its decision on the item linked to the version adopts it (when the
    programme demo ran first it already took that step, so the decision changes nothing there)."""
    regiobestuur = _orgaan("groene-metropoolregio", afkorting="RB")
    if Vergadering.objects.filter(orgaan=regiobestuur).exists():
        return Vergadering.objects.filter(orgaan=regiobestuur).first()
    vandaag = timezone.localdate()
    jaar = demo_jaar(vandaag)
    versie = _gmr_versie(jaar)
    dag = (versie.vastgesteld_op if versie and versie.vastgesteld_op else None) or op_of_voor(
        vandaag - 8 * WEEK, WO
    )
    vergadering, _ = _vergadering(
        regiobestuur, _moment(dag, 15), _moment(dag, 17), locatie="Stadhuis Nijmegen, Korte Nieuwstraat 6"
    )
    vaststelling = f"Regionaal programma {jaar}: vaststelling"
    _hold(
        vergadering,
        [
            (
                vaststelling,
                "Het programma met de opgaven van de regio en de bijdrage per inwoner; na vaststelling beslissen de "
                "18 gemeenteraden erover (termijn 90 dagen).",
                True,
                versie,
            ),
            ("Economic Board: voortgang", "Halfjaarlijkse rapportage van de Economic Board.", True, None),
        ],
        {
            vaststelling: (
                Besluituitkomst.AANGENOMEN,
                "Het regiobestuur stelt het programma vast en legt het voor aan de gemeenteraden.",
                0,
            ),
            "Economic Board: voortgang": (Besluituitkomst.KENNISGENOMEN, "Het regiobestuur neemt kennis.", 0),
        },
        leden=_leden(regiobestuur),
        notulen="Het regiobestuur stelde het regionaal programma vast en besprak de voortgang van de Economic Board.",
    )
    if stdout:
        stdout.write(f"Groene Metropoolregio: regiobestuur van {dag} stelt het programma vast.")
    return vergadering


STRATEGIO_THEMAS = [
    ("Vrije tijd", "Cultuur, erfgoed, bibliotheek, toerisme, jeugd, sport."),
    ("Mobiliteit", "Inclusief infrastructuur."),
    ("Onderwijs en kinderopvang", ""),
    ("Sociaal beleid", "Welzijn, zorg, gezondheid, activeringsbeleid, huisvestingsbeleid."),
    ("Duurzaamheid", "Klimaat, natuur, groen, energie en infrastructuur."),
    ("Omgeving en wonen", "Ruimte, stedenbouw, milieu, en wonen."),
    ("Smart Region", "Data, digitalisering, digitale dienstverlening en technologie."),
    ("Economie", "Lokale economie, handelskernbeleid, werken, ruimtelijk beleid voor industrie."),
]
STRATEGIO_BESCHRIJVING = (
    "STRATEGIO: samen leggen we de regionale puzzel van morgen. Een regionale planningsdag voor beleidsadviseurs "
    "en verantwoordelijke ambtenaren van de twaalf besturen van Rivierenland, georganiseerd door IGEMO in "
    "opdracht van de algemeen directeurs. In acht thematische werksessies, begeleid door externe facilitators, "
    "worden regionale uitdagingen en ambities gedefinieerd op basis van ervaringen en trends. De transversale "
    "thema's diversiteit, armoede, participatie, kindvriendelijkheid, toegankelijkheid, digitalisering en wonen "
    "komen in alle acht clusters terug."
)


def build_strategio(stdout=None):
    """Rivierenland's planning day of 23 May 2023 at Technopolis, Mechelen (seed 004), with some registrations."""
    regio = Regio.objects.filter(slug="rivierenland").first()
    if regio is None:
        raise DemoOntbreekt("Regio rivierenland ontbreekt: voer eerst `manage.py load_demo` uit.")
    if Bijeenkomst.objects.filter(regio=regio, naam="STRATEGIO").exists():
        return Bijeenkomst.objects.get(regio=regio, naam="STRATEGIO")
    dag = services.create_bijeenkomst(
        regio,
        naam="STRATEGIO",
        beschrijving=STRATEGIO_BESCHRIJVING,
        datum=datetime.date(2023, 5, 23),
        locatie="Technopolis, Mechelen",
        organisator="IGEMO, in opdracht van de algemeen directeurs",
        inschrijven_tot=datetime.date(2023, 5, 12),
        door=None,
    )
    t = datetime.time
    schema = [
        (BlokSoort.ONTVANGST, "Ontvangst", t(9), t(9, 30)),
        (BlokSoort.PLENAIR, "Plenaire toelichting", t(9, 30), t(10)),
        (BlokSoort.WERKSESSIES, "Werksessies – trends en veranderingen", t(10), t(12, 30)),
        (BlokSoort.LUNCH, "Lunch met pastabuffet", t(12, 30), t(14)),
        (BlokSoort.WERKSESSIES, "Werksessies – uitdagingen en ambities", t(14), t(16)),
        (BlokSoort.PLENAIR, "Challenging conclusions (plenair)", t(16), t(16, 30)),
        (BlokSoort.NETWERKMOMENT, "Netwerkmoment met tapas", t(16, 30), None),
    ]
    from .pdf import render_template_pdf  # WeasyPrint loads its stylesheets on import: only when needed

    werkdocumenten = {}
    sessieblokken = []
    for soort, titel, begin, einde in schema:
        blok = services.add_blok(dag, soort=soort, titel=titel, begin=begin, einde=einde, door=None)
        if soort != BlokSoort.WERKSESSIES:
            continue
        sessies = []
        for thema, beschrijving in STRATEGIO_THEMAS:
            sessie = services.add_werksessie(
                blok,
                thema=thema,
                beschrijving=beschrijving,
                capaciteit=15,
                facilitator="Externe facilitator",
                door=None,
            )
            if thema not in werkdocumenten:
                werkdocumenten[thema] = render_template_pdf(
                    "vergaderingen/werkdocument_pdf.html",
                    {"thema": thema, "beschrijving": beschrijving, "bijeenkomst": dag},
                )
            naam = f"Werkdocument {thema}.pdf"
            services.add_werkdocument(
                sessie, SimpleUploadedFile(naam, werkdocumenten[thema], "application/pdf"), door=None
            )
            sessies.append(sessie)
        sessieblokken.append(sessies)

    User = get_user_model()
    deelnemers = User.objects.filter(
        email__in=[
            "secretaris.mechelen@regioportaal.example",
            "raadslid.mechelen@regioportaal.example",
            "secretaris.lier@regioportaal.example",
            "raadslid.lier@regioportaal.example",
            "voorzitter.rivierenland@regioportaal.example",
        ]
    ).order_by("email")
    for i, user in enumerate(deelnemers):
        bestuur = services.bestuur_van(user, regio)
        if bestuur is None:
            continue
        ochtend, middag = sessieblokken[0][i % 8], sessieblokken[1][(i + 3) % 8]
        services.register(dag, bestuur=bestuur, sessies=[ochtend, middag], door=None, deelnemer=user)
    if stdout:
        stdout.write(f"STRATEGIO: planningsdag met {dag.inschrijvingen.count()} inschrijvingen.")
    return dag


@transaction.atomic
def load_vergaderingen_demo(stdout=None):
    """Build whatever part of the meetings demo is missing."""
    build_dbo(stdout)
    build_drechtraad(stdout)
    build_turnhout(stdout)
    build_gmr(stdout)
    build_strategio(stdout)
    from .demo_bijeenkomsten import build_planningsdag  # the planning-day demo has its own module

    build_planningsdag(stdout)
