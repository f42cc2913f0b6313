"""Notes in a real browser: a council member opens a meeting's document, writes a private note and a note shared
with their council through htmx, and finds both in their personal list; axe on the notes page."""

from playwright.sync_api import expect

from notities.models import Notitie
from tests.browser.conftest import assert_no_axe_violations, login
from tests.factories import PASSWORD
from tests.notities.conftest import agendadocument


def test_a_council_member_writes_a_private_and_a_shared_note_on_an_agenda_document(
    page, live_server, world, media
):
    doc = agendadocument(world.dbo)
    login(page, live_server, world.raadslid.email, PASSWORD)

    page.goto(f"{live_server.url}/vergadering/{doc.agendapunt.vergadering_id}/")
    page.get_by_role("link", name=f"Notities ({doc.naam})").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Notities bij {doc.naam}")
    assert_no_axe_violations(page)

    page.locator("#id_tekst").fill("Navragen: wat kost dit Aalst?")
    page.locator("#id_pagina").fill("2")
    page.get_by_role("button", name="Notitie opslaan").click()
    expect(page.locator("#notities")).to_contain_text("Uw notitie is opgeslagen.")
    expect(page.locator("article.notitie")).to_have_count(1)

    page.locator("#id_tekst").fill("Voor de raad: agenderen in de commissie.")
    page.locator("#id_gedeeld_met").select_option(label="Gemeenteraad Aalst")
    page.get_by_role("button", name="Notitie opslaan").click()
    expect(page.locator("article.notitie")).to_have_count(2)
    expect(page.locator("article.notitie").nth(1)).to_contain_text("gedeeld met Gemeenteraad Aalst")
    assert_no_axe_violations(page)

    assert list(Notitie.objects.order_by("pk").values_list("pagina", "gedeeld_met")) == [
        (2, None),
        (None, world.raad_aalst.pk),
    ]
    page.get_by_role("link", name="Mijn notities").first.click()
    expect(page.locator("article.notitie")).to_have_count(2)
