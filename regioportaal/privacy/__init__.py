"""Privacy rights (AVG/GDPR): a person's export and erasure, gathered from every app without importing one.

`regioportaal` may not import the apps, so each app registers a provider in its `AppConfig.ready()` (as it registers
its links in `regioportaal.navigatie`):

    privacy.register("besturen", _("Persoon en lidmaatschappen"), export=export, erase=erase, volgorde=10,
                     find=find_persoon)

- `export(betrokkene) -> dict`: everything the app holds about the person, as plain values (JSON-ready);
- `erase(betrokkene) -> dict`: removes or pseudonymises it, except the public record (office holders' names on
  published decisions and memberships of public bodies); returns counts {what: number}, never the erased data;
- `find(email) -> Persoon | None` (one app, besturen): the person with that e-mail address.

A `Betrokkene` (the data subject) is a person (`besturen.Persoon`, when there is one) and their account (when there
is one). `export` and `erase` below run every provider (lowest app first for the export, highest first for the
erasure), check the permission first, run in one transaction and write one action-log entry without the erased
data; the portal's own part (account, notifications, action log) is the provider `regioportaal`, which erases last
and so also pseudonymises what the other providers logged on the way.
"""

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from .. import security
from ..audit import log_action
from ..models import ActionLog
from ..permissions import require
from . import account

ACTIE_EXPORT = "persoonsgegevens geëxporteerd"
ACTIE_ERASE = "persoonsgegevens gewist"


@dataclass(frozen=True)
class Provider:
    naam: str
    label: Any
    export: Any
    erase: Any
    volgorde: int = 50
    find: Any = None


_providers = {}


def register(naam, label, *, export, erase, volgorde=50, find=None):
    """Register (or replace) the provider of the app `naam`."""
    _providers[naam] = Provider(naam, label, export, erase, volgorde, find)


def providers():
    """The registered providers, lowest app first."""
    return sorted(_providers.values(), key=lambda provider: provider.volgorde)


@dataclass
class Betrokkene:
    """The data subject: a person (besturen.Persoon) and/or their account (regioportaal.User)."""

    persoon: Any = None
    user: Any = None

    def __post_init__(self):
        if self.user is None and self.persoon is not None:
            self.user = getattr(self.persoon, "user", None)
        if self.persoon is None and self.user is not None:
            try:
                self.persoon = self.user.persoon
            except (ObjectDoesNotExist, AttributeError):
                self.persoon = None

    @cached_property
    def emails(self):
        """The person's e-mail addresses (lower case): the person's and the account's."""
        found = [getattr(self.persoon, "email", ""), getattr(self.user, "email", "")]
        return sorted({email.strip().lower() for email in found if email and email.strip()})

    @cached_property
    def namen(self):
        """The person's full names as the portal writes them ("Voornaam Achternaam")."""
        found = []
        if self.persoon is not None:
            found.append(f"{self.persoon.voornaam} {self.persoon.achternaam}")
        if self.user is not None:
            found.append(self.user.get_full_name())
        return sorted({name.strip() for name in found if name and name.strip()})

    @cached_property
    def naam(self):
        return str(self.persoon) if self.persoon is not None else (str(self.user) if self.user else "")

    @cached_property
    def pseudoniem(self):
        """What replaces the name and e-mail address in the action log: stable, and no personal data."""
        if self.persoon is not None and self.persoon.pk:
            return f"verwijderde persoon P{self.persoon.pk}"
        return f"verwijderde persoon U{self.user.pk}"

    @cached_property
    def objecten(self):
        """(content type id, object id) of the person and of the account."""
        return {
            (ContentType.objects.get_for_model(obj, for_concrete_model=False).pk, str(obj.pk))
            for obj in (self.persoon, self.user)
            if obj is not None and obj.pk
        }

    def freeze(self):
        """Remember names, addresses and ids now: the erasure changes the rows they are read from."""
        return (self.emails, self.namen, self.naam, self.pseudoniem, self.objecten)

    @property
    def doel(self):
        """The object an action-log entry about this person names: the person, else the account."""
        return self.persoon if self.persoon is not None else self.user


def for_user(user):
    """The data subject of a logged-in user (their person, if they have one)."""
    return Betrokkene(user=user)


def find(email):
    """The data subject with the e-mail address `email` (person and/or account), or None."""
    email = (email or "").strip()
    if not email:
        return None
    user = get_user_model().objects.filter(email__iexact=email).first()
    persoon = None
    for provider in providers():
        if provider.find is not None:
            persoon = provider.find(email)
            if persoon is not None:
                break
    if persoon is None and user is None:
        return None
    if persoon is not None and user is not None and persoon.user_id not in (None, user.pk):
        persoon = None  # the address belongs to an account of someone else: the account decides
    return Betrokkene(persoon=persoon, user=user)


# --- Who may ----------------------------------------------------------------------------------------------------


def may_export(user, betrokkene):
    """The platform administrator, and the person themselves (their own account)."""
    if security.is_superuser(user):
        return True
    return bool(
        user is not None
        and user.is_authenticated
        and betrokkene is not None
        and betrokkene.user is not None
        and betrokkene.user.pk == user.pk
    )


def may_erase(user):
    """Only the platform administrator erases a person."""
    return security.is_superuser(user)


# --- Export and erasure -----------------------------------------------------------------------------------------


def export(betrokkene, *, door):
    """Everything the portal holds about `betrokkene`, one part per app; `door=None` is the system (a command)."""
    if door is not None:
        require(may_export(door, betrokkene), _("U mag deze gegevens niet opvragen."))
    with transaction.atomic():
        data = {
            "gemaakt_op": timezone.now().isoformat(timespec="seconds"),
            "betrokkene": {"naam": betrokkene.naam, "e-mailadressen": betrokkene.emails},
            "onderdelen": {provider.naam: provider.export(betrokkene) for provider in providers()},
        }
        log_action(door, ACTIE_EXPORT, betrokkene.doel, {"onderdelen": sorted(data["onderdelen"])})
    return data


def erase(betrokkene, *, door):
    """Remove or pseudonymise `betrokkene` everywhere but the public record, in one transaction; returns the counts.

    Only the platform administrator (or the system, `door=None`: the management command). The action-log entry
    names the pseudonym and the counts, never the erased data.
    """
    if door is not None:
        require(may_erase(door), _("Alleen de platformbeheerder mag persoonsgegevens wissen."))
    betrokkene.freeze()
    doel = betrokkene.doel
    content_type = ContentType.objects.get_for_model(doel, for_concrete_model=False)
    object_id = str(doel.pk)
    pseudoniem = betrokkene.pseudoniem
    with transaction.atomic():
        telling = {}
        for provider in reversed(providers()):
            counts = provider.erase(betrokkene) or {}
            telling[provider.naam] = {key: value for key, value in counts.items() if value}
        ActionLog.objects.create(
            actor=door if door is not None and door.is_authenticated else None,
            actie=ACTIE_ERASE,
            content_type=content_type,
            object_id=object_id,
            object_repr=pseudoniem,
            wijzigingen=telling,
        )
    return telling


register(
    "regioportaal",
    _lazy("Account, meldingen en logboek"),
    export=account.export,
    erase=account.erase,
    volgorde=0,
)
