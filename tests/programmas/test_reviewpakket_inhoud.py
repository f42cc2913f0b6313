"""The review packet with substance: per opgave its doel, resultaat, mandate and last progress next to the money.

The packet is one file for every reader of the version, so a draft opgave shows its line and nothing of its
substance. The PDF is rendered from this HTML as it stands (WeasyPrint); the tests read the HTML, as the other
packet tests do, and render it once to make sure the section prints.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from opgaven import services as opgaven_services
from opgaven.models import VoortgangStatus
from programmas import pdf

from .bouw import JAAR, programma


def _inhoud(w, opgave, naam):
    """Give `opgave` a doel, resultaat, mandate and two progress reports, each text marked with `naam`."""
    opgaven_services.update_opgave(
        opgave,
        door=None,
        doel=f"Doel van {naam}",
        resultaat=f"Resultaat van {naam}",
        opdrachtgever=w.voorzitter.lidmaatschap,
    )
    opgave.refresh_from_db()
    opgaven_services.grant_mandaat(
        opgave,
        verleend_door=w.bestuur,
        besluitdatum=datetime.date(2026, 1, 15),
        omschrijving=f"Mandaat van {naam}",
        budgetplafond=Decimal("250000"),
        begindatum=datetime.date(2026, 2, 1),
        einddatum=datetime.date(2027, 12, 31),
        door=None,
    )
    for maand, tekst in ((3, "Oude voortgang"), (6, "Laatste voortgang")):
        opgaven_services.report_voortgang(
            opgave,
            periode_eind=datetime.date(2026, maand, 30),
            status=VoortgangStatus.OP_KOERS,
            besteed=Decimal("1000"),
            toelichting=f"{tekst} van {naam}",
            door=None,
        )


@pytest.fixture
def w(wereld):
    """The world's published opgave A with substance, and a draft opgave with substance and a budget."""
    _inhoud(wereld, wereld.opgaven[0], "Opgave A")
    geheim = opgaven_services.create_opgave(wereld.regio, door=None, titel="Geheime verkenning")
    opgaven_services.add_budgetregel(geheim, door=None, jaar=JAAR, bedrag=Decimal(50_000), bron="leden")
    _inhoud(wereld, geheim, "Geheime verkenning")
    wereld.opgaven.append(geheim)
    return wereld


def _html(versie, bestuur):
    return render_to_string("programmas/pdf/reviewpakket.html", pdf.reviewpakket_context(versie, bestuur))


def test_packet_shows_doel_resultaat_mandate_and_last_progress_of_a_published_opgave(w):
    html = _html(programma(w), w.leden[0])
    for tekst in (
        "Doel van Opgave A",
        "Resultaat van Opgave A",
        "Mandaat van Opgave A",
        "Budgetplafond €\u00a0250.000,00",
        "Laatste voortgang van Opgave A",
        "Per opgave: doel, resultaat, mandaat en voortgang",
    ):
        assert tekst in html, tekst
    assert "Oude voortgang van Opgave A" not in html  # only the latest report


def test_packet_shows_nothing_of_a_draft_opgave_to_its_readers(w):
    html = _html(programma(w), w.leden[0])
    assert "Geheime verkenning" not in html
    assert "Deze opgave is niet gepubliceerd" in html
    assert "€\u00a050.000,00" in html  # its money stays: the councils pay for the line


def test_packet_with_substance_still_renders_as_pdf(w):
    assert pdf.render_reviewpakket(programma(w), w.leden[0]).startswith(b"%PDF-")


def test_substance_costs_the_same_queries_for_more_opgaven(w):
    tellingen = []
    for jaar, extra in ((JAAR, 0), (JAAR + 1, 4)):
        for i in range(extra):
            opgave = opgaven_services.create_opgave(w.regio, door=None, titel=f"Extra {i}", gepubliceerd=True)
            opgaven_services.add_budgetregel(
                opgave, door=None, jaar=jaar, bedrag=Decimal(10_000), bron="leden"
            )
            _inhoud(w, opgave, f"Extra {i}")
            w.opgaven.append(opgave)
        versie = programma(w, jaar=jaar)
        pdf.reviewpakket_context(versie, w.leden[0])
        with CaptureQueriesContext(connection) as queries:
            pdf.reviewpakket_context(versie, w.leden[0])
        tellingen.append(len(queries))
    assert tellingen[0] == tellingen[1]
