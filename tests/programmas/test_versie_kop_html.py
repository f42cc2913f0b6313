"""The version page's heading, breadcrumbs, links and decision section written in Python (issue 16) give the HTML
of the templates they replace, escaping and translations included."""

import pytest
from django.template import engines
from django.template.loader import render_to_string
from django.utils import translation

from programmas import beslisregels, selectors, weergave
from programmas.models import VersieStatus
from programmas.regeling import regeling_voor
from programmas.views import versie as versie_views
from programmas.views._gedeeld import versies_met_regeling

from .bouw import programma

# The breadcrumbs block and the heading as `programmas/versie.html` wrote them before `_kop_html`.
KOP_TEMPLATE = (
    '{% load i18n %}{% include "programmas/_kruimels.html" %}<li><a href="{{ versie.jaarprogramma.get_absolute_url }}">'
    '{{ versie.jaarprogramma }}</a></li><li><span aria-current="page">{% blocktranslate with n=versie.nummer %}'
    'Versie {{ n }}{% endblocktranslate %}</span></li>|{{ versie.jaarprogramma }} <span class="meta">'
    "{% blocktranslate with n=versie.nummer %}versie {{ n }}{% endblocktranslate %}</span>"
)


def _versie_van_pagina(versie):
    """The version as the page reads it (`_versies_or_404`: with its programme, region, settings and base)."""
    return versies_met_regeling("WHERE v.id = %s", [versie.pk])[0]


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_breadcrumbs_and_heading_are_what_the_template_wrote(wereld, taal):
    """A region's name with HTML characters, in both languages: the same breadcrumbs and heading, escaped."""
    wereld.regio.naam = 'Regio "Noord" & <Zuid>'
    wereld.regio.save()
    template = engines["django"].from_string(KOP_TEMPLATE)
    versie = _versie_van_pagina(programma(wereld, tot=VersieStatus.VOORGELEGD))
    regio = versie.jaarprogramma.regio
    with translation.override(taal):
        kruimels, kop = versie_views._kop_html(versie, regio)
        assert f"{kruimels}|{kop}" == template.render({"versie": versie, "regio": regio})
    assert "Regio &quot;Noord&quot; &amp; &lt;Zuid&gt;" in kruimels


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_version_links_are_what_the_template_wrote(wereld, taal):
    """Each page marked current, for a manager and another reader, before and after the councils: what
    `programmas/_versie_nav.html` writes."""
    gevallen = [programma(wereld), programma(wereld, tot=VersieStatus.VOORGELEGD, jaar=2029)]
    with translation.override(taal):
        for versie in gevallen:
            for actief in ("versie", "vragen", "status", "statusbord"):
                for mag_beheren in (False, True):
                    verwacht = render_to_string(
                        "programmas/_versie_nav.html",
                        {"versie": versie, "actief": actief, "mag_beheren": mag_beheren},
                    )
                    assert weergave.versie_nav_html(versie, actief, mag_beheren) == verwacht
    assert "statusbord" in weergave.versie_nav_html(gevallen[1], "versie", True)
    assert "statusbord" not in weergave.versie_nav_html(gevallen[1], "versie", False)


def _uitslag(status, n, afgesloten=""):
    uitslag = beslisregels.Uitslag(status=status, telling={}, n=n, uitleg=["Regel <b>&</b>"])
    uitslag.lijst = [("a & <b>", n)]
    uitslag.afgesloten = afgesloten
    return weergave.beslissing_html(uitslag)


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_decision_section_is_what_the_template_wrote(wereld, taal):
    """Every outcome so far (open, approved, rejected, back to the board, closed), with one council, many and
    none, a version's real arithmetic, and without arithmetic: what `programmas/_beslissing.html` writes, the rule
    and a closing sentence with HTML characters escaped."""
    versie = programma(wereld, tot=VersieStatus.VOORGELEGD)
    regel = 'Unanimiteit <b>"&"</b>'
    with translation.override(taal):
        gevallen = [
            None,
            weergave.beslissing_html(selectors.beslissing(versie, regeling_voor(versie))),
            _uitslag(beslisregels.NOG_OPEN, 1),
            _uitslag(beslisregels.AANGENOMEN, 3),
            _uitslag(beslisregels.VERWORPEN, 1500),
            _uitslag(beslisregels.TERUG, 2),
            _uitslag(beslisregels.NOG_OPEN, 0),
            _uitslag(beslisregels.AANGENOMEN, 2, afgesloten="Teruggestuurd <op> 1 & 2"),
        ]
        for uitslag in gevallen:
            verwacht = render_to_string(
                "programmas/_beslissing.html", {"beslisregel": regel, "beslissing": uitslag}
            )
            assert weergave.beslissing_sectie_html(regel, uitslag) == verwacht
    html = weergave.beslissing_sectie_html(regel, gevallen[-1])
    assert "Unanimiteit &lt;b&gt;&quot;&amp;&quot;&lt;/b&gt;" in html
    assert "Teruggestuurd &lt;op&gt; 1 &amp; 2" in html


