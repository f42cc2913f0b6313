"""Both legal routes of the annual programme in Chromium, end to end, as the people who sign them see them.

- Consent (Denderregio, Flemish members): the secretariat drafts and submits, the chair of the mayors' meeting adopts,
  the secretariat routes (a deadline before today is refused), every council's secretary records its own decision,
  the "Beslisregel en stand" block counts every council exactly once, a correction moves the status back and the
  platform administrator may not record a council's decision.
- Zienswijze (Drechtsteden, Dutch members, Wgr art. 34-35): the secretariat routes the draft budget (eleven weeks is
  refused, twelve accepted), a council gives a view, the general board is refused before the term has ended, the
  secretariat answers the view for every council to read, the board adopts after the term (the clock travels) and
  the sending to gedeputeerde staten is recorded and shows as done.

axe-core checks every page on the way (WCAG 2.1 AA). The worlds are built here, through the services, with the real
members of the two demo regions (names, NIS/CBS codes and populations from data/).
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from besturen import services as besturen_services
from besturen.models import Land, OrgaanSoort, Rechtsvorm, Rol
from opgaven import services as opgaven_services
from programmas import services, termijnen
from programmas.models import Procedure, Raadsbesluit, Versie, VersieStatus
from tests.browser.conftest import assert_no_axe_violations, inject_axe, login
from tests.factories import PASSWORD, gemeente, maak_gebruiker

pytestmark = pytest.mark.browser

DENDERREGIO = [  # NIS code, name, population (data/gemeenten-vlaanderen.csv)
    ("41002", "Aalst", 87_332),
    ("41011", "Denderleeuw", 20_551),
    ("41018", "Geraardsbergen", 33_649),
    ("41024", "Haaltert", 18_582),
    ("41048", "Ninove", 39_251),
]
DRECHTSTEDEN = [  # CBS code, name, population (data/gemeenten-nederland.csv)
    ("GM0482", "Alblasserdam", 20_083),
    ("GM0505", "Dordrecht", 119_509),
    ("GM0590", "Papendrecht", 32_207),
    ("GM0610", "Sliedrecht", 25_891),
]


@dataclass
class Regio:
    regio: object
    leden: dict  # name -> Bestuur
    secretarissen: dict  # name -> the council's secretary (an account)
    secretariaat: object  # secretary of the region's main body: manages the programme
    voorzitter: object  # chair of the adopting body
    opgaven: list = field(default_factory=list)


def _regio(*, naam, slug, land, rechtsvorm, leden, bestuur, secretariaat_orgaan, opgaven, jaar):
    """A region with its members (each with a council and its secretary), its bodies and two opgaven."""
    regio = besturen_services.create_regio(door=None, naam=naam, slug=slug, land=land, rechtsvorm=rechtsvorm)
    w = Regio(regio=regio, leden={}, secretarissen={}, secretariaat=None, voorzitter=None)
    for code, naam_lid, inwoners in leden:
        lid = gemeente(naam_lid, code, land=land, inwoners=inwoners)
        besturen_services.add_deelname(regio, lid, begindatum=datetime.date(2019, 1, 1), door=None)
        raad = besturen_services.create_orgaan(
            door=None, soort=OrgaanSoort.GEMEENTERAAD, naam=f"Gemeenteraad {naam_lid}", bestuur=lid
        )
        w.leden[naam_lid] = lid
        w.secretarissen[naam_lid] = maak_gebruiker(raad, Rol.SECRETARIS, "Griffie", naam_lid, namens=lid)
    organen = {}
    for soort, orgaan_naam in {bestuur, secretariaat_orgaan}:
        organen[orgaan_naam] = besturen_services.create_orgaan(
            door=None, soort=soort, naam=orgaan_naam, regio=regio
        )
    eerste = next(iter(w.leden.values()))
    w.secretariaat = maak_gebruiker(organen[secretariaat_orgaan[1]], Rol.SECRETARIS, "Sara", "Secretariaat")
    w.voorzitter = maak_gebruiker(organen[bestuur[1]], Rol.VOORZITTER, "Victor", "Voorzitter", namens=eerste)
    for titel, bedrag in opgaven:
        opgave = opgaven_services.create_opgave(regio, door=None, titel=titel, gepubliceerd=True)
        opgaven_services.add_budgetregel(opgave, door=None, jaar=jaar, bedrag=Decimal(bedrag), bron="leden")
        w.opgaven.append(opgave)
    return w, organen


@pytest.fixture
def snel(snelle_wachtwoorden, media):
    """Cheap password hashes and a fresh media directory (tests/conftest.py)."""


def _als(page, live_server, user, *, via_inlogpagina=False):
    """Switch to `user`: through the login page, or (faster, the many switches between councils) with a session
    made on the server, as `Client.force_login` makes it."""
    page.context.clear_cookies()
    if via_inlogpagina:
        login(page, live_server, user.email, PASSWORD)
        return
    client = Client()
    client.force_login(user)
    sessie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": sessie, "url": live_server.url}]
    )


def _axe(page):
    """conftest's axe check (WCAG 2.0/2.1 A and AA, every violation listed), with axe asked to gather only the
    violations: the same verdict in a fraction of the time (it skips the details of every passing node)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        inject_axe(page)
        page.evaluate(
            """() => {
                const run = axe.run.bind(axe);
                axe.run = (context, options) => run(context, {...options, resultTypes: ['violations']});
            }"""
        )
    assert_no_axe_violations(page)


