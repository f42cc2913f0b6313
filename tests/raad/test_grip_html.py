"""The grip page's title, breadcrumbs and sections written in Python (raad.grip.html, issue 16) give the HTML of the
templates they replaced (grip.html with _opgaven.html and _documenten.html), in both languages, with every value
escaped, in every state; the cached sections are read with one `get_many` and stored with one `set_many`, and a cache
that fails costs the page its caching, never the page."""

import datetime
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.template import engines
from django.utils import translation

from besturen.models import Bestuur
from opgaven.grafieken import trend_grafiek
from raad.grip import html, rijen, selectors, views
from regioportaal import generaties

from .grip_bouw import grip_wereld
from .test_grip import grip_url

pytestmark = pytest.mark.usefixtures("snelle_wachtwoorden", "media")

# The content block of grip.html before `html.inhoud_html`, its two includes written in (each began with its own
# `{% load %}`, which writes nothing): the reference the Python is compared with.
INHOUD = (
    "{% load cache i18n l10n portaal %}"
    "\n"
    '{% include "programmas/_css.html" %}\n'
    "<h1>{% blocktranslate with bestuur=bestuur regio=regio.naam %}{{ bestuur }} in {{ regio }}{% endblocktranslate %}</h1>\n"
    '<p class="lead">{% blocktranslate with bestuur=bestuur %}Wat de raad van {{ bestuur }} over deze samenwerking moet weten: vorm, deelnemers en stemmen, vertegenwoordiging, geld, opgaven, open besluiten, data en stukken.{% endblocktranslate %}</p>\n'
    '{% if raadslid %}<p class="meta">{% blocktranslate with bestuur=bestuur %}U zit in de raad van {{ bestuur }}.{% endblocktranslate %}</p>{% endif %}\n'
    "\n"
    "{% comment %}Sections cached per visibility class (see GripView.fragment_sleutel): nothing of the reader inside.{% endcomment %}\n"
    '<section aria-labelledby="vorm-titel">\n'
    "  {% cache fragment_duur grip-vorm fragment %}\n"
    '  <h2 id="vorm-titel">{% translate "Vorm en grondslag" %}</h2>\n'
    '  <dl class="facts">\n'
    '    <dt>{% translate "Samenwerking" %}</dt><dd><a href="{{ regio.get_absolute_url }}">{{ regio.naam }}</a></dd>\n'
    '    <dt>{% translate "Rechtsvorm" %}</dt><dd>{{ regio.get_rechtsvorm_display|capfirst }} · {{ regio.get_land_display }}</dd>\n'
    '    {% if grondslag %}<dt>{% translate "Grondslag" %}</dt><dd>{{ grondslag }}</dd>{% endif %}\n'
    '    <dt>{% translate "Lid sinds" %}</dt><dd><time datetime="{{ deelname.begindatum|date:\'Y-m-d\' }}">{{ deelname.begindatum|date:"j F Y" }}</time></dd>\n'
    '    <dt>{% translate "Besluit over het programma" %}</dt><dd>{{ regeling.get_procedure_display|capfirst }}; {{ regeling.get_beslisregel_display }}</dd>\n'
    "  {% endcache %}\n"
    '    {% if raden %}<dt>{% translate "Raad" %}</dt><dd>{% for raad in raden %}<a href="{{ raad.get_absolute_url }}">{{ raad.naam }}</a>{% if not forloop.last %}, {% endif %}{% endfor %}</dd>{% endif %}\n'
    "  </dl>\n"
    "  {% if regio.beschrijving %}<div>{{ regio.beschrijving|linebreaks }}</div>{% endif %}\n"
    "</section>\n"
    "\n"
    '<section aria-labelledby="deelnemers-titel">\n'
    "  {% cache fragment_duur grip-deelnemers fragment %}\n"
    '  <h2 id="deelnemers-titel">{% translate "Deelnemers en stemverhouding" %}</h2>\n'
    '  <p>{% translate "Het aandeel in de bevolking, en per orgaan van de regio de stemmende zetels (voorzitter, ondervoorzitter en leden: één stem per lid) en het aandeel in de stemmen." %}</p>\n'
    "  <p>{% blocktranslate count n=deelnemers|length with bestuur=bestuur pct=stem_leden|procent %}Bij het besluit over het programma telt de raad van {{ bestuur }} als één van {{ n }} raad ({{ pct }} van de raden).{% plural %}Bij het besluit over het programma telt de raad van {{ bestuur }} als één van {{ n }} raden ({{ pct }} van de raden).{% endblocktranslate %}\n"
    "  {% if stem_bevolking is not None %}{% blocktranslate with pct=stem_bevolking|procent %}De beslisregel telt ook de bevolking: de raad weegt dan voor {{ pct }}.{% endblocktranslate %}{% endif %}</p>\n"
    '  <div class="table-scroll" tabindex="0" role="region" aria-labelledby="deelnemers-bijschrift">\n'
    "  <table>\n"
    '    <caption id="deelnemers-bijschrift">{% blocktranslate with regio=regio.naam %}Deelnemers van {{ regio }}: bevolking en stemmen per orgaan{% endblocktranslate %}</caption>\n'
    "    <thead><tr>\n"
    '      <th scope="col">{% translate "Deelnemer" %}</th>\n'
    '      <th scope="col" class="num">{% translate "Inwoners" %}</th>\n'
    '      <th scope="col" class="num">{% translate "Aandeel bevolking" %}</th>\n'
    "      {{ organen_teksten.koppen }}\n"
    "    </tr></thead>\n"
    "    <tbody>\n"
    "    {{ deelnemer_rijen }}\n"
    "    </tbody>\n"
    "    {% if totaal_inwoners %}\n"
    '    <tfoot><tr><th scope="row">{% translate "Totaal" %}</th><td class="num">{{ totaal_inwoners_tekst }}</td><td class="num">{{ 100|procent }}</td>{{ organen_teksten.totalen }}</tr></tfoot>\n'
    "    {% endif %}\n"
    "  </table>\n"
    "  </div>\n"
    '  {% if organen %}<p class="meta">{{ organen_teksten.lijst }}</p>{% endif %}\n'
    "  {% endcache %}\n"
    "</section>\n"
    "\n"
    '<section aria-labelledby="vertegenwoordiging-titel">\n'
    "  {% cache fragment_duur grip-vertegenwoordiging fragment %}\n"
    '  <h2 id="vertegenwoordiging-titel">{% blocktranslate with bestuur=bestuur %}Wie {{ bestuur }} vertegenwoordigt{% endblocktranslate %}</h2>\n'
    "  {% if vertegenwoordigers %}\n"
    '  <div class="table-scroll" tabindex="0" role="region" aria-labelledby="vertegenwoordiging-bijschrift">\n'
    "  <table>\n"
    '    <caption id="vertegenwoordiging-bijschrift">{% blocktranslate with bestuur=bestuur %}Zetels namens {{ bestuur }} in de organen van de regio{% endblocktranslate %}</caption>\n'
    '    <thead><tr><th scope="col">{% translate "Orgaan" %}</th><th scope="col">{% translate "Naam" %}</th><th scope="col">{% translate "Rol" %}</th><th scope="col">{% translate "Sinds" %}</th></tr></thead>\n'
    "    <tbody>\n"
    "    {{ vertegenwoordiger_rijen }}\n"
    "    </tbody>\n"
    "  </table>\n"
    "  </div>\n"
    "  {% else %}\n"
    "  <p>{% blocktranslate with bestuur=bestuur %}Niemand heeft nu een zetel namens {{ bestuur }} in de organen van de regio.{% endblocktranslate %}</p>\n"
    "  {% endif %}\n"
    "  {% endcache %}\n"
    "</section>\n"
    "\n"
    '<section aria-labelledby="bijdrage-titel">\n'
    "  {% cache fragment_duur grip-bijdrage fragment %}\n"
    '  <h2 id="bijdrage-titel">{% translate "Onze bijdrage per jaar" %}</h2>\n'
    "  {% if jaren %}\n"
    '  <p>{% translate "Uit de vastgelegde cijfers van de vastgestelde versies: de bedragen waarover besloten is, nooit opnieuw berekend." %}</p>\n'
    "  {% if grafiek %}\n"
    '  <figure class="grafiek">\n'
    "    {% localize off %}\n"
    '    <svg role="img" aria-labelledby="bijdrage-grafiek-titel bijdrage-grafiek-beschrijving" viewBox="0 0 {{ grafiek.breedte }} {{ grafiek.hoogte }}" width="{{ grafiek.breedte }}" height="{{ grafiek.hoogte }}" preserveAspectRatio="xMinYMin meet" focusable="false">\n'
    '      <title id="bijdrage-grafiek-titel">{% blocktranslate with bestuur=bestuur %}Bijdrage van {{ bestuur }} per jaar{% endblocktranslate %}</title>\n'
    '      <desc id="bijdrage-grafiek-beschrijving">{% blocktranslate count n=grafiek.balken|length %}Staafdiagram van de bijdrage in één jaar; de tabel eronder geeft dezelfde cijfers.{% plural %}Staafdiagram van de bijdrage in {{ n }} jaren; de tabel eronder geeft dezelfde cijfers.{% endblocktranslate %}</desc>\n'
    '      <line x1="0" y1="{{ grafiek.basis }}" x2="{{ grafiek.breedte }}" y2="{{ grafiek.basis }}" stroke="#4a5360" stroke-width="1"/>\n'
    "      {{ grafiek_balken }}\n"
    "    </svg>\n"
    "    {% endlocalize %}\n"
    "  </figure>\n"
    "  {% endif %}\n"
    '  <div class="table-scroll" tabindex="0" role="region" aria-labelledby="bijdrage-bijschrift">\n'
    "  <table>\n"
    '    <caption id="bijdrage-bijschrift">{% blocktranslate with bestuur=bestuur %}Bijdrage van {{ bestuur }} per jaar en programma{% endblocktranslate %}</caption>\n'
    '    <thead><tr><th scope="col">{% translate "Jaar" %}</th><th scope="col">{% translate "Programma" %}</th><th scope="col">{% translate "Stand" %}</th><th scope="col" class="num">{% translate "Bijdrage" %}</th></tr></thead>\n'
    "    <tbody>\n"
    "    {{ bijdrage_rijen }}\n"
    "    </tbody>\n"
    "  </table>\n"
    "  </div>\n"
    "  {% else %}\n"
    '  <p>{% translate "Er is nog geen vastgestelde versie met een bijdrage van deze gemeente." %}</p>\n'
    "  {% endif %}\n"
    "  {% endcache %}\n"
    "</section>\n"
    "\n"
    '<section aria-labelledby="opgaven-titel">\n'
    "  {% if eigen_rol %}\n"
    "{% comment %}A section of grip.html, cached per visibility class for a reader without a role in the region (see views.fragment_sleutel).{% endcomment %}\n"
    '  <h2 id="opgaven-titel">{% translate "Opgaven waaraan we deelnemen" %}</h2>\n'
    "  {% if opgaven %}\n"
    '  <div class="table-scroll" tabindex="0" role="region" aria-labelledby="opgaven-bijschrift">\n'
    "  <table>\n"
    '    <caption id="opgaven-bijschrift">{% translate "Opgaven met de laatste voortgang en het geldende mandaat" %}</caption>\n'
    '    <thead><tr><th scope="col">{% translate "Opgave" %}</th><th scope="col">{% translate "Laatste voortgang" %}</th><th scope="col">{% translate "Mandaat" %}</th></tr></thead>\n'
    "    <tbody>\n"
    "    {{ opgave_rijen }}\n"
    "    </tbody>\n"
    "  </table>\n"
    "  </div>\n"
    "  {% else %}\n"
    '  <p>{% translate "Er zijn geen opgaven waaraan deze gemeente deelneemt, of ze zijn nog niet gepubliceerd." %}</p>\n'
    "  {% endif %}\n"
    "{% else %}{% cache fragment_duur grip-opgaven fragment %}\n"
    "{% comment %}A section of grip.html, cached per visibility class for a reader without a role in the region (see views.fragment_sleutel).{% endcomment %}\n"
    '  <h2 id="opgaven-titel">{% translate "Opgaven waaraan we deelnemen" %}</h2>\n'
    "  {% if opgaven %}\n"
    '  <div class="table-scroll" tabindex="0" role="region" aria-labelledby="opgaven-bijschrift">\n'
    "  <table>\n"
    '    <caption id="opgaven-bijschrift">{% translate "Opgaven met de laatste voortgang en het geldende mandaat" %}</caption>\n'
    '    <thead><tr><th scope="col">{% translate "Opgave" %}</th><th scope="col">{% translate "Laatste voortgang" %}</th><th scope="col">{% translate "Mandaat" %}</th></tr></thead>\n'
    "    <tbody>\n"
    "    {{ opgave_rijen }}\n"
    "    </tbody>\n"
    "  </table>\n"
    "  </div>\n"
    "  {% else %}\n"
    '  <p>{% translate "Er zijn geen opgaven waaraan deze gemeente deelneemt, of ze zijn nog niet gepubliceerd." %}</p>\n'
    "  {% endif %}\n"
    "{% endcache %}{% endif %}\n"
    "</section>\n"
    "\n"
    '<section aria-labelledby="besluiten-titel">\n'
    "  {% cache fragment_duur grip-besluiten fragment raadslid %}\n"
    '  <h2 id="besluiten-titel">{% translate "Open besluiten en zienswijzen" %}</h2>\n'
    "  {% if open_besluiten %}\n"
    "  <ul>\n"
    "    {% for besluit in open_besluiten %}\n"
    '    <li><a href="{{ besluit.get_absolute_url }}">{% if besluit.zienswijze %}{% translate "Zienswijze" %}{% else %}{% translate "Besluit" %}{% endif %}: {{ besluit.versie }}</a> · {% if besluit.te_laat %}<strong class="te-laat">{% blocktranslate with datum=besluit.deadline|date:"j F Y" %}termijn verstreken op {{ datum }}{% endblocktranslate %}</strong>{% else %}{% blocktranslate with datum=besluit.deadline|date:"j F Y" %}uiterlijk {{ datum }}{% endblocktranslate %}{% endif %} · {{ besluit.get_uitkomst_display }}{% if raadslid %} · <a href="{% url \'programmas:mijn_gemeente\' besluit.versie_id %}?bestuur={{ bestuur.pk }}">{% blocktranslate with bestuur=bestuur %}Het aandeel van {{ bestuur }}{% endblocktranslate %}</a>{% endif %}</li>\n'
    "    {% endfor %}\n"
    "  </ul>\n"
    "  {% else %}\n"
    '  <p>{% translate "Er wacht nu geen besluit of zienswijze van deze raad." %}</p>\n'
    "  {% endif %}\n"
    "  {% endcache %}\n"
    "</section>\n"
    "\n"
    '<section aria-labelledby="datums-titel">\n'
    "  {% cache fragment_duur grip-datums fragment %}\n"
    '  <h2 id="datums-titel">{% translate "Volgende wettelijke en regionale data" %}</h2>\n'
    "  {% if datums %}\n"
    "  <ul>\n"
    "    {{ datum_regels }}\n"
    "  </ul>\n"
    '  <p><a href="{% url \'programmas:pc_kalender_nu\' regio.slug %}">{% translate "De hele P&C-kalender" %}</a></p>\n'
    "  {% else %}\n"
    '  <p>{% translate "Er staan geen data van de P&C-cyclus meer open." %}</p>\n'
    "  {% endif %}\n"
    "  {% endcache %}\n"
    "</section>\n"
    "\n"
    '<section aria-labelledby="documenten-titel">\n'
    "  {% if eigen_rol %}\n"
    "{% comment %}A section of grip.html, cached per visibility class for a reader without a role in the region (see views.fragment_sleutel).{% endcomment %}\n"
    '  <h2 id="documenten-titel">{% translate "Laatste stukken" %}</h2>\n'
    "  {% if documenten %}\n"
    "  <ul>\n"
    "    {{ document_rijen }}\n"
    "  </ul>\n"
    "  {% else %}\n"
    '  <p>{% translate "Er zijn nog geen stukken die u kunt inzien." %}</p>\n'
    "  {% endif %}\n"
    "{% else %}{% cache fragment_duur grip-documenten fragment %}\n"
    "{% comment %}A section of grip.html, cached per visibility class for a reader without a role in the region (see views.fragment_sleutel).{% endcomment %}\n"
    '  <h2 id="documenten-titel">{% translate "Laatste stukken" %}</h2>\n'
    "  {% if documenten %}\n"
    "  <ul>\n"
    "    {{ document_rijen }}\n"
    "  </ul>\n"
    "  {% else %}\n"
    '  <p>{% translate "Er zijn nog geen stukken die u kunt inzien." %}</p>\n'
    "  {% endif %}\n"
    "{% endcache %}{% endif %}\n"
    "</section>\n"
)
TITEL = "{% load i18n %}{% blocktranslate with bestuur=bestuur regio=regio.naam %}{{ bestuur }} in {{ regio }}{% endblocktranslate %}"
KRUIMELS = '<li><a href="{% url \'raad:gemeente\' bestuur.code %}">{{ bestuur }}</a></li><li><span aria-current="page">{{ regio.naam }}</span></li>'


