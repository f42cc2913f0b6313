"""Calendars: the personal feed token and a meeting as a calendar event."""

from django.db import transaction
from django.utils.translation import gettext as _

from regioportaal import ical
from regioportaal.audit import log_action
from regioportaal.links import absolute_url
from regioportaal.permissions import NotAllowed, is_system

from ..models import (
    AgendapuntStatus,
    KalenderToken,
)


def kalendertoken(user):
    """The user's calendar token, made on first use (a write: called from POST handlers and tests, never a GET).

    Only its hash is stored: `token` holds the secret only when it is made by this call (None for an existing one)."""
    token = KalenderToken.objects.filter(user=user).first()
    if token is None:
        token = KalenderToken(user=user)
        token.set_token()
        token.save()
    return token


@transaction.atomic
def renew_kalendertoken(user, *, door):
    """Revoke the personal calendar URL: a new secret replaces the old one at once.

    The returned token carries the new secret (`token`) for the page that shows it once; the database keeps only
    its hash."""
    if not is_system(door) and door != user:
        raise NotAllowed(_("U vernieuwt alleen uw eigen agenda-link."))
    token = KalenderToken.objects.select_for_update().filter(user=user).first() or KalenderToken(user=user)
    token.set_token()
    token.save()
    log_action(door, "agenda-link vernieuwd", user, {})
    return token


def _regel(punt):
    regel = f"{punt.volgnummer}. {punt.titel}"
    if punt.status == AgendapuntStatus.INGETROKKEN:
        regel += " ({})".format(_("ingetrokken"))
    return regel


def vergadering_event(vergadering, *, met_besloten):
    """A meeting as a calendar event; its items come from `feedpunten` when a selector prefetched them. A cancelled
    meeting stays in the feed as STATUS:CANCELLED, so subscribed calendars strike it instead of losing it."""
    punten = getattr(vergadering, "feedpunten", None)
    if punten is None:
        from ..selectors import agenda

        punten = agenda(vergadering, met_besloten=met_besloten)
    regels = [_regel(p) for p in punten]
    if vergadering.online_link:
        regels.append(_("Online: %(link)s") % {"link": vergadering.online_link})
    summary = str(vergadering.orgaan)
    if vergadering.geannuleerd:
        summary = _("Geannuleerd: %(orgaan)s") % {"orgaan": summary}
        regels.insert(0, _("Geannuleerd: %(reden)s") % {"reden": vergadering.reden_annulering})
    return ical.Event(
        uid=ical.uid("vergadering", vergadering.pk),
        start=vergadering.begin,
        end=vergadering.einde,
        status="CANCELLED" if vergadering.geannuleerd else "",
        summary=summary,
        dtstamp=vergadering.bijgewerkt.replace(microsecond=0),
        description="\n".join(regels),
        location=vergadering.locatie or vergadering.online_link,
        url=absolute_url(vergadering.get_absolute_url()),
        sequence=vergadering.wijzigingen,
    )
