"""A meeting that changes, in a real browser: the DBO secretariat moves a published meeting (the members get a
notice, the feed a new SEQUENCE) and withdraws a published item with a reason (it keeps its number). axe at 1280 and
390 px on every page."""

import datetime

import vobject
from playwright.sync_api import expect

from regioportaal.models import Melding
from tests.browser.conftest import assert_no_axe_violations, login
from tests.factories import PASSWORD
from tests.vergaderingen.conftest import PDF_BYTES, plan, upload
from vergaderingen import services
from vergaderingen.models import AgendapuntStatus


def test_secretariat_moves_a_meeting_and_withdraws_a_published_item(page, live_server, world):
    dbo, secretariaat = world.dbo, world.secretariaat
    vergadering = plan(dbo, days=14)
    for titel in ("Opening en mededelingen", "Regionale mobiliteit", "Woonbeleid"):
        punt = services.add_agendapunt(vergadering, titel=titel, door=None)
    nota = services.add_document(punt, upload("woonnota.pdf", PDF_BYTES), door=None)
    services.publish_agenda(vergadering, door=None)
    login(page, live_server, secretariaat.email, PASSWORD)

    # Move the meeting: a day later, another place.
    page.goto(f"{live_server.url}{vergadering.get_absolute_url()}")
    page.get_by_role("link", name="Verplaatsen of annuleren").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("verplaatsen of annuleren")
    assert_no_axe_violations(page)
    dag = (vergadering.begin + datetime.timedelta(days=1)).date().isoformat()
    page.get_by_label("Begin").fill(f"{dag}T14:00")
    page.get_by_label("Einde").fill(f"{dag}T13:00")
    page.get_by_role("button", name="Wijziging opslaan").click()
    expect(page.locator("#id_einde_error")).to_contain_text("Het einde ligt niet na het begin")
    assert_no_axe_violations(page)
    page.get_by_label("Einde").fill(f"{dag}T16:00")
    page.get_by_label("Locatie").fill("Stadhuis Lede, Markt 1")
    page.get_by_role("button", name="Wijziging opslaan").click()
    expect(page.locator(".messages[role='status']")).to_contain_text("De vergadering is gewijzigd")
    expect(page.locator("dl.facts")).to_contain_text("Stadhuis Lede, Markt 1")
    assert_no_axe_violations(page)
    ontvangers = {
        m.user.email if m.user_id else m.email
        for m in Melding.objects.filter(sleutel__startswith=f"vergaderingen:gewijzigd:{vergadering.pk}:")
    }
    assert {world.voorzitter.email, world.lid.email} <= ontvangers
    feed = page.request.get(f"{live_server.url}/orgaan/{dbo.pk}/vergaderingen.ics")
    event = vobject.readOne(feed.text(), validate=True).vevent
    assert event.location.value == "Stadhuis Lede, Markt 1" and int(event.sequence.value) >= 2

    # Withdraw a published item: a reason is required, the item keeps its number and shows why.
    page.get_by_role("link", name="Agenda beheren").click()
    page.get_by_role("link", name="Bewerken Regionale mobiliteit").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Punt intrekken").click()
    expect(page.locator("#id_intrekken-reden_error")).to_contain_text("Geef een reden")
    assert_no_axe_violations(page)
    page.locator("#id_intrekken-reden").fill("Het advies van de werkgroep is er nog niet.")
    page.get_by_role("button", name="Punt intrekken").click()
    expect(page.locator(".messages[role='status']")).to_contain_text("Punt 2 is ingetrokken")
    expect(page.locator("#agenda tbody tr").nth(1)).to_contain_text("ingetrokken")
    assert_no_axe_violations(page)
    assert vergadering.agendapunten.get(titel="Regionale mobiliteit").status == AgendapuntStatus.INGETROKKEN

    # A published document is withdrawn too, and stays listed with its reason.
    page.get_by_role("link", name="Bewerken Woonbeleid").click()
    page.locator(f"#id_document-{nota.pk}-reden").fill("Vervangen door de nota van maart.")
    page.get_by_role("button", name="Stuk intrekken woonnota.pdf").click()
    expect(page.locator(".messages[role='status']")).to_contain_text("woonnota.pdf is ingetrokken")
    assert_no_axe_violations(page)

    # The meeting page shows it to everyone, with the number kept.
    page.goto(f"{live_server.url}{vergadering.get_absolute_url()}")
    punt = page.locator("article.agendapunt").nth(1)
    expect(punt.get_by_role("heading")).to_have_text("2. Regionale mobiliteit")
    expect(punt).to_contain_text("Het advies van de werkgroep is er nog niet.")
    expect(page.locator("article.agendapunt").nth(2)).to_contain_text("Vervangen door de nota van maart.")
    assert_no_axe_violations(page)
