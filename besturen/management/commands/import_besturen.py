from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from besturen.imports import check_size
from besturen.services import import_besturen

from ._importeren import ImportCommand


class Command(ImportCommand):
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

    def run_import(self, bron, *, grootte, naam, dry_run):
        check_size(grootte)
        return import_besturen(bron, door=None, dry_run=dry_run, grootte=grootte, naam=naam)

    def refused(self, aantal, bestand):
        return ngettext(
            "Niets geïmporteerd: %(aantal)d fout in %(bestand)s.",
            "Niets geïmporteerd: %(aantal)d fouten in %(bestand)s.",
            aantal,
        ) % {"aantal": aantal, "bestand": bestand}

    def report(self, resultaat, dry_run):
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
