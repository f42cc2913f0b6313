"""The opgaven demo: the strategies of the seed partnerships and the Groene Metropoolregio's five opgaven.

Built through the services with door=None on top of the besturen demo (`manage.py load_demo` first); run by
`manage.py load_opgaven_demo`. Running it again changes nothing: whatever already exists is left as it is. The
texts of goals, missions, values and themes are the partnerships' own (see /work/shared/seeds); the opgaven's
figures, indicators and people are invented.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from besturen import services as besturen_services
from besturen.models import Bestuur, Lidmaatschap, Orgaan, OrgaanSoort, Regio, Rol

from . import services
from .models import Bron, Eenheid, Opgave, Status, Strategie, Synergie, VoortgangStatus

DEMO_DOMAIN = "regioportaal.example"

DENDER_MISSIE = (
    "Regionale samenwerking als motor voor vooruitgang. De lokale besturen van de Denderregio bundelen hun krachten "
    "om samen maatschappelijke uitdagingen aan te pakken die een lokaal antwoord overstijgen. Door efficiënt en "
    "proactief samen te werken, versterken we onze impact en bestuurskracht en creëren we voordelen zoals "
    "schaalvergroting, meer subsidies en een grotere invloed op hogere beleidsniveaus."
)
DENDER_VISIE = (
    "Efficiënte overlegstructuur. De Denderregio werkt vanuit een flexibele en daadkrachtige overlegstructuur, onder "
    "leiding van het Burgemeestersoverleg (DBO). Als centrale spil van de regio stimuleert en coördineert het DBO "
    "regionale informatie-uitwisseling, beleidsafstemming, projectontwikkeling en gezamenlijke belangenbehartiging "
    "om de ambities om te zetten in concrete realisaties. Het DBO zorgt samen met het Overleg van Algemeen "
    "Directeurs voor rapportering en terugkoppeling naar de lokale besturen, die finaal steeds de "
    "beslissingsbevoegdheid hebben.\n\n"
    "Samenwerking op het meest efficiënte niveau. Met respect voor de lokale autonomie werken we samen op het niveau "
    "waar dit het meest rendeert. We benutten telkens de beste schaalgrootte, en houden daarmee rekening met de "
    "sterktes van subregionale en intergemeentelijke dynamieken."
)
DENDER_DOELSTELLINGEN = [
    (
        "De krachten zijn gebundeld voor performante beleids- en projectuitvoering",
        "intergemeentelijke samenwerkingsverbanden op subregionaal en regionaal niveau zorgen voor efficiënte "
        "beleids- en projectuitvoering en ontzorgen de lokale besturen.",
    ),
    (
        "Er is een sterk regiogevoel met positief imago",
        "Een sterk regiogevoel en positief imago creëren om het draagvlak en de actieve betrokkenheid van "
        "beleidsmakers, lokale besturen en inwoners te vergroten, en zo de regionale samenwerking en haar "
        "resultaten te verankeren.",
    ),
    (
        "Het regionaal ecosysteem is actief betrokken",
        "Creëren van regionale netwerken en overlegstructuren om beleid en uitvoering te verbinden en de actieve "
        "betrokkenheid van alle partners op het terrein te verzekeren.",
    ),
    (
        "Er is een versterkte financiële slagkracht",
        "Een duurzaam en adequaat financieringsmodel ontwikkelen voor de Denderregio en de belangen van de regio "
        "behartigen op hogere beleidsniveaus om de welvaart en het welzijn in de Denderregio te versterken.",
    ),
    (
        "De bestuurlijke structuur verloopt optimaal",
        "Ontwikkelen van een efficiënte en wendbare governance-structuur die de samenwerking tussen de lokale "
        "besturen versterkt en de besluitvorming van de Denderregio efficiënter maakt.",
    ),
]

TURNHOUT_MISSIE = (
    "De Projectvereniging Stadsregio Turnhout heeft als kernopdrachten een fundamentele bijdrage te leveren aan de "
    "missie en doelstellingen van de deelnemende lokale besturen en het verhogen van hun bestuurskracht.\n\n"
    "De projectvereniging wil daarvoor gezamenlijke beleidsdoelstellingen prioritair helpen realiseren op de "
    "domeinen wonen, mobiliteit, sociale(re) economie en ruimtelijke planning vanuit één geïntegreerd verhaal. "
    "Andere domeinen/thema’s kunnen eveneens opgenomen worden indien ze bijdragen aan de missie van de vereniging."
    "\n\n"
    "Daarnaast wil ze de bestuurskracht helpen verhogen door mee te zoeken naar de juiste samenwerkingsformules in "
    "functie van een kwaliteitsvolle, efficiënte en effectieve dienstverlening (shared services, delen van "
    "personeel, belangen behartigen…)."
)
TURNHOUT_VISIE = (
    "Stadsregio Turnhout is een samenwerkingsverband van de gemeenten en OCMW’s van Beerse, Oud-Turnhout, Turnhout "
    "en Vosselaar. Op basis van het decreet van 2001 op de intergemeentelijke samenwerking neemt ze de juridische "
    "vorm aan van een projectvereniging.\n\n"
    "Om haar missie te realiseren, neemt de projectvereniging verschillende rollen op: ze faciliteert om tot "
    "gemeenschappelijke doelen te komen (procesbegeleiding), initieert nieuwe projecten/invalshoeken, voert beleid "
    "mee uit (dienstverlening), ondersteunt diensten en ambtenaren, behartigt belangen t.a.v. andere "
    "partners/overheden, regisseert en coördineert beleidsprocessen. Kortom, de projectvereniging is er vooral om "
    "de samenwerking tussen de vier lokale besturen professioneel te managen en is dus geen specifiek, bovenlokaal "
    "bestuursniveau."
)
TURNHOUT_THEMAS = ["wonen", "mobiliteit", "sociale(re) economie", "ruimtelijke planning"]
TURNHOUT_WAARDEN = [
    (
        "Gedeelde verantwoordelijkheid",
        "De werking van de projectvereniging steunt op de collectieve betrokkenheid en verantwoordelijkheid van de "
        "bestuurders, de mandatarissen, de ambtenaren en de medewerkers van de lokale besturen én de "
        "projectvereniging. Het gaat om mede-eigenaarschap!",
    ),
    (
        "Transparantie",
        "Stadsregio Turnhout heeft een open, doorzichtige en communicatieve houding ten aanzien van haar "
        "stakeholders, opdrachtgevers en het brede publiek.",
    ),
    (
        "Duurzaamheid",
        "Stadsregio Turnhout wil evenwichtig en toekomstgericht zijn in heel haar werking. Duurzaamheid als kader "
        "voor ons handelen, betekent dat we streven naar rechtvaardigheid binnen en buiten de stadsregio, voor onze "
        "en voor toekomstige generaties.",
    ),
    (
        "Integriteit",
        "Stadsregio Turnhout wil steeds garant staan voor een betrouwbare, kwalitatieve en objectieve werking "
        "waarbij het respect voor ieders positie en belang gerespecteerd wordt.",
    ),
]

RIVIERENLAND_THEMAS = [
    ("Vrije tijd", "cultuur, erfgoed, bibliotheek, toerisme, jeugd, sport"),
    ("Mobiliteit", "incl. infrastructuur"),
    ("Onderwijs en kinderopvang", ""),
    ("Sociaal Beleid", "welzijn, zorg, gezondheid, activeringsbeleid, huisvestingsbeleid"),
    ("Duurzaamheid", "klimaat, natuur, groen, energie en infrastructuur"),
    ("Omgeving en Wonen", "ruimte, stedenbouw, milieu"),
    ("Smart Region", "data, digitalisering, digitale dienstverlening en technologie"),
    ("Economie", "lokale economie, handelskernbeleid, werken, ruimtelijk beleid voor industrie"),
]
RIVIERENLAND_TRANSVERSAAL = [
    "diversiteit",
    "armoede",
    "participatie",
    "kindvriendelijkheid",
    "toegankelijkheid",
    "digitalisering",
    "wonen",
]

GMR_MISSIE = (
    "Opgavegerichte samenwerking: concrete opgaven in een jaarlijks programma, met een opdrachtformulering van doel, "
    "resultaat, budget, capaciteit en sturing. Geen extra bestuurslaag, geen overdracht van raadsbevoegdheden, geen "
    "zware organisatie; wel transparantie (raden beslissen over opgaven, budget en mandaat) en slagvaardigheid "
    "(programmatische aanpak, mandaat in de opgave)."
)
GMR_VISIE = (
    "Profilering in etalage: groene, circulaire metropoolregio, aansluitend op de grote programma’s van provincie, "
    "Rijk en EU en een inspiratiebron voor lokale initiatieven. Doel in 2050: energie-neutrale en circulaire groene "
    "metropoolregio. Circulair breed = inclusief denken: geen afwenteling op andere groepen, tijden of gebieden.\n\n"
    "Diversiteit van culturen, landschappen en kernen is kracht: daarom zoeken we synergie. Integrale in plaats van "
    "verkokerde benadering; hoe meer synergie, hoe meer prioriteit."
)
GMR_DOELSTELLINGEN = [
    (
        "Een energie-neutrale en circulaire groene metropoolregio in 2050",
        "Doel in 2050: energie-neutrale en circulaire groene metropoolregio. Circulair breed = inclusief denken: "
        "geen afwenteling op andere groepen, tijden of gebieden.",
    ),
    (
        "Scherpere profilering en lobby",
        "Heldere visie en ambitie; aansluiting bij de miljoenen- en miljardenprogramma’s van provincie, Rijk en EU.",
    ),
    (
        "Transparantie en democratische legitimatie",
        "Raden beslissen over opgaven, budget en mandaat; zicht en grip op de regionale agenda.",
    ),
]
GMR_THEMAS = [
    ("Health & hightech", "groei-speerpunt (#Lifeport)", False),
    ("Food", "groei-speerpunt (#Lifeport)", False),
    ("Energy", "groei-speerpunt (#Lifeport)", False),
    ("Wonen en ruimte", "", False),
    ("Mobiliteit", "oost-west corridor", False),
    ("Inclusief denken", "geen afwenteling op andere groepen, tijden of gebieden", True),
]

# (titel, samenvatting, doel, resultaat, indicatoren, doelstellingen, themas, partners, opdrachtnemer, zetel)
# `zetel` picks the opdrachtgever in the regiobestuur: "voorzitter" or the member seat on behalf of that index.
GMR_OPGAVEN = [
    (
        "Groeiregio in balans",
        "Wonen, werken en landschap samen laten groeien in een stedelijk netwerk waarin alle plaatsen tellen.",
        "De regio groeit. We bouwen woningen en werklocaties zonder de stuwwallen, rivieren en het groen tussen "
        "steden en dorpen op te geven: in een stedelijk netwerk zijn alle plaatsen en functies even belangrijk.",
        "Een regionale verstedelijkingsstrategie met woningbouwafspraken per gemeente, aangesloten bij de programma’s "
        "van provincie en Rijk.",
        [("Nieuwe woningen per jaar", "woningen", "2500", "4000", 2030)],
        [1, 2],
        ["Wonen en ruimte", "Inclusief denken"],
        "Provincie Gelderland, woningcorporaties in de regio, Rijksvastgoedbedrijf",
        "Regiobureau, programmamanager wonen en ruimte",
        "voorzitter",
    ),
    (
        "Productieve regio",
        "Werk en innovatie in de groei-speerpunten Health & hightech, Food en Energy.",
        "Een moderne, kennisintensieve regio met innovatieve bedrijven in alle sectoren: we versterken de "
        "groei-speerpunten Health & hightech, Food en Energy en verbinden onderwijs, onderzoek en bedrijven.",
        "Een gezamenlijke agenda met kennisinstellingen en bedrijven, en meer banen in de groei-speerpunten.",
        [("Banen in de groei-speerpunten", "banen", "41000", "45000", 2030)],
        [2],
        ["Health & hightech", "Food", "Energy"],
        "Radboud Universiteit, HAN University of Applied Sciences, Oost NL, ondernemersverenigingen",
        "Regiobureau, programmamanager economie",
        0,
    ),
    (
        "Verbonden regio",
        "Bereikbaarheid over de oost-west corridor en tussen steden en dorpen.",
        "De regio raakt toenemend verbonden maar wordt geen monocentrisch geheel: we verbeteren de verbindingen over "
        "de oost-west corridor en tussen de kernen, met fiets, openbaar vervoer en slimme logistiek.",
        "Een uitvoeringsprogramma bereikbaarheid met snelfietsroutes en betere OV-knooppunten.",
        [
            ("Reizigers regionaal openbaar vervoer per werkdag", "reizigers", "52000", "60000", 2030),
            ("Kilometer snelfietsroute", "km", "60", "120", 2030),
        ],
        [1, 2],
        ["Mobiliteit"],
        "Provincie Gelderland, vervoerders, Rijkswaterstaat",
        "Regiobureau, programmamanager mobiliteit",
        1,
    ),
    (
        "Vitale regio",
        "Gezond leven en een gezonde leefomgeving voor alle inwoners.",
        "Inwoners van de regio leven gezond in een gezonde leefomgeving; we gebruiken de kennis uit Health & hightech "
        "voor preventie en zorg dicht bij huis, zonder afwenteling op andere groepen.",
        "Een regionale preventieaanpak met zorgpartners en een gezonde inrichting van nieuwe wijken.",
        [("Inwoners die hun gezondheid als goed ervaren", "%", "76", "80", 2030)],
        [1],
        ["Health & hightech", "Inclusief denken"],
        "GGD Gelderland-Zuid, zorgverzekeraar, ziekenhuizen in de regio",
        "Regiobureau, programmamanager vitaliteit",
        2,
    ),
    (
        "Circulaire regio",
        "Grondstoffen, materialen en energie in de kringloop: op weg naar de circulaire topregio van 2050.",
        "In 2050 is de regio energie-neutraal en circulair. Al verkozen tot ‘circulaire topregio’ en ‘green "
        "capital’ maken we dat geloofwaardig waar: minder restafval, circulair bouwen en circulair inkopen door de "
        "gemeenten zelf.",
        "Minder restafval per inwoner en een groter deel circulair ingekochte opdrachten van de gemeenten.",
        [
            ("Restafval per inwoner", "kg per jaar", "180", "100", 2030),
            ("Circulair ingekochte opdrachten van de gemeenten", "%", "10", "50", 2030),
        ],
        [1, 2],
        ["Energy", "Wonen en ruimte", "Inclusief denken"],
        "Provincie Gelderland, afvalinzamelaars, bouwbedrijven, HAN University of Applied Sciences",
        "Regiobureau, programmamanager circulaire economie",
        "voorzitter",
    ),
]
GMR_SYNERGIE = [
    (
        "Circulaire regio",
        "Productieve regio",
        "Toegevoegde waarde in verbinding en tussenruimte klassieke domeinen: circulaire bedrijvigheid in Health & "
        "hightech, Food en Energy.",
    ),
    (
        "Circulaire regio",
        "Groeiregio in balans",
        "Integrale ipv verkokerde benadering: circulair bouwen in de woningbouwopgave.",
    ),
    (
        "Verbonden regio",
        "Groeiregio in balans",
        "Opdrachten met elkaar in verbinding brengen: woningbouw bij de knooppunten van de oost-west corridor.",
    ),
    (
        "Vitale regio",
        "Groeiregio in balans",
        "Hoe meer synergie, hoe meer prioriteit: een gezonde leefomgeving in de nieuwe wijken.",
    ),
]
CAPACITEIT_LEDEN = ["GM0202", "GM0268", "GM1734", "GM0296"]


def _kwartaaleinden(vandaag, aantal):
    """The last `aantal` quarter ends before `vandaag`, oldest first."""
    einden = []
    jaar, kwartaal = vandaag.year, (vandaag.month - 1) // 3  # the quarter before the current one
    while len(einden) < aantal:
        if kwartaal == 0:
            jaar, kwartaal = jaar - 1, 4
        maand = kwartaal * 3
        einden.append(datetime.date(jaar, maand, 30 if maand in (6, 9) else 31))
        kwartaal -= 1
    return list(reversed(einden))


def _regio(slug, stdout):
    regio = Regio.objects.filter(slug=slug).first()
    if regio is None and stdout:
        stdout.write(f"Regio {slug} ontbreekt: laad eerst de besturen-demo (manage.py load_demo).")
    return regio


def _strategie(regio, missie, visie):
    if not Strategie.objects.filter(regio=regio).exists():
        services.save_strategie(regio, missie=missie, visie=visie, door=None)


def _doelstellingen(regio, doelen):
    if not regio.doelstellingen.exists():
        for nummer, (titel, beschrijving) in enumerate(doelen, start=1):
            services.add_doelstelling(regio, nummer=nummer, titel=titel, beschrijving=beschrijving, door=None)


def _themas(regio, themas):
    bestaand = set(regio.themas.values_list("naam", flat=True))
    for naam, beschrijving, transversaal in themas:
        if naam not in bestaand:
            services.add_thema(
                regio, naam=naam, beschrijving=beschrijving, transversaal=transversaal, door=None
            )


def _waarden(regio, waarden):
    if not regio.waarden.exists():
        for volgorde, (naam, tekst) in enumerate(waarden, start=1):
            services.add_waarde(regio, naam=naam, tekst=tekst, volgorde=volgorde, door=None)


def build_dender(stdout=None):
    regio = _regio("denderregio", stdout)
    if regio:
        _strategie(regio, DENDER_MISSIE, DENDER_VISIE)
        _doelstellingen(regio, DENDER_DOELSTELLINGEN)


def build_turnhout(stdout=None):
    regio = _regio("stadsregio-turnhout", stdout)
    if regio:
        _strategie(regio, TURNHOUT_MISSIE, TURNHOUT_VISIE)
        _themas(regio, [(naam, "", False) for naam in TURNHOUT_THEMAS])
        _waarden(regio, TURNHOUT_WAARDEN)


def build_rivierenland(stdout=None):
    regio = _regio("rivierenland", stdout)
    if regio:
        _themas(
            regio,
            [(naam, beschrijving, False) for naam, beschrijving in RIVIERENLAND_THEMAS]
            + [(naam.capitalize(), "", True) for naam in RIVIERENLAND_TRANSVERSAAL],
        )


def _opdrachtgevers(regiobestuur):
    """The regiobestuur's chair (who has a demo login) and its other current members, in seat order."""
    zetels = list(
        Lidmaatschap.objects.current()
        .filter(orgaan=regiobestuur, rol__in=[Rol.VOORZITTER, Rol.LID])
        .select_related("persoon")
        .order_by("pk")
    )
    voorzitter = next(z for z in zetels if z.rol == Rol.VOORZITTER)
    return voorzitter, [z for z in zetels if z.rol == Rol.LID]


