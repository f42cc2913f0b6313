"""The Atom feeds of decisions and agendas, the sitemap and robots.txt (issue 15, item 2): each parsed as a client
reads it, only public content (no closed items, no unpublished meetings), bounded, in the same number of queries
whatever the number of entries."""

import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.urls import reverse

from openbaar.feeds import selectors
from opgaven.models import Opgave
from programmas.models import Versie
from programmas.services import draft_jaarprogramma
from tests.factories import OpgaveFactory
from tests.vergaderingen.conftest import plan
from vergaderingen import services
from vergaderingen.models import Besluituitkomst

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def gehouden_met_besluiten(orgaan, days, openbaar=("Regionale mobiliteit",), besloten=()):
    """A held meeting of `orgaan` with a decision on each of its public and closed items."""
    vergadering = plan(orgaan, days)
    punten = [services.add_agendapunt(vergadering, titel=titel, door=None) for titel in openbaar]
    punten += [
        services.add_agendapunt(vergadering, titel=titel, openbaar=False, door=None) for titel in besloten
    ]
    services.publish_agenda(vergadering, door=None)
    vergadering = services.close_vergadering(vergadering, door=None)
    for punt in punten:
        services.record_besluit(
            punt, uitkomst=Besluituitkomst.AANGENOMEN, tekst="Het orgaan stemt in.", door=None
        )
    return vergadering


@pytest.fixture
def wereld(world, media):
    """The DBO: a held meeting (a public and a closed decision), an older one, a published upcoming agenda and a
    planned meeting whose agenda is not published; the Drechtsteden's board: one held meeting."""
    world.gehouden = gehouden_met_besluiten(
        world.dbo, -14, openbaar=("Regionale mobiliteit",), besloten=("Personeelsdossier directeur",)
    )
    world.ouder = gehouden_met_besluiten(world.dbo, -60, openbaar=("Jaarrekening",))
    world.komend = plan(world.dbo, 14)
    services.add_agendapunt(world.komend, titel="Afvalbeleid", door=None)
    services.add_agendapunt(world.komend, titel="Onderhandelingen grondaankoop", openbaar=False, door=None)
    services.publish_agenda(world.komend, door=None)
    world.concept = plan(world.dbo, 28)
    services.add_agendapunt(world.concept, titel="Nog geheim voorstel", door=None)
    world.drecht_vergadering = gehouden_met_besluiten(
        world.regiobestuur_drecht, -7, openbaar=("Drechtse zaak",)
    )
    return world


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def titels(feed):
    return [entry.title for entry in feed.entries]


def test_the_body_decision_feed_lists_public_decisions_newest_meeting_first(client, wereld, settings):
    settings.SITE_URL = "https://regioportaal.example"
    feed = parse(client, reverse("openbaar:orgaan_besluiten", kwargs={"pk": wereld.dbo.pk}))

    assert feed.feed.title == "Besluiten van Burgemeestersoverleg Denderregio"
    assert [titel.split(":")[0] for titel in titels(feed)] == ["1. Regionale mobiliteit", "1. Jaarrekening"]
    eerste = feed.entries[0]
    assert eerste.link.endswith(
        f"/vergadering/{wereld.gehouden.pk}/#punt-{wereld.gehouden.agendapunten.first().pk}"
    )
    assert "aangenomen" in eerste.title
    assert "Het orgaan stemt in." in eerste.summary
    assert eerste.author == "Burgemeestersoverleg Denderregio"
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)
    assert feed.feed.id == f"https://regioportaal.example/orgaan/{wereld.dbo.pk}/besluiten.atom"


def test_no_feed_shows_a_closed_item_or_an_unpublished_meeting(client, wereld):
    urls = [
        reverse("openbaar:orgaan_besluiten", kwargs={"pk": wereld.dbo.pk}),
        reverse("openbaar:orgaan_agendas", kwargs={"pk": wereld.dbo.pk}),
        reverse("openbaar:regio_besluiten", kwargs={"slug": wereld.dender.slug}),
        reverse("openbaar:regio_agendas", kwargs={"slug": wereld.dender.slug}),
    ]
    for url in urls:
        tekst = client.get(url).content.decode()
        for geheim in ("Personeelsdossier", "grondaankoop", "Nog geheim voorstel", "Drechtse zaak"):
            assert geheim not in tekst, (url, geheim)
        assert f"/vergadering/{wereld.concept.pk}/" not in tekst


