"""The layout from 320 px up: the main pages never scroll sideways (only tables scroll, inside focusable, labelled
regions), and every table the portal renders sits in such a region."""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import timezone

from programmas.models import VersieStatus
from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_overflow, login
from tests.factories import PASSWORD
from tests.programmas.bouw import bouw_regio, programma
from vergaderingen import services as vergader_services

REPO = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [
    REPO / "templates",
    *(REPO / app / "templates" for app in ("besturen", "opgaven", "programmas", "vergaderingen")),
]
# Templates rendered to PDF (WeasyPrint pages, not screens) or mail: nothing scrolls there.
NIET_OP_SCHERM = re.compile(r"(^|/)(pdf/|mail/|admin/)|_pdf\.html$|\.txt$")


@pytest.fixture
def regio(snelle_wachtwoorden, media):
    """Two members, the mayors' meeting, two opgaven, the programme before the councils, and a published agenda."""
    w = bouw_regio(2)
    w.versie = programma(w, tot=VersieStatus.VOORGELEGD)
    begin = timezone.localtime() + datetime.timedelta(days=7)
    w.vergadering = vergader_services.plan_vergadering(
        w.bestuur,
        begin=begin,
        einde=begin + datetime.timedelta(hours=2),
        locatie="Stadhuis, Grote Markt 1, 9300 Aalst",
        door=w.secretariaat,
    )
    vergader_services.add_agendapunt(
        w.vergadering,
        titel="Jaarprogramma en kostenverdeling voor alle deelnemende gemeenten van de regio",
        toelichting="Een lange toelichting die op een smal scherm moet afbreken in plaats van de pagina te verbreden.",
        opgave=w.opgaven[0],
        door=w.secretariaat,
    )
    vergader_services.publish_agenda(w.vergadering, door=w.secretariaat)
    return w


def _hoofdpaginas(w):
    return {
        "home": "/",
        "regio": w.regio.get_absolute_url(),
        "orgaan": w.bestuur.get_absolute_url(),
        "vergadering": w.vergadering.get_absolute_url(),
        "opgaven": f"/regio/{w.regio.slug}/opgaven/",
        "opgave": w.opgaven[0].get_absolute_url(),
        "versie": w.versie.get_absolute_url(),
        "statusbord": f"/versie/{w.versie.pk}/statusbord/",
        "mijn gemeente": f"/versie/{w.versie.pk}/mijn-gemeente/",
    }


def test_the_main_pages_do_not_scroll_sideways_at_320_px(page, live_server, regio):
    """Seen by the secretariat (every button and form it has) and by a council member (their own municipality)."""
    login(page, live_server, regio.secretariaat.email, PASSWORD)
    paginas = _hoofdpaginas(regio)
    for naam, pad in paginas.items():
        if naam == "mijn gemeente":
            continue
        response = page.goto(live_server.url + pad)
        assert response.status == 200, naam
        assert_no_horizontal_overflow(page, 320)
    page.context.clear_cookies()
    login(page, live_server, regio.raadslid.email, PASSWORD)
    page.goto(live_server.url + paginas["mijn gemeente"])
    assert_no_horizontal_overflow(page, 320)
    assert_no_axe_violations(page)


def test_the_header_and_navigation_work_at_320_px(page, live_server, regio):
    login(page, live_server, regio.secretariaat.email, PASSWORD)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + regio.regio.get_absolute_url())
    for naam in ("Regio's", "Uitloggen", "Wissel taal"):
        element = page.get_by_role("link", name=naam).or_(page.get_by_role("button", name=naam)).first
        element.scroll_into_view_if_needed()
        box = element.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320, naam
    page.get_by_role("link", name="Regio's").click()
    assert page.url.rstrip("/") == live_server.url.rstrip("/")


def _tabellen_buiten_een_regio():
    """Every <table> in a screen template whose nearest wrapper is not a focusable, labelled scroll region."""
    fout = []
    tags = re.compile(r"<(/?div|table)\b([^>]*)>", re.S)
    for directory in TEMPLATE_DIRS:
        for path in sorted(directory.rglob("*.html")):
            relative = path.relative_to(REPO).as_posix()
            if NIET_OP_SCHERM.search(relative):
                continue
            text = path.read_text(encoding="utf-8")
            open_divs = []
            for match in tags.finditer(text):
                tag, attrs = match.groups()
                if tag == "div":
                    open_divs.append(attrs)
                    continue
                if tag == "/div":
                    if open_divs:
                        open_divs.pop()
                    continue
                wrapper = open_divs[-1] if open_divs else ""
                region = (
                    "table-scroll" in wrapper
                    and 'tabindex="0"' in wrapper
                    and 'role="region"' in wrapper
                    and ("aria-label=" in wrapper or "aria-labelledby=" in wrapper)
                )
                if not region:
                    line = text[: match.start()].count("\n") + 1
                    fout.append(f"{relative}:{line}")
    return fout


def test_every_table_scrolls_inside_a_focusable_labelled_region():
    fout = _tabellen_buiten_een_regio()
    assert not fout, (
        'Tables outside <div class="table-scroll" tabindex="0" role="region" aria-label(ledby)="…">:\n'
        + "\n".join(f"- {plek}" for plek in fout)
    )