DUMMY = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def _template(bron, context):
    return engines["django"].from_string(bron).render(context)


@pytest.fixture
def w(db):
    w = grip_wereld(jaren=2, documenten=2)
    # Every name the page writes with characters that must be escaped.
    w.regio.naam = 'Regio "Noord" & <Zuid>'
    w.regio.beschrijving = 'Samen <sterk> & zo.\nTweede regel.\n\nEen alinea met 50% "aanhalingstekens".'
    w.regio.save()
    Bestuur.objects.filter(pk=w.leden[0].pk).update(naam='Gemeente <A> & "B"')
    return w


def _pagina(w, user):
    deelname = selectors.deelname_or_404(w.leden[0].code, w.regio.slug, user)
    return views.pagina(deelname, user)


def _vergelijk(c):
    """The content block, the title and the breadcrumbs from `html` and from the templates they replaced (with a
    cache that keeps nothing: every section written)."""
    verwacht = _template(INHOUD, {**c, "fragment": "x", "fragment_duur": 60})
    assert html.inhoud_html(c, None, 60) == verwacht
    assert html.titel_html(c["bestuur"], c["regio"]) == _template(TITEL, c)
    assert html.kruimels_html(c["bestuur"], c["regio"]) == _template(KRUIMELS, c)
    return verwacht


