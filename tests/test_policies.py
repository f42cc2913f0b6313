"""The policy base: one answer for buttons, guards, lists and recipients."""

import pytest
from django.utils import translation

from regioportaal.models import User
from regioportaal.permissions import NotAllowed
from regioportaal.policies import Policy, active

pytestmark = pytest.mark.django_db


class NotitiePolicy(Policy):
    """An example: only staff may archive, and only what is not archived yet."""

    actions = ("archive", "read")
    messages = {"archive": "Alleen medewerkers archiveren."}

    def may_archive(self, user, notitie):
        return active(user) and user.is_staff and not notitie["gearchiveerd"]

    def may_read(self, user, notitie):
        return True

    def users_archive(self, notitie):
        return User.objects.filter(is_staff=True)


@pytest.fixture
def staff(db):
    return User.objects.create_user("staf@example.org", "x" * 16, is_staff=True)


@pytest.fixture
def lid(db):
    return User.objects.create_user("lid@example.org", "x" * 16)


def test_buttons_and_guard_give_the_same_answer(staff, lid):
    policy = NotitiePolicy()
    open_notitie, archief = {"gearchiveerd": False}, {"gearchiveerd": True}
    assert policy.allowed(staff, open_notitie) == {"archive": True, "read": True}
    assert policy.allowed(staff, archief) == {"read": True}
    assert policy.allowed(lid, open_notitie) == {"read": True}
    policy.require(staff, "archive", open_notitie)
    with translation.override("nl"), pytest.raises(NotAllowed, match="Alleen medewerkers archiveren."):
        policy.require(lid, "archive", open_notitie)


def test_a_refusal_without_its_own_message_says_so_in_the_users_language(staff):
    class ZonderTekst(NotitiePolicy):
        messages = {}

    with translation.override("nl"), pytest.raises(NotAllowed, match="U mag dit niet doen."):
        ZonderTekst().require(staff, "archive", {"gearchiveerd": True})


def test_recipients_are_the_active_holders(staff, lid):
    weg = User.objects.create_user("weg@example.org", "x" * 16, is_staff=True, is_active=False)
    assert list(NotitiePolicy().users("archive", {"gearchiveerd": False})) == [staff]
    assert weg.pk and lid.pk


def test_an_unknown_action_is_a_programming_error(staff):
    with pytest.raises(ValueError):
        NotitiePolicy().may(staff, "delete", {"gearchiveerd": False})
