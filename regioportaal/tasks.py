"""Mail tasks: thin, idempotent (a Melding is sent once), retried when the mail server fails."""

from itertools import groupby

from celery import shared_task
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Melding


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=30, retry_jitter=True, max_retries=10)
def send_melding(self, melding_id):
    with transaction.atomic():
        melding = Melding.objects.select_for_update().select_related("user").filter(pk=melding_id).first()
        if melding is None or melding.verzonden_op is not None:
            return
        send_mail(melding.onderwerp, melding.tekst, None, [melding.user.email])
        melding.verzonden_op = timezone.now()
        melding.save(update_fields=["verzonden_op"])


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=60, max_retries=10)
def send_digests(self):
    """Once a day: every unsent notification of a user, in one mail per user."""
    pending = (
        Melding.objects.filter(verzonden_op__isnull=True)
        .select_related("user")
        .order_by("user_id", "aangemaakt")
    )
    for _user_id, group in groupby(pending.iterator(), key=lambda m: m.user_id):
        meldingen = list(group)
        user = meldingen[0].user
        tekst = "\n\n".join(f"{m.onderwerp}\n{m.tekst}" for m in meldingen)
        with transaction.atomic():
            send_mail(_("Regioportaal: uw meldingen van vandaag"), tekst, None, [user.email])
            Melding.objects.filter(pk__in=[m.pk for m in meldingen]).update(verzonden_op=timezone.now())
