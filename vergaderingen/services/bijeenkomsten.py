"""Planning days: days, blocks and working sessions, registration with waiting lists, their mails and events."""

import datetime

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from besturen.selectors import current_members, current_seats, is_current_member
from besturen.services import regio_scope
from regioportaal import ical, outbox
from regioportaal.audit import log_action
from regioportaal.links import absolute_url
from regioportaal.permissions import NotAllowed

from .. import workflow
from ..models import (
    Bijeenkomst,
    Blok,
    BlokSoort,
    Inschrijving,
    KeuzeStatus,
    Sessiekeuze,
    Werksessie,
)
from ..policies import BijeenkomstPolicy, InschrijvingPolicy
from ._gedeeld import _create, _store_document

BIJEENKOMST_FIELDS = ["regio", "naam", "beschrijving", "datum", "locatie", "organisator", "inschrijven_tot"]


def _require_organise(door, regio):
    """The organiser's guard for a region's planning days (`BijeenkomstPolicy`, action `organise`)."""
    BijeenkomstPolicy().require(door, "organise", Bijeenkomst(regio=regio))


@transaction.atomic
def create_bijeenkomst(regio, *, door, **values):
    _require_organise(door, regio)
    return _create(Bijeenkomst, BIJEENKOMST_FIELDS, door, {"regio": regio, **values}, regio_scope(regio))


@transaction.atomic
def add_blok(bijeenkomst, *, soort, titel, begin, einde=None, door):
    BijeenkomstPolicy().require(door, "organise", bijeenkomst)
    return _create(
        Blok,
        ["bijeenkomst", "soort", "titel", "begin", "einde"],
        door,
        {"bijeenkomst": bijeenkomst, "soort": soort, "titel": titel, "begin": begin, "einde": einde},
        regio_scope(bijeenkomst.regio),
    )


@transaction.atomic
def add_werksessie(blok, *, thema, capaciteit, facilitator="", beschrijving="", door):
    BijeenkomstPolicy().require(door, "organise", blok.bijeenkomst)
    if blok.soort != BlokSoort.WERKSESSIES:
        raise ValidationError(_("Werksessies horen in een blok met werksessies."))
    return _create(
        Werksessie,
        ["blok", "thema", "capaciteit", "facilitator"],
        door,
        {
            "blok": blok,
            "thema": thema,
            "capaciteit": capaciteit,
            "facilitator": facilitator,
            "beschrijving": beschrijving,
        },
        regio_scope(blok.bijeenkomst.regio),
    )


@transaction.atomic
def add_werkdocument(werksessie, upload, *, door):
    regio = werksessie.blok.bijeenkomst.regio
    BijeenkomstPolicy().require(door, "organise", werksessie.blok.bijeenkomst)
    return _store_document(upload, door, regio_scope(regio), werksessie=werksessie)


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


def _bevestigd(werksessie):
    return werksessie.keuzes.filter(status=KeuzeStatus.BEVESTIGD).count()


@transaction.atomic
def register(bijeenkomst, *, bestuur, sessies, door, deelnemer=None):
    """Register a participant for a planning day on behalf of `bestuur`, with one session per block.

    Participants register themselves (`door`) until the deadline; the organiser (or the system) may register
    someone else (`deelnemer`), also after it. A full session puts the participant on its waiting list. The
    sessions are locked (select_for_update), so of two people asking for the last seat at once exactly one gets it.
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
    if not is_current_member(bijeenkomst.regio, bestuur):
        raise ValidationError(
            {"bestuur": _("%(bestuur)s is geen lid van deze regio.") % {"bestuur": bestuur}}
        )
    _check_sessies(bijeenkomst, sessies)
    if Inschrijving.objects.filter(bijeenkomst=bijeenkomst, user=deelnemer).exists():
        raise ValidationError(_("U bent al ingeschreven voor %(b)s.") % {"b": bijeenkomst}, code="dubbel")
    try:
        with transaction.atomic():
            inschrijving = Inschrijving.objects.create(
                bijeenkomst=bijeenkomst, user=deelnemer, bestuur=bestuur
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("U bent al ingeschreven voor %(b)s.") % {"b": bijeenkomst}, code="dubbel"
        ) from exc
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
    log_action(
        door,
        "ingeschreven",
        inschrijving,
        {"bestuur": str(bestuur), "sessies": {k.werksessie.thema: k.status for k in keuzes}},
        "",
        regio_scope(bijeenkomst.regio),
    )
    outbox.enqueue("vergaderingen.tasks.send_bevestiging", inschrijving.pk)
    return inschrijving


@transaction.atomic
def cancel_inschrijving(inschrijving, *, door):
    """Cancel a registration; each seat it frees goes to the first on that session's waiting list (by mail)."""
    bijeenkomst = inschrijving.bijeenkomst
    InschrijvingPolicy().require(door, "cancel", inschrijving)
    sessie_ids = list(inschrijving.keuzes.values_list("werksessie_id", flat=True))
    sessies = list(Werksessie.objects.select_for_update().filter(pk__in=sessie_ids).order_by("pk"))
    log_action(
        door,
        "inschrijving geannuleerd",
        inschrijving,
        {"deelnemer": str(inschrijving.user)},
        "",
        regio_scope(bijeenkomst.regio),
    )
    inschrijving.delete()
    opgeschoven = []
    for sessie in sessies:
        opgeschoven += _fill_from_wachtlijst(sessie, door)
    return opgeschoven


