"""Stable URIs of the linked data: `<SITE_URL>/id/<kind>/<key>`, one per thing, never reused for another thing.

A URI names the thing (the body, the meeting), not a page; `/id/...` answers with a 303 to the page that describes it
(openbaar.ld.views.IdView), which serves RDF to a client that asks for it.
"""

from rdflib import URIRef

from regioportaal.links import absolute_url


def uri(*delen):
    """`<SITE_URL>/id/<deel>/<deel>...` as a URIRef."""
    return URIRef(absolute_url("/id/" + "/".join(str(deel) for deel in delen)))


def regio(obj):
    return uri("regio", obj.slug)


def bestuur(obj_or_pk):
    return uri("bestuur", getattr(obj_or_pk, "pk", obj_or_pk))


def werkingsgebied_regio(obj):
    return uri("regio", obj.slug, "werkingsgebied")


def werkingsgebied_bestuur(pk):
    return uri("bestuur", pk, "werkingsgebied")


def orgaan(pk):
    return uri("orgaan", pk)


def orgaan_in_tijd(pk):
    """The body in its current term (OSLO Bestuursorgaan in bestuursperiode): the one that holds the posts."""
    return uri("orgaan", pk, "huidige-periode")


def mandaat(orgaan_pk, rol):
    """A post: one role in one body."""
    return uri("orgaan", orgaan_pk, "mandaat", rol)


def mandataris(pk):
    return uri("mandataris", pk)


def aanstelling(pk):
    """The act that appointed the holder of a seat, as the seat recorded it (keyed by the seat)."""
    return uri("mandataris", pk, "aanstelling")


def persoon(pk):
    return uri("persoon", pk)


def identificator(pk):
    return uri("persoon", pk, "identificator")


def zitting(pk):
    return uri("zitting", pk)


def locatie(pk):
    return uri("zitting", pk, "locatie")


def agendapunt(pk):
    return uri("agendapunt", pk)


def behandeling(pk):
    """The treatment of an agenda item (one per item, so keyed by the item)."""
    return uri("agendapunt", pk, "behandeling")


def besluit(pk):
    return uri("besluit", pk)


def rechtsgrond(pk):
    """The legal act a decision expresses (keyed by the decision)."""
    return uri("besluit", pk, "rechtsgrond")


def rechtsgrond_deel(pk):
    """The one part of that act the portal knows: the decision's operative text."""
    return uri("besluit", pk, "rechtsgrond", "deel")


def stemming(pk):
    return uri("stemming", pk)


def concept(schema, code):
    """A code of one of the portal's concept schemes (kind of body, role, ...)."""
    return uri("concept", schema, code)


def conceptschema(schema):
    return uri("concept", schema)
