"""The strategy editor in Chromium: the Denderregio's secretariat edits a goal and links an opgave to it, and the
goal's roll-up shows that opgave; invalid input shows its error in place (htmx, 422). axe-core checks every page on
the way at 1280 px and 390 px.
"""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from opgaven import services
from opgaven.models import Bron, VoortgangStatus
from tests.browser.conftest import assert_no_axe_violations, login
from tests.factories import PASSWORD, VoortgangFactory
from tests.wereld import build_world

pytestmark = pytest.mark.browser
OP_KOERS = re.compile(r"100\s%\svan het budget op koers")


@pytest.fixture
def dender(snelle_wachtwoorden):
    """The shared world's Denderregio with two goals, a theme and one opgave that reported 'op koers'."""
    w = build_world()
    services.save_strategie(
        w.dender, missie="Regionale samenwerking als motor voor vooruitgang.", visie="", door=None
    )
    services.add_doelstelling(w.dender, titel="De krachten zijn gebundeld", door=None)
    w.doel = services.add_doelstelling(w.dender, titel="Er is een sterk regiogevoel", door=None)
    services.add_thema(w.dender, naam="Mobiliteit", door=None)
    w.opgave = services.create_opgave(w.dender, titel="Regiogevoel en imago", gepubliceerd=True, door=None)
    services.add_budgetregel(w.opgave, jaar=2026, bedrag=Decimal("90000"), bron=Bron.VLAANDEREN, door=None)
    VoortgangFactory(opgave=w.opgave, status=VoortgangStatus.OP_KOERS)
    return w


def test_the_secretariat_edits_a_goal_and_links_an_opgave_and_the_rollup_shows_it(page, live_server, dender):
    login(page, live_server, dender.secretariaat.email, PASSWORD)
    page.goto(live_server.url + "/regio/denderregio/strategie/")
    expect(page.get_by_text("nog geen opgaven")).to_have_count(2)
    assert_no_axe_violations(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Strategie beheren").click()
    expect(page.get_by_role("heading", name="Strategie van Denderregio beheren")).to_be_visible()
    assert_no_axe_violations(page)

    # A goal without a title is refused in place; then one is added, and moved up with the keyboard.
    nieuw = page.get_by_role("form", name="Doelstelling toevoegen")
    nieuw.get_by_role("button", name="Doelstelling toevoegen").click()
    expect(page.locator("#id_doelstelling-titel_error")).to_have_text("Dit veld is verplicht.")
    page.get_by_label("Titel").fill("Het regionaal ecosysteem is actief betrokken")
    page.get_by_role("form", name="Doelstelling toevoegen").get_by_role("button").click()
    expect(
        page.get_by_text("Doelstelling 3. Het regionaal ecosysteem is actief betrokken is toegevoegd.")
    ).to_be_visible()
    page.get_by_role("button", name="Omhoog 3. Het regionaal ecosysteem is actief betrokken").press("Enter")
    expect(page.get_by_role("link", name="2. Het regionaal ecosysteem is actief betrokken")).to_be_visible()
    expect(
        page.get_by_role("button", name="Omhoog 2. Het regionaal ecosysteem is actief betrokken")
    ).to_be_focused()
    assert_no_axe_violations(page)

    # The goal's page: edit it (an empty title is refused in place), then link the opgave.
    with page.expect_navigation():
        page.get_by_role("link", name="3. Er is een sterk regiogevoel").click()
    assert_no_axe_violations(page)
    bewerken = page.get_by_role("form", name="Bewerken")
    bewerken.get_by_label("Titel").fill("")
    bewerken.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#id_titel_error")).to_have_text("Dit veld is verplicht.")
    page.get_by_role("form", name="Bewerken").get_by_label("Titel").fill(
        "Er is een sterk regiogevoel met positief imago"
    )
    page.get_by_role("form", name="Bewerken").get_by_role("button", name="Opslaan").click()
    expect(
        page.get_by_role("heading", name="Doelstelling 3: Er is een sterk regiogevoel met positief imago")
    ).to_be_visible()

    koppelen = page.get_by_role("form", name="Opgaven koppelen")
    koppelen.get_by_label("Regiogevoel en imago").check()
    koppelen.get_by_role("button", name="Koppelingen opslaan").click()
    expect(page.get_by_text("De opgaven zijn gekoppeld.")).to_be_visible()
    expect(page.get_by_text(OP_KOERS)).to_be_visible()
    expect(page.get_by_role("link", name="Regiogevoel en imago")).to_be_visible()
    assert_no_axe_violations(page)

    page.goto(live_server.url + "/regio/denderregio/strategie/")
    doel = page.locator(
        "li", has=page.get_by_role("heading", name="Er is een sterk regiogevoel met positief imago")
    )
    expect(doel.get_by_text(OP_KOERS)).to_be_visible()
    expect(doel.get_by_role("link", name="Regiogevoel en imago")).to_be_visible()
    assert_no_axe_violations(page)
