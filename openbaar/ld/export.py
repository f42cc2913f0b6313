"""What each URL exports: the graph of one region, government, body or meeting, and a region's whole dump, in
Turtle or JSON-LD (compacted against the one published @context). Dumps stream: a header, then one part per
batch of meetings."""

import itertools
import json

from django.urls import reverse
from rdflib import URIRef

from regioportaal.links import absolute_url

from . import graphs, selectors, uris
from .namespaces import PREFIXES, RDFS, context

FORMATEN = {"ttl": "text/turtle", "jsonld": "application/ld+json"}
ZITTINGEN_PER_GRAAF = 50


def context_url():
    return absolute_url(reverse("openbaar:ld_context"))


def dump_url(regio, formaat="ttl"):
    return absolute_url(reverse("openbaar:ld_regio", kwargs={"slug": regio.slug, "formaat": formaat}))


def regio_graph(regio):
    g = graphs.graph()
    graphs.add_regio(g, regio, selectors.leden(regio))
    _add_organen(g, selectors.organen(regio=regio))
    g.add((uris.regio(regio), RDFS.seeAlso, URIRef(dump_url(regio))))
    return g


def bestuur_graph(bestuur):
    g = graphs.graph()
    graphs.add_bestuur(g, bestuur)
    _add_organen(g, selectors.organen(bestuur=bestuur))
    return g


def orgaan_graph(orgaan):
    g = graphs.graph()
    _add_organen(g, [orgaan])
    return g


def vergadering_graph(vergadering):
    g = graphs.graph()
    graphs.add_zitting(g, vergadering)
    return g


def _add_organen(g, organen):
    organen = list(organen)
    zetels = selectors.zetels(orgaan.pk for orgaan in organen)
    for orgaan in organen:
        graphs.add_orgaan(g, orgaan)
        graphs.add_samenstelling(g, orgaan, [z for z in zetels if z.orgaan_id == orgaan.pk])


def regio_graphs(regio):
    """The region's dump as a series of graphs: the region, its members and bodies, then its public meetings."""
    yield regio_graph(regio)
    orgaan_ids = list(selectors.organen(regio=regio).values_list("pk", flat=True))
    zittingen = selectors.openbare_vergaderingen(orgaan_ids)
    while deel := list(itertools.islice(zittingen, ZITTINGEN_PER_GRAAF)):
        g = graphs.graph()
        for vergadering in deel:
            graphs.add_zitting(g, vergadering, met_orgaan=False)
        yield g


# --- Serialisation ---------------------------------------------------------------------------------------------


def serialize(g, formaat):
    """One graph as a complete Turtle or JSON-LD document (str)."""
    if formaat == "ttl":
        return g.serialize(format="turtle")
    document = {"@context": context_url(), "@graph": _nodes(g)}
    return json.dumps(document, ensure_ascii=False, indent=1)


def stream(graphs_, formaat):
    """Many graphs as one document, part by part: Turtle with its prefixes once, or one JSON-LD @graph."""
    if formaat == "ttl":
        kop = [f"@prefix {prefix}: <{namespace}> ." for prefix, namespace in PREFIXES.items()]
        yield "\n".join(kop) + "\n"
        kop = set(kop)
        for g in graphs_:
            regels = g.serialize(format="turtle").splitlines()
            yield "\n" + "".join(regel + "\n" for regel in regels if regel not in kop)
        return
    yield '{"@context": ' + json.dumps(context_url()) + ', "@graph": ['
    eerste = True
    for g in graphs_:
        for node in _nodes(g):
            yield ("\n" if eerste else ",\n") + json.dumps(node, ensure_ascii=False)
            eerste = False
    yield "\n]}\n"


def _nodes(g):
    """The graph's node objects, compacted against the published @context (which the document then names)."""
    compact = json.loads(g.serialize(format="json-ld", context=context(), auto_compact=True))
    if "@graph" in compact:
        return compact["@graph"]
    compact.pop("@context", None)
    return [compact] if compact else []