def test_the_version_actions_are_the_same_with_the_role_asked_before(wereld):
    """The version page passes its answer of `can_manage_programma` to `VERSIE.allowed`: every user gets the
    actions that asking the role again gives, in every state of a version."""
    from django.contrib.auth.models import AnonymousUser

    from programmas import permissions
    from programmas.policies import VERSIE

    gevallen = [
        programma(wereld),
        programma(wereld, tot=VersieStatus.INGEDIEND, jaar=2028),
        programma(wereld, tot=VersieStatus.VOORGELEGD, jaar=2029),
    ]
    gezien = set()
    for user in wereld.users.values():
        user = user or AnonymousUser()
        for versie in gevallen:
            versie = _versie_van_pagina(versie)
            beheren = permissions.can_manage_programma(user, versie.jaarprogramma.regio)
            allowed = VERSIE.allowed(user, versie, rollen={"manage": beheren})
            assert allowed == VERSIE.allowed(user, versie)
            gezien.add(tuple(sorted(allowed)))
    assert len(gezien) > 2  # the states and users tell several sets of actions apart


# The workflow's forms as `programmas/versie.html` wrote them before `_acties_html` (the template it replaces).
ACTIES_TEMPLATE = """{% load i18n programma %}{% if acties or gs_form %}
<section aria-labelledby="acties-titel">
  <h2 id="acties-titel">{% translate "Volgende stap" %}</h2>
  <div class="knoppen">
    {% if acties.indienen %}
    <form method="post" action="{% url 'programmas:actie' versie.pk 'indienen' %}">
      {% csrf_token %}
      <p>{% translate "Dien het concept in bij het bestuur; het komt op de agenda van de volgende vergadering." %}</p>
      <button type="submit">{% translate "Indienen bij het bestuur" %}</button>
    </form>
    {% endif %}
    {% if acties.terugsturen %}
    <form method="post" action="{% url 'programmas:actie' versie.pk 'terugsturen' %}" class="form" aria-labelledby="terugsturen-titel">
      {% csrf_token %}
      <h3 id="terugsturen-titel">{% if versie.status == "ingediend" %}{% translate "Terugsturen naar het secretariaat" %}{% else %}{% translate "Terugsturen: de raden beslissen niet meer over deze versie" %}{% endif %}</h3>
      {% include "form_errors.html" with form=acties.terugsturen %}
      {% veld acties.terugsturen.reden %}
      <button type="submit">{% translate "Terugsturen" %}</button>
    </form>
    {% endif %}
    {% if acties.vaststellen %}
    <form method="post" action="{% url 'programmas:actie' versie.pk 'vaststellen' %}" class="form" aria-labelledby="vaststellen-titel">
      {% csrf_token %}
      <h3 id="vaststellen-titel">{% translate "Vaststellen door het bestuur" %}</h3>
      {% include "form_errors.html" with form=acties.vaststellen %}
      {% if onbeantwoord %}<p class="waarschuwing">{% blocktranslate count n=onbeantwoord %}Nog {{ n }} zienswijze te beantwoorden: pas daarna kan het bestuur vaststellen.{% plural %}Nog {{ n }} zienswijzen te beantwoorden: pas daarna kan het bestuur vaststellen.{% endblocktranslate %}</p>{% endif %}
      {% for field in acties.vaststellen %}{% veld field %}{% endfor %}
      <button type="submit">{% translate "Vaststellen" %}</button>
    </form>
    {% endif %}
    {% if acties.voorleggen %}
    <form method="post" action="{% url 'programmas:actie' versie.pk 'voorleggen' %}" class="form" aria-labelledby="voorleggen-titel">
      {% csrf_token %}
      <h3 id="voorleggen-titel">{% translate "Voorleggen aan de raden" %}</h3>
      {% include "form_errors.html" with form=acties.voorleggen %}
      {% for field in acties.voorleggen %}{% veld field %}{% endfor %}
      <button type="submit">{% translate "Voorleggen aan de raden" %}</button>
    </form>
    {% endif %}
    {% if gs_form %}
    <form method="post" action="{% url 'programmas:actie' versie.pk 'naar-gs' %}" class="form" aria-labelledby="gs-titel">
      {% csrf_token %}
      <h3 id="gs-titel">{% translate "Verzonden aan gedeputeerde staten" %}</h3>
      {% include "form_errors.html" with form=gs_form %}
      <p>{% translate "Wgr art. 34 lid 2: binnen twee weken na de vaststelling, en vóór 15 september van het jaar ervoor." %}</p>
      {% for field in gs_form %}{% veld field %}{% endfor %}
      <button type="submit">{% translate "Verzending vastleggen" %}</button>
    </form>
    {% endif %}
    {% if acties.nieuwe_versie %}
    <form method="post" action="{% url 'programmas:actie' versie.pk 'nieuwe-versie' %}" class="form" aria-labelledby="nieuwe-versie-titel">
      {% csrf_token %}
      <h3 id="nieuwe-versie-titel">{% translate "Nieuwe versie maken" %}</h3>
      {% include "form_errors.html" with form=acties.nieuwe_versie %}
      {% for field in acties.nieuwe_versie %}{% veld field %}{% endfor %}
      <button type="submit">{% translate "Nieuwe versie" %}</button>
    </form>
    {% endif %}
  </div>
</section>
{% endif %}"""  # noqa: E501 - the template as it was, line for line


