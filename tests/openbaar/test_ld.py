"""Linked data (issue 15): the region's dump and the object pages' RDF parse, follow the OSLO shapes (pySHACL), and
hold only what the public sees."""

import datetime
import hashlib
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from besturen import services as besturen_services
from besturen.models import Rol
from openbaar.ld import shacl, uris
from openbaar.ld.namespaces import BESLUIT, ELI, FOAF, MANDAAT, PERSON, PERSOON
from tests.factories import maak_gebruiker
from vergaderingen import services
from vergaderingen.models import Besluituitkomst, Keuze

SHAPES = Path(__file__).resolve().parents[2] / "openbaar" / "ld" / "shapes"
TURTLE = "text/turtle"
JSONLD = "application/ld+json"


@pytest.fixture(autouse=True)
def _media(media):
    """The agenda PDF the publication makes goes to a temporary MEDIA_ROOT."""


def moment(days, hour=19):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def plan(orgaan, days, punten):
    vergadering = services.plan_vergadering(
        orgaan, begin=moment(days), einde=moment(days, 21), locatie="Stadhuis Aalst", door=None
    )
    for titel, openbaar in punten:
        services.add_agendapunt(vergadering, titel=titel, openbaar=openbaar, door=None)
    return vergadering


def held(world, days=-14, nummer=1):
    """A published meeting of the DBO that took place: a public item decided by a recorded vote (in force from the
    day of the meeting), a closed item."""
    vergadering = plan(
        world.dbo, days, [(f"Regionale mobiliteit {nummer}", True), ("Besloten personeelszaak", False)]
    )
    services.publish_agenda(vergadering, door=None)
    vergadering = services.close_vergadering(vergadering, door=None)
    zetels = {world.voorzitter.lidmaatschap.pk: "aanwezig", world.lid.lidmaatschap.pk: "aanwezig"}
    zetels[world.secretariaat.lidmaatschap.pk] = "aanwezig"
    services.record_aanwezigheid(vergadering, aanwezigheden=zetels, door=None)
    for punt in vergadering.agendapunten.all():
        services.record_besluit(
            punt,
            uitkomst=Besluituitkomst.AANGENOMEN,
            behandeling=f"Het DBO bespreekt {punt.titel}.",
            tekst=f"Besluit over {punt.titel}",
            inwerkingtreding=timezone.localdate() + datetime.timedelta(days=days),
            stemmen={world.voorzitter.lidmaatschap.pk: Keuze.VOOR, world.lid.lidmaatschap.pk: Keuze.TEGEN},
            door=None,
        )
    return vergadering


# The decision of the municipal council that appointed the Denderregio's DBO members, and the end of their term (the
# next Flemish local legislature starts on 1 January 2031).
INSTALLATIE = "https://www.aalst.be/bekendmakingen/gemeenteraad-2025-01-02-installatie"
EINDE_TERMIJN = datetime.date(2031, 1, 1)


def aanstellingen(world):
    """Record for the DBO's seats the act that appointed their holders and the end of their term."""
    for user in (world.voorzitter, world.lid, world.secretariaat):
        besturen_services.record_aanstelling(
            user.lidmaatschap, aanstellingsbesluit=INSTALLATIE, geplande_einddatum=EINDE_TERMIJN, door=None
        )


@pytest.fixture
def dender(world):
    """The world's Denderregio with the appointment acts and term of its DBO's seats recorded, a held meeting of
    its DBO and a planned meeting whose agenda is not public."""
    aanstellingen(world)
    world.gehouden = held(world)
    world.concept = plan(world.dbo, 14, [("Nog niet gepubliceerd punt", True)])
    return world


def get(client, url, accept=None):
    return client.get(url, HTTP_ACCEPT=accept) if accept else client.get(url)


