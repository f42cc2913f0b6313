"""Writes in vergaderingen: meetings, agendas, decisions, minutes, notifications and planning-day registrations.

Each service runs in one transaction, checks the actor first (NotAllowed), refuses what the state does not allow
(ValidationError with a message for the user), writes an action-log entry and queues its mail and PDFs with
`transaction.on_commit(..., robust=True)`. The system (demo, Celery) acts with door=None.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from besturen.models import Bestuur, Lidmaatschap
from besturen.services import regio_scope
from programmas import services as programma_services
from programmas.models import Versie
from regioportaal import ical
from regioportaal.audit import diff, log_action, snapshot
from regioportaal.links import absolute_url
from regioportaal.meldingen import notify
from regioportaal.permissions import NotAllowed, is_system

from . import permissions, workflow
from .documenten import controleer_document
from .models import (
    Aanwezigheid,
    Aanwezigheidsstatus,
    Agendapunt,
    AgendapuntStatus,
    Besluit,
    Bijeenkomst,
    Blok,
    BlokSoort,
    Document,
    Inschrijving,
    KalenderToken,
    KeuzeStatus,
    Sessiekeuze,
    Stem,
    Stemming,
    Uitkomst,
    Vergadering,
    VergaderingStatus,
    Werksessie,
    nieuw_token,
)

VERGADERING_FIELDS = ["orgaan", "begin", "einde", "locatie", "online_link", "status"]
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
BESLUIT_FIELDS = ["behandeling", "tekst", "uitkomst"]
BIJEENKOMST_FIELDS = ["regio", "naam", "beschrijving", "datum", "locatie", "organisator", "inschrijven_tot"]
MELDING_KEUZES = get_user_model()._meta.get_field("meldingen").choices
RENUMBER_OFFSET = 10000  # parks numbers out of the way while renumbering under the unique constraint


def _scope(orgaan):
    return regio_scope(orgaan.regio) if orgaan.regio_id else ""


def _create(model, fields, door, values, scope, reden=""):
    instance = model(**values)
    instance.full_clean()
    instance.save()
    log_action(door, "aangemaakt", instance, snapshot(instance, fields), reden, scope)
    return instance


# --- Meetings and their workflow -------------------------------------------------------------------------------


def _lock(vergadering):
    """Lock the meeting row: agenda changes of two secretaries happen one after the other."""
    vergadering.refresh_from_db(from_queryset=Vergadering.objects.select_for_update())
    return vergadering


def _transition(vergadering, naar, door, reden=""):
    van = vergadering.status
    if not workflow.allowed(van, naar):
        raise ValidationError(
            _("Een vergadering met status ‘%(van)s’ kan niet naar ‘%(naar)s’.")
            % {"van": VergaderingStatus(van).label, "naar": VergaderingStatus(naar).label},
            code="overgang",
        )
    vergadering.status = naar
    log_action(
        door, f"status {naar}", vergadering, {"status": [van, naar]}, reden, _scope(vergadering.orgaan)
    )


def _check_plaats(locatie, online_link):
    if not locatie and not online_link:
        raise ValidationError({"locatie": _("Geef een locatie of een link om online te vergaderen.")})


@transaction.atomic
def plan_vergadering(orgaan, *, begin, einde, locatie="", online_link="", door):
    """Plan a meeting of `orgaan`; minutes of the previous meeting awaiting approval land on its agenda."""
    permissions.require_manage(door, orgaan)
    _check_plaats(locatie, online_link)
    vergadering = _create(
        Vergadering,
        VERGADERING_FIELDS,
        door,
        {"orgaan": orgaan, "begin": begin, "einde": einde, "locatie": locatie, "online_link": online_link},
        _scope(orgaan),
    )
    vorige = (
        Vergadering.objects.filter(orgaan=orgaan, begin__lt=begin, status=VergaderingStatus.AFGELOPEN)
        .exclude(notulen="")
        .filter(goedkeuringspunt__isnull=True)
        .order_by("-begin")
        .first()
    )
    if vorige is not None:
        _agendeer_notulen(vorige, door)
    return vergadering


@transaction.atomic
def update_vergadering(vergadering, *, door, **values):
    """Change the time or place of a meeting; subscribers' calendars see the new SEQUENCE."""
    permissions.require_manage(door, vergadering.orgaan)
    vergadering = _lock(vergadering)
    if vergadering.status not in (VergaderingStatus.GEPLAND, VergaderingStatus.AGENDA_GEPUBLICEERD):
        raise ValidationError(_("Een afgelopen vergadering verplaatst u niet meer."))
    fields = ["begin", "einde", "locatie", "online_link"]
    before = snapshot(vergadering, fields)
    for name in fields:
        if name in values:
            setattr(vergadering, name, values[name])
    _check_plaats(vergadering.locatie, vergadering.online_link)
    changes = diff(before, snapshot(vergadering, fields))
    if changes:
        vergadering.wijzigingen += 1
        vergadering.full_clean()
        vergadering.save()
        log_action(door, "gewijzigd", vergadering, changes, "", _scope(vergadering.orgaan))
    return vergadering


