"""One page of a list and its total from one query (regioportaal.paginering): the same pages as Django's paginator,
for a plain, a `values_list`, a DISTINCT and a combined (UNION) queryset, a page past the end and a page number that
is no number."""

import pytest
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from besturen.models import Regio
from regioportaal.paginering import paginate
from tests.factories import RegioFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def regios(settings):
    settings.PAGINATE_BY = 4
    for i in range(10):
        RegioFactory(naam=f"Regio {i:02d}", slug=f"regio-{i:02d}")
    return Regio.objects.filter(slug__startswith="regio-").order_by("naam")


def _pagina(queryset, nummer):
    return paginate(RequestFactory().get("/", {"pagina": nummer}), queryset)


@pytest.mark.parametrize("nummer", ["1", "2", "3", "9", "nee", "0", "-1"])
@pytest.mark.parametrize("soort", ["plain", "values_list", "distinct", "union"])
def test_every_page_is_djangos_page(regios, nummer, soort):
    queryset = {
        "plain": regios,
        "values_list": regios.values_list("pk", "naam"),
        "distinct": regios.distinct(),
        "union": regios.filter(naam__lt="Regio 05")
        .union(regios.filter(naam__gte="Regio 05"))
        .order_by("naam"),
    }[soort]
    if soort == "union" and not connection.features.supports_slicing_ordering_in_compound:
        # SQLite cannot count an ordered UNION: the page fails as Django's own paginator fails.
        with pytest.raises(DatabaseError):
            Paginator(queryset, 4).get_page(nummer)
        with pytest.raises(DatabaseError):
            _pagina(queryset, nummer)
        return
    ons = _pagina(queryset, nummer)
    django = Paginator(queryset, 4).get_page(nummer)
    assert (ons.number, ons.paginator.count, ons.paginator.num_pages) == (
        django.number,
        django.paginator.count,
        django.paginator.num_pages,
    )
    assert list(ons) == list(django)


def test_a_page_and_its_total_come_from_one_query(regios):
    with CaptureQueriesContext(connection) as queries:
        pagina = _pagina(regios, "2")
        rijen = list(pagina)
    assert len(queries) == 1 and len(rijen) == 4 and pagina.paginator.count == 10
