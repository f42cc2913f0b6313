"""Template filters and tags of the programme pages."""

from decimal import Decimal

from django import template
from django.template.base import token_kwargs
from django.utils.html import format_html
from django.utils.translation import gettext

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


class TabelNode(template.Node):
    def __init__(self, rijen, labelledby, nodelist, nodelist_leeg):
        self.rijen = rijen
        self.labelledby = labelledby
        self.nodelist = nodelist
        self.nodelist_leeg = nodelist_leeg

    def render(self, context):
        if not self.rijen.resolve(context):
            return self.nodelist_leeg.render(context)
        attrs = ""
        if self.labelledby is not None:
            attrs = format_html(' aria-labelledby="{}"', self.labelledby.resolve(context))
        # A region a keyboard can reach and scroll (axe scrollable-region-focusable, from 320 px up), named by the
        # table's title or, without one, as a table.
        naam = attrs or format_html(' aria-label="{}"', gettext("Tabel"))
        return format_html(
            '<div class="table-scroll" tabindex="0" role="region"{}>\n<table{}>{}</table>\n</div>',
            naam,
            attrs,
            self.nodelist.render(context),
        )


@register.tag
def tabel(parser, token):
    """A table in its scroll container, or the text after `{% leeg %}` when there are no rows.

    {% tabel registraties labelledby="historie-titel" %}
      <thead>…</thead><tbody>{% for r in registraties %}…{% endfor %}</tbody>
    {% leeg %}
      <p>{% translate "Nog niets vastgelegd." %}</p>
    {% endtabel %}
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% tabel %} takes the rows: {% tabel rijen [labelledby=…] %}")
    rijen = parser.compile_filter(bits[1])
    kwargs = token_kwargs(bits[2:], parser)
    if set(kwargs) - {"labelledby"} or len(kwargs) != len(bits) - 2:
        raise template.TemplateSyntaxError("{% tabel %} knows one option: labelledby=…")
    nodelist = parser.parse(("leeg", "endtabel"))
    nodelist_leeg = template.NodeList()
    if parser.next_token().contents == "leeg":
        nodelist_leeg = parser.parse(("endtabel",))
        parser.delete_first_token()
    return TabelNode(rijen, kwargs.get("labelledby"), nodelist, nodelist_leeg)