@transaction.atomic
def publish_agenda(vergadering, *, door):
    """Publish the agenda: the numbering is frozen, the members hear of it and the agenda PDF is made."""
    permissions.require_manage(door, vergadering.orgaan)
    vergadering = _lock(vergadering)
    if not vergadering.agendapunten.filter(status=AgendapuntStatus.GEAGENDEERD).exists():
        raise ValidationError(_("De agenda is leeg: voeg eerst agendapunten toe."))
    _transition(vergadering, VergaderingStatus.AGENDA_GEPUBLICEERD, door)
    vergadering.agenda_gepubliceerd_op = timezone.now()
    vergadering.wijzigingen += 1
    vergadering.save(update_fields=["status", "agenda_gepubliceerd_op", "wijzigingen", "bijgewerkt"])
    _queue_pdf(vergadering)
    _meld_agenda(vergadering)
    return vergadering


@transaction.atomic
def close_vergadering(vergadering, *, door):
    """Mark a meeting as held: from now on decisions, votes, attendance and minutes are recorded."""
    permissions.require_manage(door, vergadering.orgaan)
    vergadering = _lock(vergadering)
    if vergadering.begin > timezone.now() and vergadering.status == VergaderingStatus.AGENDA_GEPUBLICEERD:
        raise ValidationError(_("De vergadering is nog niet begonnen."))
    _transition(vergadering, VergaderingStatus.AFGELOPEN, door)
    vergadering.save(update_fields=["status", "bijgewerkt"])
    return vergadering


@transaction.atomic
def save_notulen(vergadering, *, notulen, door):
    """Draft the minutes; their approval goes on the agenda of the next meeting."""
    permissions.require_manage(door, vergadering.orgaan)
    vergadering = _lock(vergadering)
    if vergadering.status != VergaderingStatus.AFGELOPEN:
        raise ValidationError(_("Notulen schrijft u na de vergadering en vóór hun goedkeuring."))
    changes = diff({"notulen": vergadering.notulen}, {"notulen": notulen})
    if changes:
        vergadering.notulen = notulen
        vergadering.save(update_fields=["notulen", "bijgewerkt"])
        log_action(door, "notulen opgesteld", vergadering, {}, "", _scope(vergadering.orgaan))
    if notulen:
        _agendeer_notulen(vergadering, door)
    return vergadering


@transaction.atomic
def approve_notulen(vergadering, *, door):
    """Record that the minutes are approved (the next meeting adopted its item on them)."""
    permissions.require_manage(door, vergadering.orgaan)
    vergadering = _lock(vergadering)
    if not vergadering.notulen and vergadering.status == VergaderingStatus.AFGELOPEN:
        raise ValidationError(_("Er zijn nog geen notulen om goed te keuren."))
    _transition(vergadering, VergaderingStatus.NOTULEN_GOEDGEKEURD, door)
    vergadering.notulen_goedgekeurd_op = timezone.now()
    vergadering.save(update_fields=["status", "notulen_goedgekeurd_op", "bijgewerkt"])
    return vergadering


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


