"""The action log's event types of opgaven: strategy, opgaven and their status, mandates, commitments, progress."""

from django.utils.translation import gettext_lazy as _

from regioportaal.gebeurtenissen import Gebeurtenis, register


@register
class OpgavenGebeurtenis(Gebeurtenis):
    """What the secretariat and the opdrachtgevers do to the region's strategy and opgaven."""

    STRATEGIE_GEWIJZIGD = (
        "strategie gewijzigd",
        _("strategie gewijzigd"),
        _("%(actor)s heeft missie en visie van %(object)s gewijzigd"),
    )
    STATUS_GEWIJZIGD = (
        "status gewijzigd",
        _("status gewijzigd"),
        _("%(actor)s heeft de status van opgave %(object)s gewijzigd"),
    )
    INDICATOR_TOEGEVOEGD = (
        "indicator toegevoegd",
        _("indicator toegevoegd"),
        _("%(actor)s heeft indicator %(object)s toegevoegd"),
    )
    BUDGET_TOEGEVOEGD = (
        "budget toegevoegd",
        _("budget toegevoegd"),
        _("%(actor)s heeft budget %(object)s toegevoegd"),
    )
    CAPACITEIT_TOEGEVOEGD = (
        "capaciteit toegevoegd",
        _("capaciteit toegevoegd"),
        _("%(actor)s heeft capaciteit %(object)s toegevoegd"),
    )
    SYNERGIE_GELEGD = (
        "synergie gelegd",
        _("synergie gelegd"),
        _("%(actor)s heeft de synergie %(object)s gelegd"),
    )
    MANDAAT_VERLEEND = (
        "mandaat verleend",
        _("mandaat verleend"),
        _("%(actor)s heeft mandaat %(object)s verleend"),
    )
    VERPLICHTING_VASTGELEGD = (
        "verplichting vastgelegd",
        _("verplichting vastgelegd"),
        _("%(actor)s heeft verplichting %(object)s vastgelegd"),
    )
    VOORTGANG_GERAPPORTEERD = (
        "voortgang gerapporteerd",
        _("voortgang gerapporteerd"),
        _("%(actor)s heeft voortgang gerapporteerd: %(object)s"),
    )
    OPGAVEN_GEKOPPELD = (
        "opgaven gekoppeld",
        _("opgaven gekoppeld"),
        _("%(actor)s heeft opgaven gekoppeld aan %(object)s"),
    )
    PORTEFEUILLEHOUDER_BENOEMD = (
        "portefeuillehouder benoemd",
        _("portefeuillehouder benoemd"),
        _("%(actor)s heeft %(object)s als portefeuillehouder benoemd"),
    )
    PORTEFEUILLE_BEEINDIGD = (
        "portefeuille beëindigd",
        _("portefeuille beëindigd"),
        _("%(actor)s heeft de portefeuille van %(object)s beëindigd"),
    )
    VOLGORDE_GEWIJZIGD = (
        "volgorde gewijzigd",
        _("volgorde gewijzigd"),
        _("%(actor)s heeft %(object)s in de volgorde verplaatst"),
    )
