"""Writes in besturen: every change to regions, governments, bodies, people and memberships goes through here.

Each service runs in one transaction and records an action-log entry.
"""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from regioportaal.audit import diff, log_action, snapshot
from regioportaal.links import absolute_url
from regioportaal.permissions import NotAllowed, grant, is_system

from . import permissions
from .imports import BesturenImportGeweigerd, Correctie, GemeentenLezer, ImportResultaat, controleer_grootte
from .models import (
    BRON_ONBEKEND,
    Bestuur,
    Bevolkingscijfer,
    Deelname,
    Lidmaatschap,
    Orgaan,
    Persoon,
    Reactie,
    Regio,
    RegioGroupObjectPermission,
    Stuk,
    Zichtbaarheid,
)

REGIO_FIELDS = ["naam", "slug", "land", "rechtsvorm", "beschrijving"]
BESTUUR_FIELDS = [
    "soort",
    "naam",
    "code",
    "land",
    "provincie",
    "inwoners",
    "inwoners_peildatum",
    "inwoners_bron",
]
ORGAAN_FIELDS = ["soort", "naam", "afkorting", "bestuur", "regio", "beschrijving"]
PERSOON_FIELDS = ["voornaam", "achternaam", "email"]
LIDMAATSCHAP_FIELDS = ["persoon", "orgaan", "rol", "namens", "begindatum", "einddatum"]


def regio_scope(regio):
    """The action-log scope of a region: its secretariat reads entries with this scope."""
    return f"regio:{regio.pk}" if regio else ""


def _scope_of(instance):
    for attr in ("regio", "orgaan"):
        value = getattr(instance, attr, None)
        if isinstance(value, Regio):
            return regio_scope(value)
        if isinstance(value, Orgaan):
            return regio_scope(value.regio)
    return ""


def _create(model, fields, door, values, reden=""):
    instance = model(**values)
    instance.full_clean()
    instance.save()
    log_action(door, "aangemaakt", instance, snapshot(instance, fields), reden, _scope_of(instance))
    return instance


def _update(instance, fields, door, values, reden=""):
    before = snapshot(instance, fields)
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean()
    changes = diff(before, snapshot(instance, fields))
    if changes:
        instance.save()
        log_action(door, "gewijzigd", instance, changes, reden, _scope_of(instance))
    return instance


@transaction.atomic
def create_regio(*, door, **values):
    permissions.require_platform_admin(door)
    return _create(Regio, REGIO_FIELDS, door, values)


@transaction.atomic
def update_regio(regio, *, door, **values):
    permissions.require_manage_regio(door, regio)
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
    raden = Orgaan.objects.filter(soort__in=permissions.RAADSORGANEN)
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
        permissions.require_manage_regio(door, values["regio"])
    else:
        permissions.require_platform_admin(door)
    orgaan = _create(Orgaan, ORGAAN_FIELDS, door, values)
    for perm, obj, group_names in permissions.grants_for_orgaan(orgaan):
        grant(perm, group_names, obj, door=door, reden="nieuw orgaan", scope=regio_scope(orgaan.regio))
    if orgaan.soort in permissions.RAADSORGANEN:
        sync_regio_rechten(regios=orgaan.bestuur.deelnames.values("regio"), door=door, reden="nieuwe raad")
    return orgaan


@transaction.atomic
def update_orgaan(orgaan, *, door, **values):
    permissions.require_manage_orgaan(door, orgaan)
    if (
        "regio" in values
        and values["regio"] != orgaan.regio
        or "bestuur" in values
        and values["bestuur"] != orgaan.bestuur
    ):
        raise NotAllowed(_("Een orgaan verhuist niet naar een andere regio of een ander bestuur."))
    return _update(orgaan, ORGAAN_FIELDS, door, values)


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
def add_stuk(orgaan, *, titel, tekst="", zichtbaarheid=Zichtbaarheid.ORGAAN, door):
    """Share an item with a body (the secretariat)."""
    if not is_system(door) and not permissions.can_add_stuk(door, orgaan):
        raise NotAllowed(_("U mag geen stukken toevoegen aan %(orgaan)s.") % {"orgaan": orgaan})
    return _create(
        Stuk,
        ["orgaan", "titel", "tekst", "zichtbaarheid"],
        door,
        {
            "orgaan": orgaan,
            "titel": titel,
            "tekst": tekst,
            "zichtbaarheid": zichtbaarheid,
            "auteur": door if door and door.is_authenticated else None,
        },
    )


