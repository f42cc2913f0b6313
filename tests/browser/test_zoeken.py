"""Search in a real browser: a visitor types "Drechtraad 2013" in the header's search box and finds the Drechtraad's
decisions of 5 March 2013; axe-core checks the results page (WCAG 2.1 AA) at 1280 and 390 px, and the header with
its search box does not scroll sideways at 320 px."""

import pytest
from playwright.sync_api import expect

from besturen import services as besturen_services
from besturen.models import OrgaanSoort
from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_overflow
from vergaderingen.demo import build_drechtraad

pytestmark = pytest.mark.browser


def test_a_visitor_finds_the_drechtraad_decisions_of_2013_from_the_header(page, live_server, world):
    besturen_services.create_orgaan(
        door=None, soort=OrgaanSoort.REGIORAAD, naam="Drechtraad", regio=world.drecht
    )
    build_drechtraad()  # committed: the search table follows through the signals, after commit

    page.goto(live_server.url + "/")
    zoeken = page.get_by_role("search", name="Zoeken in het portaal")
    zoeken.get_by_label("Zoekwoorden").fill("Drechtraad 2013")
    zoeken.get_by_role("button", name="Zoeken").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Zoeken")
    resultaten = page.locator("main")
    expect(resultaten).to_contain_text("Drechtraad")
    expect(resultaten).to_contain_text("5 maart 2013")
    assert_no_axe_violations(page)
    assert_no_horizontal_overflow(page)