def _agendeer_notulen(vorige, door):
    """Put 'approval of the minutes of <vorige>' first on the next meeting's agenda (once)."""
    if Agendapunt.objects.filter(notulen_van=vorige).exists():
        return None
    volgende = volgende_vergadering(vorige)
    if volgende is None:
        return None
    volgende = _lock(volgende)
    punt = Agendapunt(
        vergadering=volgende,
        titel=_("Goedkeuring van de notulen van %(vergadering)s") % {"vergadering": vorige},
        notulen_van=vorige,
        status=AgendapuntStatus.GEAGENDEERD,
        openbaar=True,
        addendum=volgende.agenda_gepubliceerd,
        volgnummer=_next_number(volgende),
    )
    punt.save()
    if not volgende.agenda_gepubliceerd:
        rest = [p for p in _genummerd(volgende) if p.pk != punt.pk]
        _renumber([punt, *rest])
    else:
        _queue_pdf(volgende)
    log_action(door, "notulen geagendeerd", punt, {"vergadering": str(volgende)}, "", _scope(volgende.orgaan))
    return punt


# --- Agenda ----------------------------------------------------------------------------------------------------


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
        from .tasks import maak_agenda_pdf

        pk = vergadering.pk
        transaction.on_commit(lambda: maak_agenda_pdf.delay(pk), robust=True)


@transaction.atomic
def add_agendapunt(
    vergadering, *, titel, toelichting="", openbaar=True, opgave=None, programmaversie=None, door
):
    """Add an item at the end of the agenda; after publication it is an addendum."""
    permissions.require_manage(door, vergadering.orgaan)
    vergadering = _lock(vergadering)
    _check_agenda_open(vergadering)
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
    vergadering = punt.vergadering
    permissions.require_manage(door, vergadering.orgaan)
    vergadering = _lock(vergadering)
    _check_agenda_open(vergadering)
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
    vergadering = punt.vergadering
    permissions.require_manage(door, vergadering.orgaan)
    vergadering = _lock(vergadering)
    _check_agenda_open(vergadering)
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
    vergadering = punt.vergadering
    permissions.require_manage(door, vergadering.orgaan)
    vergadering = _lock(vergadering)
    _check_agenda_open(vergadering)
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


def _check_voorstel(punt):
    if punt.status != AgendapuntStatus.VOORGESTELD:
        raise ValidationError(_("Over dit voorstel is al beslist."))


@transaction.atomic
def accept_voorstel(punt, *, door):
    vergadering = punt.vergadering
    permissions.require_manage(door, vergadering.orgaan)
    vergadering = _lock(vergadering)
    _check_agenda_open(vergadering)
    _check_voorstel(punt)
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
    _check_voorstel(punt)
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


def _store_document(upload, door, scope, **owner):
    soort = controleer_document(upload, veld="bestand")
    document = Document(naam=upload.name[-200:], soort=soort, grootte=upload.size, **owner)
    document.bestand.save(upload.name, upload, save=False)
    document.save()
    log_action(door, "document toegevoegd", document, {"naam": document.naam, "soort": soort}, "", scope)
    return document


# --- Attendance, decisions, votes ------------------------------------------------------------------------------


def _check_afgelopen(vergadering):
    if vergadering.status != VergaderingStatus.AFGELOPEN:
        raise ValidationError(
            _("Dit legt u vast nadat de vergadering is afgelopen en vóór de notulen zijn goedgekeurd.")
        )


def _zetels(vergadering, ids):
    zetels = Lidmaatschap.objects.filter(orgaan=vergadering.orgaan_id, pk__in=ids)
    found = set(zetels.values_list("pk", flat=True))
    if found != set(ids):
        raise ValidationError(_("Alleen leden van %(orgaan)s tellen mee.") % {"orgaan": vergadering.orgaan})
    return found


