"""One person, one record: an e-mail address belongs to one person (case-insensitive); one open-ended seat per person,
body and role (the database's share of "no overlapping seats"). 0004 merged what would break them."""

import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('besturen', '0004_personen_samenvoegen'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='lidmaatschap',
            constraint=models.UniqueConstraint(condition=models.Q(('einddatum__isnull', True)), fields=('persoon', 'orgaan', 'rol'), name='lidmaatschap_een_open_zetel_per_rol', violation_error_message='Deze persoon heeft in dit orgaan al een zetel met deze rol.'),
        ),
        migrations.AddConstraint(
            model_name='persoon',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('email'), condition=models.Q(('email', ''), _negated=True), name='persoon_email_uniek', violation_error_message='Er is al een persoon met dit e-mailadres.'),
        ),
    ]
