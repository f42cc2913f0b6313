"""What every besturen service shares: the audit fields of each model and the create/update steps that log them."""

from regioportaal.audit import diff, log_action, snapshot

from ..models import Orgaan, Regio

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
LIDMAATSCHAP_FIELDS = [
    "persoon",
    "orgaan",
    "rol",
    "namens",
    "externe_partij",
    "begindatum",
    "einddatum",
    "aanstellingsbesluit",
    "geplande_einddatum",
]
EXTERNE_PARTIJ_FIELDS = ["naam", "soort", "website", "email"]


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