@transaction.atomic
def record_aanwezigheid(vergadering, *, aanwezigheden, door):
    """Record who attended: {lidmaatschap id: Aanwezigheidsstatus}."""
    permissions.require_manage(door, vergadering.orgaan)
    _check_afgelopen(vergadering)
    _zetels(vergadering, list(aanwezigheden))
    for status in aanwezigheden.values():
        Aanwezigheidsstatus(status)
    bestaand = {a.lidmaatschap_id: a for a in vergadering.aanwezigheden.all()}
    nieuw, gewijzigd = [], []
    for lid_id, status in aanwezigheden.items():
        rij = bestaand.get(lid_id)
        if rij is None:
            nieuw.append(Aanwezigheid(vergadering=vergadering, lidmaatschap_id=lid_id, status=status))
        elif rij.status != status:
            rij.status = status
            gewijzigd.append(rij)
    Aanwezigheid.objects.bulk_create(nieuw)
    Aanwezigheid.objects.bulk_update(gewijzigd, ["status"])
    if nieuw or gewijzigd:
        log_action(
            door,
            "aanwezigheid vastgelegd",
            vergadering,
            {str(k): v for k, v in aanwezigheden.items()},
            "",
            _scope(vergadering.orgaan),
        )


@transaction.atomic
def record_besluit(
    punt, *, uitkomst, behandeling="", tekst="", voor=None, tegen=None, onthouding=None, stemmen=None, door
):
    """Record the decision on an item and, optionally, the vote (totals, or each member's vote).

    Adopting the item on the minutes of the previous meeting approves those minutes.
    """
    vergadering = punt.vergadering
    permissions.require_manage(door, vergadering.orgaan)
    vergadering = _lock(vergadering)
    _check_afgelopen(vergadering)
    if punt.status != AgendapuntStatus.GEAGENDEERD:
        raise ValidationError(_("Alleen over punten op de agenda wordt besloten."))
    Uitkomst(uitkomst)
    totalen = {"voor": voor, "tegen": tegen, "onthouding": onthouding}
    if stemmen:
        _zetels(vergadering, list(stemmen))
        geteld = {keuze: sum(1 for k in stemmen.values() if k == keuze) for keuze in totalen}
        for keuze, aantal in totalen.items():
            if aantal is not None and aantal != geteld[keuze]:
                raise ValidationError(
                    {
                        keuze: _("De stemmen per lid tellen %(n)s, niet %(aantal)s.")
                        % {"n": geteld[keuze], "aantal": aantal}
                    }
                )
        totalen = geteld
    besluit = Besluit.objects.filter(agendapunt=punt).first()
    before = snapshot(besluit, BESLUIT_FIELDS) if besluit else {}
    besluit = besluit or Besluit(agendapunt=punt)
    besluit.behandeling, besluit.tekst, besluit.uitkomst = behandeling, tekst, uitkomst
    besluit.full_clean()
    besluit.save()
    changes = diff(before, snapshot(besluit, BESLUIT_FIELDS))
    if any(value is not None for value in totalen.values()):
        totalen = {k: v or 0 for k, v in totalen.items()}
        stemming, _created = Stemming.objects.update_or_create(besluit=besluit, defaults=totalen)
        stemming.stemmen.all().delete()
        Stem.objects.bulk_create(
            [
                Stem(stemming=stemming, lidmaatschap_id=lid, keuze=keuze)
                for lid, keuze in (stemmen or {}).items()
            ]
        )
        changes["stemming"] = f"{totalen['voor']}–{totalen['tegen']}–{totalen['onthouding']}"
    log_action(door, "besluit vastgelegd", punt, changes, "", _scope(vergadering.orgaan))
    _besluit_over_programma(punt, vergadering, uitkomst, door)
    if punt.notulen_van_id and uitkomst == Uitkomst.AANGENOMEN:
        vorige = punt.notulen_van
        if vorige.status == VergaderingStatus.AFGELOPEN:
            approve_notulen(vorige, door=door)
    return besluit


def _besluit_over_programma(punt, vergadering, uitkomst, door):
    """A board's decision on a programme version drives the programme, on both routes (programmas.board_decision):
    consent adopts or sends back a submitted version; zienswijze adopts a routed draft after the councils' term (with
    every view answered) or sends it back. A refusal (term still running) refuses the decision itself."""
    if punt.programmaversie_id is None or uitkomst not in (Uitkomst.AANGENOMEN, Uitkomst.VERWORPEN):
        return
    versie = Versie.objects.select_related("jaarprogramma__regio").get(pk=punt.programmaversie_id)
    datum = timezone.localtime(vergadering.begin).date()
    referentie = _("%(orgaan)s %(datum)s, punt %(punt)s") % {
        "orgaan": vergadering.orgaan,
        "datum": formats.date_format(datum, "SHORT_DATE_FORMAT"),
        "punt": punt.volgnummer,
    }
    programma_services.board_decision(
        versie,
        aangenomen=uitkomst == Uitkomst.AANGENOMEN,
        besluitdatum=datum,
        besluit_referentie=referentie,
        door=door,
        reden=_("verworpen in %(orgaan)s") % {"orgaan": vergadering.orgaan},
    )


