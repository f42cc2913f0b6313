"""The RDF of the public record, in the OSLO vocabularies (besluit, mandaat, persoon, generiek) with org, prov, dct.

Each `add_*` adds one kind of thing to a graph; `graph()` makes an empty graph with the export's prefixes. Labels are
Dutch (the codes' own language). The shapes these follow are in openbaar/ld/shapes/ (see README.md there and
docs/openbaar-ld.md for what the portal cannot fill in).
"""

import datetime
from urllib.parse import quote

from django.utils import timezone, translation
from rdflib import Graph, Literal, URIRef

from besturen.models import BestuurSoort, OrgaanSoort, Rechtsvorm, Rol
from regioportaal.links import absolute_url
from vergaderingen.models import Besluituitkomst, VergaderingStatus

from . import uris
from .namespaces import (
    ADMS,
    BESLUIT,
    DCTERMS,
    ELI,
    FOAF,
    GENERIEK,
    MANDAAT,
    ORG,
    PERSON,
    PERSOON,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    XSD,
    bind,
)

GEHOUDEN = (VergaderingStatus.AFGELOPEN, VergaderingStatus.NOTULEN_GOEDGEKEURD)

# The portal's concept schemes: scheme -> {code: label}; each code used in an export is described in it.
SCHEMAS = {
    "bestuurseenheid-classificatie": {**dict(BestuurSoort.choices), **dict(Rechtsvorm.choices)},
    "bestuursorgaan-classificatie": dict(OrgaanSoort.choices),
    "bestuursfunctie": dict(Rol.choices),
    "mandatarisstatus": {"effectief": "effectief"},
    "agendapunt-type": {"gepland": "gepland", "ingelast": "ingelast na de publicatie van de agenda"},
    "rechtsgrond-type": {"besluit": "besluit van een bestuursorgaan"},
}


def graph():
    return bind(Graph())


def nl(text):
    return Literal(str(text), lang="nl")


def tekst(text):
    return Literal(str(text), datatype=XSD.string)


def dag(value):
    return Literal(value, datatype=XSD.date)


def extern(url):
    """A recorded http(s) address as a URIRef, with what an IRI may not hold (spaces, quotes, braces) escaped."""
    return URIRef(quote(url, safe=":/?#[]@!$&'()*+,;=%~"))


def tijdstip(value):
    """A date or datetime as an xsd:dateTime in the site's time zone (a date counts from midnight)."""
    if not isinstance(value, datetime.datetime):
        value = timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))
    return Literal(timezone.localtime(value).replace(microsecond=0), datatype=XSD.dateTime)


def add_concept(g, schema, code, *, soort=None):
    """The code `code` of the portal's scheme `schema` (typed skos:Concept, and `soort` too when given)."""
    node = uris.concept(schema, code)
    scheme = uris.conceptschema(schema)
    with translation.override("nl"):
        label = str(SCHEMAS[schema][code])
    g.add((node, RDF.type, SKOS.Concept))
    if soort is not None:
        g.add((node, RDF.type, soort))
    g.add((node, SKOS.prefLabel, nl(label)))
    g.add((node, SKOS.notation, Literal(code)))
    g.add((node, SKOS.inScheme, scheme))
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    return node


def _eenheid(g, node, *, naam, classificatie, gebied, pagina):
    g.add((node, RDF.type, BESLUIT.Bestuurseenheid))
    g.add((node, SKOS.prefLabel, nl(naam)))
    g.add((node, ORG.classification, add_concept(g, "bestuurseenheid-classificatie", classificatie)))
    g.add((node, BESLUIT.werkingsgebied, gebied))
    g.add((gebied, RDF.type, PROV.Location))
    g.add((gebied, RDFS.label, nl(naam)))
    g.add((node, FOAF.page, URIRef(absolute_url(pagina))))


def add_regio(g, regio, leden=()):
    """The region as a Bestuurseenheid of its own (classified by its legal form), with its current members."""
    node = uris.regio(regio)
    gebied = uris.werkingsgebied_regio(regio)
    _eenheid(
        g,
        node,
        naam=regio.naam,
        classificatie=regio.rechtsvorm,
        gebied=gebied,
        pagina=regio.get_absolute_url(),
    )
    for bestuur in leden:
        add_bestuur(g, bestuur)
        g.add((node, ORG.hasMember, uris.bestuur(bestuur)))
    return node


