"""Issue 14's journey in a real browser, on the demo's Groene Metropoolregio and Denderregio (their municipalities,
bodies, logins, and the GMR's opgaven and programmes; nothing else of the demo):

Nijmegen's council member opens the start page and finds the programme before their council, with its deadline, in
their work list; opens Nijmegen's grip page for the GMR (contribution over the years, voting power, opgaven with
progress); has the review packet made, annotates it privately and shares a second note with Nijmegen's council.
Aalst's council member reads neither note. axe-core checks every page on the way (WCAG 2.1 AA)."""

import re

import pytest
from django.utils import formats, timezone, translation
from playwright.sync_api import expect

from besturen import demo as besturen_demo
from besturen.demo_teksten import PLANS
from besturen.models import Bestuur, Regio
from notities.models import Notitie
from opgaven import demo as opgaven_demo
from programmas import demo as programmas_demo
from programmas.demo import demo_jaar
from programmas.models import Versie, VersieStatus
from tests.browser.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.browser

GMR = "groene-metropoolregio"
DENDER = "denderregio"
PRIVE = "Navragen bij de griffie: waarom stijgt de bijdrage?"
GEDEELD = "Voor de fractievoorzitters: de Economic Board apart bespreken."


@pytest.fixture
def gmr(media):
    """The demo's Groene Metropoolregio with its programmes, and the Denderregio's members and logins."""
    besturen_demo.import_gemeenten()
    namen = besturen_demo.Namen()
    for slug in (GMR, DENDER):
        besturen_demo.build_regio(next(plan for plan in PLANS if plan.slug == slug), namen)
    opgaven_demo.build_gmr()
    regio = Regio.objects.get(slug=GMR)
    programmas_demo.build_gmr(regio)
    return regio


def _login(page, live_server, stad):
    page.context.clear_cookies()
    login(page, live_server, f"raadslid.{stad}@{besturen_demo.DEMO_DOMAIN}", besturen_demo.DEMO_PASSWORD)


def test_a_council_member_follows_their_work_to_the_grip_page_and_annotates_the_review_packet(
    page, live_server, gmr
):
    jaar = demo_jaar(timezone.localdate())
    voorgelegd = Versie.objects.get(
        jaarprogramma__regio=gmr,
        jaarprogramma__jaar=jaar,
        status=VersieStatus.VOORGELEGD,
        jaarprogramma__titel__startswith="Regio",
    )
    _login(page, live_server, "nijmegen")

    # The start page: the programme before Nijmegen's council, with the council's deadline.
    page.goto(live_server.url + "/")
    werk = page.get_by_role("region", name="Mijn werk")
    with translation.override("nl"):
        deadline = formats.date_format(voorgelegd.deadline, "j F Y")
    expect(werk.get_by_role("row", name=re.compile(f"Regionaal programma {jaar}"))).to_contain_text(deadline)
    assert_no_axe_violations(page)

    # The grip page: money over the years, votes, opgaven with their progress.
    page.goto(f"{live_server.url}/raad/GM0268/")
    page.get_by_role("link", name=gmr.naam).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Nijmegen in {gmr.naam}")
    bijdrage = page.get_by_role("table", name=re.compile("Bijdrage van Nijmegen per jaar en programma"))
    expect(bijdrage.get_by_role("rowheader", name=str(jaar - 1))).to_be_visible()
    expect(bijdrage.get_by_role("rowheader", name=str(jaar))).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Bijdrage van Nijmegen per jaar"))).to_be_visible()
    stemmen = page.get_by_role("table", name=re.compile("bevolking en stemmen per orgaan"))
    expect(stemmen.get_by_role("row", name=re.compile("Nijmegen"))).to_contain_text("1 / 5")
    opgaven = page.get_by_role("table", name=re.compile("laatste voortgang"))
    expect(opgaven.get_by_role("row", name=re.compile("Circulaire regio"))).to_contain_text("op koers")
    assert_no_axe_violations(page)

    # The review packet: made on request, then two notes on it, one private and one for the council.
    nijmegen = Bestuur.objects.get(code="GM0268")
    page.goto(f"{live_server.url}/versie/{voorgelegd.pk}/reviewpakket/{nijmegen.pk}/")
    page.get_by_role("button", name="Maak het reviewpakket").click()
    expect(page.get_by_role("link", name="Download het reviewpakket (PDF)")).to_be_visible()
    page.reload()
    page.get_by_role("link", name=re.compile("^Notities")).first.click()
    page.locator("#id_tekst").fill(PRIVE)
    page.locator("#id_pagina").fill("2")
    page.get_by_role("button", name="Notitie opslaan").click()
    expect(page.locator("article.notitie")).to_have_count(1)
    page.locator("#id_tekst").fill(GEDEELD)
    page.locator("#id_gedeeld_met").select_option(label="Gemeenteraad Nijmegen")
    page.get_by_role("button", name="Notitie opslaan").click()
    expect(page.locator("article.notitie")).to_have_count(2)
    expect(page.locator("article.notitie").nth(1)).to_contain_text("gedeeld met Gemeenteraad Nijmegen")
    assert_no_axe_violations(page)
    notities_url = page.url
    assert Notitie.objects.filter(gedeeld_met=None, pagina=2).count() == 1

    # Aalst's council member reads neither note: not on the packet's notes page, not in their own list.
    _login(page, live_server, "aalst")
    page.goto(notities_url)
    expect(page.locator("body")).not_to_contain_text(PRIVE)
    expect(page.locator("body")).not_to_contain_text(GEDEELD)
    page.goto(f"{live_server.url}/notities/")
    expect(page.locator("article.notitie")).to_have_count(0)