def _bekijk(page, url):
    page.goto(url)
    _axe(page)


def _datum(dag):
    return dag.isoformat()


def _melding(page, tekst):
    """A message the portal shows after a step (the page's status region)."""
    expect(page.locator(".messages[role='status']")).to_contain_text(tekst)


def _fout_bij_formulier(page, formulier, tekst):
    """A refusal is shown in the form it concerns: next to the field it names, or above the form."""
    expect(formulier.locator(".errorlist, .form-errors").filter(has_text=tekst).first).to_be_visible()


def _stand(page):
    """The "Beslisregel en stand" block: the count table as {outcome: n}, its total, and every sentence."""
    blok = page.locator("section", has=page.get_by_role("heading", name="Beslisregel en stand"))
    expect(blok).to_be_visible()
    telling = {}
    for rij in blok.locator("table.telling tbody tr").all():
        telling[rij.locator("th").inner_text().strip()] = int(rij.locator("td").inner_text())
    totaal = int(blok.locator("table.telling tfoot td").inner_text())
    return telling, totaal, blok.inner_text()


def _controleer_stand(page, verwacht, n, uitkomst):
    """The count table reads `verwacht`, adds up to the `n` councils, and the sentence uses the same numbers."""
    telling, totaal, tekst = _stand(page)
    assert telling == verwacht
    assert totaal == n == sum(telling.values())
    zin = (
        f"Van de {n} raden keurden {telling['goedgekeurd']} goed, "
        f"{telling['goedgekeurd met amendement']} goed met amendement, {telling['afgewezen']} af; "
        f"{telling['uitgesteld']} stelden uit en {telling['nog niet beslist']} hebben nog niet beslist."
    )
    assert zin in tekst, tekst
    assert f"Elke raad één keer geteld ({n} raden)" in tekst
    assert f"Uitkomst tot nu toe: {uitkomst}" in " ".join(tekst.split())


