"""The region switcher in the header comes from the cache, and is never stale: a change shows on the next request."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm

from besturen import services
from besturen.models import Rol
from besturen.regiokeuze import forget_mijn_regios, regios_voor

SWITCHER = re.compile(r'<select id="mijn-regio".*?</select>', re.S)


def switcher(client):
    """The region slugs and names in the switcher of the home page ([] when it is not shown)."""
    response = client.get(reverse("besturen:home"))
    assert response.status_code == 200
    match = SWITCHER.search(response.content.decode())
    return re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', match.group()) if match else []


def test_a_new_seat_shows_its_region_on_the_next_request_and_an_ended_one_goes(
    world, client, django_capture_on_commit_callbacks
):
    client.force_login(world.secretariaat)
    assert switcher(client) == [("denderregio", "Denderregio")]

    with django_capture_on_commit_callbacks(execute=True):
        zetel = services.add_lidmaatschap(
            persoon=world.secretariaat.lidmaatschap.persoon,
            orgaan=world.regiobestuur_drecht,
            rol=Rol.LID,
            begindatum=datetime.date(2024, 1, 1),
            door=None,
        )
    assert switcher(client) == [("denderregio", "Denderregio"), ("drechtsteden", "Drechtsteden")]

    services.end_lidmaatschap(zetel, einddatum=timezone.localdate() - datetime.timedelta(days=1), door=None)
    assert switcher(client) == [("denderregio", "Denderregio")]


def test_a_renamed_region_and_a_direct_permission_show_on_the_next_request(world, client):
    client.force_login(world.buitenstaander)
    assert switcher(client) == []

    assign_perm("besturen.view_besloten_regio", world.buitenstaander, world.drecht)
    assert switcher(client) == [("drechtsteden", "Drechtsteden")]

    services.update_regio(world.drecht, door=world.platformbeheerder, naam="Drechtsteden-Zuid")
    assert switcher(client) == [("drechtsteden", "Drechtsteden-Zuid")]


def test_the_list_is_asked_once_then_read_from_the_cache(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert [regio.slug for regio in regios_voor(world.lid)] == ["denderregio"]
    with django_assert_num_queries(0):
        assert [regio.slug for regio in regios_voor(world.lid)] == ["denderregio"]


def test_without_the_cache_the_database_answers(world, monkeypatch):
    class Down:
        def __getattr__(self, name):
            raise ConnectionError("redis down")

    monkeypatch.setattr("besturen.regiokeuze.cache", Down())
    assert [regio.slug for regio in regios_voor(world.lid)] == ["denderregio"]
    forget_mijn_regios()  # a write never fails on the cache
