"""One Bevolkingscijfer per existing Bestuur with a population, so the history starts with today's figure.

The source is taken from the import format the figure came from (the municipality files of data/: Flemish
municipalities on 1 January 2020 from Statbel, Dutch ones on 1 January 2021 from CBS); any other figure gets
"onbekend". The values are written out here, not imported from besturen.imports, so the migration does not change
when the import does.
"""

import datetime

from django.db import migrations

BRON_ONBEKEND = "onbekend"
BRONNEN = {
    # (land, soort, peildatum) of an import format -> its source
    ("BE", "gemeente", datetime.date(2020, 1, 1)): "Statbel 2020",
    ("NL", "gemeente", datetime.date(2021, 1, 1)): "CBS 2021",
}
BATCH = 500


def vul_bevolkingscijfers(apps, schema_editor):
    Bestuur = apps.get_model("besturen", "Bestuur")
    Bevolkingscijfer = apps.get_model("besturen", "Bevolkingscijfer")
    besturen = list(Bestuur.objects.filter(inwoners__isnull=False).order_by("pk"))
    for begin in range(0, len(besturen), BATCH):
        _vul(Bestuur, Bevolkingscijfer, besturen[begin : begin + BATCH])


def _vul(Bestuur, Bevolkingscijfer, besturen):
    cijfers, gewijzigd = [], []
    for bestuur in besturen:
        bron = bestuur.inwoners_bron or BRONNEN.get(
            (bestuur.land, bestuur.soort, bestuur.inwoners_peildatum), BRON_ONBEKEND
        )
        if bestuur.inwoners_bron != bron:
            bestuur.inwoners_bron = bron
            gewijzigd.append(bestuur)
        cijfers.append(
            Bevolkingscijfer(
                bestuur_id=bestuur.pk,
                inwoners=bestuur.inwoners,
                peildatum=bestuur.inwoners_peildatum,
                bron=bron,
            )
        )
    Bevolkingscijfer.objects.bulk_create(cijfers, ignore_conflicts=True)
    Bestuur.objects.bulk_update(gewijzigd, ["inwoners_bron"])


class Migration(migrations.Migration):
    dependencies = [
        ("besturen", "0002_bevolkingscijfer"),
    ]

    operations = [
        migrations.RunPython(vul_bevolkingscijfers, migrations.RunPython.noop, elidable=True),
    ]
