"""The privacy pages in a browser (issue 12): the statements, Mijn gegevens and the platform administrator's privacy
page, each clean under axe at 1280 px and 390 px and without sideways scrolling at 320 px."""

from playwright.sync_api import expect

from besturen.models import Stuk
from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_overflow, login
from tests.factories import PASSWORD


def _controleer(page):
    assert_no_axe_violations(page, widths=(1280, 390))
    assert_no_horizontal_overflow(page, 320)


def test_the_privacy_and_accessibility_statements_are_accessible_to_anyone(page, live_server):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Privacyverklaring").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacyverklaring")
    _controleer(page)
    page.get_by_role("link", name="Toegankelijkheidsverklaring").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Toegankelijkheidsverklaring")
    _controleer(page)


def test_my_data_is_accessible(page, live_server, world):
    login(page, live_server, world.lid.email, PASSWORD)
    page.get_by_role("link", name="Mijn gegevens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn gegevens")
    expect(page.get_by_role("button", name="Download als PDF (leesbaar)")).to_be_visible()
    _controleer(page)


def test_the_privacy_admin_page_with_a_person_found_is_accessible(page, live_server, world):
    Stuk.objects.create(
        orgaan=world.dbo, titel="Notitie met een heel lange titel zonder spaties", auteur=world.lid
    )
    login(page, live_server, world.platformbeheerder.email, PASSWORD)
    page.goto(live_server.url + "/beheer/privacy/")
    _controleer(page)
    page.get_by_label("E-mailadres").fill(world.lid.email)
    page.locator("#inhoud").get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("region", name="Wat het portaal over deze persoon bewaart")).to_be_visible()
    _controleer(page)