def _build_opgave(regio, spec, *, doelen, themas, opdrachtgever, jaar):
    (titel, samenvatting, doel, resultaat, indicatoren, nummers, thema_namen, partners, opdrachtnemer, _z) = (
        spec
    )
    stuurgroep = Orgaan.objects.filter(
        regio=regio, soort=OrgaanSoort.STUURGROEP, naam=f"Stuurgroep {titel}"
    ).first()
    if stuurgroep is None:
        stuurgroep = besturen_services.create_orgaan(
            door=None,
            soort=OrgaanSoort.STUURGROEP,
            naam=f"Stuurgroep {titel}",
            regio=regio,
            beschrijving="Stuurgroep op maat, met maatschappelijke partners.",
        )
    opgave = services.create_opgave(
        regio,
        door=None,
        titel=titel,
        samenvatting=samenvatting,
        doel=doel,
        resultaat=resultaat,
        opdrachtgever=opdrachtgever,
        stuurgroep=stuurgroep,
        partners=partners,
        opdrachtnemer=opdrachtnemer,
        begin_jaar=jaar,
        eind_jaar=jaar + 3,
        gepubliceerd=True,
        doelstellingen=[doelen[n] for n in nummers],
        themas=[themas[naam] for naam in thema_namen],
    )
    for naam, eenheid, nul, streef, streefjaar in indicatoren:
        services.add_indicator(
            opgave,
            door=None,
            naam=naam,
            eenheid=eenheid,
            nulwaarde=Decimal(nul),
            streefwaarde=Decimal(streef),
            streefdatum=datetime.date(streefjaar, 12, 31),
        )
    for offset in (0, 1):
        for bron, bedrag in ((Bron.LEDEN, "250000"), (Bron.PROVINCIE, "100000"), (Bron.RIJK, "50000")):
            services.add_budgetregel(opgave, door=None, jaar=jaar + offset, bedrag=Decimal(bedrag), bron=bron)
    leden = {
        b.code: b for b in Bestuur.objects.filter(code__in=CAPACITEIT_LEDEN, land="NL", soort="gemeente")
    }
    for code, hoeveelheid, eenheid in (
        (CAPACITEIT_LEDEN[0], "0.5", Eenheid.FTE),
        (CAPACITEIT_LEDEN[1], "0.5", Eenheid.FTE),
        (CAPACITEIT_LEDEN[2], "400", Eenheid.UREN),
    ):
        if code in leden:
            services.add_capaciteit(
                opgave,
                door=None,
                jaar=jaar,
                hoeveelheid=Decimal(hoeveelheid),
                eenheid=eenheid,
                bestuur=leden[code],
                in_natura=True,
            )
    for status in (Status.IN_VOORBEREIDING, Status.LOPEND):
        opgave = services.change_status(opgave, status, door=None, reden="Demo")
    return opgave


