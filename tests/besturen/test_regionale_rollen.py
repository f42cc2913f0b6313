"""A user's regional roles are read in one query per request (`besturen.regiokeuze.regionale_rollen`): the region's
permissions (`object_perms`, so `can_manage_regio`, `can_view_besloten_regio`, ...), `heeft_regionale_rol` and the
region switcher answer from it, exactly as they answered each on their own: a role given or taken away counts on the
next request, a group's permission as one's own, never another user's, nothing for an inactive account, and no
superuser shortcut where there was none."""

from django.contrib.auth.models import Group, Permission
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from guardian.shortcuts import assign_perm, remove_perm

from besturen import permissions, regiokeuze
from besturen.models import Regio, RegioUserObjectPermission
from besturen.permissions import heeft_regionale_rol, regios_met_regionale_rol, regios_of
from besturen.regiokeuze import regios_voor
from regioportaal.permissions import object_perms


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


class _Verzoek:
    """`with _Verzoek():` the body runs as one GET request."""

    def __enter__(self):
        _request()

    def __exit__(self, *exc):
        _einde()


def _slugs(user):
    return [regio.slug for regio in regios_voor(user)]


def _antwoorden(user, regio):
    """What a page asks about `user` in `regio`."""
    return (
        permissions.can_manage_regio(user, regio),
        permissions.can_view_besloten_regio(user, regio),
        permissions.is_regio_secretariaat(user, regio),
        heeft_regionale_rol(user, regio),
    )


def test_one_query_answers_the_region_s_rights_the_regional_role_and_the_switcher(
    world, django_assert_num_queries
):
    with _Verzoek(), django_assert_num_queries(1):
        for _ in range(3):
            assert permissions.can_view_besloten_regio(world.lid, world.dender)
            assert not permissions.can_manage_regio(world.lid, world.dender)
            assert heeft_regionale_rol(world.lid, world.dender)
            assert not heeft_regionale_rol(world.lid, world.drecht)
            assert not permissions.can_view_besloten_regio(world.lid, world.drecht)
            assert _slugs(world.lid) == ["denderregio"]


def test_without_a_cache_that_keeps_anything_the_switcher_still_costs_no_query_of_its_own(
    world, settings, django_assert_num_queries
):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with _Verzoek(), django_assert_num_queries(1):
        assert permissions.is_regio_secretariaat(world.secretariaat, world.dender)
        assert _slugs(world.secretariaat) == ["denderregio"]
        assert _slugs(world.secretariaat) == ["denderregio"]


def test_within_a_request_the_answers_are_those_of_the_plain_queries(world):
    regios = (world.dender, world.drecht)
    buiten = {
        wie: (
            [(object_perms(user, r), heeft_regionale_rol(user, r)) for r in regios],
            [k.pk for k in regios_voor(user)],
        )
        for wie, user in world.users.items()
        if user is not None
    }
    with _Verzoek():
        for wie, user in world.users.items():
            if user is None:
                continue
            binnen = (
                [(object_perms(user, r), heeft_regionale_rol(user, r)) for r in regios],
                [k.pk for k in regios_voor(user)],
            )
            assert binnen == buiten[wie], wie
            assert [k.pk for k in regios_voor(user)] == [r.pk for r in regios_of(user).order_by("naam")], wie
            for regio in regios:
                assert heeft_regionale_rol(user, regio) == (regio in set(regios_met_regionale_rol(user))), wie


def test_a_role_given_or_taken_away_counts_on_the_next_request(world):
    wie = world.buitenstaander
    with _Verzoek():
        assert _antwoorden(wie, world.dender) == (False, False, False, False)
        assert _slugs(wie) == []

    assign_perm("besturen.view_besloten_orgaan", wie, world.dbo)  # a seat in the region's own body
    with _Verzoek():
        assert _antwoorden(wie, world.dender) == (False, False, False, True)
        assert not heeft_regionale_rol(wie, world.drecht)
        assert _slugs(wie) == []  # the switcher lists the region's own rights only, as it did
    remove_perm("besturen.view_besloten_orgaan", wie, world.dbo)

    assign_perm("besturen.manage_regio", wie, world.dender)
    with _Verzoek():
        assert _antwoorden(wie, world.dender) == (True, True, True, True)
        assert _slugs(wie) == ["denderregio"]

    remove_perm("besturen.manage_regio", wie, world.dender)
    assign_perm("besturen.view_besloten_regio", wie, world.drecht)  # what a council member's group holds
    with _Verzoek():
        assert _antwoorden(wie, world.dender) == (False, False, False, False)
        assert _antwoorden(wie, world.drecht) == (False, True, False, False)
        assert _slugs(wie) == ["drechtsteden"]

    remove_perm("besturen.view_besloten_regio", wie, world.drecht)
    with _Verzoek():
        assert _antwoorden(wie, world.drecht) == (False, False, False, False)
        assert _slugs(wie) == []


