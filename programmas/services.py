"""Writes in programmas: drafting a version, the workflow, routing to the councils, council decisions, questions.

Every transition checks the actor's permission first, runs in one transaction (row locks where councils can race),
writes an action-log entry and queues its side effects (mail, PDFs) with `transaction.on_commit`.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from besturen.models import Deelname, Orgaan, Rol
from besturen.permissions import RAADSORGANEN, group_name
from besturen.services import regio_scope
from opgaven.models import Bron as Budgetbron
from opgaven.models import Opgave
from opgaven.models import Status as OpgaveStatus
from regioportaal.audit import log_action
from regioportaal.permissions import grant, is_system, require
from regioportaal.uploads import PDF, check_upload

from . import permissions, termijnen, workflow
from .models import (
    Bijdrage,
    Jaarprogramma,
    PakketStatus,
    Procedure,
    Programmaregel,
    Programmaregeling,
    ProgrammaSoort,
    Raadsbesluit,
    Registratie,
    Reviewpakket,
    SleutelSoort,
    Uitkomst,
    VasteBijdrage,
    Versie,
    VersieStatus,
    Vraag,
)
from .regeling import (
    BEVROREN_VELDEN,
    procedure_van,
    regeling_van,
    regeling_voor,
    sleutel_van,
    tarief_van,
)
from .selectors import beslissing, open_voor_raden
from .verdeling import Lid, VerdelingFout, regelbedrag_per_inwoner, verdeel

PAKKET_GEDULD = datetime.timedelta(minutes=10)  # a packet still not made after this may be asked again


def _require_manage(door, regio):
    if not is_system(door):
        require(
            permissions.can_manage_programma(door, regio),
            _("Alleen het secretariaat van %(regio)s mag dit.") % {"regio": regio},
        )


def _log(door, actie, obj, regio, wijzigingen=None, reden=""):
    log_action(door, actie, obj, wijzigingen or {}, reden, regio_scope(regio))


def _regeling_voor_wijziging(regio):
    return Programmaregeling.objects.select_for_update().get_or_create(regio=regio)[0]


def _lock_versie(versie):
    return Versie.objects.select_for_update().select_related("jaarprogramma__regio").get(pk=versie.pk)


def _huidige_leden(regio, day=None):
    return list(
        Deelname.objects.current(day).filter(regio=regio).select_related("bestuur").order_by("bestuur__naam")
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


def _require_concept(versie):
    if not versie.bewerkbaar:
        raise ValidationError(
            _("Versie %(nummer)s is %(status)s en ligt vast; maak een nieuwe versie om iets te wijzigen.")
            % {"nummer": versie.nummer, "status": versie.get_status_display()}
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
    _require_manage(door, regio)
    _require_concept(versie)
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
    leden = [d.bestuur for d in _huidige_leden(regio)]
    regel.deelnemers.set(deelnemers if deelnemers is not None else leden)
    _apply_per_inwoner(regel, regeling_van(regio))
    _log(door, "regel toegevoegd", versie, regio, {"opgave": str(opgave), "bedrag": regel.bedrag})
    return regel


def _apply_per_inwoner(regel, regeling):
    """Under a fixed amount per inhabitant the line's amount is its rate times its participants' population.

    Each line has its own rate (the Groene Metropoolregio: € 2,50 for the bureau, € 1,00 for the Economic Board);
    a line without one uses the region's default. The split then gives each member exactly rate × its population.
    """
    if sleutel_van(regel, regeling) != SleutelSoort.PER_INWONER:
        return
    tarief = tarief_van(regel, regeling)
    if tarief is None:
        return
    bedrag = regelbedrag_per_inwoner(tarief, [b.inwoners for b in regel.deelnemers.all()])
    if regel.bedrag != bedrag:
        regel.bedrag = bedrag
        regel.save(update_fields=["bedrag"])


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
    _require_manage(door, regio)
    _require_concept(versie)
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
    _require_manage(door, versie.jaarprogramma.regio)
    _require_concept(versie)
    _log(door, "regel verwijderd", versie, versie.jaarprogramma.regio, {"opgave": str(regel.opgave)})
    regel.delete()


@transaction.atomic
def set_vaste_bijdrage(regel, bestuur, bedrag, *, door):
    versie = _lock_versie(regel.versie)
    _require_manage(door, versie.jaarprogramma.regio)
    _require_concept(versie)
    VasteBijdrage.objects.update_or_create(regel=regel, bestuur=bestuur, defaults={"bedrag": bedrag})
    _log(
        door,
        "vaste bijdrage",
        versie,
        versie.jaarprogramma.regio,
        {"bestuur": str(bestuur), "bedrag": bedrag},
    )


def _transition(versie, naar, door, actie, reden="", **velden):
    regio = versie.jaarprogramma.regio
    procedure = procedure_van(versie)
    if not workflow.allowed(procedure, versie.status, naar):
        raise ValidationError(
            _("Een versie gaat niet van %(van)s naar %(naar)s.")
            % {"van": versie.get_status_display(), "naar": VersieStatus(naar).label}
        )
    van = versie.status
    versie.status = naar
    for name, value in velden.items():
        setattr(versie, name, value)
    versie.save()
    _log(door, actie, versie, regio, {"status": [van, naar], **velden}, reden)
    return versie


# --- Freezing the figures -----------------------------------------------------------------------------------------


def _bevries(versie, door):
    """Store the split of every line per member with the figures it used, and the rules, on the version.

    Runs once, when the version is routed or adopted (whichever comes first). From then on nothing the region
    changes — populations, key, rates, decision rule, procedure — moves what the councils decide on.
    """
    if versie.bevroren_op is not None:
        return
    regeling = regeling_voor(versie)
    bijdragen = []
    for regel in versie.regels.select_related("opgave").prefetch_related("deelnemers", "vaste_bijdragen"):
        _apply_per_inwoner(regel, regeling)
        deelnemers = sorted(regel.deelnemers.all(), key=lambda b: b.code)
        sleutel = sleutel_van(regel, regeling)
        vast = {v.bestuur_id: v.bedrag for v in regel.vaste_bijdragen.all()}
        try:
            shares = verdeel(
                regel.bedrag,
                [Lid(b.pk, b.inwoners or 0) for b in deelnemers],
                sleutel,
                vast=vast,
                aandeel_bevolking=regeling.aandeel_bevolking,
                volgorde={b.pk: b.code for b in deelnemers},
            )
        except VerdelingFout as exc:
            raise ValidationError(
                _("De regel %(opgave)s kan niet worden verdeeld: %(fout)s")
                % {"opgave": regel.opgave, "fout": exc}
            ) from exc
        tarief = tarief_van(regel, regeling) if sleutel == SleutelSoort.PER_INWONER else None
        for bestuur in deelnemers:
            bijdragen.append(
                Bijdrage(
                    versie=versie,
                    regel=regel,
                    bestuur=bestuur,
                    inwoners=bestuur.inwoners,
                    peildatum=bestuur.inwoners_peildatum,
                    bron=getattr(bestuur, "inwoners_bron", "") or "",
                    sleutel=sleutel,
                    aandeel_bevolking=regeling.aandeel_bevolking,
                    tarief_per_inwoner=tarief,
                    vast_bedrag=vast.get(bestuur.pk),
                    centen=int(shares[bestuur.pk] * 100),
                )
            )
    Bijdrage.objects.bulk_create(bijdragen)
    for veld in BEVROREN_VELDEN:
        setattr(versie, veld, getattr(regeling, veld))
    versie.bevroren_op = timezone.now()
    versie.save()
    _log(
        door,
        "cijfers vastgelegd",
        versie,
        versie.jaarprogramma.regio,
        {"bijdragen": len(bijdragen), "procedure": versie.procedure, "beslisregel": versie.beslisregel},
    )


# --- The workflow -------------------------------------------------------------------------------------------------


@transaction.atomic
def submit_versie(versie, *, door):
    """Submit a concept to the region's board or mayors' meeting.

    Consent: the board takes it up at its next meeting (it lands on that agenda). Zienswijze: the daily board sends
    it to the councils first; it reaches the general board's agenda when it is routed.
    """
    from . import signals, tasks

    versie = _lock_versie(versie)
    regio = versie.jaarprogramma.regio
    _require_manage(door, regio)
    if not versie.regels.exists():
        raise ValidationError(_("Een programma zonder regels kan niet worden ingediend."))
    _transition(versie, VersieStatus.INGEDIEND, door, "ingediend", ingediend_op=timezone.localdate())
    if procedure_van(versie) == Procedure.INSTEMMING:
        orgaan = regeling_van(regio).bestuursorgaan
        transaction.on_commit(
            lambda: signals.versie_naar_bestuur.send(sender=Versie, versie=versie, orgaan=orgaan, na=None),
            robust=True,
        )
    transaction.on_commit(lambda: tasks.notify.delay("ingediend", versie.pk), robust=True)
    return versie


def _require_bestuur(door, versie):
    if not is_system(door):
        require(
            permissions.can_adopt(door, versie, regeling_van(versie.jaarprogramma.regio).bestuursorgaan),
            _("Alleen het secretariaat of de voorzitter van het bestuur mag dit."),
        )


@transaction.atomic
def send_back(versie, *, door, reden=""):
    """The board sends a version back: a submitted one becomes a concept again; one before the councils is closed
    (its councils' phase ends, a new version starts over)."""
    versie = _lock_versie(versie)
    _require_bestuur(door, versie)
    if versie.status == VersieStatus.INGEDIEND:
        return _transition(versie, VersieStatus.CONCEPT, door, "teruggestuurd", reden)
    if versie.afgesloten:
        raise ValidationError(_("Deze versie is al teruggestuurd of vervangen."))
    if versie.status not in workflow.RAADSFASE:
        raise ValidationError(
            _("Een versie met de status %(status)s kan niet worden teruggestuurd.")
            % {"status": versie.get_status_display()}
        )
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


@transaction.atomic
def adopt_versie(versie, *, besluitdatum, besluit_referentie="", door):
    """Record the board's adoption: the version's figures freeze and it becomes public.

    Consent: the board adopts a submitted version, then it goes to the councils. Zienswijze (Wgr art. 35): the
    general board adopts a routed draft only after the councils' term has ended (or every council has responded)
    and when every view received has been answered in writing with reasons.
    """
    from . import tasks

    versie = _lock_versie(versie)
    _require_bestuur(door, versie)
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
    _transition(
        versie,
        VersieStatus.VASTGESTELD,
        door,
        "vastgesteld",
        vastgesteld_op=besluitdatum,
        besluit_referentie=besluit_referentie,
        openbaar=True,
    )
    _bevries(versie, door)
    _vervang_eerdere(versie, door)
    transaction.on_commit(lambda: tasks.notify.delay("vastgesteld", versie.pk), robust=True)
    return versie


@transaction.atomic
def route_versie(versie, *, door, deadline=None):
    """Put the version before every participating member council: one Raadsbesluit each, with its deadline.

    The deadline may not lie before today; under the zienswijze procedure it is at least twelve weeks away (Wgr
    art. 35). The figures freeze now if they were not frozen at adoption. Each council's secretaries (and nobody
    else) get `record_raadsbesluit` on their council's decision.
    """
    from . import signals, tasks

    versie = _lock_versie(versie)
    regio = versie.jaarprogramma.regio
    _require_manage(door, regio)
    if versie.voorgelegd_op is not None:
        raise ValidationError(
            _("Deze versie ligt al voor bij de raden; een versie gaat één keer naar de raden.")
        )
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
    _transition(
        versie,
        VersieStatus.VOORGELEGD,
        door,
        "voorgelegd",
        voorgelegd_op=vandaag,
        deadline=deadline,
        openbaar=True,
    )
    _bevries(versie, door)
    _vervang_eerdere(versie, door)
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
    transaction.on_commit(lambda: tasks.notify.delay("voorgelegd", versie.pk), robust=True)
    return versie


def _controleer_deadline(procedure, voorgelegd_op, deadline, veld="deadline"):
    try:
        termijnen.controleer_deadline(procedure, voorgelegd_op, deadline)
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
    _require_manage(door, versie.jaarprogramma.regio)
    if versie.voorgelegd_op is None or versie.afgesloten or versie.status == VersieStatus.VASTGESTELD:
        raise ValidationError(_("Deze versie ligt niet (meer) voor bij de raden."))
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


@transaction.atomic
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
    """
    from . import tasks

    versie = _lock_versie(besluit.versie)
    besluit = Raadsbesluit.objects.select_for_update().select_related("bestuur").get(pk=besluit.pk)
    regio = versie.jaarprogramma.regio
    if not is_system(door):
        require(
            permissions.can_record_raadsbesluit(door, besluit),
            _("Alleen de secretaris van de raad van %(bestuur)s legt dit besluit vast.")
            % {"bestuur": besluit.bestuur},
        )
    procedure = procedure_van(versie)
    if not open_voor_raden(versie):
        raise ValidationError(_("Deze versie ligt niet (meer) voor bij de raden."))
    toegestaan = (
        {Uitkomst.ZIENSWIJZE, Uitkomst.GEEN_ZIENSWIJZE}
        if procedure == Procedure.ZIENSWIJZE
        else {Uitkomst.GOEDGEKEURD, Uitkomst.AFGEWEZEN, Uitkomst.AMENDEMENT, Uitkomst.UITGESTELD}
    )
    if uitkomst not in toegestaan:
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
    correctie = besluit.uitkomst not in termijnen.OPEN_UITKOMSTEN
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
        registratie.document = document
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
    transaction.on_commit(lambda: tasks.notify.delay("besluit", versie.pk, besluit.pk), robust=True)
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
    from . import tasks

    versie = _lock_versie(besluit.versie)
    besluit = Raadsbesluit.objects.select_for_update().get(pk=besluit.pk)  # decide on the stored outcome
    _require_manage(door, versie.jaarprogramma.regio)
    if besluit.uitkomst != Uitkomst.ZIENSWIJZE:
        raise ValidationError(_("Deze raad diende geen zienswijze in."))
    if not antwoord.strip():
        raise ValidationError(
            {"antwoord": _("Het antwoord op een zienswijze is schriftelijk en met redenen.")}
        )
    besluit.antwoord = antwoord
    besluit.antwoord_op = timezone.localdate()
    besluit.save(update_fields=["antwoord", "antwoord_op"])
    _log(door, "zienswijze beantwoord", besluit, versie.jaarprogramma.regio)
    transaction.on_commit(
        lambda: tasks.notify.delay("zienswijze_beantwoord", versie.pk, besluit.pk), robust=True
    )
    return besluit


@transaction.atomic
def record_gs_verzending(versie, *, datum, referentie="", door):
    """Wgr art. 34 lid 2: the daily board sends the adopted budget to gedeputeerde staten."""
    versie = _lock_versie(versie)
    _require_manage(door, versie.jaarprogramma.regio)
    if procedure_van(versie) != Procedure.ZIENSWIJZE or versie.status != VersieStatus.VASTGESTELD:
        raise ValidationError(
            _("Alleen een vastgestelde begroting in de zienswijzeprocedure gaat naar gedeputeerde staten.")
        )
    if datum < versie.vastgesteld_op:
        raise ValidationError({"datum": _("De verzending kan niet vóór de vaststelling liggen.")})
    if datum > timezone.localdate():
        raise ValidationError({"datum": _("De datum van verzending ligt in de toekomst.")})
    versie.naar_gs_op = datum
    versie.naar_gs_referentie = referentie
    versie.save(update_fields=["naar_gs_op", "naar_gs_referentie"])
    termijn = termijnen.gs_termijn(versie.vastgesteld_op, versie.jaarprogramma.jaar)
    _log(
        door,
        "naar gedeputeerde staten",
        versie,
        versie.jaarprogramma.regio,
        {"datum": datum, "termijn": termijn, "te_laat": datum > termijn},
    )
    return versie


PC_STAPPEN = {
    "kaders": "kaders_verzonden_op",
    "jaarrekening": "jaarrekening_vastgesteld_op",
    "jaarrekening_gs": "jaarrekening_naar_gs_op",
}


@transaction.atomic
def record_pc_stap(programma, *, stap, datum, door):
    """Record a step of the P&C calendar outside the version's workflow (frameworks sent, accounts adopted/sent)."""
    programma = Jaarprogramma.objects.select_for_update().select_related("regio").get(pk=programma.pk)
    _require_manage(door, programma.regio)
    if stap not in PC_STAPPEN:
        raise ValidationError(_("Onbekende stap."))
    if datum > timezone.localdate():
        raise ValidationError({"datum": _("Deze datum ligt in de toekomst.")})
    veld = PC_STAPPEN[stap]
    if stap == "jaarrekening_gs" and (
        programma.jaarrekening_vastgesteld_op is None or datum < programma.jaarrekening_vastgesteld_op
    ):
        raise ValidationError(
            {
                "datum": _(
                    "De jaarrekening gaat naar gedeputeerde staten nadat het bestuur haar heeft vastgesteld."
                )
            }
        )
    _log(door, "P&C-stap vastgelegd", programma, programma.regio, {veld: [getattr(programma, veld), datum]})
    setattr(programma, veld, datum)
    programma.save(update_fields=[veld])
    return programma


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


# --- Settings the secretariat owns --------------------------------------------------------------------------------

REGELING_VELDEN = (
    "procedure",
    "beslisregel",
    "drempel_leden",
    "drempel_bevolking",
    "amendement",
    "termijn_dagen",
    "zienswijze_weken",
    "bestuursorgaan",
    "sleutel",
    "aandeel_bevolking",
    "bedrag_per_inwoner",
)


@transaction.atomic
def update_regeling(regio, *, door, **velden):
    """The secretariat sets the region's procedure, rule, key, rates and terms.

    A change applies to versions not yet frozen (concept and submitted ones): their per-inhabitant lines follow a new
    rate at once. Routed and adopted versions keep what they stored.
    """
    _require_manage(door, regio)
    onbekend = set(velden) - set(REGELING_VELDEN)
    if onbekend:
        raise ValueError(f"onbekende velden: {sorted(onbekend)}")
    regeling = _regeling_voor_wijziging(regio)
    wijzigingen = {}
    for naam, waarde in velden.items():
        if getattr(regeling, naam) != waarde:
            wijzigingen[naam] = [str(getattr(regeling, naam)), str(waarde)]
            setattr(regeling, naam, waarde)
    if velden.get("bestuursorgaan") is not None and velden["bestuursorgaan"].regio_id != regio.pk:
        raise ValidationError({"bestuursorgaan": _("Kies een orgaan van deze regio.")})
    regeling.full_clean()
    regeling.save()
    if wijzigingen:
        _log(door, "programmaregeling gewijzigd", regeling, regio, wijzigingen)
        for regel in (
            Programmaregel.objects.filter(
                versie__jaarprogramma__regio=regio, versie__bevroren_op__isnull=True
            )
            .select_related("versie__jaarprogramma")
            .prefetch_related("deelnemers")
        ):
            _apply_per_inwoner(regel, regeling_voor(regel.versie, regeling))
    return regeling


@transaction.atomic
def update_jaarprogramma(programma, *, door, procedure=None, behandeldatum=None, titel=None):
    """A programme may follow the other route than the region's default, and names the board's meeting date."""
    programma = Jaarprogramma.objects.select_for_update().select_related("regio").get(pk=programma.pk)
    _require_manage(door, programma.regio)
    wijzigingen = {}
    if procedure is not None and procedure != programma.procedure:
        if (
            programma.versies.filter(bevroren_op__isnull=False).exists()
            or programma.versies.exclude(status=VersieStatus.CONCEPT).exists()
        ):
            raise ValidationError(
                {"procedure": _("Een programma waarvan een versie al is ingediend houdt zijn procedure.")}
            )
        wijzigingen["procedure"] = [programma.procedure, procedure]
        programma.procedure = procedure
    for naam, waarde in (("behandeldatum", behandeldatum), ("titel", titel)):
        if waarde is not None and getattr(programma, naam) != waarde:
            wijzigingen[naam] = [str(getattr(programma, naam)), str(waarde)]
            setattr(programma, naam, waarde)
    programma.full_clean()
    programma.save()
    if wijzigingen:
        _log(door, "jaarprogramma gewijzigd", programma, programma.regio, wijzigingen)
    return programma


# --- New versions and questions -----------------------------------------------------------------------------------


@transaction.atomic
def new_versie(versie, *, door, toelichting=""):
    """Start a new concept from any version (after an amendment, a rejection, or a change after adoption).

    The lines, participants, rates and fixed contributions are copied; questions still open go along.
    """
    bron = _lock_versie(versie)
    programma = Jaarprogramma.objects.select_for_update().get(pk=bron.jaarprogramma_id)
    regio = programma.regio
    _require_manage(door, regio)
    if programma.versies.filter(status=VersieStatus.CONCEPT).exists():
        raise ValidationError(_("Er is al een conceptversie van dit programma."))
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


@transaction.atomic
def ask_question(versie, *, tekst, door, regel=None, bestuur=None):
    """A council member of a participating member asks a question on a version; the secretariat is told."""
    from . import tasks

    besturen = permissions.vraagsteller_besturen(door, versie)
    require(bool(besturen), _("Alleen raadsleden van deelnemende leden stellen hier vragen."))
    if bestuur is None:
        bestuur = besturen[0]
    require(bestuur in besturen, _("U zit niet in de raad van %(bestuur)s.") % {"bestuur": bestuur})
    if regel is not None and regel.versie_id != versie.pk:
        raise ValidationError({"regel": _("Deze regel hoort bij een andere versie.")})
    if not tekst.strip():
        raise ValidationError({"tekst": _("Stel een vraag.")})
    vraag = Vraag.objects.create(versie=versie, regel=regel, bestuur=bestuur, tekst=tekst, gesteld_door=door)
    _log(door, "vraag gesteld", vraag, versie.jaarprogramma.regio, {"bestuur": str(bestuur)})
    transaction.on_commit(lambda: tasks.notify.delay("vraag", versie.pk, vraag.pk), robust=True)
    return vraag


@transaction.atomic
def answer_question(vraag, *, antwoord, door):
    """The secretariat answers; the answer is shared with every member council of the region."""
    from . import tasks

    vraag = Vraag.objects.select_for_update().select_related("versie__jaarprogramma__regio").get(pk=vraag.pk)
    _require_manage(door, vraag.versie.jaarprogramma.regio)
    if not antwoord.strip():
        raise ValidationError({"antwoord": _("Geef een antwoord.")})
    vraag.antwoord = antwoord
    vraag.beantwoord_door = door if door and door.is_authenticated else None
    vraag.beantwoord_op = timezone.now()
    vraag.save()
    _log(door, "vraag beantwoord", vraag, vraag.versie.jaarprogramma.regio)
    transaction.on_commit(lambda: tasks.notify.delay("beantwoord", vraag.versie_id, vraag.pk), robust=True)
    return vraag


# --- Review packets (PDF per member council) ------------------------------------------------------------------


@transaction.atomic
def request_reviewpakket(versie, bestuur, *, door):
    """Have the review packet of `bestuur` for `versie` made (again): one record per version and member."""
    from . import tasks

    if not is_system(door):
        require(
            permissions.can_request_reviewpakket(door, versie),
            _("U mag het reviewpakket van deze versie niet laten maken."),
        )
    if not Programmaregel.deelnemers.through.objects.filter(
        programmaregel__versie=versie, bestuur_id=bestuur.pk
    ).exists():
        raise ValidationError(_("%(bestuur)s neemt niet deel aan deze versie.") % {"bestuur": bestuur})
    pakket, nieuw = Reviewpakket.objects.select_for_update().get_or_create(versie=versie, bestuur=bestuur)
    onderweg = pakket.status in (PakketStatus.WACHTEND, PakketStatus.BEZIG)
    if not nieuw and onderweg and timezone.now() - pakket.aangevraagd_op < PAKKET_GEDULD:
        return pakket  # already on its way
    pakket.status = PakketStatus.WACHTEND
    pakket.fout = ""
    pakket.aangevraagd_op = timezone.now()
    pakket.save(update_fields=["status", "fout", "aangevraagd_op"])
    _log(door, "reviewpakket aangevraagd", versie, versie.jaarprogramma.regio, {"bestuur": str(bestuur)})
    transaction.on_commit(lambda: tasks.make_reviewpakket.delay(pakket.pk), robust=True)
    return pakket


def build_reviewpakket(pakket_id):
    """Render the packet and store it in the same record and the same file, however often this runs."""
    from .pdf import render_reviewpakket

    pakket = Reviewpakket.objects.select_related("versie__jaarprogramma__regio", "bestuur").get(pk=pakket_id)
    Reviewpakket.objects.filter(pk=pakket.pk).update(status=PakketStatus.BEZIG)
    inhoud = render_reviewpakket(pakket.versie, pakket.bestuur)
    with transaction.atomic():
        pakket = Reviewpakket.objects.select_for_update().get(pk=pakket.pk)
        naam = f"reviewpakket-{pakket.versie_id}-{pakket.bestuur_id}.pdf"
        if pakket.bestand:
            pakket.bestand.delete(save=False)
        pakket.bestand.save(naam, ContentFile(inhoud), save=False)
        pakket.status = PakketStatus.KLAAR
        pakket.fout = ""
        pakket.klaar_op = timezone.now()
        pakket.save()
    return pakket


def fail_reviewpakket(pakket_id, fout):
    Reviewpakket.objects.filter(pk=pakket_id).update(status=PakketStatus.MISLUKT, fout=str(fout)[:2000])
