"""What `import_besturen` and `import_fusies` share: the file argument, `--dry-run`, and refusal with every error."""

import os

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from besturen.import_stream import BesturenImportGeweigerd


class ImportCommand(BaseCommand):
    """Reads one CSV file in one transaction; on any error prints each one and changes nothing."""

    def add_arguments(self, parser):
        parser.add_argument("bestand", help=_("pad naar het CSV-bestand (UTF-8)"))
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("alleen controleren en tonen wat er zou veranderen; er wordt niets opgeslagen"),
        )

    def run_import(self, bron, *, grootte, naam, dry_run):
        """Import the open file `bron`; return the result (with `samenvatting()`)."""
        raise NotImplementedError

    def refused(self, aantal, bestand):
        """The sentence that says nothing was written because of `aantal` errors."""
        raise NotImplementedError

    def report(self, resultaat, dry_run):
        """Write the lines before the summary."""

    def handle(self, *args, bestand, dry_run, **options):
        try:
            grootte = os.stat(bestand).st_size
        except OSError as fout:
            raise CommandError(
                _("Kan %(bestand)s niet lezen: %(reden)s") % {"bestand": bestand, "reden": fout.strerror}
            ) from fout
        try:
            with open(bestand, "rb") as bron:
                resultaat = self.run_import(bron, grootte=grootte, naam=bestand, dry_run=dry_run)
        except BesturenImportGeweigerd as geweigerd:
            for fout in geweigerd.fouten:
                self.stderr.write(str(fout))
            raise CommandError(self.refused(len(geweigerd.fouten), bestand)) from None
        self.report(resultaat, dry_run)
        self.stdout.write(self.style.SUCCESS(resultaat.samenvatting()))
