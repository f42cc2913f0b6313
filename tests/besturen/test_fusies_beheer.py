"""The platform administrator's screen to record a merger, and the link from a region's management page to the seats
its secretariat still has to review after a merger."""

import datetime

import pytest
from django.urls import reverse

from besturen import fusies
from besturen.models import Bestuur, Deelname, Fusie, Rol
from besturen.selectors import regio_leden
from regioportaal.models import ActionLog
from tests.factories import gemeente, maak_gebruiker

pytestmark = pytest.mark.django_db

FUSIEDATUM = datetime.date(2025, 1, 1)
URL = reverse("besturen:fusie_nieuw")


def gegevens(w, **velden):
    """A valid merger of Aalst and Lede into a new municipality, as posted by the screen."""
    return {
        "datum": "2025-01-01",
        "voorgangers": [w.aalst.pk, w.lede.pk],
        "opnemer": "",
        "naam": "Aalst-Lede",
        "code": "41100",
        "provincie": "Oost-Vlaanderen",
        **velden,
    }


def stand():
    return Bestuur.objects.count(), Fusie.objects.count(), ActionLog.objects.count()


# --- Who may -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "wie,status",
    [
        ("platformbeheerder", 200),
        ("secretariaat", 403),
        ("voorzitter", 403),
        ("raadssecretaris", 403),
        ("buitenstaander", 403),
        ("anoniem", 302),
    ],
)
def test_only_the_platform_administrator_opens_the_screen(world, client, wie, status):
    if world.users[wie] is not None:
        client.force_login(world.users[wie])
    assert client.get(URL).status_code == status
    if status != 200:
        voor = stand()
        assert client.post(URL, gegevens(world)).status_code == status
        assert stand() == voor


# --- Recording -----------------------------------------------------------------------------------------------------


def test_the_platform_administrator_records_a_merger_into_a_new_municipality(world, client):
    w = world
    client.force_login(w.platformbeheerder)
    response = client.post(URL, gegevens(w))
    opvolger = Bestuur.objects.get(code="41100")
    assert response.status_code == 302 and response.url == opvolger.get_absolute_url()
    assert (opvolger.naam, opvolger.land, opvolger.provincie) == ("Aalst-Lede", "BE", "Oost-Vlaanderen")
    fusie = Fusie.objects.get(opvolger=opvolger)
    assert fusie.datum == FUSIEDATUM and fusie.nieuw_bestuur
    assert set(fusie.voorgangers.all()) == {w.aalst, w.lede}
    assert [d.bestuur for d in regio_leden(w.dender, day=FUSIEDATUM)] == [opvolger]
    assert ActionLog.objects.filter(actie="fusie vastgelegd", object_id=str(opvolger.pk)).count() == 1
    pagina = client.get(response.url).content.decode()
    assert "Fusie tot Aalst-Lede op 1 januari 2025 vastgelegd." in pagina
    assert "Ontstaan op 1 januari 2025 uit" in pagina


def test_a_predecessor_that_absorbs_the_others_keeps_its_code(world, client):
    w = world
    client.force_login(w.platformbeheerder)
    response = client.post(URL, gegevens(w, opnemer=w.aalst.pk, naam="", code="", provincie=""))
    assert response.status_code == 302 and response.url == w.aalst.get_absolute_url()
    fusie = Fusie.objects.get()
    assert fusie.opvolger == w.aalst and not fusie.nieuw_bestuur
    assert list(fusie.voorgangers.all()) == [w.lede]
    assert Deelname.objects.filter(regio=w.dender, bestuur=w.aalst).count() == 1


# --- Refusals: next to the field, nothing changed ------------------------------------------------------------------


