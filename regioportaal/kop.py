"""The header's parts that change per request, written in Python: the main menu's items (the current page marked
with aria-current) and the account part (the region switcher, the user's name, the logout form, the login link and
the language form's CSRF token and return path).

templates/base.html renders them on every HTML page; as template text (`{% if %}`, `{% for %}`, variables looked up
through the user's and the session's lazy objects) they cost most of base.html's time on a logged-in page. The
output is byte for byte what the template text gave (tests/test_base_html.py keeps that text and compares, in both
languages and every state). Their fixed text (translations, URLs without arguments) is worked out once per process
per language, script prefix and URL configuration, as `{% vast %}` keeps its pieces, and dropped when a setting
changes (tests).
"""

from urllib.parse import quote

from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from . import navigatie

_vast = {}


def _vergeet(**kwargs):
    _vast.clear()


setting_changed.connect(_vergeet)


def _sleutel(soort):
    return (soort, get_language(), get_script_prefix(), get_urlconf())


def _menu_vast(ingelogd):
    """The home item's fixed text and [(url_name, opening of the <a>, its text)] of the registered menu links."""
    sleutel = _sleutel((ingelogd, navigatie.generatie()))
    stuk = _vast.get(sleutel)
    if stuk is None:
        regios = gettext("Regio's")  # outside the f-strings: makemessages reads it here
        links = navigatie.menu_links_voor(ingelogd)
        stuk = _vast[sleutel] = (
            f">{regios}</a></li>\n          ",
            [(naam, f'<li><a href="{esc(url)}"', f">{esc(label)}</a></li>") for label, url, naam in links],
        )
    return stuk


def hoofdmenu(context):
    """The main menu from the home item's aria-current on: as base.html's

    `{% if request.resolver_match.url_name == 'home' %} aria-current="page"{% endif %}>{% translate "Regio's" %}</a>
    </li>` and the `{% for %}` over `{% menu_links %}` (each link marked when it is the current view)."""
    request = context.get("request")
    user = context.get("user")
    match = getattr(request, "resolver_match", None)
    url_name = match.url_name if match is not None else None
    view_name = match.view_name if match is not None else None
    regios, links = _menu_vast(bool(user and user.is_authenticated))
    delen = [' aria-current="page"' if url_name == "home" else "", regios]
    for naam, begin, eind in links:
        delen.append(begin)
        if view_name == naam:
            delen.append(' aria-current="page"')
        delen.append(eind)
    return mark_safe("".join(delen))


def _account_vast():
    sleutel = _sleutel("account")
    stuk = _vast.get(sleutel)
    if stuk is None:
        url = {naam: esc(reverse(naam)) for naam in _URLS}
        # The texts outside the f-strings: makemessages reads them here.
        t = {
            "mijn_regios": gettext("Mijn regio's"),
            "naar_regio": gettext("Naar regio"),
            "mijn_werk": gettext("Mijn werk"),
            "twee": gettext("Tweestapsverificatie"),
            "uitloggen": gettext("Uitloggen"),
            "inloggen": gettext("Inloggen"),
        }
        stuk = _vast[sleutel] = {
            "kiezen": (
                f'\n          <form method="get" action="{url["besturen:regio_kiezen"]}" class="inline-form">'
                f'\n            <label for="mijn-regio" class="visually-hidden">{t["mijn_regios"]}</label>'
                '\n            <select id="mijn-regio" name="regio">\n              '
            ),
            "gekozen": (
                "\n            </select>"
                f'\n            <button type="submit" class="secondary">{t["naar_regio"]}</button>'
                "\n          </form>\n          "
            ),
            "werk": (
                f'\n          <a href="{url["werklijst"]}" id="werklijst-link" hx-get="{url["werklijst_aantal"]}"'
                f' hx-trigger="load" hx-swap="outerHTML">{t["mijn_werk"]}</a>'
                '\n          <span class="account-name">'
            ),
            "naam": (
                f'</span>\n          <a href="{url["twofactor"]}">{t["twee"]}</a>'
                f'\n          <form method="post" action="{url["logout"]}" class="inline-form">\n            '
            ),
            "uit": (
                f'\n            <button type="submit" class="link-button">{t["uitloggen"]}</button>'
                "\n          </form>\n        "
            ),
            "in": f'\n          <a href="{url["login"]}?next=',
            "in_eind": f'">{t["inloggen"]}</a>\n        ',
            "taal": (
                f'\n        <form method="post" action="{url["set_language"]}" class="inline-form language-switch">'
                "\n          "
            ),
        }
    return stuk


_URLS = (
    "besturen:regio_kiezen",
    "werklijst",
    "werklijst_aantal",
    "twofactor",
    "logout",
    "login",
    "set_language",
)


def _csrf(context):
    """`{% csrf_token %}`: the hidden field, or nothing without a token."""
    token = context.get("csrf_token")
    if not token:
        return ""
    if token == "NOTPROVIDED":
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{esc(token)}">'


def account(context):
    """The account part of the header up to the language form's return path, as base.html's template text gave it
    (kept in tests/test_base_html.py)."""
    request = context.get("request")
    user = context.get("user")
    vast = _account_vast()
    csrf = _csrf(context)
    pad = request.get_full_path() if request is not None else ""
    if user and user.is_authenticated:
        delen = ["\n          "]
        regios = context.get("mijn_regios")
        if regios:
            session = getattr(request, "session", None)
            actief = session.get("actieve_regio") if session is not None else None
            delen.append(vast["kiezen"])
            for regio in regios:
                slug = regio.slug
                delen.append(f'<option value="{esc(slug)}"')
                if slug == actief:
                    delen.append(" selected")
                delen.append(f">{esc(regio.naam)}</option>")
            delen.append(vast["gekozen"])
        delen += [vast["werk"], esc(user), vast["naam"], csrf, vast["uit"]]
    else:
        delen = [vast["in"], esc(quote(pad, safe="/")), vast["in_eind"]]
    delen += [vast["taal"], csrf, f'\n          <input type="hidden" name="next" value="{esc(pad)}">']
    return mark_safe("".join(delen))
