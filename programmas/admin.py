"""Admin of programmas: the region's rules (also on the secretariat's settings page) go through update_regeling;
the cycle itself only through its services.

Versions, lines, council decisions, questions and review packets are shown read-only (their writes check permissions,
lock rows and write the action log in services.py); a council decision's registrations are its history and evidence.
"""

from django.contrib import admin

from regioportaal.admin import AlleenLezenMixin

from . import services
from .models import (
    Bijdrage,
    Jaarprogramma,
    Programmaregel,
    Programmaregeling,
    Raadsbesluit,
    Registratie,
    Reviewpakket,
    VasteBijdrage,
    Versie,
    Vraag,
)


class ReadOnlyMixin(AlleenLezenMixin):
    """Show everything (the id and timestamps too), change nothing: these rows change through the services only."""

    show_all_fields = True


@admin.register(Programmaregeling)
class ProgrammaregelingAdmin(admin.ModelAdmin):
    """How a region decides on its programme and splits the cost; each change lands in the action log."""

    list_display = ["regio", "procedure", "beslisregel", "sleutel", "bestuursorgaan"]
    list_filter = ["procedure", "beslisregel", "sleutel"]
    list_select_related = ["regio", "bestuursorgaan"]
    search_fields = ["regio__naam"]
    autocomplete_fields = ["regio", "bestuursorgaan"]

    def save_model(self, request, obj, form, change):
        """Through the same service as the secretariat's settings page (permission, validation, action log, and
        per-inhabitant lines of unfrozen versions follow a new rate)."""
        velden = {
            naam: form.cleaned_data[naam] for naam in services.REGELING_VELDEN if naam in form.cleaned_data
        }
        regeling = services.update_regeling(obj.regio, door=request.user, **velden)
        obj.pk = regeling.pk


class VersieInline(ReadOnlyMixin, admin.TabularInline):
    model = Versie
    fields = ["nummer", "status", "vastgesteld_op", "voorgelegd_op", "deadline", "openbaar"]
    show_change_link = True
    extra = 0


@admin.register(Jaarprogramma)
class JaarprogrammaAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["__str__", "regio", "jaar"]
    list_filter = ["jaar", "regio"]
    list_select_related = ["regio"]
    inlines = [VersieInline]


class RegelInline(ReadOnlyMixin, admin.TabularInline):
    model = Programmaregel
    fields = ["opgave", "bedrag", "capaciteit_uren", "sleutel"]
    show_change_link = True
    extra = 0


class RaadsbesluitInline(ReadOnlyMixin, admin.TabularInline):
    model = Raadsbesluit
    fields = ["bestuur", "raad", "deadline", "uitkomst"]
    show_change_link = True
    extra = 0


@admin.register(Versie)
class VersieAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["__str__", "status", "vastgesteld_op", "voorgelegd_op", "deadline", "openbaar"]
    list_filter = ["status", "jaarprogramma__regio"]
    list_select_related = ["jaarprogramma__regio"]
    inlines = [RegelInline, RaadsbesluitInline]


class VasteBijdrageInline(ReadOnlyMixin, admin.TabularInline):
    model = VasteBijdrage
    extra = 0


@admin.register(Programmaregel)
class ProgrammaregelAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["opgave", "versie", "bedrag", "capaciteit_uren", "sleutel"]
    list_select_related = ["opgave", "versie__jaarprogramma__regio"]
    inlines = [VasteBijdrageInline]


@admin.register(VasteBijdrage)
class VasteBijdrageAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["regel", "bestuur", "bedrag"]
    list_select_related = ["regel__opgave", "bestuur"]


class RegistratieInline(ReadOnlyMixin, admin.TabularInline):
    model = Registratie
    fields = [
        "tijdstip",
        "uitkomst",
        "datum_raad",
        "stemmen_voor",
        "stemmen_tegen",
        "correctie",
        "reden",
        "door",
    ]
    extra = 0
    ordering = ["tijdstip", "id"]


@admin.register(Raadsbesluit)
class RaadsbesluitAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["bestuur", "versie", "deadline", "uitkomst"]
    list_filter = ["uitkomst", "versie__jaarprogramma__regio"]
    list_select_related = ["bestuur", "versie__jaarprogramma__regio"]
    search_fields = ["bestuur__naam"]
    inlines = [RegistratieInline]


@admin.register(Registratie)
class RegistratieAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """The history of council decisions, corrections included: evidence, read-only."""

    list_display = ["tijdstip", "besluit", "uitkomst", "datum_raad", "correctie", "door"]
    list_filter = ["uitkomst", "correctie"]
    list_select_related = ["besluit__bestuur", "besluit__versie__jaarprogramma__regio", "door"]
    date_hierarchy = "tijdstip"


@admin.register(Vraag)
class VraagAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["__str__", "versie", "bestuur", "gesteld_op", "beantwoord_op"]
    list_select_related = ["versie__jaarprogramma__regio", "bestuur"]
    search_fields = ["tekst", "antwoord"]


@admin.register(Reviewpakket)
class ReviewpakketAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["versie", "bestuur", "status", "aangevraagd_op", "klaar_op"]
    list_filter = ["status"]
    list_select_related = ["versie__jaarprogramma__regio", "bestuur"]


@admin.register(Bijdrage)
class BijdrageAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """The stored split of frozen versions: evidence of what the councils decided on."""

    list_display = ["versie", "regel", "bestuur", "inwoners", "peildatum", "sleutel", "centen"]
    list_select_related = ["versie__jaarprogramma__regio", "regel__opgave", "bestuur"]
    search_fields = ["bestuur__naam"]
