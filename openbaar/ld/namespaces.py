"""The vocabularies of the linked data (OSLO and the W3C vocabularies it builds on) and the one JSON-LD @context."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD

BESLUIT = Namespace("http://data.vlaanderen.be/ns/besluit#")
MANDAAT = Namespace("http://data.vlaanderen.be/ns/mandaat#")
PERSOON = Namespace("https://data.vlaanderen.be/ns/persoon#")
GENERIEK = Namespace("https://data.vlaanderen.be/ns/generiek#")
PERSON = Namespace("http://www.w3.org/ns/person#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
SCHEMA = Namespace("http://schema.org/")

PREFIXES = {
    "besluit": BESLUIT,
    "mandaat": MANDAAT,
    "persoon": PERSOON,
    "generiek": GENERIEK,
    "person": PERSON,
    "org": ORG,
    "skos": SKOS,
    "dct": DCTERMS,
    "prov": PROV,
    "foaf": FOAF,
    "adms": ADMS,
    "eli": ELI,
    "schema": SCHEMA,
    "rdfs": RDFS,
    "xsd": XSD,
}

__all__ = [
    "DCTERMS",
    "FOAF",
    "ORG",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SKOS",
    "XSD",
    "PREFIXES",
    "context",
    "bind",
]


def bind(graph):
    """Give `graph` the prefixes of every export (Turtle and JSON-LD read the same short names)."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


# Values that are always links, and those typed literals the exports use, so JSON-LD reads as plain JSON.
_IDS = [
    "besluit:bestuurt",
    "besluit:werkingsgebied",
    "besluit:isGehoudenDoor",
    "besluit:behandelt",
    "besluit:heeftAanwezigeBijStart",
    "besluit:heeftAanwezige",
    "besluit:heeftVoorzitter",
    "besluit:heeftSecretaris",
    "besluit:heeftStemming",
    "besluit:heeftStemmer",
    "besluit:heeftVoorstander",
    "besluit:heeftTegenstander",
    "besluit:heeftOnthouder",
    "besluit:Agendapunt.type",
    "generiek:isTijdspecialisatieVan",
    "mandaat:isBestuurlijkeAliasVan",
    "mandaat:isAangesteldAls",
    "mandaat:isAangesteldDoor",
    "mandaat:bekrachtigtAanstellingVan",
    "eli:realizes",
    "eli:passed_by",
    "eli:type_document",
    "eli:has_part",
    "eli:is_part_of",
    "mandaat:status",
    "org:hasPost",
    "org:holds",
    "org:role",
    "org:classification",
    "prov:generated",
    "prov:wasGeneratedBy",
    "prov:atLocation",
    "dct:subject",
    "adms:identifier",
    "skos:inScheme",
    "foaf:page",
    "org:hasMember",
    "rdfs:seeAlso",
]
_TYPED = {
    "besluit:geplandeStart": "xsd:dateTime",
    "prov:startedAtTime": "xsd:dateTime",
    "prov:endedAtTime": "xsd:dateTime",
    "mandaat:start": "xsd:dateTime",
    "mandaat:einde": "xsd:dateTime",
    "eli:first_date_entry_in_force": "xsd:date",
    "besluit:geplandOpenbaar": "xsd:boolean",
    "besluit:openbaar": "xsd:boolean",
    "besluit:geheim": "xsd:boolean",
    "schema:position": "xsd:integer",
    "besluit:aantalVoorstanders": "xsd:integer",
    "besluit:aantalTegenstanders": "xsd:integer",
    "besluit:aantalOnthouders": "xsd:integer",
    "mandaat:aantalHouders": "xsd:integer",
}


def context():
    """The @context published at /ns/context.jsonld: every prefix, and the properties whose values are links."""
    terms = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    for term in _IDS:
        terms[term] = {"@type": "@id"}
    for term, datatype in _TYPED.items():
        terms[term] = {"@type": datatype}
    return terms
