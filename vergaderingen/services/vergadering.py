"""Meetings and their workflow: plan, move, publish the agenda, close, minutes and their approval."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from regioportaal.audit import diff, log_action, snapshot
from regioportaal.links import absolute_url
from regioportaal.models import MeldingSoort

from ..models import (
    Agendapunt,
    AgendapuntStatus,
    Vergadering,
    VergaderingStatus,
)
from ..policies import KalenderPolicy, VergaderingPolicy, transition_refusal
from ..selectors import volgende_vergadering
from ._gedeeld import _create, _lock, _scope
from .agenda import _genummerd, _next_number, _queue_pdf, _renumber
from .meldingen import _notify_agenda, notify_leden

VERGADERING_FIELDS = ["orgaan", "begin", "einde", "locatie", "online_link", "status"]


def _transition(vergadering, naar, door, reden=""):
    van = vergadering.status
    refusal = transition_refusal(vergadering, naar)
    if refusal is not None:
        raise refusal
    vergadering.status = naar
    log_action(
        door, f"status {naar}", vergadering, {"status": [van, naar]}, reden, _scope(vergadering.orgaan)
    )


def _check_plaats(locatie, online_link):
    if not locatie and not online_link:
        raise ValidationError({"locatie": _("Geef een locatie of een link om online te vergaderen.")})


@transaction.atomic
def plan_vergadering(orgaan, *, begin, einde, locatie="", online_link="", door):
    """Plan a meeting of `orgaan`; minutes of the previous meeting awaiting approval land on its agenda."""
    KalenderPolicy().require(door, "plan", orgaan)
    _check_plaats(locatie, online_link)
    vergadering = _create(
        Vergadering,
        VERGADERING_FIELDS,
        door,
        {"orgaan": orgaan, "begin": begin, "einde": einde, "locatie": locatie, "online_link": online_link},
        _scope(orgaan),
    )
    vorige = (
        Vergadering.objects.filter(orgaan=orgaan, begin__lt=begin, status=VergaderingStatus.AFGELOPEN)
        .exclude(notulen="")
        .filter(goedkeuringspunt__isnull=True)
        .order_by("-begin")
        .first()
    )
    if vorige is not None:
        _put_notulen_on_agenda(vorige, door)
    return vergadering


def _notify_wijziging(vergadering, soort, onderwerp, **context):
    """Tell every current member of the body that the meeting changed (once per change: the SEQUENCE is in the
    key)."""
    tekst = render_to_string(
        f"vergaderingen/mail/{soort}.txt",
        {"vergadering": vergadering, "link": absolute_url(vergadering.get_absolute_url()), **context},
    )
    return notify_leden(
        vergadering,
        onderwerp,
        tekst,
        sleutel=f"vergaderingen:{soort}:{vergadering.pk}:{vergadering.wijzigingen}",
        soort=MeldingSoort.VERGADERING_GEANNULEERD
        if soort == "geannuleerd"
        else MeldingSoort.VERGADERING_GEWIJZIGD,
    )


@transaction.atomic
def update_vergadering(vergadering, *, door, **values):
    """Move a meeting (its time or place): subscribers' calendars see the new SEQUENCE, the members get a notice and
    a published agenda's PDF is made again."""
    vergadering = _lock(vergadering)
    VergaderingPolicy().require(door, "update", vergadering)
    fields = ["begin", "einde", "locatie", "online_link"]
    before = snapshot(vergadering, fields)
    was = {"begin": vergadering.begin, "einde": vergadering.einde, "locatie": vergadering.locatie}
    for name in fields:
        if name in values:
            setattr(vergadering, name, values[name])
    _check_plaats(vergadering.locatie, vergadering.online_link)
    changes = diff(before, snapshot(vergadering, fields))
    if changes:
        vergadering.wijzigingen += 1
        vergadering.full_clean()
        vergadering.save()
        log_action(door, "gewijzigd", vergadering, changes, "", _scope(vergadering.orgaan))
        _queue_pdf(vergadering)
        _notify_wijziging(
            vergadering,
            "gewijzigd",
            _("Vergadering gewijzigd: %(vergadering)s") % {"vergadering": vergadering},
            was=was,
        )
    return vergadering


