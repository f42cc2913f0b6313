"""What every programme service shares: the permission checks, the log entry, row locks, the version's
transition through the workflow table, and the per-inhabitant amount of a line."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from besturen.services import regio_scope
from regioportaal.audit import log_action
from regioportaal.permissions import is_system, require

from .. import permissions, workflow
from ..models import (
    Programmaregeling,
    SleutelSoort,
    Versie,
    VersieStatus,
)
from ..regeling import (
    procedure_van,
    sleutel_van,
    tarief_van,
)
from ..verdeling import regelbedrag_per_inwoner


def _require_manage(door, regio):
    if not is_system(door):
        require(
            permissions.can_manage_programma(door, regio),
            _("Alleen het secretariaat van %(regio)s mag dit.") % {"regio": regio},
        )


def _log(door, actie, obj, regio, wijzigingen=None, reden=""):
    log_action(door, actie, obj, wijzigingen or {}, reden, regio_scope(regio))


def _regeling_voor_wijziging(regio):
    return Programmaregeling.objects.select_for_update().get_or_create(regio=regio)[0]


def _lock_versie(versie):
    return Versie.objects.select_for_update().select_related("jaarprogramma__regio").get(pk=versie.pk)


def _apply_per_inwoner(regel, regeling):
    """Under a fixed amount per inhabitant the line's amount is its rate times its participants' population.

    Each line has its own rate (the Groene Metropoolregio: € 2,50 for the bureau, € 1,00 for the Economic Board);
    a line without one uses the region's default. The split then gives each member exactly rate × its population.
    """
    if sleutel_van(regel, regeling) != SleutelSoort.PER_INWONER:
        return
    tarief = tarief_van(regel, regeling)
    if tarief is None:
        return
    bedrag = regelbedrag_per_inwoner(tarief, [b.inwoners for b in regel.deelnemers.all()])
    if regel.bedrag != bedrag:
        regel.bedrag = bedrag
        regel.save(update_fields=["bedrag"])


def _transition(versie, naar, door, actie, reden="", **velden):
    regio = versie.jaarprogramma.regio
    procedure = procedure_van(versie)
    if not workflow.allowed(procedure, versie.status, naar):
        raise ValidationError(
            _("Een versie gaat niet van %(van)s naar %(naar)s.")
            % {"van": versie.get_status_display(), "naar": VersieStatus(naar).label}
        )
    van = versie.status
    versie.status = naar
    for name, value in velden.items():
        setattr(versie, name, value)
    versie.save()
    _log(door, actie, versie, regio, {"status": [van, naar], **velden}, reden)
    return versie
