"""The action log's event types of raad: the region's information protocol and what its councils received.

Adding or changing an agreement is logged as the shared `aangemaakt` / `gewijzigd`."""

from django.utils.translation import gettext_lazy as _

from regioportaal.gebeurtenissen import Gebeurtenis, register


@register
class RaadGebeurtenis(Gebeurtenis):
    """What the secretariat and the daily run do with the information protocol."""

    INFORMATIEAFSPRAAK_BEEINDIGD = (
        "informatieafspraak beëindigd",
        _("informatieafspraak beëindigd"),
        _("%(actor)s heeft de informatieafspraak %(object)s beëindigd"),
    )
    INFORMATIEAFSPRAAK_HERVAT = (
        "informatieafspraak hervat",
        _("informatieafspraak hervat"),
        _("%(actor)s heeft de informatieafspraak %(object)s hervat"),
    )
    INFORMATIE_VERZONDEN = (
        "informatie verzonden",
        _("informatie aan een raad verzonden"),
        _("%(actor)s heeft %(object)s aan de raad verzonden"),
    )
