"""An unpublished opgave on a programme line stays hidden from whoever may not read it.

A draft opgave is for the region's own bodies and secretariat (`opgaven.selectors.visible_opgave_ids`). Its line in
a programme shows its budget and shares to every reader of the version, but a council member or the public read
"niet-gepubliceerde opgave" where its title would be: on the version page, the comparison of two versions, "mijn
gemeente", the questions, the CSV and Excel exports, the review packet and the public status page. Each page asks
for every line at once: the same number of queries for one draft line as for six.
"""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from besturen import services as besturen_services
from besturen.models import Rol
from opgaven import services as opgaven_services
from programmas import pdf, services
from programmas.models import Versie, VersieStatus
from tests.factories import BEGIN

from .bouw import JAAR, programma

S = VersieStatus
GEHEIM = "Geheime verkenning"
VERBORGEN = "niet-gepubliceerde opgave"


def _concept(w, *, n_geheim=1):
    """A draft opgave (or several) with a budget, besides the world's published ones."""
    for i in range(n_geheim):
        opgave = opgaven_services.create_opgave(w.regio, door=None, titel=f"{GEHEIM} {i}" if i else GEHEIM)
        opgaven_services.add_budgetregel(opgave, door=None, jaar=JAAR, bedrag=Decimal(50_000), bron="leden")
        w.opgaven.append(opgave)
    return w


@pytest.fixture
def w(wereld):
    return _concept(wereld)


@pytest.fixture
def raadslid_in_bestuur(w):
    """A council member of leden[1] who also sits in the region's mayors' meeting: they may read the draft."""
    user = w.raadssecretaris_b
    besturen_services.add_lidmaatschap(
        persoon=user.persoon,
        orgaan=w.bestuur,
        rol=Rol.LID,
        namens=w.leden[1],
        begindatum=BEGIN,
        door=None,
    )
    return user


