"""The planning-day organiser in a real browser: a Rivierenland organiser creates a planning day with two blocks of
work sessions and invites an official without an account, who registers through the link in the invitation mail
(read from the stored Melding), without logging in. axe at 1280 and 390 px on every page visited."""

import datetime
import re
from urllib.parse import urlsplit

from django.utils import timezone
from playwright.sync_api import expect

from besturen import services as besturen_services
from besturen.models import OrgaanSoort, Rol
from regioportaal.models import Melding
from tests.browser.conftest import assert_no_axe_violations, login
from tests.factories import PASSWORD, gemeente, maak_gebruiker
from vergaderingen.models import Bijeenkomst, Inschrijving, KeuzeStatus


def _axe_at_both_widths(page):
    for breedte in (1280, 390):
        page.set_viewport_size({"width": breedte, "height": 900})
        assert_no_axe_violations(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def _rivierenland():
    regio = besturen_services.create_regio(
        door=None, naam="Rivierenland", slug="rivierenland", land="BE", rechtsvorm="feitelijke_vereniging"
    )
    mechelen, lier = gemeente("Mechelen", "12025"), gemeente("Lier", "12021")
    for bestuur in (mechelen, lier):
        besturen_services.add_deelname(regio, bestuur, begindatum=datetime.date(2019, 1, 1), door=None)
    oad = besturen_services.create_orgaan(
        door=None,
        soort=OrgaanSoort.OVERLEG_ALGEMEEN_DIRECTEURS,
        naam="Overleg algemeen directeurs Rivierenland",
        afkorting="OAD",
        regio=regio,
    )
    organisator = maak_gebruiker(oad, Rol.SECRETARIS, "Iris", "Igemo")
    return regio, organisator


def test_organiser_creates_a_day_and_an_invitee_without_account_registers_through_the_mail_link(
    page, live_server, snelle_wachtwoorden
):
    regio, organisator = _rivierenland()
    vandaag = timezone.localdate()
    datum, tot = vandaag + datetime.timedelta(days=30), vandaag + datetime.timedelta(days=10)
    login(page, live_server, organisator.email, PASSWORD)

    # A new planning day from the region's agenda.
    page.goto(f"{live_server.url}/regio/rivierenland/agenda/")
    _axe_at_both_widths(page)
    page.get_by_role("link", name="Nieuwe planningsdag").click()
    _axe_at_both_widths(page)
    page.get_by_label("Naam:", exact=True).fill("STRATEGIO 2")
    page.get_by_label("Datum:", exact=True).fill(datum.isoformat())
    page.get_by_label("Locatie:", exact=True).fill("Het Predikheren, Mechelen")
    page.get_by_label("Inschrijven tot en met").fill((datum + datetime.timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#inhoud")).to_contain_text("De inschrijving sluit uiterlijk op de dag zelf.")
    _axe_at_both_widths(page)  # the form with its error
    page.get_by_label("Inschrijven tot en met").fill(tot.isoformat())
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("STRATEGIO 2 organiseren")
    dag = Bijeenkomst.objects.get(regio=regio)
    _axe_at_both_widths(page)

    # Two blocks of work sessions, one session each.
    for titel, begin, einde, thema in (
        ("Ronde 1", "09:30", "12:00", "Mobiliteit"),
        ("Ronde 2", "13:30", "16:00", "Smart Region"),
    ):
        page.get_by_role("link", name="Blok toevoegen").click()
        _axe_at_both_widths(page)
        page.get_by_label("Titel").fill(titel)
        page.get_by_label("Begin").fill(begin)
        page.get_by_label("Einde").fill(einde)
        page.get_by_role("button", name="Opslaan").click()
        expect(page.locator(".messages[role=status]")).to_contain_text("Opgeslagen")
        page.get_by_role("link", name=f"Werksessie toevoegen aan {titel}").click()
        _axe_at_both_widths(page)
        page.get_by_label("Thema").fill(thema)
        page.get_by_label("Plaatsen").fill("12")
        page.get_by_label("Facilitator:", exact=True).fill("IGEMO")
        page.get_by_role("button", name="Werksessie toevoegen").click()
        expect(page.locator("#inhoud")).to_contain_text(thema)
    _axe_at_both_widths(page)
    assert [b.sessies.count() for b in dag.blokken.order_by("begin")] == [1, 1]

    # Invite an official of Lier who has no account.
    page.get_by_role("link", name="Uitnodigingen").click()
    _axe_at_both_widths(page)
    page.get_by_label("Naam:", exact=True).fill("Lotte Lier")
    page.get_by_label("E-mailadres:", exact=True).fill("lotte.lier@lier.example")
    page.get_by_label("Namens:", exact=True).select_option(label="Lier")
    page.get_by_role("button", name="Uitnodigingen versturen").click()
    expect(page.locator(".messages[role=status]")).to_contain_text("uitnodiging(en) verstuurd: Lotte Lier")
    expect(page.locator("#inhoud")).to_contain_text("lotte.lier@lier.example")
    _axe_at_both_widths(page)

    # The invitee opens the link from the mail, logged out, and registers for one session per block.
    melding = Melding.objects.get(soort="uitnodiging", email="lotte.lier@lier.example")
    link = urlsplit(re.search(r"https?://\S+/uitnodiging/\S+/", melding.tekst).group(0)).path
    page.context.clear_cookies()
    page.goto(live_server.url + link)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Uw uitnodiging voor STRATEGIO 2")
    _axe_at_both_widths(page)
    expect(page.get_by_label("Ik neem deel namens")).to_have_value(
        str(dag.regio.deelnames.get(bestuur__naam="Lier").bestuur_id)
    )
    page.get_by_role("group", name="Ronde 1").get_by_label("Mobiliteit").check()
    page.get_by_role("group", name="Ronde 2").get_by_label("Smart Region").check()
    page.get_by_role("button", name="Inschrijven").click()
    expect(page.locator(".messages[role=status]")).to_contain_text("U bent ingeschreven")
    expect(page.locator("#inhoud")).to_contain_text("U bent ingeschreven namens Lier")
    _axe_at_both_widths(page)

    inschrijving = Inschrijving.objects.get(bijeenkomst=dag)
    assert inschrijving.user is None and inschrijving.uitnodiging.email == "lotte.lier@lier.example"
    assert set(inschrijving.keuzes.values_list("status", flat=True)) == {KeuzeStatus.BEVESTIGD}
    assert Melding.objects.filter(soort="inschrijving", email="lotte.lier@lier.example").exists()
