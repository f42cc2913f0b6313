"""The agenda: numbering, items and proposals, their documents, moving to the next meeting, and the agenda PDF."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from opgaven.selectors import opgaven_visible_to
from programmas import permissions as programma_permissions
from regioportaal import outbox
from regioportaal.audit import diff, log_action, snapshot
from regioportaal.permissions import is_system

from ..models import (
    Agendapunt,
    AgendapuntStatus,
    Document,
    Vergadering,
)
from ..policies import AgendapuntPolicy, VergaderingPolicy
from ._gedeeld import _create, _delete_files, _lock, _scope, _store_document
from .meldingen import notify_addendum

AGENDAPUNT_FIELDS = [
    "vergadering",
    "volgnummer",
    "titel",
    "toelichting",
    "openbaar",
    "opgave",
    "programmaversie",
    "status",
]
AGENDAPUNT_EDITABLE = ["titel", "toelichting", "openbaar", "opgave", "programmaversie"]
RENUMBER_OFFSET = 10000  # parks numbers out of the way while renumbering under the unique constraint


def _genummerd(vergadering):
    return list(
        vergadering.agendapunten.filter(status=AgendapuntStatus.GEAGENDEERD).order_by("volgnummer", "pk")
    )


def _next_number(vergadering):
    hoogste = vergadering.agendapunten.aggregate(m=Max("volgnummer"))["m"] or 0
    return hoogste + 1


def _renumber(punten):
    """Number `punten` 1..n in this order (two queries, safe under the unique constraint)."""
    if not punten:
        return
    for offset, punt in enumerate(punten, start=1):
        punt.volgnummer = RENUMBER_OFFSET + offset
    Agendapunt.objects.bulk_update(punten, ["volgnummer"])
    for nummer, punt in enumerate(punten, start=1):
        punt.volgnummer = nummer
    Agendapunt.objects.bulk_update(punten, ["volgnummer"])


def _open_agenda(vergadering, door):
    """Lock the meeting and ask the policy whether this actor may change its agenda now; return the locked
    meeting."""
    vergadering = _lock(vergadering)
    VergaderingPolicy().require(door, "edit_agenda", vergadering)
    return vergadering


def _check_opgave(vergadering, opgave, door=None):
    """An item links to an opgave of the body's region that the actor may read (the system links any)."""
    if opgave is None:
        return
    if opgave.regio_id != vergadering.orgaan.regio_id or (
        not is_system(door) and not opgaven_visible_to(door).filter(pk=opgave.pk).exists()
    ):
        raise ValidationError({"opgave": _("Kies een opgave van de regio van dit orgaan.")})


def _check_programmaversie(vergadering, versie, door=None):
    """An item links to a programme version of the body's region that the actor may read (the system links any)."""
    if versie is None:
        return
    if versie.jaarprogramma.regio_id != vergadering.orgaan.regio_id or (
        not is_system(door) and not programma_permissions.can_view_versie(door, versie)
    ):
        raise ValidationError(
            {"programmaversie": _("Kies een versie van een jaarprogramma van de regio van dit orgaan.")}
        )


def _queue_pdf(vergadering):
    if vergadering.agenda_gepubliceerd:
        outbox.enqueue("vergaderingen.tasks.make_agenda_pdf", vergadering.pk)


@transaction.atomic
def add_agendapunt(
    vergadering, *, titel, toelichting="", openbaar=True, opgave=None, programmaversie=None, door
):
    """Add an item at the end of the agenda; after publication it is an addendum."""
    vergadering = _open_agenda(vergadering, door)
    _check_opgave(vergadering, opgave, door)
    _check_programmaversie(vergadering, programmaversie, door)
    punt = _create(
        Agendapunt,
        AGENDAPUNT_FIELDS,
        door,
        {
            "vergadering": vergadering,
            "volgnummer": _next_number(vergadering),
            "titel": titel,
            "toelichting": toelichting,
            "openbaar": openbaar,
            "opgave": opgave,
            "programmaversie": programmaversie,
            "addendum": vergadering.agenda_gepubliceerd,
        },
        _scope(vergadering.orgaan),
    )
    _queue_pdf(vergadering)
    notify_addendum(punt)
    return punt


