"""An opgave's page reads only the parts the opgave has (opgaven.selectors.onderdelen_bij)."""

from decimal import Decimal

from opgaven import services


def test_an_opgave_without_parts_costs_no_query_per_missing_part(client, w, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # the opgave, and which parts it has
        response = client.get(w.leeg.get_absolute_url())
    assert response.status_code == 200
    assert "Lege opgave" in response.content.decode()


def test_a_part_added_later_shows_on_the_page(client, w):
    services.add_budgetregel(w.leeg, door=None, jaar=2027, bedrag=Decimal("25000"), bron="provincie")
    content = client.get(w.leeg.get_absolute_url()).content.decode()
    assert "25.000" in content