@transaction.atomic
def add_reactie(stuk, *, tekst, door):
    """A member comments on an item of their body."""
    if not permissions.can_comment_stuk(door, stuk):
        raise NotAllowed(_("U mag niet reageren op dit stuk."))
    return _create(Reactie, ["stuk", "tekst"], door, {"stuk": stuk, "tekst": tekst, "auteur": door})


@transaction.atomic
def create_account(persoon, *, password=None, door):
    """Give `persoon` a login account under their e-mail address (unusable password unless one is given)."""
    if persoon.user_id:
        raise ValueError(f"{persoon} heeft al een account.")
    if not persoon.email:
        raise ValueError(f"{persoon} heeft geen e-mailadres.")
    user = get_user_model().objects.create_user(
        email=persoon.email, password=password, first_name=persoon.voornaam, last_name=persoon.achternaam
    )
    persoon.user = user
    persoon.save(update_fields=["user"])
    log_action(door, "account aangemaakt", persoon, {"email": user.email})
    return user


@transaction.atomic
def create_platform_admin(*, email, password, door):
    """Create a platform administrator (Django superuser)."""
    permissions.require_platform_admin(door)
    user = get_user_model().objects.create_superuser(email=email, password=password)
    log_action(door, "platformbeheerder aangemaakt", user, {"email": user.email})
    return user


IMPORT_BATCH = 500
IMPORT_VELDEN = ["naam", "provincie", "inwoners", "inwoners_peildatum", "inwoners_bron"]


def _bron_grootte(bron):
    """The size of `bron` in bytes when it can be known without reading it (an upload or a real file)."""
    import os

    grootte = getattr(bron, "size", None)
    if isinstance(grootte, int):
        return grootte
    try:
        return os.fstat(bron.fileno()).st_size
    except (AttributeError, OSError, ValueError):
        return None


def _in_batches(rijen, grootte):
    batch = []
    for rij in rijen:
        batch.append(rij)
        if len(batch) == grootte:
            yield batch
            batch = []
    if batch:
        yield batch


def _cijfer_sleutel(peildatum):
    """The action-log key of a municipality's population figure on `peildatum`."""
    return f"bevolkingscijfer {peildatum.isoformat()}"


def _huidig_cijfer(bestuur, cijfers):
    """(inwoners, peildatum, bron) of the latest figure; the Bestuur's own figure counts when it is newer than all
    of `cijfers` (a figure without history row, entered before the history existed); a history row wins a tie."""
    laatste = max(cijfers, key=lambda cijfer: cijfer.peildatum)
    if bestuur.inwoners is not None and bestuur.inwoners_peildatum > laatste.peildatum:
        return bestuur.inwoners, bestuur.inwoners_peildatum, bestuur.inwoners_bron
    return laatste.inwoners, laatste.peildatum, laatste.bron