def test_the_agenda_feed_lists_published_agendas_with_their_public_items(client, wereld):
    feed = parse(client, reverse("openbaar:orgaan_agendas", kwargs={"pk": wereld.dbo.pk}))

    links = [entry.link for entry in feed.entries]
    assert [link.rsplit("/vergadering/", 1)[1] for link in links] == [
        f"{wereld.komend.pk}/",
        f"{wereld.gehouden.pk}/",
        f"{wereld.ouder.pk}/",
    ]
    assert all(titel.startswith("Agenda Burgemeestersoverleg Denderregio") for titel in titels(feed))
    assert "1. Afvalbeleid" in feed.entries[0].summary


def test_a_cancelled_meeting_stays_in_the_agenda_feed_marked_cancelled(client, wereld):
    services.cancel_vergadering(wereld.komend, reden="Te weinig punten", door=None)

    feed = parse(client, reverse("openbaar:orgaan_agendas", kwargs={"pk": wereld.dbo.pk}))

    assert feed.entries[0].title.endswith("(geannuleerd)")
    assert "Te weinig punten" in feed.entries[0].summary


def test_the_region_feeds_hold_the_regions_own_bodies_only(client, wereld):
    dender = parse(client, reverse("openbaar:regio_besluiten", kwargs={"slug": "denderregio"}))
    drecht = parse(client, reverse("openbaar:regio_besluiten", kwargs={"slug": "drechtsteden"}))
    agendas = parse(client, reverse("openbaar:regio_agendas", kwargs={"slug": "drechtsteden"}))

    assert dender.feed.title == "Besluiten van Denderregio"
    assert len(dender.entries) == 2
    assert [titel.split(":")[0] for titel in titels(drecht)] == ["1. Drechtse zaak"]
    assert len(agendas.entries) == 1


def test_a_feed_holds_at_most_the_latest_entries(client, wereld, monkeypatch):
    monkeypatch.setattr(selectors, "FEED_MAX", 1)

    besluiten = parse(client, reverse("openbaar:regio_besluiten", kwargs={"slug": "denderregio"}))
    agendas = parse(client, reverse("openbaar:regio_agendas", kwargs={"slug": "denderregio"}))

    assert [titel.split(":")[0] for titel in titels(besluiten)] == ["1. Regionale mobiliteit"]
    assert agendas.entries[0].link.endswith(f"/vergadering/{wereld.komend.pk}/")
    assert len(agendas.entries) == 1


def test_a_feed_of_an_unknown_region_or_body_is_not_found(client, db):
    assert client.get(reverse("openbaar:regio_besluiten", kwargs={"slug": "nergens"})).status_code == 404
    assert client.get(reverse("openbaar:orgaan_agendas", kwargs={"pk": 999999})).status_code == 404


def test_an_empty_feed_is_valid_atom(client, world):
    feed = parse(client, reverse("openbaar:orgaan_besluiten", kwargs={"pk": world.raad_aalst.pk}))
    assert feed.entries == []


@pytest.mark.parametrize("extra", [0, 3])
@pytest.mark.parametrize(
    "naam,kwarg",
    [
        ("orgaan_besluiten", "pk"),
        ("orgaan_agendas", "pk"),
        ("regio_besluiten", "slug"),
        ("regio_agendas", "slug"),
    ],
)
def test_a_feed_takes_the_same_queries_whatever_its_entries(
    client, wereld, extra, naam, kwarg, django_assert_max_num_queries
):
    if extra:
        gehouden_met_besluiten(wereld.dbo, -100, openbaar=[f"Punt {nummer}" for nummer in range(extra)])
    waarde = wereld.dbo.pk if kwarg == "pk" else wereld.dender.slug
    with django_assert_max_num_queries(3):
        response = client.get(reverse(f"openbaar:{naam}", kwargs={kwarg: waarde}))
    assert response.status_code == 200


def test_the_region_and_body_pages_name_their_atom_feeds_in_the_head(client, world):
    regio = client.get(world.dender.get_absolute_url()).content.decode()
    orgaan = client.get(world.dbo.get_absolute_url()).content.decode()

    head = regio.split("</head>")[0]
    assert 'type="application/atom+xml"' in head
    assert f'href="{reverse("openbaar:regio_besluiten", kwargs={"slug": "denderregio"})}"' in head
    assert f'href="{reverse("openbaar:regio_agendas", kwargs={"slug": "denderregio"})}"' in head
    head = orgaan.split("</head>")[0]
    assert f'href="{reverse("openbaar:orgaan_besluiten", kwargs={"pk": world.dbo.pk})}"' in head
    assert f'href="{reverse("openbaar:orgaan_agendas", kwargs={"pk": world.dbo.pk})}"' in head


