"""Typed events of the action log: what an `ActionLog.actie` means, said as a sentence in the user's language.

Every app declares its event types in `<app>/gebeurtenissen.py` as a `Gebeurtenis` enum whose values are the strings
the services store in `ActionLog.actie` (so rows written before the enums exist read the same way), each with a
short label and a sentence template (`%(actor)s`, `%(object)s` and `%(soort)s`, the kind of object), and registers
it with `@register`. `gebeurtenis(actie)` finds the event of a stored string (None for an old, unknown string, which
then shows as itself); `zin(entry)` and `wijzigingen(entry)` render one log entry for a page.

This module reads no model of its own (`regioportaal.models` imports it), and no app: the apps' modules are found
by name (`autodiscover_modules`), as the admin finds `admin.py`.
"""

import datetime
import decimal
import enum
import re

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.utils import formats, timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

LEEG = "—"


class Gebeurtenis(enum.StrEnum):
    """One kind of entry in the action log: the stored string, a short label, and the sentence it reads as."""

    def __new__(cls, value, label, zin):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.zin = zin
        return member

    def sentence(self, actor, obj, soort=""):
        """The event as a sentence: `actor` (a name, or the system) did this to `obj` (a `soort`)."""
        return capfirst(str(self.zin) % {"actor": actor, "object": obj, "soort": soort})


_REGISTER = {}
_ONTDEKT = []


def register(enum_class):
    """Make an app's events known to the log pages; a string may mean one event only."""
    for member in enum_class:
        bestaand = _REGISTER.get(member.value)
        if bestaand is not None and bestaand is not member:
            raise ImproperlyConfigured(
                f"The action {member.value!r} is registered twice: {type(bestaand).__qualname__}."
                f"{bestaand.name} and {enum_class.__qualname__}.{member.name}."
            )
        _REGISTER[member.value] = member
    return enum_class


def _discover():
    if not _ONTDEKT:
        autodiscover_modules("gebeurtenissen")
        _ONTDEKT.append(True)


def gebeurtenis(actie):
    """The registered event stored as `actie`, or None for a string no app declares (an old row)."""
    _discover()
    return _REGISTER.get(actie)


def registered():
    """Every registered event by its stored string."""
    _discover()
    return dict(_REGISTER)


@register
class Algemeen(Gebeurtenis):
    """Events every app writes: a record created or changed, a permission granted, a person's data."""

    AANGEMAAKT = "aangemaakt", _("aangemaakt"), _("%(actor)s heeft %(soort)s %(object)s aangemaakt")
    GEWIJZIGD = "gewijzigd", _("gewijzigd"), _("%(actor)s heeft %(soort)s %(object)s gewijzigd")
    RECHT_TOEGEKEND = (
        "recht toegekend",
        _("recht toegekend"),
        _("%(actor)s heeft rollen een recht op %(object)s gegeven"),
    )
    RECHT_INGETROKKEN = (
        "recht ingetrokken",
        _("recht ingetrokken"),
        _("%(actor)s heeft rollen een recht op %(object)s ontnomen"),
    )
    PERSOONSGEGEVENS_GEEXPORTEERD = (
        "persoonsgegevens geëxporteerd",
        _("persoonsgegevens geëxporteerd"),
        _("%(actor)s heeft de persoonsgegevens van %(object)s geëxporteerd"),
    )
    PERSOONSGEGEVENS_GEWIST = (
        "persoonsgegevens gewist",
        _("persoonsgegevens gewist"),
        _("%(actor)s heeft de persoonsgegevens van %(object)s gewist"),
    )
    AFGEMELD = (
        "afgemeld",
        _("afgemeld voor e-mail"),
        _("%(object)s is afgemeld voor deze e-mail (via de link in een e-mail; %(actor)s)"),
    )
    WEER_AANGEMELD = (
        "weer aangemeld",
        _("weer aangemeld voor e-mail"),
        _("%(object)s ontvangt deze e-mail weer (via de link in een e-mail; %(actor)s)"),
    )
    VERWIJDERD = "verwijderd", _("verwijderd"), _("%(actor)s heeft %(soort)s %(object)s verwijderd")
    INGETROKKEN = (
        "ingetrokken",
        _("ingetrokken"),
        _("%(actor)s heeft %(soort)s %(object)s ingetrokken"),
    )
    GEARCHIVEERD = (
        "gearchiveerd",
        _("gearchiveerd"),
        _("%(actor)s heeft %(soort)s %(object)s gearchiveerd"),
    )
    TERUGGEZET = (
        "teruggezet",
        _("uit het archief teruggezet"),
        _("%(actor)s heeft %(soort)s %(object)s uit het archief teruggezet"),
    )


