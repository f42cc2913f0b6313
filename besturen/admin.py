from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regioportaal.admin import AlleenLezenMixin, ViaServicesAdmin

from . import services
from .admin_import import ImportAdminMixin, Lijst
from .models import Bestuur, Bevolkingscijfer, Deelname, ExternePartij, Lidmaatschap, Orgaan, Persoon, Regio
from .services import import_besturen

CORRECTIES_GETOOND = 50
BEVOLKING_VELDEN = ["inwoners", "inwoners_peildatum", "inwoners_bron"]


class AlleenLezenInlinesAdmin(ViaServicesAdmin):
    """A services admin with read-only inlines: their formsets save nothing, but the admin's change message still
    reads what they saved, so give it empty lists (without them a change with an inline on the page fails)."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


class BevolkingscijferInline(AlleenLezenMixin, admin.TabularInline):
    """The population history: figures come from the municipality import, they are not edited here."""

    model = Bevolkingscijfer
    extra = 0
    fields = ["peildatum", "inwoners", "bron", "ingelezen_op"]
    readonly_fields = fields


class DeelnameInline(AlleenLezenMixin, admin.TabularInline):
    model = Deelname
    extra = 0
    fields = ["bestuur", "begindatum", "einddatum"]


@admin.register(Regio)
class RegioAdmin(AlleenLezenInlinesAdmin):
    list_display = ["naam", "land", "rechtsvorm"]
    list_filter = ["land", "rechtsvorm"]
    search_fields = ["naam"]
    prepopulated_fields = {"slug": ["naam"]}
    inlines = [DeelnameInline]

    def create(self, request, values):
        return services.create_regio(door=request.user, **values)

    def update(self, request, instance, values):
        return services.update_regio(instance, door=request.user, **values)


@admin.register(Bestuur)
class BestuurAdmin(ImportAdminMixin, AlleenLezenInlinesAdmin):
    import_title = gettext_lazy("Gemeenten importeren")
    import_uitleg = gettext_lazy(
        "Importeer gemeenten uit een CSV-bestand: Vlaamse gemeenten met hun NIS-code of Nederlandse gemeenten met "
        "hun CBS-code. Bestaande gemeenten worden bijgewerkt op land en code, nieuwe worden aangemaakt. Het aantal "
        "inwoners wordt toegevoegd als bevolkingscijfer op de peildatum van het bestand, met zijn bron; eerdere "
        "cijfers blijven bewaard. Het huidige aantal inwoners is het cijfer met de laatste peildatum. Staat er "
        "één fout in het bestand, dan wordt niets geïmporteerd."
    )
    bestand_uitleg = gettext_lazy(
        "UTF-8, met de kopregel nis_code,naam,provincie,referentieregio,inwoners (Vlaamse gemeenten) "
        "of cbs_code,naam,provincie,inwoners (Nederlandse gemeenten)."
    )
    dry_run_uitleg = gettext_lazy("Toont wat er zou veranderen, zonder iets op te slaan.")

    list_display = [
        "naam",
        "soort",
        "code",
        "land",
        "provincie",
        "inwoners",
        "inwoners_peildatum",
        "inwoners_bron",
    ]
    list_filter = ["soort", "land", "provincie"]
    search_fields = ["naam", "code"]
    inlines = [BevolkingscijferInline]

    def get_readonly_fields(self, request, obj=None):
        # The current population follows the history (the latest figure); a change comes with an import.
        return BEVOLKING_VELDEN if obj else []

    def create(self, request, values):
        return services.create_bestuur(door=request.user, **values)

    def update(self, request, instance, values):
        return services.update_bestuur(instance, door=request.user, **values)

    def may_import(self, request):
        return self.has_add_permission(request)

    def run_import(self, bron, **kwargs):
        return import_besturen(bron, **kwargs)

    def report_import(self, request, resultaat):
        super().report_import(request, resultaat)
        if resultaat.correcties:
            messages.warning(request, self._correcties_bericht(resultaat.correcties))

    def proefdraai_lijsten(self, resultaat):
        return [
            Lijst(_("Zou worden aangemaakt"), resultaat.namen_aangemaakt),
            Lijst(_("Zou worden gewijzigd"), resultaat.namen_gewijzigd),
            Lijst(
                _("Bevolkingscijfers die zouden worden gecorrigeerd"),
                resultaat.correcties,
                _("Voor deze gemeenten staat er al een ander aantal inwoners op dezelfde peildatum."),
                "correcties",
            ),
        ]

    @staticmethod
    def _correcties_bericht(correcties):
        getoond = "; ".join(str(correctie) for correctie in correcties[:CORRECTIES_GETOOND])
        if len(correcties) > CORRECTIES_GETOOND:
            getoond += " …"
        return _("Gecorrigeerde bevolkingscijfers (ander aantal voor dezelfde peildatum): %(correcties)s") % {
            "correcties": getoond
        }


@admin.register(Deelname)
class DeelnameAdmin(ViaServicesAdmin):
    """Add a participation, or end it (set its end date); the rest of a participation does not change."""

    list_display = ["regio", "bestuur", "begindatum", "einddatum"]
    list_filter = ["regio"]
    list_select_related = ["regio", "bestuur"]
    autocomplete_fields = ["bestuur"]

    def get_readonly_fields(self, request, obj=None):
        return ["regio", "bestuur", "begindatum"] if obj else []

    def create(self, request, values):
        return services.add_deelname(
            values["regio"],
            values["bestuur"],
            begindatum=values["begindatum"],
            einddatum=values["einddatum"],
            door=request.user,
        )

    def update(self, request, instance, values):
        if "einddatum" in values:
            services.end_deelname(instance, einddatum=values["einddatum"], door=request.user, reden="beheer")
        return instance


@admin.register(Orgaan)
class OrgaanAdmin(ViaServicesAdmin):
    list_display = ["naam", "soort", "regio", "bestuur"]
    list_filter = ["soort", "regio"]
    list_select_related = ["regio", "bestuur"]
    search_fields = ["naam", "afkorting"]
    autocomplete_fields = ["bestuur"]

    def get_readonly_fields(self, request, obj=None):
        return ["regio", "bestuur"] if obj else []

    def create(self, request, values):
        return services.create_orgaan(door=request.user, **values)

    def update(self, request, instance, values):
        return services.update_orgaan(instance, door=request.user, **values)


@admin.register(Persoon)
class PersoonAdmin(ViaServicesAdmin):
    list_display = ["achternaam", "voornaam", "email", "user"]
    search_fields = ["achternaam", "voornaam", "email"]
    list_select_related = ["user"]
    fields = ["voornaam", "achternaam", "email", "user"]
    readonly_fields = ["user"]

    def create(self, request, values):
        return services.create_persoon(door=request.user, **values)

    def update(self, request, instance, values):
        return services.update_persoon(instance, door=request.user, **values)


@admin.register(ExternePartij)
class ExternePartijAdmin(AlleenLezenMixin, admin.ModelAdmin):
    """External parties are registered on a region's body's member screen (`services.create_externe_partij`)."""

    list_display = ["naam", "soort", "website"]
    list_filter = ["soort"]
    search_fields = ["naam"]


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(ViaServicesAdmin):
    """Add a seat; afterwards only its role changes or it ends (the account's rights follow at once)."""

    list_display = ["persoon", "externe_partij", "orgaan", "rol", "namens", "begindatum", "einddatum"]
    list_filter = ["rol", "orgaan__regio"]
    list_select_related = ["persoon", "orgaan", "namens", "externe_partij"]
    autocomplete_fields = ["persoon", "orgaan", "namens", "externe_partij"]

    def get_readonly_fields(self, request, obj=None):
        return ["persoon", "orgaan", "namens", "externe_partij", "begindatum"] if obj else []

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "aanstellingsbesluit":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def create(self, request, values):
        return services.add_lidmaatschap(door=request.user, reden="beheer", **values)

    def update(self, request, instance, values):
        if "rol" in values:
            services.change_rol(instance, rol=values["rol"], door=request.user, reden="beheer")
        if "aanstellingsbesluit" in values or "geplande_einddatum" in values:
            services.record_aanstelling(
                instance,
                aanstellingsbesluit=values.get("aanstellingsbesluit", instance.aanstellingsbesluit),
                geplande_einddatum=values.get("geplande_einddatum", instance.geplande_einddatum),
                door=request.user,
                reden="beheer",
            )
        if "einddatum" in values:
            services.end_lidmaatschap(
                instance, einddatum=values["einddatum"], door=request.user, reden="beheer"
            )
        return instance


from .admin_fusies import FusieAdmin as FusieAdmin  # noqa: E402  (mergers: their own module)
