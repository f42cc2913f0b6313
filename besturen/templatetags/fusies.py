"""The merger facts on a government's page: what it became part of, what it was formed from."""

from django import template

from .. import permissions
from ..fusies import fusies_rond
from ..models import Deelname

register = template.Library()


@register.simple_tag(takes_context=True)
def fusiegegevens(context, bestuur):
    """{"opgegaan_in": the merger `bestuur` ceased in, "gevormd": the mergers it is the successor of,
    "herzien": the regions of its mergers whose seats the user may review}."""
    opgegaan_in, gevormd = fusies_rond(bestuur)
    herzien = []
    user = context.get("user")
    if gevormd and user is not None and user.is_authenticated:
        deelnames = Deelname.objects.filter(bestuur=bestuur).select_related("regio").order_by("regio__naam")
        regios = list(dict.fromkeys(deelname.regio for deelname in deelnames))
        herzien = [regio for regio in regios if permissions.can_manage_regio(user, regio)]
    return {"opgegaan_in": opgegaan_in, "gevormd": gevormd, "herzien": herzien}
