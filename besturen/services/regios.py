"""Regions, governments, region memberships (Deelname) and bodies; a region's rights follow its memberships."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regioportaal.audit import log_action
from regioportaal.permissions import NotAllowed, grant

from .. import permissions
from ..models import (
    BRON_ONBEKEND,
    RAADSORGANEN,
    Bestuur,
    Bevolkingscijfer,
    Deelname,
    Orgaan,
    Regio,
    RegioGroupObjectPermission,
)
from ..policies import OrgaanPolicy, RegioPolicy
from ..regiokeuze import forget_mijn_regios
from ._gedeeld import BESTUUR_FIELDS, ORGAAN_FIELDS, REGIO_FIELDS, _create, _update, regio_scope


@transaction.atomic
def create_regio(*, door, **values):
    permissions.require_platform_admin(door)
    return _create(Regio, REGIO_FIELDS, door, values)


@transaction.atomic
def update_regio(regio, *, door, **values):
    RegioPolicy().require(door, "update_regio", regio)
    return _update(regio, REGIO_FIELDS, door, values)


@transaction.atomic
def create_bestuur(*, door, **values):
    """Create a Bestuur; a population it starts with is also the first figure of its history."""
    permissions.require_platform_admin(door)
    if values.get("inwoners") is not None and not values.get("inwoners_bron"):
        values["inwoners_bron"] = BRON_ONBEKEND
    bestuur = _create(Bestuur, BESTUUR_FIELDS, door, values)
    if bestuur.inwoners is not None:
        Bevolkingscijfer.objects.create(
            bestuur=bestuur,
            inwoners=bestuur.inwoners,
            peildatum=bestuur.inwoners_peildatum,
            bron=bestuur.inwoners_bron,
        )
    return bestuur


@transaction.atomic
def update_bestuur(bestuur, *, door, **values):
    permissions.require_platform_admin(door)
    return _update(bestuur, BESTUUR_FIELDS, door, values)


@transaction.atomic
def add_deelname(regio, bestuur, *, begindatum, einddatum=None, door):
    """Make `bestuur` a member of `regio` from `begindatum`; from that day its councils read the region's items."""
    permissions.require_platform_admin(door)
    deelname = Deelname(regio=regio, bestuur=bestuur, begindatum=begindatum, einddatum=einddatum)
    deelname.full_clean()
    deelname.save()
    log_action(
        door,
        "deelname toegevoegd",
        regio,
        {"bestuur": str(bestuur), "begindatum": begindatum, "einddatum": einddatum},
        "",
        regio_scope(regio),
    )
    sync_regio_rechten(regios=[regio.pk], door=door)
    return deelname


@transaction.atomic
def end_deelname(deelname, *, einddatum, door, reden=""):
    """End a region membership; from `einddatum` on the member's councils no longer read the region's items."""
    permissions.require_platform_admin(door)
    _update(deelname, ["einddatum"], door, {"einddatum": einddatum}, reden)
    sync_regio_rechten(regios=[deelname.regio_id], door=door, reden=reden)
    return deelname


@transaction.atomic
def sync_regio_rechten(*, regios=None, day=None, door=None, reden=""):
    """Give the councils of a region's current members `view_besloten_regio` on it, and take it from the others.

    Called when a region membership changes and daily by Celery beat, so a membership that starts or ends on a date
    opens or closes the region's non-public items on that date. Returns (granted, revoked).
    """
    day = day or timezone.localdate()
    perm = Permission.objects.get(content_type__app_label="besturen", codename="view_besloten_regio")
    raden = Orgaan.objects.filter(soort__in=RAADSORGANEN)
    deelnames = Deelname.objects.current(day)
    if regios is not None:
        deelnames = deelnames.filter(regio__in=regios)
    expected = {
        (permissions.group_name(raad_id, rol), regio_id)
        for regio_id, raad_id in deelnames.filter(bestuur__organen__in=raden)
        .values_list("regio", "bestuur__organen")
        .iterator()
        for rol in permissions.ALLE_ROLLEN
    }
    raad_ids = {str(pk) for pk in raden.values_list("pk", flat=True)}
    actual_qs = RegioGroupObjectPermission.objects.filter(permission=perm, group__name__startswith="orgaan:")
    if regios is not None:
        actual_qs = actual_qs.filter(content_object__in=regios)
    actual = {
        (name, regio_id): pk
        for pk, name, regio_id in actual_qs.values_list("pk", "group__name", "content_object")
        if name.split(":")[1] in raad_ids
    }
    to_add = sorted(expected - actual.keys())
    to_remove = sorted(key for key in actual if key not in expected)
    if to_add:
        names = {name for name, _regio in to_add}
        group_ids = dict(Group.objects.filter(name__in=names).values_list("name", "pk"))
        for name in names - group_ids.keys():
            group_ids[name] = Group.objects.create(name=name).pk
        RegioGroupObjectPermission.objects.bulk_create(
            [
                RegioGroupObjectPermission(
                    permission=perm, group_id=group_ids[name], content_object_id=regio_id
                )
                for name, regio_id in to_add
            ]
        )
    if to_remove:
        RegioGroupObjectPermission.objects.filter(pk__in=[actual[key] for key in to_remove]).delete()
    if to_add or to_remove:
        forget_mijn_regios()  # bulk writes send no signals
    per_regio = {}
    for actie, changes in (("recht toegekend", to_add), ("recht ingetrokken", to_remove)):
        for name, regio_id in changes:
            per_regio.setdefault((actie, regio_id), []).append(name)
    regio_objs = Regio.objects.in_bulk({regio_id for _actie, regio_id in per_regio})
    for (actie, regio_id), names in sorted(per_regio.items()):
        log_action(
            door,
            actie,
            regio_objs[regio_id],
            {"recht": "besturen.view_besloten_regio", "groepen": names},
            reden or f"deelnames op {day.isoformat()}",
            regio_scope(regio_objs[regio_id]),
        )
    return len(to_add), len(to_remove)


@transaction.atomic
def create_orgaan(*, door, **values):
    """Create a body and grant its permissions to its role groups."""
    if values.get("regio") is not None:
        RegioPolicy().require(door, "create_orgaan", values["regio"])
    else:
        permissions.require_platform_admin(door)
    orgaan = _create(Orgaan, ORGAAN_FIELDS, door, values)
    for perm, obj, group_names in permissions.grants_for_orgaan(orgaan):
        grant(perm, group_names, obj, door=door, reden="nieuw orgaan", scope=regio_scope(orgaan.regio))
    if orgaan.soort in RAADSORGANEN:
        sync_regio_rechten(regios=orgaan.bestuur.deelnames.values("regio"), door=door, reden="nieuwe raad")
    return orgaan


@transaction.atomic
def update_orgaan(orgaan, *, door, **values):
    OrgaanPolicy().require(door, "update_orgaan", orgaan)
    if (
        "regio" in values
        and values["regio"] != orgaan.regio
        or "bestuur" in values
        and values["bestuur"] != orgaan.bestuur
    ):
        raise NotAllowed(_("Een orgaan verhuist niet naar een andere regio of een ander bestuur."))
    return _update(orgaan, ORGAAN_FIELDS, door, values)
