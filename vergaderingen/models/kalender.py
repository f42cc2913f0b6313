"""The secret token of a user's personal calendar URL."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def nieuw_token():
    return secrets.token_urlsafe(32)


class KalenderToken(models.Model):
    """The secret in a user's personal calendar URL; revoking it replaces it with a new one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kalendertoken"
    )
    token = models.CharField(max_length=64, unique=True, default=nieuw_token)
    aangemaakt = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kalendertoken")
        verbose_name_plural = _("kalendertokens")

    def __str__(self):
        return f"{self.user}"
