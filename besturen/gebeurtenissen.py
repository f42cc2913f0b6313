"""The action log's event types of besturen: seats and roles, participations, accounts and invitations."""

from django.utils.translation import gettext_lazy as _

from regioportaal.gebeurtenissen import Gebeurtenis, register


@register
class BesturenGebeurtenis(Gebeurtenis):
    """What the secretariats and the platform administrator do to regions, bodies, persons and accounts."""

    DEELNAME_TOEGEVOEGD = (
        "deelname toegevoegd",
        _("deelname toegevoegd"),
        _("%(actor)s heeft een bestuur laten deelnemen aan %(object)s"),
    )
    ROL_TOEGEKEND = "rol toegekend", _("rol toegekend"), _("%(actor)s heeft %(object)s een rol gegeven")
    ROL_INGETROKKEN = (
        "rol ingetrokken",
        _("rol ingetrokken"),
        _("%(actor)s heeft een rol van %(object)s ingetrokken"),
    )
    ACCOUNT_AANGEMAAKT = (
        "account aangemaakt",
        _("account aangemaakt"),
        _("%(actor)s heeft een account voor %(object)s aangemaakt"),
    )
    ACCOUNT_GEKOPPELD = (
        "account gekoppeld",
        _("account gekoppeld"),
        _("%(actor)s heeft %(object)s aan een bestaand account gekoppeld"),
    )
    PLATFORMBEHEERDER_AANGEMAAKT = (
        "platformbeheerder aangemaakt",
        _("platformbeheerder aangemaakt"),
        _("%(actor)s heeft %(object)s platformbeheerder gemaakt"),
    )
    UITGENODIGD = "uitgenodigd", _("uitgenodigd"), _("%(actor)s heeft %(object)s uitgenodigd")
    EXTERNE_PARTIJ_AANGEMAAKT = (
        "externe partij aangemaakt",
        _("externe partij aangemaakt"),
        _("%(actor)s heeft de externe partij %(object)s aangemaakt"),
    )


@register
class FusieGebeurtenis(Gebeurtenis):
    """What recording a merger and reviewing its seats writes to the action log."""

    FUSIE_VASTGELEGD = (
        "fusie vastgelegd",
        _("fusie vastgelegd"),
        _("%(actor)s heeft de fusie tot %(object)s vastgelegd"),
    )
    DEELNEMERS_NA_FUSIE = (
        "deelnemers na fusie",
        _("deelnemers na fusie"),
        _("%(actor)s heeft de opvolger na een fusie laten deelnemen in %(object)s"),
    )
    ZETELS_HERZIEN = (
        "zetels na fusie herzien",
        _("zetels na fusie herzien"),
        _("%(actor)s heeft de zetels na een fusie herzien in %(object)s"),
    )
