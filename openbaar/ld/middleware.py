"""Content negotiation on the public object pages: `Accept: text/turtle` or `application/ld+json` on a region,
government, body or meeting page answers with the RDF of that object instead of the HTML (404 when the object is
not public), whoever asks. The HTML of those pages says it varies on Accept and links its RDF."""

from django.http import Http404, HttpResponseNotFound
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers

from .views import GRAFEN, rdf_response

HTML = "text/html"
MEDIATYPES = {"text/turtle": "ttl", "application/ld+json": "jsonld"}


class LinkedDataMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = self._match(request)
        if match is None:
            return self.get_response(request)
        formaat = self._formaat(request)
        if formaat is not None:
            try:
                return rdf_response(match.view_name, match.kwargs, formaat)
            except Http404:
                response = HttpResponseNotFound("Not found\n", content_type="text/plain; charset=utf-8")
                patch_vary_headers(response, ["Accept"])
                return response
        response = self.get_response(request)
        patch_vary_headers(response, ["Accept"])
        if response.status_code == 200:
            path = request.path
            response["Link"] = ", ".join(
                f'<{path}>; rel="alternate"; type="{mediatype}"' for mediatype in MEDIATYPES
            )
        return response

    @staticmethod
    def _match(request):
        if request.method not in ("GET", "HEAD"):
            return None
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