@transaction.atomic
def update_agendapunt(punt, *, door, **values):
    """Change an item's text, visibility, or its link to an opgave or a programme version; after publication the
    change is marked as an addendum."""
    vergadering = _open_agenda(punt.vergadering, door)
    AgendapuntPolicy(VergaderingPolicy()).require(door, "edit", punt)
    if "opgave" in values and values["opgave"] != punt.opgave:
        _check_opgave(vergadering, values["opgave"], door)
    if "programmaversie" in values and values["programmaversie"] != punt.programmaversie:
        _check_programmaversie(vergadering, values["programmaversie"], door)
    before = snapshot(punt, AGENDAPUNT_EDITABLE)
    for name in AGENDAPUNT_EDITABLE:
        if name in values:
            setattr(punt, name, values[name])
    changes = diff(before, snapshot(punt, AGENDAPUNT_EDITABLE))
    if changes:
        if vergadering.agenda_gepubliceerd:
            punt.addendum = True
        punt.full_clean()
        punt.save()
        log_action(door, "gewijzigd", punt, changes, "", _scope(vergadering.orgaan))
        _queue_pdf(vergadering)
    return punt


@transaction.atomic
def move_agendapunt(punt, *, omhoog, door):
    """Swap an item with the one above (omhoog) or below it; only before publication."""
    vergadering = _lock(punt.vergadering)
    AgendapuntPolicy().require(door, "move", punt)
    punten = _genummerd(vergadering)
    index = next((i for i, p in enumerate(punten) if p.pk == punt.pk), None)
    if index is None:
        raise ValidationError(_("Dit punt staat niet op de agenda."))
    ander = index - 1 if omhoog else index + 1
    if not 0 <= ander < len(punten):
        return punt
    punten[index], punten[ander] = punten[ander], punten[index]
    _renumber(punten)
    log_action(
        door,
        "verplaatst",
        punt,
        {"volgnummer": [index + 1, ander + 1]},
        "",
        _scope(vergadering.orgaan),
    )
    punt.refresh_from_db(fields=["volgnummer"])
    return punt


@transaction.atomic
def move_to_next_vergadering(punt, *, door):
    """Move an item (with its documents) to the next meeting of the body; only before publication."""
    vergadering = _lock(punt.vergadering)
    policy = AgendapuntPolicy()
    policy.require(door, "move_to_next", punt)
    volgende = _lock(policy.volgende(vergadering))
    punt.vergadering = volgende
    punt.volgnummer = _next_number(volgende) if punt.status == AgendapuntStatus.GEAGENDEERD else None
    punt.addendum = volgende.agenda_gepubliceerd
    punt.save(update_fields=["vergadering", "volgnummer", "addendum"])
    _renumber(_genummerd(vergadering))
    log_action(
        door,
        "naar volgende vergadering",
        punt,
        {"vergadering": [str(vergadering), str(volgende)]},
        "",
        _scope(vergadering.orgaan),
    )
    _queue_pdf(volgende)
    return punt


@transaction.atomic
def propose_agendapunt(vergadering, *, titel, toelichting="", openbaar=True, door):
    """A member proposes an item; the secretariat accepts or declines it."""
    VergaderingPolicy().require(door, "propose", vergadering)
    return _create(
        Agendapunt,
        AGENDAPUNT_FIELDS,
        door,
        {
            "vergadering": vergadering,
            "titel": titel,
            "toelichting": toelichting,
            "openbaar": openbaar,
            "status": AgendapuntStatus.VOORGESTELD,
            "voorgesteld_door": door if door is not None and door.is_authenticated else None,
        },
        _scope(vergadering.orgaan),
        reden=_("voorstel van een lid"),
    )


@transaction.atomic
def accept_voorstel(punt, *, door):
    vergadering = _lock(punt.vergadering)
    AgendapuntPolicy().require(door, "accept", punt)
    punt.status = AgendapuntStatus.GEAGENDEERD
    punt.volgnummer = _next_number(vergadering)
    punt.addendum = vergadering.agenda_gepubliceerd
    punt.save(update_fields=["status", "volgnummer", "addendum"])
    log_action(
        door, "voorstel aanvaard", punt, {"volgnummer": punt.volgnummer}, "", _scope(vergadering.orgaan)
    )
    _queue_pdf(vergadering)
    notify_addendum(punt)
    return punt


@transaction.atomic
def decline_voorstel(punt, *, reden="", door):
    AgendapuntPolicy().require(door, "decline", punt)
    punt.status = AgendapuntStatus.AFGEWEZEN
    punt.reden_afwijzing = reden
    punt.save(update_fields=["status", "reden_afwijzing"])
    log_action(door, "voorstel afgewezen", punt, {}, reden, _scope(punt.vergadering.orgaan))
    return punt


