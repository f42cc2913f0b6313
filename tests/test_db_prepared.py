"""PostgreSQL plans a query the portal asks again once per connection (settings.DB_PREPARED, psycopg's prepared
statements with server-side binding), and the answers stay the same."""

import pytest
from django.db import connection

from besturen.models import Regio


def prepared_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db
def test_a_query_asked_again_is_prepared_and_answers_as_before():
    if connection.vendor != "postgresql":
        pytest.skip(f"prepared statements are PostgreSQL's; this run uses {connection.vendor}")
    regio = Regio.objects.create(naam="Voorbereide regio", slug="voorbereide-regio")

    def vraag(slug):
        return list(Regio.objects.filter(slug=slug).values_list("naam", flat=True))

    assert vraag("voorbereide-regio") == ["Voorbereide regio"]
    assert not [s for s in prepared_statements() if '"besturen_regio"."slug" = $1' in s]
    answers = [vraag("voorbereide-regio"), vraag("voorbereide-regio"), vraag("andere-regio")]
    prepared = [s for s in prepared_statements() if '"besturen_regio"."slug" = $1' in s]
    assert len(prepared) == 1  # the parameter is bound on the server: one statement for every slug
    assert answers == [["Voorbereide regio"], ["Voorbereide regio"], []]
    regio.naam = "Hernoemde regio"
    regio.save()
    assert vraag("voorbereide-regio") == ["Hernoemde regio"]
