"""Calendar tokens are stored only as their SHA-256: the existing secrets are hashed in place, so the feed URLs
already handed out keep working (a feed is looked up by the hash of its URL's token)."""

import hashlib
import secrets

from django.db import migrations, models


def hash_tokens(apps, schema_editor):
    KalenderToken = apps.get_model("vergaderingen", "KalenderToken")
    for kalender in KalenderToken.objects.only("pk", "token_hash").iterator():
        kalender.token_hash = hashlib.sha256(kalender.token_hash.encode()).hexdigest()
        kalender.save(update_fields=["token_hash"])


def revoke_tokens(apps, schema_editor):
    """Going back cannot restore the secrets: every calendar link is revoked (a new random secret each)."""
    KalenderToken = apps.get_model("vergaderingen", "KalenderToken")
    for kalender in KalenderToken.objects.only("pk").iterator():
        kalender.token_hash = secrets.token_urlsafe(32)
        kalender.save(update_fields=["token_hash"])


class Migration(migrations.Migration):
    dependencies = [
        ("vergaderingen", "0002_agendapunt_programmaversie"),
    ]

    operations = [
        migrations.RenameField(model_name="kalendertoken", old_name="token", new_name="token_hash"),
        migrations.AlterField(
            model_name="kalendertoken",
            name="token_hash",
            field=models.CharField(max_length=64, unique=True),
        ),
        migrations.RunPython(hash_tokens, revoke_tokens),
    ]