@pytest.mark.parametrize("taal", ["nl", "en"])
@pytest.mark.parametrize("wie", ["raadslid", "voorzitter", "anoniem"])
def test_the_page_is_what_the_template_wrote(w, settings, taal, wie):
    """A council member (the link to their share, the region's non-public pieces), the region's chair (a role in the
    region: drafts, sections not cached) and the public, in both languages."""
    settings.CACHES = DUMMY
    user = {"raadslid": w.raadslid, "voorzitter": w.voorzitter, "anoniem": None}[wie]
    with translation.override(taal):
        verwacht = _vergelijk(_pagina(w, user))
    assert "Regio &quot;Noord&quot; &amp; &lt;Zuid&gt;" in verwacht
    assert "Gemeente &lt;A&gt; &amp; &quot;B&quot;" in verwacht
    assert "<p>Samen &lt;sterk&gt; &amp; zo.<br>Tweede regel.</p>" in verwacht
    assert ("mijn-gemeente/?bestuur=" in verwacht) == (wie == "raadslid")
    assert verwacht.count("<svg") == 1


class _Versie:
    def __str__(self):
        return "Jaarprogramma <2027> & co, versie 2"


def _besluit(nr, *, zienswijze, te_laat):
    return SimpleNamespace(
        get_absolute_url=lambda: f"/besluit/{nr}/?a=1&b=2",
        zienswijze=zienswijze,
        te_laat=te_laat,
        deadline=datetime.date(2027, 3, nr),
        versie=_Versie(),
        versie_id=nr,
        get_uitkomst_display=lambda: "nog niet <beslist>",
    )


