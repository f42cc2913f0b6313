import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from besturen.models import Rol
from tests.factories import (
    PASSWORD,
    BestuurFactory,
    DeelnameFactory,
    LidmaatschapFactory,
    OrgaanFactory,
    RegioFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_home_lists_every_region_with_member_count_and_population(client, django_assert_max_num_queries):
    regio = RegioFactory(naam="Denderregio")
    DeelnameFactory(regio=regio, bestuur=BestuurFactory(inwoners=87332))
    DeelnameFactory(regio=regio, bestuur=BestuurFactory(inwoners=20551))
    RegioFactory(naam="Drechtsteden")
    with django_assert_max_num_queries(1):
        response = client.get(reverse("besturen:home"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Denderregio" in content and "Drechtsteden" in content
    assert "2 leden" in content
    assert "107.883 inwoners" in content


def test_region_page_shows_members_with_population_and_share(client, django_assert_max_num_queries):
    regio = RegioFactory(naam="Denderregio")
    DeelnameFactory(regio=regio, bestuur=BestuurFactory(naam="Aalst", inwoners=30000))
    DeelnameFactory(regio=regio, bestuur=BestuurFactory(naam="Lede", inwoners=10000))
    DeelnameFactory(
        regio=regio,
        bestuur=BestuurFactory(naam="Vertrokken", inwoners=5000),
        einddatum=datetime.date(2020, 1, 1),
    )
    OrgaanFactory(regio=regio, naam="Burgemeestersoverleg Denderregio")
    with django_assert_max_num_queries(3):
        response = client.get(regio.get_absolute_url())
    content = response.content.decode()
    assert "Aalst" in content and "Lede" in content
    assert "Vertrokken" not in content
    assert "30.000" in content and "75,0\xa0%" in content and "25,0\xa0%" in content
    assert "40.000" in content
    assert "Burgemeestersoverleg Denderregio" in content


def test_region_page_of_unknown_region_is_404(client):
    assert client.get(reverse("besturen:regio", kwargs={"slug": "bestaat-niet"})).status_code == 404


def test_region_members_are_paginated_beyond_fifty(client):
    regio = RegioFactory()
    DeelnameFactory.create_batch(55, regio=regio)
    first = client.get(regio.get_absolute_url()).content.decode()
    second = client.get(regio.get_absolute_url() + "?pagina=2").content.decode()
    assert first.count("<tr>") == 1 + 50 + 1  # header, 50 members, total
    assert "Pagina 1 van 2" in first
    assert second.count("<tr>") == 1 + 5 + 1


def test_a_page_past_the_end_shows_the_last_one_and_a_word_the_first(client, settings):
    settings.PAGINATE_BY = 2
    regio = RegioFactory()
    for naam, inwoners in (("Aalst", 1000), ("Brakel", 2000), ("Denderleeuw", 4000)):
        DeelnameFactory(regio=regio, bestuur=BestuurFactory(naam=naam, inwoners=inwoners))
    laatste = client.get(regio.get_absolute_url() + "?pagina=99").content.decode()
    assert "Pagina 2 van 2" in laatste
    assert "Denderleeuw" in laatste and "Aalst" not in laatste
    assert "7.000" in laatste and "57,1\xa0%" in laatste  # total and share over every member, on page 2 too
    eerste = client.get(regio.get_absolute_url() + "?pagina=twee").content.decode()
    assert "Pagina 1 van 2" in eerste
    assert "Aalst" in eerste and "Brakel" in eerste and "Denderleeuw" not in eerste


def test_htmx_request_gets_only_the_members_table(client):
    regio = RegioFactory(naam="Stadsregio Turnhout")
    DeelnameFactory(regio=regio, bestuur=BestuurFactory(naam="Beerse"))
    response = client.get(regio.get_absolute_url(), headers={"HX-Request": "true"})
    content = response.content.decode()
    assert "Beerse" in content
    assert "<html" not in content
    assert "HX-Request" in response["Vary"]


def test_body_page_shows_current_composition_and_former_members(client, django_assert_max_num_queries):
    orgaan = OrgaanFactory(naam="Burgemeestersoverleg Denderregio")
    aalst = BestuurFactory(naam="Aalst")
    LidmaatschapFactory(
        orgaan=orgaan,
        rol=Rol.VOORZITTER,
        namens=aalst,
        persoon__voornaam="Christoph",
        persoon__achternaam="Zeta",
    )
    LidmaatschapFactory(
        orgaan=orgaan,
        persoon__voornaam="Oud",
        persoon__achternaam="Lid",
        begindatum=datetime.date(2013, 1, 1),
        einddatum=datetime.date(2018, 12, 31),
    )
    with django_assert_max_num_queries(4):
        response = client.get(orgaan.get_absolute_url())
    content = response.content.decode()
    current, former = content.split("Voormalige leden", 1)
    assert "Christoph Zeta" in current and "voorzitter" in current and "Aalst" in current
    assert "Oud Lid" in former and "Oud Lid" not in current
    assert "31 december 2018" in former


def test_future_membership_is_not_yet_in_the_composition(client):
    orgaan = OrgaanFactory()
    LidmaatschapFactory(orgaan=orgaan, persoon__achternaam="Toekomst", begindatum=datetime.date(2099, 1, 1))
    assert "Toekomst" not in client.get(orgaan.get_absolute_url()).content.decode()


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_body_page_query_count_does_not_grow_from_5_to_50_members(client):
    orgaan = OrgaanFactory()
    LidmaatschapFactory.create_batch(5, orgaan=orgaan, namens=BestuurFactory())
    LidmaatschapFactory.create_batch(2, orgaan=orgaan, einddatum=datetime.date(2019, 6, 1))
    with_5 = _queries(client, orgaan.get_absolute_url())
    for _ in range(45):
        LidmaatschapFactory(orgaan=orgaan, namens=BestuurFactory())
    LidmaatschapFactory.create_batch(20, orgaan=orgaan, einddatum=datetime.date(2019, 6, 1))
    with_50 = _queries(client, orgaan.get_absolute_url())
    assert with_5 == with_50


def test_bestuur_page_shows_its_regions_bodies_and_seats(client, django_assert_max_num_queries):
    aalst = BestuurFactory(naam="Aalst", code="41002", inwoners=87332)
    regio = RegioFactory(naam="Denderregio")
    DeelnameFactory(regio=regio, bestuur=aalst)
    OrgaanFactory(regio=None, bestuur=aalst, naam="Gemeenteraad Aalst")
    dbo = OrgaanFactory(regio=regio, naam="Burgemeestersoverleg Denderregio")
    LidmaatschapFactory(orgaan=dbo, namens=aalst, persoon__voornaam="Burge", persoon__achternaam="Meester")
    with django_assert_max_num_queries(
        7
    ):  # 7th: the mergers around the government (besturen.fusies.fusies_rond)
        response = client.get(aalst.get_absolute_url())
    content = response.content.decode()
    assert "41002" in content and "87.332" in content
    assert "Denderregio" in content
    assert "Gemeenteraad Aalst" in content
    assert "Burge Meester" in content and "Burgemeestersoverleg Denderregio" in content


def test_login_page_answers_and_logs_in_by_email(client):
    user = UserFactory(email="secretariaat@example.org")
    assert client.get(reverse("login")).status_code == 200
    response = client.post(reverse("login"), {"username": "Secretariaat@Example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_with_wrong_password_says_so_next_to_the_form(client):
    UserFactory(email="secretariaat@example.org")
    response = client.post(reverse("login"), {"username": "secretariaat@example.org", "password": "fout"})
    assert response.status_code == 200
    assert "horen niet bij elkaar" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post(client):
    user = UserFactory()
    client.force_login(user)
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_english_ui_is_available(client):
    RegioFactory(naam="Denderregio")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    content = client.get(reverse("besturen:home")).content.decode()
    assert 'lang="en"' in content
    assert "Regions" in content


@pytest.mark.parametrize(
    "name", ["login", "password_reset", "password_reset_done", "password_reset_complete"]
)
def test_account_pages_run_a_bounded_number_of_queries(client, django_assert_max_num_queries, name):
    with django_assert_max_num_queries(2):
        assert client.get(reverse(name)).status_code == 200
