"""The work list in a real browser: after login the start page lists what waits, the header's count loads by itself
and leads to the full list. axe-core on both pages."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations, login
from tests.factories import PASSWORD
from tests.vergaderingen.conftest import plan
from vergaderingen import services

pytestmark = pytest.mark.browser


def test_member_sees_their_work_on_the_start_page_and_in_the_header(page, live_server, world):
    vergadering = plan(world.dbo, days=7)
    services.add_agendapunt(vergadering, titel="Mobiliteit", door=None)
    services.publish_agenda(vergadering, door=None)
    vandaag = timezone.localdate()
    services.create_bijeenkomst(
        world.dender,
        naam="Planningsdag Denderregio",
        datum=vandaag + datetime.timedelta(days=20),
        locatie="Technopolis, Mechelen",
        inschrijven_tot=vandaag + datetime.timedelta(days=10),
        door=None,
    )
    login(page, live_server, world.lid.email, PASSWORD)

    page.goto(live_server.url + "/")
    werk = page.get_by_role("region", name="Mijn werk")
    rijen = werk.get_by_role("row")
    expect(rijen.nth(1)).to_contain_text("Vergadering voorbereiden")  # the soonest deadline first
    expect(rijen.nth(2)).to_contain_text("Planningsdag Denderregio")
    expect(page.get_by_role("link", name="Mijn werk (2)")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Mijn werk (2)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werk")
    page.get_by_role("link", name=str(vergadering)).click()
    expect(page).to_have_url(live_server.url + vergadering.get_absolute_url())
    page.go_back()
    assert_no_axe_violations(page)
