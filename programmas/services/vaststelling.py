"""The board's steps on a version: submit, send back, adopt, and its decision on the agenda item."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regioportaal import outbox

from .. import signals, termijnen, workflow
from ..models import (
    Procedure,
    Uitkomst,
    Versie,
    VersieStatus,
)
from ..policies import VERSIE
from ..regeling import (
    procedure_van,
    regeling_van,
)
from ._gedeeld import _lock_versie, _log, _transition
from .bevriezing import _bevries


@transaction.atomic
def submit_versie(versie, *, door):
    """Submit a concept to the region's board or mayors' meeting.

    Consent: the board takes it up at its next meeting (it lands on that agenda). Zienswijze: the daily board sends
    it to the councils first; it reaches the general board's agenda when it is routed.
    """
    versie = _lock_versie(versie)
    regio = versie.jaarprogramma.regio
    VERSIE.require(door, "submit", versie)
    if not versie.regels.exists():
        raise ValidationError(_("Een programma zonder regels kan niet worden ingediend."))
    _transition(versie, VersieStatus.INGEDIEND, door, "ingediend", ingediend_op=timezone.localdate())
    if procedure_van(versie) == Procedure.INSTEMMING:
        orgaan = regeling_van(regio).bestuursorgaan
        transaction.on_commit(
            lambda: signals.versie_naar_bestuur.send(sender=Versie, versie=versie, orgaan=orgaan, na=None),
            robust=True,
        )
    outbox.enqueue("programmas.tasks.notify", "ingediend", versie.pk)
    return versie


@transaction.atomic
def send_back(versie, *, door, reden=""):
    """The board sends a version back: a submitted one becomes a concept again; one before the councils is closed
    (its councils' phase ends, a new version starts over)."""
    versie = _lock_versie(versie)
    VERSIE.require(door, "send_back", versie)
    if versie.status == VersieStatus.INGEDIEND:
        return _transition(versie, VersieStatus.CONCEPT, door, "teruggestuurd", reden)
    if versie.status != VersieStatus.TERUG:
        _transition(versie, VersieStatus.TERUG, door, "teruggestuurd", reden)
    versie.teruggestuurd_op = timezone.localdate()
    versie.save(update_fields=["teruggestuurd_op"])
    return versie


def _vervang_eerdere(versie, door):
    """A version that reaches the councils or is adopted replaces the earlier ones still open before the councils."""
    eerdere = Versie.objects.filter(
        jaarprogramma=versie.jaarprogramma,
        nummer__lt=versie.nummer,
        vervangen_door__isnull=True,
        teruggestuurd_op__isnull=True,
        status__in=workflow.RAADSFASE,
    )
    for oud in eerdere:
        oud.vervangen_door = versie
        oud.save(update_fields=["vervangen_door"])
        _log(door, "vervangen", oud, versie.jaarprogramma.regio, {"door_versie": versie.nummer})


def _bind(versie, naar, door, actie, **velden):
    """Adoption or routing, whichever comes first, makes the version public, freezes its figures and replaces the
    earlier versions still open before the councils."""
    _transition(versie, naar, door, actie, openbaar=True, **velden)
    _bevries(versie, door)
    _vervang_eerdere(versie, door)


@transaction.atomic
def adopt_versie(versie, *, besluitdatum, besluit_referentie="", door):
    """Record the board's adoption: the version's figures freeze and it becomes public.

    Consent: the board adopts a submitted version, then it goes to the councils. Zienswijze (Wgr art. 35): the
    general board adopts a routed draft only after the councils' term has ended (or every council has responded)
    and when every view received has been answered in writing with reasons.
    """
    versie = _lock_versie(versie)
    VERSIE.require(door, "adopt", versie)
    procedure = procedure_van(versie)
    if besluitdatum > timezone.localdate():
        raise ValidationError(
            {
                "besluitdatum": _(
                    "De datum van het besluit ligt in de toekomst: leg een besluit vast als het genomen is."
                )
            }
        )
    if versie.ingediend_op and besluitdatum < versie.ingediend_op:
        raise ValidationError(
            {
                "besluitdatum": _("De vaststelling kan niet vóór de indiening (%(datum)s) liggen.")
                % {"datum": date_format(versie.ingediend_op)}
            }
        )
    if procedure == Procedure.ZIENSWIJZE and versie.status == VersieStatus.VOORGELEGD:
        if besluitdatum < versie.voorgelegd_op:
            raise ValidationError({"besluitdatum": _("De vaststelling kan niet vóór het voorleggen liggen.")})
        nog_binnen = termijnen.mag_vaststellen(
            besluitdatum, list(versie.raadsbesluiten.values_list("uitkomst", "deadline"))
        )
        if nog_binnen:
            laatste = max(d for _u, d in nog_binnen)
            raise ValidationError(
                {
                    "besluitdatum": ngettext(
                        "Het algemeen bestuur kan nog niet vaststellen: %(n)d raad is nog binnen zijn termijn "
                        "(tot en met %(datum)s) en heeft nog niet gereageerd (Wgr art. 35).",
                        "Het algemeen bestuur kan nog niet vaststellen: %(n)d raden zijn nog binnen hun termijn "
                        "(tot en met %(datum)s) en hebben nog niet gereageerd (Wgr art. 35).",
                        len(nog_binnen),
                    )
                    % {"n": len(nog_binnen), "datum": date_format(laatste)}
                }
            )
        onbeantwoord = versie.raadsbesluiten.filter(uitkomst=Uitkomst.ZIENSWIJZE, antwoord="").count()
        if onbeantwoord:
            raise ValidationError(
                _("Beantwoord eerst alle zienswijzen schriftelijk en met redenen: nog %(n)d open.")
                % {"n": onbeantwoord}
            )
    _bind(
        versie,
        VersieStatus.VASTGESTELD,
        door,
        "vastgesteld",
        vastgesteld_op=besluitdatum,
        besluit_referentie=besluit_referentie,
    )
    outbox.enqueue("programmas.tasks.notify", "vastgesteld", versie.pk)
    return versie


@transaction.atomic
def board_decision(versie, *, aangenomen, besluitdatum, besluit_referentie="", door, reden=""):
    """The board's decision on its agenda item drives both routes.

    Consent: a submitted version is adopted, or sent back to the secretariat. Zienswijze: a routed draft is adopted
    (after the term, with every view answered) or sent back. Anything else is not the board's to decide here.
    """
    versie = _lock_versie(versie)  # decide on the stored status, not on the caller's copy
    procedure = procedure_van(versie)
    if procedure == Procedure.INSTEMMING and versie.status != VersieStatus.INGEDIEND:
        return None
    if procedure == Procedure.ZIENSWIJZE and versie.status != VersieStatus.VOORGELEGD:
        return None
    if aangenomen:
        return adopt_versie(
            versie, besluitdatum=besluitdatum, besluit_referentie=besluit_referentie, door=door
        )
    return send_back(versie, door=door, reden=reden)
