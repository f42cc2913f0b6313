"""The API's HTTP conventions (Dutch API Design Rules): problem+json errors, the API-Version header, CORS for GET,
and the rate limit for anonymous clients."""

from functools import wraps
from http import HTTPStatus

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from ninja.pagination import LimitOffsetPagination
from ninja.throttling import AnonRateThrottle
from pydantic import Field

from regioportaal.security import client_ip

API_VERSIE = "1.0.0"
PROBLEEM_TYPE = "application/problem+json"
STANDAARD_LIMIET = "60/min"
MAX_ID = 2**31 - 1  # ids and numbers in paths and filters stay within the database's integer
PER_PAGINA = 25
MAX_PER_PAGINA = 100
MAX_OFFSET = 1_000_000
SLUG_PATROON = r"^[-a-zA-Z0-9_]{1,80}$"


def probleem(request, status, detail=""):
    """An error as RFC 9457 problem details: type (about:blank: the status says it all), title, status, detail."""
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": str(detail) or HTTPStatus(status).description,
        "instance": request.path,
    }
    return JsonResponse(body, status=status, content_type=PROBLEEM_TYPE)


def niet_gevonden(request, *args, **kwargs):
    """Every other path under /api/v1/: 404 as problem+json instead of the portal's HTML page."""
    return met_api_headers(probleem(request, 404, "Onbekend pad in de API."))


def met_api_headers(response):
    """Headers every API response carries: the version, and CORS for anonymous reads from any origin."""
    response["API-Version"] = API_VERSIE
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "API-Version, Retry-After"
    return response


def api_view(view):
    """Wrap one of the API's views: answer a CORS preflight, and add the API headers to every response."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "Accept, Accept-Language"
            response["Access-Control-Max-Age"] = "86400"
            return met_api_headers(response)
        return met_api_headers(view(request, *args, **kwargs))

    return wrapped


class AnoniemeLimiet(AnonRateThrottle):
    """At most `settings.OPENBAAR_API_RATE` (default 60 per minute) requests per client address for anonymous
    clients, counted in the cache; a logged-in portal user is not limited. The rate is read per request, so a
    settings change (or a test) takes effect at once. The address is the portal's own `client_ip` (TRUSTED_PROXIES),
    so a client cannot dodge the limit with a made-up X-Forwarded-For."""

    def __init__(self):
        self.rate = None

    def get_ident(self, request):
        return client_ip(request)

    def allow_request(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return True
        self.rate = getattr(settings, "OPENBAAR_API_RATE", STANDAARD_LIMIET)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class Pagina(LimitOffsetPagination):
    """limit/offset pagination: at most MAX_PER_PAGINA items per page; the answer gives `count` and `items`."""

    class Input(LimitOffsetPagination.Input):
        limit: int = Field(PER_PAGINA, ge=1, le=MAX_PER_PAGINA, description="Aantal items (hoogstens 100).")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Aantal items over te slaan.")

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_PER_PAGINA, **kwargs)