def parse(client, response):
    """The response as a graph: Turtle as it is, JSON-LD with the published @context it names."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith(TURTLE):
        return Graph().parse(data=body.decode(), format="turtle"), body.decode()
    document = json.loads(body)
    context = client.get(reverse("openbaar:ld_context"))
    assert document["@context"].endswith("/ns/context.jsonld")
    document["@context"] = json.loads(context.content)["@context"]
    return Graph().parse(data=json.dumps(document), format="json-ld"), body.decode()


def violations(data, vormen=None):
    """{(focus class, path, constraint)} of every violation against both shapes (the fixed copy of the mandates
    shape with the privacy overlay: README.md in openbaar/ld/shapes), and the report text."""
    found, text = set(), ""
    for shapes in (vormen or shacl.shapes()).values():
        conforms, report, report_text = validate(data, shacl_graph=shapes)
        text += report_text
        for result in report.subjects(RDF.type, SH.ValidationResult):
            focus = report.value(result, SH.focusNode)
            klasse = data.value(focus, RDF.type)
            found.add(
                (
                    klasse.n3(data.namespace_manager) if klasse else str(focus),
                    report.value(result, SH.resultPath).n3(data.namespace_manager),
                    report.value(result, SH.sourceConstraintComponent).split("#")[-1],
                )
            )
    return found, text


# What the shapes demand and the Denderregio's data leaves out (docs/openbaar-ld.md): nothing. Birth and gender of
# a person are switched off by the privacy overlay, not filled in.
GAPS = set()


def dump(client, formaat="ttl"):
    response = client.get(reverse("openbaar:ld_regio", args=["denderregio", formaat]))
    return parse(client, response)[0]


def test_region_dump_parses_in_both_formats_and_follows_the_shapes(dender, client):
    graphs = {}
    for formaat in ("ttl", "jsonld"):
        response = client.get(reverse("openbaar:ld_regio", args=["denderregio", formaat]))
        assert response.status_code == 200 and response.streaming
        graphs[formaat], body = parse(client, response)
        assert "example.org" not in body and "mailto" not in body
        assert "Besloten personeelszaak" not in body and "Nog niet gepubliceerd" not in body
    assert len(graphs["ttl"]) == len(graphs["jsonld"]) > 100
    g = graphs["ttl"]

    zitting = uris.zitting(dender.gehouden.pk)
    assert (zitting, RDF.type, BESLUIT.Zitting) in g
    assert (uris.zitting(dender.concept.pk), None, None) not in g
    assert (uris.regio(dender.dender), RDF.type, BESLUIT.Bestuurseenheid) in g
    assert (uris.bestuur(dender.aalst), RDF.type, BESLUIT.Bestuurseenheid) in g
    assert (uris.orgaan_in_tijd(dender.dbo.pk), None, uris.orgaan(dender.dbo.pk)) in g
    assert len(set(g.subjects(RDF.type, MANDAAT.Mandaat))) == 3  # voorzitter, lid, secretaris
    assert len(set(g.subjects(RDF.type, PERSON.Person))) == 3
    stemming = next(g.subjects(RDF.type, BESLUIT.Stemming))
    assert g.value(stemming, BESLUIT.aantalVoorstanders) == Literal(1)
    assert g.value(stemming, BESLUIT.aantalTegenstanders) == Literal(1)
    assert g.value(stemming, BESLUIT.aantalOnthouders) == Literal(0)
    assert len(set(g.subjects(RDF.type, BESLUIT.Besluit))) == 1  # the closed item's decision is not there

    found, report = violations(g)
    assert found == GAPS, report

    mandataris = uris.mandataris(dender.lid.lidmaatschap.pk)
    einde = g.value(mandataris, MANDAAT.einde).toPython()
    assert einde == timezone.make_aware(datetime.datetime(2031, 1, 1))
    aanstelling = g.value(mandataris, MANDAAT.isAangesteldDoor)
    assert (aanstelling, RDF.type, MANDAAT.RechtsgrondAanstelling) in g
    assert g.value(aanstelling, FOAF.page) == URIRef(INSTALLATIE)
    besluit = next(g.subjects(RDF.type, BESLUIT.Besluit))
    rechtsgrond = g.value(besluit, ELI.realizes)
    assert g.value(rechtsgrond, ELI.passed_by) == uris.orgaan(dender.dbo.pk)
    in_werking = timezone.localdate() - datetime.timedelta(days=14)
    assert g.value(rechtsgrond, ELI.first_date_entry_in_force).toPython() == in_werking
    for person in g.subjects(RDF.type, PERSON.Person):  # the overlay switches these off; nobody fills them in
        assert not set(g.objects(person, PERSOON.heeftGeboorte)) and not set(
            g.objects(person, PERSOON.geslacht)
        )


def test_a_seat_without_appointment_act_or_end_and_a_decision_not_in_force_are_each_reported(dender, client):
    """The check can fail: what a secretariat has not recorded shows as exactly its own violation."""
    besturen_services.record_aanstelling(
        dender.lid.lidmaatschap, aanstellingsbesluit="", geplande_einddatum=EINDE_TERMIJN, door=None
    )
    found, report = violations(dump(client))
    assert found == {("mandaat:Mandataris", "mandaat:isAangesteldDoor", "MinCountConstraintComponent")}, (
        report
    )

    besturen_services.record_aanstelling(
        dender.lid.lidmaatschap, aanstellingsbesluit=INSTALLATIE, geplande_einddatum=None, door=None
    )
    besluit = dender.gehouden.agendapunten.get(openbaar=True).besluit
    besluit.inwerkingtreding = None
    besluit.save()
    found, report = violations(dump(client))
    assert found == {
        ("mandaat:Mandataris", "mandaat:einde", "MinCountConstraintComponent"),
        ("besluit:Besluit", "eli:realizes", "MinCountConstraintComponent"),
    }, report


def test_an_ended_seat_ends_on_its_real_end_not_the_planned_one(dender, client):
    einde = timezone.localdate() + datetime.timedelta(days=30)
    besturen_services.end_lidmaatschap(dender.lid.lidmaatschap, einddatum=einde, door=None)
    g = dump(client)
    assert str(g.value(uris.mandataris(dender.lid.lidmaatschap.pk), MANDAAT.einde)).startswith(
        einde.isoformat()
    )


def test_the_privacy_overlay_switches_off_exactly_birth_and_gender_and_leaves_the_originals_as_published(
    dender, client
):
    g = dump(client)
    zonder = {naam: shacl.lees(naam) for naam in (shacl.BESLUIT_PUBLICATIE, shacl.MANDATENDATABANK)}
    found, _report = violations(g, zonder)
    assert found == {
        ("person:Person", "persoon:heeftGeboorte", "MinCountConstraintComponent"),
        ("person:Person", "persoon:geslacht", "MinCountConstraintComponent"),
    }
    for naam, begin, einde in (
        ("besluit-publicatie-SHACL.ttl", "61955cfb", "188c6d"),
        ("mandatendatabank-SHACL.ttl", "5a0ced1a", "03221"),
    ):
        digest = hashlib.sha256((SHAPES / naam).read_bytes()).hexdigest()
        assert digest.startswith(begin) and digest.endswith(einde), naam  # as README.md records them


def test_an_overlay_that_no_longer_matches_the_shapes_fails_loudly():
    overlay = Graph().parse(
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> .
        <https://data.vlaanderen.be/shacl/mandatendatabank#PersoonShape>
            sh:property [ sh:path <https://data.vlaanderen.be/ns/persoon#bestaatNiet> ; sh:deactivated true ] .""",
        format="turtle",
    )
    with pytest.raises(ValueError):
        shacl.met_overlay(shacl.lees(shacl.MANDATENDATABANK), overlay)