def _een_jaar():
    grafiek = trend_grafiek([views.Staaf(2026, Decimal("1234.5"))])
    return {"grafiek": lambda: grafiek, "grafiek_balken": lambda: rijen.grafiek_balken(grafiek)}


# The states the data can be in, each as the pieces it changes in the page's context.
STATEN = {
    "leeg": {
        "grondslag": "",
        "raden": [],
        "jaren": lambda: [],
        "grafiek": lambda: None,
        "opgaven": lambda: [],
        "open_besluiten": lambda: [],
        "datums": lambda: [],
        "documenten": lambda: [],
        "vertegenwoordigers": lambda: [],
        "organen": lambda: [],
        "totaal_inwoners": lambda: 0,
        "stem_leden": lambda: None,
        "stem_bevolking": lambda: None,
        "raadslid": False,
    },
    "zonder grafiek": {"grafiek": lambda: None},
    "een jaar": _een_jaar(),
    "bevolking telt": {"stem_bevolking": lambda: 12.3456, "stem_leden": lambda: 100 / 3},
    "een raad": {"deelnemers": lambda: [object()]},
    "besluiten raadslid": {
        "raadslid": True,
        "open_besluiten": lambda: [
            _besluit(1, zienswijze=True, te_laat=True),
            _besluit(2, zienswijze=False, te_laat=False),
            _besluit(3, zienswijze=True, te_laat=False),
        ],
    },
    "besluiten publiek": {
        "raadslid": False,
        "open_besluiten": lambda: [_besluit(4, zienswijze=False, te_laat=True)],
    },
}


