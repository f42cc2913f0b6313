"""Invitations to a planning day: the organiser invites people of the region's member governments (picked from
their seats) or anyone by name and e-mail address; each gets a personal link to register without an account."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from besturen.selectors import is_current_member
from besturen.services import regio_scope
from regioportaal.audit import log_action

from ...models import Bijeenkomst, Uitnodiging
from ...policies import BijeenkomstPolicy, inschrijving_open
from ...selectors import uitnodiging_kandidaten
from .berichten import _datum, send_uitnodiging


def _account(email):
    return get_user_model().objects.filter(email__iexact=email, is_active=True).first()


def _van_personen(bijeenkomst, personen):
    kandidaten = {k.persoon.pk: k for k in uitnodiging_kandidaten(bijeenkomst.regio)}
    for persoon in personen:
        kandidaat = kandidaten.get(persoon.pk)
        if kandidaat is None:
            raise ValidationError(
                {
                    "personen": _("%(persoon)s heeft geen functie bij een lid van %(regio)s.")
                    % {"persoon": persoon, "regio": bijeenkomst.regio}
                }
            )
        yield str(persoon), persoon.email, persoon.user or _account(persoon.email), kandidaat.bestuur


def _van_adressen(bijeenkomst, adressen):
    for naam, email, bestuur in adressen:
        naam, email = (naam or "").strip(), (email or "").strip()
        if not naam:
            raise ValidationError({"naam": _("Vul de naam in.")})
        try:
            validate_email(email)
        except ValidationError as exc:
            raise ValidationError({"email": _("Vul een geldig e-mailadres in.")}) from exc
        if bestuur is not None and not is_current_member(bijeenkomst.regio, bestuur):
            raise ValidationError(
                {"bestuur": _("%(bestuur)s is geen lid van deze regio.") % {"bestuur": bestuur}}
            )
        yield naam, email, _account(email), bestuur


@transaction.atomic
def invite(bijeenkomst, *, personen=(), adressen=(), door):
    """Invite `personen` (Persoon rows with a seat in the region) and `adressen` ((naam, email, bestuur or None)).

    Idempotent: an address already invited to this day is neither invited nor mailed again (the day's row is
    locked, so a double submit or two organisers at once make one invitation). Returns (new, already invited).
    """
    bijeenkomst = Bijeenkomst.objects.select_for_update().select_related("regio").get(pk=bijeenkomst.pk)
    BijeenkomstPolicy().require(door, "organise", bijeenkomst)
    if not inschrijving_open(bijeenkomst):
        raise ValidationError(
            _(
                "De inschrijving is gesloten (tot en met %(datum)s): een uitnodiging kan niet meer gebruikt worden."
            )
            % {"datum": _datum(bijeenkomst.inschrijven_tot)},
            code="gesloten",
        )
    entries = [*_van_personen(bijeenkomst, personen), *_van_adressen(bijeenkomst, adressen)]
    if not entries:
        raise ValidationError(_("Kies minstens één persoon, of vul een naam en e-mailadres in."))
    bestaand = {u.email: u for u in bijeenkomst.uitnodigingen.all()}
    nieuw, al = [], []
    for naam, email, user, bestuur in entries:
        email = email.lower()
        if email in bestaand:
            if bestaand[email] not in al and bestaand[email] not in nieuw:
                al.append(bestaand[email])
            continue
        uitnodiging = Uitnodiging(bijeenkomst=bijeenkomst, naam=naam, email=email, user=user, bestuur=bestuur)
        uitnodiging.full_clean()
        uitnodiging.save()
        bestaand[email] = uitnodiging
        nieuw.append(uitnodiging)
    if nieuw:
        log_action(
            door,
            "uitgenodigd",
            bijeenkomst,
            {"uitgenodigd": [u.naam for u in nieuw]},
            "",
            regio_scope(bijeenkomst.regio),
        )
        for uitnodiging in nieuw:
            send_uitnodiging(uitnodiging)
    return nieuw, al