def add_bestuur(g, bestuur):
    """A member government (Bestuurseenheid) with its official code."""
    node = uris.bestuur(bestuur)
    gebied = uris.werkingsgebied_bestuur(bestuur.pk)
    _eenheid(
        g,
        node,
        naam=bestuur.naam,
        classificatie=bestuur.soort,
        gebied=gebied,
        pagina=bestuur.get_absolute_url(),
    )
    if bestuur.code:
        g.add((node, DCTERMS.identifier, Literal(bestuur.code)))
    return node


def add_orgaan(g, orgaan):
    """A body (Bestuursorgaan) and the government or region it governs."""
    node = uris.orgaan(orgaan.pk)
    eigenaar = add_regio(g, orgaan.regio) if orgaan.regio_id else add_bestuur(g, orgaan.bestuur)
    _orgaan_kern(g, node, orgaan, eigenaar)
    g.add((node, FOAF.page, URIRef(absolute_url(orgaan.get_absolute_url()))))
    if orgaan.afkorting:
        g.add((node, SKOS.altLabel, nl(orgaan.afkorting)))
    return node


def _orgaan_kern(g, node, orgaan, eigenaar):
    g.add((node, RDF.type, BESLUIT.Bestuursorgaan))
    g.add((node, SKOS.prefLabel, nl(orgaan.naam)))
    g.add((node, BESLUIT.bestuurt, eigenaar))
    g.add((node, ORG.classification, add_concept(g, "bestuursorgaan-classificatie", orgaan.soort)))


def add_samenstelling(g, orgaan, zetels):
    """The body in its current term (a time specialisation holding the posts), its posts (one per role held) and
    the current seats with their people. Nothing when nobody holds a seat."""
    if not zetels:
        return
    node = uris.orgaan_in_tijd(orgaan.pk)
    eigenaar = uris.regio(orgaan.regio) if orgaan.regio_id else uris.bestuur(orgaan.bestuur_id)
    _orgaan_kern(g, node, orgaan, eigenaar)
    g.add((node, GENERIEK.isTijdspecialisatieVan, uris.orgaan(orgaan.pk)))
    houders = {}
    for zetel in zetels:
        houders[zetel.rol] = houders.get(zetel.rol, 0) + 1
    for rol, aantal in houders.items():
        post = uris.mandaat(orgaan.pk, rol)
        g.add((node, ORG.hasPost, post))
        g.add((post, RDF.type, MANDAAT.Mandaat))
        g.add((post, ORG.role, add_concept(g, "bestuursfunctie", rol, soort=ORG.Role)))
        g.add((post, MANDAAT.aantalHouders, Literal(aantal, datatype=XSD.integer)))
    for zetel in zetels:
        g.add((add_mandataris(g, zetel), ORG.holds, uris.mandaat(orgaan.pk, zetel.rol)))


def add_mandataris(g, zetel):
    """A seat of a person (Mandataris) and the person: names and role, never an address."""
    node = uris.mandataris(zetel.pk)
    persoon = add_persoon(g, zetel.persoon)
    g.add((node, RDF.type, MANDAAT.Mandataris))
    g.add((node, MANDAAT.isBestuurlijkeAliasVan, persoon))
    g.add((persoon, MANDAAT.isAangesteldAls, node))
    g.add((node, MANDAAT.start, tijdstip(zetel.begindatum)))
    einde = zetel.einddatum or zetel.geplande_einddatum  # a running seat ends with its term
    if einde:
        g.add((node, MANDAAT.einde, tijdstip(einde)))
    if zetel.aanstellingsbesluit:
        g.add((node, MANDAAT.isAangesteldDoor, add_aanstelling(g, zetel, node)))
    g.add((node, MANDAAT.status, add_concept(g, "mandatarisstatus", "effectief")))
    g.add((node, ORG.role, add_concept(g, "bestuursfunctie", zetel.rol, soort=ORG.Role)))
    return node


def add_aanstelling(g, zetel, mandataris):
    """The act that appointed the holder of a seat (RechtsgrondAanstelling): what the portal knows of it is the
    address of the decision (foaf:page) and whom it appointed. Not typed eli:LegalResource: the portal does not
    know that act's articles, entry into force or kind."""
    node = uris.aanstelling(zetel.pk)
    g.add((node, RDF.type, MANDAAT.RechtsgrondAanstelling))
    g.add((node, MANDAAT.bekrachtigtAanstellingVan, mandataris))
    g.add((node, FOAF.page, extern(zetel.aanstellingsbesluit)))
    return node


