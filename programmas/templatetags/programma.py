"""Template filters of the programme pages."""

from decimal import Decimal

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


def _procent(fraction):
    from regioportaal.templatetags.portaal import procent

    return procent(Decimal(fraction) * 100, 0)


@register.filter
def aandeel_procent(value):
    """A stored share (0.5) as a percentage: 50 %."""
    if value is None or value == "":
        return ""
    return _procent(value)


@register.filter
def rest_procent(value):
    """The rest of a stored share (0.3 -> 70 %)."""
    if value is None or value == "":
        return ""
    return _procent(1 - Decimal(value))
