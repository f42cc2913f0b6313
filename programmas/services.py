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
from django.utils.translation import gettext as _

from besturen.models import Deelname, Orgaan, Rol
from besturen.permissions import RAADSORGANEN, group_name
from besturen.services import regio_scope
from opgaven.models import Opgave
from regioportaal.audit import log_action
from regioportaal.permissions import grant, is_system, require

from . import permissions, workflow
from .models import (
    Jaarprogramma,
    PakketStatus,
    Procedure,
    Programmaregel,
    Programmaregeling,
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
from .selectors import beslissing

PDF_MAX_BYTES = 10 * 1024 * 1024
PAKKET_GEDULD = datetime.timedelta(minutes=10)  # a packet still not made after this may be asked again


def _require_manage(door, regio):
    if not is_system(door):
        require(
            permissions.can_manage_programma(door, regio),
            _("Alleen het secretariaat van %(regio)s mag dit.") % {"regio": regio},
        )


def _log(door, actie, obj, regio, wijzigingen=None, reden=""):
    log_action(door, actie, obj, wijzigingen or {}, reden, regio_scope(regio))


def regeling_van(regio):
    return Programmaregeling.objects.get_or_create(regio=regio)[0]


def _lock_versie(versie):
    return Versie.objects.select_for_update().select_related("jaarprogramma__regio").get(pk=versie.pk)


def _huidige_leden(regio, day=None):
    return list(
        Deelname.objects.current(day).filter(regio=regio).select_related("bestuur").order_by("bestuur__naam")
    )


@transaction.atomic
def draft_jaarprogramma(regio, jaar, *, door, opgaven=None, titel=""):
    """Start the programme of `jaar` as version 1 (concept), with a line per opgave (all members taking part)."""
    _require_manage(door, regio)
    if Jaarprogramma.objects.filter(regio=regio, jaar=jaar).exists():
        raise ValidationError({"jaar": _("Er is al een jaarprogramma voor %(jaar)s.") % {"jaar": jaar}})
    programma = Jaarprogramma.objects.create(regio=regio, jaar=jaar, titel=titel)
    versie = Versie.objects.create(jaarprogramma=programma, nummer=1)
    _log(door, "jaarprogramma opgesteld", programma, regio, {"jaar": jaar})
    for opgave in opgaven if opgaven is not None else Opgave.objects.filter(regio=regio, status="lopend"):
        add_regel(versie, opgave=opgave, bedrag=_budget_voor(opgave, jaar), door=door)
    return versie


def _budget_voor(opgave, jaar):
    return sum((b.bedrag for b in opgave.budget.all() if b.jaar == jaar and b.bron == "leden"), Decimal("0"))


def _require_concept(versie):
    if not versie.bewerkbaar:
        raise ValidationError(
            _("Versie %(nummer)s is %(status)s en ligt vast; maak een nieuwe versie om iets te wijzigen.")
            % {"nummer": versie.nummer, "status": versie.get_status_display()}
        )


@transaction.atomic
def add_regel(versie, *, opgave, bedrag, capaciteit_uren=Decimal("0"), sleutel="", deelnemers=None, door):
    """Add an opgave's line to a concept version; by default every current member takes part."""
    versie = _lock_versie(versie)
    regio = versie.jaarprogramma.regio
    _require_manage(door, regio)
    _require_concept(versie)
    if opgave.regio_id != regio.pk:
        raise ValidationError({"opgave": _("Deze opgave hoort bij een andere regio.")})
    regel = Programmaregel(
        versie=versie, opgave=opgave, bedrag=bedrag, capaciteit_uren=capaciteit_uren, sleutel=sleutel
    )
    regel.full_clean()
    regel.save()
    leden = [d.bestuur for d in _huidige_leden(regio)]
    regel.deelnemers.set(deelnemers if deelnemers is not None else leden)
    _apply_per_inwoner(regel, regeling_van(regio))
    _log(door, "regel toegevoegd", versie, regio, {"opgave": str(opgave), "bedrag": regel.bedrag})
    return regel


def _apply_per_inwoner(regel, regeling):
    """Under a fixed amount per inhabitant the line's amount is that rate times its participants' population.

    (€ 2,50 per inhabitant for the Groene Metropoolregio's bureau.) The split then gives each member exactly
    rate × its population, and the shares still add up to the line.
    """
    sleutel = regel.sleutel or regeling.sleutel
    if sleutel != SleutelSoort.PER_INWONER or regeling.bedrag_per_inwoner is None:
        return
    inwoners = sum(b.inwoners or 0 for b in regel.deelnemers.all())
    bedrag = (regeling.bedrag_per_inwoner * inwoners).quantize(Decimal("0.01"))
    if regel.bedrag != bedrag:
        regel.bedrag = bedrag
        regel.save(update_fields=["bedrag"])


@transaction.atomic
def update_regel(regel, *, door, bedrag=None, capaciteit_uren=None, sleutel=None, deelnemers=None):
    versie = _lock_versie(regel.versie)
    regio = versie.jaarprogramma.regio
    _require_manage(door, regio)
    _require_concept(versie)
    wijzigingen = {}
    for name, value in (("bedrag", bedrag), ("capaciteit_uren", capaciteit_uren), ("sleutel", sleutel)):
        if value is not None and getattr(regel, name) != value:
            wijzigingen[name] = [getattr(regel, name), value]
            setattr(regel, name, value)
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


def _transition(versie, naar, door, actie, **velden):
    regio = versie.jaarprogramma.regio
    procedure = regeling_van(regio).procedure
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
    _log(door, actie, versie, regio, {"status": [van, naar], **velden})
    return versie


@transaction.atomic
def submit_versie(versie, *, door):
    """Submit a concept to the region's board or mayors' meeting."""
    from . import signals, tasks

    versie = _lock_versie(versie)
    regio = versie.jaarprogramma.regio
    _require_manage(door, regio)
    if not versie.regels.exists():
        raise ValidationError(_("Een programma zonder regels kan niet worden ingediend."))
    _transition(versie, VersieStatus.INGEDIEND, door, "ingediend", ingediend_op=timezone.localdate())
    orgaan = regeling_van(regio).bestuursorgaan
    transaction.on_commit(
        lambda: signals.versie_ingediend.send(sender=Versie, versie=versie, orgaan=orgaan), robust=True
    )
    transaction.on_commit(lambda: tasks.notify.delay("ingediend", versie.pk), robust=True)
    return versie


@transaction.atomic
def send_back(versie, *, door, reden=""):
    """The board sends a submitted version back to the secretariat (concept again)."""
    versie = _lock_versie(versie)
    _require_manage(door, versie.jaarprogramma.regio)
    return _transition(versie, VersieStatus.CONCEPT, door, "teruggestuurd")


@transaction.atomic
def adopt_versie(versie, *, besluitdatum, besluit_referentie="", door):
    """Record the board's adoption: the version freezes and becomes public.

    Under the zienswijze procedure the general board adopts after the councils had their say, and only when every
    zienswijze received has been answered.
    """
    from . import tasks

    versie = _lock_versie(versie)
    regio = versie.jaarprogramma.regio
    regeling = regeling_van(regio)
    if not is_system(door):
        require(
            permissions.can_adopt(door, versie, regeling.bestuursorgaan),
            _("U mag dit programma niet vaststellen."),
        )
    if regeling.procedure == Procedure.ZIENSWIJZE:
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
    transaction.on_commit(lambda: tasks.notify.delay("vastgesteld", versie.pk), robust=True)
    return versie


def _raad_van(bestuur, raden):
    return raden.get(bestuur.pk)


@transaction.atomic
def route_versie(versie, *, door, deadline=None):
    """Put the version before every participating member council: one Raadsbesluit each, with its deadline.

    Each council's secretaries (and nobody else) get `record_raadsbesluit` on their council's decision.
    """
    from . import tasks

    versie = _lock_versie(versie)
    regio = versie.jaarprogramma.regio
    _require_manage(door, regio)
    regeling = regeling_van(regio)
    vandaag = timezone.localdate()
    if deadline is None:
        if regeling.procedure == Procedure.ZIENSWIJZE:
            deadline = vandaag + datetime.timedelta(weeks=regeling.zienswijze_weken)
        else:
            deadline = vandaag + datetime.timedelta(days=regeling.termijn_dagen)
    _transition(
        versie,
        VersieStatus.VOORGELEGD,
        door,
        "voorgelegd",
        voorgelegd_op=vandaag,
        deadline=deadline,
        openbaar=True,
    )
    deelnemers = {
        b.pk: b for regel in versie.regels.prefetch_related("deelnemers") for b in regel.deelnemers.all()
    }
    raden = {
        o.bestuur_id: o
        for o in Orgaan.objects.filter(bestuur__in=deelnemers, soort__in=RAADSORGANEN).order_by("soort")
    }
    besluiten = Raadsbesluit.objects.bulk_create(
        [
            Raadsbesluit(versie=versie, bestuur=bestuur, raad=raden.get(pk), deadline=deadline)
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
    transaction.on_commit(lambda: tasks.notify.delay("voorgelegd", versie.pk), robust=True)
    return versie


def check_pdf(upload):
    """Refuse anything but a PDF of at most 10 MB (checked by content, not by name)."""
    if upload is None:
        return
    if upload.size > PDF_MAX_BYTES:
        raise ValidationError({"document": _("Het document is groter dan 10 MB.")})
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise ValidationError({"document": _("Het document is geen PDF-bestand.")})


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
    """Record (or, with a reason, correct) a council's decision; the programme's status follows the region's rule.

    The version row is locked first, so two councils recording at the same moment are applied one after the other
    and the status is computed from both.
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
    # A council that decides after the rule was settled still records its decision (the record stays complete).
    if versie.status not in (VersieStatus.VOORGELEGD, VersieStatus.GOEDGEKEURD, VersieStatus.AFGEWEZEN):
        raise ValidationError(_("Deze versie ligt niet (meer) voor bij de raden."))
    procedure = regeling_van(regio).procedure
    toegestaan = (
        {Uitkomst.ZIENSWIJZE, Uitkomst.GEEN_ZIENSWIJZE}
        if procedure == Procedure.ZIENSWIJZE
        else {Uitkomst.GOEDGEKEURD, Uitkomst.AFGEWEZEN, Uitkomst.AMENDEMENT, Uitkomst.UITGESTELD}
    )
    if uitkomst not in toegestaan:
        raise ValidationError({"uitkomst": _("Deze uitkomst past niet bij de procedure van de regio.")})
    if uitkomst == Uitkomst.AMENDEMENT and not amendement.strip():
        raise ValidationError({"amendement": _("Geef de tekst van het amendement.")})
    if uitkomst == Uitkomst.ZIENSWIJZE and not zienswijze.strip():
        raise ValidationError({"zienswijze": _("Geef de tekst van de zienswijze.")})
    correctie = besluit.uitkomst not in (Uitkomst.OPEN, Uitkomst.UITGESTELD)
    if correctie and not reden.strip():
        raise ValidationError({"reden": _("Dit besluit is al vastgelegd; een correctie vraagt een reden.")})
    check_pdf(document)
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
        {"uitkomst": [vorige, uitkomst], "datum_raad": datum_raad},
        reden,
    )
    _update_status(versie, door)
    transaction.on_commit(lambda: tasks.notify.delay("besluit", versie.pk, besluit.pk), robust=True)
    return registratie


def _update_status(versie, door):
    """Recompute the version's status from all council decisions (instemming only)."""
    regeling = regeling_van(versie.jaarprogramma.regio)
    if regeling.procedure != Procedure.INSTEMMING or versie.status != VersieStatus.VOORGELEGD:
        return
    if versie.raadsbesluiten.filter(uitkomst=Uitkomst.AMENDEMENT).exists():
        _transition(versie, VersieStatus.TERUG, door, "terug naar het bestuur (amendement)")
        return
    uitslag = beslissing(versie, regeling)
    if uitslag.status in (VersieStatus.GOEDGEKEURD, VersieStatus.AFGEWEZEN):
        _transition(versie, uitslag.status, door, str(uitslag.status))


@transaction.atomic
def answer_zienswijze(besluit, *, antwoord, door):
    """The board answers a council's zienswijze in writing, with reasons (part of the adoption decision)."""
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
    besluit.save(update_fields=["antwoord"])
    _log(door, "zienswijze beantwoord", besluit, versie.jaarprogramma.regio)
    return besluit


@transaction.atomic
def new_versie(versie, *, door, toelichting=""):
    """Start a new concept from any version (after an amendment, a rejection, or a change after adoption)."""
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
    for regel in bron.regels.prefetch_related("deelnemers", "vaste_bijdragen"):
        kopie = Programmaregel.objects.create(
            versie=nieuw,
            opgave_id=regel.opgave_id,
            bedrag=regel.bedrag,
            capaciteit_uren=regel.capaciteit_uren,
            sleutel=regel.sleutel,
        )
        kopie.deelnemers.set(regel.deelnemers.all())
        VasteBijdrage.objects.bulk_create(
            [
                VasteBijdrage(regel=kopie, bestuur_id=v.bestuur_id, bedrag=v.bedrag)
                for v in regel.vaste_bijdragen.all()
            ]
        )
    _log(door, "nieuwe versie", nieuw, regio, {"gebaseerd_op": bron.nummer})
    return nieuw


@transaction.atomic
def ask_question(versie, *, tekst, door, regel=None, bestuur=None):
    """A council member of a participating member asks a question on a version (optionally on one line)."""
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


def gs_termijn(versie):
    """Zienswijze procedure: the adopted budget goes to gedeputeerde staten within two weeks and before 15 September
    of the preceding year. Returns the earlier of the two dates (None before adoption)."""
    if versie.vastgesteld_op is None:
        return None
    return min(
        versie.vastgesteld_op + datetime.timedelta(weeks=2),
        datetime.date(versie.jaarprogramma.jaar - 1, 9, 15),
    )


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