def build_gmr(stdout=None, vandaag=None):
    regio = _regio("groene-metropoolregio", stdout)
    if regio is None:
        return
    vandaag = vandaag or timezone.localdate()
    jaar = vandaag.year
    _strategie(regio, GMR_MISSIE, GMR_VISIE)
    _doelstellingen(regio, GMR_DOELSTELLINGEN)
    _themas(regio, GMR_THEMAS)
    regiobestuur = Orgaan.objects.get(regio=regio, soort=OrgaanSoort.REGIOBESTUUR)
    voorzitter, leden = _opdrachtgevers(regiobestuur)
    doelen = {d.nummer: d for d in regio.doelstellingen.all()}
    themas = {t.naam: t for t in regio.themas.all()}

    opgaven = {o.titel: o for o in Opgave.objects.filter(regio=regio)}
    for spec in GMR_OPGAVEN:
        titel, zetel = spec[0], spec[-1]
        if titel in opgaven:
            continue
        opdrachtgever = voorzitter if zetel == "voorzitter" else leden[zetel % len(leden)]
        opgaven[titel] = _build_opgave(
            regio, spec, doelen=doelen, themas=themas, opdrachtgever=opdrachtgever, jaar=jaar
        )

    for a, b, reden in GMR_SYNERGIE:
        van, naar = sorted([opgaven[a], opgaven[b]], key=lambda o: o.pk)
        if not Synergie.objects.filter(van=van, naar=naar).exists():
            services.link_synergie(van, naar, reden=reden, door=None)

    circulair = opgaven["Circulaire regio"]
    if not circulair.mandaten.exists():
        _mandaat_en_voortgang(circulair, regiobestuur, vandaag)
        eind = _kwartaaleinden(vandaag, 1)[0]
        services.report_voortgang(
            opgaven["Verbonden regio"],
            periode_eind=eind,
            status=VoortgangStatus.AANDACHT,
            besteed=Decimal("60000"),
            toelichting="De aanbesteding van de snelfietsroute loopt vertraging op.",
            door=None,
        )


