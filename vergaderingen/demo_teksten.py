"""Texts of the meetings demo: the agenda items of the Drechtraad of 5 March 2013 and of the Stadsregio Turnhout's
raad van bestuur (titles and explanations as (titel, toelichting))."""

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


TURNHOUT_PUNTEN = [
    (
        "Wonen: regionaal woonoverleg",
        "Stand van het intergemeentelijk woonbeleid in Beerse, Oud-Turnhout, Turnhout en Vosselaar.",
    ),
    ("Mobiliteit: vervoerregio Kempen", "Voorbereiding van de regioraad van de vervoerregio."),
    (
        "Sociale economie: lokale diensteneconomie",
        "Voorstel om de regierol sociale economie samen op te nemen.",
    ),
    ("Ruimtelijke planning: beleidsplan ruimte", "Afstemming van de gemeentelijke beleidsplannen ruimte."),
]
