"""The version page's pieces written in Python (issue 16) give the HTML of the template they replace, escaping,
translations and every state included."""

import datetime
from decimal import Decimal

import pytest
from django.template import engines
from django.template.loader import render_to_string
from django.utils import timezone, translation

from programmas import selectors, services
from programmas.models import Programmaregel, SleutelSoort, VersieStatus
from programmas.regeling import regeling_van, regeling_voor
from programmas.templatetags.programma import Notatie
from programmas.views import versie as versie_views
from programmas.views._gedeeld import versies_met_regeling

from .bouw import programma

# The facts under the version's title as `programmas/versie.html` wrote them before `_feiten_html` (the template
# it replaces), with `programmas/_sleutel.html` included.
FEITEN_TEMPLATE = """{% load i18n %}<dl class="facts">
  <dt>{% translate "Regio" %}</dt><dd>{{ regio.naam }}</dd>
  <dt>{% translate "Procedure" %}</dt><dd>{{ regeling.get_procedure_display }}</dd>
  <dt>{% translate "Verdeelsleutel" %}</dt><dd>{% include "programmas/_sleutel.html" %}</dd>
  <dt>{% translate "Cijfers" %}</dt><dd>{% if versie.bevroren_op %}{% blocktranslate with datum=versie.bevroren_op|date:"j F Y" %}Vastgelegd op {{ datum }}: de bedragen, inwonertallen, sleutel en beslisregel van deze versie veranderen niet meer.{% endblocktranslate %}{% else %}{% translate "Nog niet vastgelegd: de verdeling gebruikt de huidige inwonertallen en instellingen (zie de tabel), tot de versie wordt vastgesteld of voorgelegd." %}{% endif %}</dd>
  {% if versie.gebaseerd_op %}<dt>{% translate "Gebaseerd op" %}</dt><dd>{% blocktranslate with n=versie.gebaseerd_op.nummer %}versie {{ n }}{% endblocktranslate %} (<a href="{% url 'programmas:vergelijk' versie.pk %}?met={{ versie.gebaseerd_op_id }}">{% translate "wat veranderde" %}</a>)</dd>{% endif %}
  {% if versie.ingediend_op %}<dt>{% translate "Ingediend" %}</dt><dd>{{ versie.ingediend_op|date:"j F Y" }}</dd>{% endif %}
  {% if versie.vastgesteld_op %}<dt>{% translate "Vastgesteld" %}</dt><dd>{{ versie.vastgesteld_op|date:"j F Y" }}{% if versie.besluit_referentie %} ({{ versie.besluit_referentie }}){% endif %}</dd>{% endif %}
  {% if versie.voorgelegd_op %}<dt>{% translate "Voorgelegd aan de raden" %}</dt><dd>{{ versie.voorgelegd_op|date:"j F Y" }}</dd>{% endif %}
  {% if versie.deadline %}<dt>{% translate "Uiterste datum voor de raden" %}</dt><dd>{{ versie.deadline|date:"j F Y" }}</dd>{% endif %}
  <dt>{% translate "Vragen" %}</dt><dd><a href="{% url 'programmas:vragen' versie.pk %}">{% blocktranslate count n=aantal_vragen %}{{ n }} vraag{% plural %}{{ n }} vragen{% endblocktranslate %}</a></dd>
</dl>"""  # noqa: E501 - the template as it was, line for line


def _versie_van_pagina(versie):
    """The version as the page reads it (`_versies_or_404`: with its programme, region, settings and base)."""
    rijen = versies_met_regeling("WHERE v.id = %s", [versie.pk])
    return rijen[0]


