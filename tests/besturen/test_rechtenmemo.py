"""Object permissions are read once per request (`regioportaal.permissions.object_perms`), and never kept longer: a
permission granted or taken away between two requests counts on the next one."""

from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse
from guardian.shortcuts import assign_perm, remove_perm

from besturen import permissions
from besturen.models import Stuk, Zichtbaarheid


def _request(methode="GET"):
    """The start of a request as Django's handler signals it (as the test client does, keeping the connection)."""
    request_started.disconnect(close_old_connections)
    try:
        request_started.send(sender=None, environ={"REQUEST_METHOD": methode})
    finally:
        request_started.connect(close_old_connections)


def _einde():
    request_finished.disconnect(close_old_connections)
    try:
        request_finished.send(sender=None)
    finally:
        request_finished.connect(close_old_connections)


def test_a_right_granted_or_taken_away_between_two_requests_counts_on_the_next(world, client):
    stuk = Stuk.objects.create(orgaan=world.dbo, titel="Regionaal stuk", zichtbaarheid=Zichtbaarheid.REGIO)
    url = reverse("besturen:stuk", args=[stuk.pk])
    client.force_login(world.buitenstaander)
    assert client.get(url).status_code == 404

    assign_perm("besturen.view_besloten_regio", world.buitenstaander, world.dender)
    assert client.get(url).status_code == 200

    remove_perm("besturen.view_besloten_regio", world.buitenstaander, world.dender)
    assert client.get(url).status_code == 404


def test_within_a_request_the_same_object_is_asked_once_per_user(world, django_assert_num_queries):
    _request()
    try:
        with django_assert_num_queries(1):
            for _ in range(6):
                assert permissions.can_manage_regio(world.secretariaat, world.dender)
                assert permissions.is_regio_secretariaat(world.secretariaat, world.dender)
                assert permissions.can_view_besloten_regio(world.secretariaat, world.dender)
        with django_assert_num_queries(1):  # another user: their own answer, never the first one's
            assert not permissions.can_manage_regio(world.lid, world.dender)
            assert not permissions.can_manage_regio(world.lid, world.dender)
        assert permissions.can_view_besloten_regio(world.lid, world.dender)
    finally:
        _einde()


def test_a_change_within_the_request_empties_the_memo(world):
    _request()
    try:
        assert not permissions.can_manage_regio(world.buitenstaander, world.dender)
        assign_perm("besturen.manage_regio", world.buitenstaander, world.dender)
        assert permissions.can_manage_regio(world.buitenstaander, world.dender)
    finally:
        _einde()


def test_nothing_is_kept_outside_a_request_nor_in_a_request_that_may_write(world, django_assert_num_queries):
    with django_assert_num_queries(2):
        permissions.can_manage_regio(world.secretariaat, world.dender)
        permissions.can_manage_regio(world.secretariaat, world.dender)
    _request("POST")
    try:
        with django_assert_num_queries(2):
            permissions.can_manage_regio(world.secretariaat, world.dender)
            permissions.can_manage_regio(world.secretariaat, world.dender)
    finally:
        _einde()


def test_the_platform_administrator_passes_the_checks_that_allow_it_and_not_the_only_x_ones(world):
    _request()
    try:
        assert permissions.can_manage_regio(world.platformbeheerder, world.dender)
        assert not permissions.is_regio_secretariaat(world.platformbeheerder, world.dender)
    finally:
        _einde()
