"""Mergers of governments: record one (with what follows on its date) and review the seats it leaves behind.

What follows a merger on its date (`record_fusie`):

- every region membership (`Deelname`) of a predecessor ends on the date, and the successor becomes a member from
  that date, once per region (never two memberships, also when several predecessors were members);
- until an official figure for the successor exists (one on or after the date), its population is the sum of the
  predecessors' current figures, stored as a figure on the merger date with that source stated;
- `fusie_vastgelegd` is sent, so a higher app moves what is not yet decided (`programmas` puts the successor in
  the place of its predecessors in programme versions that are not frozen; frozen versions and council decisions
  keep naming the predecessors).

Seats in a region's bodies held on behalf of a predecessor are not changed at once: the region's secretariat
chooses per seat to end it or move it to the successor (`review_zetels`).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from guardian.shortcuts import get_users_with_perms

from regioportaal import meldingen
from regioportaal.audit import log_action
from regioportaal.links import absolute_url

from . import services
from .gebeurtenissen import FusieGebeurtenis
from .models import Bestuur, Bevolkingscijfer, Deelname, Fusie, Fusievoorganger, Lidmaatschap, Regio
from .policies import FusiePolicy
from .services import regio_scope

# kwargs: fusie. Sent inside the recording transaction, after the memberships and the population are in place.
fusie_vastgelegd = Signal()

BEEINDIGEN = "beeindigen"
VERPLAATSEN = "verplaatsen"
KEUZES = (
    (BEEINDIGEN, gettext_lazy("beëindigen op de fusiedatum")),
    (VERPLAATSEN, gettext_lazy("verplaatsen naar de nieuwe gemeente")),
)
MAX_BRON = 200


# --- Reads -------------------------------------------------------------------------------------------------------


def fusies_rond(bestuur):
    """(the merger `bestuur` ceased in or None, the mergers it is the successor of): one query when there are none."""
    lijst = list(
        Fusie.objects.filter(Q(opvolger=bestuur) | Q(rijen__bestuur=bestuur))
        .distinct()
        .select_related("opvolger")
        .prefetch_related("voorgangers")
        .order_by("datum")
    )
    opgegaan_in = next((fusie for fusie in lijst if fusie.opvolger_id != bestuur.pk), None)
    return opgegaan_in, [fusie for fusie in lijst if fusie.opvolger_id == bestuur.pk]


def fusies_in_regio(regio):
    """The mergers one of whose parts is or was a member of `regio`, newest first, with their predecessors."""
    besturen = Deelname.objects.filter(regio=regio).values("bestuur")
    return (
        Fusie.objects.filter(Q(voorgangers__in=besturen) | Q(opvolger__in=besturen))
        .distinct()
        .select_related("opvolger")
        .prefetch_related("voorgangers")
        .order_by("-datum", "opvolger__naam")
    )


def te_herzien(fusie, regio):
    """The seats in `regio`'s bodies held on behalf of a predecessor that still count on the merger date."""
    return (
        Lidmaatschap.objects.filter(orgaan__regio=regio, namens__in=fusie.voorgangers.all())
        .filter(begindatum__lte=fusie.datum)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gt=fusie.datum))
        .select_related("persoon", "orgaan", "namens")
        .order_by("orgaan__naam", "persoon__achternaam", "persoon__voornaam", "pk")
    )


def current_besturen(land, day):
    """The governments of `land` that exist on `day`: those not a predecessor in a merger on or before it."""
    gefuseerd = Fusievoorganger.objects.filter(fusie__datum__lte=day).values("bestuur")
    return Bestuur.objects.filter(land=land).exclude(pk__in=gefuseerd)


# --- Writes ------------------------------------------------------------------------------------------------------