@pytest.mark.filterwarnings(
    "ignore:Calling format_html:DeprecationWarning"
)  # Django's own `{% csrf_token %}`
@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_workflow_forms_are_what_the_template_wrote(wereld, taal):
    """Every form alone and all at once, a submitted and a routed version (the send-back title), refused steps'
    bound forms with their errors (a message with HTML characters escaped), zienswijzen to answer (none, one,
    many), a token with HTML characters, none and "NOTPROVIDED": what the page's template wrote."""
    from programmas.forms import GsVerzendingForm, TerugsturenForm, VaststellenForm
    from programmas.policies import VERSIE

    template = engines["django"].from_string(ACTIES_TEMPLATE)
    versies = [
        _versie_van_pagina(programma(wereld, tot=VersieStatus.INGEDIEND)),
        _versie_van_pagina(programma(wereld, tot=VersieStatus.VOORGELEGD, jaar=2029)),
    ]
    with translation.override(taal):
        for versie in versies:
            regeling = regeling_voor(versie)
            alle = versie_views._acties({actie: True for actie in VERSIE.actions}, regeling)
            gevallen = [({}, None), (alle, GsVerzendingForm())]
            gevallen += [({naam: form}, None) for naam, form in alle.items()]
            gevallen.append(({}, GsVerzendingForm()))
            fout = TerugsturenForm(data={"reden": "x" * 501})
            fout.is_valid()
            fout.add_error(None, 'Niet <b>"nu"</b> & niet zo')
            ongeldig = VaststellenForm(data={"besluitdatum": "gisteren"})
            ongeldig.is_valid()
            gs = GsVerzendingForm(data={})
            gs.is_valid()
            gs.add_error(None, "Al <verzonden>")
            gevallen.append(({**alle, "terugsturen": fout, "vaststellen": ongeldig}, gs))
            for acties, gs_form in gevallen:
                for onbeantwoord in (0, 1, 1500):
                    for token in ("tok<&>", "", "NOTPROVIDED"):
                        context = {
                            "versie": versie,
                            "acties": acties,
                            "gs_form": gs_form,
                            "onbeantwoord": onbeantwoord,
                            "csrf_token": token,
                        }
                        verwacht = template.render(context)
                        assert (
                            versie_views._acties_html(versie, acties, gs_form, onbeantwoord, token)
                            == verwacht
                        )
    html = versie_views._acties_html(versies[1], gevallen[-1][0], gevallen[-1][1], 2, "tok<&>")
    assert "Niet &lt;b&gt;&quot;nu&quot;&lt;/b&gt; &amp; niet zo" in html
    assert 'value="tok&lt;&amp;&gt;"' in html
    assert versie_views._acties_html(versies[1], {}, None, 0, "tok") == ""


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_lines_fragment_is_what_its_template_wrote(wereld, taal):
    """For a reader who may not edit: a routed version and a concept, with and without a line that cannot be split
    (its title and message with HTML characters escaped): what `programmas/_versie_regels.html` writes; a version
    without lines is left to the template (it says there are none)."""
    from programmas import services

    from .test_versie_html import _tabel

    wereld.opgaven[0].titel = 'Fietsroutes <b>& "wegen"</b>'
    wereld.opgaven[0].save()
    gevallen = [
        programma(wereld, tot=VersieStatus.VOORGELEGD),
        programma(wereld, jaar=2029),
        services.draft_jaarprogramma(wereld.regio, 2031, door=None, opgaven=[]),
    ]
    geschreven = []
    with translation.override(taal):
        for versie in gevallen:
            versie, regeling, context = _tabel(wereld, versie, wereld.secretariaat)
            context = {"versie": versie, "regeling": regeling, "mag_bewerken": False, **context}
            tabel = context["tabel"]
            if not tabel.regels:
                assert versie_views._regels_fragment_html(tabel, context["totaal_capaciteit"]) is None
                continue
            for fouten in ([], [(tabel.regels[0], 'te <veel> & "zo"'), (tabel.regels[-1], "nul")]):
                tabel.regel_fouten = fouten
                verwacht = render_to_string("programmas/_versie_regels.html", context)
                geschreven.append(versie_views._regels_fragment_html(tabel, context["totaal_capaciteit"]))
                assert geschreven[-1] == verwacht
    assert any("te &lt;veel&gt; &amp; &quot;zo&quot;" in html for html in geschreven)
