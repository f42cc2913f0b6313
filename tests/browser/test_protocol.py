"""The information protocol in Chromium: the secretariat sees missing progress and adds an agreement; a council
member reads what the council received. axe-core checks each page for WCAG 2.1 AA."""

import datetime

import pytest
from playwright.sync_api import expect

from raad.models import Frequentie
from raad.protocol import kalender, services
from tests.browser.conftest import assert_no_axe_violations, login
from tests.factories import PASSWORD, VoortgangFactory
from tests.raad.protocol_bouw import bouw_protocol

pytestmark = pytest.mark.browser


def test_secretariat_keeps_the_protocol_and_a_council_member_reads_what_arrived(
    page, live_server, transactional_db, world
):
    p = bouw_protocol(world)
    services.update_afspraak(p.afspraak, door=None, begindatum=datetime.date(2020, 1, 1))
    te_versturen, _ = kalender.laatste_en_volgende(
        Frequentie.KWARTAAL, p.afspraak.dag, None, datetime.date.today(), datetime.date.min
    )
    if not p.fietsnetwerk.voortgang.filter(periode_eind=te_versturen.eind).exists():
        VoortgangFactory(opgave=p.fietsnetwerk, periode_eind=te_versturen.eind, toelichting="Tracé gekozen.")
    base = live_server.url

    login(page, live_server, world.secretariaat.email, PASSWORD)
    page.goto(base + "/regio/denderregio/informatieprotocol/")
    expect(page.get_by_role("heading", name="Ontbrekende voortgang")).to_be_visible()
    expect(page.get_by_text("Regionaal zwembad")).to_be_visible()
    assert_no_axe_violations(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Nieuwe informatieafspraak").click()
    assert_no_axe_violations(page)
    page.get_by_label("Wat ontvangen de raden?").select_option(label="stand van de jaarprogramma's")
    page.get_by_label("Wanneer?").select_option(label="elk jaar, op een vaste datum")
    page.get_by_label("Dag:").fill("1")
    page.get_by_label("Maand (elk jaar):").select_option(label="maart")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De informatieafspraak is toegevoegd.")).to_be_visible()
    expect(page.get_by_role("cell", name="elk jaar op 1 maart")).to_be_visible()

    services.send_due()
    page.context.clear_cookies()
    login(page, live_server, world.raadslid.email, PASSWORD)
    page.goto(base + "/raad/41002/denderregio/informatie/")
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Voortgang per opgave").first.click()
    expect(page.get_by_text("Tracé gekozen.", exact=False)).to_be_visible()
    assert_no_axe_violations(page)