def _som(delen, datum):
    """(inwoners, bron) of the successor until an official figure exists: the predecessors' current figures added."""
    if any(deel.inwoners is None for deel in delen):
        return None, ""
    bronnen = sorted({deel.inwoners_bron or "?" for deel in delen})
    namen = ", ".join(deel.naam for deel in delen[:-1]) + " " + _("en") + " " + delen[-1].naam
    bron = _("som van %(voorgangers)s (%(bronnen)s)") % {"voorgangers": namen, "bronnen": ", ".join(bronnen)}
    if len(bron) > MAX_BRON:
        bron = _("som van de voorgangers (%(bronnen)s)") % {"bronnen": ", ".join(bronnen)}
    return sum(deel.inwoners for deel in delen), bron[:MAX_BRON]


def _set_bevolking(opvolger, delen, datum):
    """Give the successor the summed figure on the merger date, unless it has a figure on or after that date."""
    if opvolger.bevolkingscijfers.filter(peildatum__gte=datum).exists():
        return None
    inwoners, bron = _som(delen, datum)
    if inwoners is None:
        return None
    Bevolkingscijfer.objects.create(bestuur=opvolger, inwoners=inwoners, peildatum=datum, bron=bron)
    opvolger.inwoners, opvolger.inwoners_peildatum, opvolger.inwoners_bron = inwoners, datum, bron
    opvolger.save(update_fields=["inwoners", "inwoners_peildatum", "inwoners_bron"])
    return inwoners


def _move_deelnames(fusie, voorgangers, door):
    """End every predecessor's region membership on the date; the successor joins each region once."""
    datum = fusie.datum
    deelnames = (
        Deelname.objects.filter(bestuur__in=voorgangers, begindatum__lte=datum)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gt=datum))
        .select_related("regio")
    )
    regios = {}
    for deelname in deelnames:
        services.end_deelname(deelname, einddatum=datum, door=door, reden=str(fusie))
        regios[deelname.regio_id] = deelname.regio
    for regio in regios.values():
        al_lid = (
            Deelname.objects.filter(regio=regio, bestuur=fusie.opvolger)
            .filter(Q(einddatum__isnull=True) | Q(einddatum__gt=datum))
            .exists()
        )
        if not al_lid:
            services.add_deelname(regio, fusie.opvolger, begindatum=datum, door=door)
    return list(regios.values())


def _notify_secretariaten(fusie, regios):
    for regio in regios:
        ontvangers = get_users_with_perms(
            regio, with_superusers=False, with_group_users=True, only_with_perms_in=["manage_regio"]
        ).filter(is_active=True)
        if not ontvangers:
            continue
        link = absolute_url(reverse("besturen:fusie_zetels", kwargs={"slug": regio.slug, "pk": fusie.pk}))
        meldingen.send(
            ontvangers,
            _("Fusie tot %(opvolger)s: zetels herzien") % {"opvolger": fusie.opvolger},
            _(
                "Op %(datum)s vormen %(voorgangers)s samen %(opvolger)s. %(opvolger)s is vanaf die dag lid van "
                "%(regio)s. Kies per zetel in de organen van de regio of die eindigt of naar %(opvolger)s gaat: "
                "%(link)s"
            )
            % {
                "datum": date_format(fusie.datum, "j F Y"),
                "voorgangers": ", ".join(str(b) for b in fusie.voorgangers.all()),
                "opvolger": fusie.opvolger,
                "regio": regio,
                "link": link,
            },
            sleutel=f"fusie:{fusie.pk}:regio:{regio.pk}",
            over=fusie,
        )