@transaction.atomic
def add_document(punt, upload, *, door):
    """Attach a PDF, DOCX or XLSX (checked by content, at most 10 MB) to an agenda item."""
    vergadering = punt.vergadering
    AgendapuntPolicy().require(door, "edit", punt)
    return _store_document(upload, door, _scope(vergadering.orgaan), agendapunt=punt)


def make_agenda_pdf(vergadering):
    """Render the public and the full agenda PDF (a retry overwrites the same two files)."""
    from ..pdf import render_template_pdf
    from ..selectors import agenda

    for veld, volledig in (("agenda_pdf", False), ("agenda_pdf_volledig", True)):
        punten = agenda(vergadering, met_besloten=volledig)
        data = render_template_pdf(
            "vergaderingen/agenda_pdf.html",
            {"vergadering": vergadering, "punten": punten, "volledig": volledig},
        )
        naam = f"agenda-{vergadering.pk}-{'volledig' if volledig else 'openbaar'}.pdf"
        bestand = getattr(vergadering, veld)
        if bestand:
            bestand.storage.delete(bestand.name)
        bestand.save(naam, ContentFile(data), save=False)
    Vergadering.objects.filter(pk=vergadering.pk).update(
        agenda_pdf=vergadering.agenda_pdf.name, agenda_pdf_volledig=vergadering.agenda_pdf_volledig.name
    )
    return vergadering


# --- Removing before publication, withdrawing after -------------------------------------------------------------


def _reden(reden):
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError({"reden": _("Geef een reden: de leden en het publiek lezen waarom.")})
    return reden


@transaction.atomic
def remove_agendapunt(punt, *, door):
    """Delete an item (with its documents) from an agenda that is not yet published; the others close up."""
    vergadering = _lock(punt.vergadering)
    punt.vergadering = vergadering
    AgendapuntPolicy().require(door, "remove", punt)
    log_action(
        door,
        "verwijderd",
        punt,
        {"titel": punt.titel, "volgnummer": punt.volgnummer},
        "",
        _scope(vergadering.orgaan),
    )
    bestanden = [document.bestand.name for document in punt.documenten.all()]
    punt.delete()
    _renumber(_genummerd(vergadering))
    _delete_files(bestanden)
    return vergadering


@transaction.atomic
def withdraw_agendapunt(punt, *, reden, door):
    """Withdraw an item of a published agenda: it keeps its number and stays visible as withdrawn, with the reason."""
    vergadering = _lock(punt.vergadering)
    punt.vergadering = vergadering
    AgendapuntPolicy().require(door, "withdraw", punt)
    reden = _reden(reden)
    punt.status = AgendapuntStatus.INGETROKKEN
    punt.reden_intrekking = reden[:300]
    punt.ingetrokken_op = timezone.now()
    punt.full_clean()
    punt.save(update_fields=["status", "reden_intrekking", "ingetrokken_op"])
    log_action(
        door,
        "ingetrokken",
        punt,
        {"status": ["geagendeerd", "ingetrokken"]},
        reden,
        _scope(vergadering.orgaan),
    )
    _queue_pdf(vergadering)
    return punt


def _document_van(document, door, action):
    punt = Agendapunt.objects.select_related("vergadering__orgaan__regio").get(pk=document.agendapunt_id)
    punt.vergadering = _lock(punt.vergadering)
    AgendapuntPolicy().require(door, action, punt)
    return punt


@transaction.atomic
def remove_document(document, *, door):
    """Delete a document of an item that is not on a published agenda (the file goes after the commit)."""
    punt = _document_van(document, door, "remove_document")
    document = Document.objects.select_for_update().get(pk=document.pk)
    log_action(
        door, "document verwijderd", punt, {"naam": document.naam}, "", _scope(punt.vergadering.orgaan)
    )
    naam = document.bestand.name
    document.delete()
    _delete_files([naam])
    _queue_pdf(punt.vergadering)
    return punt


@transaction.atomic
def withdraw_document(document, *, reden, door):
    """Withdraw a published document: it stays listed (and downloadable) as withdrawn, with the reason."""
    punt = _document_van(document, door, "withdraw_document")
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.ingetrokken:
        raise ValidationError(_("Dit stuk is al ingetrokken."))
    reden = _reden(reden)
    document.ingetrokken_op = timezone.now()
    document.reden_intrekking = reden[:300]
    document.save(update_fields=["ingetrokken_op", "reden_intrekking"])
    log_action(
        door, "document ingetrokken", punt, {"naam": document.naam}, reden, _scope(punt.vergadering.orgaan)
    )
    _queue_pdf(punt.vergadering)
    return document
