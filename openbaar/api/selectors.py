"""What the API shows: exactly what an anonymous visitor sees on the portal, read through the lower apps' own rules
(published agendas, public items, public versions, published opgaven). Each returns a queryset shaped so a page of
the API costs the same number of queries whatever the data."""

from collections import defaultdict
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from besturen import selectors as besturen_selectors
from besturen.models import Bestuur, Lidmaatschap, Orgaan, Regio, current_q
from opgaven import selectors as opgaven_selectors
from programmas.models import Bijdrage, Versie
from programmas.selectors import met_titels, regels_van
from vergaderingen.models import OP_DE_AGENDA, Agendapunt, Besluit, Stem, Vergadering, gepubliceerd_q


def regios():
    return besturen_selectors.regio_list()


def besturen(regio=None):
    """Member governments: of one region today, or of any region ever (with their current population)."""
    if regio is not None:
        return besturen_selectors.current_members(regio)
    return Bestuur.objects.filter(
        pk__in=Bestuur.objects.filter(deelnames__isnull=False).values("pk")
    ).order_by("naam", "soort", "pk")


def organen(regio=None, bestuur_id=None):
    """Bodies with their number of current seats."""
    qs = Orgaan.objects.select_related("regio").annotate(
        aantal_leden=Count("lidmaatschappen", filter=current_q(prefix="lidmaatschappen__"))
    )
    if regio is not None:
        qs = qs.filter(regio=regio)
    if bestuur_id is not None:
        qs = qs.filter(bestuur_id=bestuur_id)
    return qs.order_by("naam", "pk")


def zetels(orgaan_id=None, regio=None):
    """Current seats (begun and not ended), the composition the body pages show, by body, role and name."""
    qs = Lidmaatschap.objects.current().select_related("orgaan", "persoon", "namens", "externe_partij")
    if orgaan_id is not None:
        qs = qs.filter(orgaan_id=orgaan_id)
    if regio is not None:
        qs = qs.filter(orgaan__regio=regio)
    return qs.order_by(
        "orgaan__naam",
        "orgaan_id",
        besturen_selectors.ROL_VOLGORDE,
        "persoon__achternaam",
        "persoon__voornaam",
        "pk",
    )


def vergaderingen(orgaan_id=None, regio=None):
    """Meetings whose agenda was published (cancelled ones after publication included), newest first."""
    qs = Vergadering.objects.filter(gepubliceerd_q()).select_related("orgaan")
    if orgaan_id is not None:
        qs = qs.filter(orgaan_id=orgaan_id)
    if regio is not None:
        qs = qs.filter(orgaan__regio=regio)
    return qs.order_by("-begin", "-pk")


def openbare_punten_q(prefix=""):
    """Public items standing on a published agenda (`vergaderingen.permissions.can_view_agendapunt` for the public):
    never closed (besloten) items, never proposals."""
    return (
        gepubliceerd_q(f"{prefix}vergadering__")
        & Q(**{f"{prefix}openbaar": True})
        & Q(**{f"{prefix}status__in": OP_DE_AGENDA})
    )


def agendapunten(vergadering_id=None):
    qs = Agendapunt.objects.filter(openbare_punten_q()).select_related("besluit")
    if vergadering_id is not None:
        qs = qs.filter(vergadering_id=vergadering_id)
    return qs.order_by("-vergadering__begin", "vergadering_id", "volgnummer", "pk")


def besluiten(vergadering_id=None, orgaan_id=None):
    """Decisions on public items of published meetings, with their vote and each member's vote (one prefetch)."""
    qs = (
        Besluit.objects.filter(openbare_punten_q("agendapunt__"))
        .select_related("agendapunt", "stemming")
        .prefetch_related(
            Prefetch(
                "stemming__stemmen",
                queryset=Stem.objects.select_related(
                    "lidmaatschap__persoon", "lidmaatschap__externe_partij"
                ).order_by("lidmaatschap__persoon__achternaam", "lidmaatschap__persoon__voornaam", "pk"),
            )
        )
    )
    if vergadering_id is not None:
        qs = qs.filter(agendapunt__vergadering_id=vergadering_id)
    if orgaan_id is not None:
        qs = qs.filter(agendapunt__vergadering__orgaan_id=orgaan_id)
    return qs.order_by("-agendapunt__vergadering__begin", "agendapunt__volgnummer", "pk")


def opgaven(regio=None):
    qs = opgaven_selectors.opgaven_visible_to(AnonymousUser()).select_related("regio")
    if regio is not None:
        qs = qs.filter(regio=regio)
    return qs.order_by("regio__naam", "titel", "pk")


def versies(regio=None):
    """Public programme versions (`programmas.permissions.can_view_versie` for the public), newest first."""
    qs = Versie.objects.filter(openbaar=True).select_related("jaarprogramma__regio")
    if regio is not None:
        qs = qs.filter(jaarprogramma__regio=regio)
    return qs.order_by("-jaarprogramma__jaar", "jaarprogramma__soort", "-nummer", "pk")


def _euro(centen):
    return str((Decimal(centen) / 100).quantize(Decimal("0.01")))


def verdeling(versie):
    """The stored split of a frozen version (a fixed number of queries): its lines, and per member the shares and the
    population figures it was computed from. Titles of unpublished opgaven are not shown."""
    regels = met_titels(AnonymousUser(), regels_van(versie))
    per_lid = defaultdict(list)
    leden = {}
    for bijdrage in (
        Bijdrage.objects.filter(versie=versie)
        .select_related("bestuur")
        .order_by("bestuur__naam", "bestuur_id", "regel_id")
    ):
        per_lid[bijdrage.bestuur_id].append(bijdrage)
        leden.setdefault(bijdrage.bestuur_id, bijdrage)
    rijen = []
    for bestuur_id, eerste in leden.items():
        aandelen = per_lid[bestuur_id]
        rijen.append(
            {
                "bestuur_id": bestuur_id,
                "naam": eerste.bestuur.naam,
                "code": eerste.bestuur.code,
                "inwoners": eerste.inwoners,
                "peildatum": eerste.peildatum,
                "bron": eerste.bron,
                "totaal": _euro(sum(b.centen for b in aandelen)),
                "aandelen": [{"regel_id": b.regel_id, "bedrag": _euro(b.centen)} for b in aandelen],
            }
        )
    return {
        "versie_id": versie.pk,
        "bevroren_op": versie.bevroren_op,
        "totaal": _euro(sum(b.centen for aandelen in per_lid.values() for b in aandelen)),
        "regels": [{"id": regel.pk, "opgave": regel.titel, "bedrag": str(regel.bedrag)} for regel in regels],
        "leden": rijen,
    }


def regio_of_404(slug):
    return get_object_or_404(Regio, slug=slug)