def _feiten_gevallen(wereld):
    """Versions in every state the facts tell apart, with names and references that need escaping."""
    wereld.regio.naam = 'Regio "Noord" & <Zuid>'
    wereld.regio.save()
    regeling = regeling_van(wereld.regio)
    regeling.sleutel = SleutelSoort.MIX
    regeling.aandeel_bevolking = Decimal("0.65")
    regeling.bedrag_per_inwoner = Decimal("1234.5")
    regeling.save()
    concept = programma(wereld)
    ingediend = programma(wereld, tot=VersieStatus.INGEDIEND, jaar=2028)
    voorgelegd = programma(
        wereld, tot=VersieStatus.VOORGELEGD, jaar=2029, deadline=datetime.date(2030, 1, 31)
    )
    voorgelegd.besluit_referentie = "AB <2029> & 'z' \"1\""
    # Frozen just before midnight UTC: the date the page shows is the local one (the next day in Europe).
    voorgelegd.bevroren_op = datetime.datetime(2026, 7, 1, 23, 30, tzinfo=datetime.UTC)
    voorgelegd.save()
    nieuw = services.new_versie(voorgelegd, door=None, toelichting="")
    return [concept, ingediend, voorgelegd, nieuw]


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_facts_are_what_the_template_wrote(wereld, taal):
    """Region, procedure, key (a mix with a default rate), frozen or not, the base version, every date, the
    reference and the number of questions (none, one, several): the same HTML as the template's tags, escaped."""
    template = engines["django"].from_string(FEITEN_TEMPLATE)
    gevallen = _feiten_gevallen(wereld)
    with translation.override(taal):
        for versie in gevallen:
            versie = _versie_van_pagina(versie)
            regio = versie.jaarprogramma.regio
            regeling = regeling_voor(versie)
            for aantal_vragen in (0, 1, 2, 1500):
                verwacht = template.render(
                    {"versie": versie, "regio": regio, "regeling": regeling, "aantal_vragen": aantal_vragen}
                )
                assert versie_views._feiten_html(versie, regio, regeling, aantal_vragen) == verwacht
    html = versie_views._feiten_html(
        _versie_van_pagina(gevallen[2]), wereld.regio, regeling_voor(gevallen[2]), 1
    )
    assert "Regio &quot;Noord&quot; &amp; &lt;Zuid&gt;" in html
    assert "(AB &lt;2029&gt; &amp; &#x27;z&#x27; &quot;1&quot;)" in html
    with translation.override("nl"), timezone.override("Europe/Amsterdam"):
        assert "Vastgelegd op 2 juli 2026" in versie_views._feiten_html(
            _versie_van_pagina(gevallen[2]), wereld.regio, regeling_voor(gevallen[2]), 1
        )
    assert "?met=" in versie_views._feiten_html(_versie_van_pagina(gevallen[3]), wereld.regio, regeling, 0)


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_a_date_is_what_the_date_filter_wrote(taal):
    """Every month, a year before 1000, a date and a date-time (in the current time zone)."""
    template = engines["django"].from_string('{{ d|date:"j F Y" }}')
    dagen = [datetime.date(2026, maand, 1 + maand) for maand in range(1, 13)] + [datetime.date(987, 3, 9)]
    tijden = [datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC), timezone.now()]
    with translation.override(taal):
        for d in dagen + tijden:
            assert versie_views._datum(d) == template.render({"d": d})


def _tabel(wereld, versie, gebruiker):
    """The split's context as the version page makes it for a reader who may not edit (`_tabel_context`)."""
    versie = _versie_van_pagina(versie)
    regeling = regeling_voor(versie)
    return versie, regeling, versie_views._tabel_context(gebruiker, versie, regeling)


@pytest.mark.parametrize("taal", ["nl", "en"])
@pytest.mark.parametrize("tot", [VersieStatus.CONCEPT, VersieStatus.VOORGELEGD])
def test_the_lines_rows_are_what_the_fragments_loop_wrote(wereld, taal, tot):
    """The lines table of a reader (`tabel.regels_html`) is the fragment's loop over the lines: titles escaped, a
    line's own key or the region's, its rate per inhabitant, its number of members."""
    wereld.opgaven[0].titel = 'Fietsroutes <b>& "wegen"</b>'
    wereld.opgaven[0].save()
    versie = programma(wereld, tot=tot)
    regel = Programmaregel.objects.filter(versie=versie, opgave=wereld.opgaven[1]).get()
    Programmaregel.objects.filter(pk=regel.pk).update(sleutel=SleutelSoort.GELIJK)
    with translation.override(taal):
        versie, regeling, context = _tabel(wereld, versie, wereld.secretariaat)
        tabel = context["tabel"]
        assert tabel.regels_html
        if tot == VersieStatus.CONCEPT:  # a rate per inhabitant on one line
            tabel.regels[0].tarief_gebruikt = Decimal("2.5")
            tabel.regels[0].tarief_tekst = Notatie().euro(Decimal("2.5"))
            versie_views._regels_html(tabel, regeling)
        context = {"versie": versie, "regeling": regeling, "mag_bewerken": False, **context}
        met = render_to_string("programmas/_versie_regels.html", context)
        regels_html = tabel.regels_html
        tabel.regels_html = ""  # the fragment's loop
        zonder = render_to_string("programmas/_versie_regels.html", context)
        tabel.regels_html = regels_html
    assert met == zonder
    assert "Fietsroutes &lt;b&gt;&amp; &quot;wegen&quot;&lt;/b&gt;" in met
    with translation.override(taal):
        assert str(SleutelSoort.GELIJK.label) in regels_html


