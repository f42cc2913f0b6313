"""Pages of a list: one page of rows and its total from one query (`paginate` for a queryset, `paginate_sql` for a
written-out query), where Django's paginator asks two (a COUNT and the page)."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection, connections
from django.db.models import Count, Window


def paginate(request, queryset, prefix="pagina"):
    """One page of at most settings.PAGINATE_BY rows of `queryset`, from the `prefix` query parameter (page 1 for a
    parameter that is no number, the last page for one past the end: Django's `Paginator.get_page`), in one query
    instead of two: the rows carry their total (`COUNT(*) OVER ()`), so the paginator needs no COUNT of its own. A
    page past the end, a DISTINCT queryset and a combined one (a UNION) go through Django's paginator (a COUNT and
    the page). A `values_list` queryset gives a page of its tuples (without the total)."""
    paginator = Paginator(queryset, settings.PAGINATE_BY)
    try:
        nummer = int(request.GET.get(prefix) or 1)
    except ValueError:
        nummer = 1
    if nummer < 1 or queryset.query.distinct or queryset.query.combinator:
        return paginator.get_page(nummer)
    begin = (nummer - 1) * paginator.per_page
    rows = list(queryset.annotate(paginatie_totaal=Window(Count("pk")))[begin : begin + paginator.per_page])
    if not rows and nummer > 1:
        return paginator.get_page(nummer)
    if rows and isinstance(rows[0], tuple):  # a `values_list` queryset: the total is each row's last value
        paginator.count = rows[0][-1]  # the cached_property, set ahead
        return paginator._get_page([row[:-1] for row in rows], nummer, paginator)
    paginator.count = rows[0].paginatie_totaal if rows else 0
    return paginator._get_page(rows, nummer, paginator)


class _Rijen:
    """A written-out query (`kolommen` and the rest from FROM on, its ORDER BY included) as a Paginator's object
    list: its COUNT and each slice one query, rows as tuples, on the database `using` (None: `default`)."""

    def __init__(self, kolommen, rest, params, using=None):
        self.kolommen, self.rest, self.params = kolommen, rest, list(params)
        self.connection = connection if using is None else connections[using]

    def count(self):
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM (SELECT {self.kolommen} {self.rest}) rijen", self.params)
            return cursor.fetchone()[0]

    def __getitem__(self, stuk):
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {self.kolommen} {self.rest} LIMIT %s OFFSET %s",
                [*self.params, stuk.stop - stuk.start, stuk.start],
            )
            return cursor.fetchall()


def paginate_sql(request, kolommen, rest, params, prefix="pagina", using=None):
    """`paginate` for a written-out query of plain rows: `SELECT {kolommen} {rest}` with `params` (`rest` from FROM
    on, ending in an ORDER BY); a page of tuples, with its total from the same query (`COUNT(*) OVER ()`). A page
    number below 1 or past the end goes through Django's paginator (a COUNT and the page), as `paginate` does.
    `using`: the database to read from (the one the ORM would read the rows' model from, `Model.objects.db`, so a
    safe request reads from the replica as the ORM's would); None reads from `default`."""
    rijen = _Rijen(kolommen, rest, params, using)
    paginator = Paginator(rijen, settings.PAGINATE_BY)
    try:
        nummer = int(request.GET.get(prefix) or 1)
    except ValueError:
        nummer = 1
    if nummer < 1:
        return paginator.get_page(nummer)
    with rijen.connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {kolommen}, COUNT(*) OVER () {rest} LIMIT %s OFFSET %s",
            [*params, paginator.per_page, (nummer - 1) * paginator.per_page],
        )
        rows = cursor.fetchall()
    if not rows and nummer > 1:
        return paginator.get_page(nummer)
    paginator.count = rows[0][-1] if rows else 0  # the cached_property, set ahead
    return paginator._get_page([row[:-1] for row in rows], nummer, paginator)
