"""A merger in a real browser: the government pages tell it, and the region's secretariat reviews the seats it left
(one moved to the successor). axe-core at 1280 and 390 px on every page."""

import datetime

from playwright.sync_api import expect

from besturen import fusies
from tests.browser.conftest import assert_no_axe_violations, login
from tests.factories import PASSWORD


def test_the_secretariat_reviews_the_seats_after_aalst_absorbs_lede(page, live_server, world):
    # Test data: Aalst absorbing Lede keeps Aalst's code, so no code is made up.
    fusie = fusies.record_fusie(
        datum=datetime.date(2025, 1, 1),
        voorgangers=[world.aalst, world.lede],
        opvolger=world.aalst,
        door=None,
    )
    page.goto(live_server.url + world.lede.get_absolute_url())
    expect(page.get_by_role("main")).to_contain_text("Sinds 1 januari 2025 deel van Aalst")
    assert_no_axe_violations(page, widths=(1280, 390))

    login(page, live_server, world.secretariaat.email, PASSWORD)
    page.goto(live_server.url + world.aalst.get_absolute_url())
    expect(page.get_by_role("main")).to_contain_text("Sinds 1 januari 2025 opgenomen")
    assert_no_axe_violations(page, widths=(1280, 390))
    page.get_by_role("link", name="Zetels na de fusie herzien in Denderregio").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Fusies in Denderregio")
    assert_no_axe_violations(page, widths=(1280, 390))

    page.goto(f"{live_server.url}/regio/{world.dender.slug}/fusies/{fusie.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zetels na de fusie tot Aalst")
    assert_no_axe_violations(page, widths=(1280, 390))
    keuzes = page.get_by_role("main").get_by_role("combobox")
    aantal = keuzes.count()
    assert aantal >= 1
    keuzes.first.select_option("verplaatsen")
    page.get_by_role("button", name="Keuzes vastleggen").click()
    expect(page.get_by_role("main")).to_contain_text("verplaatst naar Aalst")
    expect(page.get_by_role("main").get_by_role("combobox")).to_have_count(aantal - 1)
    assert_no_axe_violations(page, widths=(1280, 390))
