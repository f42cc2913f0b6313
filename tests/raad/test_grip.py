"""The grip pages: one council's page per partnership and the municipality's list of partnerships (issue 14, item 1).

Decision under test: the pages are public, as the region page is; each piece shows what its own app lets the reader
see (public versions for everyone, every version for the region's councils and bodies; published opgaven; items by
their visibility; documents of published agendas)."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from besturen import services as besturen_services
from besturen.models import Bestuur
from programmas.models import Bijdrage, Versie
from raad.grip.grondslag import grondslag
from tests.programmas.bouw import JAAR

from .grip_bouw import grip_wereld, raadslid_elders

pytestmark = pytest.mark.usefixtures("snelle_wachtwoorden", "media")

# Measured: the count does not depend on partnerships, years, opgaven or documents. The grip page asks the database
# (one query, kept for the request only) whether the reader may see the region's non-public pieces, never a cache;
# the municipality, its membership, its councils and whether the reader sits in one come in one query. Cold (the
# first request after `cache.clear()`, every section read from the database): at most 15 as well.
MAX_GRIP = 15
MAX_GRIP_KOUD = 15
MAX_GEMEENTE = 13


def grip_url(bestuur, regio):
    return reverse("raad:grip", kwargs={"gemeente": bestuur.code, "regio": regio.slug})


def gemeente_url(bestuur):
    return reverse("raad:gemeente", kwargs={"gemeente": bestuur.code})


def _pagina(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def w(db):
    return grip_wereld(jaren=2, documenten=2)


def test_the_grip_page_shows_form_votes_money_opgaven_decisions_dates_and_documents(client, w):
    html = _pagina(client, w.raadslid, grip_url(w.leden[0], w.regio))
    for tekst in (
        w.regio.naam,
        "Projectvereniging",
        "Decreet over het lokaal bestuur",
        "1 / 2 (50,0\u00a0%)",  # the voorzitter (leden[0]) and the bestuurslid (leden[-1]) vote in the mayors' meeting
        "Victor Voorzitter",  # who sits for leden[0]
        str(JAAR),
        str(JAAR - 1),
        "Bijdrage van Gemeente",  # the chart's title
        "<title",
        "<desc",
        "Opgave A",
        "op koers",
        "Opdrachten tot het plafond gunnen.",
        "nog niet beslist",
        "Uiterste datum voor de raden",
        "Openbaar stuk 2",
        "Raadsvoorstel 2.pdf",
        "Stuk voor de raden",  # the region's councils read its non-public items
        "U zit in de raad van",
    ):
        assert tekst in html, tekst


def test_the_contribution_is_the_frozen_figure_not_a_recomputation(client, w):
    bestuur = w.leden[0]
    versie = w.versies[0]
    centen = sum(Bijdrage.objects.filter(versie=versie, bestuur=bestuur).values_list("centen", flat=True))
    Bestuur.objects.filter(pk=bestuur.pk).update(inwoners=bestuur.inwoners * 5)  # today's figure changes
    html = _pagina(client, None, grip_url(bestuur, w.regio))
    bedrag = f"{Decimal(centen) / 100:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    assert bedrag in html


def test_the_municipality_page_lists_every_partnership_with_a_summary_and_a_link(client, db):
    w = grip_wereld(regios=3)
    html = _pagina(client, None, gemeente_url(w.leden[0]))
    for regio in [w.regio, *w.andere_regios]:
        assert grip_url(w.leden[0], regio) in html
    assert "1 open besluit" in html
    assert f"bijdrage {JAAR}" in html


# --- Who sees what ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("wie", ["anoniem", "raadslid_elders"])
def test_outsiders_see_the_public_page_without_the_councils_items(client, w, wie):
    user = raadslid_elders() if wie == "raadslid_elders" else None
    html = _pagina(client, user, grip_url(w.leden[0], w.regio))
    assert "Openbaar stuk 1" in html
    assert "Stuk voor de raden" not in html
    assert "U zit in de raad van" not in html


def test_a_non_public_version_counts_only_for_the_regions_councils(client, w):
    Versie.objects.filter(pk=w.versies[1].pk).update(openbaar=False)
    jaar = f"{JAAR - 1}</th>"
    assert jaar in _pagina(client, w.raadslid, grip_url(w.leden[0], w.regio))
    assert jaar not in _pagina(client, raadslid_elders(), grip_url(w.leden[0], w.regio))
    assert jaar not in _pagina(client, None, grip_url(w.leden[0], w.regio))


def test_an_unpublished_opgave_is_not_shown_to_the_public(client, w):
    w.opgaven[1].gepubliceerd = False
    w.opgaven[1].save(update_fields=["gepubliceerd"])
    assert "Opgave B" not in _pagina(client, None, grip_url(w.leden[0], w.regio))


def test_unknown_municipality_or_a_region_it_is_not_in_is_404(client, w):
    andere = grip_wereld(leden=2)
    assert client.get(reverse("raad:gemeente", kwargs={"gemeente": "ONBEKEND"})).status_code == 404
    assert client.get(grip_url(w.leden[0], andere.regio)).status_code == 404
    besturen_services.end_deelname(
        w.regio.deelnames.get(bestuur=w.leden[1]), einddatum=w.regio.deelnames.first().begindatum, door=None
    )
    assert client.get(grip_url(w.leden[1], w.regio)).status_code == 404


# --- Links from the lower apps' pages -----------------------------------------------------------------------------


def test_the_government_page_and_my_municipality_link_to_the_grip_pages(client, w):
    assert gemeente_url(w.leden[0]) in _pagina(client, None, w.leden[0].get_absolute_url())
    mijn = reverse("programmas:mijn_gemeente", args=[w.versies[0].pk])
    assert grip_url(w.leden[0], w.regio) in _pagina(client, w.raadslid, mijn)


# --- Query counts -------------------------------------------------------------------------------------------------


def _tel(client, user, url, django_assert_max_num_queries, maximum, *, koud=False):
    client.logout()
    if user is not None:
        client.force_login(user)
    client.get(url)  # warms the process-wide caches (content types), which the first world would pay alone
    if koud:
        cache.clear()  # the first request after a change: every cached section and page read afresh
    with django_assert_max_num_queries(maximum) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_partnerships_years_and_documents(
    client, db, django_assert_max_num_queries
):
    klein = grip_wereld(jaren=1, regios=1, documenten=1, leden=2)
    groot = grip_wereld(jaren=4, regios=4, documenten=6, leden=5)
    tellingen = {}
    for naam, wereld in (("klein", klein), ("groot", groot)):
        bestuur = wereld.leden[0]
        for user in (wereld.raadslid, None):
            tellingen[naam, "grip-koud", user is None] = _tel(
                client,
                user,
                grip_url(bestuur, wereld.regio),
                django_assert_max_num_queries,
                MAX_GRIP_KOUD,
                koud=True,
            )
            tellingen[naam, "grip", user is None] = _tel(
                client, user, grip_url(bestuur, wereld.regio), django_assert_max_num_queries, MAX_GRIP
            )
            tellingen[naam, "gemeente", user is None] = _tel(
                client, user, gemeente_url(bestuur), django_assert_max_num_queries, MAX_GEMEENTE
            )
    for pagina in ("grip-koud", "grip", "gemeente"):
        for anoniem in (True, False):
            assert tellingen["klein", pagina, anoniem] == tellingen["groot", pagina, anoniem], (
                pagina,
                anoniem,
            )


def test_every_legal_form_of_the_portal_has_a_basis_but_another_form():
    from besturen.models import Rechtsvorm

    assert all(grondslag(vorm) for vorm in Rechtsvorm.values if vorm != Rechtsvorm.ANDERS)
    assert grondslag(Rechtsvorm.ANDERS) == ""
