"""Bulk open data: the catalogue page (every region, or one), its DCAT-AP catalogue as JSON-LD, and each dataset of a
region as CSV or JSON. Everything here is public: it is what an anonymous visitor sees, whoever asks."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from besturen.models import Regio
from regioportaal.links import absolute_url
from regioportaal.views import PageView

from . import dcat
from .datasets import BY_SLEUTEL, DATASETS
from .formaten import FORMATEN


def _regios(slug):
    """The regions of the catalogue: one (404 when unknown) or all, by name."""
    if slug is None:
        return None, list(Regio.objects.order_by("naam"))
    regio = get_object_or_404(Regio, slug=slug)
    return regio, [regio]


class CatalogusView(PageView):
    """Every dataset with its description, formats, licence and latest change: of all regions, or of one."""

    template_name = "openbaar/data/catalogus.html"

    def get_context_data(self, **kwargs):
        regio, regios = _regios(kwargs.get("slug"))
        regels = dcat.catalogus(regios)
        if regio is None:
            jsonld_url = reverse("openbaar:data_catalogus_jsonld")
        else:
            jsonld_url = reverse("openbaar:data_regio_jsonld", kwargs={"slug": regio.slug})
        return super().get_context_data(
            regio=regio,
            per_regio=[(r, [regel for regel in regels if regel.regio is r]) for r in regios],
            datasets=DATASETS,
            jsonld_url=jsonld_url,
            licentie=dcat.LICENTIE,
            **kwargs,
        )


class CatalogusJsonLdView(View):
    """The DCAT-AP catalogue as JSON-LD: of all regions, or of one."""

    def get(self, request, slug=None):
        regio, regios = _regios(slug)
        if regio is None:
            url, titel = reverse("openbaar:data_catalogus_jsonld"), _("Open data van het Regioportaal")
        else:
            url = reverse("openbaar:data_regio_jsonld", kwargs={"slug": regio.slug})
            titel = _("Open data van %(regio)s") % {"regio": regio.naam}
        graph = dcat.graph_van(dcat.catalogus(regios), absolute_url(url), titel)
        return HttpResponse(dcat.jsonld(graph), content_type="application/ld+json; charset=utf-8")


class DownloadView(View):
    """One dataset of one region, streamed as CSV or JSON."""

    def get(self, request, slug, sleutel, formaat):
        dataset, maak = BY_SLEUTEL.get(sleutel), FORMATEN.get(formaat)
        if dataset is None or maak is None:
            raise Http404
        return maak(dataset, get_object_or_404(Regio, slug=slug))
