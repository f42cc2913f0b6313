"""The councils' phase: routing a version to every member council, their deadlines, their decisions and
corrections (the version's status follows), and the board's answer to a zienswijze."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from besturen.models import RAADSORGANEN, Orgaan, Rol
from besturen.permissions import group_name
from besturen.services import regio_scope
from regioportaal import outbox
from regioportaal.permissions import grant
from regioportaal.uploads import PDF, atomic_with_files, check_upload, store_file

from .. import signals, termijnen, workflow
from ..models import (
    Procedure,
    Raadsbesluit,
    Registratie,
    Uitkomst,
    Versie,
    VersieStatus,
)
from ..policies import RAADSBESLUIT, VERSIE
from ..regeling import (
    procedure_van,
    regeling_voor,
)
from ..selectors import beslissing, open_voor_raden
from ._gedeeld import _lock_versie, _log, _transition
from .vaststelling import _bind


@transaction.atomic
def route_versie(versie, *, door, deadline=None):
    """Put the version before every participating member council: one Raadsbesluit each, with its deadline.

    The deadline may not lie before today; under the zienswijze procedure it is at least twelve weeks away (Wgr
    art. 35). The figures freeze now if they were not frozen at adoption. Each council's secretaries (and nobody
    else) get `record_raadsbesluit` on their council's decision.
    """
    versie = _lock_versie(versie)
    regio = versie.jaarprogramma.regio
    VERSIE.require(door, "route", versie)
    regeling = regeling_voor(versie)
    procedure = regeling.procedure
    vandaag = timezone.localdate()
    if deadline is None:
        deadline = termijnen.standaard_deadline(
            procedure,
            vandaag,
            termijn_dagen=regeling.termijn_dagen,
            zienswijze_weken=max(regeling.zienswijze_weken, termijnen.WGR_ZIENSWIJZE_WEKEN),
        )
    _controleer_deadline(procedure, vandaag, deadline)
    _bind(versie, VersieStatus.VOORGELEGD, door, "voorgelegd", voorgelegd_op=vandaag, deadline=deadline)
    inwoners = dict(versie.bijdragen.values_list("bestuur_id", "inwoners").distinct())
    deelnemers = {
        b.pk: b for regel in versie.regels.prefetch_related("deelnemers") for b in regel.deelnemers.all()
    }
    raden = {
        o.bestuur_id: o
        for o in Orgaan.objects.filter(bestuur__in=deelnemers, soort__in=RAADSORGANEN).order_by("soort")
    }
    besluiten = Raadsbesluit.objects.bulk_create(
        [
            Raadsbesluit(
                versie=versie,
                bestuur=bestuur,
                raad=raden.get(pk),
                deadline=deadline,
                inwoners=inwoners.get(pk, bestuur.inwoners),
            )
            for pk, bestuur in sorted(deelnemers.items(), key=lambda item: item[1].naam)
        ]
    )
    for besluit in besluiten:
        if besluit.raad is not None:
            grant(
                "programmas.record_raadsbesluit",
                [group_name(besluit.raad.pk, Rol.SECRETARIS)],
                besluit,
                door=door,
                reden=_("voorgelegd aan de raad"),
                scope=regio_scope(regio),
            )
    if procedure == Procedure.ZIENSWIJZE:
        orgaan = regeling.bestuursorgaan
        transaction.on_commit(
            lambda: signals.versie_naar_bestuur.send(
                sender=Versie, versie=versie, orgaan=orgaan, na=deadline
            ),
            robust=True,
        )
    outbox.enqueue("programmas.tasks.notify", "voorgelegd", versie.pk)
    return versie


def _controleer_deadline(procedure, voorgelegd_op, deadline, veld="deadline"):
    try:
        termijnen.check_deadline(procedure, voorgelegd_op, deadline)
    except termijnen.TermijnFout as exc:
        if str(exc) == "voor_voorleggen":
            bericht = _("De uiterste datum ligt vóór de datum van voorleggen (%(datum)s).") % {
                "datum": date_format(voorgelegd_op)
            }
        else:
            bericht = _(
                "De termijn voor zienswijzen is minstens twaalf weken (Wgr art. 35): kies %(datum)s of later."
            ) % {"datum": date_format(termijnen.vroegste_deadline(procedure, voorgelegd_op))}
        raise ValidationError({veld: bericht}) from exc


@transaction.atomic
def set_raad_deadline(besluit, *, deadline, door):
    """A council may have its own deadline (its own budget meeting); never shorter than the law allows."""
    versie = _lock_versie(besluit.versie)
    besluit = Raadsbesluit.objects.select_for_update().select_related("bestuur").get(pk=besluit.pk)
    besluit.versie = versie
    RAADSBESLUIT.require(door, "set_deadline", besluit)
    _controleer_deadline(procedure_van(versie), versie.voorgelegd_op, deadline)
    if besluit.deadline != deadline:
        _log(
            door,
            "uiterste datum gewijzigd",
            besluit,
            versie.jaarprogramma.regio,
            {"deadline": [besluit.deadline, deadline], "bestuur": str(besluit.bestuur)},
        )
        besluit.deadline = deadline
        besluit.save(update_fields=["deadline"])
    return besluit


@atomic_with_files()
def record_raadsbesluit(
    besluit,
    *,
    uitkomst,
    datum_raad,
    door,
    stemmen_voor=0,
    stemmen_tegen=0,
    onthoudingen=0,
    amendement="",
    zienswijze="",
    document=None,
    reden="",
):
    """Record (or, with a reason, correct) a council's decision; the programme's status follows the stored rule.

    The version row is locked first, so two councils recording at the same moment are applied one after the other
    and the status is computed from both. A council that decides after its deadline still records (marked late).
    The decision document is written before the row is committed; a rollback deletes it (`atomic_with_files`).
    """
    versie = _lock_versie(besluit.versie)
    besluit = Raadsbesluit.objects.select_for_update().select_related("bestuur").get(pk=besluit.pk)
    besluit.versie = versie
    regio = versie.jaarprogramma.regio
    correctie = workflow.is_correctie(besluit.uitkomst)
    RAADSBESLUIT.require(door, "correct" if correctie else "record", besluit)
    procedure = procedure_van(versie)
    if not workflow.uitkomst_allowed(procedure, besluit.uitkomst, uitkomst):
        raise ValidationError({"uitkomst": _("Deze uitkomst past niet bij de procedure van dit programma.")})
    if uitkomst == Uitkomst.AMENDEMENT and not amendement.strip():
        raise ValidationError({"amendement": _("Geef de tekst van het amendement.")})
    if uitkomst == Uitkomst.ZIENSWIJZE and not zienswijze.strip():
        raise ValidationError({"zienswijze": _("Geef de tekst van de zienswijze.")})
    if datum_raad < versie.voorgelegd_op:
        raise ValidationError(
            {
                "datum_raad": _("De raad kan niet beslissen vóór het voorleggen (%(datum)s).")
                % {"datum": date_format(versie.voorgelegd_op)}
            }
        )
    if datum_raad > timezone.localdate():
        raise ValidationError({"datum_raad": _("De datum van de raadszitting ligt in de toekomst.")})
    if correctie and not reden.strip():
        raise ValidationError({"reden": _("Dit besluit is al vastgelegd; een correctie vraagt een reden.")})
    if document is not None:
        check_upload(document, soorten=(PDF,), veld="document")
    registratie = Registratie(
        besluit=besluit,
        uitkomst=uitkomst,
        datum_raad=datum_raad,
        stemmen_voor=stemmen_voor,
        stemmen_tegen=stemmen_tegen,
        onthoudingen=onthoudingen,
        amendement=amendement,
        zienswijze=zienswijze,
        correctie=correctie,
        te_laat=datum_raad > besluit.deadline,
        reden=reden,
        door=door if door and door.is_authenticated else None,
    )
    if document is not None:
        store_file(registratie.document, document.name, document)
    registratie.full_clean()
    registratie.save()
    vorige = besluit.uitkomst
    besluit.uitkomst = uitkomst
    besluit.save(update_fields=["uitkomst"])
    _log(
        door,
        "raadsbesluit gecorrigeerd" if correctie else "raadsbesluit vastgelegd",
        besluit,
        regio,
        {"uitkomst": [vorige, uitkomst], "datum_raad": datum_raad, "te_laat": registratie.te_laat},
        reden,
    )
    _update_status(versie, door)
    outbox.enqueue("programmas.tasks.notify", "besluit", versie.pk, besluit.pk)
    return registratie


def _update_status(versie, door):
    """Recompute the version's status from all council decisions after every registration or correction (also back
    from approved), with an audit entry whenever it changes."""
    if procedure_van(versie) != Procedure.INSTEMMING or not open_voor_raden(versie):
        return
    nieuw = beslissing(versie).status
    if nieuw != versie.status:
        _transition(
            versie,
            nieuw,
            door,
            "status herberekend",
            _("herberekend na een besluit of correctie van een raad"),
        )


@transaction.atomic
def answer_zienswijze(besluit, *, antwoord, door):
    """The board answers a council's zienswijze in writing, with reasons; the answer goes to every council."""
    versie = _lock_versie(besluit.versie)
    besluit = Raadsbesluit.objects.select_for_update().get(pk=besluit.pk)  # decide on the stored outcome
    besluit.versie = versie
    RAADSBESLUIT.require(door, "answer_zienswijze", besluit)
    if not antwoord.strip():
        raise ValidationError(
            {"antwoord": _("Het antwoord op een zienswijze is schriftelijk en met redenen.")}
        )
    besluit.antwoord = antwoord
    besluit.antwoord_op = timezone.localdate()
    besluit.save(update_fields=["antwoord", "antwoord_op"])
    _log(door, "zienswijze beantwoord", besluit, versie.jaarprogramma.regio)
    outbox.enqueue("programmas.tasks.notify", "zienswijze_beantwoord", versie.pk, besluit.pk)
    return besluit