@transaction.atomic
def cancel_vergadering(vergadering, *, reden, door):
    """Cancel a meeting that has not taken place, with a reason: calendars show it as cancelled (STATUS:CANCELLED, a
    new SEQUENCE) and the members get a notice. A cancelled meeting stays cancelled; a published agenda stays
    readable."""
    vergadering = _lock(vergadering)
    VergaderingPolicy().require(door, "cancel", vergadering)
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError(
            {"reden": _("Geef een reden: de leden lezen waarom de vergadering niet doorgaat.")}
        )
    _transition(vergadering, VergaderingStatus.GEANNULEERD, door, reden)
    vergadering.geannuleerd_op = timezone.now()
    vergadering.reden_annulering = reden[:300]
    vergadering.wijzigingen += 1
    vergadering.save(
        update_fields=["status", "geannuleerd_op", "reden_annulering", "wijzigingen", "bijgewerkt"]
    )
    _queue_pdf(vergadering)
    _notify_wijziging(
        vergadering,
        "geannuleerd",
        _("Vergadering geannuleerd: %(vergadering)s") % {"vergadering": vergadering},
    )
    return vergadering


@transaction.atomic
def publish_agenda(vergadering, *, door):
    """Publish the agenda: the numbering is frozen, the members hear of it and the agenda PDF is made."""
    vergadering = _lock(vergadering)
    VergaderingPolicy().require(door, "publish", vergadering)
    _transition(vergadering, VergaderingStatus.AGENDA_GEPUBLICEERD, door)
    vergadering.agenda_gepubliceerd_op = timezone.now()
    vergadering.wijzigingen += 1
    vergadering.save(update_fields=["status", "agenda_gepubliceerd_op", "wijzigingen", "bijgewerkt"])
    _queue_pdf(vergadering)
    _notify_agenda(vergadering)
    return vergadering


@transaction.atomic
def close_vergadering(vergadering, *, door):
    """Mark a meeting as held: from now on decisions, votes, attendance and minutes are recorded."""
    vergadering = _lock(vergadering)
    VergaderingPolicy().require(door, "close", vergadering)
    _transition(vergadering, VergaderingStatus.AFGELOPEN, door)
    vergadering.save(update_fields=["status", "bijgewerkt"])
    return vergadering


@transaction.atomic
def save_notulen(vergadering, *, notulen, door):
    """Draft the minutes; their approval goes on the agenda of the next meeting."""
    vergadering = _lock(vergadering)
    VergaderingPolicy().require(door, "save_notulen", vergadering)
    changes = diff({"notulen": vergadering.notulen}, {"notulen": notulen})
    if changes:
        vergadering.notulen = notulen
        vergadering.save(update_fields=["notulen", "bijgewerkt"])
        log_action(door, "notulen opgesteld", vergadering, {}, "", _scope(vergadering.orgaan))
    if notulen:
        _put_notulen_on_agenda(vergadering, door)
    return vergadering


@transaction.atomic
def approve_notulen(vergadering, *, door):
    """Record that the minutes are approved (the next meeting adopted its item on them)."""
    vergadering = _lock(vergadering)
    VergaderingPolicy().require(door, "approve_notulen", vergadering)
    _transition(vergadering, VergaderingStatus.NOTULEN_GOEDGEKEURD, door)
    vergadering.notulen_goedgekeurd_op = timezone.now()
    vergadering.save(update_fields=["status", "notulen_goedgekeurd_op", "bijgewerkt"])
    return vergadering


def _put_notulen_on_agenda(vorige, door):
    """Put 'approval of the minutes of <vorige>' first on the next meeting's agenda (once)."""
    if Agendapunt.objects.filter(notulen_van=vorige).exists():
        return None
    volgende = volgende_vergadering(vorige)
    if volgende is None:
        return None
    volgende = _lock(volgende)
    punt = Agendapunt(
        vergadering=volgende,
        titel=_("Goedkeuring van de notulen van %(vergadering)s") % {"vergadering": vorige},
        notulen_van=vorige,
        status=AgendapuntStatus.GEAGENDEERD,
        openbaar=True,
        addendum=volgende.agenda_gepubliceerd,
        volgnummer=_next_number(volgende),
    )
    punt.save()
    if not volgende.agenda_gepubliceerd:
        rest = [p for p in _genummerd(volgende) if p.pk != punt.pk]
        _renumber([punt, *rest])
    else:
        _queue_pdf(volgende)
    log_action(door, "notulen geagendeerd", punt, {"vergadering": str(volgende)}, "", _scope(volgende.orgaan))
    return punt
