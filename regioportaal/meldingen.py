"""Notifications: one outbox for every message, to accounts and to persons without an account.

`send(ontvangers, onderwerp, tekst, sleutel="", soort="")` stores one Melding per recipient and puts the mail in the
outbox (`regioportaal.outbox`), sent after the commit. A recipient is a user (who chooses immediate mail or the daily
digest) or an `Adres(naam, email)` for a person without an account (always mailed at once). A `sleutel` makes a
message once-only per recipient (e.g. one reminder per deadline). The mail task is retried; the daily digest sends
whatever is still unsent, so nothing is lost while the mail server is down. Each Melding is the record of who received
what, and when.
"""

from typing import NamedTuple

from django.db import IntegrityError, transaction

from . import outbox
from .models import Melding


class Adres(NamedTuple):
    """A person without an account, reached at their own e-mail address."""

    naam: str
    email: str


def _store(ontvanger, onderwerp, tekst, sleutel, soort):
    if isinstance(ontvanger, Adres):
        if not ontvanger.email:
            return None
        velden = {"email": ontvanger.email.strip().lower(), "naam": ontvanger.naam}
    else:
        if ontvanger is None or not ontvanger.is_active:
            return None
        velden = {"user": ontvanger}
    try:
        with transaction.atomic():
            return Melding.objects.create(
                onderwerp=onderwerp, tekst=tekst, sleutel=sleutel, soort=soort, **velden
            )
    except IntegrityError:
        return None  # already notified for this key


def send(ontvangers, onderwerp, tekst, sleutel="", soort=""):
    """Notify each of `ontvangers` (users or `Adres`es); returns the Meldingen created (none for a repeat `sleutel`)."""
    created = []
    for ontvanger in ontvangers:
        melding = _store(ontvanger, onderwerp, tekst, sleutel, soort)
        if melding is None:
            continue
        created.append(melding)
        if melding.user_id is None or melding.user.meldingen == "direct":
            outbox.enqueue("regioportaal.tasks.send_melding", melding.pk)
    return created


def notify(users, onderwerp, tekst, sleutel=""):
    """Notify account holders `users` (kept for existing callers; `send` also reaches persons without an account)."""
    return send(users, onderwerp, tekst, sleutel=sleutel)
