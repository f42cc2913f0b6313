"""Account mail tasks: the password-reset link, sent by a worker outside any transaction, retried with backoff.

Registered through CELERY_IMPORTS (autodiscovery finds only `tasks.py`).
"""

import smtplib

from celery import shared_task
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .links import absolute_url


def _accounts_for(email):
    """Active accounts with a usable password whose address is `email` (Django's PasswordResetForm.get_users)."""
    users = get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
    return [user for user in users if user.has_usable_password() and user.email.lower() == email.lower()]


@shared_task(
    bind=True,
    autoretry_for=(OSError, smtplib.SMTPException),
    retry_backoff=30,
    retry_jitter=True,
    max_retries=8,
)
def send_password_reset(self, email, language="nl"):
    """Mail a one-time link to choose a new password to every account of `email`; nothing when there is none."""
    with translation.override(language):
        for user in _accounts_for(email):
            path = reverse(
                "password_reset_confirm",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": default_token_generator.make_token(user),
                },
            )
            context = {"user": user, "link": absolute_url(path)}
            subject = "".join(render_to_string("registration/wachtwoord_onderwerp.txt", context).splitlines())
            body = render_to_string("registration/wachtwoord_mail.txt", context)
            send_mail(subject, body, None, [user.email])
