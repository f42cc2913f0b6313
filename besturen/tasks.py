"""Celery tasks of besturen: thin, idempotent, retried."""

from celery import shared_task
from django.contrib.auth import get_user_model

from . import services


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=30, retry_jitter=True, max_retries=8)
def send_uitnodiging(self, user_id):
    """Mail the one-time link with which an invited person sets their password."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is not None and not user.has_usable_password():
        services.send_uitnodiging_mail(user)


@shared_task
def sync_rollen_dagelijks():
    """Reconcile role groups with membership dates (Celery beat, daily just after midnight)."""
    reden = "dagelijkse controle van lidmaatschapsdata"
    return services.sync_rollen(reden=reden), services.sync_regio_rechten(reden=reden)