def test_a_version_without_lines_says_so(wereld):
    """No lines: no rows written, and the fragment's loop says the version has none."""
    versie = services.draft_jaarprogramma(wereld.regio, 2031, door=None, opgaven=[])
    versie, regeling, context = _tabel(wereld, versie, wereld.secretariaat)
    assert context["tabel"].regels_html == ""
    with translation.override("nl"):
        html = render_to_string(
            "programmas/_versie_regels.html",
            {"versie": versie, "regeling": regeling, "mag_bewerken": False, **context},
        )
    assert "Deze versie heeft nog geen regels." in html


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_split_rows_are_the_same_whether_figures_are_escaped_or_not(wereld, taal):
    """The split's rows write a figure as it is when the notation says escaping would not change it (the
    language's separators are no HTML characters): the same rows as escaping every figure."""
    versie = programma(wereld, tot=VersieStatus.VOORGELEGD)
    with translation.override(taal):
        versie = _versie_van_pagina(versie)
        regeling = regeling_voor(versie)
        tabel = selectors.verdelingstabel(versie, regeling, deelnemers=False)
        selectors.met_titels(wereld.secretariaat, tabel.regels)
        notatie = versie_views.maak_op(tabel)
        assert notatie.veilig
        versie_views._rijen_html(versie, tabel, notatie)
        snel = (tabel.rijen_html, tabel.kolomtotalen_html)
        notatie.veilig = False
        versie_views._rijen_html(versie, tabel, notatie)
        assert (tabel.rijen_html, tabel.kolomtotalen_html) == snel
    assert tabel.rijen


def test_a_notation_with_an_html_character_is_not_safe(monkeypatch):
    """A language whose separators HTML escapes gets its figures escaped."""
    from programmas.templatetags import programma as programma_tags

    monkeypatch.setattr(
        programma_tags,
        "get_format",
        lambda naam, *a, **k: {"DECIMAL_SEPARATOR": "&", "THOUSAND_SEPARATOR": "'", "NUMBER_GROUPING": 3}[
            naam
        ],
    )
    assert not Notatie().veilig


def _uitslag(beslissing):
    return (beslissing.status, beslissing.telling, beslissing.n, beslissing.uitleg, beslissing.lijst)


def test_the_status_boards_count_from_its_rows_is_the_counts_own_query(wereld, django_assert_num_queries):
    """The unfiltered status board counts the decisions it read (every one of the version): the same status,
    count, arithmetic and list as the count's own query, before and after councils decided."""
    from programmas.models import Raadsbesluit, Uitkomst

    versie = programma(wereld, tot=VersieStatus.VOORGELEGD)
    regeling = regeling_voor(versie)
    for stap, uitkomst in enumerate([None, Uitkomst.GOEDGEKEURD, Uitkomst.AFGEWEZEN]):
        if uitkomst is not None:
            besluit = Raadsbesluit.objects.filter(versie=versie).order_by("pk")[stap - 1]
            services.record_raadsbesluit(
                besluit, uitkomst=uitkomst, datum_raad=timezone.localdate(), door=None
            )
        rijen = selectors.statusbord_rijen(versie)
        with django_assert_num_queries(0):
            uit_rijen = selectors.beslissing(
                versie, regeling, uitkomsten=[(rij.uitkomst, rij.inwoners) for rij in rijen]
            )
        assert _uitslag(uit_rijen) == _uitslag(selectors.beslissing(versie, regeling))
    assert uit_rijen.telling[Uitkomst.AFGEWEZEN] == 1


