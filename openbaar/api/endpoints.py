"""The API's list and detail endpoints: GET only, public objects only, paginated lists (limit/offset)."""

from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router
from ninja.pagination import paginate

from . import schemas, selectors
from .http import MAX_ID, SLUG_PATROON, Pagina

router = Router()

RegioFilter = Query(None, pattern=SLUG_PATROON, description="Slug van een regio.")


def _id_filter(beschrijving):
    return Query(None, ge=1, le=MAX_ID, description=beschrijving)


def _regio(slug):
    return selectors.regio_of_404(slug) if slug is not None else None


@router.get("regios", response=list[schemas.RegioOut], tags=["regio's"], url_name="regios")
@paginate(Pagina)
def regios(request):
    """Every region with its number of current members and their population."""
    return selectors.regios()


@router.get("regios/{slug}", response=schemas.RegioOut, tags=["regio's"], url_name="regio")
def regio(request, slug: str = Path(..., pattern=SLUG_PATROON)):
    return get_object_or_404(selectors.regios(), slug=slug)


@router.get("besturen", response=list[schemas.BestuurOut], tags=["besturen"], url_name="besturen")
@paginate(Pagina)
def besturen(request, regio: str | None = RegioFilter):
    """Member governments with their NIS or CBS code and current population; `regio`: its members today."""
    return selectors.besturen(_regio(regio))


@router.get("organen", response=list[schemas.OrgaanOut], tags=["organen"], url_name="organen")
@paginate(Pagina)
def organen(
    request, regio: str | None = RegioFilter, bestuur: int | None = _id_filter("Id van een bestuur.")
):
    """Bodies of regions and of member governments, with their number of current seats."""
    return selectors.organen(_regio(regio), bestuur)


@router.get("zetels", response=list[schemas.ZetelOut], tags=["organen"], url_name="zetels")
@paginate(Pagina)
def zetels(request, orgaan: int | None = _id_filter("Id van een orgaan."), regio: str | None = RegioFilter):
    """Current seats: who holds which role in which body, for whom, since when. Never an e-mail address."""
    return selectors.zetels(orgaan, _regio(regio))


@router.get(
    "vergaderingen", response=list[schemas.VergaderingOut], tags=["vergaderingen"], url_name="vergaderingen"
)
@paginate(Pagina)
def vergaderingen(
    request, orgaan: int | None = _id_filter("Id van een orgaan."), regio: str | None = RegioFilter
):
    """Meetings whose agenda is published, newest first."""
    return selectors.vergaderingen(orgaan, _regio(regio))


@router.get(
    "vergaderingen/{pk}", response=schemas.VergaderingOut, tags=["vergaderingen"], url_name="vergadering"
)
def vergadering(request, pk: int = Path(..., ge=1, le=MAX_ID)):
    return get_object_or_404(selectors.vergaderingen(), pk=pk)


@router.get(
    "agendapunten", response=list[schemas.AgendapuntOut], tags=["vergaderingen"], url_name="agendapunten"
)
@paginate(Pagina)
def agendapunten(request, vergadering: int | None = _id_filter("Id van een vergadering.")):
    """Public items of published agendas (never closed items)."""
    return selectors.agendapunten(vergadering)


@router.get("besluiten", response=list[schemas.BesluitOut], tags=["vergaderingen"], url_name="besluiten")
@paginate(Pagina)
def besluiten(
    request,
    vergadering: int | None = _id_filter("Id van een vergadering."),
    orgaan: int | None = _id_filter("Id van een orgaan."),
):
    """Decisions on public items of published meetings, with the vote."""
    return selectors.besluiten(vergadering, orgaan)


@router.get("opgaven", response=list[schemas.OpgaveOut], tags=["opgaven"], url_name="opgaven")
@paginate(Pagina)
def opgaven(request, regio: str | None = RegioFilter):
    """Published opgaven."""
    return selectors.opgaven(_regio(regio))


@router.get(
    "programmaversies", response=list[schemas.VersieOut], tags=["programma's"], url_name="programmaversies"
)
@paginate(Pagina)
def programmaversies(request, regio: str | None = RegioFilter):
    """Public programme versions and their status."""
    return selectors.versies(_regio(regio))


@router.get(
    "programmaversies/{pk}", response=schemas.VersieOut, tags=["programma's"], url_name="programmaversie"
)
def programmaversie(request, pk: int = Path(..., ge=1, le=MAX_ID)):
    return get_object_or_404(selectors.versies(), pk=pk)


@router.get(
    "programmaversies/{pk}/verdeling",
    response=schemas.VerdelingOut,
    tags=["programma's"],
    url_name="verdeling",
)
def verdeling(request, pk: int = Path(..., ge=1, le=MAX_ID)):
    """The stored split per member of an adopted or routed (frozen) public version; 404 for a version whose figures
    are not yet fixed (a concept's split would change)."""
    versie = get_object_or_404(selectors.versies(), pk=pk, bevroren_op__isnull=False)
    return selectors.verdeling(versie)
