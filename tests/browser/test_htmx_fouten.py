"""Error answers in a real browser. Every htmx form that answers 422 with its errors gets them shown next to the
field (htmx 2 would drop a 4xx without the portal's `responseHandling`); a refused page is the portal's own 403."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations, login
from tests.factories import PASSWORD, UserFactory
from vergaderingen import services as vergader_services


@pytest.fixture
def dbo(world):
    """The shared world's DBO (tests/wereld.py), its secretariat at hand."""
    world.dbo.secretariaat = world.secretariaat
    return world.dbo


def _verstuur_ongeldig(page, knop, verwacht_pad):
    """Click `knop`; the form must go through htmx and be answered 422, without leaving the page."""
    with page.expect_response(lambda r: r.request.method == "POST") as antwoord:
        page.get_by_role("button", name=knop, exact=True).click()
    response = antwoord.value
    assert response.status == 422
    assert response.request.headers.get("hx-request") == "true"
    assert page.url.endswith(verwacht_pad)


def _fout_bij_veld(page, veld_id, tekst):
    """The message is in the field's own error list, in the same block as the field and its label."""
    expect(page.locator(f".field.field-error:has(#{veld_id}) .errorlist")).to_contain_text(tekst)
    expect(page.locator(f"#{veld_id}")).to_be_visible()


def test_member_form_shows_its_errors_next_to_the_fields(page, live_server, dbo):
    login(page, live_server, dbo.secretariaat.email, PASSWORD)
    pad = f"/orgaan/{dbo.pk}/leden/"
    page.goto(live_server.url + pad)
    page.get_by_label("E-mailadres").fill("geen-adres")
    _verstuur_ongeldig(page, "Lid toevoegen", pad)
    _fout_bij_veld(page, "id_voornaam", "Dit veld is verplicht.")
    _fout_bij_veld(page, "id_achternaam", "Dit veld is verplicht.")
    _fout_bij_veld(page, "id_email", "geldig e-mailadres")
    expect(page.get_by_label("E-mailadres")).to_have_value("geen-adres")
    assert_no_axe_violations(page)


def test_region_form_shows_its_errors_next_to_the_field(page, live_server, dbo):
    login(page, live_server, dbo.secretariaat.email, PASSWORD)
    pad = f"/regio/{dbo.regio.slug}/beheer/"
    page.goto(live_server.url + pad)
    page.get_by_label("Afkorting").fill("WG")
    _verstuur_ongeldig(page, "Orgaan toevoegen", pad)
    _fout_bij_veld(page, "id_naam", "Dit veld is verplicht.")
    expect(page.get_by_label("Afkorting")).to_have_value("WG")
    assert_no_axe_violations(page)


def test_agenda_builder_shows_its_errors_next_to_the_field(page, live_server, dbo):
    morgen = timezone.localtime() + datetime.timedelta(days=1)
    vergadering = vergader_services.plan_vergadering(
        dbo,
        begin=morgen,
        einde=morgen + datetime.timedelta(hours=2),
        locatie="Stadhuis Aalst",
        door=dbo.secretariaat,
    )
    login(page, live_server, dbo.secretariaat.email, PASSWORD)
    pad = f"/vergadering/{vergadering.pk}/agenda/"
    page.goto(live_server.url + pad)
    page.get_by_label("Toelichting").fill("Zonder titel kan het niet.")
    _verstuur_ongeldig(page, "Punt toevoegen", pad)
    _fout_bij_veld(page, "id_titel", "Dit veld is verplicht.")
    expect(page.get_by_label("Toelichting")).to_have_value("Zonder titel kan het niet.")
    assert_no_axe_violations(page)


def test_a_refused_page_is_the_portals_own_403(page, live_server, dbo):
    buitenstaander = UserFactory(first_name="Bram", last_name="Buitenstaander")
    login(page, live_server, buitenstaander.email, PASSWORD)
    pad = f"/regio/{dbo.regio.slug}/beheer/"
    response = page.goto(live_server.url + pad)
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Geen toegang")
    expect(page.get_by_role("link", name="Inloggen als iemand anders")).to_have_attribute(
        "href", f"/inloggen/?next={pad}"
    )
    expect(page.get_by_role("link", name="Terug naar de startpagina")).to_be_visible()
    assert_no_axe_violations(page)


def test_an_htmx_action_refused_with_403_shows_the_portals_message(page, live_server, dbo):
    login(page, live_server, dbo.secretariaat.email, PASSWORD)
    pad = f"/orgaan/{dbo.pk}/leden/"
    page.goto(live_server.url + pad)
    melding = page.locator("#htmx-melding")
    expect(melding).to_be_hidden()
    # While the page is open, the secretary loses the role (the seat ended elsewhere): the next post is refused.
    dbo.secretariaat.groups.clear()
    with page.expect_response(lambda r: r.request.method == "POST") as antwoord:
        page.get_by_role("button", name="Lid toevoegen", exact=True).click()
    assert antwoord.value.status == 403
    assert antwoord.value.request.headers.get("hx-request") == "true"
    expect(melding).to_be_visible()
    expect(melding).to_have_attribute("role", "alert")
    expect(melding).to_contain_text("Geen toegang")
    expect(melding).to_contain_text("U mag deze pagina niet bekijken of deze handeling niet uitvoeren.")
    assert page.url.endswith(pad)
    assert_no_axe_violations(page)


def test_a_csrf_failure_shows_the_portals_page_with_a_way_back(page, live_server):
    page.goto(live_server.url + "/inloggen/")
    page.context.clear_cookies()  # the form's CSRF cookie is gone, as after a long pause in another browser
    page.get_by_label("E-mailadres").fill("iemand@example.org")
    page.locator("input[name='password']").fill("een-wachtwoord-van-lengte")
    with page.expect_response(lambda r: r.request.method == "POST") as antwoord:
        page.get_by_role("button", name="Inloggen").click()
    assert antwoord.value.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Formulier verlopen")
    expect(page.get_by_text("Er is niets opgeslagen.")).to_be_visible()
    expect(page.get_by_role("link", name="Terug naar het formulier")).to_have_attribute(
        "href", live_server.url + "/inloggen/"
    )
    expect(page.get_by_role("link", name="Terug naar de startpagina")).to_be_visible()
    assert_no_axe_violations(page)
