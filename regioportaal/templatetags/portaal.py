"""Template filters for Dutch notation of amounts and shares, the links other apps registered, and the work list's
rows."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.dates import MONTHS
from django.utils.formats import number_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from regioportaal import kop, navigatie

register = template.Library()


@register.filter
def euro(value, decimals=2):
    """Format an amount as euros in the current locale's notation: € 1.234,56."""
    if value is None or value == "":
        return ""
    return f"€\u00a0{number_format(Decimal(value), decimal_pos=int(decimals), use_l10n=True, force_grouping=True)}"


@register.filter
def procent(value, decimals=1):
    """Format a percentage: 12,3 %."""
    if value is None or value == "":
        return ""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-int(decimals)), rounding=ROUND_HALF_UP)
    return f"{number_format(rounded, decimal_pos=int(decimals), use_l10n=True)}\u00a0%"


@register.filter
def getal(value):
    """Format a whole number with thousand separators: 87.332."""
    if value is None or value == "":
        return ""
    return number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


@register.simple_tag
def regio_links(regio, soort="regio"):
    """The links other apps registered for a region page (strategy, opgaven, programme, meetings; its feeds with
    `soort="regio_feed"`)."""
    return navigatie.regio_links(regio, soort)


@register.simple_tag
def orgaan_links(orgaan, soort="orgaan"):
    """The links other apps registered for a body page (its meetings; its feeds with `soort="orgaan_feed"`)."""
    return navigatie.orgaan_links(orgaan, soort)


@register.simple_tag
def bestuur_links(bestuur, regio=None):
    """The links other apps registered for a government's page, or for the government in `regio` (its grip page)."""
    return navigatie.bestuur_links(bestuur, regio)


@register.simple_tag(takes_context=True)
def menu_links(context):
    """The main-menu links other apps registered."""
    return navigatie.menu_links(context.get("user"))


@register.simple_tag
def werklijst_rijen(werk, vandaag):
    """The rows of the work list's table (templates/werklijst/_lijst.html), written once: for each `WerkItem` the
    deadline (as `date:"j F Y"`, "verstreken" when before `vandaag`, "geen" without one), the kind, the linked title
    and the region, every value escaped, with the whitespace of the template loop they replace."""
    esc = conditional_escape
    maanden = {}  # the months' names in the current language, translated as they are met
    verstreken = gettext("verstreken")  # outside the f-string: makemessages reads it there
    verstreken = f' <span class="te-laat">{esc(verstreken)}</span>'
    geen = esc(gettext("geen"))
    delen = []
    for item in werk:
        dag = item.deadline
        if dag:
            maand = maanden.get(dag.month)
            if maand is None:
                maand = maanden[dag.month] = str(MONTHS[dag.month])
            termijn = esc(f"{dag.day} {maand} {dag.year:04d}")
            if vandaag and dag < vandaag:
                termijn += verstreken
        else:
            termijn = geen
        delen.append(
            f"\n    <tr>\n      <td>{termijn}</td>\n      <td>{esc(item.soort)}</td>"
            f'\n      <th scope="row"><a href="{esc(item.url)}">{esc(item.titel)}</a></th>'
            f"\n      <td>{esc(item.regio)}</td>\n    </tr>\n  "
        )
    return mark_safe("".join(delen))


@register.simple_tag(takes_context=True)
def hoofdmenu(context):
    """The main menu's items from the home item's aria-current on (`regioportaal.kop`)."""
    return kop.hoofdmenu(context)


@register.simple_tag(takes_context=True)
def account(context):
    """The header's account part up to the language form's return path (`regioportaal.kop`)."""
    return kop.account(context)
