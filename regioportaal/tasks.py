"""Mail tasks and the outbox's dispatcher: thin, idempotent (a Melding is sent once), retried when mail fails.

Mail is sent outside any transaction or row lock: a mail server that hangs (EMAIL_TIMEOUT bounds it) holds no lock.
A Melding is claimed in a short transaction, mailed, then marked sent; a crash between the mail and the mark sends it
again at the next run (at least once, never lost).
"""

from itertools import groupby

from celery import shared_task
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import outbox
from .models import Melding


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=30, retry_jitter=True, max_retries=10)
def send_melding(self, melding_id):
    with transaction.atomic():
        melding = (
            Melding.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("user")
            .filter(pk=melding_id, verzonden_op__isnull=True)
            .first()
        )
    if melding is None:
        return
    send_mail(melding.onderwerp, melding.tekst, None, [melding.adres])
    Melding.objects.filter(pk=melding.pk, verzonden_op__isnull=True).update(verzonden_op=timezone.now())


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=60, max_retries=10)
def send_digests(self):
    """Once a day: every unsent notification of a user, in one mail per user."""
    pending = (
        Melding.objects.filter(verzonden_op__isnull=True, user__isnull=False)
        .select_related("user")
        .order_by("user_id", "aangemaakt")
    )
    for _user_id, group in groupby(pending.iterator(), key=lambda m: m.user_id):
        meldingen = list(group)
        user = meldingen[0].user
        tekst = "\n\n".join(f"{m.onderwerp}\n{m.tekst}" for m in meldingen)
        send_mail(_("Regioportaal: uw meldingen van vandaag"), tekst, None, [user.email])
        Melding.objects.filter(pk__in=[m.pk for m in meldingen]).update(verzonden_op=timezone.now())


@shared_task
def dispatch_outbox():
    """Every minute: hand the outbox's open jobs to the workers again (after a broker outage, a lost message)."""
    return outbox.dispatch_open()