def _import_batch(batch, resultaat, *, door, dry_run, reden, content_type):
    """Create or update one batch of rows: two queries to read, a few bulk queries to write.

    Each row adds the population figure of the file's peildatum to the municipality's history, or corrects the
    figure it already has for that date; the current figure on the Bestuur becomes the one with the latest
    peildatum, so a file of an earlier year adds history without changing the current figure.
    """
    from regioportaal.models import ActionLog

    from .models import BestuurSoort

    eerste = batch[0]
    peildatum = eerste.inwoners_peildatum
    bestaand = {
        bestuur.code: bestuur
        for bestuur in Bestuur.objects.filter(
            land=eerste.land, soort=BestuurSoort.GEMEENTE, code__in=[rij.code for rij in batch]
        )
    }
    # Only the figures of the file's date and later ones matter: an earlier one never becomes the current one.
    cijfers = {bestuur.pk: [] for bestuur in bestaand.values()}
    if bestaand:
        for cijfer in Bevolkingscijfer.objects.filter(bestuur_id__in=list(cijfers), peildatum__gte=peildatum):
            cijfers[cijfer.bestuur_id].append(cijfer)

    nieuw, gewijzigd = [], []  # gewijzigd: (bestuur, changes)
    nieuwe_cijfers, gecorrigeerde_cijfers = [], []
    nu = timezone.now()
    for rij in batch:
        bestuur = bestaand.get(rij.code)
        if bestuur is None:
            bestuur = Bestuur(
                soort=rij.soort,
                land=rij.land,
                code=rij.code,
                **{veld: getattr(rij, veld) for veld in IMPORT_VELDEN},
            )
            nieuw.append(bestuur)
            nieuwe_cijfers.append(
                Bevolkingscijfer(
                    bestuur=bestuur, inwoners=rij.inwoners, peildatum=peildatum, bron=rij.inwoners_bron
                )
            )
            resultaat.namen_aangemaakt.append(rij.label)
            resultaat.cijfers_toegevoegd += 1
            continue

        eigen = cijfers[bestuur.pk]
        sleutel = _cijfer_sleutel(peildatum)
        cijfer_changes = {}
        cijfer = next((cijfer for cijfer in eigen if cijfer.peildatum == peildatum), None)
        if cijfer is None:
            cijfer = Bevolkingscijfer(
                bestuur=bestuur, inwoners=rij.inwoners, peildatum=peildatum, bron=rij.inwoners_bron
            )
            nieuwe_cijfers.append(cijfer)
            eigen.append(cijfer)
            resultaat.cijfers_toegevoegd += 1
            cijfer_changes[sleutel] = [None, rij.inwoners]
        elif (cijfer.inwoners, cijfer.bron) != (rij.inwoners, rij.inwoners_bron):
            if cijfer.inwoners != rij.inwoners:
                resultaat.correcties.append(Correctie(rij.label, cijfer.inwoners, rij.inwoners))
                cijfer_changes[sleutel] = [cijfer.inwoners, rij.inwoners]
            if cijfer.bron != rij.inwoners_bron:
                cijfer_changes[f"bron {sleutel}"] = [cijfer.bron, rij.inwoners_bron]
            cijfer.inwoners, cijfer.bron, cijfer.ingelezen_op = rij.inwoners, rij.inwoners_bron, nu
            gecorrigeerde_cijfers.append(cijfer)

        before = snapshot(bestuur, BESTUUR_FIELDS)
        bestuur.naam, bestuur.provincie = rij.naam, rij.provincie
        bestuur.inwoners, bestuur.inwoners_peildatum, bestuur.inwoners_bron = _huidig_cijfer(bestuur, eigen)
        changes = {**diff(before, snapshot(bestuur, BESTUUR_FIELDS)), **cijfer_changes}
        if changes:
            gewijzigd.append((bestuur, changes))
            resultaat.namen_gewijzigd.append(rij.label)
        else:
            resultaat.ongewijzigd += 1
    if dry_run:
        return

    if nieuw:
        Bestuur.objects.bulk_create(nieuw)
        if any(bestuur.pk is None for bestuur in nieuw):  # a database that cannot return the new keys
            pks = dict(
                Bestuur.objects.filter(
                    land=eerste.land, soort=BestuurSoort.GEMEENTE, code__in=[b.code for b in nieuw]
                ).values_list("code", "pk")
            )
            for bestuur in nieuw:
                bestuur.pk = pks[bestuur.code]
    if gewijzigd:
        Bestuur.objects.bulk_update([bestuur for bestuur, _changes in gewijzigd], IMPORT_VELDEN)
    if nieuwe_cijfers:
        Bevolkingscijfer.objects.bulk_create(nieuwe_cijfers)  # takes the keys of the Besturen created above
    if gecorrigeerde_cijfers:
        Bevolkingscijfer.objects.bulk_update(gecorrigeerde_cijfers, ["inwoners", "bron", "ingelezen_op"])

    actor = door if door is not None and getattr(door, "is_authenticated", False) else None
    entries = [(bestuur, "aangemaakt", snapshot(bestuur, BESTUUR_FIELDS)) for bestuur in nieuw] + [
        (bestuur, "gewijzigd", changes) for bestuur, changes in gewijzigd
    ]
    ActionLog.objects.bulk_create(
        [
            ActionLog(
                actor=actor,
                actie=actie,
                content_type=content_type,
                object_id=str(bestuur.pk),
                object_repr=str(bestuur)[:255],
                wijzigingen=wijzigingen,
                reden=reden,
            )
            for bestuur, actie, wijzigingen in entries
        ]
    )


