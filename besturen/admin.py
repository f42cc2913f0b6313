from django.contrib import admin

from .models import Bestuur, Deelname, Lidmaatschap, Orgaan, Persoon, Regio


class DeelnameInline(admin.TabularInline):
    model = Deelname
    extra = 0
    autocomplete_fields = ["bestuur"]


@admin.register(Regio)
class RegioAdmin(admin.ModelAdmin):
    list_display = ["naam", "land", "rechtsvorm"]
    list_filter = ["land", "rechtsvorm"]
    search_fields = ["naam"]
    prepopulated_fields = {"slug": ["naam"]}
    inlines = [DeelnameInline]


@admin.register(Bestuur)
class BestuurAdmin(admin.ModelAdmin):
    list_display = ["naam", "soort", "code", "land", "provincie", "inwoners", "inwoners_peildatum"]
    list_filter = ["soort", "land", "provincie"]
    search_fields = ["naam", "code"]


@admin.register(Deelname)
class DeelnameAdmin(admin.ModelAdmin):
    list_display = ["regio", "bestuur", "begindatum", "einddatum"]
    list_filter = ["regio"]
    list_select_related = ["regio", "bestuur"]
    autocomplete_fields = ["bestuur"]


@admin.register(Orgaan)
class OrgaanAdmin(admin.ModelAdmin):
    list_display = ["naam", "soort", "regio", "bestuur"]
    list_filter = ["soort", "regio"]
    list_select_related = ["regio", "bestuur"]
    search_fields = ["naam", "afkorting"]
    autocomplete_fields = ["bestuur"]


@admin.register(Persoon)
class PersoonAdmin(admin.ModelAdmin):
    list_display = ["achternaam", "voornaam", "email", "user"]
    search_fields = ["achternaam", "voornaam", "email"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(admin.ModelAdmin):
    list_display = ["persoon", "orgaan", "rol", "namens", "begindatum", "einddatum"]
    list_filter = ["rol", "orgaan__regio"]
    list_select_related = ["persoon", "orgaan", "namens"]
    autocomplete_fields = ["persoon", "orgaan", "namens"]
