"""The annual cycle in Chromium: drafted, submitted, adopted, routed, decided by each council, reviewed by a council
member with a question and a review packet. axe-core checks every page on the way (WCAG 2.1 AA)."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from programmas.models import Raadsbesluit, Registratie, Versie, VersieStatus
from tests.browser.conftest import assert_no_axe_violations, login
from tests.factories import PASSWORD
from tests.programmas.bouw import JAAR, bouw_regio

pytestmark = pytest.mark.browser

VANDAAG = timezone.localdate().isoformat()


@pytest.fixture
def regio(snelle_wachtwoorden, media):
    """Two members (each council with a secretary with a login), the mayors' meeting, two opgaven; unanimity."""
    return bouw_regio(2)


def _als(page, live_server, user):
    page.context.clear_cookies()
    login(page, live_server, user.email, PASSWORD)


def _bekijk(page, live_server, pad):
    page.goto(live_server.url + pad)
    assert_no_axe_violations(page)


def test_the_annual_cycle_through_the_pages(page, live_server, regio):
    w = regio
    # The secretariat drafts the programme from the region's opgaven and submits it.
    _als(page, live_server, w.secretariaat)
    _bekijk(page, live_server, f"/regio/{w.regio.slug}/programma/")
    page.get_by_role("spinbutton", name="Jaar").fill(str(JAAR))
    for opgave in w.opgaven:
        page.get_by_label(opgave.titel).check()
    page.get_by_role("button", name="Jaarprogramma opstellen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Jaarprogramma {JAAR}")
    versie = Versie.objects.get(jaarprogramma__regio=w.regio)
    expect(page.locator("#verdeling-tabel tbody tr")).to_have_count(2)
    expect(page.get_by_role("img", name=re.compile("Bijdrage per lid"))).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Indienen bij het bestuur").click()
    expect(page.locator(".status")).to_have_text("ingediend")
    assert_no_axe_violations(page)

    # The chair of the board adopts it, with the date and reference of the decision.
    _als(page, live_server, w.voorzitter)
    _bekijk(page, live_server, versie.get_absolute_url())
    page.get_by_label("Datum van het besluit").fill(VANDAAG)  # not before the submission
    page.get_by_label("Referentie van het besluit").fill("DBO-2026-12")
    page.get_by_role("button", name="Vaststellen", exact=True).click()
    expect(page.locator(".status")).to_have_text("vastgesteld")
    expect(page.get_by_text("DBO-2026-12")).to_be_visible()
    assert_no_axe_violations(page)

    # The secretariat routes it to the councils and follows them on the status board.
    _als(page, live_server, w.secretariaat)
    page.goto(live_server.url + versie.get_absolute_url())
    page.get_by_role("button", name="Voorleggen aan de raden").click()
    expect(page.locator(".status")).to_have_text("voorgelegd aan de raden")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Statusbord").click()
    assert_no_axe_violations(page)
    page.get_by_label("Toon").select_option("goedgekeurd")
    expect(page).to_have_url(re.compile(r"uitkomst=goedgekeurd"))
    expect(page.locator("#besluiten-aantal")).to_contain_text("0 raden getoond")
    assert_no_axe_violations(page)

    # Each council's secretary records its own decision; the other council's secretary cannot.
    eerste = Raadsbesluit.objects.get(versie=versie, bestuur=w.leden[0])
    tweede = Raadsbesluit.objects.get(versie=versie, bestuur=w.leden[1])
    _als(page, live_server, w.raadssecretaris_b)
    _bekijk(page, live_server, eerste.get_absolute_url())
    expect(page.get_by_role("button", name="Besluit vastleggen")).to_have_count(0)

    _als(page, live_server, w.raadssecretaris)
    page.goto(live_server.url + versie.get_absolute_url())
    page.get_by_role("link", name=re.compile(f"Besluit van {w.leden[0].naam} vastleggen")).click()
    assert_no_axe_violations(page)
    page.get_by_label("goedgekeurd", exact=True).check()
    page.get_by_label("Datum van de raadszitting").fill(VANDAAG)  # not before routing
    page.get_by_label("Stemmen voor").fill("21")
    page.get_by_label("Stemmen tegen").fill("4")
    page.get_by_label("Besluitdocument").set_input_files(
        {"name": "besluit.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%besluit\n"}
    )
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("is vastgelegd")
    expect(page.get_by_role("link", name=re.compile("PDF"))).to_be_visible()
    assert_no_axe_violations(page)
    versie.refresh_from_db()
    assert versie.status == VersieStatus.VOORGELEGD  # unanimity: one of two is not enough

    _als(page, live_server, w.raadssecretaris_b)
    _bekijk(page, live_server, tweede.get_absolute_url())
    page.get_by_label("goedgekeurd", exact=True).check()
    page.get_by_label("Datum van de raadszitting").fill(VANDAAG)
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.locator(".status")).to_have_text("goedgekeurd")
    assert Registratie.objects.filter(besluit__versie=versie).count() == 2
    _bekijk(page, live_server, f"/versie/{versie.pk}/status/")
    expect(page.get_by_text("de regel is gehaald")).to_be_visible()

    # A council member reads the municipality's share, asks a question and downloads the review packet.
    _als(page, live_server, w.raadslid)
    page.goto(live_server.url + versie.get_absolute_url())
    page.get_by_role("link", name=f"Het aandeel van {w.leden[0].naam}").click()
    expect(page.get_by_role("heading", name=f"Wat {w.leden[0].naam} bijdraagt")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Uw vraag").fill("Waarom draagt onze gemeente minder bij dan de buurgemeente?")
    page.get_by_role("button", name="Vraag stellen").click()
    expect(page.get_by_text("Waarom draagt onze gemeente minder bij")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name=re.compile("Reviewpakket \\(PDF\\)")).click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Maak het reviewpakket").click()
    download_link = page.get_by_role("link", name="Download het reviewpakket (PDF)")
    expect(download_link).to_be_visible(timeout=20_000)
    assert_no_axe_violations(page)
    with page.expect_download() as info:
        download_link.click()
    pad = info.value.path()
    with open(pad, "rb") as bestand:
        assert bestand.read(5) == b"%PDF-"