def add_persoon(g, persoon):
    node = uris.persoon(persoon.pk)
    g.add((node, RDF.type, PERSON.Person))
    g.add((node, PERSOON.gebruikteVoornaam, tekst(persoon.voornaam)))
    g.add((node, FOAF.familyName, tekst(persoon.achternaam)))
    g.add((node, FOAF.name, tekst(f"{persoon.voornaam} {persoon.achternaam}")))
    identificator = uris.identificator(persoon.pk)
    g.add((node, ADMS.identifier, identificator))
    g.add((identificator, RDF.type, ADMS.Identifier))
    g.add((identificator, SKOS.notation, Literal(str(persoon.pk))))
    return node


def add_zitting(g, vergadering, *, met_orgaan=True):
    """A meeting with a published agenda (Zitting) with its public items; for a meeting held, the attendance, the
    treatments, decisions and votes. `vergadering` comes from openbaar.ld.selectors (its prefetched parts)."""
    node = uris.zitting(vergadering.pk)
    orgaan = vergadering.orgaan
    if met_orgaan:
        add_orgaan(g, orgaan)
    g.add((node, RDF.type, BESLUIT.Zitting))
    g.add((node, BESLUIT.isGehoudenDoor, uris.orgaan(orgaan.pk)))
    g.add((node, BESLUIT.geplandeStart, tijdstip(vergadering.begin)))
    g.add((node, FOAF.page, URIRef(absolute_url(vergadering.get_absolute_url()))))
    if vergadering.locatie:
        plaats = uris.locatie(vergadering.pk)
        g.add((node, PROV.atLocation, plaats))
        g.add((plaats, RDF.type, PROV.Location))
        g.add((plaats, RDFS.label, nl(vergadering.locatie)))
    if vergadering.geannuleerd:
        g.add((node, RDFS.comment, nl(f"geannuleerd {vergadering.reden_annulering}".strip())))
    gehouden = vergadering.status in GEHOUDEN
    aanwezigen = [add_mandataris(g, a.lidmaatschap) for a in vergadering.aanwezigen] if gehouden else []
    leiding = _leiding(g, vergadering) if gehouden else {}
    if gehouden:
        g.add((node, PROV.startedAtTime, tijdstip(vergadering.begin)))
        g.add((node, PROV.endedAtTime, tijdstip(vergadering.einde)))
        for mandataris in aanwezigen:
            g.add((node, BESLUIT.heeftAanwezigeBijStart, mandataris))
        for rol, mandataris in leiding.items():
            g.add((node, rol, mandataris))
    vorige = None
    for punt in vergadering.openbare_punten:
        add_agendapunt(g, punt)
        g.add((node, BESLUIT.behandelt, uris.agendapunt(punt.pk)))
        if gehouden and not punt.ingetrokken:
            behandeling = _add_behandeling(g, punt, orgaan, aanwezigen, leiding, vorige)
            vorige = behandeling
    return node


def _leiding(g, vergadering):
    """{besluit:heeftVoorzitter / heeftSecretaris: mandataris}: the body's chair and secretary on the day."""
    dag = timezone.localtime(vergadering.begin).date()
    leiding = {}
    for rol, eigenschap in (
        (Rol.VOORZITTER, BESLUIT.heeftVoorzitter),
        (Rol.SECRETARIS, BESLUIT.heeftSecretaris),
    ):
        zetels = [z for z in vergadering.orgaan.leiding if z.rol == rol and z.is_current(dag)]
        if zetels:
            leiding[eigenschap] = add_mandataris(g, min(zetels, key=lambda z: (z.begindatum, z.pk)))
    return leiding


def add_agendapunt(g, punt):
    node = uris.agendapunt(punt.pk)
    g.add((node, RDF.type, BESLUIT.Agendapunt))
    g.add((node, DCTERMS.title, tekst(punt.titel)))
    if punt.toelichting:
        g.add((node, DCTERMS.description, tekst(punt.toelichting)))
    g.add((node, BESLUIT.geplandOpenbaar, Literal(punt.openbaar)))
    soort = "ingelast" if punt.addendum else "gepland"
    g.add((node, BESLUIT["Agendapunt.type"], add_concept(g, "agendapunt-type", soort)))
    g.add((node, SCHEMA.position, Literal(punt.volgnummer, datatype=XSD.integer)))
    if punt.ingetrokken:
        g.add((node, RDFS.comment, nl(f"ingetrokken {punt.reden_intrekking}".strip())))
    return node


