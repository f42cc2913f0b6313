"""Bulk open data (issue 15, item 6): every public list of a region as CSV and JSON, streamed, and the DCAT catalogue.

Every download is parsed (csv, json), every catalogue graph with rdflib; nothing closed, unpublished or private (an
e-mail address) may appear, whoever asks; text a spreadsheet would run is guarded; the query count does not grow
with the data.
"""

import csv
import io
import json
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse
from rdflib import Graph, URIRef, namespace

from openbaar.data.datasets import DATASETS
from opgaven import services as opgaven_services
from programmas import services as programmas_services
from programmas.models import Bijdrage, VersieStatus
from tests.programmas.bouw import programma
from tests.vergaderingen.conftest import moment
from vergaderingen import services as vergaderingen_services
from vergaderingen.models import Besluituitkomst

pytestmark = pytest.mark.django_db

SLEUTELS = [dataset.sleutel for dataset in DATASETS]
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"


@pytest.fixture(autouse=True)
def _media(media):
    """Publishing an agenda makes its PDF: in a temporary MEDIA_ROOT."""


def _vergadering(orgaan, dagen, punten, *, publiceren=True, besluiten=True):
    """A meeting of `orgaan` with items `punten` ((titel, openbaar)), published and held, each item decided."""
    vergadering = vergaderingen_services.plan_vergadering(
        orgaan, begin=moment(dagen), einde=moment(dagen, 21), locatie="Stadhuis Aalst", door=None
    )
    items = [
        vergaderingen_services.add_agendapunt(vergadering, titel=titel, openbaar=openbaar, door=None)
        for titel, openbaar in punten
    ]
    if not publiceren:
        return vergadering
    vergaderingen_services.publish_agenda(vergadering, door=None)
    vergadering = vergaderingen_services.close_vergadering(vergadering, door=None)
    if besluiten:
        for punt in items:
            punt.refresh_from_db()
            vergaderingen_services.record_besluit(
                punt,
                uitkomst=Besluituitkomst.AANGENOMEN,
                tekst=f"Besluit over {punt.titel}",
                voor=3,
                tegen=1,
                onthouding=0,
                door=None,
            )
    return vergadering


@pytest.fixture
def open_wereld(world):
    """The world's Denderregio with public and closed things of every kind, and a frozen public programme."""
    w = world
    w.openbare_vergadering = _vergadering(
        w.dbo, -14, [('=HYPERLINK("http://kwaad.example")', True), ("Besloten personeelszaak", False)]
    )
    w.concept_vergadering = _vergadering(w.dbo, 14, [("Geheim voorontwerp", True)], publiceren=False)
    w.opgave = opgaven_services.create_opgave(w.dender, door=None, titel="+Mobiliteit", gepubliceerd=True)
    opgaven_services.add_budgetregel(w.opgave, door=None, jaar=2027, bedrag=Decimal("100000"), bron="leden")
    opgaven_services.create_opgave(w.dender, door=None, titel="Verborgen concept-opgave", gepubliceerd=False)
    programmas_services.update_regeling(
        w.dender,
        door=None,
        procedure="instemming",
        beslisregel="unaniem",
        sleutel="bevolking",
        bestuursorgaan=w.dbo,
    )
    w.versie = programma(SimpleNamespace(regio=w.dender, opgaven=[w.opgave]), tot=VersieStatus.VASTGESTELD)
    return w


def _download(client, regio, sleutel, formaat):
    response = client.get(
        reverse("openbaar:data_download", kwargs={"slug": regio.slug, "sleutel": sleutel, "formaat": formaat})
    )
    assert response.status_code == 200
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def _csv(tekst):
    assert tekst.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(tekst.removeprefix("\ufeff"))))


def _alles(client, regio):
    """{dataset key: (csv rows, json rows)} of every dataset of `regio`, each parsed."""
    return {
        sleutel: (
            _csv(_download(client, regio, sleutel, "csv")),
            json.loads(_download(client, regio, sleutel, "json")),
        )
        for sleutel in SLEUTELS
    }


