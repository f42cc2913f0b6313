"""Mergers in the admin: a read-only list, and the upload of a mergers file (beside the municipality import)."""

from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from regioportaal.admin import AlleenLezenMixin

from .admin_import import ImportAdminMixin, Lijst
from .import_fusies import import_fusies
from .models import Fusie
from .policies import FusiePolicy


@admin.register(Fusie)
class FusieAdmin(ImportAdminMixin, AlleenLezenMixin, admin.ModelAdmin):
    """Mergers are recorded by the import (or `manage.py import_fusies`), never edited here."""

    import_title = gettext_lazy("Fusies importeren")
    import_uitleg = gettext_lazy(
        "Leg fusies vast uit een CSV-bestand, één fusie per regel: de datum, de codes van de voorgangers, de naam en "
        "de code van de nieuwe gemeente (of de code van de voorganger die de andere opneemt). De deelnames aan "
        "regio's gaan op de fusiedatum over op de nieuwe gemeente. Een fusie die al vastligt, blijft ongewijzigd. "
        "Staat er één fout in het bestand, dan wordt niets vastgelegd."
    )
    bestand_uitleg = gettext_lazy(
        "UTF-8, met de kopregel datum,voorgangers,opvolger,opvolger_code; de codes van de voorgangers "
        "gescheiden door spaties."
    )
    dry_run_uitleg = gettext_lazy("Toont wat er zou worden vastgelegd, zonder iets op te slaan.")
    geweigerd = ngettext_lazy(
        "Er is niets vastgelegd: het bestand bevat %(aantal)d fout.",
        "Er is niets vastgelegd: het bestand bevat %(aantal)d fouten.",
        "aantal",
    )

    list_display = ["opvolger", "datum", "nieuw_bestuur", "vastgelegd_op"]
    list_filter = ["opvolger__land", "datum"]
    list_select_related = ["opvolger"]
    search_fields = ["opvolger__naam", "opvolger__code", "voorgangers__naam", "voorgangers__code"]
    fields = ["datum", "opvolger", "voorgangers", "nieuw_bestuur", "vastgelegd_op"]
    readonly_fields = fields

    def may_import(self, request):
        return FusiePolicy().may(request.user, "record", None)

    def run_import(self, bron, **kwargs):
        return import_fusies(bron, **kwargs)

    def proefdraai_lijsten(self, resultaat):
        return [Lijst(_("Zou worden vastgelegd"), resultaat.vastgelegd)]
