"""People and their seats (Lidmaatschap) in bodies; an account's role groups follow its current seats."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regioportaal.audit import log_action

from .. import permissions
from ..models import Lidmaatschap, Orgaan, Persoon
from ._gedeeld import LIDMAATSCHAP_FIELDS, PERSOON_FIELDS, _create, _update


@transaction.atomic
def create_persoon(*, door, **values):
    return _create(Persoon, PERSOON_FIELDS, door, values)


@transaction.atomic
def update_persoon(persoon, *, door, **values):
    """Correct a person's name or e-mail address (platform administrator)."""
    permissions.require_platform_admin(door)
    return _update(persoon, PERSOON_FIELDS, door, values)


@transaction.atomic
def add_lidmaatschap(*, persoon, orgaan, rol, begindatum, namens=None, einddatum=None, door, reden=""):
    """Give `persoon` a seat in `orgaan` with `rol` from `begindatum`; their account gets the role at once."""
    permissions.require_manage_orgaan(door, orgaan)
    lidmaatschap = _create(
        Lidmaatschap,
        LIDMAATSCHAP_FIELDS,
        door,
        {
            "persoon": persoon,
            "orgaan": orgaan,
            "rol": rol,
            "namens": namens,
            "begindatum": begindatum,
            "einddatum": einddatum,
        },
        reden,
    )
    if persoon.user_id:
        sync_rollen(users=[persoon.user_id], door=door, reden=reden or _("lidmaatschap toegevoegd"))
    return lidmaatschap


@transaction.atomic
def change_rol(lidmaatschap, *, rol, door, reden=""):
    """Change the role of a seat; the account moves to the new role's group at once."""
    permissions.require_manage_orgaan(door, lidmaatschap.orgaan)
    _update(lidmaatschap, LIDMAATSCHAP_FIELDS, door, {"rol": rol}, reden)
    if lidmaatschap.persoon.user_id:
        sync_rollen(users=[lidmaatschap.persoon.user_id], door=door, reden=reden or _("rol gewijzigd"))
    return lidmaatschap


@transaction.atomic
def end_lidmaatschap(lidmaatschap, *, einddatum, door, reden=""):
    """End a seat: from `einddatum` on it no longer counts (today: the rights go at once)."""
    permissions.require_manage_orgaan(door, lidmaatschap.orgaan)
    _update(lidmaatschap, LIDMAATSCHAP_FIELDS, door, {"einddatum": einddatum}, reden)
    if lidmaatschap.persoon.user_id:
        sync_rollen(
            users=[lidmaatschap.persoon.user_id], door=door, reden=reden or _("lidmaatschap beëindigd")
        )
    return lidmaatschap


ROLE_GROUP_PREFIX = "orgaan:"


@transaction.atomic
def sync_rollen(*, users=None, day=None, door=None, reden=""):
    """Put every account in the groups of its current memberships and out of all other role groups.

    Called by the membership services for one account, and daily by Celery beat for everyone, so a membership
    that starts or ends on a date changes the rights on that date without anyone acting. Returns (added, removed).
    """
    day = day or timezone.localdate()
    current = Lidmaatschap.objects.current(day).filter(persoon__user__isnull=False)
    Through = get_user_model().groups.through
    actual_qs = Through.objects.filter(group__name__startswith=ROLE_GROUP_PREFIX)
    if users is not None:
        current = current.filter(persoon__user__in=users)
        actual_qs = actual_qs.filter(user_id__in=users)
    expected = {
        (user_id, permissions.group_name(orgaan_id, rol))
        for user_id, orgaan_id, rol in current.values_list("persoon__user", "orgaan", "rol").iterator()
    }
    actual = {
        (user_id, name): pk for pk, user_id, name in actual_qs.values_list("pk", "user_id", "group__name")
    }
    to_add = sorted(expected - actual.keys())
    to_remove = sorted(key for key in actual if key not in expected)
    if not to_add and not to_remove:
        return 0, 0
    if to_add:
        names = {name for _, name in to_add}
        group_ids = dict(Group.objects.filter(name__in=names).values_list("name", "pk"))
        for name in names - group_ids.keys():
            group_ids[name] = Group.objects.create(name=name).pk
        Through.objects.bulk_create(
            [Through(user_id=user_id, group_id=group_ids[name]) for user_id, name in to_add]
        )
    if to_remove:
        Through.objects.filter(pk__in=[actual[key] for key in to_remove]).delete()
    accounts = get_user_model().objects.in_bulk({user_id for user_id, _ in to_add + to_remove})
    orgaan_ids = {int(name.split(":")[1]) for _, name in to_add + to_remove}
    regio_of = dict(Orgaan.objects.filter(pk__in=orgaan_ids).values_list("pk", "regio_id"))
    reden = reden or _("lidmaatschappen op %s") % day.isoformat()
    for actie, changes in (("rol toegekend", to_add), ("rol ingetrokken", to_remove)):
        for user_id, name in changes:
            regio_id = regio_of.get(int(name.split(":")[1]))
            scope = f"regio:{regio_id}" if regio_id else ""
            log_action(door, actie, accounts[user_id], {"groep": name}, reden, scope)
    return len(to_add), len(to_remove)


@transaction.atomic
def add_member(orgaan, *, voornaam, achternaam, email, rol, begindatum, namens=None, door):
    """Add a person to a body: the person with this e-mail address if known, otherwise a new one."""
    permissions.require_manage_orgaan(door, orgaan)
    persoon = Persoon.objects.filter(email__iexact=email).first() if email else None
    if persoon is None:
        persoon = create_persoon(door=door, voornaam=voornaam, achternaam=achternaam, email=email)
    return add_lidmaatschap(
        persoon=persoon, orgaan=orgaan, rol=rol, namens=namens, begindatum=begindatum, door=door
    )
