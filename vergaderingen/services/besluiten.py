"""Attendance, decisions and votes, and the coupling of a board's decision to the programme version."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from programmas import services as programma_services
from programmas.models import Versie
from regioportaal.audit import diff, log_action, snapshot

from ..models import (
    Aanwezigheid,
    Aanwezigheidsstatus,
    Agendapunt,
    Besluit,
    Besluituitkomst,
    Stem,
    Stemming,
    Vergadering,
    VergaderingStatus,
)
from ..policies import AgendapuntPolicy, VergaderingPolicy
from ._gedeeld import _lock, _scope
from .agenda import add_agendapunt
from .vergadering import approve_notulen

BESLUIT_FIELDS = ["behandeling", "tekst", "uitkomst", "inwerkingtreding"]


def _zetels(vergadering, ids):
    zetels = vergadering.orgaan.lidmaatschappen.filter(pk__in=ids)
    found = set(zetels.values_list("pk", flat=True))
    if found != set(ids):
        raise ValidationError(_("Alleen leden van %(orgaan)s tellen mee.") % {"orgaan": vergadering.orgaan})
    return found


@transaction.atomic
def record_aanwezigheid(vergadering, *, aanwezigheden, door):
    """Record who attended: {lidmaatschap id: Aanwezigheidsstatus}."""
    VergaderingPolicy().require(door, "record", vergadering)
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
    punt,
    *,
    uitkomst,
    behandeling="",
    tekst="",
    inwerkingtreding=None,
    voor=None,
    tegen=None,
    onthouding=None,
    stemmen=None,
    door,
):
    """Record the decision on an item and, optionally, the vote (totals, or each member's vote) and the day the
    decision takes effect (the linked data publish the legal act it expresses from then on).

    Adopting the item on the minutes of the previous meeting approves those minutes.
    """
    vergadering = _lock(punt.vergadering)
    AgendapuntPolicy().require(door, "record_besluit", punt)
    Besluituitkomst(uitkomst)
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
    besluit.inwerkingtreding = inwerkingtreding
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
    if punt.notulen_van_id and uitkomst == Besluituitkomst.AANGENOMEN:
        vorige = punt.notulen_van
        if vorige.status == VergaderingStatus.AFGELOPEN:
            approve_notulen(vorige, door=door)
    return besluit


def _besluit_over_programma(punt, vergadering, uitkomst, door):
    """A board's decision on a programme version drives the programme, on both routes (programmas.board_decision):
    consent adopts or sends back a submitted version; zienswijze adopts a routed draft after the councils' term (with
    every view answered) or sends it back. A refusal (term still running) refuses the decision itself."""
    if punt.programmaversie_id is None or uitkomst not in (
        Besluituitkomst.AANGENOMEN,
        Besluituitkomst.VERWORPEN,
    ):
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
        aangenomen=uitkomst == Besluituitkomst.AANGENOMEN,
        besluitdatum=datum,
        besluit_referentie=referentie,
        door=door,
        reden=_("verworpen in %(orgaan)s") % {"orgaan": vergadering.orgaan},
    )


def put_programmaversie_on_agenda(versie, orgaan, na=None):
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
