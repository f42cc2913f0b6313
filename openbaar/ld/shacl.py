"""The OSLO shapes the linked data follows, as pySHACL reads them: the stored originals (openbaar/ld/shapes/, with
the one documented fix) and the portal's privacy overlay, which switches off the two person properties the portal
does not publish (birth and gender; shapes/README.md and docs/openbaar-ld.md say why)."""

from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import SH

MAP = Path(__file__).resolve().parent / "shapes"
BESLUIT_PUBLICATIE = "besluit-publicatie-SHACL.ttl"
MANDATENDATABANK = "mandatendatabank-SHACL.fixed.ttl"
PRIVACY_OVERLAY = "privacy-overlay.ttl"


def lees(naam):
    """One stored shapes file as a graph, as it is."""
    return Graph().parse(MAP / naam, format="turtle")


def met_overlay(shapes, overlay):
    """`shapes` with the property shapes `overlay` deactivates switched off (a new graph; `shapes` unchanged).

    The overlay names a property shape by its node shape and sh:path (the published property shapes are blank
    nodes): `<NodeShape> sh:property [ sh:path <p> ; sh:deactivated true ]`. Exactly one property shape of that
    node shape with that path must exist in `shapes`, else ValueError: an overlay that no longer matches the
    shapes (a newer version of them) fails loudly instead of switching off nothing.
    """
    result = Graph()
    for triple in shapes:
        result.add(triple)
    for node_shape, _p, eigen in overlay.triples((None, SH.property, None)):
        if overlay.value(eigen, SH.deactivated) != Literal(True):
            continue
        pad = overlay.value(eigen, SH.path)
        gevonden = [q for q in shapes.objects(node_shape, SH.property) if shapes.value(q, SH.path) == pad]
        if len(gevonden) != 1:
            raise ValueError(f"overlay: {len(gevonden)} property shapes of {node_shape} with path {pad}")
        result.add((gevonden[0], SH.deactivated, Literal(True)))
    return result


def shapes():
    """{file name: shapes graph} the exports are validated against: Besluit publicatie as published, the
    Mandatendatabank's fixed copy with the privacy overlay applied."""
    return {
        BESLUIT_PUBLICATIE: lees(BESLUIT_PUBLICATIE),
        MANDATENDATABANK: met_overlay(lees(MANDATENDATABANK), lees(PRIVACY_OVERLAY)),
    }