def agendeer_programmaversie(versie, orgaan, na=None):
    """Put a programme version on the next planned meeting of the adopting body (if one is planned); with `na`, on
    the first one after that date (the zienswijze term must have ended before the general board takes it up)."""
    if orgaan is None:
        return None
    vanaf = timezone.now()
    if na is not None:
        vanaf = max(
            vanaf,
            timezone.make_aware(datetime.datetime.combine(na + datetime.timedelta(days=1), datetime.time())),
        )
    volgende = (
        Vergadering.objects.filter(orgaan=orgaan, status=VergaderingStatus.GEPLAND, begin__gte=vanaf)
        .order_by("begin")
        .first()
    )
    if volgende is None or Agendapunt.objects.filter(vergadering=volgende, programmaversie=versie).exists():
        return None
    return add_agendapunt(
        volgende,
        titel=_("Vaststelling: %(versie)s") % {"versie": versie},
        toelichting=_(
            "Het besluit over dit punt stelt de versie vast (aangenomen) of stuurt haar terug (verworpen); de "
            "zienswijzen van de raden staan bij de versie."
        ),
        openbaar=True,
        programmaversie=versie,
        door=None,
    )


# --- Notifications ---------------------------------------------------------------------------------------------


@transaction.atomic
def set_notificatievoorkeur(user, *, frequentie, door):
    """Choose immediate mail or one daily digest (the portal-wide choice on the account)."""
    if not is_system(door) and door != user:
        raise NotAllowed(_("U kiest alleen uw eigen voorkeur."))
    if frequentie not in dict(MELDING_KEUZES):
        raise ValidationError({"frequentie": _("Kies meteen of dagelijks.")})
    if user.meldingen != frequentie:
        log_action(door, "voorkeur gewijzigd", user, {"meldingen": [user.meldingen, frequentie]})
        user.meldingen = frequentie
        user.save(update_fields=["meldingen"])
    return user


def _meld_agenda(vergadering):
    """Notify every current member with an account of the published agenda (once per meeting)."""
    users = [
        zetel.persoon.user
        for zetel in Lidmaatschap.objects.current()
        .filter(orgaan=vergadering.orgaan_id, persoon__user__isnull=False)
        .select_related("persoon__user")
    ]
    tekst = render_to_string(
        "vergaderingen/mail/agenda.txt",
        {
            "vergadering": vergadering,
            "punten": _genummerd(vergadering),
            "link": absolute_url(vergadering.get_absolute_url()),
        },
    )
    onderwerp = _("Agenda gepubliceerd: %(vergadering)s") % {"vergadering": vergadering}
    return notify(set(users), onderwerp, tekst, sleutel=f"vergaderingen:agenda:{vergadering.pk}")


# --- Agenda PDF ------------------------------------------------------------------------------------------------


def maak_agenda_pdf(vergadering):
    """Render the public and the full agenda PDF (a retry overwrites the same two files)."""
    from .pdf import render_template_pdf
    from .selectors import agenda

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


# --- Calendars -------------------------------------------------------------------------------------------------


def kalendertoken(user):
    """The user's calendar token, made on first use (a write: called from POST handlers and tests, never a GET)."""
    token, _created = KalenderToken.objects.get_or_create(user=user)
    return token


@transaction.atomic
def renew_kalendertoken(user, *, door):
    """Revoke the personal calendar URL: a new secret replaces the old one at once."""
    if not is_system(door) and door != user:
        raise NotAllowed(_("U vernieuwt alleen uw eigen agenda-link."))
    token = kalendertoken(user)
    token.token = nieuw_token()
    token.save(update_fields=["token", "aangemaakt"])
    log_action(door, "agenda-link vernieuwd", user, {})
    return token


