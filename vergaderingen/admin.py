"""Read-mostly admin: writes go through the services (and the pages), so the admin only shows."""

from django.contrib import admin

from regioportaal.admin import AlleenLezenMixin

from .models import Agendapunt, Bijeenkomst, Document, Inschrijving, Vergadering, Werksessie


class AgendapuntInline(admin.TabularInline):
    model = Agendapunt
    fk_name = "vergadering"
    fields = ["volgnummer", "titel", "openbaar", "status", "addendum"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Vergadering)
class VergaderingAdmin(AlleenLezenMixin, admin.ModelAdmin):
    list_display = ["orgaan", "begin", "status"]
    list_filter = ["status"]
    search_fields = ["orgaan__naam"]
    date_hierarchy = "begin"
    inlines = [AgendapuntInline]


@admin.register(Document)
class DocumentAdmin(AlleenLezenMixin, admin.ModelAdmin):
    list_display = ["naam", "soort", "grootte", "tijdstip"]
    exclude = ["bestand"]


@admin.register(Bijeenkomst)
class BijeenkomstAdmin(AlleenLezenMixin, admin.ModelAdmin):
    list_display = ["naam", "regio", "datum", "locatie", "inschrijven_tot"]


@admin.register(Werksessie)
class WerksessieAdmin(AlleenLezenMixin, admin.ModelAdmin):
    list_display = ["thema", "blok", "capaciteit", "facilitator"]


@admin.register(Inschrijving)
class InschrijvingAdmin(AlleenLezenMixin, admin.ModelAdmin):
    list_display = ["user", "bijeenkomst", "bestuur", "tijdstip"]
    list_select_related = ["user", "bijeenkomst", "bestuur"]