@pytest.mark.parametrize("taal", ["nl", "en"])
@pytest.mark.parametrize("staat", list(STATEN))
def test_every_state_is_what_the_template_wrote(w, settings, taal, staat):
    settings.CACHES = DUMMY
    with translation.override(taal):
        c = _pagina(w, w.raadslid)
        c.update(STATEN[staat])
        verwacht = _vergelijk(c)
    if staat == "besluiten raadslid":
        assert verwacht.count('<strong class="te-laat">') == 1
        assert "Jaarprogramma &lt;2027&gt; &amp; co, versie 2" in verwacht
        assert "nog niet &lt;beslist&gt;" in verwacht
        assert "/besluit/1/?a=1&amp;b=2" in verwacht


# --- The cache -----------------------------------------------------------------------------------------------------


def _teller(monkeypatch):
    teller = SimpleNamespace(get_many=[], set_many=[])

    def get_many(keys):
        teller.get_many.append(list(keys))
        return cache.get_many(keys)

    def set_many(waarden, timeout):
        teller.set_many.append((dict(waarden), timeout))
        return cache.set_many(waarden, timeout)

    monkeypatch.setattr(html, "cache", SimpleNamespace(get_many=get_many, set_many=set_many))
    return teller


# The CSRF token, masked afresh on every request.
TOKEN = re.compile(r'(?<=name="csrfmiddlewaretoken" value=")[^"]*|(?<="X-CSRFToken": ")[^"]*')