@pytest.mark.parametrize("accept", [TURTLE, JSONLD, f"{JSONLD}, text/html;q=0.5"])
def test_object_pages_answer_rdf_on_content_negotiation(dender, client, accept):
    urls = [
        reverse("besturen:regio", args=["denderregio"]),
        reverse("besturen:bestuur", args=[dender.aalst.pk]),
        reverse("besturen:orgaan", args=[dender.dbo.pk]),
        dender.gehouden.get_absolute_url(),
    ]
    for url in urls:
        response = get(client, url, accept)
        assert response.status_code == 200, url
        assert response["Content-Type"].split(";")[0] == accept.split(",")[0]
        assert "Accept" in response["Vary"]
        g, body = parse(client, response)
        assert len(g) > 10 and "example" not in body
    g, body = parse(client, get(client, dender.gehouden.get_absolute_url(), accept))
    assert (uris.zitting(dender.gehouden.pk), BESLUIT.isGehoudenDoor, uris.orgaan(dender.dbo.pk)) in g
    assert "Besloten personeelszaak" not in body


def test_pages_stay_html_for_browsers_and_say_they_vary(dender, client):
    for accept in (None, "text/html,application/xhtml+xml,*/*;q=0.8", "*/*"):
        response = get(client, reverse("besturen:orgaan", args=[dender.dbo.pk]), accept)
        assert response["Content-Type"].startswith("text/html")
        assert "Accept" in response["Vary"] and 'type="text/turtle"' in response["Link"]


@pytest.mark.parametrize("rol", ["anoniem", "secretariaat", "platformbeheerder"])
def test_a_meeting_without_published_agenda_has_no_rdf_whoever_asks(dender, client, rol):
    """The page itself is open to the secretariat (may see the page) but the RDF is the public record only."""
    user = dender.users[rol]
    if user:
        client.force_login(user)
    response = get(client, dender.concept.get_absolute_url(), TURTLE)
    assert response.status_code == 404
    if rol != "anoniem":
        assert get(client, dender.concept.get_absolute_url()).status_code == 200  # may: the HTML page


