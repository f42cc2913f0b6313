"""The secretariat's own programme screens in Chromium, at desktop and phone width: the P&C calendar, the programme
settings, and the portal's own 403 for a council member who opens the settings. axe-core checks each at 1280 and
390 px (WCAG 2.1 AA)."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from programmas.models import VersieStatus
from tests.browser.conftest import assert_no_axe_violations, login
from tests.factories import PASSWORD
from tests.programmas.bouw import bouw_regio, programma

pytestmark = pytest.mark.browser

BREEDTES = (1280, 390)


@pytest.fixture
def wereld(snelle_wachtwoorden):
    w = bouw_regio(2)
    programma(w, tot=VersieStatus.VOORGELEGD)
    return w


def _bij_elke_breedte(page, url, kop):
    for breedte in BREEDTES:
        page.set_viewport_size({"width": breedte, "height": 900})
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_contain_text(kop)
        assert_no_axe_violations(page)


def test_the_secretariat_reads_the_calendar_and_the_settings_at_both_widths(page, live_server, wereld):
    w = wereld
    login(page, live_server, w.secretariaat.email, PASSWORD)
    jaar = timezone.localdate().year
    _bij_elke_breedte(page, f"{live_server.url}/regio/{w.regio.slug}/pc-kalender/{jaar}/", "P&C-kalender")
    _bij_elke_breedte(page, f"{live_server.url}/regio/{w.regio.slug}/programmaregeling/", "Programmaregeling")
    # A term shorter than the law allows is refused next to its field, at phone width too.
    page.get_by_label("Termijn voor zienswijzen (weken)").fill("11")
    page.get_by_role("button", name="Programmaregeling opslaan").click()
    expect(page.locator(".errorlist").filter(has_text="twaalf weken").first).to_be_visible()
    assert_no_axe_violations(page)


def test_a_council_member_gets_the_portals_own_403_on_the_settings(page, live_server, wereld):
    w = wereld
    login(page, live_server, w.raadslid.email, PASSWORD)
    for breedte in BREEDTES:
        page.set_viewport_size({"width": breedte, "height": 900})
        antwoord = page.goto(f"{live_server.url}/regio/{w.regio.slug}/programmaregeling/")
        assert antwoord.status == 403
        expect(page.get_by_role("heading", level=1)).to_have_text("Geen toegang")
        assert_no_axe_violations(page)
