"""Mail tasks and the outbox's dispatcher: thin, idempotent (a Melding is sent once), retried when mail fails.

Mail is sent outside any transaction or row lock: a mail server that hangs (EMAIL_TIMEOUT bounds it) holds no lock.
A Melding is claimed in a short transaction (`verzending_gestart`), mailed, then marked sent; a second run finds it
sent or claimed and sends nothing, so retries and re-dispatched jobs never mail it twice. A failed mail releases the
claim and keeps the error (`fout`) for the retry; only a worker that dies between the mail and the mark leaves a claim,
which a run after `CLAIM_STALE` takes over (at least once, never lost).
"""

from datetime import timedelta

from celery import shared_task
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import outbox
from .meldingen import OPTIONEEL, afmeldlink, mail_tekst
from .models import Melding

CLAIM_STALE = timedelta(minutes=30)  # a claim older than this belongs to a worker that died mid-mail
LEFTOVER = timedelta(hours=1)  # an immediate message still unsent after this goes out with the daily run


def _claim(meldingen):
    """Claim the unsent messages among `meldingen` that no other run is sending (or whose run died); returns them.

    The claim is a short transaction: the rows are locked only while `verzending_gestart` is set, never while mailing.
    """
    now = timezone.now()
    with transaction.atomic():
        claimed = list(
            meldingen.select_for_update(skip_locked=True, of=("self",))
            .filter(verzonden_op__isnull=True)
            .filter(Q(verzending_gestart__isnull=True) | Q(verzending_gestart__lt=now - CLAIM_STALE))
            .select_related("user")
        )
        Melding.objects.filter(pk__in=[m.pk for m in claimed]).update(verzending_gestart=now)
    return claimed


def _mark_sent(meldingen):
    Melding.objects.filter(pk__in=[m.pk for m in meldingen], verzonden_op__isnull=True).update(
        verzonden_op=timezone.now(), verzending_gestart=None, fout=""
    )


def _mark_failed(meldingen, exc):
    """Release the claim and keep the error (the secretariat sees "failed"); the retry sends it."""
    Melding.objects.filter(pk__in=[m.pk for m in meldingen], verzonden_op__isnull=True).update(
        verzending_gestart=None, fout=repr(exc)[:2000]
    )


def _mail(meldingen, onderwerp, tekst, adres):
    headers = {}
    if len(meldingen) == 1 and meldingen[0].soort in OPTIONEEL:
        headers["List-Unsubscribe"] = f"<{afmeldlink(adres, meldingen[0].soort)}>"
    try:
        EmailMessage(onderwerp, tekst, None, [adres], headers=headers).send()
    except Exception as exc:
        _mark_failed(meldingen, exc)
        raise
    _mark_sent(meldingen)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=30, retry_jitter=True, max_retries=10)
def send_melding(self, melding_id):
    """Mail one message, once: a second run (a retry, a re-dispatched job) finds it sent or claimed and stops."""
    for melding in _claim(Melding.objects.filter(pk=melding_id)):
        _mail([melding], melding.onderwerp, mail_tekst(melding), melding.adres)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=60, max_retries=10)
def send_digests(self):
    """Once a day: every unsent message of a user who chose the digest, in one mail per user; and any immediate
    message still unsent after an hour (its job was given up), so nothing is lost. Each message goes out once."""
    stuck = Q(aangemaakt__lt=timezone.now() - LEFTOVER)
    users = (
        Melding.objects.filter(verzonden_op__isnull=True, user__isnull=False)
        .filter(Q(user__meldingen="dagelijks") | stuck)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )
    for user_id in list(users):
        meldingen = sorted(
            _claim(Melding.objects.filter(user_id=user_id).filter(Q(user__meldingen="dagelijks") | stuck)),
            key=lambda m: (m.aangemaakt, m.pk),
        )
        if meldingen:
            tekst = "\n\n".join(f"{m.onderwerp}\n{mail_tekst(m)}" for m in meldingen)
            _mail(meldingen, _("Regioportaal: uw meldingen van vandaag"), tekst, meldingen[0].user.email)
    for melding in _claim(Melding.objects.filter(user__isnull=True).filter(stuck)):
        _mail([melding], melding.onderwerp, mail_tekst(melding), melding.adres)


@shared_task
def dispatch_outbox():
    """Every minute: hand the outbox's open jobs to the workers again (after a broker outage, a lost message)."""
    return outbox.dispatch_open()


@shared_task
def sweep_uploads():
    """Every hour: delete the stored files no row names that are older than an hour (an upload whose transaction
    never committed, e.g. a worker killed between writing the file and the commit). Returns how many went."""
    from .uploads import sweep_orphans

    return len(sweep_orphans())
