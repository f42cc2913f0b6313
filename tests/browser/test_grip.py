"""Nijmegen's council member opens Nijmegen's grip page for the Groene Metropoolregio, built from the demo (only that
region: its municipalities, bodies, logins, opgaven and programmes), and finds the contribution over the years, the
voting power and the opgaven with their progress; axe-core checks the page (WCAG 2.1 AA) at the default widths."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from besturen import demo as besturen_demo
from besturen.demo_teksten import PLANS
from besturen.models import Regio
from opgaven import demo as opgaven_demo
from programmas import demo as programmas_demo
from programmas.demo import demo_jaar
from tests.browser.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.browser

GMR = "groene-metropoolregio"


@pytest.fixture
def gmr(media):
    """The demo's Groene Metropoolregio, and nothing else of the demo."""
    besturen_demo.import_gemeenten()
    besturen_demo.build_regio(next(plan for plan in PLANS if plan.slug == GMR), besturen_demo.Namen())
    opgaven_demo.build_gmr()
    regio = Regio.objects.get(slug=GMR)
    programmas_demo.build_gmr(regio)
    return regio


def test_a_council_member_sees_money_votes_and_opgaven_on_the_grip_page(page, live_server, gmr):
    login(page, live_server, f"raadslid.nijmegen@{besturen_demo.DEMO_DOMAIN}", besturen_demo.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/raad/GM0268/")
    page.get_by_role("link", name=gmr.naam).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Nijmegen in {gmr.naam}")

    jaar = demo_jaar(timezone.localdate())
    bijdrage = page.get_by_role("table", name=re.compile("Bijdrage van Nijmegen per jaar en programma"))
    expect(bijdrage.get_by_role("rowheader", name=str(jaar - 1))).to_be_visible()
    expect(bijdrage.get_by_role("rowheader", name=str(jaar))).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Bijdrage van Nijmegen per jaar"))).to_be_visible()

    stemmen = page.get_by_role("table", name=re.compile("bevolking en stemmen per orgaan"))
    expect(stemmen.get_by_role("row", name=re.compile("Nijmegen"))).to_contain_text("1 / 5")

    opgaven = page.get_by_role("table", name=re.compile("laatste voortgang"))
    expect(opgaven.get_by_role("row", name=re.compile("Circulaire regio"))).to_contain_text("op koers")
    assert_no_axe_violations(page)