@pytest.mark.parametrize(
    "velden,veld,fout",
    [
        ({"voorgangers": []}, "voorgangers", "Dit veld is verplicht."),
        ({"datum": "1 januari"}, "datum", "Voer een geldige datum in."),
        ({"naam": ""}, "naam", "Vul de naam van de nieuwe gemeente in"),
        ({"code": "ABC"}, "code", "‘ABC’ is geen officiële code van een gemeente in België."),
        ({"code": "41034"}, "code", "Er is al een gemeente met code 41034"),
        ({"opnemer": "dordrecht"}, "opnemer", "Kies een van de voorgangers hierboven, of laat leeg."),
        ({"opnemer": "aalst"}, "naam", "Laat leeg wanneer een voorganger de andere opneemt"),
        ({"voorgangers": ["aalst", "dordrecht"]}, "voorgangers", "Alle voorgangers van een fusie horen bij"),
        ({"voorgangers": ["aalst"]}, "voorgangers", "Een fusie heeft minstens twee voorgangers."),
    ],
)
def test_bad_input_is_shown_next_to_its_field_and_changes_nothing(world, client, velden, veld, fout):
    w = world
    besturen = {"aalst": w.aalst.pk, "lede": w.lede.pk, "dordrecht": w.dordrecht.pk}
    for naam, waarde in velden.items():
        if naam in ("voorgangers",):
            velden[naam] = [besturen[b] for b in waarde]
        elif naam == "opnemer":
            velden[naam] = besturen[waarde]
    client.force_login(w.platformbeheerder)
    voor = stand()
    response = client.post(URL, gegevens(w, **velden))
    assert response.status_code == 422
    assert stand() == voor
    pagina = response.content.decode()
    foutblok = pagina.split(f'id="id_{veld}_error"', 1)[1].split("</div>", 1)[0]
    assert fout in foutblok


def test_a_municipality_that_merged_already_is_no_choice(world, client):
    w = world
    fusies.record_fusie(
        datum=FUSIEDATUM, voorgangers=[w.aalst, w.lede], opvolger=gemeente("Aalst-Lede", "41100"), door=None
    )
    client.force_login(w.platformbeheerder)
    pagina = client.get(URL).content.decode()
    assert "Aalst (41002, België)" not in pagina and "Aalst-Lede (41100, België)" in pagina
    voor = stand()
    response = client.post(URL, gegevens(w, code="41101", naam="Nog eens"))
    assert response.status_code == 422 and stand() == voor
    assert "Selecteer een geldige keuze" in response.content.decode().split('id="id_voorgangers_error"')[1]


@pytest.mark.parametrize("aantal", [2, 25])
def test_the_screen_queries_do_not_grow_with_the_municipalities(
    world, client, django_assert_max_num_queries, aantal
):
    for i in range(aantal):
        gemeente(f"Gemeente {i}", f"{45000 + i}")
    client.force_login(world.platformbeheerder)
    with django_assert_max_num_queries(8):
        response = client.get(URL)
    assert response.content.decode().count(">Gemeente ") == 2 * aantal  # predecessors and absorbing one
    with django_assert_max_num_queries(10):
        assert client.post(URL, gegevens(world, code="X")).status_code == 422


# --- The link on the region's management page ----------------------------------------------------------------------


def beheer(client, w):
    return client.get(reverse("besturen:regio_beheer", kwargs={"slug": w.dender.slug})).content.decode()


def test_the_management_page_links_to_the_seats_to_review_with_their_count(world, client):
    w = world
    link = reverse("besturen:fusies_regio", kwargs={"slug": w.dender.slug})
    client.force_login(w.secretariaat)
    assert link not in beheer(client, w)
    fusie = fusies.record_fusie(
        datum=FUSIEDATUM, voorgangers=[w.aalst, w.lede], opvolger=gemeente("Aalst-Lede", "41100"), door=None
    )
    assert "Fusies van leden: 2 zetels te herzien" in beheer(
        client, w
    )  # the chair for Aalst, the member for Lede
    fusies.review_zetels(
        fusie, w.dender, {w.voorzitter.lidmaatschap.pk: fusies.VERPLAATSEN}, door=w.secretariaat
    )
    assert "Fusies van leden: 1 zetel te herzien" in beheer(client, w)
    fusies.review_zetels(fusie, w.dender, {w.lid.lidmaatschap.pk: fusies.BEEINDIGEN}, door=w.secretariaat)
    assert link not in beheer(client, w)
    # Another region's secretariat does not see the page at all.
    client.force_login(w.secretariaat_drecht)
    assert client.get(reverse("besturen:regio_beheer", kwargs={"slug": w.dender.slug})).status_code == 403


@pytest.mark.parametrize("aantal", [1, 15])
def test_the_count_costs_one_query_whatever_the_seats(world, client, django_assert_num_queries, aantal):
    w = world
    for i in range(aantal):
        maak_gebruiker(w.dbo, Rol.PLAATSVERVANGER, f"Piet{i}", "Plaatsvervanger", namens=w.lede)
    fusies.record_fusie(
        datum=FUSIEDATUM, voorgangers=[w.aalst, w.lede], opvolger=gemeente("Aalst-Lede", "41100"), door=None
    )
    from besturen.views_fusies_beheer import zetels_te_herzien

    with django_assert_num_queries(1):
        assert zetels_te_herzien(w.dender) == aantal + 2
