"""Search (issue 15, item 1): the Drechtraad of 5 March 2013 is found by "Drechtraad 2013" on PostgreSQL and on
SQLite; closed items are found by the body's members and nobody else; the page's queries do not grow with the hits;
the table is kept current by the signals and rebuilt by `reindex_zoeken`."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from besturen import services as besturen_services
from besturen.models import OrgaanSoort
from openbaar.models import Zoekitem, Zoeksoort
from openbaar.zoeken import indexeren, selectors, signalen
from vergaderingen import services
from vergaderingen.demo import build_drechtraad
from vergaderingen.models import Besluituitkomst

pytestmark = pytest.mark.django_db

URL = reverse("openbaar:zoeken")


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Run what `body` builds and then only the search table's after-commit work (no PDFs, no mail)."""

    def run(body):
        with django_capture_on_commit_callbacks() as callbacks:
            result = body()
        for callback in callbacks:
            if getattr(callback, "func", None) is signalen.flush:
                callback()
        return result

    return run


def _moment(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _held_meeting(orgaan, day, punten):
    """A held meeting of `orgaan` on `day`: items (titel, openbaar, besluit) published, held and decided."""
    vergadering = services.plan_vergadering(
        orgaan, begin=_moment(day, 19), einde=_moment(day, 21), locatie="Aalst", door=None
    )
    for titel, openbaar, _tekst in punten:
        services.add_agendapunt(vergadering, titel=titel, openbaar=openbaar, door=None)
    services.publish_agenda(vergadering, door=None)
    services.close_vergadering(vergadering, door=None)
    for punt, (_titel, _openbaar, tekst) in zip(
        vergadering.agendapunten.order_by("volgnummer"), punten, strict=True
    ):
        services.record_besluit(punt, uitkomst=Besluituitkomst.AANGENOMEN, tekst=tekst, door=None)
    return vergadering


@pytest.fixture
def drechtraad(world, indexed):
    """The Drechtraad of 5 March 2013, built by the meetings demo's own function on the world's Drechtsteden."""
    besturen_services.create_orgaan(
        door=None, soort=OrgaanSoort.REGIORAAD, naam="Drechtraad", regio=world.drecht
    )
    return indexed(build_drechtraad)


@pytest.fixture
def besloten(world, indexed):
    """A DBO meeting with a public item and a closed one (the word Zeppelin in its title and decision)."""
    return indexed(
        lambda: _held_meeting(
            world.dbo,
            datetime.date(2024, 6, 3),
            [
                ("Fietsroutes in de Denderstreek", True, "De fietsroutes worden aangelegd."),
                ("Grondaankoop voor de Zeppelin", False, "Het akkoord over de Zeppelin wordt goedgekeurd."),
            ],
        )
    )


def _search(client, user=None, **params):
    if user is not None:
        client.force_login(user)
    return client.get(URL, params)


def test_drechtraad_2013_finds_the_decisions_of_5_march_2013(client, drechtraad):
    response = _search(client, q="Drechtraad 2013")
    assert response.status_code == 200
    gevonden = list(response.context["pagina"])
    besluiten = [item for item in gevonden if item.soort == Zoeksoort.BESLUIT]
    assert besluiten, [item.titel for item in gevonden]
    assert all(item.datum == datetime.date(2013, 3, 5) for item in besluiten)
    assert "Netwerkbestuur: opdrachtverlening" in response.content.decode()
    assert "<mark>" in response.content.decode()


def test_accents_and_case_do_not_matter(client, drechtraad):
    response = _search(client, q="drechtraad", soort=Zoeksoort.VERGADERING)
    assert [item.datum for item in response.context["pagina"]] == [datetime.date(2013, 3, 5)]


def test_anonymous_and_outsiders_never_find_a_closed_item(client, world, besloten):
    for user in (None, world.buitenstaander, world.raadslid, world.secretariaat_drecht):
        client.logout()
        response = _search(client, user, q="Zeppelin")
        assert response.context["pagina"].paginator.count == 0, user
        html = response.content.decode()
        assert "Grondaankoop" not in html and "akkoord over de Zeppelin" not in html


def test_members_and_the_secretariat_of_the_body_find_the_closed_item(client, world, besloten):
    for user in (world.lid, world.secretariaat):
        client.logout()
        response = _search(client, user, q="Zeppelin")
        soorten = {item.soort for item in response.context["pagina"]}
        assert soorten == {Zoeksoort.AGENDAPUNT, Zoeksoort.BESLUIT}, user


def test_everyone_finds_the_public_item_of_the_same_meeting(client, besloten):
    response = _search(client, q="fietsroutes")
    assert {item.soort for item in response.context["pagina"]} == {Zoeksoort.AGENDAPUNT, Zoeksoort.BESLUIT}


def test_an_unpublished_meeting_is_found_by_members_only(client, world, indexed):
    day = timezone.localdate() + datetime.timedelta(days=30)
    indexed(
        lambda: services.plan_vergadering(
            world.dbo, begin=_moment(day, 19), einde=_moment(day, 21), locatie="Aalst", door=None
        )
    )
    filters = {"q": "Burgemeestersoverleg", "soort": Zoeksoort.VERGADERING}
    assert _search(client, **filters).context["pagina"].paginator.count == 0
    assert _search(client, world.lid, **filters).context["pagina"].paginator.count == 1


def test_filters_by_region_kind_and_date(client, world, drechtraad, besloten):
    assert not list(_search(client, q="Drechtraad", regio=world.dender.slug).context["pagina"])
    in_2013 = _search(client, van="2013-01-01", tot="2013-12-31", soort=Zoeksoort.BESLUIT).context["pagina"]
    assert in_2013.paginator.count and all(item.datum.year == 2013 for item in in_2013)
    dbo = _search(client, orgaan=world.dbo.pk, soort=Zoeksoort.BESLUIT).context["pagina"]
    assert [item.titel for item in dbo] == ["Aangenomen: Fietsroutes in de Denderstreek"]


def test_people_are_found_by_name_and_role_but_never_by_email(client, world):
    call_command("reindex_zoeken", stdout=io.StringIO())
    lieve = _search(client, q="Lieve Lid").context["pagina"]
    assert [item.soort for item in lieve] == [Zoeksoort.PERSOON]
    assert world.lid.email and not _search(client, q=world.lid.email).context["pagina"].paginator.count
    assert not Zoekitem.objects.filter(tekst__icontains="@").exists()


def test_a_deleted_meeting_leaves_the_index(world, besloten, indexed):
    assert Zoekitem.objects.filter(orgaan=world.dbo, soort=Zoeksoort.BESLUIT).count() == 2
    indexed(besloten.delete)
    assert not Zoekitem.objects.filter(orgaan=world.dbo, soort__in=selectors.VERGADERSOORTEN).exists()


def test_reindex_rebuilds_what_the_signals_keep(world, drechtraad):
    voor = set(Zoekitem.objects.values_list("soort", "object_id", "openbaar"))
    uit = io.StringIO()
    call_command("reindex_zoeken", stdout=uit)
    na = set(Zoekitem.objects.values_list("soort", "object_id", "openbaar"))
    assert voor <= na and "Zoekindex opnieuw opgebouwd" in uit.getvalue()
    assert {soort for soort, _pk, _openbaar in na} >= {Zoeksoort.REGIO, Zoeksoort.ORGAAN, Zoeksoort.PERSOON}


def test_the_snippet_escapes_the_text(world):
    item = Zoekitem(
        soort=Zoeksoort.REGIO, object_id=1, titel="x", tekst="<script>alert(1)</script> Dender", url="/"
    )
    assert "<script>" not in selectors.snippet(item, "Dender")
    assert "<mark>Dender</mark>" in selectors.snippet(item, "Dender")


def test_the_header_has_one_search_box(client, world):
    html = client.get(reverse("besturen:home")).content.decode()
    assert html.count('role="search"') == 1
    assert f'action="{URL}"' in html and 'for="zoekvak"' in html


def _rows(world, aantal):
    items = [
        Zoekitem(
            soort=Zoeksoort.BESLUIT,
            object_id=nummer,
            regio=world.dender,
            orgaan=world.dbo,
            datum=datetime.date(2024, 1, 1),
            titel=f"Besluit over fietsroutes {nummer}",
            tekst="De fietsroutes in de Denderregio.",
            url="/",
            openbaar=nummer % 2 == 0,
        )
        for nummer in range(aantal)
    ]
    Zoekitem.objects.bulk_create(items)
    indexeren._update_vectors(Zoekitem.objects.all())


@pytest.mark.parametrize("aantal", [4, 60])
@pytest.mark.parametrize("rol", ["anoniem", "lid"])
def test_the_page_takes_the_same_queries_for_few_and_many_hits(
    client, world, django_assert_max_num_queries, aantal, rol
):
    _rows(world, aantal)
    if world.users[rol]:
        client.force_login(world.users[rol])
    with django_assert_max_num_queries(12):
        response = client.get(URL, {"q": "fietsroutes", "pagina": 2 if aantal > 40 else 1})
    assert response.status_code == 200 and response.context["pagina"]


def test_the_nightly_task_drops_a_person_whose_only_seat_ended_by_date(world):
    """A seat ends on its date without any row changing: the nightly task re-indexes the people, and someone with no
    current seat is no longer found."""
    from besturen.models import Lidmaatschap
    from openbaar.tasks import reindex_personen
    from tests.factories import maak_gebruiker

    kort = maak_gebruiker(world.dbo, "lid", "Karel", "Kortstondig", namens=world.lede)
    indexeren.reindex_all([Zoeksoort.PERSOON])
    assert Zoekitem.objects.filter(soort=Zoeksoort.PERSOON, object_id=kort.lidmaatschap.persoon_id).exists()

    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    Lidmaatschap.objects.filter(pk=kort.lidmaatschap.pk).update(
        einddatum=gisteren
    )  # no signal, as time passing
    reindex_personen()

    assert not Zoekitem.objects.filter(
        soort=Zoeksoort.PERSOON, object_id=kort.lidmaatschap.persoon_id
    ).exists()
    assert Zoekitem.objects.filter(soort=Zoeksoort.PERSOON).exists()  # the others stay
