"""The version page's pieces that skip a template or a translation's lookup (issue 16, cold pages) write what they
replace: the packets' list as its template, each fixed text in the reader's language, each amount as the filter."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from programmas import weergave
from programmas.templatetags.programma import Notatie
from programmas.views import versie as versie_views
from regioportaal.templatetags.portaal import euro


@pytest.mark.parametrize("taal", ["nl", "en"])
@pytest.mark.parametrize("n", [0, 1, 2, 1234])
def test_the_packets_list_is_what_its_template_wrote(taal, n):
    """One council says "raad" (singular), more say "raden"; a count in the thousands as the template writes it."""
    tabel = SimpleNamespace(
        rijen=[object()] * n,
        pakketten_html=mark_safe('<li><a href="/p/1/">Gemeente &quot;A&quot; &amp; &lt;B&gt;</a></li>'),
    )
    with translation.override(taal):
        verwacht = render_to_string("programmas/_versie_pakketten.html", {"tabel": tabel})
        assert versie_views._pakketten_html(tabel) == verwacht


def test_each_language_gets_its_own_texts():
    """A text translated once is not shown in another language: each reader's language has its own."""
    with translation.override("en"):
        engels = weergave.teksten().gettext("Statusbord")
    with translation.override("nl"):
        nederlands = weergave.teksten().gettext("Statusbord")
    with translation.override("en"):
        assert weergave.teksten().gettext("Statusbord") == engels
    assert nederlands == "Statusbord"
    assert engels != nederlands


@given(
    waarde=st.one_of(
        st.integers(min_value=-(10**14), max_value=10**14).map(lambda centen: Decimal(centen).scaleb(-2)),
        st.integers(min_value=-300, max_value=300).map(lambda centen: Decimal(centen).scaleb(-2)),
        st.sampled_from(
            [Decimal("-0.00"), Decimal("0.00"), Decimal("-0.05"), Decimal("-0.5"), Decimal("1E+3")]
        ),
        st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-(10**9), max_value=10**9),
    ),
    decimalen=st.sampled_from([0, 2]),
    taal=st.sampled_from(["nl", "en"]),
)
@settings(max_examples=600, deadline=None)
def test_an_amount_in_the_notation_is_what_the_filter_writes(waarde, decimalen, taal):
    """The amounts of a split (in cents; whole euros for the chart) and any other Decimal: the text of `|euro`,
    negative amounts under a euro and a negative zero included."""
    with translation.override(taal):
        assert Notatie().euro(waarde, decimalen) == euro(waarde, decimalen)


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_a_versions_url_is_what_reverse_gives(taal):
    """Each link of a version's page (its parts, its downloads, each workflow step's form) goes where `reverse`
    sends it, for any version, also under another script prefix."""
    from django.urls import clear_script_prefix, reverse, set_script_prefix

    with translation.override(taal):
        for pk in (1, 13, 2**40):
            for naam in ("versie", "vragen", "status", "statusbord", "vergelijk", "verdeling_csv"):
                assert weergave.versie_url(f"programmas:{naam}", pk) == reverse(
                    f"programmas:{naam}", args=[pk]
                )
            for stap in versie_views.STAPPEN:
                assert weergave.versie_url("programmas:actie", pk, stap) == reverse(
                    "programmas:actie", args=[pk, stap]
                )
        set_script_prefix("/portaal/")
        try:
            assert weergave.versie_url("programmas:vragen", 7) == "/portaal/versie/7/vragen/"
        finally:
            clear_script_prefix()
        assert weergave.versie_url("programmas:vragen", 7) == reverse("programmas:vragen", args=[7])
