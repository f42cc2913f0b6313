import os

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from besturen.imports import BesturenImportGeweigerd, check_size
from besturen.services import import_besturen


class Command(BaseCommand):
    @property
    def help(self):
        # Translated when the parser is built (argparse cannot handle a lazy string).
        return _(
            "Importeert gemeenten uit een CSV-bestand: Vlaamse gemeenten (kopregel "
            "nis_code,naam,provincie,referentieregio,inwoners) of Nederlandse gemeenten (kopregel "
            "cbs_code,naam,provincie,inwoners). Bestaande gemeenten worden bijgewerkt op land en code. "
            "Het aantal inwoners wordt toegevoegd als bevolkingscijfer op de peildatum van het bestand, met "
            "zijn bron; het huidige aantal is het cijfer met de laatste peildatum. "
            "Bij één foute regel wordt niets geïmporteerd."
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
            check_size(grootte)
            with open(bestand, "rb") as bron:
                resultaat = import_besturen(bron, door=None, dry_run=dry_run, grootte=grootte, naam=bestand)
        except BesturenImportGeweigerd as geweigerd:
            for fout in geweigerd.fouten:
                self.stderr.write(str(fout))
            raise CommandError(
                ngettext(
                    "Niets geïmporteerd: %(aantal)d fout in %(bestand)s.",
                    "Niets geïmporteerd: %(aantal)d fouten in %(bestand)s.",
                    len(geweigerd.fouten),
                )
                % {"aantal": len(geweigerd.fouten), "bestand": bestand}
            ) from None

        if dry_run:
            for label in resultaat.namen_aangemaakt:
                self.stdout.write(_("  nieuw: %(gemeente)s") % {"gemeente": label})
            for label in resultaat.namen_gewijzigd:
                self.stdout.write(_("  gewijzigd: %(gemeente)s") % {"gemeente": label})
        for correctie in resultaat.correcties:
            self.stdout.write(
                self.style.WARNING(
                    _("  bevolkingscijfer gecorrigeerd: %(correctie)s") % {"correctie": correctie}
                )
            )
        self.stdout.write(self.style.SUCCESS(resultaat.samenvatting()))