def test_unknown_objects_are_404_in_rdf_too(dender, client):
    assert get(client, reverse("besturen:orgaan", args=[999999]), TURTLE).status_code == 404
    assert get(client, reverse("besturen:regio", args=["nergens"]), JSONLD).status_code == 404
    assert client.get(reverse("openbaar:ld_regio", args=["denderregio", "xml"])).status_code == 404
    assert client.get(reverse("openbaar:ld_regio", args=["nergens", "ttl"])).status_code == 404


def test_no_email_address_in_any_export(dender, client):
    emails = [dender.voorzitter.email, dender.lid.email, dender.secretariaat.email, dender.lid.persoon.email]
    assert all(emails)
    bodies = [
        b"".join(client.get(reverse("openbaar:ld_regio", args=["denderregio", f])).streaming_content)
        for f in ("ttl", "jsonld")
    ]
    for url in (reverse("besturen:orgaan", args=[dender.dbo.pk]), dender.gehouden.get_absolute_url()):
        bodies += [get(client, url, TURTLE).content, get(client, url, JSONLD).content]
    for body in bodies:
        assert b"mailto" not in body
        for email in emails:
            assert email.encode() not in body


def test_context_is_published_and_ids_lead_to_their_page(dender, client):
    response = client.get(reverse("openbaar:ld_context"))
    assert response["Content-Type"].startswith(JSONLD)
    context = json.loads(response.content)["@context"]
    assert context["besluit"] == str(BESLUIT) and context["mandaat"] == str(MANDAAT)
    response = client.get(urlsplit(uris.orgaan(dender.dbo.pk)).path)
    assert response.status_code == 303 and response["Location"] == dender.dbo.get_absolute_url()
    assert client.get("/id/mandataris/1").status_code == 404


def _grow(world, extra):
    """More of everything the dump reads: seats, meetings with items, decisions and votes."""
    for i in range(extra):
        maak_gebruiker(
            world.dbo, Rol.LID, f"Extra{i}", "Lid", namens=world.lede, email=f"extra{i}@example.org"
        )
        held(world, days=-30 - i, nummer=i + 2)


def _dump_queries(client, django_assert_max_num_queries, formaat):
    with django_assert_max_num_queries(12):
        response = client.get(reverse("openbaar:ld_regio", args=["denderregio", formaat]))
        body = b"".join(response.streaming_content)
    return body


def test_dump_and_pages_query_count_does_not_grow_with_the_data(
    dender, client, django_assert_max_num_queries
):
    small = _dump_queries(client, django_assert_max_num_queries, "ttl")
    _grow(dender, 3)
    large = _dump_queries(client, django_assert_max_num_queries, "ttl")
    _dump_queries(client, django_assert_max_num_queries, "jsonld")
    assert len(large) > len(small)
    for url in (
        reverse("besturen:regio", args=["denderregio"]),
        reverse("besturen:orgaan", args=[dender.dbo.pk]),
    ):
        with django_assert_max_num_queries(8):
            assert get(client, url, TURTLE).status_code == 200
    with django_assert_max_num_queries(8):
        assert get(client, dender.gehouden.get_absolute_url(), JSONLD).status_code == 200


def test_withdrawn_items_and_cancelled_meetings_stay_public_as_such(dender, client):
    vergadering = plan(dender.dbo, 7, [("Fietssnelweg", True), ("Ingetrokken punt", True)])
    services.publish_agenda(vergadering, door=None)
    punt = vergadering.agendapunten.get(titel="Ingetrokken punt")
    services.withdraw_agendapunt(punt, reden="Dossier niet klaar", door=None)
    services.cancel_vergadering(vergadering, reden="Te weinig punten", door=None)
    g, body = parse(client, get(client, vergadering.get_absolute_url(), TURTLE))
    zitting = uris.zitting(vergadering.pk)
    assert str(g.value(zitting, RDFS.comment)) == "geannuleerd Te weinig punten"
    assert str(g.value(uris.agendapunt(punt.pk), RDFS.comment)) == "ingetrokken Dossier niet klaar"
    assert (zitting, BESLUIT.behandelt, uris.agendapunt(punt.pk)) in g


# --- Recording what the linked data needs: the seat's appointment act and term, the decision's entry into force ---


