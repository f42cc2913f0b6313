"""The grip page's row builders (`raad.grip.rijen`) escape and label as Django does: `_esc` is `conditional_escape`
for every kind of value, `_labels` is `get_FOO_display` in the active language, and `_datum` the filter
`date:"j F Y"` in it, each made once per language."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from programmas.models import Versie, VersieStatus
from raad.grip import rijen


@pytest.mark.parametrize(
    "waarde",
    [
        "Raad & <b>\"college\"</b> 'x'",
        "",
        mark_safe("<em>veilig</em>"),
        gettext_lazy("gedaan"),
        1234567,
        None,
        datetime.date(2026, 3, 5),
    ],
)
def test_escaping_is_conditional_escape(waarde):
    assert rijen._esc(waarde) == str(conditional_escape(waarde))


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_labels_and_dates_are_those_of_the_active_language(taal):
    with translation.override(taal):
        labels = rijen._labels(Versie, "status")
        for status in VersieStatus:
            assert labels[status] == Versie(status=status).get_status_display()
        dag = datetime.date(2026, 3, 5)
        assert rijen._datum()(dag) == Template('{{ d|date:"j F Y" }}').render(Context({"d": dag}))
    with translation.override("en" if taal == "nl" else "nl"):
        assert (
            rijen._labels(Versie, "status")[VersieStatus.CONCEPT]
            == Versie(status="concept").get_status_display()
        )
