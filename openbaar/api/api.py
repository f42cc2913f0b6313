"""The read-only API at /api/v1/ (django-ninja): one NinjaAPI, its error handling and its OpenAPI 3 document.

django-ninja rather than Django REST framework: the pydantic schemas give the OpenAPI document for free, it is light,
and it fits plain function views like the rest of the portal.
"""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from . import endpoints, http, popolo
from .schemas import Probleem

FOUTEN = {
    400: "De vraag klopt niet: een parameter ontbreekt of heeft een ongeldige waarde.",
    404: "Niet gevonden, of niet openbaar.",
    429: "Te veel vragen: probeer het later opnieuw (zie Retry-After).",
}


class OpenbareApi(NinjaAPI):
    """The API, with every error response documented as application/problem+json and the API-Version header."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        schemas["Probleem"] = Probleem.model_json_schema(ref_template="#/components/schemas/{model}")
        header = {
            "API-Version": {
                "description": "De versie van de API.",
                "required": True,
                "schema": {"type": "string"},
            }
        }
        for operaties in schema["paths"].values():
            for operatie in operaties.values():
                antwoorden = operatie.setdefault("responses", {})
                for antwoord in antwoorden.values():
                    antwoord.setdefault("headers", {}).update(header)
                for status, tekst in FOUTEN.items():
                    antwoorden[str(status)] = {
                        "description": tekst,
                        "headers": dict(header),
                        "content": {
                            http.PROBLEEM_TYPE: {"schema": {"$ref": "#/components/schemas/Probleem"}}
                        },
                    }
        return schema


api = OpenbareApi(
    title="Regioportaal open data API",
    version=http.API_VERSIE,
    description=(
        "Alleen-lezen API met de openbare gegevens van het Regioportaal: regio's, besturen, organen en hun huidige "
        "zetels, gepubliceerde vergaderingen, openbare agendapunten, besluiten en stemmingen, gepubliceerde opgaven "
        "en openbare programmaversies met hun vastgelegde kostenverdeling, en Popolo JSON. Volgt de API Design "
        "Rules: fouten als application/problem+json, paginering met limit en offset, CORS voor GET. De data zijn "
        "CC0."
    ),
    urls_namespace="openbaar:api-v1",
    docs_url=None,  # ninja's docs page needs "ninja" in INSTALLED_APPS to serve its own assets; the JSON suffices
    throttle=[http.AnoniemeLimiet()],
)


@api.exception_handler(Http404)
def _niet_gevonden(request, exc):
    return http.probleem(request, 404, FOUTEN[404])


@api.exception_handler(ValidationError)
def _ongeldig(request, exc):
    velden = ", ".join(".".join(str(deel) for deel in fout.get("loc", ())) for fout in exc.errors)
    return http.probleem(request, 400, f"{FOUTEN[400]} ({velden})" if velden else FOUTEN[400])


@api.exception_handler(HttpError)
def _http_fout(request, exc):
    return http.probleem(request, exc.status_code, FOUTEN.get(exc.status_code, str(exc)))


api.add_router("", endpoints.router)
api.add_router("popolo/", popolo.router)
