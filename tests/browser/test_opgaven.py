"""An opgave from idea to commitments, in Chromium: the secretariat formulates it, the opdrachtgever acts on it.

axe-core checks every page on the way (strategy, list, opgave, synergy graph and each form) for WCAG 2.1 AA.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from besturen import services as besturen_services
from besturen.models import Land, OrgaanSoort, Rechtsvorm, Rol
from opgaven import services
from tests.browser.conftest import assert_no_axe_violations, login
from tests.factories import PASSWORD, gemeente, maak_gebruiker

pytestmark = pytest.mark.browser


def _gebruiker(orgaan, rol, voornaam, achternaam, namens=None):
    """`maak_gebruiker`, for its e-mail address (the login)."""
    return maak_gebruiker(orgaan, rol, voornaam, achternaam, namens=namens).email


@pytest.fixture
def proefregio(snelle_wachtwoorden):
    """A region with a board (chair and secretary with logins), a steering group, goals, themes and one opgave."""
    regio = besturen_services.create_regio(
        door=None,
        naam="Proefregio",
        slug="proefregio",
        land=Land.NEDERLAND,
        rechtsvorm=Rechtsvorm.GEMEENSCHAPPELIJKE_REGELING,
    )
    arnhem = gemeente("Arnhem", "GM0202", land=Land.NEDERLAND, inwoners=165000)
    besturen_services.add_deelname(regio, arnhem, begindatum=datetime.date(2019, 1, 1), door=None)
    regiobestuur = besturen_services.create_orgaan(
        door=None, soort=OrgaanSoort.REGIOBESTUUR, naam="Regiobestuur Proefregio", regio=regio
    )
    besturen_services.create_orgaan(
        door=None, soort=OrgaanSoort.STUURGROEP, naam="Stuurgroep Energie", regio=regio
    )
    secretariaat = _gebruiker(regiobestuur, Rol.SECRETARIS, "Sanne", "Secretariaat")
    voorzitter = _gebruiker(regiobestuur, Rol.VOORZITTER, "Vera", "Voorzitter", namens=arnhem)
    services.save_strategie(
        regio, missie="Samen werken aan een groene regio.", visie="Opgavegericht samenwerken.", door=None
    )
    services.add_waarde(regio, naam="Transparantie", tekst="Open naar iedereen.", door=None)
    services.add_doelstelling(regio, nummer=1, titel="Energie-neutraal in 2050", door=None)
    services.add_doelstelling(regio, nummer=2, titel="Scherpere profilering", door=None)
    services.add_thema(regio, naam="Energie", door=None)
    services.add_thema(regio, naam="Wonen", door=None)
    services.add_thema(regio, naam="Inclusief denken", transversaal=True, door=None)
    services.create_opgave(
        regio, titel="Circulaire regio", doel="Minder restafval.", gepubliceerd=True, door=None
    )
    return {"regio": regio, "secretariaat": secretariaat, "voorzitter": voorzitter}


def _submit(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def _open(page, link):
    with page.expect_navigation():
        page.get_by_role("link", name=link, exact=True).click()
    assert_no_axe_violations(page)


def test_secretariat_formulates_an_opgave_and_the_opdrachtgever_commits_within_its_mandate(
    page, live_server, proefregio
):
    vandaag = datetime.date.today()
    base = live_server.url

    # The public pages.
    page.goto(base + "/regio/proefregio/strategie/")
    expect(page.get_by_role("heading", name="Strategie van Proefregio")).to_be_visible()
    assert_no_axe_violations(page)

    # The secretariat formulates a new opgave.
    login(page, live_server, proefregio["secretariaat"], PASSWORD)
    page.goto(base + "/regio/proefregio/opgaven/")
    assert_no_axe_violations(page)
    _open(page, "Nieuwe opgave")
    page.get_by_label("Titel:", exact=True).fill("Warmtenet Proefregio")
    page.get_by_label("Samenvatting:", exact=True).fill("Restwarmte voor tienduizend woningen.")
    page.get_by_label("Doel:", exact=True).fill("Woningen van het gas af met restwarmte uit de regio.")
    page.get_by_label("Resultaat:", exact=True).fill("Een regionaal warmtenet.")
    page.get_by_role("checkbox", name="1. Energie-neutraal in 2050").check()
    page.get_by_role("checkbox", name="2. Scherpere profilering").check()
    page.get_by_role("checkbox", name="Energie", exact=True).check()
    page.get_by_role("checkbox", name="Wonen", exact=True).check()
    page.get_by_label("Bestuurlijk opdrachtgever:").select_option(
        label="Vera Voorzitter (voorzitter, Regiobestuur Proefregio)"
    )
    page.get_by_label("Stuurgroep:").select_option(label="Stuurgroep Energie")
    page.get_by_label("Partnerorganisaties:").fill("Provincie, netbeheerder")
    page.get_by_label("Ambtelijk opdrachtnemer:").fill("Programmamanager energie")
    page.get_by_label("Van (jaar):").fill(str(vandaag.year))
    page.get_by_label("Tot en met (jaar):").fill(str(vandaag.year + 2))
    page.get_by_label("Gepubliceerd:").check()
    _submit(page, "Opgave aanmaken")
    expect(page.get_by_role("heading", level=1)).to_have_text("Warmtenet Proefregio")
    expect(page.get_by_text("De opgave is aangemaakt.")).to_be_visible()
    assert_no_axe_violations(page)

    _open(page, "Indicator toevoegen")
    page.get_by_label("Naam:").fill("Aangesloten woningen")
    page.get_by_label("Eenheid:").fill("woningen")
    page.get_by_label("Nulwaarde:").fill("0")
    page.get_by_label("Streefwaarde:").fill("10000")
    page.get_by_label("Streefdatum:").fill("2030-12-31")
    _submit(page, "Indicator toevoegen")
    expect(page.get_by_role("rowheader", name="Aangesloten woningen")).to_be_visible()

    _open(page, "Budget toevoegen")
    page.get_by_label("Jaar:").fill(str(vandaag.year))
    page.get_by_label("Bedrag (euro):").fill("250000")
    page.get_by_label("Bron:").select_option(label="bijdragen van de leden")
    _submit(page, "Budgetregel toevoegen")
    expect(page.get_by_role("cell", name="€\xa0250.000,00").first).to_be_visible()

    _open(page, "Capaciteit toevoegen")
    page.get_by_label("Jaar:").fill(str(vandaag.year))
    page.get_by_label("Hoeveelheid:").fill("0.5")
    page.get_by_label("Eenheid:").select_option(label="fte")
    page.get_by_label("Bijgedragen door (lid):").select_option(label="Arnhem")
    _submit(page, "Capaciteit toevoegen")
    expect(page.get_by_role("cell", name="0,50 fte")).to_be_visible()

    _open(page, "Synergie leggen")
    page.get_by_label("Versterkt de opgave:").select_option(label="Circulaire regio")
    page.get_by_label("Waarom versterken ze elkaar?").fill("Integrale ipv verkokerde benadering.")
    _submit(page, "Synergie leggen")
    expect(
        page.get_by_text(
            "Prioriteit 6: versterkt Circulaire regio, dient doelstellingen 1 en 2, raakt 2 thema's."
        )
    ).to_be_visible()

    _open(page, "Status wijzigen")
    page.get_by_label("Nieuwe status:").select_option(label="in voorbereiding")
    _submit(page, "Status wijzigen")
    _open(page, "Status wijzigen")
    page.get_by_label("Nieuwe status:").select_option(label="lopend")
    _submit(page, "Status wijzigen")
    expect(page.get_by_text("lopend", exact=True)).to_be_visible()

    _open(page, "Mandaat verlenen")
    page.get_by_label("Verleend door:").select_option(label="Regiobestuur Proefregio")
    page.get_by_label("Datum van het besluit:").fill(f"{vandaag.year}-01-15")
    page.get_by_label("Referentie van het besluit:").fill("RB-7")
    page.get_by_label("Reikwijdte:").fill("Opdrachten gunnen voor het warmtenet.")
    page.get_by_label("Budgetplafond (euro):").fill("10000")
    page.get_by_label("Geldig van:").fill(f"{vandaag.year}-01-01")
    page.get_by_label("Geldig tot en met:").fill(f"{vandaag.year + 1}-12-31")
    _submit(page, "Mandaat vastleggen")
    expect(page.get_by_text("Het mandaat is vastgelegd.")).to_be_visible()
    opgave_url = page.url.split("#")[0]
    with page.expect_navigation():
        page.get_by_role("button", name="Uitloggen").click()

    # The opdrachtgever commits money within the mandate, and is refused beyond it.
    login(page, live_server, proefregio["voorzitter"], PASSWORD)
    page.goto(opgave_url)
    _open(page, "Verplichting vastleggen")
    page.get_by_label("Bedrag (euro):").fill("4000")
    page.get_by_label("Omschrijving:").fill("Haalbaarheidsstudie")
    _submit(page, "Verplichting vastleggen")
    expect(page.get_by_text("De verplichting is vastgelegd.")).to_be_visible()
    expect(page.get_by_role("cell", name="Haalbaarheidsstudie")).to_be_visible()

    _open(page, "Verplichting vastleggen")
    page.get_by_label("Bedrag (euro):").fill("7000")
    page.get_by_label("Omschrijving:").fill("Ontwerp van het tracé")
    _submit(page, "Verplichting vastleggen")
    fout = page.locator("#id_bedrag_error")
    expect(fout).to_have_text("Dit gaat boven het mandaat: er rest nog €\xa06.000,00 van het plafond.")
    expect(page.get_by_label("Bedrag (euro):")).to_have_attribute("aria-describedby", "id_bedrag_error")
    assert_no_axe_violations(page)

    # ... and reports progress with an indicator value.
    page.goto(opgave_url)
    _open(page, "Voortgang rapporteren")
    page.get_by_label("Periode tot en met:").fill(vandaag.isoformat())
    page.get_by_label("Status:").select_option(label="op koers")
    page.get_by_label("Besteed (euro):").fill("3500")
    page.get_by_label("Toelichting:").fill("De haalbaarheidsstudie is gegund.")
    page.get_by_label("Aangesloten woningen (woningen):").fill("120")
    _submit(page, "Rapportage indienen")
    expect(page.get_by_text("De voortgangsrapportage is ingediend.")).to_be_visible()
    expect(page.get_by_role("img", name="Besteed per periode")).to_be_visible()
    expect(page.get_by_role("cell", name="€\xa03.500,00")).to_be_visible()
    assert_no_axe_violations(page)

    # The region's pages show the new opgave: strategy roll-up, filtered list (htmx), synergy graph.
    page.goto(base + "/regio/proefregio/strategie/")
    expect(page.get_by_text("100\xa0% van het budget op koers")).to_have_count(2)
    assert_no_axe_violations(page)

    page.goto(base + "/regio/proefregio/opgaven/")
    page.get_by_label("Thema:").select_option(label="Wonen")
    expect(page).to_have_url(re.compile(r"thema=\d+"))
    expect(page.locator("#resultaten tbody tr")).to_have_count(1)
    expect(page.locator("#aantal")).to_have_text("1 opgave gevonden")
    page.get_by_label("Volgorde:").select_option(label="op prioriteit (hoogste eerst)")
    expect(page).to_have_url(re.compile(r"volgorde=prioriteit"))
    assert_no_axe_violations(page)
    page.reload()
    expect(page.locator("#resultaten tbody tr")).to_have_count(1)

    page.goto(base + "/regio/proefregio/opgaven/synergie/")
    expect(page.get_by_role("img", name="Synergiegraaf van Proefregio")).to_be_visible()
    assert_no_axe_violations(page)
