import os

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from besturen.import_fusies import import_fusies
from besturen.import_stream import BesturenImportGeweigerd


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Legt fusies vast uit een CSV-bestand met de kopregel datum,voorgangers,opvolger,opvolger_code "
            "(voorgangers: codes gescheiden door spaties). Bij één foute regel wordt niets vastgelegd; een fusie "
            "die al vastligt, blijft ongewijzigd."
        )

    def add_arguments(self, parser):
        parser.add_argument("bestand", help=_("pad naar het CSV-bestand (UTF-8)"))
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("alleen controleren en tonen wat er zou veranderen; er wordt niets opgeslagen"),
        )

    def handle(self, *args, bestand, dry_run, **options):
        try:
            grootte = os.stat(bestand).st_size
        except OSError as fout:
            raise CommandError(
                _("Kan %(bestand)s niet lezen: %(reden)s") % {"bestand": bestand, "reden": fout.strerror}
            ) from fout
        try:
            with open(bestand, "rb") as bron:
                resultaat = import_fusies(
                    bron, door=None, dry_run=dry_run, grootte=grootte, naam=os.path.basename(bestand)
                )
        except BesturenImportGeweigerd as geweigerd:
            for fout in geweigerd.fouten:
                self.stderr.write(str(fout))
            raise CommandError(
                ngettext(
                    "Niets vastgelegd: %(aantal)d fout in %(bestand)s.",
                    "Niets vastgelegd: %(aantal)d fouten in %(bestand)s.",
                    len(geweigerd.fouten),
                )
                % {"aantal": len(geweigerd.fouten), "bestand": bestand}
            ) from None
        for label in resultaat.vastgelegd:
            self.stdout.write(("  " + _("nieuw: %(fusie)s")) % {"fusie": label})
        self.stdout.write(self.style.SUCCESS(resultaat.samenvatting()))
