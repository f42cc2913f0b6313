"""The version page's figures, pre-formatted in Python: the same text as the filters, last year's totals in one query."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from programmas import selectors, services
from programmas.models import VersieStatus
from programmas.templatetags.programma import Notatie, euro_verschil
from regioportaal.templatetags.portaal import euro, getal

from .bouw import JAAR, programma

BEDRAGEN = [
    None,
    "",
    0,
    Decimal("0"),
    Decimal("0.004"),
    Decimal("12.5"),
    Decimal("-1234.56"),
    Decimal("1234567.891"),
]


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_notation_writes_what_the_filters_write(taal):
    with translation.override(taal):
        notatie = Notatie()
        for bedrag in BEDRAGEN:
            assert notatie.euro(bedrag) == euro(bedrag)
            assert notatie.euro(bedrag, 0) == euro(bedrag, 0)
            assert notatie.verschil(bedrag) == euro_verschil(bedrag)
        for aantal in [None, "", 0, 7, 87332, 1234567, -1234567, Decimal("40.00")]:
            assert notatie.getal(aantal) == getal(aantal)


def test_last_years_totals_come_from_the_stored_figures_in_one_query(wereld):
    vorig = programma(wereld, jaar=JAAR - 1, tot=VersieStatus.VOORGELEGD)
    versie = selectors.versie_voor_pagina(programma(wereld).pk)  # with its programme, as the page reads it
    regeling = services.regeling_van(wereld.regio)
    verwacht = selectors.kostenverdeling(vorig, regeling).totaal_per_bestuur
    with CaptureQueriesContext(connection) as queries:
        totalen = selectors.vorig_jaar_totalen(versie, regeling)
    assert totalen == verwacht and len(totalen) == len(wereld.leden)
    assert len(queries) == 1


@given(
    waarde=st.one_of(
        st.integers(min_value=-(10**15), max_value=10**15),
        st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12, places=6),
        st.decimals(allow_nan=False, allow_infinity=False, min_value=-1, max_value=1),
        # amounts in cents, as the split stores them (exactly two decimals)
        st.integers(min_value=-(10**14), max_value=10**14).map(lambda centen: Decimal(centen).scaleb(-2)),
    ),
    decimalen=st.integers(min_value=0, max_value=6),
    taal=st.sampled_from(["nl", "en", "fr", "de"]),
)
@settings(max_examples=600, deadline=None)
def test_the_quick_path_writes_every_number_as_djangos_formatter(waarde, decimalen, taal):
    """Amounts councils decide on are written by a quick path for ints and Decimals: the same text as Django's
    `numberformat.format`, to the last separator and rounding digit, in each language."""
    with translation.override(taal):
        notatie = Notatie()
        assert notatie._getal(waarde, decimalen) == notatie._django(waarde, decimalen)


@given(centen=st.integers(min_value=0, max_value=2**63 - 1))
@settings(max_examples=300, deadline=None)
def test_a_stored_amount_in_cents_reads_as_euros_with_two_decimals(centen):
    from programmas.models import Bijdrage

    euro = Bijdrage.euro(centen)
    verwacht = (Decimal(centen) / 100).quantize(Decimal("0.01"))
    assert euro == verwacht and str(euro) == str(verwacht) and euro.as_tuple().exponent == -2
