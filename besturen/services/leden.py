"""People, external parties and their seats (Lidmaatschap) in bodies; an account's role groups follow its current
seats."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from regioportaal.audit import log_action, snapshot
from regioportaal.permissions import is_system

from .. import permissions
from ..models import Deelname, ExternePartij, Lidmaatschap, Orgaan, Persoon
from ..policies import LidmaatschapPolicy, OrgaanPolicy
from ..regiokeuze import forget_mijn_regios
from ._gedeeld import (
    EXTERNE_PARTIJ_FIELDS,
    LIDMAATSCHAP_FIELDS,
    PERSOON_FIELDS,
    _create,
    _update,
    regio_scope,
)


class ConfirmationRequired(ValidationError):
    """The e-mail address belongs to a person known elsewhere: adding them needs the secretariat's confirmation.

    The message names neither the person nor their seats, so asking does not reveal another region's data.
    """


def lock_orgaan(orgaan):
    """Take the row lock on `orgaan` until the transaction ends: its seats are written one transaction at a time."""
    Orgaan.objects.select_for_update().filter(pk=orgaan.pk).values_list("pk", flat=True).first()


def _stripped(values):
    if "email" in values:
        values["email"] = (values["email"] or "").strip()
    return values


@transaction.atomic
def create_persoon(*, door, **values):
    """A new person; an e-mail address another person has (in any case) is refused next to the field."""
    return _create(Persoon, PERSOON_FIELDS, door, _stripped(values))


@transaction.atomic
def update_persoon(persoon, *, door, **values):
    """Correct a person's name or e-mail address (platform administrator)."""
    permissions.require_platform_admin(door)
    return _update(persoon, PERSOON_FIELDS, door, _stripped(values))


@transaction.atomic
def create_externe_partij(orgaan, *, naam, soort, website="", email="", door):
    """Register a partner organisation (the province, a business association) from a region's body's member screen,
    so it can hold a seat there or be represented in one; a name another party has (in any case) is refused."""
    OrgaanPolicy().require(door, "add_externe_partij", orgaan)
    partij = ExternePartij(naam=naam, soort=soort, website=website, email=(email or "").strip())
    partij.full_clean()
    try:
        with transaction.atomic():
            partij.save()
    except (
        IntegrityError
    ):  # registered at the same moment by another secretariat: the database holds the name
        raise ValidationError(
            {"naam": ValidationError(_("Er is al een externe partij met deze naam."), code="unique")}
        ) from None
    log_action(
        door,
        "externe partij aangemaakt",
        partij,
        snapshot(partij, EXTERNE_PARTIJ_FIELDS),
        "",
        regio_scope(orgaan.regio),
    )
    return partij


@transaction.atomic
def add_lidmaatschap(
    *,
    persoon=None,
    orgaan,
    rol,
    begindatum,
    namens=None,
    externe_partij=None,
    einddatum=None,
    aanstellingsbesluit="",
    geplande_einddatum=None,
    door,
    reden="",
):
    """Give `persoon` a seat in `orgaan` with `rol` from `begindatum`; their account gets the role at once.

    The person sits on behalf of a Bestuur (`namens`) or of an external party (`externe_partij`); without a person,
    the external party holds the seat itself (the database refuses a seat without a holder, or for both a Bestuur
    and a party).

    Idempotent: when the very same seat exists (a double submit), that seat is returned with
    `already_existed = True` and nothing is written. Any other seat of the holder in the body with the role whose
    period overlaps is refused (`Lidmaatschap.clean`), checked under the lock on the body's row.
    """
    OrgaanPolicy().require(door, "add_lidmaatschap", orgaan)
    lock_orgaan(orgaan)
    bestaand = Lidmaatschap.objects.filter(
        persoon=persoon,
        orgaan=orgaan,
        rol=rol,
        namens=namens,
        externe_partij=externe_partij,
        begindatum=begindatum,
        einddatum=einddatum,
    ).first()
    if bestaand is not None:
        bestaand.already_existed = True
        return bestaand
    lidmaatschap = _create(
        Lidmaatschap,
        LIDMAATSCHAP_FIELDS,
        door,
        {
            "persoon": persoon,
            "orgaan": orgaan,
            "rol": rol,
            "namens": namens,
            "externe_partij": externe_partij,
            "begindatum": begindatum,
            "einddatum": einddatum,
            "aanstellingsbesluit": aanstellingsbesluit,
            "geplande_einddatum": geplande_einddatum,
        },
        reden,
    )
    if persoon is not None and persoon.user_id:
        sync_rollen(users=[persoon.user_id], door=door, reden=reden or _("lidmaatschap toegevoegd"))
    return lidmaatschap


@transaction.atomic
def change_rol(lidmaatschap, *, rol, door, reden=""):
    """Change the role of a seat; the account moves to the new role's group at once."""
    LidmaatschapPolicy().require(door, "change_rol", lidmaatschap)
    lock_orgaan(lidmaatschap.orgaan)
    _update(lidmaatschap, LIDMAATSCHAP_FIELDS, door, {"rol": rol}, reden)
    if lidmaatschap.persoon_id and lidmaatschap.persoon.user_id:
        sync_rollen(users=[lidmaatschap.persoon.user_id], door=door, reden=reden or _("rol gewijzigd"))
    return lidmaatschap


