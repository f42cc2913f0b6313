"""Reads for the besturen pages, each shaped for its page (joins done here, never per row in a template)."""

from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.utils import timezone

from .models import Bestuur, Bevolkingscijfer, Deelname, Lidmaatschap, Orgaan, Regio, Rol, current_q

# Chair first, then vice-chair, members, substitutes, observers, and the secretary last.
ROL_VOLGORDE = Case(
    *[
        When(rol=rol, then=Value(i))
        for i, rol in enumerate(
            [Rol.VOORZITTER, Rol.ONDERVOORZITTER, Rol.LID, Rol.PLAATSVERVANGER, Rol.WAARNEMER, Rol.SECRETARIS]
        )
    ],
    output_field=IntegerField(),
)


def regio_list(day=None):
    """Regions with their number of current members and their total population."""
    day = day or timezone.localdate()
    current = current_q(day, "deelnames__")
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


def bevolking_op(bestuur_ids, peildatum=None):
    """{bestuur_id: (inwoners, peildatum, bron)}: each Bestuur's latest population figure on or before `peildatum`.

    `peildatum` None asks for the current figure (the one with the latest peildatum, as on `Bestuur.inwoners`).
    One query whatever the number of ids. A Bestuur without a figure on or before the date is left out. A
    Bestuur's own current figure counts as a figure too (a history row wins a tie), so a population entered
    without history still answers.
    """
    ids = list(bestuur_ids)
    if not ids:
        return {}
    besturen = Bestuur.objects.filter(pk__in=ids, inwoners__isnull=False)
    if peildatum is None:
        return {
            pk: (inwoners, datum, bron)
            for pk, inwoners, datum, bron in besturen.values_list(
                "pk", "inwoners", "inwoners_peildatum", "inwoners_bron"
            )
        }

    laatste = Bevolkingscijfer.objects.filter(bestuur=OuterRef("pk"), peildatum__lte=peildatum).order_by(
        "-peildatum"
    )[:1]
    rijen = (
        Bestuur.objects.filter(pk__in=ids)
        .annotate(
            cijfer_inwoners=Subquery(laatste.values("inwoners")),
            cijfer_peildatum=Subquery(laatste.values("peildatum")),
            cijfer_bron=Subquery(laatste.values("bron")),
        )
        .values_list(
            "pk",
            "cijfer_inwoners",
            "cijfer_peildatum",
            "cijfer_bron",
            "inwoners",
            "inwoners_peildatum",
            "inwoners_bron",
        )
    )
    resultaat = {}
    for pk, inwoners, datum, bron, eigen_inwoners, eigen_datum, eigen_bron in rijen:
        eigen_telt = eigen_inwoners is not None and eigen_datum <= peildatum
        if eigen_telt and (datum is None or eigen_datum > datum):
            resultaat[pk] = (eigen_inwoners, eigen_datum, eigen_bron)
        elif datum is not None:
            resultaat[pk] = (inwoners, datum, bron)
    return resultaat


def bevolkingsgeschiedenis(bestuur):
    """Every population figure of a Bestuur, latest first (one query)."""
    return Bevolkingscijfer.objects.filter(bestuur=bestuur).order_by("-peildatum")


def organen_van(*, regio=None, bestuur=None, day=None):
    """Bodies of a region or of a Bestuur, with their number of current members."""
    day = day or timezone.localdate()
    qs = Orgaan.objects.filter(regio=regio) if regio is not None else Orgaan.objects.filter(bestuur=bestuur)
    return qs.annotate(aantal_leden=Count("lidmaatschappen", filter=current_q(day, "lidmaatschappen__")))


def samenstelling(orgaan, day=None, met_toekomst=False):
    """Current seats of a body (and, for the secretariat, those yet to start), by role and name."""
    day = day or timezone.localdate()
    seats = Lidmaatschap.objects.filter(Q(einddatum__isnull=True) | Q(einddatum__gt=day))
    if not met_toekomst:
        seats = seats.filter(begindatum__lte=day)
    return (
        seats.filter(orgaan=orgaan)
        .select_related("persoon", "persoon__user", "namens")
        .order_by(ROL_VOLGORDE, "persoon__achternaam", "persoon__voornaam")
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


def rollen_in_regio(regio, day=None):
    """Who holds which role in the region since when: seats in its bodies and in its members' councils."""
    leden = Deelname.objects.current(day).filter(regio=regio).values("bestuur")
    return (
        Lidmaatschap.objects.current(day)
        .filter(Q(orgaan__regio=regio) | Q(orgaan__bestuur__in=leden))
        .select_related("persoon", "persoon__user", "orgaan", "namens")
        .order_by("orgaan__naam", ROL_VOLGORDE, "persoon__achternaam")
    )
