"""Meetings in a real browser: the DBO secretariat builds, publishes and reports a meeting; a Rivierenland
official registers for STRATEGIO-like sessions before the deadline and is refused after it. axe on every page."""

import datetime
import re

import time_machine
import vobject
from django.utils import timezone
from playwright.sync_api import expect

from besturen import services as besturen_services
from besturen.models import OrgaanSoort, Rol
from tests.browser.conftest import assert_no_axe_violations, login
from tests.factories import PASSWORD, gemeente, maak_gebruiker
from tests.vergaderingen.conftest import PDF_BYTES
from vergaderingen import services
from vergaderingen.models import BlokSoort, Inschrijving, Vergadering


def _dbo(world):
    """The shared world's DBO (tests/wereld.py) with its secretariat, chair and member."""
    return world.dbo, world.secretariaat, world.voorzitter, world.lid


def test_secretariat_builds_publishes_and_reports_a_meeting(page, live_server, world, mailoutbox):
    dbo, secretariaat, voorzitter, lid = _dbo(world)
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    login(page, live_server, secretariaat.email, PASSWORD)

    # Plan a meeting on the body's calendar.
    page.goto(f"{live_server.url}/orgaan/{dbo.pk}/vergaderingen/")
    assert_no_axe_violations(page)
    page.get_by_label("Begin").fill(f"{morgen.isoformat()}T19:00")
    page.get_by_label("Einde").fill(f"{morgen.isoformat()}T21:00")
    page.get_by_label("Locatie").fill("Stadhuis Aalst")
    page.get_by_role("button", name="Plannen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Agenda van Burgemeestersoverleg Denderregio"
    )
    vergadering = Vergadering.objects.get(orgaan=dbo)

    # Build the agenda: two items through htmx, then move the second one up with the keyboard.
    for titel in ("Opening en mededelingen", "Regionale mobiliteit"):
        page.get_by_label("Titel").fill(titel)
        page.get_by_role("button", name="Punt toevoegen").click()
        expect(page.locator("#agenda tbody")).to_contain_text(titel)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Omhoog Regionale mobiliteit").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#agenda tbody tr").first).to_contain_text("Regionale mobiliteit")
    expect(page.get_by_role("button", name="Omlaag Regionale mobiliteit")).to_be_focused()

    # Add a document to the item.
    page.get_by_role("link", name="Bewerken Regionale mobiliteit").click()
    assert_no_axe_violations(page)
    page.locator("#id_bestand").set_input_files(
        files=[{"name": "fietssnelwegen.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.get_by_role("button", name="Document toevoegen").click()
    expect(page.get_by_role("link", name="fietssnelwegen.pdf")).to_be_visible()
    page.get_by_role("link", name=re.compile("^Agenda ")).click()

    # Publish: the members get mail, the PDF downloads, the body's feed shows the meeting.
    page.get_by_role("button", name="Agenda publiceren").click()
    expect(page.locator(".messages[role='status']")).to_contain_text("De agenda is gepubliceerd")
    assert_no_axe_violations(page)
    assert {voorzitter.email, lid.email} <= {m.to[0] for m in mailoutbox}
    with page.expect_download() as download:
        page.get_by_role("link", name="Agenda als PDF").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    feed = page.request.get(f"{live_server.url}/orgaan/{dbo.pk}/vergaderingen.ics")
    event = vobject.readOne(feed.text(), validate=True).vevent
    assert event.uid.value.startswith(f"vergadering-{vergadering.pk}@")
    assert "1. Regionale mobiliteit" in event.description.value

    # After the meeting: close it, record the decision and the vote.
    with time_machine.travel(vergadering.einde + datetime.timedelta(hours=1)):
        page.goto(f"{live_server.url}/vergadering/{vergadering.pk}/agenda/")
        page.get_by_role("button", name="Vergadering afsluiten").click()
        expect(page.locator(".messages[role='status']")).to_contain_text("De vergadering is afgelopen")
        page.get_by_role("link", name="Besluit vastleggen bij punt 1").click()
        assert_no_axe_violations(page)
        page.get_by_label("Uitkomst").select_option("aangenomen")
        page.locator("#id_tekst").fill("Het DBO keurt het tracé goed.")
        page.get_by_label("Victor Voorzitter").select_option("voor")
        page.get_by_label("Lieve Lid").select_option("tegen")
        page.get_by_role("button", name="Besluit vastleggen").click()
        expect(page.locator("#inhoud")).to_contain_text("Stemming: 1 voor, 1 tegen, 0 onthoudingen.")
        assert_no_axe_violations(page)


def test_official_registers_before_the_deadline_and_is_refused_after_it(
    page, live_server, snelle_wachtwoorden
):
    regio = besturen_services.create_regio(
        door=None, naam="Rivierenland", slug="rivierenland", land="BE", rechtsvorm="feitelijke_vereniging"
    )
    mechelen, lier = gemeente("Mechelen", "12025"), gemeente("Lier", "12021")
    for bestuur in (mechelen, lier):
        besturen_services.add_deelname(regio, bestuur, begindatum=datetime.date(2019, 1, 1), door=None)
    raad = besturen_services.create_orgaan(
        door=None, soort=OrgaanSoort.GEMEENTERAAD, naam="Gemeenteraad Mechelen", bestuur=mechelen
    )
    ambtenaar = maak_gebruiker(raad, Rol.SECRETARIS, "Anouk", "Ambtenaar", namens=mechelen)
    laatkomer = maak_gebruiker(raad, Rol.LID, "Lars", "Laat", namens=mechelen)
    vandaag = timezone.localdate()
    dag = services.create_bijeenkomst(
        regio,
        naam="STRATEGIO",
        datum=vandaag + datetime.timedelta(days=30),
        locatie="Technopolis, Mechelen",
        inschrijven_tot=vandaag + datetime.timedelta(days=10),
        door=None,
    )
    for titel, begin, einde in (("Trends en veranderingen", 10, 12), ("Uitdagingen en ambities", 14, 16)):
        blok = services.add_blok(
            dag,
            soort=BlokSoort.WERKSESSIES,
            titel=titel,
            begin=datetime.time(begin),
            einde=datetime.time(einde),
            door=None,
        )
        for thema in ("Mobiliteit", "Smart Region"):
            services.add_werksessie(blok, thema=thema, capaciteit=15, door=None)

    login(page, live_server, ambtenaar.email, PASSWORD)
    page.goto(f"{live_server.url}/bijeenkomst/{dag.pk}/")
    assert_no_axe_violations(page)
    expect(page.get_by_label("Ik neem deel namens")).to_have_value(str(mechelen.pk))
    page.get_by_role("group", name="Trends en veranderingen").get_by_label("Mobiliteit").check()
    page.get_by_role("group", name="Uitdagingen en ambities").get_by_label("Smart Region").check()
    page.get_by_role("button", name="Inschrijven").click()
    expect(page.locator(".messages[role='status']")).to_contain_text("U bent ingeschreven")
    expect(page.locator("#inhoud")).to_contain_text("U bent ingeschreven namens Mechelen")
    assert_no_axe_violations(page)
    assert Inschrijving.objects.get(user=ambtenaar).keuzes.count() == 2

    # The late registrant opens the form before the deadline and sends it after: refused, with the reason.
    page.context.clear_cookies()
    login(page, live_server, laatkomer.email, PASSWORD)
    page.goto(f"{live_server.url}/bijeenkomst/{dag.pk}/")
    page.get_by_role("group", name="Trends en veranderingen").get_by_label("Smart Region").check()
    with time_machine.travel(
        timezone.make_aware(
            datetime.datetime.combine(vandaag + datetime.timedelta(days=11), datetime.time(9))
        )
    ):
        page.get_by_role("button", name="Inschrijven").click()
        expect(page.locator("#inhoud")).to_contain_text(
            "De inschrijving is gesloten: inschrijven kon tot en met"
        )
        assert_no_axe_violations(page)
    assert not Inschrijving.objects.filter(user=laatkomer).exists()


def test_report_calendar_region_and_organiser_pages_pass_axe(page, live_server, world):
    dbo, secretariaat, voorzitter, lid = _dbo(world)
    vorige = timezone.localdate() - datetime.timedelta(days=7)
    vergadering = services.plan_vergadering(
        dbo,
        begin=timezone.make_aware(datetime.datetime.combine(vorige, datetime.time(19))),
        einde=timezone.make_aware(datetime.datetime.combine(vorige, datetime.time(21))),
        locatie="Stadhuis Aalst",
        door=None,
    )
    services.add_agendapunt(vergadering, titel="Mobiliteit", door=None)
    services.publish_agenda(vergadering, door=None)
    services.close_vergadering(vergadering, door=None)
    dag = services.create_bijeenkomst(
        dbo.regio,
        naam="Planningsdag",
        datum=timezone.localdate() + datetime.timedelta(days=30),
        locatie="Aalst",
        inschrijven_tot=timezone.localdate() + datetime.timedelta(days=10),
        door=None,
    )
    blok = services.add_blok(
        dag, soort=BlokSoort.WERKSESSIES, titel="Werksessies", begin=datetime.time(10), door=None
    )
    sessie = services.add_werksessie(blok, thema="Mobiliteit", capaciteit=1, door=None)
    services.register(
        dag, bestuur=voorzitter.persoon.lidmaatschappen.get().namens, sessies=[sessie], door=voorzitter
    )
    services.register(dag, bestuur=lid.persoon.lidmaatschappen.get().namens, sessies=[sessie], door=lid)

    login(page, live_server, secretariaat.email, PASSWORD)
    for path, kop in (
        (f"/vergadering/{vergadering.pk}/verslag/", "Verslag van"),
        ("/mijn-agenda/", "Mijn agenda"),
        ("/regio/denderregio/agenda/", "Vergaderingen en bijeenkomsten van Denderregio"),
        (f"/bijeenkomst/{dag.pk}/overzicht/", "Overzicht van Planningsdag"),
        (f"/bijeenkomst/{dag.pk}/", "Planningsdag"),
    ):
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_contain_text(kop)
        assert_no_axe_violations(page)
    page.goto(f"{live_server.url}/vergadering/{vergadering.pk}/verslag/")
    page.get_by_role("textbox", name="Notulen").fill("Het DBO besprak de mobiliteit.")
    page.get_by_role("button", name="Notulen opslaan").click()
    expect(page.locator(".messages[role='status']")).to_contain_text("Opgeslagen")