@pytest.mark.parametrize("uitkomst", ["", "goedgekeurd", "te_laat"])
def test_the_status_boards_rows_carry_their_latest_registration(wereld, uitkomst, django_assert_num_queries):
    """Each row of the status board has its latest registration as `laatste` (newest time, then newest id; None
    without one), as the decision's registrations ordered newest first give it, from one query; filtered rows too."""
    from programmas.models import Raadsbesluit, Registratie, Uitkomst

    versie = programma(wereld, tot=VersieStatus.VOORGELEGD)
    eerste, tweede, _derde = Raadsbesluit.objects.filter(versie=versie).order_by("pk")
    services.record_raadsbesluit(
        eerste, uitkomst=Uitkomst.GOEDGEKEURD, datum_raad=timezone.localdate(), door=None
    )
    services.record_raadsbesluit(
        tweede, uitkomst=Uitkomst.AFGEWEZEN, datum_raad=timezone.localdate(), door=None
    )
    # A correction at the same moment as the first registration: the newer id is the latest.
    oud = Registratie.objects.get(besluit=tweede)
    Registratie.objects.create(
        besluit=tweede,
        uitkomst=Uitkomst.GOEDGEKEURD,
        datum_raad=oud.datum_raad - datetime.timedelta(days=1),
        tijdstip=oud.tijdstip,
    )
    Registratie.objects.filter(besluit=tweede).update(tijdstip=oud.tijdstip)
    later = timezone.localdate() + datetime.timedelta(days=400)
    with django_assert_num_queries(1):
        rijen = selectors.statusbord_rijen(versie, uitkomst=uitkomst, vandaag=later)
    assert rijen
    for rij in rijen:
        verwacht = Registratie.objects.filter(besluit=rij).order_by("-tijdstip", "-id").first()
        assert rij.laatste == verwacht
        if verwacht is not None:
            assert (rij.laatste.datum_raad, rij.laatste.tijdstip, rij.laatste.besluit) == (
                verwacht.datum_raad,
                verwacht.tijdstip,
                rij,
            )
    if not uitkomst:
        assert [rij.laatste is None for rij in rijen].count(True) == len(rijen) - 2


def test_a_members_decision_is_what_the_orm_gives(wereld, django_assert_num_queries):
    """`besluit_van`: the decision of a member on a version as the ORM's query gives it, every field; None for a
    member without one (a concept has none)."""
    from programmas.models import Raadsbesluit, Uitkomst

    versie = programma(wereld, tot=VersieStatus.VOORGELEGD)
    besluit = Raadsbesluit.objects.filter(versie=versie).order_by("pk").first()
    services.record_raadsbesluit(
        besluit, uitkomst=Uitkomst.GOEDGEKEURD, datum_raad=timezone.localdate(), door=None
    )
    concept = programma(wereld, jaar=2030)
    for v in (versie, concept):
        for bestuur in wereld.leden:
            verwacht = Raadsbesluit.objects.filter(versie=v, bestuur=bestuur).order_by().first()
            with django_assert_num_queries(1):
                gevonden = selectors.besluit_van(v, bestuur)
            assert gevonden == verwacht
            if verwacht is not None:
                velden = [f.attname for f in Raadsbesluit._meta.concrete_fields]
                assert [getattr(gevonden, n) for n in velden] == [getattr(verwacht, n) for n in velden]
                assert gevonden.get_absolute_url() == verwacht.get_absolute_url()
    assert selectors.besluit_van(concept, wereld.leden[0]) is None
    assert selectors.besluit_van(versie, besluit.bestuur).uitkomst == Uitkomst.GOEDGEKEURD