# --- Sitemap and robots.txt -------------------------------------------------------------------------------------


def locaties(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return [loc.text for loc in root.iter(f"{SITEMAP}loc")]


@pytest.fixture
def sitemapwereld(wereld):
    wereld.opgave = OpgaveFactory(regio=wereld.dender, titel="Mobiliteit", gepubliceerd=True)
    wereld.concept_opgave = OpgaveFactory(regio=wereld.dender, titel="Concept", gepubliceerd=False)
    wereld.concept_versie = draft_jaarprogramma(wereld.dender, 2027, door=None)
    openbaar = draft_jaarprogramma(wereld.drecht, 2026, door=None)
    Versie.objects.filter(pk=openbaar.pk).update(openbaar=True)  # as an adopted version is
    wereld.openbare_versie = openbaar
    return wereld


def test_the_sitemap_lists_every_public_page_and_nothing_else(client, sitemapwereld):
    w = sitemapwereld
    secties = locaties(client, reverse("openbaar:sitemap"))
    assert sorted(url.rsplit("/", 1)[1] for url in secties) == sorted(
        f"sitemap-{sectie}.xml"
        for sectie in ("regios", "besturen", "organen", "vergaderingen", "opgaven", "programmas")
    )

    urls = [url.removeprefix("http://testserver") for sectie in secties for url in locaties(client, sectie)]

    verwacht = {
        "/regio/denderregio/",
        "/regio/drechtsteden/",
        w.aalst.get_absolute_url(),
        w.dordrecht.get_absolute_url(),
        w.dbo.get_absolute_url(),
        w.raad_aalst.get_absolute_url(),
        w.gehouden.get_absolute_url(),
        w.ouder.get_absolute_url(),
        w.komend.get_absolute_url(),
        w.drecht_vergadering.get_absolute_url(),
        w.opgave.get_absolute_url(),
        w.openbare_versie.get_absolute_url(),
    }
    assert verwacht <= set(urls)
    assert len(urls) == len(set(urls))
    for verborgen in (w.concept, w.concept_opgave, w.concept_versie):
        assert verborgen.get_absolute_url() not in urls


def test_the_sitemap_is_paged(client, sitemapwereld, monkeypatch):
    monkeypatch.setattr("openbaar.feeds.sitemaps._Sitemap.limit", 2)

    secties = locaties(client, reverse("openbaar:sitemap"))

    assert any(url.endswith("sitemap-vergaderingen.xml?p=2") for url in secties)
    assert (
        len(
            locaties(client, reverse("openbaar:sitemap_sectie", kwargs={"section": "vergaderingen"}) + "?p=2")
        )
        == 2
    )


def test_an_unknown_sitemap_section_is_not_found(client, db):
    assert client.get(reverse("openbaar:sitemap_sectie", kwargs={"section": "geheim"})).status_code == 404


@pytest.mark.parametrize("extra", [0, 4])
def test_the_sitemap_takes_the_same_queries_whatever_its_size(
    client, sitemapwereld, extra, django_assert_max_num_queries
):
    for nummer in range(extra):
        OpgaveFactory(regio=sitemapwereld.dender, titel=f"Opgave {nummer}", gepubliceerd=True)
    assert Opgave.objects.filter(gepubliceerd=True).count() == 1 + extra
    with django_assert_max_num_queries(7):
        secties = locaties(client, reverse("openbaar:sitemap"))
    for sectie in secties:
        with django_assert_max_num_queries(2):
            locaties(client, sectie)


def test_robots_txt_allows_the_public_pages_and_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    regels = response.content.decode().splitlines()
    assert regels[0] == "User-agent: *"
    assert "Allow: /" in regels
    for pad in ("/admin/", "/account/", "/beheer/", "/inloggen/", "/kalender/", "/*/beheer/"):
        assert f"Disallow: {pad}" in regels
    assert "Disallow: /regio/" not in regels
    assert "Sitemap: http://testserver/sitemap.xml" in regels
