"""Writes on a region's strategy: mission and vision, and its parts (shared values, numbered goals, themes).

A part (`onderdeel`) is a `Waarde`, a `Doelstelling` or a `Thema`: the editor adds, changes, reorders, archives and
restores each of them through the same services, and links goals and themes to opgaven. Archived goals and themes
stay on the opgaven they served but take no new ones (`opgaven._check_links` refuses them as well).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from besturen.services import regio_scope
from regioportaal.audit import log_action, snapshot

from ..models import Doelstelling, Opgave, Strategie, Thema, Waarde
from ..policies import OnderdeelPolicy, StrategiePolicy
from ._gedeeld import _guard, _save

#: Per kind of part, the fields the editor changes.
ONDERDEEL_VELDEN = {
    Waarde: ["naam", "tekst"],
    Doelstelling: ["titel", "beschrijving", "indicatoren"],
    Thema: ["naam", "beschrijving", "transversaal"],
}


def volgorde_veld(model):
    """The field that orders a kind of part: a goal's number, the others' position."""
    return "nummer" if model is Doelstelling else "volgorde"


def broers(onderdeel):
    """The active parts of the same kind and region as `onderdeel` (themes: of the same group), in shown order."""
    model = type(onderdeel)
    rij = model.objects.filter(regio_id=onderdeel.regio_id, gearchiveerd=False)
    if model is Thema:
        rij = rij.filter(transversaal=onderdeel.transversaal)
    if model is Doelstelling:
        return rij.order_by("nummer")
    return rij.order_by("volgorde", "naam", "pk")


def _volgende(model, regio, **filters):
    """The next free number or position for a new part of this kind in `regio` (archived parts count too)."""
    veld = volgorde_veld(model)
    hoogste = model.objects.filter(regio=regio, **filters).aggregate(hoogste=Max(veld))["hoogste"]
    return (hoogste or 0) + 1


def _check_naam_vrij(thema):
    if Thema.objects.filter(regio_id=thema.regio_id, naam=thema.naam).exclude(pk=thema.pk).exists():
        raise ValidationError({"naam": _("Deze regio heeft al een thema met deze naam.")})


@transaction.atomic
def save_strategie(regio, *, missie, visie, door):
    _guard(StrategiePolicy(), door, "save_strategie", regio)
    strategie, _created = Strategie.objects.select_for_update().get_or_create(regio=regio)
    before = snapshot(strategie, ["missie", "visie"])
    strategie.missie, strategie.visie = missie, visie
    return _save(strategie, door, "strategie gewijzigd", ["missie", "visie"], regio, before)


@transaction.atomic
def add_waarde(regio, *, naam, tekst="", volgorde=None, door):
    _guard(StrategiePolicy(), door, "add_waarde", regio)
    volgorde = _volgende(Waarde, regio) if volgorde is None else volgorde
    return _save(
        Waarde(regio=regio, naam=naam, tekst=tekst, volgorde=volgorde),
        door,
        "aangemaakt",
        ["naam", "tekst"],
        regio,
    )


@transaction.atomic
def add_doelstelling(regio, *, titel, nummer=None, beschrijving="", indicatoren="", door):
    """Add a strategic goal; without a number it comes last (after the archived ones' numbers too)."""
    _guard(StrategiePolicy(), door, "add_doelstelling", regio)
    list(
        Doelstelling.objects.select_for_update().filter(regio=regio)
    )  # two goals added at once get two numbers
    nummer = _volgende(Doelstelling, regio) if nummer is None else nummer
    doel = Doelstelling(
        regio=regio, nummer=nummer, titel=titel, beschrijving=beschrijving, indicatoren=indicatoren
    )
    return _save(doel, door, "aangemaakt", ["nummer", "titel", "beschrijving"], regio)


@transaction.atomic
def add_thema(regio, *, naam, beschrijving="", transversaal=False, volgorde=None, door):
    _guard(StrategiePolicy(), door, "add_thema", regio)
    volgorde = _volgende(Thema, regio, transversaal=transversaal) if volgorde is None else volgorde
    thema = Thema(
        regio=regio, naam=naam, beschrijving=beschrijving, transversaal=transversaal, volgorde=volgorde
    )
    _check_naam_vrij(thema)
    return _save(thema, door, "aangemaakt", ["naam", "transversaal"], regio)


def _locked(onderdeel):
    return type(onderdeel).objects.select_for_update().select_related("regio").get(pk=onderdeel.pk)


@transaction.atomic
def update_onderdeel(onderdeel, *, door, **values):
    """Change a value's, goal's or theme's text (its number, position and archive state have their own services)."""
    onderdeel = _locked(onderdeel)
    OnderdeelPolicy().require(door, "update_onderdeel", onderdeel)
    velden = ONDERDEEL_VELDEN[type(onderdeel)]
    before = snapshot(onderdeel, velden)
    for name in velden:
        if name in values:
            setattr(onderdeel, name, values[name])
    if isinstance(onderdeel, Thema):
        _check_naam_vrij(onderdeel)
    return _save(onderdeel, door, "gewijzigd", velden, onderdeel.regio, before)


@transaction.atomic
def move_onderdeel(onderdeel, *, omhoog, door):
    """Swap a part with the active one above (omhoog) or below it; at either end nothing changes.

    The rows of that kind are locked, so two moves at once cannot give two parts the same place.
    """
    onderdeel = _locked(onderdeel)
    OnderdeelPolicy().require(door, "move_onderdeel", onderdeel)
    model, veld = type(onderdeel), volgorde_veld(type(onderdeel))
    rij = list(broers(onderdeel).select_for_update())
    index = next(i for i, item in enumerate(rij) if item.pk == onderdeel.pk)
    ander = index - 1 if omhoog else index + 1
    if not 0 <= ander < len(rij):
        return onderdeel
    if model is Doelstelling:  # numbers are unique per region: swap through a free one
        a, b = rij[index], rij[ander]
        nummers = (a.nummer, b.nummer)
        a.nummer = _volgende(Doelstelling, onderdeel.regio_id)
        a.save(update_fields=["nummer"])
        b.nummer = nummers[0]
        b.save(update_fields=["nummer"])
        a.nummer = nummers[1]
        a.save(update_fields=["nummer"])
        van, naar = nummers
    else:
        rij[index], rij[ander] = rij[ander], rij[index]
        van = getattr(onderdeel, veld)
        for positie, item in enumerate(rij, start=1):
            item.volgorde = positie
        model.objects.bulk_update(rij, ["volgorde"])
        naar = ander + 1
    log_action(door, "volgorde gewijzigd", onderdeel, {veld: [van, naar]}, "", regio_scope(onderdeel.regio))
    onderdeel.refresh_from_db(fields=[veld])
    return onderdeel


@transaction.atomic
def archive_onderdeel(onderdeel, *, door, gearchiveerd=True):
    """Archive a part (or restore it with `gearchiveerd=False`); an archived goal or theme keeps its opgaven."""
    onderdeel = _locked(onderdeel)
    OnderdeelPolicy().require(door, "archive_onderdeel" if gearchiveerd else "restore_onderdeel", onderdeel)
    onderdeel.gearchiveerd = gearchiveerd
    velden = ["gearchiveerd"]
    if not gearchiveerd and not isinstance(onderdeel, Doelstelling):  # a restored value or theme comes last
        filters = {"transversaal": onderdeel.transversaal} if isinstance(onderdeel, Thema) else {}
        onderdeel.volgorde = _volgende(type(onderdeel), onderdeel.regio, gearchiveerd=False, **filters)
        velden.append("volgorde")
    onderdeel.save(update_fields=velden)
    log_action(
        door,
        "gearchiveerd" if gearchiveerd else "teruggezet",
        onderdeel,
        {"gearchiveerd": [not gearchiveerd, gearchiveerd]},
        "",
        regio_scope(onderdeel.regio),
    )
    return onderdeel


@transaction.atomic
def link_opgaven(onderdeel, opgaven, *, door):
    """Make `opgaven` (of the same region) exactly the opgaven a goal or theme serves; the roll-up follows."""
    onderdeel = _locked(onderdeel)
    OnderdeelPolicy().require(door, "link_opgaven", onderdeel)
    opgaven = list(opgaven)
    if any(opgave.regio_id != onderdeel.regio_id for opgave in opgaven):
        raise ValidationError({"opgaven": _("Een opgave hoort bij een andere regio.")})
    before = sorted(
        Opgave.objects.filter(pk__in=onderdeel.opgaven.values("pk")).values_list("titel", flat=True)
    )
    onderdeel.opgaven.set(opgaven)
    after = sorted(opgave.titel for opgave in opgaven)
    if before != after:
        log_action(
            door,
            "opgaven gekoppeld",
            onderdeel,
            {"opgaven": [before, after]},
            "",
            regio_scope(onderdeel.regio),
        )
    return onderdeel
