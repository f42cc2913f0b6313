import os

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from besturen.import_fusies import import_fusies

from ._importeren import ImportCommand


class Command(ImportCommand):
    @property
    def help(self):
        return _(
            "Legt fusies vast uit een CSV-bestand met de kopregel datum,voorgangers,opvolger,opvolger_code "
            "(voorgangers: codes gescheiden door spaties). Bij één foute regel wordt niets vastgelegd; een fusie "
            "die al vastligt, blijft ongewijzigd."
        )

    def run_import(self, bron, *, grootte, naam, dry_run):
        return import_fusies(bron, door=None, dry_run=dry_run, grootte=grootte, naam=os.path.basename(naam))

    def refused(self, aantal, bestand):
        return ngettext(
            "Niets vastgelegd: %(aantal)d fout in %(bestand)s.",
            "Niets vastgelegd: %(aantal)d fouten in %(bestand)s.",
            aantal,
        ) % {"aantal": aantal, "bestand": bestand}

    def report(self, resultaat, dry_run):
        for label in resultaat.vastgelegd:
            self.stdout.write(("  " + _("nieuw: %(fusie)s")) % {"fusie": label})
