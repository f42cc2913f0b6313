"""Writes on portfolio holders (portefeuillehouders): a person who holds a regional theme or an opgave, with dates."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Portefeuillehouder
from ..policies import StrategiePolicy
from ..selectors import portefeuille_kandidaten
from ._gedeeld import _guard, _save

PORTEFEUILLE_FIELDS = ["persoon", "thema", "opgave", "begindatum", "einddatum"]


def _check(portefeuille):
    regio = portefeuille.regio
    errors = {}
    onderwerp = portefeuille.thema or portefeuille.opgave
    if onderwerp is not None and onderwerp.regio_id != regio.pk:
        errors["thema" if portefeuille.thema else "opgave"] = _("Dit hoort bij een andere regio.")
    if portefeuille.thema is not None and portefeuille.thema.gearchiveerd:
        errors["thema"] = _("Dit thema is gearchiveerd.")
    if not portefeuille_kandidaten(regio).filter(pk=portefeuille.persoon_id).exists():
        errors["persoon"] = _("Kies iemand met een zetel in een orgaan van %(regio)s.") % {"regio": regio}
    if errors:
        raise ValidationError(errors)
    overlap = Portefeuillehouder.objects.filter(
        persoon=portefeuille.persoon, thema=portefeuille.thema, opgave=portefeuille.opgave
    ).filter(Q(einddatum__isnull=True) | Q(einddatum__gte=portefeuille.begindatum))
    if portefeuille.einddatum is not None:
        overlap = overlap.filter(begindatum__lte=portefeuille.einddatum)
    if overlap.exclude(pk=portefeuille.pk).exists():
        raise ValidationError(
            {
                "persoon": _("%(persoon)s houdt deze portefeuille al in die periode.")
                % {"persoon": portefeuille.persoon}
            }
        )


@transaction.atomic
def add_portefeuillehouder(regio, *, persoon, thema=None, opgave=None, begindatum, einddatum=None, door):
    """Make a person portfolio holder of one of the region's themes or opgaven, from `begindatum`."""
    _guard(StrategiePolicy(), door, "add_portefeuillehouder", regio)
    portefeuille = Portefeuillehouder(
        regio=regio, persoon=persoon, thema=thema, opgave=opgave, begindatum=begindatum, einddatum=einddatum
    )
    portefeuille.full_clean()
    _check(portefeuille)
    return _save(portefeuille, door, "portefeuillehouder benoemd", PORTEFEUILLE_FIELDS, regio)


@transaction.atomic
def end_portefeuillehouder(portefeuille, *, einddatum=None, door):
    """End a portfolio on `einddatum` (today by default); one that has ended already stays as it is."""
    portefeuille = (
        Portefeuillehouder.objects.select_for_update()
        .select_related("regio", "persoon")
        .get(pk=portefeuille.pk)
    )
    _guard(StrategiePolicy(), door, "end_portefeuillehouder", portefeuille.regio)
    einddatum = einddatum or timezone.localdate()
    if portefeuille.einddatum is not None and portefeuille.einddatum <= einddatum:
        raise ValidationError(_("Deze portefeuille eindigt al op of vóór die datum."))
    before = {"einddatum": portefeuille.einddatum and portefeuille.einddatum.isoformat()}
    portefeuille.einddatum = einddatum
    return _save(portefeuille, door, "portefeuille beëindigd", ["einddatum"], portefeuille.regio, before)