def _add_behandeling(g, punt, orgaan, aanwezigen, leiding, vorige):
    node = uris.behandeling(punt.pk)
    g.add((node, RDF.type, BESLUIT.BehandelingVanAgendapunt))
    g.add((node, DCTERMS.subject, uris.agendapunt(punt.pk)))
    g.add((node, BESLUIT.openbaar, Literal(True)))
    for mandataris in aanwezigen:
        g.add((node, BESLUIT.heeftAanwezige, mandataris))
    for rol, mandataris in leiding.items():
        g.add((node, rol, mandataris))
    if vorige is not None:
        g.add((node, BESLUIT.gebeurtNa, vorige))
    besluit = getattr(punt, "besluit", None)
    if besluit is not None:
        g.add((node, PROV.generated, add_besluit(g, besluit, node, orgaan)))
        stemming = getattr(besluit, "stemming", None)
        if stemming is not None:
            g.add((node, BESLUIT.heeftStemming, add_stemming(g, stemming, punt, besluit, aanwezigen)))
    return node


def add_besluit(g, besluit, behandeling, orgaan):
    """The decision; once its entry into force is recorded, also the legal act it expresses (eli:realizes)."""
    node = uris.besluit(besluit.pk)
    g.add((node, RDF.type, BESLUIT.Besluit))
    g.add((node, PROV.wasGeneratedBy, behandeling))
    with translation.override("nl"):
        uitkomst = str(Besluituitkomst(besluit.uitkomst).label)
    g.add((node, DCTERMS.description, nl(uitkomst)))
    if besluit.tekst:
        g.add((node, PROV.value, nl(besluit.tekst)))
    if besluit.behandeling:
        g.add((node, BESLUIT.motivering, nl(besluit.behandeling)))
    if besluit.inwerkingtreding:
        g.add((node, ELI.realizes, add_rechtsgrond(g, besluit, orgaan)))
    return node


def add_rechtsgrond(g, besluit, orgaan):
    """The legal act a decision expresses (OSLO Rechtsgrond, eli:LegalResource): passed by the body, in force from
    the recorded day, of the kind "decision of a body". The portal keeps the decision's text whole, not per article:
    the act has one part, its operative text as recorded (eli:LegalResourceSubdivision, without a number)."""
    node = uris.rechtsgrond(besluit.pk)
    deel = uris.rechtsgrond_deel(besluit.pk)
    g.add((node, RDF.type, ELI.LegalResource))
    g.add((node, ELI.passed_by, uris.orgaan(orgaan.pk)))
    g.add((node, ELI.first_date_entry_in_force, dag(besluit.inwerkingtreding)))
    g.add((node, ELI.type_document, add_concept(g, "rechtsgrond-type", "besluit", soort=ELI.ResourceType)))
    g.add((node, ELI.has_part, deel))
    g.add((deel, RDF.type, ELI.LegalResourceSubdivision))
    g.add((deel, ELI.is_part_of, node))
    return node


def add_stemming(g, stemming, punt, besluit, aanwezigen):
    """The vote: the counts always; who voted what when the secretariat recorded each member's vote."""
    node = uris.stemming(stemming.pk)
    g.add((node, RDF.type, BESLUIT.Stemming))
    g.add((node, BESLUIT.aantalVoorstanders, Literal(stemming.voor, datatype=XSD.integer)))
    g.add((node, BESLUIT.aantalTegenstanders, Literal(stemming.tegen, datatype=XSD.integer)))
    g.add((node, BESLUIT.aantalOnthouders, Literal(stemming.onthouding, datatype=XSD.integer)))
    g.add((node, BESLUIT.geheim, Literal(False)))
    g.add((node, BESLUIT.onderwerp, nl(punt.titel)))
    with translation.override("nl"):
        g.add((node, BESLUIT.gevolg, nl(Besluituitkomst(besluit.uitkomst).label)))
    for mandataris in aanwezigen:
        g.add((node, BESLUIT.heeftAanwezige, mandataris))
    keuzes = {"voor": BESLUIT.heeftVoorstander, "tegen": BESLUIT.heeftTegenstander}
    keuzes["onthouding"] = BESLUIT.heeftOnthouder
    for stem in stemming.stemmen.all():
        mandataris = add_mandataris(g, stem.lidmaatschap)
        g.add((node, BESLUIT.heeftStemmer, mandataris))
        g.add((node, keuzes[stem.keuze], mandataris))
    return node
