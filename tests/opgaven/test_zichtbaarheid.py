"""Who may read an opgave's title, for the pages of other apps that list opgaven (a programme's lines, its exports).

An unpublished opgave is for the region's own bodies and secretariat: not for the councils, not for another region.
The selectors give the same answer as `permissions.can_view_opgave`, for a whole list in at most one query.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from opgaven import permissions, selectors

# Who reads the draft `besloten` (the published `fietsnetwerk` and `leeg` are for everyone).
LEEST_BESLOTEN = {
    "platformbeheerder": True,
    "secretariaat": True,
    "opdrachtgever": True,
    "lid": True,
    "raadslid": False,
    "secretariaat_drecht": False,
    "buitenstaander": False,
    "anoniem": False,
}


def _user(w, rol):
    return w.users[rol] or AnonymousUser()


@pytest.mark.parametrize("rol", sorted(LEEST_BESLOTEN))
def test_visible_opgaven_are_the_published_ones_and_the_drafts_of_the_readers_region(w, rol):
    user = _user(w, rol)
    opgaven = [w.fietsnetwerk, w.besloten, w.leeg]
    verwacht = {w.fietsnetwerk.pk, w.leeg.pk} | ({w.besloten.pk} if LEEST_BESLOTEN[rol] else set())
    assert selectors.visible_opgave_ids(user, opgaven) == verwacht
    assert set(selectors.opgaven_visible_to(user).values_list("pk", flat=True)) == verwacht
    assert {o.pk for o in opgaven if permissions.can_view_opgave(user, o)} == verwacht


def test_a_council_member_reads_the_placeholder_instead_of_a_drafts_title(w):
    titels = selectors.shown_titles(w.raadslid, [w.fietsnetwerk, w.besloten])
    assert titels == {
        w.fietsnetwerk.pk: "Fietsnetwerk Denderregio",
        w.besloten.pk: "niet-gepubliceerde opgave",
    }
    assert selectors.shown_titles(w.lid, [w.besloten]) == {w.besloten.pk: "Besloten verkenning"}


def test_a_whole_list_costs_one_query_at_most_and_none_when_all_are_published(
    w, django_assert_num_queries, django_assert_max_num_queries
):
    with django_assert_num_queries(0):
        selectors.visible_opgave_ids(w.raadslid, [w.fietsnetwerk, w.leeg])
    with django_assert_max_num_queries(1):
        selectors.shown_titles(w.raadslid, [w.fietsnetwerk, w.besloten, w.leeg])