def vergadering_event(vergadering, *, met_besloten):
    """A meeting as a calendar event; its items come from `feedpunten` when a selector prefetched them."""
    punten = getattr(vergadering, "feedpunten", None)
    if punten is None:
        from .selectors import agenda

        punten = agenda(vergadering, met_besloten=met_besloten)
    regels = [f"{p.volgnummer}. {p.titel}" for p in punten]
    if vergadering.online_link:
        regels.append(_("Online: %(link)s") % {"link": vergadering.online_link})
    return ical.Event(
        uid=ical.uid("vergadering", vergadering.pk),
        start=vergadering.begin,
        end=vergadering.einde,
        summary=str(vergadering.orgaan),
        dtstamp=vergadering.bijgewerkt.replace(microsecond=0),
        description="\n".join(regels),
        location=vergadering.locatie or vergadering.online_link,
        url=absolute_url(vergadering.get_absolute_url()),
        sequence=vergadering.wijzigingen,
    )


# --- Planning days ---------------------------------------------------------------------------------------------


def _require_organise(door, regio):
    permissions.require(
        permissions.can_organise_bijeenkomst(door, regio),
        _("Alleen het secretariaat van %(regio)s organiseert planningsdagen.") % {"regio": regio},
        door,
    )


@transaction.atomic
def create_bijeenkomst(regio, *, door, **values):
    _require_organise(door, regio)
    return _create(Bijeenkomst, BIJEENKOMST_FIELDS, door, {"regio": regio, **values}, regio_scope(regio))


@transaction.atomic
def add_blok(bijeenkomst, *, soort, titel, begin, einde=None, door):
    _require_organise(door, bijeenkomst.regio)
    return _create(
        Blok,
        ["bijeenkomst", "soort", "titel", "begin", "einde"],
        door,
        {"bijeenkomst": bijeenkomst, "soort": soort, "titel": titel, "begin": begin, "einde": einde},
        regio_scope(bijeenkomst.regio),
    )


@transaction.atomic
def add_werksessie(blok, *, thema, capaciteit, facilitator="", beschrijving="", door):
    _require_organise(door, blok.bijeenkomst.regio)
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
            "beschrijving": beschrijving,
        },
        regio_scope(blok.bijeenkomst.regio),
    )


@transaction.atomic
def add_werkdocument(werksessie, upload, *, door):
    regio = werksessie.blok.bijeenkomst.regio
    _require_organise(door, regio)
    return _store_document(upload, door, regio_scope(regio), werksessie=werksessie)


def inschrijving_open(bijeenkomst, today=None):
    return (today or timezone.localdate()) <= bijeenkomst.inschrijven_tot


def _check_sessies(bijeenkomst, sessies):
    if not sessies:
        raise ValidationError({"sessies": _("Kies minstens één werksessie.")})
    blokken = {}
    for sessie in sessies:
        if sessie.blok.bijeenkomst_id != bijeenkomst.pk:
            raise ValidationError(
                {"sessies": _("Deze werksessie hoort niet bij %(b)s.") % {"b": bijeenkomst}}
            )
        if sessie.blok_id in blokken:
            raise ValidationError(
                {"sessies": _("Kies één werksessie per blok (%(blok)s).") % {"blok": sessie.blok.titel}}
            )
        blokken[sessie.blok_id] = sessie


def _bevestigd(werksessie):
    return werksessie.keuzes.filter(status=KeuzeStatus.BEVESTIGD).count()


