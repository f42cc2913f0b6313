"""The legal basis of each form of partnership, in one sentence for a council member (pure, no database)."""

from django.utils.translation import gettext_lazy as _

from besturen.models import Rechtsvorm

GRONDSLAG = {
    Rechtsvorm.GEMEENSCHAPPELIJKE_REGELING: _(
        "Wet gemeenschappelijke regelingen (Wgr): de raden stellen de regeling vast, geven hun zienswijze op de "
        "begroting en ontvangen de jaarstukken."
    ),
    Rechtsvorm.PROJECTVERENIGING: _(
        "Decreet over het lokaal bestuur, deel 3 (intergemeentelijke samenwerking): een projectvereniging zonder "
        "eigen raad; de gemeenteraden beslissen over deelname en bijdrage."
    ),
    Rechtsvorm.DIENSTVERLENENDE_VERENIGING: _(
        "Decreet over het lokaal bestuur, deel 3 (intergemeentelijke samenwerking): een dienstverlenende "
        "vereniging met een algemene vergadering waarin elke gemeente vertegenwoordigd is."
    ),
    Rechtsvorm.OPDRACHTHOUDENDE_VERENIGING: _(
        "Decreet over het lokaal bestuur, deel 3 (intergemeentelijke samenwerking): een opdrachthoudende "
        "vereniging waaraan de gemeenten taken overdragen."
    ),
    Rechtsvorm.INTERLOKALE_VERENIGING: _(
        "Decreet over het lokaal bestuur, deel 3 (intergemeentelijke samenwerking): een interlokale vereniging "
        "zonder rechtspersoonlijkheid, op basis van een overeenkomst tussen de gemeenten."
    ),
    Rechtsvorm.FEITELIJK: _(
        "Geen wettelijke vorm: een samenwerkingsovereenkomst of convenant tussen de gemeenten; elke raad beslist "
        "zelf over zijn bijdrage."
    ),
}


def grondslag(rechtsvorm):
    """The legal basis of `rechtsvorm` (a Rechtsvorm value), or '' for another form."""
    return GRONDSLAG.get(rechtsvorm, "")
