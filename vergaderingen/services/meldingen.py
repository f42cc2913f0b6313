"""Notifications: the mail preference and the notice of a published agenda."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from besturen.selectors import accounts_of, current_seats
from regioportaal.audit import log_action
from regioportaal.links import absolute_url
from regioportaal.meldingen import notify
from regioportaal.permissions import NotAllowed, is_system

from .agenda import _genummerd

MELDING_KEUZES = get_user_model()._meta.get_field("meldingen").choices


@transaction.atomic
def set_notificatievoorkeur(user, *, frequentie, door):
    """Choose immediate mail or one daily digest (the portal-wide choice on the account)."""
    if not is_system(door) and door != user:
        raise NotAllowed(_("U kiest alleen uw eigen voorkeur."))
    if frequentie not in dict(MELDING_KEUZES):
        raise ValidationError({"frequentie": _("Kies meteen of dagelijks.")})
    if user.meldingen != frequentie:
        log_action(door, "voorkeur gewijzigd", user, {"meldingen": [user.meldingen, frequentie]})
        user.meldingen = frequentie
        user.save(update_fields=["meldingen"])
    return user


def _notify_agenda(vergadering):
    """Notify every current member with an account of the published agenda (once per meeting)."""
    users = accounts_of(current_seats(orgaan=vergadering.orgaan_id, with_account=True))
    tekst = render_to_string(
        "vergaderingen/mail/agenda.txt",
        {
            "vergadering": vergadering,
            "punten": _genummerd(vergadering),
            "link": absolute_url(vergadering.get_absolute_url()),
        },
    )
    onderwerp = _("Agenda gepubliceerd: %(vergadering)s") % {"vergadering": vergadering}
    return notify(set(users), onderwerp, tekst, sleutel=f"vergaderingen:agenda:{vergadering.pk}")
