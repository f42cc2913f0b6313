"""A steering group in a real browser: the Denderregio's secretariat registers the province as an external party,
gives it a seat of its own and a person a seat on its behalf, sees an invalid party next to its field, and the
body page shows both. axe-core at 1280 and 390 pixels on every page."""

import re

from playwright.sync_api import expect

from besturen import services
from besturen.models import OrgaanSoort
from tests.browser.conftest import assert_no_axe_violations, login
from tests.factories import PASSWORD

BREEDTES = (1280, 390)


def _axe_op_elke_breedte(page):
    for breedte in BREEDTES:
        page.set_viewport_size({"width": breedte, "height": 900})
        assert_no_axe_violations(page)
    page.set_viewport_size({"width": BREEDTES[0], "height": 900})


def test_the_secretariat_seats_the_province_in_a_steering_group_and_the_body_page_shows_it(
    page, live_server, world
):
    stuurgroep = services.create_orgaan(
        door=None, soort=OrgaanSoort.STUURGROEP, naam="Stuurgroep Mobiliteit Denderregio", regio=world.dender
    )
    login(page, live_server, world.secretariaat.email, PASSWORD)
    page.goto(f"{live_server.url}/orgaan/{stuurgroep.pk}/leden/")
    _axe_op_elke_breedte(page)

    # An invalid party: the error stands next to its field, nothing is saved.
    page.get_by_label("Soort partij").select_option("provincie")
    page.get_by_role("button", name="Partij registreren").click()
    veld = page.locator(".field.field-error:has(#id_partij-naam) .errorlist")
    expect(veld).to_contain_text("Dit veld is verplicht.")
    _axe_op_elke_breedte(page)

    page.get_by_label("Naam van de partij").fill("Provincie Oost-Vlaanderen")
    page.get_by_label("Soort partij").select_option("provincie")
    page.get_by_label("Website van de partij").fill("https://oost-vlaanderen.be")
    page.get_by_role("button", name="Partij registreren").click()
    expect(page.get_by_role("status").first).to_contain_text("Provincie Oost-Vlaanderen is toegevoegd")

    # The party's own seat, as an observer: no name, no address.
    page.locator("#id_externe_partij").select_option(label="Provincie Oost-Vlaanderen")
    page.locator("#id_rol").select_option("waarnemer")
    page.get_by_role("button", name="Lid toevoegen", exact=True).click()
    rij = page.locator("#leden tbody tr", has_text="geen account (externe partij)")
    expect(rij).to_contain_text("Provincie Oost-Vlaanderen")
    expect(rij.locator("select[name=rol]")).to_have_value("waarnemer")

    # A person on the province's behalf.
    page.get_by_label("Voornaam").fill("Greet")
    page.get_by_label("Achternaam").fill("Gedeputeerde")
    page.get_by_label("E-mailadres").fill("greet.gedeputeerde@example.org")
    page.locator("#id_externe_partij").select_option(label="Provincie Oost-Vlaanderen")
    page.get_by_role("button", name="Lid toevoegen", exact=True).click()
    rij = page.locator("#leden tbody tr", has_text="Greet Gedeputeerde")
    expect(rij).to_contain_text("Provincie Oost-Vlaanderen")
    expect(rij.get_by_role("button", name=re.compile("Uitnodigen"))).to_be_visible()
    _axe_op_elke_breedte(page)

    page.goto(live_server.url + stuurgroep.get_absolute_url())
    samenstelling = page.locator("#samenstelling")
    expect(samenstelling).to_contain_text("Greet Gedeputeerde")
    expect(samenstelling).to_contain_text("Provincie Oost-Vlaanderen (externe partij: provincie)")
    expect(samenstelling.get_by_role("link", name="Provincie Oost-Vlaanderen").first).to_have_attribute(
        "href", "https://oost-vlaanderen.be"
    )
    _axe_op_elke_breedte(page)
