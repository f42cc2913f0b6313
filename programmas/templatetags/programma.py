"""Template filters of the programme pages."""

from django import template

from regioportaal.templatetags.portaal import euro

register = template.Library()


@register.filter
def euro_verschil(value):
    """A difference in euros with its sign: +€ 1.234,56 or −€ 1.234,56 (and € 0,00)."""
    if value is None or value == "":
        return ""
    if value > 0:
        return f"+{euro(value)}"
    if value < 0:
        return f"\u2212{euro(-value)}"
    return euro(value)
