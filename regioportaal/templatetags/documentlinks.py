"""`{% documentlinks document %}`: the links other apps registered for a document (regioportaal.documentlinks)."""

from django import template
from django.utils.html import format_html_join

from regioportaal import documentlinks as registry

register = template.Library()


@register.simple_tag(takes_context=True)
def documentlinks(context, document):
    """Each registered link as ` <a href="url">label<span class="visually-hidden"> (document)</span></a>`."""
    links = registry.links_voor(document, context.get("user"))
    if not links:
        return ""
    return format_html_join(
        "",
        ' <a class="documentlink" href="{}">{}<span class="visually-hidden"> ({})</span></a>',
        ((url, label, document) for label, url in links),
    )
