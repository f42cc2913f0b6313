"""The meetings demo, on top of `manage.py load_demo`: DBO meetings, the Drechtraad of 5 March 2013, STRATEGIO.

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
from programmas.models import ProgrammaSoort, Versie

from . import services
from .models import AgendapuntStatus, Bijeenkomst, BlokSoort, Keuze, Uitkomst, Vergadering


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
    for punt in vergadering.agendapunten.filter(status=AgendapuntStatus.GEAGENDEERD).order_by("volgnummer"):
        uitkomst, tekst, tegen = besluiten.get(punt.titel, (Uitkomst.AANGENOMEN, "Goedgekeurd.", 0))
        if punt.notulen_van_id:
            uitkomst, tekst, tegen = Uitkomst.AANGENOMEN, "De notulen worden goedgekeurd.", 0
        stemmen = None
        if uitkomst in (Uitkomst.AANGENOMEN, Uitkomst.VERWORPEN) and aanwezig:
            stemmen = {
                z.pk: (Keuze.TEGEN if i < tegen else Keuze.VOOR) for i, z in enumerate(reversed(aanwezig))
            }
        services.record_besluit(
            punt,
            uitkomst=uitkomst,
            behandeling="Het punt wordt toegelicht en besproken.",
            tekst=tekst,
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
                Uitkomst.AANGENOMEN,
                "Het DBO stelt versie 1 vast en legt haar voor aan de gemeenteraden (termijn 90 dagen).",
                1,
            ),
            "Regionale mobiliteit: fietssnelwegen langs de Dender": (
                Uitkomst.AANGENOMEN,
                "Het DBO keurt het tracévoorstel goed.",
                2,
            ),
            "Samenwerking rond lokaal woonbeleid": (Uitkomst.KENNISGENOMEN, "Het DBO neemt kennis.", 0),
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
                Uitkomst.KENNISGENOMEN,
                "Het DBO neemt kennis van het amendement en stuurt versie 1 terug.",
                0,
            ),
            vaststelling_2: (
                Uitkomst.AANGENOMEN,
                "Het DBO stelt versie 2 vast en legt haar voor aan de gemeenteraden.",
                0,
            ),
            "Regionale energiestrategie": (Uitkomst.VERWORPEN, "Het voorstel haalt geen meerderheid.", 9),
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


DRECHTRAAD_PUNTEN = [
    (
        "Regionale strategische agenda",
        "Politiek-maatschappelijk gestuurd, met een leidende rol voor de Drechtraad; regionale en "
        "regio-overstijgende vraagstukken, in actieve verbinding met de samenleving. Vervolg: uitwerking van de "
        "procesbeschrijving van het politiek/maatschappelijk regionaal meerjarenprogramma (rMJP) ter "
        "voorbereiding op de nieuwe raadsperiode; besluitvorming voor de zomer.",
    ),
    (
        "Programmering",
        "Passende regionale sturing op (boven)regionale thema's met helder belegde bevoegdheden: wat is lokaal, "
        "waar gaat de regio over en waar niet? Doel: realisatie van de strategische agenda. Vervolg na de "
        "Carrousel Bestuur van 5 maart; lokale besluitvorming.",
    ),
    (
        "Netwerkbestuur: opdrachtverlening",
        "Nader uitwerken: politiek/maatschappelijk rMJP, raadscommissies, een krachtig en compact Drechtsteden "
        "Bestuur in samenwerking met bedrijfsleven en kennisinstellingen, regionaal portefeuillehouderschap en "
        "beperking van de omvang van de Drechtraad. De opdrachtverlening is niet bindend: lokale raden besluiten "
        "bij lokale bevoegdheden.",
    ),
    (
        "Organisatienetwerk",
        "Ondersteuning van het bestuur bij de invulling en uitvoering van de strategische agenda door bundeling "
        "van de uitvoering, als opdracht van het bestuur aan de ambtelijke top. Vervolg: lokale besluitvorming "
        "in de colleges.",
    ),
]


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
                    Uitkomst.KENNISGENOMEN,
                    "De Drechtraad neemt kennis van de aanpak; de uitwerking volgt voor de zomer.",
                    0,
                ),
                "Programmering": (
                    Uitkomst.KENNISGENOMEN,
                    "De Drechtraad neemt kennis; de lokale raden besluiten.",
                    0,
                ),
                "Netwerkbestuur: opdrachtverlening": (
                    Uitkomst.AANGENOMEN,
                    "De Drechtraad verleent de opdracht tot nadere uitwerking aan het Drechtsteden Bestuur.",
                    3,
                ),
                "Organisatienetwerk": (Uitkomst.KENNISGENOMEN, "De Drechtraad neemt kennis.", 0),
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
                {"Carrousel Bestuur: programmering": (Uitkomst.KENNISGENOMEN, "Besproken.", 0)},
                leden=_leden(carrousel_orgaan),
                notulen="Carrousel Bestuur over de programmering.",
            )
    if stdout:
        stdout.write("Drechtraad: vergadering van 5 maart 2013.")
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
    build_strategio(stdout)