@transaction.atomic
def register(bijeenkomst, *, bestuur, sessies, door, deelnemer=None):
    """Register a participant for a planning day on behalf of `bestuur`, with one session per block.

    Participants register themselves (`door`) until the deadline; the organiser (or the system) may register
    someone else (`deelnemer`), also after it. A full session puts the participant on its waiting list. The
    sessions are locked (select_for_update), so of two people asking for the last seat at once exactly one gets it.
    """
    deelnemer = deelnemer or door
    if deelnemer != door:
        _require_organise(door, bijeenkomst.regio)
    permissions.require(
        permissions.can_register(deelnemer, bijeenkomst),
        _("Alleen medewerkers en mandatarissen van %(regio)s schrijven zich in.")
        % {"regio": bijeenkomst.regio},
        door,
    )
    if deelnemer is None or not deelnemer.is_authenticated:
        raise NotAllowed(_("Log in om u in te schrijven."))
    if deelnemer == door and not inschrijving_open(bijeenkomst):
        raise ValidationError(
            _("De inschrijving is gesloten: inschrijven kon tot en met %(datum)s.")
            % {"datum": _datum(bijeenkomst.inschrijven_tot)},
            code="gesloten",
        )
    if not bijeenkomst.regio.deelnames.current().filter(bestuur=bestuur).exists():
        raise ValidationError(
            {"bestuur": _("%(bestuur)s is geen lid van deze regio.") % {"bestuur": bestuur}}
        )
    _check_sessies(bijeenkomst, sessies)
    if Inschrijving.objects.filter(bijeenkomst=bijeenkomst, user=deelnemer).exists():
        raise ValidationError(_("U bent al ingeschreven voor %(b)s.") % {"b": bijeenkomst}, code="dubbel")
    try:
        with transaction.atomic():
            inschrijving = Inschrijving.objects.create(
                bijeenkomst=bijeenkomst, user=deelnemer, bestuur=bestuur
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("U bent al ingeschreven voor %(b)s.") % {"b": bijeenkomst}, code="dubbel"
        ) from exc
    locked = {
        s.pk: s
        for s in Werksessie.objects.select_for_update().filter(pk__in=[s.pk for s in sessies]).order_by("pk")
    }
    keuzes = []
    for sessie in sessies:
        vol = _bevestigd(locked[sessie.pk]) >= locked[sessie.pk].capaciteit
        keuzes.append(
            Sessiekeuze.objects.create(
                inschrijving=inschrijving,
                blok_id=sessie.blok_id,
                werksessie=sessie,
                status=KeuzeStatus.WACHTLIJST if vol else KeuzeStatus.BEVESTIGD,
            )
        )
    log_action(
        door,
        "ingeschreven",
        inschrijving,
        {"bestuur": str(bestuur), "sessies": {k.werksessie.thema: k.status for k in keuzes}},
        "",
        regio_scope(bijeenkomst.regio),
    )
    from .tasks import stuur_bevestiging

    pk = inschrijving.pk
    transaction.on_commit(lambda: stuur_bevestiging.delay(pk), robust=True)
    return inschrijving


@transaction.atomic
def cancel_inschrijving(inschrijving, *, door):
    """Cancel a registration; each seat it frees goes to the first on that session's waiting list (by mail)."""
    bijeenkomst = inschrijving.bijeenkomst
    permissions.require(
        (door is not None and door.pk == inschrijving.user_id)
        or permissions.can_organise_bijeenkomst(door, bijeenkomst.regio),
        _("U annuleert alleen uw eigen inschrijving."),
        door,
    )
    if timezone.localdate() > bijeenkomst.datum:
        raise ValidationError(_("De bijeenkomst is voorbij."))
    sessie_ids = list(inschrijving.keuzes.values_list("werksessie_id", flat=True))
    sessies = list(Werksessie.objects.select_for_update().filter(pk__in=sessie_ids).order_by("pk"))
    log_action(
        door,
        "inschrijving geannuleerd",
        inschrijving,
        {"deelnemer": str(inschrijving.user)},
        "",
        regio_scope(bijeenkomst.regio),
    )
    inschrijving.delete()
    opgeschoven = []
    for sessie in sessies:
        opgeschoven += _schuif_op(sessie, door)
    return opgeschoven


