"""The catalogue of the open data: which datasets exist per region, in which formats, under which licence and since
when, once as rows for the HTML page and once as a DCAT-AP graph (rdflib) for harvesters such as data.europa.eu."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from regioportaal.links import absolute_url

from .datasets import DATASETS, bijgewerkt_per_dataset
from .formaten import MEDIA_TYPES

LICENTIE = "http://creativecommons.org/publicdomain/zero/1.0/"
LICENTIE_NAAM = "CC0 1.0 Universal (Public Domain Dedication)"
EU_FORMAAT = Namespace("http://publications.europa.eu/resource/authority/file-type/")
EU_TAAL = URIRef("http://publications.europa.eu/resource/authority/language/NLD")
EU_FREQUENTIE = URIRef("http://publications.europa.eu/resource/authority/frequency/UPDATE_CONT")
IANA = "https://www.iana.org/assignments/media-types/"

CONTEXT = {
    "dcat": str(DCAT),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "xsd": str(XSD),
}


@dataclass
class Distributie:
    formaat: str  # "csv" or "json"
    url: str


@dataclass
class Catalogusregel:
    regio: object
    dataset: object
    bijgewerkt: object  # a datetime, or None: generated on request
    distributies: list

    @property
    def uri(self):
        return (
            absolute_url(reverse("openbaar:data_regio", kwargs={"slug": self.regio.slug}))
            + f"#{self.dataset.sleutel}"
        )


def catalogus(regios):
    """A Catalogusregel per region and dataset, each with its CSV and JSON download (one query per source of dates)."""
    regios = list(regios)
    bijgewerkt = bijgewerkt_per_dataset(regio.pk for regio in regios)
    return [
        Catalogusregel(
            regio=regio,
            dataset=dataset,
            bijgewerkt=bijgewerkt.get((dataset.sleutel, regio.pk)),
            distributies=[
                Distributie(
                    formaat,
                    reverse(
                        "openbaar:data_download",
                        kwargs={"slug": regio.slug, "sleutel": dataset.sleutel, "formaat": formaat},
                    ),
                )
                for formaat in MEDIA_TYPES
            ],
        )
        for regio in regios
        for dataset in DATASETS
    ]


def _regio_agent(graph, regio):
    agent = URIRef(absolute_url(regio.get_absolute_url()))
    graph.add((agent, RDF.type, FOAF.Agent))
    graph.add((agent, FOAF.name, Literal(regio.naam)))
    return agent


def graph_van(regels, catalogus_url, titel):
    """The DCAT-AP catalogue of `regels` at `catalogus_url` (absolute), as an rdflib Graph."""
    graph = Graph()
    for prefix, uri in CONTEXT.items():
        graph.bind(prefix, uri)
    cat = URIRef(catalogus_url)
    licentie = URIRef(LICENTIE)
    graph.add((cat, RDF.type, DCAT.Catalog))
    graph.add((cat, DCTERMS.title, Literal(titel, lang="nl")))
    graph.add(
        (
            cat,
            DCTERMS.description,
            Literal(
                _("Open data van de regio's op het Regioportaal, vrij te hergebruiken (CC0 1.0)."), lang="nl"
            ),
        )
    )
    graph.add((cat, DCTERMS.language, EU_TAAL))
    graph.add((cat, DCTERMS.license, licentie))
    graph.add((licentie, RDF.type, DCTERMS.LicenseDocument))
    graph.add((licentie, DCTERMS.title, Literal(LICENTIE_NAAM)))
    uitgever = URIRef(absolute_url("/"))
    graph.add((uitgever, RDF.type, FOAF.Agent))
    graph.add((uitgever, FOAF.name, Literal("Regioportaal")))
    graph.add((cat, DCTERMS.publisher, uitgever))
    agents = {}
    for regel in regels:
        if regel.regio.pk not in agents:
            agents[regel.regio.pk] = _regio_agent(graph, regel.regio)
        ds = URIRef(regel.uri)
        graph.add((cat, DCAT.dataset, ds))
        graph.add((ds, RDF.type, DCAT.Dataset))
        graph.add((ds, DCTERMS.identifier, Literal(f"{regel.regio.slug}/{regel.dataset.sleutel}")))
        graph.add((ds, DCTERMS.title, Literal(f"{regel.dataset.titel} — {regel.regio.naam}", lang="nl")))
        graph.add((ds, DCTERMS.description, Literal(str(regel.dataset.beschrijving), lang="nl")))
        graph.add((ds, DCTERMS.publisher, agents[regel.regio.pk]))
        graph.add((ds, DCTERMS.language, EU_TAAL))
        graph.add((ds, DCTERMS.accrualPeriodicity, EU_FREQUENTIE))
        graph.add((ds, DCAT.landingPage, URIRef(regel.uri.split("#")[0])))
        graph.add((ds, DCAT.keyword, Literal(str(regel.dataset.titel), lang="nl")))
        if regel.bijgewerkt is not None:
            graph.add(
                (
                    ds,
                    DCTERMS.modified,
                    Literal(regel.bijgewerkt.replace(microsecond=0), datatype=XSD.dateTime),
                )
            )
        for distributie in regel.distributies:
            url = URIRef(absolute_url(distributie.url))
            graph.add((ds, DCAT.distribution, url))
            graph.add((url, RDF.type, DCAT.Distribution))
            graph.add(
                (
                    url,
                    DCTERMS.title,
                    Literal(f"{regel.dataset.titel} ({distributie.formaat.upper()})", lang="nl"),
                )
            )
            graph.add((url, DCAT.accessURL, url))
            graph.add((url, DCAT.downloadURL, url))
            graph.add((url, DCTERMS.format, EU_FORMAAT[distributie.formaat.upper()]))
            graph.add((url, DCAT.mediaType, URIRef(IANA + MEDIA_TYPES[distributie.formaat])))
            graph.add((url, DCTERMS.license, licentie))
    return graph


def jsonld(graph):
    """The graph as compact JSON-LD with the prefixes above as its context."""
    return graph.serialize(format="json-ld", context=CONTEXT, indent=2)
