"""Drafting: a programme's first version, its lines, participants and fixed contributions, and new versions."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from besturen.selectors import regio_leden
from opgaven.models import Bron as Budgetbron
from opgaven.models import Opgave
from opgaven.models import Status as OpgaveStatus

from ..models import (
    Jaarprogramma,
    Programmaregel,
    ProgrammaSoort,
    VasteBijdrage,
    Versie,
    Vraag,
)
from ..policies import VERSIE
from ..regeling import (
    regeling_van,
)
from ._gedeeld import (
    _apply_per_inwoner,
    _lock_versie,
    _log,
    _require_manage,
)


@transaction.atomic
def draft_jaarprogramma(
    regio,
    jaar,
    *,
    door,
    opgaven=None,
    titel="",
    soort=ProgrammaSoort.PROGRAMMA,
    procedure="",
    behandeldatum=None,
):
    """Start the programme (or the joint arrangement's budget) of `jaar` as version 1 (concept), with a line per
    opgave (all members taking part). `procedure` empty: the region's default route."""
    _require_manage(door, regio)
    if Jaarprogramma.objects.filter(regio=regio, jaar=jaar, soort=soort).exists():
        raise ValidationError(
            {
                "jaar": _("Er is al een %(soort)s voor %(jaar)s.")
                % {"soort": ProgrammaSoort(soort).label, "jaar": jaar}
            }
        )
    programma = Jaarprogramma(
        regio=regio, jaar=jaar, titel=titel, soort=soort, procedure=procedure, behandeldatum=behandeldatum
    )
    programma.full_clean()
    programma.save()
    versie = Versie.objects.create(jaarprogramma=programma, nummer=1)
    _log(
        door,
        "jaarprogramma opgesteld",
        programma,
        regio,
        {"jaar": jaar, "soort": soort, "procedure": procedure},
    )
    for opgave in (
        opgaven if opgaven is not None else Opgave.objects.filter(regio=regio, status=OpgaveStatus.LOPEND)
    ):
        add_regel(versie, opgave=opgave, bedrag=_budget_voor(opgave, jaar), door=door)
    return versie


def _budget_voor(opgave, jaar):
    return sum(
        (b.bedrag for b in opgave.budget.all() if b.jaar == jaar and b.bron == Budgetbron.LEDEN), Decimal("0")
    )


@transaction.atomic
def add_regel(
    versie,
    *,
    opgave,
    bedrag,
    capaciteit_uren=Decimal("0"),
    sleutel="",
    tarief_per_inwoner=None,
    deelnemers=None,
    door,
):
    """Add an opgave's line to a concept version; by default every current member takes part."""
    versie = _lock_versie(versie)
    regio = versie.jaarprogramma.regio
    VERSIE.require(door, "edit", versie)
    if opgave.regio_id != regio.pk:
        raise ValidationError({"opgave": _("Deze opgave hoort bij een andere regio.")})
    regel = Programmaregel(
        versie=versie,
        opgave=opgave,
        bedrag=bedrag,
        capaciteit_uren=capaciteit_uren,
        sleutel=sleutel,
        tarief_per_inwoner=tarief_per_inwoner,
    )
    regel.full_clean()
    regel.save()
    leden = [d.bestuur for d in regio_leden(regio)]
    regel.deelnemers.set(deelnemers if deelnemers is not None else leden)
    _apply_per_inwoner(regel, regeling_van(regio))
    _log(door, "regel toegevoegd", versie, regio, {"opgave": str(opgave), "bedrag": regel.bedrag})
    return regel


@transaction.atomic
def update_regel(
    regel,
    *,
    door,
    bedrag=None,
    capaciteit_uren=None,
    sleutel=None,
    tarief_per_inwoner=None,
    deelnemers=None,
):
    versie = _lock_versie(regel.versie)
    regio = versie.jaarprogramma.regio
    VERSIE.require(door, "edit", versie)
    wijzigingen = {}
    for name, value in (("bedrag", bedrag), ("capaciteit_uren", capaciteit_uren), ("sleutel", sleutel)):
        if value is not None and getattr(regel, name) != value:
            wijzigingen[name] = [getattr(regel, name), value]
            setattr(regel, name, value)
    if tarief_per_inwoner is not None:
        nieuw_tarief = tarief_per_inwoner or None  # 0/'' clears: the region's default rate applies
        if regel.tarief_per_inwoner != nieuw_tarief:
            wijzigingen["tarief_per_inwoner"] = [regel.tarief_per_inwoner, nieuw_tarief]
            regel.tarief_per_inwoner = nieuw_tarief
    regel.full_clean()
    regel.save()
    if deelnemers is not None:
        oud = set(regel.deelnemers.values_list("pk", flat=True))
        nieuw = {b.pk for b in deelnemers}
        if oud != nieuw:
            regel.deelnemers.set(deelnemers)
            wijzigingen["deelnemers"] = [sorted(oud), sorted(nieuw)]
    vorig_bedrag = regel.bedrag
    _apply_per_inwoner(regel, regeling_van(regio))
    if regel.bedrag != vorig_bedrag:
        wijzigingen["bedrag"] = [vorig_bedrag, regel.bedrag]
    if wijzigingen:
        _log(door, "regel gewijzigd", versie, regio, {"opgave": str(regel.opgave), **wijzigingen})
    return regel


@transaction.atomic
def remove_regel(regel, *, door):
    versie = _lock_versie(regel.versie)
    VERSIE.require(door, "edit", versie)
    _log(door, "regel verwijderd", versie, versie.jaarprogramma.regio, {"opgave": str(regel.opgave)})
    regel.delete()


@transaction.atomic
def set_vaste_bijdrage(regel, bestuur, bedrag, *, door):
    versie = _lock_versie(regel.versie)
    VERSIE.require(door, "edit", versie)
    VasteBijdrage.objects.update_or_create(regel=regel, bestuur=bestuur, defaults={"bedrag": bedrag})
    _log(
        door,
        "vaste bijdrage",
        versie,
        versie.jaarprogramma.regio,
        {"bestuur": str(bestuur), "bedrag": bedrag},
    )


@transaction.atomic
def new_versie(versie, *, door, toelichting=""):
    """Start a new concept from any version (after an amendment, a rejection, or a change after adoption).

    The lines, participants, rates and fixed contributions are copied; questions still open go along.
    """
    bron = _lock_versie(versie)
    programma = Jaarprogramma.objects.select_for_update().get(pk=bron.jaarprogramma_id)
    regio = programma.regio
    VERSIE.require(door, "new_version", bron)
    nummer = (programma.versies.aggregate(m=Max("nummer"))["m"] or 0) + 1
    nieuw = Versie.objects.create(
        jaarprogramma=programma, nummer=nummer, gebaseerd_op=bron, toelichting=toelichting
    )
    kopieen = {}
    for regel in bron.regels.prefetch_related("deelnemers", "vaste_bijdragen"):
        kopie = Programmaregel.objects.create(
            versie=nieuw,
            opgave_id=regel.opgave_id,
            bedrag=regel.bedrag,
            capaciteit_uren=regel.capaciteit_uren,
            sleutel=regel.sleutel,
            tarief_per_inwoner=regel.tarief_per_inwoner,
        )
        kopieen[regel.pk] = kopie
        kopie.deelnemers.set(regel.deelnemers.all())
        VasteBijdrage.objects.bulk_create(
            [
                VasteBijdrage(regel=kopie, bestuur_id=v.bestuur_id, bedrag=v.bedrag)
                for v in regel.vaste_bijdragen.all()
            ]
        )
    open_vragen = list(bron.vragen.filter(antwoord=""))
    Vraag.objects.bulk_create(
        [
            Vraag(
                versie=nieuw,
                regel=kopieen.get(v.regel_id),
                bestuur_id=v.bestuur_id,
                tekst=v.tekst,
                gesteld_door_id=v.gesteld_door_id,
                overgenomen_van=v,
            )
            for v in open_vragen
        ]
    )
    _log(door, "nieuwe versie", nieuw, regio, {"gebaseerd_op": bron.nummer, "open_vragen": len(open_vragen)})
    return nieuw
