"""Notifications: one outbox for every message, to accounts and to persons without an account.

`send(ontvangers, onderwerp, tekst, sleutel="", soort="", over=None)` stores one Melding per recipient and puts the
mail in the outbox (`regioportaal.outbox`), sent after the commit. A recipient is a user (who chooses immediate mail
or the daily digest) or an `Adres(naam, email)` for a person without an account (always mailed at once; an address
that belongs to an active account is sent as to that account, by its choice). A `sleutel` makes a message once-only
per recipient (e.g. one reminder per deadline); `over` names the object the message is about (a meeting), so a page
can list who received what about it (`meldingen_over`). The mail task is retried; the daily digest sends whatever is
still unsent, so nothing is lost while the mail server is down. Each Melding is the record of who received what, and
when.

Optional mail (`OPTIONEEL`: invitations to planning days and deadline reminders) carries a signed unsubscribe link
(`afmeldlink`, per address and kind, no login needed); `send` skips an address that unsubscribed from that kind. The
mail of an office (agendas, addenda, changed or cancelled meetings to the body's members) and the answers to a
person's own action (a registration) are not optional: they always go out.
"""

from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from . import outbox
from .audit import log_action
from .links import absolute_url
from .models import Afmelding, Melding, MeldingSoort

OPTIONEEL = frozenset({MeldingSoort.UITNODIGING, MeldingSoort.HERINNERING})
AFMELDEN_SALT = "regioportaal.meldingen.afmelden"


class Adres(NamedTuple):
    """A person without an account, reached at their own e-mail address."""

    naam: str
    email: str


def is_optioneel(soort):
    """Whether a person may unsubscribe from messages of this kind."""
    return soort in OPTIONEEL


def _adres_van(ontvanger):
    """The lower-case address a recipient is mailed at, or "" when there is none (or the account is inactive)."""
    if isinstance(ontvanger, Adres):
        return (ontvanger.email or "").strip().lower()
    if ontvanger is None or not ontvanger.is_active:
        return ""
    return (ontvanger.email or "").strip().lower()


def _afgemeld(adressen, soort):
    """The addresses among `adressen` that unsubscribed from `soort` (one query; none for mandatory kinds)."""
    if not is_optioneel(soort) or not adressen:
        return set()
    return set(Afmelding.objects.filter(soort=soort, email__in=adressen).values_list("email", flat=True))


def _met_account(kandidaten):
    """Put the account in place of an `Adres` that is an active account's address, so its choice (immediate or
    digest) holds there too (one query, only when there are addresses)."""
    adressen = {adres for ontvanger, adres in kandidaten if isinstance(ontvanger, Adres)}
    if not adressen:
        return kandidaten
    accounts = {
        user.email.lower(): user
        for user in get_user_model().objects.filter(email__in=adressen, is_active=True)
    }
    return [
        (accounts.get(adres, ontvanger) if isinstance(ontvanger, Adres) else ontvanger, adres)
        for ontvanger, adres in kandidaten
    ]


def _store(ontvanger, adres, onderwerp, tekst, sleutel, soort, over):
    if isinstance(ontvanger, Adres):
        velden = {"email": adres, "naam": ontvanger.naam}
    else:
        velden = {"user": ontvanger}
    if over is not None:
        velden["content_type"] = ContentType.objects.get_for_model(over, for_concrete_model=False)
        velden["object_id"] = str(over.pk)
    try:
        with transaction.atomic():
            return Melding.objects.create(
                onderwerp=onderwerp, tekst=tekst, sleutel=sleutel, soort=soort, **velden
            )
    except IntegrityError:
        return None  # already notified for this key


def send(ontvangers, onderwerp, tekst, sleutel="", soort="", over=None):
    """Notify each of `ontvangers` (users or `Adres`es) once per address; returns the Meldingen created (none for a
    repeat `sleutel`, an inactive account, an empty address, or an address that unsubscribed from this `soort`)."""
    kandidaten = []
    gezien = set()
    for ontvanger in ontvangers:
        adres = _adres_van(ontvanger)
        if adres and adres not in gezien:
            gezien.add(adres)
            kandidaten.append((ontvanger, adres))
    kandidaten = _met_account(kandidaten)
    afgemeld = _afgemeld(gezien, soort)
    created = []
    for ontvanger, adres in kandidaten:
        if adres in afgemeld:
            continue
        melding = _store(ontvanger, adres, onderwerp, tekst, sleutel, soort, over)
        if melding is None:
            continue
        created.append(melding)
        if melding.user_id is None or melding.user.meldingen == "direct":
            outbox.enqueue("regioportaal.tasks.send_melding", melding.pk)
    return created


def notify(users, onderwerp, tekst, sleutel="", soort=""):
    """Notify account holders `users` (kept for existing callers; `send` also reaches persons without an account)."""
    return send(users, onderwerp, tekst, sleutel=sleutel, soort=soort)


def meldingen_over(obj):
    """Every message about `obj`, newest first, with its account (one query, whatever the number of recipients)."""
    return (
        Melding.objects.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
        )
        .select_related("user")
        .order_by("-aangemaakt", "pk")
    )


# --- Unsubscribing from optional mail ------------------------------------------------------------------------------


def afmeldtoken(email, soort):
    """A signed token for `email` and `soort` (no expiry: a link in an old mail keeps working)."""
    return signing.dumps({"e": email.strip().lower(), "s": soort}, salt=AFMELDEN_SALT, compress=True)


def read_unsubscribe_token(token):
    """(email, soort) from a token `afmeldtoken` made; raises `signing.BadSignature` for a tampered or foreign one."""
    data = signing.loads(token, salt=AFMELDEN_SALT)
    if not isinstance(data, dict) or not is_optioneel(data.get("s")) or not data.get("e"):
        raise signing.BadSignature("geen afmeldtoken")
    return data["e"], data["s"]


def afmeldlink(email, soort):
    """The absolute link to the page that unsubscribes `email` from `soort`."""
    return absolute_url(reverse("afmelden", args=[afmeldtoken(email, soort)]))


def is_afgemeld(email, soort):
    return Afmelding.objects.filter(email=email.strip().lower(), soort=soort).exists()


@transaction.atomic
def unsubscribe(email, soort, *, door=None):
    """Record that `email` wants no more mail of the optional kind `soort` (idempotent); returns the Afmelding."""
    if not is_optioneel(soort):
        raise ValueError(f"soort {soort!r} is niet optioneel")
    afmelding, created = Afmelding.objects.get_or_create(email=email.strip().lower(), soort=soort)
    if created:
        log_action(door, "afgemeld", afmelding, {"soort": soort})
    return afmelding


@transaction.atomic
def resubscribe(email, soort, *, door=None):
    """Undo `unsubscribe`: mail of `soort` reaches `email` again (idempotent)."""
    afmelding = Afmelding.objects.filter(email=email.strip().lower(), soort=soort).first()
    if afmelding is not None:
        log_action(door, "weer aangemeld", afmelding, {"soort": soort})
        afmelding.delete()


def mail_tekst(melding):
    """The mail body of one message: its text and, for optional mail, the unsubscribe link."""
    if not is_optioneel(melding.soort):
        return melding.tekst
    return "{tekst}\n\n-- \n{uitleg}\n{link}".format(
        tekst=melding.tekst,
        uitleg=_("U krijgt deze e-mail omdat u in het Regioportaal staat. Geen %(soort)s meer ontvangen?")
        % {"soort": melding.get_soort_display()},
        link=afmeldlink(melding.adres, melding.soort),
    )
