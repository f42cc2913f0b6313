"""The cost split adds up to the cent for any amounts, populations, keys and fixed contributions."""

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from programmas.verdeling import CENT, Lid, VerdelingFout, allocate

SLEUTELS = ["bevolking", "gelijk", "mix", "per_inwoner"]

bedragen = st.decimals(
    min_value=0, max_value=Decimal("100000000"), places=2, allow_nan=False, allow_infinity=False
)
inwoners = st.integers(min_value=0, max_value=2_000_000)


@st.composite
def verdelingen(draw):
    n = draw(st.integers(min_value=1, max_value=25))
    leden = [Lid(i + 1, draw(inwoners)) for i in range(n)]
    bedrag = draw(bedragen)
    sleutel = draw(st.sampled_from(SLEUTELS))
    aandeel = draw(st.decimals(min_value=0, max_value=1, places=4))
    vaste_ids = draw(st.lists(st.sampled_from([lid.id for lid in leden]), unique=True, max_size=n))
    vast = {}
    rest = bedrag
    for lid_id in vaste_ids:
        deel = draw(st.decimals(min_value=0, max_value=rest, places=2)) if rest > 0 else Decimal("0")
        vast[lid_id] = deel
        rest -= deel
    return bedrag, leden, sleutel, vast, aandeel


@given(verdelingen())
def test_shares_add_up_to_the_amount_to_the_cent(geval):
    bedrag, leden, sleutel, vast, aandeel = geval
    assume(len(vast) < len(leden) or sum(vast.values()) == bedrag)
    shares = allocate(bedrag, leden, sleutel, vast=vast, aandeel_bevolking=aandeel)
    assert set(shares) == {lid.id for lid in leden}
    assert sum(shares.values(), Decimal("0")) == bedrag
    assert all(share >= 0 for share in shares.values())
    assert all(share == share.quantize(CENT) for share in shares.values())
    assert all(shares[k] == v for k, v in vast.items())


@given(
    bedrag=bedragen,
    n=st.integers(min_value=1, max_value=30),
    bevolking=inwoners,
    sleutel=st.sampled_from(SLEUTELS),
)
def test_equal_populations_differ_by_at_most_one_cent(bedrag, n, bevolking, sleutel):
    shares = allocate(bedrag, [Lid(i, bevolking) for i in range(1, n + 1)], sleutel)
    assert max(shares.values()) - min(shares.values()) <= CENT
    assert sum(shares.values(), Decimal("0")) == bedrag


@given(bedrag=bedragen, populaties=st.lists(st.just(0), min_size=1, max_size=10))
def test_zero_populations_split_equally(bedrag, populaties):
    shares = allocate(bedrag, [Lid(i + 1, p) for i, p in enumerate(populaties)], "bevolking")
    assert sum(shares.values(), Decimal("0")) == bedrag
    assert max(shares.values()) - min(shares.values()) <= CENT


def test_split_by_population_follows_the_inhabitants():
    shares = allocate(Decimal("100.00"), [Lid(1, 1), Lid(2, 3)], "bevolking")
    assert shares == {1: Decimal("25.00"), 2: Decimal("75.00")}


def test_largest_remainder_gives_the_left_over_cent_to_the_largest_remainder():
    shares = allocate(Decimal("0.10"), [Lid(1, 1), Lid(2, 1), Lid(3, 1)], "gelijk")
    assert sorted(shares.values()) == [Decimal("0.03"), Decimal("0.03"), Decimal("0.04")]
    assert shares[1] == Decimal("0.04")  # ties go to the lowest id, the same every time


def test_fixed_contributions_above_the_amount_are_refused():
    with pytest.raises(VerdelingFout):
        allocate(Decimal("10"), [Lid(1, 5), Lid(2, 5)], vast={1: Decimal("11")})


def test_negative_amount_is_refused():
    with pytest.raises(VerdelingFout):
        allocate(Decimal("-1"), [Lid(1, 5)])


def test_no_members_means_nothing_to_split():
    assert allocate(Decimal("10"), []) == {}
