"""Notifications: each user chooses immediate mail or a daily digest; a failing mail server loses nothing.

`notify(users, onderwerp, tekst, sleutel="")` stores one Melding per user (a `sleutel` makes it once-only, e.g. one
reminder per deadline) and, after the transaction commits, queues the mail of the immediate ones. The mail task is
retried; the daily digest task sends whatever is still unsent, so nothing is lost while the mail server is down.
"""

from django.db import IntegrityError, transaction

from .models import Melding


def notify(users, onderwerp, tekst, sleutel=""):
    """Notify `users`; returns the Meldingen created (none for a user who already had this `sleutel`)."""
    from .tasks import send_melding

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
            transaction.on_commit(lambda pk=melding.pk: send_melding.delay(pk), robust=True)
    return created