def _leg_besluit_vast(
    page, live_server, w, versie, gemeente, uitkomst, *, tekst="", datum, stemmen=(0, 0), axe=False
):
    """The council's secretary finds the council's decision on the version's page and records it there (axe on the
    way when `axe`: the other councils see the same two pages)."""
    _als(page, live_server, w.secretarissen[gemeente])
    page.goto(live_server.url + versie.get_absolute_url())
    page.get_by_role("link", name=f"Besluit van {gemeente} vastleggen of bekijken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Besluit van {gemeente}")
    if axe:
        _axe(page)
    page.get_by_label(uitkomst, exact=True).check()
    page.get_by_label("Datum van de raadszitting").fill(_datum(datum))
    page.get_by_label("Stemmen voor").fill(str(stemmen[0]))
    page.get_by_label("Stemmen tegen").fill(str(stemmen[1]))
    if uitkomst == "goedgekeurd met amendement":
        page.get_by_label("Tekst van het amendement").fill(tekst)
    elif uitkomst == "zienswijze ingediend":
        page.get_by_label("Tekst van de zienswijze").fill(tekst)
    page.get_by_role("button", name="Besluit vastleggen").click()
    _melding(page, f"Het besluit van {gemeente} is vastgelegd.")
    expect(page.locator("dl.facts").first).to_contain_text(uitkomst)
    if axe:
        _axe(page)


# --- Consent: Denderregio ----------------------------------------------------------------------------------------


@pytest.fixture
def denderregio(snel):
    jaar = timezone.localdate().year + 1
    w, organen = _regio(
        naam="Denderregio",
        slug="denderregio",
        land=Land.BELGIE,
        rechtsvorm=Rechtsvorm.FEITELIJK,
        leden=DENDERREGIO,
        bestuur=(OrgaanSoort.BURGEMEESTERSOVERLEG, "Burgemeestersoverleg Denderregio"),
        secretariaat_orgaan=(OrgaanSoort.BURGEMEESTERSOVERLEG, "Burgemeestersoverleg Denderregio"),
        opgaven=[("Regionale projectuitvoering", 180_000), ("Regiogevoel en imago", 90_000)],
        jaar=jaar,
    )
    # Two thirds of the councils must approve; an approval with amendment is not an approval (the default).
    services.update_regeling(
        w.regio,
        door=None,
        procedure=Procedure.INSTEMMING,
        beslisregel="leden",
        drempel_leden=Decimal("0.6667"),
        bestuursorgaan=organen["Burgemeestersoverleg Denderregio"],
    )
    return w, jaar