BESLISSING_LIJSTEN = (
    "{% for regel in beslissing.uitleg %}<li>{{ regel }}</li>{% endfor %}|"
    '{% for label, n in beslissing.lijst %}<tr><th scope="row">{{ label }}</th><td class="getal">{{ n }}</td></tr>'
    "{% endfor %}"
)  # the loops of `programmas/_beslissing.html` that `weergave.beslissing_html` replaces


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_decision_lists_are_what_the_loops_wrote(wereld, taal):
    """The arithmetic's sentences and the count's rows, before and after councils decided, in both languages, a
    sentence with HTML characters escaped: what `_beslissing.html`'s loops wrote."""
    from programmas import weergave
    from programmas.models import Raadsbesluit, Uitkomst

    template = engines["django"].from_string(BESLISSING_LIJSTEN)
    versie = programma(wereld, tot=VersieStatus.VOORGELEGD)
    regeling = regeling_voor(versie)
    with translation.override(taal):
        for stap in range(2):
            if stap:
                besluit = Raadsbesluit.objects.filter(versie=versie).order_by("pk").first()
                services.record_raadsbesluit(
                    besluit, uitkomst=Uitkomst.GOEDGEKEURD, datum_raad=timezone.localdate(), door=None
                )
            uitslag = selectors.beslissing(versie, regeling)
            uitslag.uitleg.append('Regel <b>"&"</b>')
            uitslag.lijst.append(("a & <b>", 1234))
            weergave.beslissing_html(uitslag)
            assert f"{uitslag.uitleg_html}|{uitslag.lijst_html}" == template.render({"beslissing": uitslag})
    assert "&lt;b&gt;&quot;&amp;&quot;&lt;/b&gt;" in uitslag.uitleg_html


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_split_per_member_is_what_its_template_wrote(wereld, taal):
    """`_verdeling_html` writes what `programmas/_versie_verdeling.html` writes (the editor's page renders the
    template): a routed version with last year's totals, a concept without them, a version without lines; a
    line's title with HTML characters escaped in its head."""
    wereld.opgaven[0].titel = 'Fietsroutes <b>& "wegen"</b>'
    wereld.opgaven[0].save()
    programma(wereld, jaar=2026, tot=VersieStatus.VOORGELEGD)
    gevallen = [
        programma(wereld, tot=VersieStatus.VOORGELEGD),
        programma(wereld, jaar=2029),
        services.draft_jaarprogramma(wereld.regio, 2031, door=None, opgaven=[]),
    ]
    with translation.override(taal):
        for versie in gevallen:
            versie, regeling, context = _tabel(wereld, versie, wereld.secretariaat)
            context = {"versie": versie, "regeling": regeling, "mag_bewerken": False, **context}
            verwacht = render_to_string("programmas/_versie_verdeling.html", context)
            assert versie_views._verdeling_html(versie, context["tabel"], context["grafiek"]) == verwacht
    assert [bool(_tabel(wereld, v, wereld.secretariaat)[2]["tabel"].rijen) for v in gevallen] == [
        True,
        True,
        False,
    ]
    assert _tabel(wereld, gevallen[0], wereld.secretariaat)[2]["tabel"].vorig_totaal is not None
    assert _tabel(wereld, gevallen[1], wereld.secretariaat)[2]["tabel"].vorig_totaal is None


STATUSBORD_LUSSEN = (
    '{% for waarde, label in keuzes %}<option value="{{ waarde }}"{% if waarde == filter %} selected{% endif %}>'
    "{{ label }}</option>{% endfor %}|{% for label, n in tellingen %}<li>{{ label }}: {{ n }}</li>{% endfor %}"
)  # the status board's loops that `weergave.keuzes_html` and `weergave.tellingen_html` replace


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_status_boards_options_and_counts_are_what_the_loops_wrote(taal):
    """Every option, the chosen one selected (none, the first, another), labels and values with HTML characters
    escaped; the counts with a number in thousands."""
    from programmas import weergave
    from programmas.models import Uitkomst

    template = engines["django"].from_string(STATUSBORD_LUSSEN)
    with translation.override(taal):
        keuzes = [("", "alle"), *((u.value, u.label) for u in Uitkomst), ('x"<&>', "a & <b>")]
        tellingen = [(u.label, i * 999) for i, u in enumerate(Uitkomst)] + [("a & <b>", 2)]
        for gekozen in ["", "goedgekeurd", 'x"<&>', "onbekend"]:
            verwacht = template.render({"keuzes": keuzes, "filter": gekozen, "tellingen": tellingen})
            html = f"{weergave.keuzes_html(keuzes, gekozen)}|{weergave.tellingen_html(tellingen)}"
            assert html == verwacht
