"""`{% vast %}…{% endvast %}`: a piece of a template whose output depends on nothing but the active language and the
URL configuration (translated text, `{% url %}` without arguments, `{% static %}`), rendered once per process per
language and kept, so a page that misses the page cache does not render the same header and footer again.

Only for such pieces: never around anything of the request, the user, the session, a CSRF token or a nonce. The
kept pieces are dropped when a setting changes (tests), and not kept at all with DEBUG (templates edited while the
server runs) or for a template without a name.
"""

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.template.base import UNKNOWN_SOURCE
from django.template.loader_tags import BlockNode
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language

register = template.Library()

_stukken = {}


def _vergeet(**kwargs):
    _stukken.clear()


setting_changed.connect(_vergeet)


class VastNode(template.Node):
    # A piece holds no `{% block %}` (`vast` refuses one), so the search for a template's blocks, which
    # `{% extends %}` makes through the whole parent template on every render, need not enter it.
    child_nodelists = ()

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        if settings.DEBUG or self.origin.name == UNKNOWN_SOURCE:
            return self.nodelist.render(context)
        sleutel = (self.origin.name, self.token.lineno, get_language(), get_script_prefix(), get_urlconf())
        stuk = _stukken.get(sleutel)
        if stuk is None:
            stuk = _stukken[sleutel] = self.nodelist.render(context)
        return stuk


@register.tag
def vast(parser, token):
    """The piece is known by its template and line: one `{% vast %}` begins on a line."""
    regels = parser.__dict__.setdefault("_vast_regels", set())
    if token.lineno in regels:
        raise template.TemplateSyntaxError("One {% vast %} per line.")
    regels.add(token.lineno)
    nodelist = parser.parse(("endvast",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(BlockNode):
        # A block's text is the child template's, not fixed; and it would be hidden from `{% extends %}`.
        raise template.TemplateSyntaxError("No {% block %} inside {% vast %}.")
    return VastNode(nodelist)
