"""Admin of the strategy and the opgaven, for platform administrators; the portal's own screens use the services.

Commitments are read-only here: only their service locks the mandate and checks the remaining budget.
"""

from django.contrib import admin

from regioportaal.admin import AlleenLezenMixin

from .models import (
    Budgetregel,
    Capaciteit,
    Doelstelling,
    Indicator,
    IndicatorWaarde,
    Mandaat,
    Opgave,
    Portefeuillehouder,
    Strategie,
    Synergie,
    Thema,
    Verplichting,
    Voortgang,
    Waarde,
)


@admin.register(Strategie)
class StrategieAdmin(AlleenLezenMixin, admin.ModelAdmin):
    list_display = ["regio"]
    list_select_related = ["regio"]
    search_fields = ["regio__naam"]


@admin.register(Waarde)
class WaardeAdmin(AlleenLezenMixin, admin.ModelAdmin):
    list_display = ["naam", "regio", "volgorde"]
    list_filter = ["regio"]
    list_select_related = ["regio"]
    search_fields = ["naam", "tekst"]


@admin.register(Doelstelling)
class DoelstellingAdmin(AlleenLezenMixin, admin.ModelAdmin):
    list_display = ["nummer", "titel", "regio"]
    list_display_links = ["titel"]
    list_filter = ["regio"]
    list_select_related = ["regio"]
    search_fields = ["titel", "beschrijving"]


@admin.register(Thema)
class ThemaAdmin(AlleenLezenMixin, admin.ModelAdmin):
    list_display = ["naam", "regio", "transversaal"]
    list_filter = ["transversaal", "regio"]
    list_select_related = ["regio"]
    search_fields = ["naam"]


@admin.register(Portefeuillehouder)
class PortefeuillehouderAdmin(AlleenLezenMixin, admin.ModelAdmin):
    list_display = ["persoon", "thema", "opgave", "begindatum", "einddatum", "regio"]
    list_filter = ["regio"]
    list_select_related = ["persoon", "thema", "opgave", "regio"]


class AlleenLezenInline(AlleenLezenMixin, admin.TabularInline):
    """The parts of an object in rows under it, read-only, without empty rows to fill in."""

    extra = 0


class IndicatorInline(AlleenLezenInline):
    model = Indicator


class BudgetregelInline(AlleenLezenInline):
    model = Budgetregel


class CapaciteitInline(AlleenLezenInline):
    model = Capaciteit
    raw_id_fields = ["bestuur"]


@admin.register(Opgave)
class OpgaveAdmin(AlleenLezenMixin, admin.ModelAdmin):
    list_display = ["titel", "regio", "status", "gepubliceerd"]
    list_filter = ["status", "gepubliceerd", "regio"]
    list_select_related = ["regio"]
    search_fields = ["titel", "samenvatting", "doel"]
    raw_id_fields = ["opdrachtgever", "stuurgroep"]
    filter_horizontal = ["doelstellingen", "themas"]
    inlines = [IndicatorInline, BudgetregelInline, CapaciteitInline]


class VerplichtingInline(AlleenLezenInline):
    model = Verplichting
    can_delete = False
    fields = ["datum", "bedrag", "omschrijving", "vastgelegd_door"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Mandaat)
class MandaatAdmin(AlleenLezenMixin, admin.ModelAdmin):
    list_display = ["opgave", "houder", "budgetplafond", "begindatum", "einddatum"]
    list_select_related = ["opgave", "houder__persoon", "houder__orgaan"]
    search_fields = ["opgave__titel", "besluit_referentie"]
    raw_id_fields = ["opgave", "houder", "verleend_door"]
    inlines = [VerplichtingInline]


@admin.register(Verplichting)
class VerplichtingAdmin(AlleenLezenMixin, admin.ModelAdmin):
    list_display = ["datum", "omschrijving", "bedrag", "mandaat"]
    list_select_related = ["mandaat__opgave"]
    search_fields = ["omschrijving", "mandaat__opgave__titel"]
    readonly_fields = ["mandaat", "datum", "bedrag", "omschrijving", "vastgelegd_door"]

    def has_add_permission(self, request):
        return False


@admin.register(Synergie)
class SynergieAdmin(AlleenLezenMixin, admin.ModelAdmin):
    list_display = ["van", "naar", "reden"]
    list_select_related = ["van", "naar"]
    search_fields = ["van__titel", "naar__titel", "reden"]
    raw_id_fields = ["van", "naar"]


class IndicatorWaardeInline(AlleenLezenInline):
    model = IndicatorWaarde
    raw_id_fields = ["indicator"]


@admin.register(Voortgang)
class VoortgangAdmin(AlleenLezenMixin, admin.ModelAdmin):
    list_display = ["opgave", "periode_eind", "status", "besteed"]
    list_filter = ["status"]
    list_select_related = ["opgave"]
    search_fields = ["opgave__titel", "toelichting"]
    raw_id_fields = ["opgave", "auteur"]
    inlines = [IndicatorWaardeInline]
