"""The admin's CSV import page, one for the municipalities and the mergers: upload a file, see every error with its
line (nothing is imported then), or what was imported; a dry run lists what would change and writes nothing."""

from typing import NamedTuple

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy, ngettext_lazy

from .import_stream import BesturenImportGeweigerd

IMPORT_FOUTEN_GETOOND = 200


class Lijst(NamedTuple):
    """One list of the dry run: its heading, the names in it, an explanation, its element id."""

    kop: str
    namen: list
    uitleg: str = ""
    id: str = ""


class ImportForm(forms.Form):
    bestand = forms.FileField(label=gettext_lazy("CSV-bestand"))
    dry_run = forms.BooleanField(label=gettext_lazy("Alleen controleren"), required=False)

    def __init__(self, *args, bestand_uitleg, dry_run_uitleg, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bestand"].help_text = bestand_uitleg
        self.fields["dry_run"].help_text = dry_run_uitleg


class ImportAdminMixin:
    """An `import/` page beside a model admin's list, for `run_import(bron, door=..., dry_run=..., grootte=...,
    naam=...)`: an import service that raises `BesturenImportGeweigerd` with every problem, or returns a result
    with `dry_run` and `samenvatting()`. The template is admin/besturen/import.html; the list links to the page
    for whoever `may_import`."""

    change_list_template = "admin/besturen/import_change_list.html"
    import_title = None
    import_uitleg = None  # what the file holds and what importing it does
    bestand_uitleg = None  # the file field's help: encoding and header
    dry_run_uitleg = None
    geweigerd = ngettext_lazy(
        "Er is niets geïmporteerd: het bestand bevat %(aantal)d fout. Verbeter het bestand en probeer opnieuw.",
        "Er is niets geïmporteerd: het bestand bevat %(aantal)d fouten. Verbeter het bestand en probeer opnieuw.",
        "aantal",
    )

    def may_import(self, request):
        raise NotImplementedError

    def run_import(self, bron, **kwargs):
        raise NotImplementedError

    def report_import(self, request, resultaat):
        """Tell what a real import did (on the list it redirects to)."""
        messages.success(request, resultaat.samenvatting())

    def proefdraai_lijsten(self, resultaat):
        """What a dry run would change: a `Lijst` per list shown."""
        return []

    def get_urls(self):
        naam = f"{self.opts.app_label}_{self.opts.model_name}_import"
        return [path("import/", self.admin_site.admin_view(self.import_view), name=naam)] + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        extra = {"mag_importeren": self.may_import(request), **(extra_context or {})}
        return super().changelist_view(request, extra_context=extra)

    def _form(self, *args):
        return ImportForm(*args, bestand_uitleg=self.bestand_uitleg, dry_run_uitleg=self.dry_run_uitleg)

    def import_view(self, request):
        if not self.may_import(request):
            raise PermissionDenied
        fouten, resultaat = [], None
        form = self._form(request.POST, request.FILES) if request.method == "POST" else self._form()
        if form.is_bound and form.is_valid():
            bestand = form.cleaned_data["bestand"]
            try:
                resultaat = self.run_import(
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
                    self.report_import(request, resultaat)
                    return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": self.import_title,
            "uitleg": self.import_uitleg,
            "opts": self.opts,
            "form": form,
            "geweigerd": self.geweigerd % {"aantal": len(fouten)},
            "fouten": fouten[:IMPORT_FOUTEN_GETOOND],
            "niet_getoond": max(0, len(fouten) - IMPORT_FOUTEN_GETOOND),
            "resultaat": resultaat,
            "lijsten": self.proefdraai_lijsten(resultaat) if resultaat else [],
        }
        return TemplateResponse(request, "admin/besturen/import.html", context)