def test_a_group_s_permission_counts_as_one_s_own_while_one_is_in_it(world):
    wie = world.buitenstaander
    groep = Group.objects.create(name="test:regionale-rollen")
    assign_perm("besturen.manage_regio", groep, world.dender)
    assign_perm("besturen.view_besloten_orgaan", groep, world.regiobestuur_drecht)
    with _Verzoek():
        assert _antwoorden(wie, world.dender) == (False, False, False, False)
        assert not heeft_regionale_rol(wie, world.drecht)
        assert _slugs(wie) == []
        wie.groups.add(groep)  # counts at once, also within the request
        assert _antwoorden(wie, world.dender) == (True, True, True, True)
        assert heeft_regionale_rol(wie, world.drecht)
        assert _slugs(wie) == ["denderregio"]
    with _Verzoek():
        assert _antwoorden(wie, world.dender) == (True, True, True, True)
        assert heeft_regionale_rol(wie, world.drecht)
    wie.groups.remove(groep)
    with _Verzoek():
        assert _antwoorden(wie, world.dender) == (False, False, False, False)
        assert not heeft_regionale_rol(wie, world.drecht)
        assert _slugs(wie) == []


def test_another_user_s_roles_never_count(world, django_assert_num_queries):
    with _Verzoek():
        assert _antwoorden(world.secretariaat, world.dender) == (True, True, True, True)
        assert _slugs(world.secretariaat) == ["denderregio"]
        with django_assert_num_queries(1):  # their own read, never the first one's
            assert _antwoorden(world.buitenstaander, world.dender) == (False, False, False, False)
            assert _slugs(world.buitenstaander) == []
        assert _antwoorden(world.secretariaat_drecht, world.dender) == (False, False, False, False)
        assert _antwoorden(world.secretariaat_drecht, world.drecht) == (True, True, True, True)
        assert _slugs(world.secretariaat_drecht) == ["drechtsteden"]


def test_an_inactive_account_gets_nothing_even_with_its_roles_read(world):
    with _Verzoek():
        assert _antwoorden(world.secretariaat, world.dender) == (True, True, True, True)
        world.secretariaat.is_active = False
        assert _antwoorden(world.secretariaat, world.dender) == (False, False, False, False)
        assert _slugs(world.secretariaat) == []
    world.secretariaat.save()
    with _Verzoek():
        assert _antwoorden(world.secretariaat, world.dender) == (False, False, False, False)
        assert _slugs(world.secretariaat) == []


def test_the_platform_administrator_gets_no_shortcut_where_there_was_none(world):
    beheerder = world.platformbeheerder
    with _Verzoek():
        for regio in (world.dender, world.drecht):
            assert object_perms(beheerder, regio) == frozenset()
            assert not permissions.is_regio_secretariaat(beheerder, regio)
            assert permissions.can_manage_regio(beheerder, regio)  # platform administration passes, as before
            assert heeft_regionale_rol(beheerder, regio)
        assert _slugs(beheerder) == [r.slug for r in Regio.objects.order_by("naam")]


def test_the_switcher_keeps_its_list_under_the_generation_read_before_the_roles(world):
    """Another process grants a right and replaces the generation after this request read the roles: the switcher
    may show this request's rows, but never stores them under the new generation."""
    wie = world.buitenstaander
    with _Verzoek():
        assert not heeft_regionale_rol(wie, world.drecht)  # the roles are read here, after the generation
        RegioUserObjectPermission.objects.bulk_create(  # no signal: as another process's write
            [
                RegioUserObjectPermission(
                    user=wie,
                    content_object=world.drecht,
                    permission=Permission.objects.get(codename="view_besloten_regio"),
                )
            ]
        )
        regiokeuze._new_generation()
        assert _slugs(wie) == []
    with _Verzoek():
        assert _slugs(wie) == ["drechtsteden"]


def test_without_the_cache_the_roles_answer_the_switcher(world, monkeypatch):
    class Down:
        def __getattr__(self, name):
            raise ConnectionError("redis down")

    monkeypatch.setattr("besturen.regiokeuze.cache", Down())
    with _Verzoek():
        assert heeft_regionale_rol(world.lid, world.dender)
        assert _slugs(world.lid) == ["denderregio"]
    with _Verzoek():
        assert _slugs(world.lid) == ["denderregio"]