def _schuif_op(sessie, door):
    """Give free seats of a (locked) session to its waiting list, first come first served; mail each."""
    from .tasks import stuur_opgeschoven

    vrij = sessie.capaciteit - _bevestigd(sessie)
    if vrij <= 0:
        return []
    wachtenden = list(
        sessie.keuzes.filter(status=KeuzeStatus.WACHTLIJST)
        .select_related("inschrijving")
        .order_by("tijdstip", "pk")[:vrij]
    )
    for keuze in wachtenden:
        keuze.status = KeuzeStatus.BEVESTIGD
        keuze.save(update_fields=["status"])
        log_action(
            door,
            "van wachtlijst opgeschoven",
            keuze.inschrijving,
            {"sessie": sessie.thema},
            "",
            regio_scope(sessie.blok.bijeenkomst.regio),
        )
        pk = keuze.pk
        transaction.on_commit(lambda pk=pk: stuur_opgeschoven.delay(pk), robust=True)
    return wachtenden


def _datum(day):
    return formats.date_format(day, "j F Y")


def _tijdstip(bijeenkomst, tijd):
    return timezone.make_aware(datetime.datetime.combine(bijeenkomst.datum, tijd))


def bijeenkomst_event(inschrijving):
    """The planning day as a calendar event, with the participant's sessions in the description."""
    bijeenkomst = inschrijving.bijeenkomst
    blokken = list(bijeenkomst.blokken.all())
    begin = _tijdstip(bijeenkomst, blokken[0].begin) if blokken else _tijdstip(bijeenkomst, datetime.time(9))
    laatste = blokken[-1] if blokken else None
    einde_tijd = (
        (
            laatste.einde
            or (
                datetime.datetime.combine(bijeenkomst.datum, laatste.begin) + datetime.timedelta(hours=1)
            ).time()
        )
        if laatste
        else datetime.time(17)
    )
    keuzes = inschrijving.keuzes.select_related("werksessie__blok").order_by("blok__begin")
    regels = [
        f"{k.werksessie.blok.begin:%H:%M} {k.werksessie.thema} ({k.get_status_display()})" for k in keuzes
    ]
    return ical.Event(
        uid=ical.uid("inschrijving", inschrijving.pk),
        start=begin,
        end=_tijdstip(bijeenkomst, einde_tijd),
        summary=bijeenkomst.naam,
        dtstamp=ical.now(),
        description="\n".join(regels),
        location=bijeenkomst.locatie,
        url=absolute_url(bijeenkomst.get_absolute_url()),
    )


def stuur_bevestiging_mail(inschrijving):
    """Confirm a registration by mail, with the day as an .ics attachment."""
    keuzes = inschrijving.keuzes.select_related("werksessie__blok").order_by("blok__begin")
    tekst = render_to_string(
        "vergaderingen/mail/bevestiging.txt",
        {
            "inschrijving": inschrijving,
            "bijeenkomst": inschrijving.bijeenkomst,
            "keuzes": keuzes,
            "link": absolute_url(inschrijving.bijeenkomst.get_absolute_url()),
        },
    )
    mail = EmailMessage(
        _("Inschrijving bevestigd: %(b)s") % {"b": inschrijving.bijeenkomst},
        tekst,
        None,
        [inschrijving.user.email],
    )
    mail.attach(
        "bijeenkomst.ics",
        ical.calendar([bijeenkomst_event(inschrijving)], method="PUBLISH"),
        "text/calendar; charset=utf-8",
    )
    mail.send()


def stuur_opgeschoven_mail(keuze):
    tekst = render_to_string(
        "vergaderingen/mail/opgeschoven.txt",
        {
            "keuze": keuze,
            "bijeenkomst": keuze.inschrijving.bijeenkomst,
            "link": absolute_url(keuze.inschrijving.bijeenkomst.get_absolute_url()),
        },
    )
    EmailMessage(
        _("Er is een plaats vrij: %(thema)s") % {"thema": keuze.werksessie.thema},
        tekst,
        None,
        [keuze.inschrijving.user.email],
    ).send()


def bestuur_van(user, regio):
    """The member government the user most likely registers for: that of their current seat in the region."""
    if not user or not user.is_authenticated:
        return None
    today = timezone.localdate()
    return (
        Bestuur.objects.filter(
            Q(lidmaatschappen__einddatum__isnull=True) | Q(lidmaatschappen__einddatum__gt=today),
            lidmaatschappen__persoon__user=user,
            lidmaatschappen__begindatum__lte=today,
            deelnames__regio=regio,
        )
        .distinct()
        .order_by("naam")
        .first()
    )
