"""The grip page's chart bars and next dates are written in Python (raad.grip.rijen, issue 16): the same HTML as the
template loops they replace, in both languages, with every value escaped."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

from besturen.models import Regio
from opgaven.grafieken import trend_grafiek
from programmas.models import Jaarprogramma, ProgrammaSoort
from raad.grip import rijen
from raad.grip.views import Staaf

BALKEN = (
    "{% load l10n portaal %}{% localize off %}{% for balk in grafiek.balken %}\n"
    '      <rect x="{{ balk.x }}" y="{{ balk.y }}" width="{{ balk.breedte }}" height="{{ balk.hoogte }}" '
    'fill="#0b5394"/>\n'
    '      <text x="{{ balk.midden }}" y="{{ balk.tekst_y }}" text-anchor="middle" font-size="11" fill="#1b1f24">'
    "{% localize on %}{{ balk.rapport.besteed|euro:0 }}{% endlocalize %}</text>\n"
    '      <text x="{{ balk.midden }}" y="{{ grafiek.label_y }}" text-anchor="middle" font-size="11" '
    'fill="#1b1f24">{{ balk.rapport.jaar }}</text>\n'
    "      {% endfor %}{% endlocalize %}"
)

DATUMS = (
    "{% for moment in datums %}\n"
    '    <li><time datetime="{{ moment.datum|date:\'Y-m-d\' }}">{{ moment.datum|date:"j F Y" }}</time>: '
    '{{ moment.label }} · {% if moment.link %}<a href="{{ moment.link }}">{{ moment.programma }}</a>'
    "{% else %}{{ moment.programma }}{% endif %} "
    '<span class="meta">({{ moment.grondslag }}; {{ moment.staat_label }})</span></li>\n'
    "    {% endfor %}"
)


@pytest.mark.parametrize("taal", ["nl", "en"])
@pytest.mark.parametrize(
    "bedragen",
    [
        [Decimal("1234567.89"), Decimal("0"), Decimal("250000"), Decimal("1.5")],
        [Decimal("0"), Decimal("0")],  # no maximum: flat bars of height 0
        [Decimal("98765.4321")],
    ],
)
def test_the_bars_are_what_the_template_loop_wrote(taal, bedragen):
    grafiek = trend_grafiek([Staaf(2020 + i, bedrag) for i, bedrag in enumerate(bedragen)])
    with translation.override(taal):
        verwacht = Template(BALKEN).render(Context({"grafiek": grafiek}))
        assert str(rijen.grafiek_balken(grafiek)) == verwacht
    assert verwacht.count("<rect") == len(bedragen)


def _programma(titel="", soort=ProgrammaSoort.PROGRAMMA, regio="Regio <Noord> & Zuid"):
    """An unsaved programme of 2027 (the rows write it as `str(programma)`: its title, else kind, year and region)."""
    return Jaarprogramma(titel=titel, soort=soort, jaar=2027, regio=Regio(naam=regio))


@pytest.mark.parametrize("taal", ["nl", "en"])
@pytest.mark.parametrize(
    "programma",
    [
        _programma("Jaarprogramma 2027 & co"),
        _programma(),
        _programma(soort=ProgrammaSoort.BEGROTING),
    ],
)
def test_a_programme_is_named_as_its_str(taal, programma):
    with translation.override(taal):
        assert rijen.programma_tekst(programma) == str(programma)
        assert rijen.programma_tekst(programma, rijen._teksten()) == str(programma)


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_dates_are_what_the_template_loop_wrote(taal):
    momenten = [
        SimpleNamespace(
            datum=datetime.date(2027, 3, 1),
            label="Uiterste datum <voor> de raden",
            link="/versie/13/?a=1&b=2",
            programma=_programma("Jaarprogramma 2027 & co"),
            grondslag="art. 35 Wgr",
            staat_label="te doen",
        ),
        SimpleNamespace(
            datum=datetime.date(2027, 12, 15),
            label="Begroting",
            link="",
            programma=_programma(soort=ProgrammaSoort.BEGROTING, regio='Regio "zonder" link'),
            grondslag="datum van de regio",
            staat_label="gedaan",
        ),
    ]
    with translation.override(taal):
        verwacht = Template(DATUMS).render(Context({"datums": momenten}))
        assert str(rijen.datum_regels(momenten)) == verwacht
    assert "&lt;voor&gt;" in verwacht and "&amp;b=2" in verwacht and "&quot;zonder&quot;" in verwacht
