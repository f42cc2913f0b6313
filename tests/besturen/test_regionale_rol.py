"""`heeft_regionale_rol`: whether a reader holds a role in a region that opens its non-public pieces (unpublished
opgaven, closed items and documents of their bodies) — the region's own bodies or its secretariat, never only a seat
in a member's council. The grip page and the version page key their cached sections on it."""

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from besturen import services
from besturen.permissions import heeft_regionale_rol, regios_met_regionale_rol


def test_the_region_s_own_people_and_the_platform_administrator_may(world):
    for wie in ("secretariaat", "voorzitter", "lid", "platformbeheerder"):
        assert heeft_regionale_rol(world.users[wie], world.dender), wie
    assert heeft_regionale_rol(world.secretariaat_drecht, world.drecht)


def test_a_council_member_an_outsider_and_another_region_s_secretariat_may_not(world):
    # The councils of Aalst read the Denderregio's non-public items (view_besloten_regio), yet hold no role in it.
    for wie in ("raadssecretaris", "raadslid", "buitenstaander", "secretariaat_drecht"):
        assert not heeft_regionale_rol(world.users[wie], world.dender), wie
    assert not heeft_regionale_rol(AnonymousUser(), world.dender)
    assert not heeft_regionale_rol(None, world.dender)
    assert not heeft_regionale_rol(world.secretariaat, world.drecht)


def test_it_is_the_region_set_the_opgaven_follow(world):
    for wie, user in world.users.items():
        for regio in (world.dender, world.drecht):
            verwacht = regio in set(regios_met_regionale_rol(user))
            assert heeft_regionale_rol(user, regio) == verwacht, (wie, regio)


def test_an_ended_seat_or_a_withdrawn_right_counts_at_once(world):
    assert heeft_regionale_rol(world.lid, world.dender)
    services.end_lidmaatschap(world.lid.lidmaatschap, einddatum=timezone.localdate(), door=None)
    world.lid.refresh_from_db()
    assert not heeft_regionale_rol(world.lid, world.dender)

    assign_perm("besturen.view_besloten_orgaan", world.buitenstaander, world.dbo)
    assert heeft_regionale_rol(world.buitenstaander, world.dender)
    remove_perm("besturen.view_besloten_orgaan", world.buitenstaander, world.dbo)
    assert not heeft_regionale_rol(world.buitenstaander, world.dender)


def test_an_inactive_account_may_not(world):
    world.secretariaat.is_active = False
    world.secretariaat.save()
    assert not heeft_regionale_rol(world.secretariaat, world.dender)