def _page(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def _text(client, user, url):
    return _page(client, user, url).content.decode()


# --- The version page ------------------------------------------------------------------------------------------------


def test_the_region_reads_the_drafts_title_on_the_version_page(client, w):
    versie = programma(w)
    for wie in (w.secretariaat, w.bestuurslid):
        page = _text(client, wie, versie.get_absolute_url())
        assert GEHEIM in page and VERBORGEN not in page
        assert "50.000" in page  # the line's budget


def test_a_council_member_and_the_public_read_the_line_without_the_drafts_title(client, w):
    concept = programma(w)
    page = _text(client, w.raadslid, concept.get_absolute_url())
    assert GEHEIM not in page and VERBORGEN in page and "50.000" in page
    openbaar = programma(w, jaar=JAAR + 1, tot=S.VOORGELEGD)
    for wie in (w.raadslid, w.buitenstaander, None):
        page = _text(client, wie, openbaar.get_absolute_url())
        assert GEHEIM not in page and VERBORGEN in page


def test_the_version_page_asks_for_every_title_at_once(client, wereld):
    """One draft line or six: the same number of queries for a reader who may not see them."""
    tellingen = []
    for n in (1, 6):
        w = _concept(wereld, n_geheim=n)
        versie = programma(w, jaar=JAAR + n)
        client.force_login(w.raadslid)
        client.get(versie.get_absolute_url())  # warm the process-wide caches
        with CaptureQueriesContext(connection) as queries:
            assert VERBORGEN in client.get(versie.get_absolute_url()).content.decode()
        tellingen.append(len(queries))
        wereld.opgaven[:] = wereld.opgaven[:2]
    assert tellingen[0] == tellingen[1]


# --- Comparing two versions ------------------------------------------------------------------------------------------


def _twee_versies(w):
    """Version 1 without the draft, version 2 with it added and a published line changed."""
    geheim = w.opgaven.pop()
    eerste = programma(w, tot=S.VASTGESTELD)
    tweede = services.new_versie(eerste, door=None)
    services.add_regel(tweede, opgave=geheim, bedrag=Decimal("50000"), door=None)
    services.update_regel(tweede.regels.get(opgave=w.opgaven[0]), bedrag=Decimal("123456"), door=None)
    Versie.objects.filter(pk__in=[eerste.pk, tweede.pk]).update(openbaar=True)
    return reverse("programmas:vergelijk", args=[tweede.pk]) + f"?met={eerste.pk}"


def test_the_comparison_names_the_added_draft_only_to_the_region(client, w):
    url = _twee_versies(w)
    page = _text(client, w.secretariaat, url)
    assert GEHEIM in page and "Opgave A" in page
    for wie in (w.raadslid, None):
        page = _text(client, wie, url)
        assert GEHEIM not in page and VERBORGEN in page
        assert "Opgave A" in page and "123.456" in page  # a published line keeps its title


# --- My municipality and the questions ------------------------------------------------------------------------------


def _met_vraag(w):
    versie = programma(w, tot=S.VOORGELEGD)
    regel = versie.regels.get(opgave__titel=GEHEIM)
    services.ask_question(versie, tekst="Wat houdt deze regel in?", door=w.raadslid, regel=regel)
    return versie


def test_my_municipality_hides_the_drafts_title_from_a_council_member(client, w):
    versie = _met_vraag(w)
    page = _text(client, w.raadslid, reverse("programmas:mijn_gemeente", args=[versie.pk]))
    assert GEHEIM not in page and VERBORGEN in page
    assert f">{VERBORGEN}</option>" in page  # the form's choice of a line to ask about
    assert "Wat houdt deze regel in?" in page


def test_my_municipality_names_the_draft_for_a_council_member_who_sits_in_the_board(
    client, w, raadslid_in_bestuur
):
    versie = _met_vraag(w)
    url = reverse("programmas:mijn_gemeente", args=[versie.pk])
    page = _text(client, raadslid_in_bestuur, url + f"?bestuur={w.leden[1].pk}")
    assert GEHEIM in page and VERBORGEN not in page


def test_the_questions_page_names_the_draft_only_to_the_region(client, w):
    versie = _met_vraag(w)
    url = reverse("programmas:vragen", args=[versie.pk])
    assert GEHEIM in _text(client, w.secretariaat, url)
    for wie in (w.raadslid, None):
        page = _text(client, wie, url)
        assert GEHEIM not in page and VERBORGEN in page


# --- Exports --------------------------------------------------------------------------------------------------------


def _csv(client, user, versie):
    response = _page(client, user, reverse("programmas:verdeling_csv", args=[versie.pk]))
    return b"".join(response.streaming_content).decode("utf-8-sig")


def _xlsx_koppen(client, user, versie):
    response = _page(client, user, reverse("programmas:verdeling_xlsx", args=[versie.pk]))
    blad = load_workbook(io.BytesIO(response.content)).active
    return [cel.value for cel in next(blad.iter_rows(max_row=1))]


def test_the_exports_name_the_draft_for_the_secretariat(client, w):
    versie = programma(w)
    assert GEHEIM in _csv(client, w.secretariaat, versie)
    assert GEHEIM in _xlsx_koppen(client, w.secretariaat, versie)


def test_the_exports_hide_the_drafts_title_from_a_council_member_and_the_public(client, w):
    concept = programma(w)
    csv = _csv(client, w.raadslid, concept)
    assert GEHEIM not in csv and VERBORGEN in csv and "Opgave A" in csv
    koppen = _xlsx_koppen(client, w.raadslid, concept)
    assert GEHEIM not in koppen and VERBORGEN in koppen
    openbaar = programma(w, jaar=JAAR + 1, tot=S.VOORGELEGD)
    assert GEHEIM not in _csv(client, None, openbaar)
    assert GEHEIM not in _xlsx_koppen(client, None, openbaar)


def test_the_csv_export_asks_for_every_title_at_once(client, wereld):
    tellingen = []
    for n in (1, 6):
        w = _concept(wereld, n_geheim=n)
        versie = programma(w, jaar=JAAR + n)
        url = reverse("programmas:verdeling_csv", args=[versie.pk])
        client.force_login(w.raadslid)
        b"".join(client.get(url).streaming_content)
        with CaptureQueriesContext(connection) as queries:
            assert VERBORGEN in b"".join(client.get(url).streaming_content).decode("utf-8-sig")
        tellingen.append(len(queries))
        wereld.opgaven[:] = wereld.opgaven[:2]
    assert tellingen[0] == tellingen[1]


# --- The review packet and the public status page -------------------------------------------------------------------


def test_the_review_packet_names_only_published_opgaven_whoever_asked_for_it(w):
    """One file per council, downloadable by every reader of the version: a draft's title is never in it."""
    versie = _met_vraag(w)
    context = pdf.reviewpakket_context(versie, w.leden[0])
    titels = [regel.titel for regel in context["tabel"].regels]
    assert GEHEIM not in titels and VERBORGEN in titels and "Opgave A" in titels
    assert [vraag.regel.titel for vraag in context["vragen"]] == [VERBORGEN]
    from django.template.loader import render_to_string

    html = render_to_string("programmas/pdf/reviewpakket.html", context)
    assert GEHEIM not in html and VERBORGEN in html and "Opgave A" in html


def test_the_review_packet_context_costs_the_same_for_more_draft_lines(wereld):
    tellingen = []
    for n in (1, 6):
        w = _concept(wereld, n_geheim=n)
        versie = programma(w, jaar=JAAR + n)
        pdf.reviewpakket_context(versie, w.leden[0])
        with CaptureQueriesContext(connection) as queries:
            pdf.reviewpakket_context(versie, w.leden[0])
        tellingen.append(len(queries))
        wereld.opgaven[:] = wereld.opgaven[:2]
    assert tellingen[0] == tellingen[1]


def test_the_public_status_page_never_names_the_draft(client, w):
    versie = programma(w, tot=S.VOORGELEGD)
    url = reverse("programmas:status", args=[versie.pk])
    for wie in (w.secretariaat, w.raadslid, None):
        page = _text(client, wie, url)
        assert GEHEIM not in page and w.leden[0].naam in page
