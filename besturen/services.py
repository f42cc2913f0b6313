"""Writes in besturen: every change to regions, governments, bodies, people and memberships goes through here.

Each service runs in one transaction and records an action-log entry.
"""
from django.db import transaction

from regioportaal.audit import diff, log_action, snapshot

from .models import Bestuur, Deelname, Lidmaatschap, Orgaan, Persoon, Regio

REGIO_FIELDS = ["naam", "slug", "land", "rechtsvorm", "beschrijving"]
BESTUUR_FIELDS = ["soort", "naam", "code", "land", "provincie", "inwoners", "inwoners_peildatum"]
ORGAAN_FIELDS = ["soort", "naam", "afkorting", "bestuur", "regio", "beschrijving"]
PERSOON_FIELDS = ["voornaam", "achternaam", "email"]
LIDMAATSCHAP_FIELDS = ["persoon", "orgaan", "rol", "namens", "begindatum", "einddatum"]


def _create(model, fields, door, values, reden=""):
    instance = model(**values)
    instance.full_clean()
    instance.save()
    log_action(door, "aangemaakt", instance, snapshot(instance, fields), reden)
    return instance


def _update(instance, fields, door, values, reden=""):
    before = snapshot(instance, fields)
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean()
    changes = diff(before, snapshot(instance, fields))
    if changes:
        instance.save()
        log_action(door, "gewijzigd", instance, changes, reden)
    return instance


@transaction.atomic
def create_regio(*, door, **values):
    return _create(Regio, REGIO_FIELDS, door, values)


@transaction.atomic
def update_regio(regio, *, door, **values):
    return _update(regio, REGIO_FIELDS, door, values)


@transaction.atomic
def create_bestuur(*, door, **values):
    return _create(Bestuur, BESTUUR_FIELDS, door, values)


@transaction.atomic
def update_bestuur(bestuur, *, door, **values):
    return _update(bestuur, BESTUUR_FIELDS, door, values)


@transaction.atomic
def add_deelname(regio, bestuur, *, begindatum, einddatum=None, door):
    """Make `bestuur` a member of `regio` from `begindatum`."""
    deelname = Deelname(regio=regio, bestuur=bestuur, begindatum=begindatum, einddatum=einddatum)
    deelname.full_clean()
    deelname.save()
    log_action(door, "deelname toegevoegd", regio, {"bestuur": str(bestuur), "begindatum": begindatum})
    return deelname


@transaction.atomic
def create_orgaan(*, door, **values):
    return _create(Orgaan, ORGAAN_FIELDS, door, values)


@transaction.atomic
def update_orgaan(orgaan, *, door, **values):
    return _update(orgaan, ORGAAN_FIELDS, door, values)


@transaction.atomic
def create_persoon(*, door, **values):
    return _create(Persoon, PERSOON_FIELDS, door, values)


@transaction.atomic
def add_lidmaatschap(*, persoon, orgaan, rol, begindatum, namens=None, einddatum=None, door, reden=""):
    """Give `persoon` a seat in `orgaan` with `rol` from `begindatum`."""
    return _create(
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


@transaction.atomic
def end_lidmaatschap(lidmaatschap, *, einddatum, door, reden=""):
    """End a seat on `einddatum` (the last day it counts)."""
    return _update(lidmaatschap, LIDMAATSCHAP_FIELDS, door, {"einddatum": einddatum}, reden)


@transaction.atomic
def create_account(persoon, *, password=None, door):
    """Give `persoon` a login account under their e-mail address (unusable password unless one is given)."""
    from django.contrib.auth import get_user_model

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
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser(email=email, password=password)
    log_action(door, "platformbeheerder aangemaakt", user, {"email": user.email})
    return user
