"""The action log's event types of notities. The log keeps who wrote, changed or deleted which note and with whom
it is shared, never the note's text."""

from django.utils.translation import gettext_lazy as _

from regioportaal.gebeurtenissen import Gebeurtenis, register


@register
class NotitiesGebeurtenis(Gebeurtenis):
    """What an author does to their notes."""

    NOTITIE_GESCHREVEN = (
        "notitie geschreven",
        _("notitie geschreven"),
        _("%(actor)s heeft %(object)s geschreven"),
    )
    NOTITIE_GEWIJZIGD = (
        "notitie gewijzigd",
        _("notitie gewijzigd"),
        _("%(actor)s heeft %(object)s gewijzigd"),
    )
    NOTITIE_VERWIJDERD = (
        "notitie verwijderd",
        _("notitie verwijderd"),
        _("%(actor)s heeft %(object)s verwijderd"),
    )
