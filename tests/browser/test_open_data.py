"""Open data in a real browser: a visitor opens the site-wide and the region's catalogue, axe-core finds nothing, and
the CSV link gives a file that parses."""

import csv
import io

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations

pytestmark = [
    pytest.mark.browser,
    # As tests/browser/conftest.py's pytest_configure: pytest-playwright's own base_url, nothing of ours.
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]


def test_a_visitor_reads_the_catalogue_and_downloads_a_list(page, live_server, world):
    for path in ("/open-data/", "/regio/denderregio/open-data/"):
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_no_axe_violations(page)
    link = page.get_by_role("link", name="CSV — Leden en inwoners")
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.ok
    rijen = list(csv.DictReader(io.StringIO(response.text().removeprefix("\ufeff"))))
    assert {rij["naam"] for rij in rijen} == {"Aalst", "Lede"}