def _set_keuze_status(keuze, naar):
    """The one guard on a session choice's status (`workflow.SESSIEKEUZE_TRANSITIONS`)."""
    if not workflow.allowed(keuze.status, naar, workflow.SESSIEKEUZE_TRANSITIONS):
        raise ValidationError(
            _("Een sessiekeuze met status ‘%(van)s’ kan niet naar ‘%(naar)s’.")
            % {"van": KeuzeStatus(keuze.status).label, "naar": KeuzeStatus(naar).label},
            code="overgang",
        )
    keuze.status = naar
    keuze.save(update_fields=["status"])


def _fill_from_wachtlijst(sessie, door):
    """Give free seats of a (locked) session to its waiting list, first come first served; mail each."""
    vrij = sessie.capaciteit - _bevestigd(sessie)
    if vrij <= 0:
        return []
    wachtenden = list(
        sessie.keuzes.filter(status=KeuzeStatus.WACHTLIJST)
        .select_related("inschrijving")
        .order_by("tijdstip", "pk")[:vrij]
    )
    for keuze in wachtenden:
        _set_keuze_status(keuze, KeuzeStatus.BEVESTIGD)
        log_action(
            door,
            "van wachtlijst opgeschoven",
            keuze.inschrijving,
            {"sessie": sessie.thema},
            "",
            regio_scope(sessie.blok.bijeenkomst.regio),
        )
        outbox.enqueue("vergaderingen.tasks.send_opgeschoven", keuze.pk)
    return wachtenden


def _datum(day):
    return formats.date_format(day, "j F Y")


def _tijdstip(bijeenkomst, tijd):
    return timezone.make_aware(datetime.datetime.combine(bijeenkomst.datum, tijd))


def bijeenkomst_event(inschrijving):
    """The planning day as a calendar event, with the participant's sessions in the description."""
    bijeenkomst = inschrijving.bijeenkomst
    blokken = list(bijeenkomst.blokken.all())
    begin = _tijdstip(bijeenkomst, blokken[0].begin) if blokken else _tijdstip(bijeenkomst, datetime.time(9))
    laatste = blokken[-1] if blokken else None
    einde_tijd = (
        (
            laatste.einde
            or (
                datetime.datetime.combine(bijeenkomst.datum, laatste.begin) + datetime.timedelta(hours=1)
            ).time()
        )
        if laatste
        else datetime.time(17)
    )
    keuzes = inschrijving.keuzes.select_related("werksessie__blok").order_by("blok__begin")
    regels = [
        f"{k.werksessie.blok.begin:%H:%M} {k.werksessie.thema} ({k.get_status_display()})" for k in keuzes
    ]
    return ical.Event(
        uid=ical.uid("inschrijving", inschrijving.pk),
        start=begin,
        end=_tijdstip(bijeenkomst, einde_tijd),
        summary=bijeenkomst.naam,
        dtstamp=ical.now(),
        description="\n".join(regels),
        location=bijeenkomst.locatie,
        url=absolute_url(bijeenkomst.get_absolute_url()),
    )


def send_bevestiging_mail(inschrijving):
    """Confirm a registration by mail, with the day as an .ics attachment."""
    keuzes = inschrijving.keuzes.select_related("werksessie__blok").order_by("blok__begin")
    tekst = render_to_string(
        "vergaderingen/mail/bevestiging.txt",
        {
            "inschrijving": inschrijving,
            "bijeenkomst": inschrijving.bijeenkomst,
            "keuzes": keuzes,
            "link": absolute_url(inschrijving.bijeenkomst.get_absolute_url()),
        },
    )
    mail = EmailMessage(
        _("Inschrijving bevestigd: %(b)s") % {"b": inschrijving.bijeenkomst},
        tekst,
        None,
        [inschrijving.user.email],
    )
    mail.attach(
        "bijeenkomst.ics",
        ical.calendar([bijeenkomst_event(inschrijving)], method="PUBLISH"),
        "text/calendar; charset=utf-8",
    )
    mail.send()


def send_opgeschoven_mail(keuze):
    tekst = render_to_string(
        "vergaderingen/mail/opgeschoven.txt",
        {
            "keuze": keuze,
            "bijeenkomst": keuze.inschrijving.bijeenkomst,
            "link": absolute_url(keuze.inschrijving.bijeenkomst.get_absolute_url()),
        },
    )
    EmailMessage(
        _("Er is een plaats vrij: %(thema)s") % {"thema": keuze.werksessie.thema},
        tekst,
        None,
        [keuze.inschrijving.user.email],
    ).send()


def bestuur_van(user, regio):
    """The member government the user most likely registers for: that of their current seat in the region."""
    if not user or not user.is_authenticated:
        return None
    return current_members(regio).filter(pk__in=current_seats(user=user).values("namens")).first()
