"""The organiser's writes on a planning day: the day itself, its blocks, work sessions and working documents, and
after the day each session's output (opbrengst). The organiser is the region's secretariat (`BijeenkomstPolicy`,
action `organise`); the output is also recorded by the session's facilitator (`WerksessiePolicy`)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from besturen.services import regio_scope
from regioportaal.audit import diff, log_action, snapshot

from ...models import Bijeenkomst, Blok, BlokSoort, Document, Sessiekeuze, Werksessie
from ...policies import BijeenkomstPolicy, WerksessiePolicy
from .._gedeeld import _create, _store_document
from .wachtlijst import _bevestigd, _fill_from_wachtlijst

BIJEENKOMST_FIELDS = ["regio", "naam", "beschrijving", "datum", "locatie", "organisator", "inschrijven_tot"]
BIJEENKOMST_EDITABLE = BIJEENKOMST_FIELDS[1:]
BLOK_FIELDS = ["soort", "titel", "begin", "einde"]
WERKSESSIE_FIELDS = ["thema", "beschrijving", "facilitator", "facilitator_email", "capaciteit"]


def _require_organise(door, regio):
    """The organiser's guard for a region's planning days (`BijeenkomstPolicy`, action `organise`)."""
    BijeenkomstPolicy().require(door, "organise", Bijeenkomst(regio=regio))


def _scope_van(bijeenkomst):
    return regio_scope(bijeenkomst.regio)


def _update(instance, fields, values, door, scope):
    """Set `values` (of `fields`) on the locked `instance`, validate, save and log what changed."""
    before = snapshot(instance, fields)
    for name in fields:
        if name in values:
            setattr(instance, name, values[name])
    changes = diff(before, snapshot(instance, fields))
    if changes:
        instance.full_clean()
        instance.save()
        log_action(door, "gewijzigd", instance, changes, "", scope)
    return instance


@transaction.atomic
def create_bijeenkomst(regio, *, door, **values):
    _require_organise(door, regio)
    return _create(Bijeenkomst, BIJEENKOMST_FIELDS, door, {"regio": regio, **values}, regio_scope(regio))


@transaction.atomic
def update_bijeenkomst(bijeenkomst, *, door, **values):
    """Change the day's name, description, date, place, organiser or registration deadline."""
    bijeenkomst = Bijeenkomst.objects.select_for_update().select_related("regio").get(pk=bijeenkomst.pk)
    BijeenkomstPolicy().require(door, "organise", bijeenkomst)
    return _update(bijeenkomst, BIJEENKOMST_EDITABLE, values, door, _scope_van(bijeenkomst))


@transaction.atomic
def add_blok(bijeenkomst, *, soort, titel, begin, einde=None, door):
    BijeenkomstPolicy().require(door, "organise", bijeenkomst)
    return _create(
        Blok,
        ["bijeenkomst", *BLOK_FIELDS],
        door,
        {"bijeenkomst": bijeenkomst, "soort": soort, "titel": titel, "begin": begin, "einde": einde},
        _scope_van(bijeenkomst),
    )


@transaction.atomic
def update_blok(blok, *, door, **values):
    """Change a block; one that holds work sessions keeps the kind `werksessies`."""
    blok = Blok.objects.select_for_update().select_related("bijeenkomst__regio").get(pk=blok.pk)
    BijeenkomstPolicy().require(door, "organise", blok.bijeenkomst)
    if values.get("soort", blok.soort) != BlokSoort.WERKSESSIES and blok.sessies.exists():
        raise ValidationError(
            {
                "soort": _(
                    "Dit blok heeft werksessies: verwijder die eerst, of laat het een blok met werksessies."
                )
            }
        )
    return _update(blok, BLOK_FIELDS, values, door, _scope_van(blok.bijeenkomst))


def _heeft_inschrijvingen():
    return ValidationError(
        _("Hier hebben zich al deelnemers voor ingeschreven: annuleer eerst hun inschrijvingen."),
        code="ingeschreven",
    )


@transaction.atomic
def remove_blok(blok, *, door):
    """Remove a block with its sessions, as long as nobody registered for them."""
    blok = Blok.objects.select_for_update().select_related("bijeenkomst__regio").get(pk=blok.pk)
    BijeenkomstPolicy().require(door, "organise", blok.bijeenkomst)
    if Sessiekeuze.objects.filter(werksessie__blok=blok).exists():
        raise _heeft_inschrijvingen()
    log_action(door, "verwijderd", blok.bijeenkomst, {"blok": blok.titel}, "", _scope_van(blok.bijeenkomst))
    blok.delete()