def test_the_secretariat_records_a_seats_appointment_act_and_the_open_data_name_it(
    dender, client, django_assert_max_num_queries
):
    zetel = dender.lid.lidmaatschap
    url = reverse("besturen:lidmaatschap_actie", args=[zetel.pk, "aanstelling"])
    besluit = "https://www.lede.be/bekendmakingen/gemeenteraad-2025-01-06"
    data = {"aanstellingsbesluit": besluit, "geplande_einddatum": "2031-01-01"}

    client.force_login(dender.voorzitter)  # may not: a member of the DBO does not manage its seats
    assert client.post(url, data).status_code == 403
    zetel.refresh_from_db()
    assert zetel.aanstellingsbesluit == INSTALLATIE

    client.force_login(dender.secretariaat)  # may: the DBO's secretariat
    with django_assert_max_num_queries(25):
        pagina = client.get(reverse("besturen:leden_beheer", args=[dender.dbo.pk])).content.decode()
    assert f'action="{url}"' in pagina and INSTALLATIE in pagina
    assert client.post(url, data).status_code == 302
    zetel.refresh_from_db()
    assert zetel.aanstellingsbesluit == besluit
    g = dump(client)
    aanstelling = g.value(uris.mandataris(zetel.pk), MANDAAT.isAangesteldDoor)
    assert g.value(aanstelling, FOAF.page) == URIRef(besluit)

    for fout in (
        {**data, "aanstellingsbesluit": "ftp://lede.be/besluit"},
        {**data, "geplande_einddatum": "2020-01-01"},
    ):
        response = client.post(url, fout, follow=True)
        zetel.refresh_from_db()
        assert (zetel.aanstellingsbesluit, zetel.geplande_einddatum) == (besluit, EINDE_TERMIJN)
        assert 'class="message message-error"' in response.content.decode()


def test_a_new_seat_takes_its_appointment_act_from_the_member_form_and_refuses_other_than_http(
    dender, client
):
    client.force_login(dender.secretariaat)
    url = reverse("besturen:leden_beheer", args=[dender.dbo.pk])
    data = {
        "voornaam": "Nieuw",
        "achternaam": "Lid",
        "email": "nieuw.lid@example.org",
        "rol": Rol.LID,
        "namens": dender.aalst.pk,
        "begindatum": timezone.localdate().isoformat(),
        "aanstellingsbesluit": "ftp://www.aalst.be/installatie",
        "geplande_einddatum": "2031-01-01",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and 'id="id_aanstellingsbesluit_error"' in response.content.decode()
    assert not dender.dbo.lidmaatschappen.filter(
        persoon__achternaam="Lid", persoon__voornaam="Nieuw"
    ).exists()
    assert client.post(url, {**data, "aanstellingsbesluit": INSTALLATIE}).status_code == 302
    zetel = dender.dbo.lidmaatschappen.get(persoon__voornaam="Nieuw")
    assert (zetel.aanstellingsbesluit, zetel.geplande_einddatum) == (INSTALLATIE, EINDE_TERMIJN)


def test_the_secretariat_records_when_a_decision_takes_effect_and_the_open_data_publish_its_act(
    dender, client
):
    punt = dender.gehouden.agendapunten.get(openbaar=True)
    url = reverse("vergaderingen:besluit", args=[punt.pk])
    data = {
        "uitkomst": "aangenomen",
        "tekst": "Goedgekeurd",
        "behandeling": "Besproken",
        "inwerkingtreding": "",
    }

    client.force_login(dender.voorzitter)  # may not: only the secretariat records decisions
    assert client.post(url, {**data, "inwerkingtreding": "2026-01-01"}).status_code == 403

    client.force_login(dender.secretariaat)
    assert 'name="inwerkingtreding"' in client.get(url).content.decode()
    response = client.post(url, {**data, "inwerkingtreding": "2026-02-31"})
    assert response.status_code == 422 and 'id="id_inwerkingtreding_error"' in response.content.decode()
    assert client.post(url, data).status_code == 302
    g, _body = parse(client, get(client, dender.gehouden.get_absolute_url(), TURTLE))
    assert g.value(uris.besluit(punt.besluit.pk), ELI.realizes) is None  # not in force: no act yet

    assert client.post(url, {**data, "inwerkingtreding": "2026-12-01"}).status_code == 302
    punt.besluit.refresh_from_db()
    assert punt.besluit.inwerkingtreding == datetime.date(2026, 12, 1)
    g, _body = parse(client, get(client, dender.gehouden.get_absolute_url(), TURTLE))
    rechtsgrond = g.value(uris.besluit(punt.besluit.pk), ELI.realizes)
    assert (rechtsgrond, RDF.type, ELI.LegalResource) in g
    assert str(g.value(rechtsgrond, ELI.first_date_entry_in_force)) == "2026-12-01"
