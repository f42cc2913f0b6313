"""Meetings and their workflow: plan, move, publish the agenda, close, minutes and their approval."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regioportaal.audit import diff, log_action, snapshot

from .. import permissions, workflow
from ..models import (
    Agendapunt,
    AgendapuntStatus,
    Vergadering,
    VergaderingStatus,
)
from ._gedeeld import _create, _lock, _scope
from .agenda import _genummerd, _next_number, _queue_pdf, _renumber, volgende_vergadering
from .meldingen import _notify_agenda

VERGADERING_FIELDS = ["orgaan", "begin", "einde", "locatie", "online_link", "status"]


def _transition(vergadering, naar, door, reden=""):
    van = vergadering.status
    if not workflow.allowed(van, naar):
        raise ValidationError(
            _("Een vergadering met status ‘%(van)s’ kan niet naar ‘%(naar)s’.")
            % {"van": VergaderingStatus(van).label, "naar": VergaderingStatus(naar).label},
            code="overgang",
        )
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
    permissions.require_manage(door, orgaan)
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


@transaction.atomic
def update_vergadering(vergadering, *, door, **values):
    """Change the time or place of a meeting; subscribers' calendars see the new SEQUENCE."""
    permissions.require_manage(door, vergadering.orgaan)
    vergadering = _lock(vergadering)
    if vergadering.status not in (VergaderingStatus.GEPLAND, VergaderingStatus.AGENDA_GEPUBLICEERD):
        raise ValidationError(_("Een afgelopen vergadering verplaatst u niet meer."))
    fields = ["begin", "einde", "locatie", "online_link"]
    before = snapshot(vergadering, fields)
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
    return vergadering


@transaction.atomic
def publish_agenda(vergadering, *, door):
    """Publish the agenda: the numbering is frozen, the members hear of it and the agenda PDF is made."""
    permissions.require_manage(door, vergadering.orgaan)
    vergadering = _lock(vergadering)
    if not vergadering.agendapunten.filter(status=AgendapuntStatus.GEAGENDEERD).exists():
        raise ValidationError(_("De agenda is leeg: voeg eerst agendapunten toe."))
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
    permissions.require_manage(door, vergadering.orgaan)
    vergadering = _lock(vergadering)
    if vergadering.begin > timezone.now() and vergadering.status == VergaderingStatus.AGENDA_GEPUBLICEERD:
        raise ValidationError(_("De vergadering is nog niet begonnen."))
    _transition(vergadering, VergaderingStatus.AFGELOPEN, door)
    vergadering.save(update_fields=["status", "bijgewerkt"])
    return vergadering


@transaction.atomic
def save_notulen(vergadering, *, notulen, door):
    """Draft the minutes; their approval goes on the agenda of the next meeting."""
    permissions.require_manage(door, vergadering.orgaan)
    vergadering = _lock(vergadering)
    if vergadering.status != VergaderingStatus.AFGELOPEN:
        raise ValidationError(_("Notulen schrijft u na de vergadering en vóór hun goedkeuring."))
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
    permissions.require_manage(door, vergadering.orgaan)
    vergadering = _lock(vergadering)
    if not vergadering.notulen and vergadering.status == VergaderingStatus.AFGELOPEN:
        raise ValidationError(_("Er zijn nog geen notulen om goed te keuren."))
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