@transaction.atomic
def record_aanstelling(lidmaatschap, *, aanstellingsbesluit, geplande_einddatum, door, reden=""):
    """Record the act that appointed the holder (its address) and the planned end of the seat's term, as the linked
    data publishes them (docs/openbaar-ld.md); who holds the seat when does not change. Under the right to change
    the seat's role: whoever manages the body."""
    LidmaatschapPolicy().require(door, "change_rol", lidmaatschap)
    values = {"aanstellingsbesluit": aanstellingsbesluit or "", "geplande_einddatum": geplande_einddatum}
    return _update(lidmaatschap, LIDMAATSCHAP_FIELDS, door, values, reden)


@transaction.atomic
def end_lidmaatschap(lidmaatschap, *, einddatum, door, reden=""):
    """End a seat: from `einddatum` on it no longer counts (today: the rights go at once)."""
    LidmaatschapPolicy().require(door, "end", lidmaatschap)
    _update(lidmaatschap, LIDMAATSCHAP_FIELDS, door, {"einddatum": einddatum}, reden)
    if lidmaatschap.persoon_id and lidmaatschap.persoon.user_id:
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
    forget_mijn_regios()  # bulk writes send no signals
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


def is_known_here(persoon, orgaan, door):
    """Whether `door` may see `persoon` when adding a member to `orgaan` without asking for confirmation.

    Known here: a seat (current or past) in a body of the same region, or of a government taking part in it (for a
    body of a government: of that government), or in any body `door` manages. The platform administrator and the
    system see everyone.
    """
    if is_system(door) or permissions.is_platform_admin(door):
        return True
    if orgaan.regio_id:
        besturen = Deelname.objects.current().filter(regio_id=orgaan.regio_id).values("bestuur")
        hier = Q(orgaan__regio_id=orgaan.regio_id) | Q(orgaan__bestuur__in=besturen)
    else:
        hier = Q(orgaan__bestuur_id=orgaan.bestuur_id)
    hier |= Q(orgaan__in=permissions.manageable_organen(door))
    return Lidmaatschap.objects.filter(hier, persoon=persoon).exists()


def _confirmation_required():
    return ConfirmationRequired(
        {
            "email": ValidationError(
                _(
                    "Dit e-mailadres hoort bij een persoon die al elders in het portaal bekend is. "
                    "Bevestig hieronder dat u die persoon wilt toevoegen; de naam die u invulde, wordt dan "
                    "niet gebruikt."
                ),
                code="confirmation_required",
            )
        }
    )


def _find_persoon(email):
    return Persoon.objects.filter(email__iexact=email).first() if email else None


@transaction.atomic
def add_member(
    orgaan,
    *,
    voornaam,
    achternaam,
    email,
    rol,
    begindatum,
    namens=None,
    externe_partij=None,
    aanstellingsbesluit="",
    geplande_einddatum=None,
    door,
    reuse_confirmed=False,
):
    """Add a person to a body: the person with this e-mail address if known, otherwise a new one.

    With `externe_partij` the person sits for that party; with the party and no name nor address, the party itself
    holds the seat. A person known only outside the body's region is added only with `reuse_confirmed` (else
    `ConfirmationRequired`). Idempotent under concurrency: parallel adds of one e-mail address to one body wait for
    each other on the body's row lock, so they give one person and one seat (`add_lidmaatschap`).
    """
    OrgaanPolicy().require(door, "add_lidmaatschap", orgaan)
    lock_orgaan(orgaan)
    email = (email or "").strip()
    if externe_partij is not None and not (voornaam or achternaam or email):
        return add_lidmaatschap(
            orgaan=orgaan,
            rol=rol,
            externe_partij=externe_partij,
            begindatum=begindatum,
            aanstellingsbesluit=aanstellingsbesluit,
            geplande_einddatum=geplande_einddatum,
            door=door,
        )
    persoon = _find_persoon(email)
    nieuw = persoon is None
    if nieuw:
        try:
            with transaction.atomic():
                persoon = create_persoon(door=door, voornaam=voornaam, achternaam=achternaam, email=email)
        except (IntegrityError, ValidationError):
            # Created at the same moment by an add to another body: that person is the one.
            persoon = _find_persoon(email)
            if persoon is None:
                raise
            nieuw = False
    if not nieuw and not reuse_confirmed and not is_known_here(persoon, orgaan, door):
        raise _confirmation_required()
    return add_lidmaatschap(
        persoon=persoon,
        orgaan=orgaan,
        rol=rol,
        namens=namens,
        externe_partij=externe_partij,
        begindatum=begindatum,
        aanstellingsbesluit=aanstellingsbesluit,
        geplande_einddatum=geplande_einddatum,
        door=door,
    )
