"""Notifications: each user chooses immediate mail or a daily digest; a failing mail server loses nothing.

`notify(users, onderwerp, tekst, sleutel="")` stores one Melding per user (a `sleutel` makes it once-only, e.g. one
reminder per deadline) and puts the mail of the immediate ones in the outbox (`regioportaal.outbox`), sent after the commit. The mail task is
retried; the daily digest task sends whatever is still unsent, so nothing is lost while the mail server is down.
"""

from django.db import IntegrityError, transaction

from . import outbox
from .models import Melding


def notify(users, onderwerp, tekst, sleutel=""):
    """Notify `users`; returns the Meldingen created (none for a user who already had this `sleutel`)."""
    created = []
    for user in users:
        if user is None or not user.is_active:
            continue
        try:
            with transaction.atomic():
                melding = Melding.objects.create(user=user, onderwerp=onderwerp, tekst=tekst, sleutel=sleutel)
        except IntegrityError:
            continue  # already notified for this key
        created.append(melding)
        if user.meldingen == "direct":
            outbox.enqueue("regioportaal.tasks.send_melding", melding.pk)
    return created