# Keys of `wijzigingen` that are not fields of the logged model, with their labels.
SLEUTELS = {
    "recht": _("recht"),
    "groepen": _("rollen"),
    "groep": _("rol"),
    "email": _("e-mailadres"),
    "onderdelen": _("onderdelen"),
    "bestuur": _("bestuur"),
    "deelnemer": _("deelnemer"),
    "sessie": _("werksessie"),
    "sessies": _("werksessies"),
    "vergadering": _("vergadering"),
    "opgave": _("opgave"),
    "bedrag": _("bedrag"),
    "datum": _("datum"),
    "termijn": _("termijn"),
    "te_laat": _("te laat"),
    "datum_raad": _("datum van de raad"),
    "bijdragen": _("bijdragen"),
    "gebaseerd_op": _("gebaseerd op versie"),
    "open_vragen": _("open vragen"),
    "door_versie": _("vervangen door versie"),
    "meldingen": _("meldingen"),
}
# Keys whose value is a list of values, never an [old, new] pair.
LIJSTEN = {"groepen", "onderdelen"}

_DATUM = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIJDSTIP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _systeem():
    return gettext("het systeem")


def actor_naam(entry):
    """Who did it: the account's name, or the system (a command, the demo, a scheduled task)."""
    return str(entry.actor) if entry.actor_id else _systeem()


def _model_van(entry):
    """The logged object's model; ContentType's own cache answers, so a page of entries costs no query per row."""
    if not entry.content_type_id:
        return None
    return ContentType.objects.get_for_id(entry.content_type_id).model_class()


def zin(entry):
    """The entry as a sentence in the active language; an unknown action shows as itself."""
    model = _model_van(entry)
    soort = str(model._meta.verbose_name) if model is not None else ""
    soort_event = gebeurtenis(entry.actie)
    if soort_event is None:
        return capfirst(
            gettext("%(actor)s: %(actie)s, %(object)s")
            % {"actor": actor_naam(entry), "actie": entry.actie, "object": entry.object_repr}
        )
    return soort_event.sentence(actor_naam(entry), entry.object_repr, soort)


def _veld(model, sleutel):
    if model is None:
        return None
    try:
        return model._meta.get_field(sleutel)
    except FieldDoesNotExist:
        return None


def _label(model, sleutel, veld):
    if veld is not None and hasattr(veld, "verbose_name"):
        return capfirst(veld.verbose_name)
    if sleutel in SLEUTELS:
        return capfirst(SLEUTELS[sleutel])
    return capfirst(str(sleutel).replace("_", " "))


def tekst(waarde, veld=None):
    """One stored value as a reader sees it: choice labels, Dutch dates and numbers, "—" for nothing."""
    if waarde is None or waarde == "" or waarde == "None" or waarde == []:
        return LEEG
    if isinstance(waarde, bool):
        return gettext("ja") if waarde else gettext("nee")
    if isinstance(waarde, list | tuple):
        return ", ".join(tekst(item, veld) for item in waarde)
    if isinstance(waarde, dict):
        return "; ".join(f"{sleutel}: {tekst(item)}" for sleutel, item in waarde.items())
    choices = getattr(veld, "flatchoices", None) if veld is not None else None
    if choices:
        labels = {str(key): label for key, label in choices}
        if str(waarde) in labels:
            return str(labels[str(waarde)])
    if isinstance(waarde, str):
        if _TIJDSTIP.match(waarde):
            try:
                moment = datetime.datetime.fromisoformat(waarde)
            except ValueError:
                return waarde
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return formats.date_format(moment, "DATETIME_FORMAT")
        if _DATUM.match(waarde):
            try:
                return formats.date_format(datetime.date.fromisoformat(waarde), "DATE_FORMAT")
            except ValueError:
                return waarde
        if isinstance(veld, models.DecimalField):
            try:
                return formats.number_format(decimal.Decimal(waarde), use_l10n=True, force_grouping=True)
            except decimal.InvalidOperation:
                return waarde
        return waarde
    if isinstance(waarde, decimal.Decimal | float):
        return formats.number_format(waarde, use_l10n=True, force_grouping=True)
    return str(waarde)


def _is_wijziging(sleutel, waarde, veld):
    if not isinstance(waarde, list) or len(waarde) != 2 or sleutel in LIJSTEN:
        return False
    if veld is not None and veld.many_to_many:
        return all(isinstance(item, list) for item in waarde)
    return True


def wijzigingen(entry):
    """The entry's values as (label, text) pairs: "old → new" for a change, the value for a plain value."""
    model = _model_van(entry)
    regels = []
    for sleutel, waarde in (entry.wijzigingen or {}).items():
        veld = _veld(model, sleutel)
        if _is_wijziging(sleutel, waarde, veld):
            waarde_tekst = f"{tekst(waarde[0], veld)} → {tekst(waarde[1], veld)}"
        else:
            waarde_tekst = tekst(waarde, veld)
        regels.append((_label(model, sleutel, veld), waarde_tekst))
    return regels
