"""Registration for a planning day: by an official of the region (logged in), by the organiser for someone else, or
by an invitee through their personal link (no account); cancellation frees seats for the waiting list.

The sessions are locked (select_for_update) while seats are counted, so of two people asking for the last seat at
once exactly one gets it; an invitee's invitation is locked too, so a double submit or two tabs register once.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from besturen.selectors import current_members, current_seats, is_current_member
from besturen.services import regio_scope
from regioportaal.audit import log_action
from regioportaal.permissions import NotAllowed

from ...models import Inschrijving, KeuzeStatus, Sessiekeuze, Uitnodiging, Werksessie
from ...policies import BijeenkomstPolicy, InschrijvingPolicy, inschrijving_open
from .berichten import _datum, send_bevestiging_mail
from .wachtlijst import _bevestigd, _fill_from_wachtlijst


def _check_sessies(bijeenkomst, sessies):
    if not sessies:
        raise ValidationError({"sessies": _("Kies minstens één werksessie.")})
    blokken = {}
    for sessie in sessies:
        if sessie.blok.bijeenkomst_id != bijeenkomst.pk:
            raise ValidationError(
                {"sessies": _("Deze werksessie hoort niet bij %(b)s.") % {"b": bijeenkomst}}
            )
        if sessie.blok_id in blokken:
            raise ValidationError(
                {"sessies": _("Kies één werksessie per blok (%(blok)s).") % {"blok": sessie.blok.titel}}
            )
        blokken[sessie.blok_id] = sessie


def _al_ingeschreven(bijeenkomst):
    return ValidationError(_("U bent al ingeschreven voor %(b)s.") % {"b": bijeenkomst}, code="dubbel")


def _inschrijven(bijeenkomst, *, bestuur, sessies, door, user=None, uitnodiging=None):
    """Create the registration with one choice per session: confirmed while seats are free, else on the waiting list."""
    if not is_current_member(bijeenkomst.regio, bestuur):
        raise ValidationError(
            {"bestuur": _("%(bestuur)s is geen lid van deze regio.") % {"bestuur": bestuur}}
        )
    _check_sessies(bijeenkomst, sessies)
    if user is not None and Inschrijving.objects.filter(bijeenkomst=bijeenkomst, user=user).exists():
        raise _al_ingeschreven(bijeenkomst)
    try:
        with transaction.atomic():
            inschrijving = Inschrijving.objects.create(
                bijeenkomst=bijeenkomst, user=user, uitnodiging=uitnodiging, bestuur=bestuur
            )
    except IntegrityError as exc:
        raise _al_ingeschreven(bijeenkomst) from exc
    locked = {
        s.pk: s
        for s in Werksessie.objects.select_for_update().filter(pk__in=[s.pk for s in sessies]).order_by("pk")
    }
    keuzes = []
    for sessie in sessies:
        vol = _bevestigd(locked[sessie.pk]) >= locked[sessie.pk].capaciteit
        keuzes.append(
            Sessiekeuze.objects.create(
                inschrijving=inschrijving,
                blok_id=sessie.blok_id,
                werksessie=sessie,
                status=KeuzeStatus.WACHTLIJST if vol else KeuzeStatus.BEVESTIGD,
            )
        )
    wijzigingen = {"bestuur": str(bestuur), "sessies": {k.werksessie.thema: k.status for k in keuzes}}
    if uitnodiging is not None:
        wijzigingen["via"] = "uitnodiging"
    log_action(door, "ingeschreven", inschrijving, wijzigingen, "", regio_scope(bijeenkomst.regio))
    send_bevestiging_mail(inschrijving)
    return inschrijving


@transaction.atomic
def register(bijeenkomst, *, bestuur, sessies, door, deelnemer=None):
    """Register a participant for a planning day on behalf of `bestuur`, with one session per block.

    Participants register themselves (`door`) until the deadline; the organiser (or the system) may register
    someone else (`deelnemer`), also after it. A full session puts the participant on its waiting list.
    """
    deelnemer = deelnemer or door
    policy = BijeenkomstPolicy()
    if deelnemer == door:
        policy.require(door, "register", bijeenkomst)
    else:
        policy.require(door, "organise", bijeenkomst)
        policy.require_participant(door, deelnemer, bijeenkomst)
        if deelnemer is None or not deelnemer.is_authenticated:
            raise NotAllowed(_("Log in om u in te schrijven."))
    return _inschrijven(bijeenkomst, bestuur=bestuur, sessies=sessies, door=door, user=deelnemer)


def inschrijving_van(uitnodiging):
    """The invitee's registration: through the link, or with the invited account on the day's page; or None."""
    inschrijving = Inschrijving.objects.filter(uitnodiging=uitnodiging).first()
    if inschrijving is None and uitnodiging.user_id:
        inschrijving = Inschrijving.objects.filter(
            bijeenkomst_id=uitnodiging.bijeenkomst_id, user_id=uitnodiging.user_id
        ).first()
    return inschrijving


def _lock_uitnodiging(uitnodiging):
    return (
        Uitnodiging.objects.select_for_update(of=("self",))
        .select_related("bijeenkomst__regio", "user")
        .get(pk=uitnodiging.pk)
    )


def _uitnodiging_gesloten(bijeenkomst):
    return ValidationError(
        _("De inschrijving is gesloten: inschrijven kon tot en met %(datum)s.")
        % {"datum": _datum(bijeenkomst.inschrijven_tot)},
        code="gesloten",
    )


@transaction.atomic
def register_uitnodiging(uitnodiging, *, bestuur, sessies):
    """Register an invitee through their personal link (the signed link is the proof; no account needed).

    Idempotent: when the invitee is already registered (a double submit, a second tab) nothing changes and the
    existing registration comes back. Returns (inschrijving, new?).
    """
    uitnodiging = _lock_uitnodiging(uitnodiging)
    bijeenkomst = uitnodiging.bijeenkomst
    bestaand = inschrijving_van(uitnodiging)
    if bestaand is not None:
        return bestaand, False
    if not inschrijving_open(bijeenkomst):
        raise _uitnodiging_gesloten(bijeenkomst)
    user = uitnodiging.user if uitnodiging.user_id and uitnodiging.user.is_active else None
    inschrijving = _inschrijven(
        bijeenkomst, bestuur=bestuur, sessies=sessies, door=None, user=user, uitnodiging=uitnodiging
    )
    return inschrijving, True


def _cancel(inschrijving, door):
    bijeenkomst = inschrijving.bijeenkomst
    sessie_ids = list(inschrijving.keuzes.values_list("werksessie_id", flat=True))
    sessies = list(
        Werksessie.objects.select_for_update()
        .select_related("blok__bijeenkomst__regio")
        .filter(pk__in=sessie_ids)
        .order_by("pk")
    )
    log_action(
        door,
        "inschrijving geannuleerd",
        inschrijving,
        {"deelnemer": inschrijving.deelnemer_naam},
        "",
        regio_scope(bijeenkomst.regio),
    )
    inschrijving.delete()
    opgeschoven = []
    for sessie in sessies:
        opgeschoven += _fill_from_wachtlijst(sessie, door)
    return opgeschoven


@transaction.atomic
def cancel_inschrijving(inschrijving, *, door):
    """Cancel a registration; each seat it frees goes to the first on that session's waiting list (by mail)."""
    InschrijvingPolicy().require(door, "cancel", inschrijving)
    return _cancel(inschrijving, door)


@transaction.atomic
def cancel_uitnodiging_inschrijving(uitnodiging):
    """The invitee cancels through their personal link, until the deadline (later: the organiser does it)."""
    uitnodiging = _lock_uitnodiging(uitnodiging)
    if not inschrijving_open(uitnodiging.bijeenkomst):
        raise _uitnodiging_gesloten(uitnodiging.bijeenkomst)
    inschrijving = inschrijving_van(uitnodiging)
    if inschrijving is None:
        return []
    InschrijvingPolicy().require(None, "cancel", inschrijving)
    return _cancel(inschrijving, None)


def bestuur_van(user, regio):
    """The member government the user most likely registers for: that of their current seat in the region."""
    if not user or not user.is_authenticated:
        return None
    return current_members(regio).filter(pk__in=current_seats(user=user).values("namens")).first()