def test_every_dataset_parses_as_csv_and_json_with_the_same_rows(client, open_wereld):
    w = open_wereld
    data = _alles(client, w.dender)
    for sleutel, (csv_rijen, json_rijen) in data.items():
        dataset = next(d for d in DATASETS if d.sleutel == sleutel)
        assert len(csv_rijen) == len(json_rijen), sleutel
        assert all(list(rij) == list(dataset.kolommen) for rij in json_rijen), sleutel
    assert {rij["naam"] for rij in data["leden"][1]} == {"Aalst", "Lede"}
    assert {(rij["naam"], rij["inwoners"]) for rij in data["leden"][1]} == {("Aalst", 89000), ("Lede", 19000)}
    assert [rij["naam"] for rij in data["organen"][1]] == ["Burgemeestersoverleg Denderregio"]
    assert {(rij["naam"], rij["rol"]) for rij in data["zetels"][1]} == {
        ("Sara Secretaris", "secretaris"),
        ("Victor Voorzitter", "voorzitter"),
        ("Lieve Lid", "lid"),
    }
    assert [rij["id"] for rij in data["vergaderingen"][1]] == [w.openbare_vergadering.pk]
    assert [rij["titel"] for rij in data["agendapunten"][1]] == ['=HYPERLINK("http://kwaad.example")']
    [besluit] = data["besluiten"][1]
    assert (besluit["uitkomst"], besluit["stemmen_voor"], besluit["stemmen_tegen"]) == ("aangenomen", 3, 1)
    assert [rij["titel"] for rij in data["opgaven"][1]] == ["+Mobiliteit"]
    assert [(rij["versie"], rij["status"]) for rij in data["programmaversies"][1]] == [(1, "vastgesteld")]


def test_the_split_is_the_stored_figures_of_the_adopted_version(client, open_wereld):
    w = open_wereld
    rijen = json.loads(_download(client, w.dender, "verdeling", "json"))
    opgeslagen = {b.bestuur.naam: (b.inwoners, b.bedrag) for b in Bijdrage.objects.filter(versie=w.versie)}
    assert {r["bestuur"]: (r["inwoners"], Decimal(str(r["bedrag_euro"]))) for r in rijen} == opgeslagen
    assert sum(Decimal(str(r["bedrag_euro"])) for r in rijen) == Decimal("100000.00")
    # A later population does not move a frozen split.
    w.aalst.inwoners = 1
    w.aalst.save()
    assert json.loads(_download(client, w.dender, "verdeling", "json")) == rijen


@pytest.mark.parametrize("rol", ["anoniem", "secretariaat", "platformbeheerder"])
def test_nothing_closed_unpublished_or_private_is_in_any_download_whoever_asks(client, open_wereld, rol):
    w = open_wereld
    if w.users[rol]:
        client.force_login(w.users[rol])
    for sleutel in SLEUTELS:
        for formaat in ("csv", "json"):
            tekst = _download(client, w.dender, sleutel, formaat)
            assert not EMAIL.search(tekst), (sleutel, formaat)
            for geheim in ("Besloten personeelszaak", "Geheim voorontwerp", "Verborgen concept-opgave"):
                assert geheim not in tekst, (sleutel, formaat, geheim)
    vergaderingen = json.loads(_download(client, w.dender, "vergaderingen", "json"))
    assert w.concept_vergadering.pk not in [rij["id"] for rij in vergaderingen]


def test_csv_cells_a_spreadsheet_would_run_are_guarded(client, open_wereld):
    w = open_wereld
    [punt] = _csv(_download(client, w.dender, "agendapunten", "csv"))
    assert punt["titel"] == '\'=HYPERLINK("http://kwaad.example")'
    [opgave] = _csv(_download(client, w.dender, "opgaven", "csv"))
    assert opgave["titel"] == "'+Mobiliteit"
    # JSON carries the text as it is: no spreadsheet runs it.
    [opgave] = json.loads(_download(client, w.dender, "opgaven", "json"))
    assert opgave["titel"] == "+Mobiliteit"


def test_other_regions_data_stays_out(client, open_wereld):
    w = open_wereld
    data = _alles(client, w.drecht)
    assert [rij["naam"] for rij in data["leden"][1]] == ["Dordrecht"]
    assert all(
        not data[sleutel][1]
        for sleutel in (
            "vergaderingen",
            "agendapunten",
            "besluiten",
            "opgaven",
            "programmaversies",
            "verdeling",
        )
    )


@pytest.mark.parametrize(
    "kwargs",
    [
        {"slug": "bestaat-niet", "sleutel": "leden", "formaat": "csv"},
        {"slug": "denderregio", "sleutel": "gebruikers", "formaat": "csv"},
        {"slug": "denderregio", "sleutel": "leden", "formaat": "xlsx"},
    ],
)
def test_an_unknown_region_dataset_or_format_is_not_found(client, world, kwargs):
    assert client.get(reverse("openbaar:data_download", kwargs=kwargs)).status_code == 404


