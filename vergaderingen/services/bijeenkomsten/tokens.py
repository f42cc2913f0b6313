"""The personal links of planning days, signed with `django.core.signing`: an invitee's registration link (one person,
one day, valid until the registration deadline) and a registration's calendar file."""

from django.core import signing

from ...models import Inschrijving, Uitnodiging

UITNODIGING_SALT = "vergaderingen.uitnodiging"
ICS_SALT = "vergaderingen.inschrijving.ics"


def uitnodiging_token(uitnodiging):
    """The invitee's token: the invitation, its day and its address, signed (no expiry inside: the day's current
    deadline decides, so an extended deadline extends the link)."""
    return signing.dumps(
        {"u": uitnodiging.pk, "b": uitnodiging.bijeenkomst_id, "e": uitnodiging.email}, salt=UITNODIGING_SALT
    )


def uitnodiging_van(token):
    """The invitation the token was made for, or None for a tampered, foreign or withdrawn link."""
    try:
        data = signing.loads(token, salt=UITNODIGING_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    return (
        Uitnodiging.objects.select_related("bijeenkomst__regio", "bestuur", "user")
        .filter(pk=data.get("u"), bijeenkomst_id=data.get("b"), email=data.get("e"))
        .first()
    )


def ics_token(inschrijving):
    return signing.dumps({"i": inschrijving.pk, "b": inschrijving.bijeenkomst_id}, salt=ICS_SALT)


def inschrijving_van_ics(token):
    """The registration of a calendar link, or None."""
    try:
        data = signing.loads(token, salt=ICS_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    return (
        Inschrijving.objects.select_related("bijeenkomst")
        .filter(pk=data.get("i"), bijeenkomst_id=data.get("b"))
        .first()
    )