@transaction.atomic
def add_werksessie(blok, *, thema, capaciteit, facilitator="", facilitator_email="", beschrijving="", door):
    BijeenkomstPolicy().require(door, "organise", blok.bijeenkomst)
    if blok.soort != BlokSoort.WERKSESSIES:
        raise ValidationError(_("Werksessies horen in een blok met werksessies."))
    return _create(
        Werksessie,
        ["blok", "thema", "capaciteit", "facilitator"],
        door,
        {
            "blok": blok,
            "thema": thema,
            "capaciteit": capaciteit,
            "facilitator": facilitator,
            "facilitator_email": (facilitator_email or "").strip().lower(),
            "beschrijving": beschrijving,
        },
        _scope_van(blok.bijeenkomst),
    )


def _lock_sessie(werksessie):
    return (
        Werksessie.objects.select_for_update(of=("self",))
        .select_related("blok__bijeenkomst__regio")
        .get(pk=werksessie.pk)
    )


@transaction.atomic
def update_werksessie(werksessie, *, door, **values):
    """Change a session; more seats go to its waiting list at once, fewer than those confirmed are refused."""
    sessie = _lock_sessie(werksessie)
    bijeenkomst = sessie.blok.bijeenkomst
    BijeenkomstPolicy().require(door, "organise", bijeenkomst)
    if "facilitator_email" in values:
        values["facilitator_email"] = (values["facilitator_email"] or "").strip().lower()
    capaciteit = values.get("capaciteit", sessie.capaciteit)
    bevestigd = _bevestigd(sessie)
    if capaciteit is not None and capaciteit < bevestigd:
        raise ValidationError(
            {
                "capaciteit": _(
                    "Er zijn al %(n)s bevestigde deelnemers: kies minstens %(n)s plaatsen, of annuleer eerst "
                    "inschrijvingen."
                )
                % {"n": bevestigd}
            }
        )
    _update(sessie, WERKSESSIE_FIELDS, values, door, _scope_van(bijeenkomst))
    _fill_from_wachtlijst(sessie, door)
    return sessie


@transaction.atomic
def remove_werksessie(werksessie, *, door):
    """Remove a session nobody registered for (its working documents go with it)."""
    sessie = _lock_sessie(werksessie)
    bijeenkomst = sessie.blok.bijeenkomst
    BijeenkomstPolicy().require(door, "organise", bijeenkomst)
    if sessie.keuzes.exists():
        raise _heeft_inschrijvingen()
    log_action(door, "verwijderd", bijeenkomst, {"werksessie": sessie.thema}, "", _scope_van(bijeenkomst))
    for document in sessie.documenten.all():
        document.bestand.delete(save=False)
    sessie.delete()


@transaction.atomic
def add_werkdocument(werksessie, upload, *, door):
    """Add a working document to a session (checked as every document: PDF, DOCX or XLSX by content, 10 MB)."""
    regio = werksessie.blok.bijeenkomst.regio
    BijeenkomstPolicy().require(door, "organise", werksessie.blok.bijeenkomst)
    return _store_document(upload, door, regio_scope(regio), werksessie=werksessie)


@transaction.atomic
def remove_werkdocument(document, *, door):
    """Remove a session's working document (the file goes after the commit)."""
    document = (
        Document.objects.select_for_update(of=("self",))
        .select_related("werksessie__blok__bijeenkomst__regio")
        .get(pk=document.pk, werksessie__isnull=False)
    )
    bijeenkomst = document.werksessie.blok.bijeenkomst
    BijeenkomstPolicy().require(door, "organise", bijeenkomst)
    log_action(
        door, "document verwijderd", document.werksessie, {"naam": document.naam}, "", _scope_van(bijeenkomst)
    )
    bestand = document.bestand
    document.delete()
    transaction.on_commit(lambda: bestand.storage.delete(bestand.name))


@transaction.atomic
def record_opbrengst(werksessie, *, opbrengst, door):
    """Record what a session produced (from the day itself on): the facilitator or the organiser."""
    sessie = _lock_sessie(werksessie)
    WerksessiePolicy().require(door, "record_opbrengst", sessie)
    opbrengst = (opbrengst or "").strip()
    if not opbrengst:
        raise ValidationError({"opbrengst": _("Schrijf de opbrengst van de werksessie op.")})
    if opbrengst != sessie.opbrengst:
        log_action(
            door,
            "opbrengst vastgelegd",
            sessie,
            {"opbrengst": [sessie.opbrengst, opbrengst]},
            "",
            _scope_van(sessie.blok.bijeenkomst),
        )
        sessie.opbrengst = opbrengst
        sessie.opbrengst_vastgelegd_op = timezone.now()
        sessie.save(update_fields=["opbrengst", "opbrengst_vastgelegd_op"])
    return sessie
