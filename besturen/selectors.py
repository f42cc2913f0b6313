"""Reads for the besturen pages, each shaped for its page (joins done here, never per row in a template)."""
from django.db.models import Count, Q, Sum
from django.utils import timezone

from .models import Deelname, Lidmaatschap, Orgaan, Regio


def _current_q(prefix, day):
    return Q(**{f"{prefix}begindatum__lte": day}) & (
        Q(**{f"{prefix}einddatum__isnull": True}) | Q(**{f"{prefix}einddatum__gte": day})
    )


def regio_list(day=None):
    """Regions with their number of current members and their total population."""
    day = day or timezone.localdate()
    current = _current_q("deelnames__", day)
    return Regio.objects.annotate(
        aantal_leden=Count("deelnames", filter=current),
        inwoners=Sum("deelnames__bestuur__inwoners", filter=current),
    ).order_by("naam")


def regio_leden(regio, day=None):
    """Current memberships of a region, with their Bestuur, largest population first."""
    return (
        Deelname.objects.current(day)
        .filter(regio=regio)
        .select_related("bestuur")
        .order_by("bestuur__naam", "bestuur__soort")
    )


def regio_inwoners(regio, day=None):
    """Total population of the region's current members (the base of every member's share)."""
    return regio_leden(regio, day).aggregate(totaal=Sum("bestuur__inwoners"))["totaal"] or 0


def organen_van(*, regio=None, bestuur=None, day=None):
    """Bodies of a region or of a Bestuur, with their number of current members."""
    day = day or timezone.localdate()
    qs = Orgaan.objects.filter(regio=regio) if regio is not None else Orgaan.objects.filter(bestuur=bestuur)
    return qs.annotate(aantal_leden=Count("lidmaatschappen", filter=_current_q("lidmaatschappen__", day)))


def samenstelling(orgaan, day=None):
    """Current seats of a body: chair first, then by role and name."""
    return (
        Lidmaatschap.objects.current(day)
        .filter(orgaan=orgaan)
        .select_related("persoon", "namens")
        .order_by("rol", "persoon__achternaam", "persoon__voornaam")
    )


def oud_leden(orgaan, day=None):
    """Seats of a body that have ended, most recently ended first."""
    return (
        Lidmaatschap.objects.former(day)
        .filter(orgaan=orgaan)
        .select_related("persoon", "namens")
        .order_by("-einddatum", "persoon__achternaam")
    )


def zetels_namens(bestuur, day=None):
    """Current seats held on behalf of a Bestuur in bodies of other governments or regions."""
    return (
        Lidmaatschap.objects.current(day)
        .filter(namens=bestuur)
        .exclude(orgaan__bestuur=bestuur)
        .select_related("persoon", "orgaan", "orgaan__regio", "orgaan__bestuur")
        .order_by("orgaan__naam", "persoon__achternaam")
    )
