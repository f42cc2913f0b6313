"""Notifications: the mail preference, and the messages to a body's members about a meeting (agenda, addendum).

Every current member with an e-mail address is reached: through their account (which follows their choice between
immediate mail and the daily digest) or, without an account, at the person's own address (`meldingen.Adres`). Each
message is linked to the meeting (`over=`), so the secretariat sees who received what on the meeting's recipients
page.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from besturen.selectors import current_seats
from regioportaal.audit import log_action
from regioportaal.links import absolute_url
from regioportaal.meldingen import Adres, send
from regioportaal.models import MeldingSoort
from regioportaal.permissions import NotAllowed, is_system

from ..models import AgendapuntStatus

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


def ontvangers_van(orgaan):
    """Every current member of `orgaan` once: their active account, or else `Adres` at their own address; members
    with neither are left out (one query)."""
    ontvangers, gezien = [], set()
    for seat in current_seats(orgaan=orgaan).select_related("persoon__user").order_by("pk"):
        persoon = seat.persoon
        if persoon.pk in gezien:
            continue
        gezien.add(persoon.pk)
        user = persoon.user
        if user is not None and user.is_active:
            ontvangers.append(user)
        elif user is None and persoon.email:
            ontvangers.append(Adres(str(persoon), persoon.email))
    return ontvangers


def notify_leden(vergadering, onderwerp, tekst, *, sleutel, soort):
    """Send one message about `vergadering` to each current member of its body (see `ontvangers_van`); use this for
    every meeting notice (agenda, addendum, moved, cancelled) so it shows on the meeting's recipients page."""
    return send(
        ontvangers_van(vergadering.orgaan_id),
        onderwerp,
        tekst,
        sleutel=sleutel,
        soort=soort,
        over=vergadering,
    )


def _punten(vergadering):
    return list(
        vergadering.agendapunten.filter(status=AgendapuntStatus.GEAGENDEERD).order_by("volgnummer", "pk")
    )


def _notify_agenda(vergadering):
    """Notify every current member of the published agenda (once per meeting)."""
    tekst = render_to_string(
        "vergaderingen/mail/agenda.txt",
        {
            "vergadering": vergadering,
            "punten": _punten(vergadering),
            "link": absolute_url(vergadering.get_absolute_url()),
        },
    )
    onderwerp = _("Agenda gepubliceerd: %(vergadering)s") % {"vergadering": vergadering}
    return notify_leden(
        vergadering,
        onderwerp,
        tekst,
        sleutel=f"vergaderingen:agenda:{vergadering.pk}",
        soort=MeldingSoort.AGENDA,
    )


def notify_addendum(punt):
    """Notify every current member of an item added to a published agenda (once per item)."""
    vergadering = punt.vergadering
    if not vergadering.agenda_gepubliceerd:
        return []
    tekst = _(
        "De agenda van %(vergadering)s is aangevuld met punt %(nummer)s: %(titel)s%(besloten)s.\n\n"
        "De agenda met de stukken: %(link)s"
    ) % {
        "vergadering": vergadering,
        "nummer": punt.volgnummer,
        "titel": punt.titel,
        "besloten": "" if punt.openbaar else f" ({_('besloten')})",
        "link": absolute_url(vergadering.get_absolute_url()),
    }
    onderwerp = _("Aanvulling op de agenda: %(vergadering)s") % {"vergadering": vergadering}
    return notify_leden(
        vergadering,
        onderwerp,
        tekst,
        sleutel=f"vergaderingen:addendum:{punt.pk}",
        soort=MeldingSoort.ADDENDUM,
    )
