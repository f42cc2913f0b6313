"""An opgave's page reads only the parts the opgave has (opgaven.selectors.onderdelen_bij)."""

import datetime
from decimal import Decimal

from opgaven import selectors, services
from opgaven.models import Bron, IndicatorWaarde, Voortgang


def test_an_opgave_without_parts_costs_no_query_per_missing_part(client, w, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # the opgave, and which parts it has
        response = client.get(w.leeg.get_absolute_url())
    assert response.status_code == 200
    assert "Lege opgave" in response.content.decode()


def test_a_part_added_later_shows_on_the_page(client, w):
    services.add_budgetregel(w.leeg, door=None, jaar=2027, bedrag=Decimal("25000"), bron="provincie")
    content = client.get(w.leeg.get_absolute_url()).content.decode()
    assert "25.000" in content


def _rij(obj):
    return [getattr(obj, veld.attname) for veld in type(obj)._meta.concrete_fields]


def _zelfde_onderdelen(opgave, verwacht):
    """`opgave` (read by `onderdelen_bij`) holds the parts `verwacht` (read by `opgave_detail_queryset`) holds:
    the same rows of the same values in the same order, each with its opgave in place, without a query."""
    for naam in ("indicatoren", "budget", "voortgang", "capaciteit", "mandaten", "doelstellingen", "themas"):
        assert [_rij(o) for o in getattr(opgave, naam).all()] == [
            _rij(o) for o in getattr(verwacht, naam).all()
        ]
    for naam in ("indicatoren", "budget", "voortgang"):
        assert all(o.opgave is opgave for o in getattr(opgave, naam).all())
    assert [[_rij(w) for w in r.waarden.all()] for r in opgave.voortgang.all()] == [
        [_rij(w) for w in r.waarden.all()] for r in verwacht.voortgang.all()
    ]
    assert [[w.indicator.naam for w in r.waarden.all()] for r in opgave.voortgang.all()] == [
        [w.indicator.naam for w in r.waarden.all()] for r in verwacht.voortgang.all()
    ]


def test_the_written_out_parts_equal_the_prefetched_ones(w, django_assert_num_queries):
    """Budget lines, indicators and reports (`_EIGEN_RIJEN`, a written-out query each) come as the ORM's prefetch
    gives them: values (decimals, dates, times, text with markup), order, and the reports' values."""
    opgave = w.fietsnetwerk
    for jaar, bron in ((2028, Bron.RIJK), (2025, Bron.EU), (2026, Bron.ANDERS)):
        services.add_budgetregel(opgave, door=None, jaar=jaar, bedrag=Decimal("1234.56"), bron=bron)
    tweede = services.add_indicator(
        opgave,
        door=None,
        naam="<b>Aantal</b> & co",
        eenheid="st",
        nulwaarde=Decimal("1.5"),
        streefwaarde=Decimal("9"),
        streefdatum=datetime.date(2029, 1, 1),
    )
    eerste = opgave.indicatoren.get(naam="Kilometer fietssnelweg")
    for dag, waarden in ((datetime.date(2027, 6, 30), {tweede: "2"}), (datetime.date(2026, 12, 31), {})):
        rapport = Voortgang.objects.create(
            opgave=opgave,
            periode_eind=dag,
            status="op_koers",
            besteed=Decimal("10.10"),
            toelichting="<i>x</i>",
        )
        for indicator, waarde in {eerste: "3.25", **waarden}.items():
            IndicatorWaarde.objects.create(voortgang=rapport, indicator=indicator, waarde=Decimal(waarde))

    verwacht = selectors.opgave_detail_queryset().get(pk=opgave.pk)
    gelezen = selectors.opgave_pagina_queryset().get(pk=opgave.pk)
    selectors.onderdelen_bij(gelezen)
    with django_assert_num_queries(0):
        _zelfde_onderdelen(gelezen, verwacht)
    assert [r.periode_eind for r in gelezen.voortgang.all()] == [
        datetime.date(2026, 12, 31),
        datetime.date(2027, 6, 30),
    ]


def test_reports_without_indicators_have_no_values(w, django_assert_num_queries):
    """An opgave with reports but no indicators: its reports' values are read by no query, and are none."""
    opgave = w.leeg
    Voortgang.objects.create(
        opgave=opgave,
        periode_eind=datetime.date(2026, 3, 31),
        status="op_koers",
        besteed=Decimal("0"),
        toelichting="",
    )
    verwacht = selectors.opgave_detail_queryset().get(pk=opgave.pk)
    gelezen = selectors.opgave_pagina_queryset().get(pk=opgave.pk)
    with django_assert_num_queries(2):  # which parts it has, its reports
        selectors.onderdelen_bij(gelezen)
    with django_assert_num_queries(0):
        _zelfde_onderdelen(gelezen, verwacht)


def test_the_written_out_opgave_equals_the_orm_one(w, django_assert_num_queries):
    """`opgave_voor_pagina` (one written-out query) reads an opgave as `opgave_pagina_queryset` does: the same
    values, with its region, opdrachtgever (person, body) and steering group in place, or none of them; None for
    an opgave that does not exist."""
    w.fietsnetwerk.stuurgroep = w.stuurgroep
    w.fietsnetwerk.samenvatting = "<script>&amp;</script>"
    w.fietsnetwerk.begin_jaar, w.fietsnetwerk.eind_jaar = 2026, 2030
    w.fietsnetwerk.save()
    for opgave in (w.fietsnetwerk, w.leeg, w.besloten):
        verwacht = selectors.opgave_pagina_queryset().get(pk=opgave.pk)
        with django_assert_num_queries(1):
            gelezen = selectors.opgave_voor_pagina(opgave.pk)
        with django_assert_num_queries(0):
            assert _rij(gelezen) == _rij(verwacht)
            assert _rij(gelezen.regio) == _rij(verwacht.regio)
            assert gelezen._state.db == verwacht._state.db and not gelezen._state.adding
            for naam in ("opdrachtgever", "stuurgroep"):
                assert (getattr(gelezen, naam) and _rij(getattr(gelezen, naam))) == (
                    getattr(verwacht, naam) and _rij(getattr(verwacht, naam))
                )
            if verwacht.opdrachtgever is not None:
                assert _rij(gelezen.opdrachtgever.persoon) == _rij(verwacht.opdrachtgever.persoon)
                assert _rij(gelezen.opdrachtgever.orgaan) == _rij(verwacht.opdrachtgever.orgaan)
    assert w.fietsnetwerk.opdrachtgever is not None and w.leeg.opdrachtgever is None
    assert (
        selectors.opgave_voor_pagina(max(o.pk for o in (w.fietsnetwerk, w.leeg, w.besloten)) + 1000) is None
    )
    assert selectors.opgave_voor_pagina(2**63) is None


def test_an_opgave_page_that_does_not_exist_is_404(client, w):
    assert client.get("/opgave/999999/").status_code == 404
    assert client.get(f"/opgave/{2**64}/").status_code == 404
    assert client.get(w.besloten.get_absolute_url()).status_code == 404
    assert client.get(w.fietsnetwerk.get_absolute_url()).status_code == 200
