"""Mergers in the admin: a read-only list, and the upload of a mergers file (beside the municipality import)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regioportaal.admin import AlleenLezenMixin

from . import permissions
from .import_fusies import import_fusies
from .import_stream import BesturenImportGeweigerd
from .models import Fusie

IMPORT_FOUTEN_GETOOND = 200


class FusieImportForm(forms.Form):
    bestand = forms.FileField(
        label=gettext_lazy("CSV-bestand"),
        help_text=gettext_lazy(
            "UTF-8, met de kopregel datum,voorgangers,opvolger,opvolger_code; de codes van de voorgangers "
            "gescheiden door spaties."
        ),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Alleen controleren"),
        required=False,
        help_text=gettext_lazy("Toont wat er zou worden vastgelegd, zonder iets op te slaan."),
    )


@admin.register(Fusie)
class FusieAdmin(AlleenLezenMixin, admin.ModelAdmin):
    """Mergers are recorded by the import (or `manage.py import_fusies`), never edited here."""

    list_display = ["opvolger", "datum", "nieuw_bestuur", "vastgelegd_op"]
    list_filter = ["opvolger__land", "datum"]
    list_select_related = ["opvolger"]
    search_fields = ["opvolger__naam", "opvolger__code", "voorgangers__naam", "voorgangers__code"]
    fields = ["datum", "opvolger", "voorgangers", "nieuw_bestuur", "vastgelegd_op"]
    readonly_fields = fields

    def get_urls(self):
        naam = f"{self.opts.app_label}_{self.opts.model_name}_import"
        return [path("import/", self.admin_site.admin_view(self.import_view), name=naam)] + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        extra = {"mag_importeren": permissions.is_platform_admin(request.user), **(extra_context or {})}
        return super().changelist_view(request, extra_context=extra)

    def import_view(self, request):
        """Upload a mergers file; show every error with its line, or what was (or would be) recorded."""
        if not permissions.is_platform_admin(request.user):
            raise PermissionDenied
        fouten, resultaat = [], None
        if request.method == "POST":
            form = FusieImportForm(request.POST, request.FILES)
            if form.is_valid():
                bestand = form.cleaned_data["bestand"]
                try:
                    resultaat = import_fusies(
                        bestand.chunks(),
                        door=request.user,
                        dry_run=form.cleaned_data["dry_run"],
                        grootte=bestand.size,
                        naam=bestand.name,
                    )
                except BesturenImportGeweigerd as geweigerd:
                    fouten = geweigerd.fouten
                else:
                    if not resultaat.dry_run:
                        messages.success(request, resultaat.samenvatting())
                        return redirect(
                            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
                        )
        else:
            form = FusieImportForm()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Fusies importeren"),
            "opts": self.opts,
            "form": form,
            "fouten": fouten[:IMPORT_FOUTEN_GETOOND],
            "aantal_fouten": len(fouten),
            "resultaat": resultaat,
        }
        return TemplateResponse(request, "admin/besturen/fusie/import.html", context)
