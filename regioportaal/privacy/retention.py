"""Retention: what is past its period (settings.RETENTION_DAYS) is deleted by the nightly beat task.

- `meldingen`: notifications (regioportaal.Melding), to accounts and to persons' own addresses alike, counted from
  when they were made, sent or not;
- `uitnodigingen`: the finished mail jobs of used invitations (settings.RETENTION_INVITATION_TASKS) in the outbox;
- `outbox`: every other finished or given-up outbox job (regioportaal.OutboxJob);
- `beveiliging`: django-axes' rows of failed logins (address, e-mail address, browser) and expired sessions.

Open outbox jobs are never deleted, whatever their age: they are work still to do.
An unsubscription from optional mail (regioportaal.Afmelding) is kept as long as the portal runs: it is what keeps
that mail from the address; erasing the person removes it.
"""

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..models import Melding, OutboxJob


def _cutoff(now, key):
    return now - timedelta(days=settings.RETENTION_DAYS[key])


def _done_before(cutoff):
    return Q(finished_at__lt=cutoff) | Q(finished_at__isnull=True, given_up_at__lt=cutoff)


@transaction.atomic
def purge_expired(now=None):
    """Delete everything past its retention period; returns {what: number deleted}."""
    now = now or timezone.now()
    counts = {}
    counts["meldingen"] = Melding.objects.filter(aangemaakt__lt=_cutoff(now, "meldingen")).delete()[0]
    invitations = Q(task__in=settings.RETENTION_INVITATION_TASKS)
    counts["uitnodigingen"] = (
        OutboxJob.objects.filter(invitations).filter(_done_before(_cutoff(now, "uitnodigingen"))).delete()[0]
    )
    counts["outbox"] = OutboxJob.objects.filter(_done_before(_cutoff(now, "outbox"))).delete()[0]
    security_cutoff = _cutoff(now, "beveiliging")
    counts["beveiliging"] = sum(
        model.objects.filter(attempt_time__lt=security_cutoff).delete()[0]
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
    )
    counts["sessies"] = Session.objects.filter(expire_date__lt=now).delete()[0]
    return counts