def test_consent_route_denderregio(page, live_server, denderregio):
    w, jaar = denderregio
    vandaag = timezone.localdate()
    titel = f"Regioprogramma Denderregio {jaar}"

    # The secretariat drafts the programme from the region's opgaven and submits it to the mayors' meeting.
    _als(page, live_server, w.secretariaat, via_inlogpagina=True)
    _bekijk(page, f"{live_server.url}/regio/{w.regio.slug}/programma/")
    page.get_by_role("spinbutton", name="Jaar").fill(str(jaar))
    page.get_by_label("Titel").fill(titel)
    for opgave in w.opgaven:
        page.get_by_label(opgave.titel).check()
    page.get_by_role("button", name="Jaarprogramma opstellen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(titel)
    expect(page.locator(".status")).to_have_text("concept")
    expect(page.locator("#verdeling-tabel tbody tr")).to_have_count(len(DENDERREGIO))
    _axe(page)
    page.get_by_role("button", name="Indienen bij het bestuur").click()
    _melding(page, "De versie is ingediend bij het bestuur.")
    expect(page.locator(".status")).to_have_text("ingediend")
    _axe(page)
    versie = Versie.objects.get(jaarprogramma__regio=w.regio)
    versie_url = live_server.url + versie.get_absolute_url()

    # The chair of the mayors' meeting adopts it through the page.
    _als(page, live_server, w.voorzitter)
    _bekijk(page, versie_url)
    vaststellen = page.get_by_role("form", name="Vaststellen door het bestuur")
    vaststellen.get_by_label("Datum van het besluit").fill(_datum(vandaag))
    vaststellen.get_by_label("Referentie van het besluit").fill(f"DBO-{vandaag.year}-11")
    vaststellen.get_by_role("button", name="Vaststellen", exact=True).click()
    _melding(page, "De versie is vastgesteld.")
    expect(page.locator(".status")).to_have_text("vastgesteld")
    expect(page.locator("dl.facts").first).to_contain_text(f"DBO-{vandaag.year}-11")
    _axe(page)

    # The secretariat routes it to the councils: a deadline before today is refused, with the reason.
    _als(page, live_server, w.secretariaat)
    page.goto(versie_url)
    voorleggen = page.get_by_role("form", name="Voorleggen aan de raden")
    voorleggen.get_by_label("Uiterste datum voor de raden").fill(_datum(vandaag - datetime.timedelta(days=1)))
    voorleggen.get_by_role("button", name="Voorleggen aan de raden").click()
    voorleggen = page.get_by_role("form", name="Voorleggen aan de raden")
    _fout_bij_formulier(
        page,
        voorleggen,
        f"De uiterste datum ligt vóór de datum van voorleggen ({date_format(vandaag)}).",
    )
    expect(page.locator(".status")).to_have_text("vastgesteld")
    _axe(page)
    deadline = vandaag + datetime.timedelta(days=60)
    voorleggen.get_by_label("Uiterste datum voor de raden").fill(_datum(deadline))
    voorleggen.get_by_role("button", name="Voorleggen aan de raden").click()
    _melding(page, "De versie ligt voor bij de raden.")
    expect(page.locator(".status")).to_have_text("voorgelegd aan de raden")
    expect(page.locator("dl.facts").first).to_contain_text(date_format(deadline, "j F Y"))
    _axe(page)
    page.get_by_role("link", name="Statusbord").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Statusbord")
    expect(page.locator("#besluiten tbody tr")).to_have_count(len(DENDERREGIO))
    _axe(page)

    # Each council's secretary records its own council's decision.
    _leg_besluit_vast(
        page, live_server, w, versie, "Aalst", "goedgekeurd", datum=vandaag, stemmen=(31, 10), axe=True
    )
    _leg_besluit_vast(
        page,
        live_server,
        w,
        versie,
        "Denderleeuw",
        "goedgekeurd met amendement",
        tekst="Het budget voor regiogevoel en imago wordt met 10 % verlaagd.",
        datum=vandaag,
        stemmen=(18, 9),
    )
    _leg_besluit_vast(page, live_server, w, versie, "Geraardsbergen", "goedgekeurd", datum=vandaag)
    _leg_besluit_vast(page, live_server, w, versie, "Haaltert", "uitgesteld", datum=vandaag)
    _leg_besluit_vast(page, live_server, w, versie, "Ninove", "goedgekeurd", datum=vandaag, stemmen=(25, 8))

    # Three of five approve (60 %, the rule asks 66.7 %), the amendment and the postponement count once each.
    _bekijk(page, f"{live_server.url}/versie/{versie.pk}/status/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{titel}: stand bij de raden")
    expect(page.locator(".status")).to_have_text("voorgelegd aan de raden")
    expect(page.get_by_role("table", name="De raden").locator("tbody tr")).to_have_count(len(DENDERREGIO))
    _controleer_stand(
        page,
        {
            "goedgekeurd": 3,
            "goedgekeurd met amendement": 1,
            "afgewezen": 0,
            "uitgesteld": 1,
            "nog niet beslist": 0,
        },
        len(DENDERREGIO),
        "nog open",
    )
    expect(page.get_by_text("Leden: 3 van 5 = 60,0%, drempel 66,7%.")).to_be_visible()
    expect(page.get_by_text("Een goedkeuring met amendement telt niet als goedkeuring")).to_be_visible()

    # Haaltert decides at its next meeting: four of five, the rule is met.
    _leg_besluit_vast(page, live_server, w, versie, "Haaltert", "goedgekeurd", datum=vandaag, stemmen=(15, 6))
    expect(page.locator(".status")).to_have_text("goedgekeurd")
    _bekijk(page, f"{live_server.url}/versie/{versie.pk}/status/")
    _controleer_stand(
        page,
        {
            "goedgekeurd": 4,
            "goedgekeurd met amendement": 1,
            "afgewezen": 0,
            "uitgesteld": 0,
            "nog niet beslist": 0,
        },
        len(DENDERREGIO),
        "de regel is gehaald",
    )

    # Aalst's secretary corrects the approval into a rejection, with a reason: the programme is rejected again.
    _als(page, live_server, w.secretarissen["Aalst"])
    aalst = Raadsbesluit.objects.get(versie=versie, bestuur=w.leden["Aalst"])
    _bekijk(page, live_server.url + aalst.get_absolute_url())
    expect(page.get_by_role("heading", name="Het besluit corrigeren")).to_be_visible()
    page.get_by_label("afgewezen", exact=True).check()
    page.get_by_label("Datum van de raadszitting").fill(_datum(vandaag))
    page.get_by_role("button", name="Correctie vastleggen").click()
    expect(page.locator(".field-error")).to_contain_text("verplicht")  # a correction needs a reason
    _axe(page)
    page.get_by_label("afgewezen", exact=True).check()
    reden = "Verkeerd overgenomen: de raad stemde het programma weg (notulen van de raadszitting)."
    page.get_by_label("Reden van de correctie").fill(reden)
    page.get_by_role("button", name="Correctie vastleggen").click()
    _melding(page, "Het besluit van Aalst is vastgelegd.")
    expect(page.locator(".status")).to_have_text("afgewezen")
    historie = page.get_by_role("table", name="Geschiedenis van de registraties")
    expect(historie.locator("tbody tr")).to_have_count(2)
    expect(historie).to_contain_text("correctie")
    expect(historie).to_contain_text(reden)
    _axe(page)
    _bekijk(page, f"{live_server.url}/versie/{versie.pk}/status/")
    _controleer_stand(
        page,
        {
            "goedgekeurd": 3,
            "goedgekeurd met amendement": 1,
            "afgewezen": 1,
            "uitgesteld": 0,
            "nog niet beslist": 0,
        },
        len(DENDERREGIO),
        "de regel kan niet meer worden gehaald",
    )
    versie.refresh_from_db()
    assert versie.status == VersieStatus.AFGEWEZEN

    # The platform administrator reads everything but records no council's decision: no form, and a POST is 403.
    admin = get_user_model().objects.create_superuser(email="beheer@example.org", password=PASSWORD)
    _als(page, live_server, admin)
    page.goto(versie_url)
    expect(page.get_by_role("link", name=re.compile("Besluit van .* vastleggen"))).to_have_count(0)
    ninove = Raadsbesluit.objects.get(versie=versie, bestuur=w.leden["Ninove"])
    _bekijk(page, live_server.url + ninove.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Besluit van Ninove")
    expect(page.get_by_role("button", name=re.compile("vastleggen$"))).to_have_count(0)
    with page.expect_navigation() as navigatie:
        page.evaluate(
            """([datum, reden]) => {
                const form = document.createElement('form');
                form.method = 'post';
                form.action = window.location.pathname;
                const velden = {
                    csrfmiddlewaretoken: document.querySelector('input[name=csrfmiddlewaretoken]').value,
                    uitkomst: 'afgewezen', datum_raad: datum, stemmen_voor: '0', stemmen_tegen: '0',
                    onthoudingen: '0', reden: reden,
                };
                for (const [naam, waarde] of Object.entries(velden)) {
                    const input = document.createElement('input');
                    input.type = 'hidden'; input.name = naam; input.value = waarde;
                    form.appendChild(input);
                }
                document.body.appendChild(form);
                form.submit();
            }""",
            [_datum(vandaag), "beheerder"],
        )
    assert navigatie.value.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Geen toegang")  # the portal's own 403 page
    _axe(page)
    ninove.refresh_from_db()
    assert ninove.uitkomst == "goedgekeurd"
    assert ninove.registraties.count() == 1


# --- Zienswijze: Drechtsteden ------------------------------------------------------------------------------------


def _begrotingsjaar(vaststelling):
    """The budget year whose statutory GS date (before 15 September of the year before) is still ahead of the board's
    adoption on `vaststelling`: the demo stays coherent in time whatever day the test runs."""
    jaar = vaststelling.year + 1
    if vaststelling > termijnen.begroting_gs_uiterst(jaar):
        jaar += 1
    return jaar


@pytest.fixture
def drechtsteden(snel):
    vandaag = timezone.localdate()
    einde = termijnen.zienswijze_einde(vandaag)
    jaar = _begrotingsjaar(einde + datetime.timedelta(days=1))
    w, organen = _regio(
        naam="Drechtsteden",
        slug="drechtsteden",
        land=Land.NEDERLAND,
        rechtsvorm=Rechtsvorm.GEMEENSCHAPPELIJKE_REGELING,
        leden=DRECHTSTEDEN,
        # The general board (Drechtraad) adopts the budget; the daily board's secretary sends it to the councils.
        bestuur=(OrgaanSoort.REGIORAAD, "Drechtraad"),
        secretariaat_orgaan=(OrgaanSoort.DAGELIJKS_BESTUUR, "Drechtsteden Bestuur"),
        opgaven=[("Regionale strategische agenda", 240_000), ("Programmering", 160_000)],
        jaar=jaar,
    )
    services.update_regeling(
        w.regio, door=None, procedure=Procedure.ZIENSWIJZE, bestuursorgaan=organen["Drechtraad"]
    )
    versie = services.draft_jaarprogramma(
        w.regio,
        jaar,
        door=None,
        opgaven=w.opgaven,
        titel=f"Begroting en programma Drechtsteden {jaar}",
    )
    return w, versie


def test_zienswijze_route_drechtsteden(page, live_server, drechtsteden):
    w, versie = drechtsteden
    vandaag = timezone.localdate()
    versie_url = live_server.url + versie.get_absolute_url()
    status_url = f"{live_server.url}/versie/{versie.pk}/status/"

    # The secretariat (the daily board) submits the draft budget and sends it to the councils.
    _als(page, live_server, w.secretariaat, via_inlogpagina=True)
    _bekijk(page, versie_url)
    expect(page.locator("dl.facts").first).to_contain_text("zienswijze (Wgr art. 35")
    page.get_by_role("button", name="Indienen bij het bestuur").click()
    _melding(page, "De versie is ingediend bij het bestuur.")
    expect(page.locator(".status")).to_have_text("ingediend")
    _axe(page)

    # Eleven weeks is shorter than the law allows (Wgr art. 35: twelve); twelve weeks is accepted.
    twaalf_weken = vandaag + datetime.timedelta(weeks=12)
    voorleggen = page.get_by_role("form", name="Voorleggen aan de raden")
    expect(voorleggen).to_contain_text(f"Vroegst mogelijk: {date_format(twaalf_weken)}")
    voorleggen.get_by_label("Uiterste datum voor de raden").fill(
        _datum(vandaag + datetime.timedelta(weeks=11))
    )
    voorleggen.get_by_role("button", name="Voorleggen aan de raden").click()
    voorleggen = page.get_by_role("form", name="Voorleggen aan de raden")
    _fout_bij_formulier(
        page,
        voorleggen,
        "De termijn voor zienswijzen is minstens twaalf weken (Wgr art. 35): "
        f"kies {date_format(twaalf_weken)} of later.",
    )
    expect(page.locator(".status")).to_have_text("ingediend")
    _axe(page)
    voorleggen.get_by_label("Uiterste datum voor de raden").fill(_datum(twaalf_weken))
    voorleggen.get_by_role("button", name="Voorleggen aan de raden").click()
    _melding(page, "De versie ligt voor bij de raden.")
    expect(page.locator(".status")).to_have_text("voorgelegd aan de raden")
    termijnen_blok = page.locator(
        "section", has=page.get_by_role("heading", name="Termijnen van de zienswijzeprocedure")
    )
    expect(termijnen_blok.locator("dt").first).to_have_text("Zienswijzen van de raden")
    expect(termijnen_blok.locator("dd").first).to_contain_text(date_format(twaalf_weken, "j F Y"))
    _axe(page)

    # Dordrecht's council gives a view.
    zienswijze = "De raad vraagt de kosten van Netwerkbestuur te beperken tot die van de Drechtraad."
    _leg_besluit_vast(
        page,
        live_server,
        w,
        versie,
        "Dordrecht",
        "zienswijze ingediend",
        tekst=zienswijze,
        datum=vandaag,
        stemmen=(30, 9),
        axe=True,
    )

    # The general board tries to adopt before the term has ended: refused, with the reason (Wgr art. 35).
    _als(page, live_server, w.voorzitter)
    _bekijk(page, versie_url)
    vaststellen = page.get_by_role("form", name="Vaststellen door het bestuur")
    expect(vaststellen).to_contain_text("Nog 1 zienswijze te beantwoorden")
    vaststellen.get_by_label("Datum van het besluit").fill(_datum(vandaag))
    vaststellen.get_by_role("button", name="Vaststellen", exact=True).click()
    _fout_bij_formulier(
        page,
        page.get_by_role("form", name="Vaststellen door het bestuur"),
        "Het algemeen bestuur kan nog niet vaststellen: 3 raden zijn nog binnen hun termijn "
        f"(tot en met {date_format(twaalf_weken)}) en hebben nog niet gereageerd (Wgr art. 35).",
    )
    expect(page.locator(".status")).to_have_text("voorgelegd aan de raden")
    _axe(page)
    # Nor can it date its decision after the term while the term still runs: a decision is recorded once taken.
    vaststellen = page.get_by_role("form", name="Vaststellen door het bestuur")
    expect(vaststellen.get_by_label("Datum van het besluit")).to_have_value(_datum(vandaag))  # kept as typed
    vaststellen.get_by_label("Datum van het besluit").fill(_datum(twaalf_weken + datetime.timedelta(days=1)))
    vaststellen.get_by_role("button", name="Vaststellen", exact=True).click()
    _fout_bij_formulier(
        page,
        page.get_by_role("form", name="Vaststellen door het bestuur"),
        "De datum van het besluit ligt in de toekomst",
    )
    expect(page.locator(".status")).to_have_text("voorgelegd aan de raden")

    # The secretariat answers the view, from the status board, in writing and with reasons.
    _als(page, live_server, w.secretariaat)
    _bekijk(page, f"{live_server.url}/versie/{versie.pk}/statusbord/")
    dordrecht_rij = page.locator("#besluiten tbody tr", has_text="Dordrecht")
    expect(dordrecht_rij).to_contain_text("nog te beantwoorden")
    dordrecht_rij.get_by_role("link", name="Dordrecht").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Besluit van Dordrecht")
    _axe(page)
    antwoord = (
        "Het algemeen bestuur neemt de zienswijze over: Netwerkbestuur blijft binnen de huidige kosten, "
        "omdat de Drechtraad dat in de strategische agenda vroeg."
    )
    page.get_by_label("Antwoord op de zienswijze").fill(antwoord)
    page.get_by_role("button", name="Antwoord opslaan").click()
    _melding(page, "De zienswijze is beantwoord.")
    expect(page.locator("dl.facts").first).to_contain_text(antwoord)
    _axe(page)

    # Every council reads the view and the answer: Dordrecht on its decision, Sliedrecht on its own pages.
    _als(page, live_server, w.secretarissen["Dordrecht"])
    dordrecht = Raadsbesluit.objects.get(versie=versie, bestuur=w.leden["Dordrecht"])
    _bekijk(page, live_server.url + dordrecht.get_absolute_url())
    expect(page.locator("dl.facts").first).to_contain_text("Antwoord van het bestuur op de zienswijze")
    expect(page.locator("dl.facts").first).to_contain_text(antwoord)
    _als(page, live_server, w.secretarissen["Sliedrecht"])
    for url in (status_url, f"{live_server.url}/versie/{versie.pk}/mijn-gemeente/"):
        _bekijk(page, url)
        zienswijzen = page.locator(
            "section",
            has=page.get_by_role("heading", name="Zienswijzen van de raden en het antwoord van het bestuur"),
        )
        expect(zienswijzen.get_by_role("heading", name="Dordrecht")).to_be_visible()
        expect(zienswijzen).to_contain_text(zienswijze)
        expect(zienswijzen).to_contain_text(antwoord)
        expect(zienswijzen).to_contain_text(f"Verstuurd aan alle raden op {date_format(vandaag, 'j F Y')}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sliedrecht in het programma")

    # After the term the general board adopts (the clock travels; sessions do not survive twelve weeks).
    na_termijn = twaalf_weken + datetime.timedelta(days=1)
    with time_machine.travel(
        timezone.make_aware(datetime.datetime.combine(na_termijn, datetime.time(10))), tick=True
    ):
        _als(page, live_server, w.voorzitter)
        _bekijk(page, versie_url)
        # The views and their answers lie with the draft as the board receives it (Wgr art. 35 lid 4).
        zienswijzen = page.locator(
            "section",
            has=page.get_by_role("heading", name="Zienswijzen van de raden en het antwoord van het bestuur"),
        )
        expect(zienswijzen).to_contain_text(zienswijze)
        expect(zienswijzen).to_contain_text(antwoord)
        vaststellen = page.get_by_role("form", name="Vaststellen door het bestuur")
        expect(vaststellen).not_to_contain_text("te beantwoorden")
        vaststellen.get_by_label("Datum van het besluit").fill(_datum(na_termijn))
        vaststellen.get_by_label("Referentie van het besluit").fill(f"DR-{na_termijn.year}-04")
        vaststellen.get_by_role("button", name="Vaststellen", exact=True).click()
        _melding(page, "De versie is vastgesteld.")
        expect(page.locator(".status")).to_have_text("vastgesteld")
        expect(page.locator("dl.facts").first).to_contain_text(f"DR-{na_termijn.year}-04")
        _axe(page)

        # The secretariat records sending the adopted budget to gedeputeerde staten (Wgr art. 34 lid 2).
        _als(page, live_server, w.secretariaat)
        _bekijk(page, versie_url)
        gs = page.get_by_role("form", name="Verzonden aan gedeputeerde staten")
        expect(gs).to_contain_text("Wgr art. 34 lid 2")
        gs.get_by_label("Verzonden op").fill(_datum(na_termijn))
        gs.get_by_label("Kenmerk").fill("U-GS-0417")
        gs.get_by_role("button", name="Verzending vastleggen").click()
        _melding(page, "De verzending aan gedeputeerde staten is vastgelegd.")
        expect(page.get_by_role("form", name="Verzonden aan gedeputeerde staten")).to_have_count(0)
        termijnen_blok = page.locator(
            "section", has=page.get_by_role("heading", name="Termijnen van de zienswijzeprocedure")
        )
        expect(termijnen_blok).to_contain_text("Naar gedeputeerde staten")
        expect(termijnen_blok).to_contain_text(f"Verzonden op {date_format(na_termijn)}.")
        _axe(page)

        # The P&C calendar shows the GS date as done, on the day it was sent.
        gs_datum = termijnen.gs_termijn(na_termijn, versie.jaarprogramma.jaar)
        _bekijk(page, f"{live_server.url}/regio/{w.regio.slug}/pc-kalender/{gs_datum.year}/")
        rij = page.locator(f"#moment-{versie.jaarprogramma.pk}-gs")
        expect(rij).to_contain_text("Begroting naar gedeputeerde staten")
        expect(rij).to_contain_text(date_format(gs_datum, "j F Y"))
        expect(rij.locator("td.staat")).to_contain_text(f"gedaan op {date_format(na_termijn, 'j F Y')}")

    versie.refresh_from_db()
    assert versie.status == VersieStatus.VASTGESTELD
    assert versie.naar_gs_op == na_termijn
