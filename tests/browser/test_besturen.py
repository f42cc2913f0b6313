"""Regions, bodies and roles in a real browser: the secretariat adds a member to the DBO and invites them; the new
member sets a password from the mail, logs in and reads the DBO's non-public item. axe-core on every page."""

import re

from playwright.sync_api import expect

from besturen import services
from besturen.models import Zichtbaarheid
from tests.browser.conftest import assert_no_axe_violations, login
from tests.factories import PASSWORD


def _denderregio(world):
    """The shared world's Denderregio (tests/wereld.py), with a non-public item of its DBO."""
    dbo = world.dbo
    stuk = services.add_stuk(
        dbo,
        titel="Voorstel werkverdeling (vertrouwelijk)",
        tekst="Alleen voor de leden.",
        zichtbaarheid=Zichtbaarheid.ORGAAN,
        door=None,
    )
    return world.dender, dbo, world.raad_aalst, world.aalst, world.secretariaat, stuk


def test_every_public_page_of_regions_and_bodies_is_accessible(page, live_server, world):
    regio, dbo, raad, aalst, _secretariaat, _stuk = _denderregio(world)
    for path in (
        "/",
        regio.get_absolute_url(),
        dbo.get_absolute_url(),
        aalst.get_absolute_url(),
        raad.get_absolute_url(),
        "/inloggen/",
        "/wachtwoord-vergeten/",
    ):
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_no_axe_violations(page)
    page.goto(live_server.url + dbo.get_absolute_url())
    expect(page.get_by_role("main")).to_contain_text("Victor Voorzitter")
    expect(page.get_by_role("main")).not_to_contain_text("vertrouwelijk")


def test_secretariat_adds_and_invites_a_member_who_then_reads_the_bodys_non_public_item(
    page, live_server, world, mailoutbox
):
    regio, dbo, _raad, _aalst, secretariaat, stuk = _denderregio(world)
    login(page, live_server, secretariaat.email, PASSWORD)

    page.goto(live_server.url + regio.get_absolute_url())
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Beheer van de regio").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Beheer van Denderregio")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Logboek van de regio").click()
    assert_no_axe_violations(page)

    page.goto(f"{live_server.url}/orgaan/{dbo.pk}/leden/")
    assert_no_axe_violations(page)
    page.get_by_label("Voornaam").fill("Lena")
    page.get_by_label("Achternaam").fill("Lede")
    page.get_by_label("E-mailadres").fill("lena.lede@example.org")
    page.locator("#id_rol").select_option("lid")
    page.get_by_label("Namens").select_option(label="Lede")
    page.get_by_role("button", name="Lid toevoegen").click()
    rij = page.get_by_role("row", name=re.compile("Lena Lede"))
    expect(rij).to_be_visible()
    assert_no_axe_violations(page)

    rij.get_by_role("button", name=re.compile("Uitnodigen")).click()
    expect(page.get_by_role("status").first).to_contain_text("uitnodiging")
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["lena.lede@example.org"]
    link = re.search(r"https?://\S+/account/activeren/\S+/", mailoutbox[0].body).group(0)

    page.get_by_role("button", name="Uitloggen").click()
    page.goto(live_server.url + re.sub(r"^https?://[^/]+", "", link))
    assert_no_axe_violations(page)
    page.locator("#id_new_password1").fill("een-sterk-wachtwoord-2026")
    page.locator("#id_new_password2").fill("een-sterk-wachtwoord-2026")
    page.get_by_role("button", name="Wachtwoord instellen").click()

    login(page, live_server, "lena.lede@example.org", "een-sterk-wachtwoord-2026")
    page.goto(live_server.url + dbo.get_absolute_url())
    page.get_by_role("link", name=stuk.titel).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(stuk.titel)
    assert_no_axe_violations(page)
    page.get_by_label("Uw reactie").fill("Akkoord met dit voorstel.")
    page.get_by_role("button", name="Reageren").click()
    expect(page.get_by_role("main")).to_contain_text("Akkoord met dit voorstel.")
