"""One person, one record: persons that share an e-mail address (whatever its case) are merged into the oldest.

Before the unique constraints of 0005 can hold, this migration

1. merges every group of persons with one e-mail address into the oldest (lowest id): every reference to a
   duplicate (every foreign key, one-to-one and many-to-many relation to Persoon, found through
   `Persoon._meta.related_objects`, so relations added by other apps are included) moves to the oldest; the oldest
   takes over a duplicate's account when it has none (a second account stays, unlinked); then the duplicates go;
2. leaves at most one open-ended seat per person, body and role: an exact copy (same Bestuur, same begindatum) is
   deleted, any other earlier open seat ends on the day the next one begins.

Every merge and every seat changed is written to the action log (actions "samengevoegd", "zetel verwijderd",
"zetel beëindigd") and
to the `besturen.migrations` logger. Role groups follow on the next `manage.py sync_rollen` (daily).
Irreversible: the reverse does nothing.
"""

import logging

from django.db import migrations
from django.db.models import Count
from django.db.models.functions import Lower

logger = logging.getLogger("besturen.migrations")

REDEN = "één persoon, één record (migratie besturen 0004)"


class _Log:
    """Writes action-log entries with the historical models (the system acts: no actor)."""

    def __init__(self, apps):
        self.ActionLog = apps.get_model("regioportaal", "ActionLog")
        ContentType = apps.get_model("contenttypes", "ContentType")
        self.types = {
            model: ContentType.objects.get_or_create(app_label="besturen", model=model)[0]
            for model in ("persoon", "lidmaatschap")
        }

    def __call__(self, actie, model, obj_id, repr_, wijzigingen):
        self.ActionLog.objects.create(
            actor=None,
            actie=actie,
            content_type=self.types[model],
            object_id=str(obj_id),
            object_repr=repr_[:255],
            wijzigingen=wijzigingen,
            reden=REDEN,
        )


def _move_references(Persoon, bewaard, dubbel):
    """Point every relation to `dubbel` at `bewaard`; returns {relation: number moved}."""
    verplaatst = {}
    for rel in Persoon._meta.related_objects:
        Model, veld = rel.related_model, rel.field.name
        if rel.many_to_many:
            objecten = list(Model._default_manager.filter(**{veld: dubbel}))
            for obj in objecten:
                getattr(obj, veld).remove(dubbel)
                getattr(obj, veld).add(bewaard)
            aantal = len(objecten)
        elif rel.one_to_one:
            if Model._default_manager.filter(**{veld: bewaard}).exists():
                aantal = 0  # the oldest already has one; the duplicate's follows its on_delete
            else:
                aantal = Model._default_manager.filter(**{veld: dubbel}).update(**{veld: bewaard})
        else:
            aantal = Model._default_manager.filter(**{veld: dubbel}).update(**{veld: bewaard})
        if aantal:
            verplaatst[f"{Model._meta.label_lower}.{veld}"] = aantal
    return verplaatst


def _merge(Persoon, log, personen):
    bewaard, *dubbelen = personen
    for dubbel in dubbelen:
        dubbel_pk = dubbel.pk
        verplaatst = _move_references(Persoon, bewaard, dubbel)
        account = None
        if dubbel.user_id and not bewaard.user_id:
            account = bewaard.user_id = dubbel.user_id
            dubbel.user_id = None
            dubbel.save(update_fields=["user"])
            bewaard.save(update_fields=["user"])
        wijzigingen = {
            "samengevoegd_uit": dubbel_pk,
            "email": dubbel.email,
            "naam": f"{dubbel.voornaam} {dubbel.achternaam}",
            "verplaatst": verplaatst,
            "account_overgenomen": account,
            "account_ontkoppeld": dubbel.user_id,
        }
        dubbel.delete()
        log("samengevoegd", "persoon", bewaard.pk, f"{bewaard.voornaam} {bewaard.achternaam}", wijzigingen)
        logger.warning(
            "Persoon %s samengevoegd in %s (zelfde e-mailadres): %s; account overgenomen: %s, ontkoppeld: %s",
            dubbel_pk,
            bewaard.pk,
            verplaatst or "geen verwijzingen",
            account,
            wijzigingen["account_ontkoppeld"],
        )


def merge_personen(Persoon, log):
    sleutels = (
        Persoon.objects.exclude(email="")
        .annotate(sleutel=Lower("email"))
        .values("sleutel")
        .annotate(aantal=Count("pk"))
        .filter(aantal__gt=1)
        .values_list("sleutel", flat=True)
    )
    for sleutel in list(sleutels):
        personen = list(
            Persoon.objects.annotate(sleutel=Lower("email")).filter(sleutel=sleutel).order_by("pk")
        )
        _merge(Persoon, log, personen)


def merge_open_zetels(Lidmaatschap, log):
    groepen = (
        Lidmaatschap.objects.filter(einddatum__isnull=True)
        .values("persoon", "orgaan", "rol")
        .annotate(aantal=Count("pk"))
        .filter(aantal__gt=1)
    )
    for groep in list(groepen):
        zetels = list(
            Lidmaatschap.objects.filter(
                einddatum__isnull=True, persoon=groep["persoon"], orgaan=groep["orgaan"], rol=groep["rol"]
            ).order_by("begindatum", "pk")
        )
        gehouden = []
        for zetel in zetels:
            waarden = {
                "persoon": zetel.persoon_id,
                "orgaan": zetel.orgaan_id,
                "rol": zetel.rol,
                "namens": zetel.namens_id,
                "begindatum": zetel.begindatum.isoformat(),
            }
            if any((z.namens_id, z.begindatum) == (zetel.namens_id, zetel.begindatum) for z in gehouden):
                zetel_pk = zetel.pk
                zetel.delete()
                log("zetel verwijderd", "lidmaatschap", zetel_pk, "", waarden)
                logger.warning("Dubbele zetel %s verwijderd: %s", zetel_pk, waarden)
            else:
                gehouden.append(zetel)
        for vorige, volgende in zip(gehouden, gehouden[1:], strict=False):
            vorige.einddatum = volgende.begindatum
            vorige.save(update_fields=["einddatum"])
            waarden = {"einddatum": [None, vorige.einddatum.isoformat()], "opgevolgd_door": volgende.pk}
            log("zetel beëindigd", "lidmaatschap", vorige.pk, "", waarden)
            logger.warning(
                "Open zetel %s beëindigd op %s (opgevolgd door %s)", vorige.pk, vorige.einddatum, volgende.pk
            )


def forwards(apps, schema_editor):
    log = _Log(apps)
    merge_personen(apps.get_model("besturen", "Persoon"), log)
    merge_open_zetels(apps.get_model("besturen", "Lidmaatschap"), log)


class Migration(migrations.Migration):
    dependencies = [
        ("besturen", "0003_bevolkingscijfers_bestaande_besturen"),
        ("regioportaal", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
