"""The grip page's cached sections (issue 16, item 3): the sections that are the same for every reader of one
visibility class come from the cache on a warm request, a write through a service shows on the next request, and a
reader never gets a section rendered for a reader who may see more, nor one in another language."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from besturen import services as besturen_services
from besturen.models import Rol, Zichtbaarheid
from opgaven import services as opgaven_services
from opgaven.models import VoortgangStatus
from programmas.models import Versie, VersieStatus
from tests.factories import gemeente, maak_gebruiker
from tests.programmas.bouw import JAAR, programma

from .grip_bouw import grip_wereld, raadslid_elders
from .test_grip import grip_url

pytestmark = pytest.mark.usefixtures("snelle_wachtwoorden", "media")

# Measured: a council member's warm request asks the session, the account, the membership, the region's
# permissions, the council seats and the reader's role in the region (six); every section comes from the cache.
MAX_GRIP_WARM = 6
# Measured: a cold request renders every section (the 15 of issue 16 and the reader's role in the region); this first
# request also reads the region's id for its generation and a region row for the page's frame, which the cache keeps.
MAX_GRIP_KOUD = 18


@pytest.fixture
def w(db):
    return grip_wereld(jaren=2, documenten=2)


def _html(client, user, url, **extra):
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.get(url, **extra)
    assert response.status_code == 200
    return response.content.decode()


def test_a_warm_request_runs_fewer_queries_and_shows_every_section(client, w, django_assert_max_num_queries):
    url = grip_url(w.leden[0], w.regio)
    client.force_login(w.raadslid)
    client.get(reverse("besturen:home"))  # warms the process-wide caches (content types) on another page
    with django_assert_max_num_queries(MAX_GRIP_KOUD) as koud:
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(MAX_GRIP_WARM) as warm:
        response = client.get(url)
    assert len(warm) < len(koud)
    html = response.content.decode()
    for tekst in (
        "Projectvereniging",
        "1 / 2 (50,0\u00a0%)",
        "Victor Voorzitter",
        str(JAAR - 1),
        "<desc",
        "Opgave A",
        "op koers",
        "nog niet beslist",
        "Het aandeel van",  # the council member's link
        "Uiterste datum voor de raden",
        "Openbaar stuk 2",
        "Raadsvoorstel 2.pdf",
        "Stuk voor de raden",
        "U zit in de raad van",
    ):
        assert tekst in html, tekst


# --- A write shows on the next request -----------------------------------------------------------------------------


def _voortgang(w):
    opgaven_services.report_voortgang(
        w.opgaven[0],
        periode_eind=datetime.date(JAAR, 3, 31),
        status=VoortgangStatus.RISICO,
        besteed=Decimal("12345"),
        toelichting="Vertraging bij de aanbesteding.",
        door=None,
    )
    return f"tot 31 maart {JAAR}"


def _zetel(w):
    maak_gebruiker(w.bestuur, Rol.LID, "Nina", "Nieuwzetel", namens=w.leden[0])
    return "Nina Nieuwzetel"


def _deelname(w):
    nieuw = gemeente("Gemeente Nieuwkomer", "N99901", inwoners=5_000)
    besturen_services.add_deelname(w.regio, nieuw, begindatum=datetime.date(2020, 1, 1), door=None)
    return "Gemeente Nieuwkomer"


def _stuk(w):
    besturen_services.add_stuk(
        w.bestuur, titel="Vers gedeeld stuk", zichtbaarheid=Zichtbaarheid.OPENBAAR, door=None
    )
    return "Vers gedeeld stuk"


def _versie(w):
    jaar = JAAR - 2
    for opgave in w.opgaven:
        opgaven_services.add_budgetregel(opgave, door=None, jaar=jaar, bedrag=Decimal(80_000), bron="leden")
    # Adopted (its figures frozen) and before the councils.
    programma(w, tot=VersieStatus.VOORGELEGD, jaar=jaar)
    return f"{jaar}</th>"


@pytest.mark.parametrize("schrijf", [_voortgang, _zetel, _deelname, _stuk, _versie])
def test_a_write_through_a_service_shows_on_the_next_request(client, w, schrijf):
    url = grip_url(w.leden[0], w.regio)
    _html(client, w.raadslid, url)  # the sections are cached now
    html = _html(client, w.raadslid, url)
    tekst = schrijf(w)
    assert tekst not in html
    assert tekst in _html(client, w.raadslid, url)


# --- Who sees what -------------------------------------------------------------------------------------------------


def _besloten_wereld(w):
    """A non-public version (its year only for the region's councils and bodies) and a draft opgave (only for the
    region's bodies)."""
    Versie.objects.filter(pk=w.versies[1].pk).update(openbaar=False)
    w.opgaven[1].gepubliceerd = False
    w.opgaven[1].save(update_fields=["gepubliceerd"])


@pytest.mark.parametrize("raadslid_eerst", [True, False])
def test_an_outsider_never_gets_a_section_rendered_for_the_council(client, w, raadslid_eerst):
    _besloten_wereld(w)
    url = grip_url(w.leden[0], w.regio)
    jaar = f"{JAAR - 1}</th>"
    volgorde = ["raadslid", "elders", "anoniem"] if raadslid_eerst else ["elders", "anoniem", "raadslid"]
    lezers = {"raadslid": w.raadslid, "elders": raadslid_elders(), "anoniem": None}
    for wie in volgorde:
        html = _html(client, lezers[wie], url)
        if wie == "raadslid":
            assert jaar in html
            assert "Stuk voor de raden" in html
            assert "Het aandeel van" in html
        else:
            assert jaar not in html, wie
            assert "Stuk voor de raden" not in html, wie
            assert "Het aandeel van" not in html, wie
        assert "Opgave B" not in html, wie


@pytest.mark.parametrize("raadslid_eerst", [True, False])
def test_the_council_members_link_is_not_shown_to_another_councils_people(client, w, raadslid_eerst):
    url = grip_url(w.leden[0], w.regio)
    volgorde = [w.raadslid, w.raadssecretaris_b] if raadslid_eerst else [w.raadssecretaris_b, w.raadslid]
    for user in volgorde:
        html = _html(client, user, url)
        assert "Stuk voor de raden" in html  # both read the region's non-public pieces
        assert ("Het aandeel van" in html) == (user == w.raadslid)


@pytest.mark.parametrize("bestuur_eerst", [True, False])
def test_a_draft_opgave_shows_only_to_the_regions_own_people(client, w, bestuur_eerst):
    _besloten_wereld(w)
    url = grip_url(w.leden[0], w.regio)
    volgorde = [w.voorzitter, w.raadslid] if bestuur_eerst else [w.raadslid, w.voorzitter]
    for user in volgorde:
        html = _html(client, user, url)
        assert ("Opgave B" in html) == (user == w.voorzitter)


@pytest.mark.parametrize("talen", [("nl", "en"), ("en", "nl")])
def test_the_languages_do_not_mix(client, w, talen):
    url = grip_url(w.leden[0], w.regio)
    koppen = {
        "nl": ["Deelnemers en stemverhouding", "Onze bijdrage per jaar", "Laatste stukken"],
        "en": ["Participants and distribution of votes", "Our contribution per year", "Latest items"],
    }
    for taal in talen:
        html = _html(client, w.raadslid, url, HTTP_ACCEPT_LANGUAGE=taal)
        andere = "en" if taal == "nl" else "nl"
        assert all(kop in html for kop in koppen[taal]), taal
        assert not any(kop in html for kop in koppen[andere]), taal
