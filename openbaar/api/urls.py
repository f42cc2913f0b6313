"""The read-only API under /api/v1/ (namespace `openbaar:api-v1`): every view carries the API headers (version,
CORS), and any other path under /api/v1/ answers 404 as problem+json."""

from django.urls import URLPattern, include, path, re_path

from .api import api
from .http import api_view, niet_gevonden


def _met_headers(patterns):
    return [
        URLPattern(p.pattern, api_view(p.callback), p.default_args, p.name)
        if isinstance(p, URLPattern)
        else p
        for p in patterns
    ]


_patterns, _app_name, _namespace = api.urls

urlpatterns = [
    path("api/v1/", include((_met_headers(_patterns), _app_name), namespace=_namespace)),
    re_path(r"^api/v1/", api_view(niet_gevonden), name="api_onbekend"),
]
