"""Messages in a real browser: the DBO secretariat publishes an agenda and looks up who received it (members with and
without an account); a person unsubscribes from optional mail through the link in it. axe at 1280 and 390 px."""

import datetime

from playwright.sync_api import expect

from besturen import services as besturen_services
from besturen.models import Rol
from regioportaal.meldingen import Adres, send
from regioportaal.models import Afmelding
from tests.browser.conftest import assert_no_axe_violations, login
from tests.factories import PASSWORD
from tests.vergaderingen.conftest import moment
from vergaderingen import services


def _axe_at_both_widths(page):
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert_no_axe_violations(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_secretariat_publishes_an_agenda_and_sees_who_received_it(page, live_server, world, mailoutbox):
    marc = besturen_services.create_persoon(
        door=None, voornaam="Marc", achternaam="Zonderaccount", email="marc.zonderaccount@example.org"
    )
    besturen_services.add_lidmaatschap(
        persoon=marc, orgaan=world.dbo, rol=Rol.LID, begindatum=datetime.date(2024, 1, 1), door=None
    )
    vergadering = services.plan_vergadering(
        world.dbo, begin=moment(7), einde=moment(7, 21), locatie="Stadhuis Aalst", door=None
    )
    services.add_agendapunt(vergadering, titel="Regionale mobiliteit", door=None)

    login(page, live_server, world.secretariaat.email, PASSWORD)
    page.goto(f"{live_server.url}/vergadering/{vergadering.pk}/agenda/")
    page.get_by_role("button", name="Agenda publiceren").click()
    expect(page.locator(".messages[role=status]")).to_contain_text("De agenda is gepubliceerd")
    assert "marc.zonderaccount@example.org" in {m.to[0] for m in mailoutbox}

    page.get_by_role("link", name="Wie kreeg de agenda?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie kreeg de agenda?")
    tabel = page.get_by_role("region", name="Verstuurde meldingen")
    for adres in ("marc.zonderaccount@example.org", world.lid.email, world.voorzitter.email):
        expect(tabel).to_contain_text(adres)
    expect(tabel.get_by_role("row").filter(has_text="Marc Zonderaccount")).to_contain_text("zonder account")
    expect(tabel.get_by_role("row").filter(has_text="Marc Zonderaccount")).to_contain_text("verzonden")
    _axe_at_both_widths(page)


def test_a_person_without_an_account_unsubscribes_from_invitations(page, live_server, db, mailoutbox):
    send(
        [Adres("Jan Zonder", "jan.zonder@example.org")],
        "Uitnodiging planningsdag",
        "Kom.",
        soort="uitnodiging",
    )
    link = next(line for line in mailoutbox[0].body.splitlines() if "/afmelden/" in line).strip()
    path = link[link.index("/afmelden/") :]

    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Afmelden voor e-mail")
    expect(page.get_by_role("main")).to_contain_text("jan.zonder@example.org")
    _axe_at_both_widths(page)
    page.get_by_role("button", name="Afmelden").click()
    expect(page.locator(".messages[role=status]")).to_contain_text("U bent afgemeld")
    assert Afmelding.objects.filter(email="jan.zonder@example.org", soort="uitnodiging").exists()
    _axe_at_both_widths(page)