def import_besturen(bron, *, door, dry_run=False, grootte=None, naam=None):
    """Import municipalities from a CSV file (Flemish NIS codes or Dutch CBS codes, told apart by the header).

    `bron` is a binary file object or an iterable of byte lines or chunks; it is read as a stream. Rows are
    matched on (land, code, soort=gemeente): new ones are created, changed ones updated, each with an
    action-log entry; rows already up to date are left alone. A row's population is added as the figure of the
    file's peildatum (`Bevolkingscijfer`, with the format's source); a different value for a date that already
    has a figure corrects that figure (listed in `correcties`). The Bestuur's current population is the figure
    with the latest peildatum, so importing an earlier year keeps it. If any row is wrong, nothing is written and
    `BesturenImportGeweigerd` lists every problem. `dry_run` reports what would change and writes nothing.
    `grootte` is the file size in bytes when the caller knows it; a file above settings.IMPORT_MAX_BYTES is
    refused before it is read (and, when the size was not known, as soon as that many bytes have been read).
    """
    permissions.require_platform_admin(door)
    controleer_grootte(grootte if grootte is not None else _bron_grootte(bron))
    naam = naam or getattr(bron, "name", None)
    if naam:
        reden = _("Import uit %(bestand)s") % {"bestand": os.path.basename(str(naam))}
    else:
        reden = _("Import van gemeenten")
    content_type = ContentType.objects.get_for_model(Bestuur, for_concrete_model=False)

    lezer = GemeentenLezer(bron)
    resultaat = None
    with transaction.atomic():
        for batch in _in_batches(lezer.rijen(), IMPORT_BATCH):
            if resultaat is None:
                resultaat = ImportResultaat(formaat=lezer.formaat, dry_run=dry_run)
            resultaat.aantal += len(batch)
            if lezer.fouten:
                continue  # the file will be refused: keep reading only to report every problem
            _import_batch(
                batch, resultaat, door=door, dry_run=dry_run, reden=reden, content_type=content_type
            )
        if lezer.fouten:
            raise BesturenImportGeweigerd(lezer.fouten)
    return resultaat


@transaction.atomic
def invite_persoon(persoon, *, door):
    """Invite a person to an account: a one-time link by mail to set a password (expires, cannot be reused)."""
    from .tasks import send_uitnodiging  # tasks import this module

    if not is_system(door) and not permissions.can_invite(door, persoon):
        raise NotAllowed(_("U mag %(persoon)s niet uitnodigen.") % {"persoon": persoon})
    if not persoon.email:
        raise NotAllowed(_("%(persoon)s heeft geen e-mailadres; vul het eerst in.") % {"persoon": persoon})
    user = persoon.user
    if user is None:
        user = create_account(persoon, door=door)
    elif user.has_usable_password():
        raise NotAllowed(_("%(persoon)s heeft al een account en kan gewoon inloggen.") % {"persoon": persoon})
    log_action(door, "uitgenodigd", persoon, {"email": user.email})
    transaction.on_commit(lambda: send_uitnodiging.delay(user.pk), robust=True)
    sync_rollen(users=[user.pk], door=door, reden=_("account aangemaakt"))
    return user


def send_uitnodiging_mail(user):
    """Send the invitation mail with its one-time link (called by the Celery task)."""
    path = reverse(
        "account_activeren",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {
        "user": user,
        "link": absolute_url(path),
        "dagen": settings.PASSWORD_RESET_TIMEOUT // 86400,
    }
    send_mail(
        _("Uitnodiging voor Regioportaal"),
        render_to_string("besturen/mail/uitnodiging.txt", context),
        None,
        [user.email],
    )


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
