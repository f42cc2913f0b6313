"""The header written in Python (regioportaal/kop.py) gives what base.html's template text gave, and `{% vast %}`
keeps its promise not to hide a block: a visitor sees the same page, in both languages and every state."""

from collections import namedtuple

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import TemplateSyntaxError, engines
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils import translation

# base.html's text before `{% hoofdmenu %}` and `{% account %}` replaced it (the `{% vast %}` pieces kept; a template
# made from a string has no name, so they are rendered every time).
OUDE_MENU = """{% if request.resolver_match.url_name == 'home' %} aria-current="page"{% endif %}>{% translate "Regio's" %}</a></li>
          {% menu_links as extra_links %}{% for label, url, name in extra_links %}<li><a href="{{ url }}"{% if request.resolver_match.view_name == name %} aria-current="page"{% endif %}>{{ label }}</a></li>{% endfor %}"""  # noqa: E501

OUD_ACCOUNT = """{% if user.is_authenticated %}
          {% if mijn_regios %}
          {% vast %}<form method="get" action="{% url 'besturen:regio_kiezen' %}" class="inline-form">
            <label for="mijn-regio" class="visually-hidden">{% translate "Mijn regio's" %}</label>
            <select id="mijn-regio" name="regio">
              {% endvast %}{% for regio in mijn_regios %}<option value="{{ regio.slug }}"{% if regio.slug == request.session.actieve_regio %} selected{% endif %}>{{ regio.naam }}</option>{% endfor %}{% vast %}
            </select>
            <button type="submit" class="secondary">{% translate "Naar regio" %}</button>
          </form>
          {% endvast %}{% endif %}{% vast %}
          <a href="{% url 'werklijst' %}" id="werklijst-link" hx-get="{% url 'werklijst_aantal' %}" hx-trigger="load" hx-swap="outerHTML">{% translate "Mijn werk" %}</a>
          <span class="account-name">{% endvast %}{{ user }}{% vast %}</span>
          <a href="{% url 'twofactor' %}">{% translate "Tweestapsverificatie" %}</a>
          <form method="post" action="{% url 'logout' %}" class="inline-form">
            {% endvast %}{% csrf_token %}{% vast %}
            <button type="submit" class="link-button">{% translate "Uitloggen" %}</button>
          </form>
        {% endvast %}{% else %}
          <a href="{% url 'login' %}?next={{ request.get_full_path|urlencode }}">{% translate "Inloggen" %}</a>
        {% endif %}
        {% vast %}<form method="post" action="{% url 'set_language' %}" class="inline-form language-switch">{% endvast %}
          {% csrf_token %}
          <input type="hidden" name="next" value="{{ request.get_full_path }}">"""  # noqa: E501

SCHEIDING = "\n=====\n"
# Old and new in one template: one render, so both show the same (lazily made) CSRF token.
VERGELIJK = (
    "{% load i18n portaal vast %}" + OUDE_MENU + SCHEIDING + "{% hoofdmenu %}" + SCHEIDING
    + OUD_ACCOUNT + SCHEIDING + "{% account %}"
)  # fmt: skip

Regio = namedtuple("Regio", "pk slug naam")
REGIOS = [Regio(1, "a-en-b", "Regio <&\"> van 't Land"), Regio(2, "west", "West")]


class Gebruiker:
    is_authenticated = True
    is_active = True
    is_superuser = False
    pk = 7

    def __str__(self):
        return 'Ann <b>&amp;</b> "O\'Brien"'


def _render(pad="/", user=None, regios=(), actief=None, match="/", csrf=True):
    request = RequestFactory().get(pad)
    request.user = user or AnonymousUser()
    request.session = {"actieve_regio": actief} if actief is not None else {}
    request.resolver_match = resolve(match) if match is not None else None
    context = {"mijn_regios": list(regios)}
    if not csrf:
        context["csrf_token"] = ""  # above the context processor's
    return engines["django"].from_string(VERGELIJK).render(context, request).split(SCHEIDING)