def test_an_unknown_region_has_no_catalogue(client, world):
    assert client.get(reverse("openbaar:data_regio", kwargs={"slug": "bestaat-niet"})).status_code == 404
    assert (
        client.get(reverse("openbaar:data_regio_jsonld", kwargs={"slug": "bestaat-niet"})).status_code == 404
    )


def test_the_catalogue_page_lists_every_dataset_with_formats_licence_and_date(client, open_wereld):
    w = open_wereld
    response = client.get(reverse("openbaar:data_regio", kwargs={"slug": w.dender.slug}))
    assert response.status_code == 200
    html = response.content.decode()
    for dataset in DATASETS:
        assert str(dataset.titel) in html
        for formaat in ("csv", "json"):
            assert (
                reverse(
                    "openbaar:data_download",
                    kwargs={"slug": "denderregio", "sleutel": dataset.sleutel, "formaat": formaat},
                )
                in html
            )
    assert CC0 in html and "CC0 1.0" in html
    assert "bij elke download actueel" in html  # bodies and seats have no cheap date
    assert "<time datetime=" in html
    site = client.get(reverse("openbaar:data_catalogus")).content.decode()
    assert "Denderregio" in site and "Drechtsteden" in site


@pytest.mark.parametrize(
    "naam,kwargs",
    [("openbaar:data_catalogus_jsonld", {}), ("openbaar:data_regio_jsonld", {"slug": "denderregio"})],
)
def test_the_dcat_catalogue_parses_as_json_ld_with_every_dataset_and_its_licence(
    client, open_wereld, naam, kwargs
):
    response = client.get(reverse(naam, kwargs=kwargs))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    graph = Graph().parse(data=response.content.decode(), format="json-ld")
    [catalogus] = list(graph.subjects(namespace.RDF.type, namespace.DCAT.Catalog))
    datasets = set(graph.objects(catalogus, namespace.DCAT.dataset))
    regios = 2 if not kwargs else 1
    assert len(datasets) == len(DATASETS) * regios
    for ds in datasets:
        assert (ds, namespace.RDF.type, namespace.DCAT.Dataset) in graph
        assert graph.value(ds, namespace.DCTERMS.title) and graph.value(ds, namespace.DCTERMS.description)
        distributies = list(graph.objects(ds, namespace.DCAT.distribution))
        assert len(distributies) == 2
        for distributie in distributies:
            assert graph.value(distributie, namespace.DCTERMS.license) == URIRef(CC0)
            assert graph.value(distributie, namespace.DCAT.downloadURL) == distributie
            assert graph.value(distributie, namespace.DCAT.mediaType) is not None
    besluiten = URIRef("http://127.0.0.1:8000/regio/denderregio/open-data/#besluiten")
    assert graph.value(besluiten, namespace.DCTERMS.modified) is not None
    assert (
        graph.value(
            URIRef("http://127.0.0.1:8000/regio/denderregio/open-data/#zetels"), namespace.DCTERMS.modified
        )
        is None
    )


def _meer(w, aantal):
    """`aantal` extra published meetings with a public item each, and as many published opgaven."""
    for nummer in range(aantal):
        _vergadering(w.dbo, -30 - nummer, [(f"Punt {nummer}", True)])
        opgaven_services.create_opgave(w.dender, door=None, titel=f"Opgave {nummer}", gepubliceerd=True)


@pytest.mark.parametrize("aantal", [0, 3])
def test_downloads_and_catalogues_take_the_same_few_queries_whatever_the_data(
    client, open_wereld, aantal, django_assert_max_num_queries
):
    _meer(open_wereld, aantal)
    for sleutel in SLEUTELS:
        for formaat in ("csv", "json"):
            with django_assert_max_num_queries(2):  # the region, the rows
                _download(client, open_wereld.dender, sleutel, formaat)
    for naam, kwargs in [
        ("openbaar:data_catalogus", {}),
        ("openbaar:data_regio", {"slug": "denderregio"}),
        ("openbaar:data_catalogus_jsonld", {}),
        ("openbaar:data_regio_jsonld", {"slug": "denderregio"}),
    ]:
        with django_assert_max_num_queries(5):  # the regions, four sources of dates
            assert client.get(reverse(naam, kwargs=kwargs)).status_code == 200
