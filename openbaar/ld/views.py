"""The linked-data URLs: the published @context, a region's dump, and the object pages' RDF (served by
openbaar.ld.middleware on content negotiation, through `rdf_response`)."""

from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import patch_vary_headers
from django.views import View

from besturen.models import Bestuur, Orgaan, Regio

from . import export, selectors
from .namespaces import context


class ContextView(View):
    """The one JSON-LD @context every export names."""

    def get(self, request):
        response = JsonResponse({"@context": context()}, json_dumps_params={"indent": 1})
        response["Content-Type"] = "application/ld+json"
        response["Access-Control-Allow-Origin"] = "*"
        return response


class RegioDumpView(View):
    """Everything public of one region as one Turtle or JSON-LD file, streamed."""

    def get(self, request, slug, formaat):
        if formaat not in export.FORMATEN:
            raise Http404
        regio = get_object_or_404(Regio, slug=slug)
        response = StreamingHttpResponse(
            export.stream(export.regio_graphs(regio), formaat), content_type=_content_type(formaat)
        )
        response["Content-Disposition"] = f'inline; filename="{regio.slug}.{formaat}"'
        response["Access-Control-Allow-Origin"] = "*"
        return response


def _content_type(formaat):
    return f"{export.FORMATEN[formaat]}; charset=utf-8"


def _regio(kwargs):
    return export.regio_graph(get_object_or_404(Regio, slug=kwargs["slug"]))


def _bestuur(kwargs):
    return export.bestuur_graph(get_object_or_404(Bestuur, pk=kwargs["pk"]))


def _orgaan(kwargs):
    return export.orgaan_graph(
        get_object_or_404(Orgaan.objects.select_related("regio", "bestuur"), pk=kwargs["pk"])
    )


def _vergadering(kwargs):
    vergadering = selectors.openbare_vergadering(kwargs["pk"])
    if vergadering is None:
        raise Http404
    return export.vergadering_graph(vergadering)


# The public pages that have an RDF description: URL name -> the graph of the object the page shows.
GRAFEN = {
    "besturen:regio": _regio,
    "besturen:bestuur": _bestuur,
    "besturen:orgaan": _orgaan,
    "vergaderingen:vergadering": _vergadering,
}


def rdf_response(view_name, kwargs, formaat):
    """The RDF of the object behind a public page (Http404 when it does not exist or is not public)."""
    g = GRAFEN[view_name](kwargs)
    response = HttpResponse(export.serialize(g, formaat), content_type=_content_type(formaat))
    patch_vary_headers(response, ["Accept"])
    response["Access-Control-Allow-Origin"] = "*"
    return response


# /id/<kind>/<key>: the thing's URI answers with a 303 to the page that describes it.
PAGINAS = {
    "regio": ("besturen:regio", "slug"),
    "bestuur": ("besturen:bestuur", "pk"),
    "orgaan": ("besturen:orgaan", "pk"),
    "zitting": ("vergaderingen:vergadering", "pk"),
}


class IdView(View):
    def get(self, request, soort, sleutel):
        if soort not in PAGINAS:
            raise Http404
        view_name, kwarg = PAGINAS[soort]
        if kwarg == "pk" and not sleutel.isdigit():
            raise Http404
        response = redirect(view_name, **{kwarg: sleutel})
        response.status_code = 303
        return response
