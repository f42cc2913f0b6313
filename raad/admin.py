"""The information protocol in the admin, read-only: agreements change through the secretariat's pages (permission,
audit), and the log of what was sent is evidence."""

from django.contrib import admin

from regioportaal.admin import AlleenLezenMixin

from .models import Informatieafspraak, Informatiezending


@admin.register(Informatieafspraak)
class InformatieafspraakAdmin(AlleenLezenMixin, admin.ModelAdmin):
    show_all_fields = True
    list_display = ["regio", "soort", "frequentie", "ontvangers", "begindatum", "actief"]
    list_filter = ["soort", "frequentie", "actief", "regio"]
    list_select_related = ["regio"]


@admin.register(Informatiezending)
class InformatiezendingAdmin(AlleenLezenMixin, admin.ModelAdmin):
    show_all_fields = True
    list_display = ["verzonden_op", "onderwerp", "bestuur", "periode", "aantal_ontvangers"]
    list_filter = ["afspraak__regio", "afspraak__soort"]
    search_fields = ["onderwerp", "bestuur__naam", "periode"]
    list_select_related = ["bestuur", "afspraak"]
    date_hierarchy = "verzonden_op"