def _get(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return TOKEN.sub("", response.content.decode())


@pytest.mark.parametrize("wie", ["raadslid", "voorzitter"])
def test_the_cached_sections_are_read_and_stored_at_once(client, w, monkeypatch, wie):
    """Cold: one `get_many` of every cached section and one `set_many` of them all (for a day); warm: one
    `get_many`, nothing stored, the same page. The opgaven and the documents are cached only for a reader without a
    role in the region, the open decisions also by whether the reader sits on the council."""
    user = {"raadslid": w.raadslid, "voorzitter": w.voorzitter}[wie]
    teller = _teller(monkeypatch)
    url = grip_url(w.leden[0], w.regio)
    koud = _get(client, user, url)
    assert len(teller.get_many) == 1 and len(teller.set_many) == 1
    opgeslagen, duur = teller.set_many[0]
    assert duur == views.FRAGMENT_DUUR
    namen = [sleutel.split(":")[0] for sleutel in opgeslagen]
    gecached = ["vorm", "deelnemers", "vertegenwoordiging", "bijdrage", "opgaven", "besluiten", "datums"]
    gecached.append("documenten")
    if wie == "voorzitter":
        gecached = [naam for naam in gecached if naam not in ("opgaven", "documenten")]
    assert namen == [f"grip-{naam}" for naam in gecached]
    assert list(opgeslagen) == teller.get_many[0]
    besluiten = next(sleutel for sleutel in opgeslagen if sleutel.startswith("grip-besluiten:"))
    assert besluiten.endswith(f":{wie == 'raadslid'}")
    warm = _get(client, user, url)
    assert len(teller.get_many) == 2 and len(teller.set_many) == 1
    assert warm == koud


class _KapotteCache:
    """A cache whose every call fails, as when it cannot be reached."""

    def __getattr__(self, naam):
        def kapot(*args, **kwargs):
            raise ConnectionError("the cache is down")

        return kapot


@pytest.mark.parametrize("sleutel_ook", [False, True])
def test_a_failing_cache_renders_the_page_anyway(client, w, monkeypatch, caplog, sleutel_ook):
    """The cache fails on reading and storing the sections (and, with `sleutel_ook`, on reading the generations
    for their key): the page is the one a working cache gives, every section written."""
    url = grip_url(w.leden[0], w.regio)
    verwacht = _get(client, w.raadslid, url)
    monkeypatch.setattr(html, "cache", _KapotteCache())
    if sleutel_ook:
        monkeypatch.setattr(generaties, "_cache", lambda: _KapotteCache())
    assert _get(client, w.raadslid, url) == verwacht
    gemeld = {r.getMessage() for r in caplog.records if r.name.startswith("raad.grip")}
    if sleutel_ook:
        assert gemeld == {"grip page: no key for the cached sections"}
    else:
        assert gemeld == {"grip page: cached sections not read"}
