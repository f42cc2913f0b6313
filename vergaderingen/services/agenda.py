"""The agenda: numbering, items and proposals, their documents, moving to the next meeting, and the agenda PDF."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from regioportaal import outbox
from regioportaal.audit import diff, log_action, snapshot

from .. import permissions, workflow
from ..models import (
    Agendapunt,
    AgendapuntStatus,
    Vergadering,
    VergaderingStatus,
)
from ._gedeeld import _create, _lock, _scope, _store_document

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
AGENDAPUNT_EDITABLE = ["titel", "toelichting", "openbaar", "opgave"]
RENUMBER_OFFSET = 10000  # parks numbers out of the way while renumbering under the unique constraint


def volgende_vergadering(vergadering):
    """The next meeting of the same body whose agenda can still take items."""
    return (
        Vergadering.objects.filter(
            orgaan=vergadering.orgaan_id,
            begin__gt=vergadering.begin,
            status__in=[VergaderingStatus.GEPLAND, VergaderingStatus.AGENDA_GEPUBLICEERD],
        )
        .order_by("begin", "pk")
        .first()
    )


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


def _check_agenda_open(vergadering):
    if vergadering.status not in (VergaderingStatus.GEPLAND, VergaderingStatus.AGENDA_GEPUBLICEERD):
        raise ValidationError(_("De vergadering is afgelopen: haar agenda verandert niet meer."))


def _open_agenda(vergadering, door):
    """Check the actor, lock the meeting and check that its agenda still changes; return the locked meeting."""
    permissions.require_manage(door, vergadering.orgaan)
    vergadering = _lock(vergadering)
    _check_agenda_open(vergadering)
    return vergadering


def _check_frozen(vergadering):
    if vergadering.agenda_gepubliceerd:
        raise ValidationError(
            _("De agenda is gepubliceerd: de nummering ligt vast. Houd het punt zo nodig aan in het besluit.")
        )


def _check_opgave(vergadering, opgave):
    if opgave is not None and opgave.regio_id != vergadering.orgaan.regio_id:
        raise ValidationError({"opgave": _("Kies een opgave van de regio van dit orgaan.")})


def _queue_pdf(vergadering):
    if vergadering.agenda_gepubliceerd:
        outbox.enqueue("vergaderingen.tasks.make_agenda_pdf", vergadering.pk)


@transaction.atomic
def add_agendapunt(
    vergadering, *, titel, toelichting="", openbaar=True, opgave=None, programmaversie=None, door
):
    """Add an item at the end of the agenda; after publication it is an addendum."""
    vergadering = _open_agenda(vergadering, door)
    _check_opgave(vergadering, opgave)
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
    return punt


@transaction.atomic
def update_agendapunt(punt, *, door, **values):
    """Change an item's text, visibility or opgave; after publication the change is marked as an addendum."""
    vergadering = _open_agenda(punt.vergadering, door)
    _check_opgave(vergadering, values.get("opgave", punt.opgave))
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
    vergadering = _open_agenda(punt.vergadering, door)
    _check_frozen(vergadering)
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
    vergadering = _open_agenda(punt.vergadering, door)
    _check_frozen(vergadering)
    volgende = volgende_vergadering(vergadering)
    if volgende is None:
        raise ValidationError(_("Er is nog geen volgende vergadering gepland. Plan die eerst."))
    volgende = _lock(volgende)
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
    permissions.require(
        permissions.besturen_permissions.is_lid_of_secretariaat(door, vergadering.orgaan),
        _("Alleen leden van %(orgaan)s stellen agendapunten voor.") % {"orgaan": vergadering.orgaan},
        door,
    )
    _check_agenda_open(vergadering)
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


def _check_voorstel(punt, naar):
    """The one guard on an item's status (`workflow.AGENDAPUNT_TRANSITIONS`): a proposal is decided on once."""
    if not workflow.allowed(punt.status, naar, workflow.AGENDAPUNT_TRANSITIONS):
        raise ValidationError(_("Over dit voorstel is al beslist."), code="overgang")


@transaction.atomic
def accept_voorstel(punt, *, door):
    vergadering = _open_agenda(punt.vergadering, door)
    _check_voorstel(punt, AgendapuntStatus.GEAGENDEERD)
    punt.status = AgendapuntStatus.GEAGENDEERD
    punt.volgnummer = _next_number(vergadering)
    punt.addendum = vergadering.agenda_gepubliceerd
    punt.save(update_fields=["status", "volgnummer", "addendum"])
    log_action(
        door, "voorstel aanvaard", punt, {"volgnummer": punt.volgnummer}, "", _scope(vergadering.orgaan)
    )
    _queue_pdf(vergadering)
    return punt


@transaction.atomic
def decline_voorstel(punt, *, reden="", door):
    permissions.require_manage(door, punt.vergadering.orgaan)
    _check_voorstel(punt, AgendapuntStatus.AFGEWEZEN)
    punt.status = AgendapuntStatus.AFGEWEZEN
    punt.reden_afwijzing = reden
    punt.save(update_fields=["status", "reden_afwijzing"])
    log_action(door, "voorstel afgewezen", punt, {}, reden, _scope(punt.vergadering.orgaan))
    return punt


@transaction.atomic
def add_document(punt, upload, *, door):
    """Attach a PDF, DOCX or XLSX (checked by content, at most 10 MB) to an agenda item."""
    vergadering = punt.vergadering
    permissions.require_manage(door, vergadering.orgaan)
    _check_agenda_open(vergadering)
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