@transaction.atomic
def record_fusie(*, datum, voorgangers, opvolger, door, reden=""):
    """Record that on `datum` the `voorgangers` merge into `opvolger` (platform administrator or the system).

    `opvolger` may be one of `voorgangers`: it absorbs the others and keeps its code. Returns the Fusie. A
    predecessor that already merged, a merger of one government, or governments of different countries are refused.
    """
    FusiePolicy().require(door, "record", None)
    voorgangers = list(dict.fromkeys(voorgangers))
    nieuw = opvolger not in voorgangers
    opgeheven = [bestuur for bestuur in voorgangers if bestuur != opvolger]
    Bestuur.objects.select_for_update().filter(pk__in=[b.pk for b in voorgangers] + [opvolger.pk]).exists()
    if not opgeheven or len(voorgangers) < 2:
        raise ValidationError(_("Een fusie heeft minstens twee voorgangers."))
    if any(bestuur.land != opvolger.land for bestuur in voorgangers):
        raise ValidationError(_("Alle besturen van een fusie horen bij hetzelfde land."))
    al_gefuseerd = Fusievoorganger.objects.filter(bestuur__in=opgeheven + [opvolger]).select_related(
        "bestuur"
    )
    if al_gefuseerd:
        raise ValidationError(
            _("%(besturen)s is al opgegaan in een andere fusie.")
            % {"besturen": ", ".join(str(rij.bestuur) for rij in al_gefuseerd)}
        )
    fusie = Fusie.objects.create(datum=datum, opvolger=opvolger, nieuw_bestuur=nieuw)
    Fusievoorganger.objects.bulk_create([Fusievoorganger(fusie=fusie, bestuur=b) for b in opgeheven])
    inwoners = _set_bevolking(opvolger, voorgangers, datum)
    regios = _move_deelnames(fusie, opgeheven, door)
    log_action(
        door,
        FusieGebeurtenis.FUSIE_VASTGELEGD,
        opvolger,
        {
            "datum": datum,
            "voorgangers": [f"{b.naam} ({b.code})" for b in opgeheven],
            "opvolger": f"{opvolger.naam} ({opvolger.code})",
            "nieuw bestuur": nieuw,
            "inwoners": inwoners,
            "regio's": [str(regio) for regio in regios],
        },
        reden,
    )
    fusie_vastgelegd.send(sender=Fusie, fusie=fusie)
    _notify_secretariaten(fusie, regios)
    return fusie


@transaction.atomic
def review_zetels(fusie, regio, keuzes, *, door):
    """End or move, per seat, the seats in `regio`'s bodies held on behalf of a predecessor of `fusie`.

    `keuzes` maps a seat's id to BEEINDIGEN or VERPLAATSEN; seats without a choice stay as they are. Ending sets the
    seat's end date to the merger date; moving ends it there and gives the same person the same role in the same
    body on behalf of the successor from that date. The region's secretariat (or the platform administrator).
    """
    FusiePolicy().require(door, "review_zetels", regio)
    Regio.objects.select_for_update().filter(pk=regio.pk).exists()
    zetels = {zetel.pk: zetel for zetel in te_herzien(fusie, regio)}
    onbekend = [pk for pk in keuzes if pk not in zetels]
    if onbekend:
        raise ValidationError(
            _("Een of meer zetels horen niet (meer) bij deze fusie; laad de pagina opnieuw.")
        )
    if any(keuze not in (BEEINDIGEN, VERPLAATSEN) for keuze in keuzes.values()):
        raise ValidationError(_("Kies per zetel: beëindigen of verplaatsen."))
    reden = str(fusie)
    gedaan = {BEEINDIGEN: [], VERPLAATSEN: []}
    for pk, keuze in sorted(keuzes.items()):
        zetel = zetels[pk]
        services.end_lidmaatschap(zetel, einddatum=fusie.datum, door=door, reden=reden)
        if keuze == VERPLAATSEN:
            services.add_lidmaatschap(
                persoon=zetel.persoon,
                orgaan=zetel.orgaan,
                rol=zetel.rol,
                namens=fusie.opvolger,
                begindatum=fusie.datum,
                door=door,
                reden=reden,
            )
        gedaan[keuze].append(f"{zetel.persoon} ({zetel.orgaan}, {zetel.get_rol_display()})")
    if keuzes:
        log_action(
            door,
            FusieGebeurtenis.ZETELS_HERZIEN,
            regio,
            {"fusie": reden, "beëindigd": gedaan[BEEINDIGEN], "verplaatst": gedaan[VERPLAATSEN]},
            reden,
            regio_scope(regio),
        )
    return gedaan
