"""Content negotiation on the public object pages: `Accept: text/turtle` or `application/ld+json` on a region,
government, body or meeting page answers with the RDF of that object instead of the HTML (404 when the object is
not public), whoever asks. The HTML of those pages says it varies on Accept and links its RDF.

Cheap on every other request: the URL is resolved up front only when the client prefers an RDF type; for the
HTML the view's own match (`request.resolver_match`, set by the handler) says whether it was one of those pages."""

from django.http import Http404, HttpResponseNotFound
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers

from .views import GRAFEN, rdf_response

HTML = "text/html"
MEDIATYPES = {"text/turtle": "ttl", "application/ld+json": "jsonld"}
METHODS = ("GET", "HEAD")


class LinkedDataMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in METHODS:
            return self.get_response(request)
        formaat = self._formaat(request)
        if formaat is not None:
            match = self._match(request)
            if match is not None:
                try:
                    return rdf_response(match.view_name, match.kwargs, formaat)
                except Http404:
                    response = HttpResponseNotFound("Not found\n", content_type="text/plain; charset=utf-8")
                    patch_vary_headers(response, ["Accept"])
                    return response
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is None or match.view_name not in GRAFEN:
            return response
        patch_vary_headers(response, ["Accept"])
        if response.status_code == 200:
            path = request.path
            response["Link"] = ", ".join(
                f'<{path}>; rel="alternate"; type="{mediatype}"' for mediatype in MEDIATYPES
            )
        return response

    @staticmethod
    def _match(request):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        return match if match.view_name in GRAFEN else None

    @staticmethod
    def _formaat(request):
        """The RDF format the client prefers over HTML, or None (browsers, `*/*` and no Accept get the page)."""
        if "HTTP_ACCEPT" not in request.META:
            return None
        voorkeur = request.get_preferred_type([HTML, *MEDIATYPES])
        return MEDIATYPES.get(voorkeur)
