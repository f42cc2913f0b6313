"""The texts of the opgaven demo: the partnerships' own missions, visions, goals, values and themes (see
/work/shared/seeds), and the Groene Metropoolregio's five invented opgaven with their synergy. Data only; the demo
that builds them is `opgaven.demo`."""

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

# The Denderregio's opgaven, one or more per strategic goal (the numbers); the first four carry the titles the
# programme demo gives its lines, so it finds them here. (titel, samenvatting, doelen, laatste rapportage or None)
DENDER_OPGAVEN = [
    (
        "Regionale projectuitvoering",
        "De krachten gebundeld voor performante beleids- en projectuitvoering: intergemeentelijke "
        "samenwerkingsverbanden ontzorgen de lokale besturen.",
        [1],
        "op_koers",
    ),
    (
        "Regiogevoel en imago",
        "Een sterk regiogevoel met positief imago bij beleidsmakers, lokale besturen en inwoners.",
        [2],
        "aandacht",
    ),
    (
        "Regionaal ecosysteem",
        "Regionale netwerken en overlegstructuren die beleid en uitvoering verbinden, met alle partners op het "
        "terrein.",
        [3, 2],
        "op_koers",
    ),
    (
        "Financiële slagkracht",
        "Een duurzaam en adequaat financieringsmodel en belangenbehartiging op hogere beleidsniveaus.",
        [4],
        None,
    ),
    (
        "Wendbare governance",
        "Een efficiënte en wendbare governance-structuur: het DBO als centrale spil, samen met het Overleg van "
        "Algemeen Directeurs, met rapportering en terugkoppeling naar de lokale besturen.",
        [5, 1],
        "op_koers",
    ),
]

# The Stadsregio Turnhout's two opgaven, on its domains. (titel, samenvatting, thema's)
TURNHOUT_OPGAVEN = [
    (
        "Samen werken aan wonen",
        "Verdere verdieping van de samenwerking op het domein wonen: maatwerk, op de optimale schaal, met de juiste "
        "mensen, middelen en mandaat.",
        ["wonen", "ruimtelijke planning"],
    ),
    (
        "Mobiliteit in de Stadsregio",
        "Gezamenlijke beleidsdoelstellingen op het domein mobiliteit, vanuit één geïntegreerd verhaal met wonen en "
        "sociale(re) economie.",
        ["mobiliteit"],
    ),
]

DRECHT_MISSIE = (
    "Samen stad aan het water. We willen een sterke, aantrekkelijke, bereikbare regio zijn en blijven, maar er komt "
    "veel op ons af! Daarom een gezamenlijke visie op samenwerking en de toekomst."
)
DRECHT_VISIE = (
    "Noodzaak van een sterke strategische agenda: de Drechtraad in positie, en programmering met helder belegde "
    "bevoegdheden. Uitgevoerd door doortastend bestuur, ondersteund door een goed geoliede en effectieve ambtelijke "
    "organisatie.\n\n"
    "Lokale besluitvorming bij lokale bevoegdheden: de raden beslissen lokaal, de regio gaat over de regionale en "
    "regio-overstijgende vraagstukken."
)
DRECHT_WAARDEN = [
    ("Autonomie", "Samenwerking op basis van autonomie van de deelnemende gemeenten."),
    (
        "Meerwaarde",
        "Intensieve samenwerking bij regionale beleidsafhankelijkheden; samenwerking moet meerwaarde hebben.",
    ),
    (
        "Resultaat",
        "Samenwerking ter versterking van maatschappelijke resultaten en het behalen van financiële voordelen.",
    ),
    ("Eenvoud", "Vereenvoudiging van de sturing en de bestuurlijke structuur van de samenwerking."),
    ("Democratische legitimatie", "Behoud van de democratische legitimatie van de volksvertegenwoordiging."),
]
DRECHT_DOELSTELLINGEN = [
    (
        "Een sterke regionale strategische agenda",
        "Politiek-maatschappelijk gestuurd, met een leidende rol voor de Drechtraad; regionale en regio-overstijgende "
        "vraagstukken; actieve verbinding met de samenleving.",
    ),
    (
        "Programmering met helder belegde bevoegdheden",
        "Passende regionale sturing op (boven)regionale thema's: wat is lokaal, waar gaat de regio over en waar gaat "
        "de regio niet over?",
    ),
    (
        "Een krachtig netwerkbestuur",
        "Raadscommissies, een krachtig en compact DSB, samenwerking met bedrijfsleven en kennisinstellingen, en "
        "regionaal portefeuillehouderschap.",
    ),
    (
        "Een goed geolied organisatienetwerk",
        "Ondersteuning van het bestuur bij de invulling en uitvoering van de strategische agenda: bundeling van de "
        "uitvoering, in opdracht van het bestuur aan de ambtelijke top.",
    ),
]
DRECHT_THEMAS = [
    ("Sterke regio", "Economie, bedrijfsleven en kennisinstellingen."),
    ("Aantrekkelijke regio", "Wonen en leven in de stad aan het water."),
    ("Bereikbare regio", "Verbindingen over weg, water en spoor."),
]
