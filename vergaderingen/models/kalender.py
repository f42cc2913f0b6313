"""The secret token of a user's personal calendar URL, stored only as its hash."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def nieuw_token():
    return secrets.token_urlsafe(32)


def hash_token(token):
    """The stored form of a calendar token: its SHA-256 (hex). A feed is looked up by the hash of its URL's token."""
    return hashlib.sha256(token.encode()).hexdigest()


class KalenderToken(models.Model):
    """The secret in a user's personal calendar URL; revoking it replaces it with a new one.

    Only the hash is stored (`token_hash`): the secret itself is shown once, when it is made (`token` holds it on
    the instance the service returns, never in the database)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kalendertoken"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    aangemaakt = models.DateTimeField(auto_now=True)

    #: The secret, only on an instance just made or renewed (not a database field).
    token = None

    class Meta:
        verbose_name = _("kalendertoken")
        verbose_name_plural = _("kalendertokens")

    def __str__(self):
        return f"{self.user}"

    def set_token(self):
        """Make a new secret: its hash is stored, the secret is kept on this instance only."""
        self.token = nieuw_token()
        self.token_hash = hash_token(self.token)
        return self.token