def _mandaat_en_voortgang(opgave, regiobestuur, vandaag):
    eerste, tweede = _kwartaaleinden(vandaag, 2)
    mandaat = services.grant_mandaat(
        opgave,
        verleend_door=regiobestuur,
        besluitdatum=datetime.date(eerste.year, 1, 15),
        besluit_referentie=f"RB-{eerste.year}-07",
        omschrijving=(
            "Binnen de opgave Circulaire regio opdrachten gunnen en subsidies verlenen tot het budgetplafond, "
            "zonder nieuwe verplichtingen voor de gemeenten aan te gaan."
        ),
        budgetplafond=Decimal("150000"),
        begindatum=datetime.date(eerste.year, 1, 1),
        einddatum=datetime.date(vandaag.year + 1, 12, 31),
        door=None,
    )
    for datum, bedrag, omschrijving in (
        (eerste, "35000", "Onderzoek naar de grondstoffenstromen van de regio"),
        (tweede, "20000", "Regionale campagne circulair inkopen voor de gemeenten"),
    ):
        services.record_verplichting(
            mandaat, bedrag=Decimal(bedrag), omschrijving=omschrijving, datum=datum, door=None
        )
    indicatoren = {i.naam: i for i in opgave.indicatoren.all()}
    restafval = indicatoren["Restafval per inwoner"]
    inkoop = indicatoren["Circulair ingekochte opdrachten van de gemeenten"]
    for eind, besteed, restafval_waarde, inkoop_waarde, toelichting in (
        (eerste, "30000", "172", "14", "Het onderzoek naar de grondstoffenstromen is gestart."),
        (tweede, "45000", "165", "19", "Zes gemeenten kopen hun bouwopdrachten nu circulair in."),
    ):
        services.report_voortgang(
            opgave,
            periode_eind=eind,
            status=VoortgangStatus.OP_KOERS,
            besteed=Decimal(besteed),
            toelichting=toelichting,
            waarden={restafval: Decimal(restafval_waarde), inkoop: Decimal(inkoop_waarde)},
            door=None,
        )


@transaction.atomic
def load_opgaven_demo(stdout=None):
    """Build whatever part of the opgaven demo is missing."""
    build_dender(stdout)
    build_turnhout(stdout)
    build_gmr(stdout)
    build_rivierenland(stdout)