TOESTANDEN = {
    "anonymous on the home page": {"pad": '/?q=<a&b> "x"&r=é', "match": "/"},
    "anonymous without a view (an error page)": {"pad": "/nergens/", "match": None},
    "logged in without regions": {"user": Gebruiker(), "pad": "/werklijst/"},
    "logged in with regions, none chosen": {"user": Gebruiker(), "regios": REGIOS},
    "logged in with the first region chosen": {"user": Gebruiker(), "regios": REGIOS, "actief": "a-en-b"},
    "logged in with the second region chosen": {"user": Gebruiker(), "regios": REGIOS, "actief": "west"},
    "logged in with a region chosen they no longer hold": {
        "user": Gebruiker(),
        "regios": REGIOS,
        "actief": "oost",
    },
    "logged in on a menu link's page": {
        "user": Gebruiker(),
        "regios": REGIOS,
        "match": "vergaderingen:mijn_agenda",
    },
    "logged in without a CSRF token": {"user": Gebruiker(), "regios": REGIOS, "csrf": False},
}


@pytest.mark.parametrize("taal", ["nl", "en"])
@pytest.mark.parametrize("toestand", TOESTANDEN)
def test_the_header_written_in_python_is_the_template_text_it_replaced(taal, toestand):
    kwargs = dict(TOESTANDEN[toestand])
    if kwargs.get("match", "/") not in (None, "/"):
        kwargs["match"] = reverse(kwargs["match"])
    with translation.override(taal):
        oud_menu, nieuw_menu, oud_account, nieuw_account = _render(**kwargs)
    assert nieuw_menu == oud_menu
    assert nieuw_account == oud_account


def test_the_states_show_what_a_visitor_expects():
    """The comparison above is only worth something if the states differ as a visitor sees them."""
    with translation.override("nl"):
        _, anoniem_menu, _, anoniem = _render(pad="/?q=<a&b>", match="/")
        _, _, _, gekozen = _render(user=Gebruiker(), regios=REGIOS, actief="west")
        _, agenda_menu, _, zonder = _render(user=Gebruiker(), match=reverse("vergaderingen:mijn_agenda"))
    assert anoniem_menu.startswith(' aria-current="page">Regio\'s</a></li>')
    assert "Mijn agenda" not in anoniem_menu  # a link for logged-in users only
    assert f'<a href="{reverse("login")}?next=/%3Fq%3D%253Ca%26b%253E">Inloggen</a>' in anoniem
    assert "Uitloggen" not in anoniem
    assert '<input type="hidden" name="next" value="/?q=%3Ca&amp;b%3E">' in anoniem
    assert '<option value="west" selected>West</option>' in gekozen
    assert "Regio &lt;&amp;&quot;&gt; van &#x27;t Land</option>" in gekozen
    assert "Ann &lt;b&gt;&amp;amp;&lt;/b&gt; &quot;O&#x27;Brien&quot;" in gekozen
    assert gekozen.count('name="csrfmiddlewaretoken"') == 2
    assert 'aria-current="page">Mijn agenda</a>' in agenda_menu
    assert not agenda_menu.startswith(" aria-current")
    assert 'id="mijn-regio"' not in zonder  # no region: no switcher


def test_a_block_inside_vast_is_refused():
    with pytest.raises(TemplateSyntaxError):
        engines["django"].from_string("{% load vast %}{% vast %}{% block a %}{% endblock %}{% endvast %}")


def test_a_page_extending_base_html_fills_its_blocks(client, db):
    """`{% vast %}` hides its nodes from the search for blocks: the blocks outside it are still found."""
    pagina = client.get(reverse("besturen:home")).content.decode()
    assert '<main id="inhoud" tabindex="-1">' in pagina
    assert 'aria-current="page">Regio' in pagina


def test_a_menu_link_registered_later_shows_in_the_menu(monkeypatch):
    """The menu's fixed text is kept per language; a link an app registers afterwards still shows."""
    from regioportaal import navigatie

    with translation.override("nl"):
        voor = _render(user=Gebruiker())[1]
        monkeypatch.setattr(navigatie, "_links", list(navigatie._links))
        navigatie.register("menu", "Mijn <werk>", "werklijst", 99, login=True)
        oud, nieuw, _, _ = _render(user=Gebruiker(), match=reverse("werklijst"))
    assert "Mijn &lt;werk&gt;" not in voor
    assert nieuw == oud
    assert nieuw.endswith(
        f'<li><a href="{reverse("werklijst")}" aria-current="page">Mijn &lt;werk&gt;</a></li>'
    )
