"""Writes in opgaven: strategy, opgaven and their parts, status transitions, mandates, commitments, progress.

Each service checks the actor's permission first, runs in one transaction and writes an action-log entry.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from besturen.models import OrgaanSoort
from besturen.services import regio_scope
from regioportaal.audit import diff, log_action, snapshot
from regioportaal.permissions import is_system
from regioportaal.templatetags.portaal import euro

from .models import (
    Budgetregel,
    Capaciteit,
    Doelstelling,
    Indicator,
    IndicatorWaarde,
    Mandaat,
    Opgave,
    Status,
    Strategie,
    Synergie,
    Thema,
    Verplichting,
    Voortgang,
    Waarde,
)
from .policies import MandaatPolicy, OpgavePolicy, StrategiePolicy

OPGAVE_FIELDS = [
    "titel",
    "samenvatting",
    "doel",
    "resultaat",
    "opdrachtgever",
    "stuurgroep",
    "partners",
    "opdrachtnemer",
    "begin_jaar",
    "eind_jaar",
    "gepubliceerd",
]
OPDRACHTGEVER_ORGANEN = [
    OrgaanSoort.REGIOBESTUUR,
    OrgaanSoort.BURGEMEESTERSOVERLEG,
    OrgaanSoort.DAGELIJKS_BESTUUR,
]


def _guard(policy, door, action, obj):
    """The one guard of a service: the policy's answer for a user; the system (`door=None`) acts as it says."""
    if not is_system(door):
        policy.require(door, action, obj)


def _save(instance, door, actie, fields, regio, before=None, reden=""):
    instance.full_clean()
    instance.save()
    after = snapshot(instance, fields)
    changes = diff(before, after) if before is not None else after
    if before is None or changes:
        log_action(door, actie, instance, changes, reden, regio_scope(regio))
    return instance


@transaction.atomic
def save_strategie(regio, *, missie, visie, door):
    _guard(StrategiePolicy(), door, "save_strategie", regio)
    strategie, _created = Strategie.objects.get_or_create(regio=regio)
    before = snapshot(strategie, ["missie", "visie"])
    strategie.missie, strategie.visie = missie, visie
    return _save(strategie, door, "strategie gewijzigd", ["missie", "visie"], regio, before)


@transaction.atomic
def add_waarde(regio, *, naam, tekst="", volgorde=0, door):
    _guard(StrategiePolicy(), door, "add_waarde", regio)
    return _save(
        Waarde(regio=regio, naam=naam, tekst=tekst, volgorde=volgorde),
        door,
        "aangemaakt",
        ["naam", "tekst"],
        regio,
    )


@transaction.atomic
def add_doelstelling(regio, *, nummer, titel, beschrijving="", indicatoren="", door):
    _guard(StrategiePolicy(), door, "add_doelstelling", regio)
    doel = Doelstelling(
        regio=regio, nummer=nummer, titel=titel, beschrijving=beschrijving, indicatoren=indicatoren
    )
    return _save(doel, door, "aangemaakt", ["nummer", "titel", "beschrijving"], regio)


@transaction.atomic
def add_thema(regio, *, naam, beschrijving="", transversaal=False, door):
    _guard(StrategiePolicy(), door, "add_thema", regio)
    return _save(
        Thema(regio=regio, naam=naam, beschrijving=beschrijving, transversaal=transversaal),
        door,
        "aangemaakt",
        ["naam", "transversaal"],
        regio,
    )


def _check_links(regio, opdrachtgever, doelstellingen, themas, stuurgroep):
    errors = {}
    if opdrachtgever is not None:
        orgaan = opdrachtgever.orgaan
        if orgaan.regio_id != regio.pk or orgaan.soort not in OPDRACHTGEVER_ORGANEN:
            errors["opdrachtgever"] = _(
                "De bestuurlijk opdrachtgever moet lid zijn van het regiobestuur of het burgemeestersoverleg van "
                "deze regio."
            )
    if stuurgroep is not None and stuurgroep.regio_id != regio.pk:
        errors["stuurgroep"] = _("De stuurgroep hoort bij een andere regio.")
    if any(d.regio_id != regio.pk for d in doelstellingen):
        errors["doelstellingen"] = _("Een doelstelling hoort bij een andere regio.")
    if any(t.regio_id != regio.pk for t in themas):
        errors["themas"] = _("Een thema hoort bij een andere regio.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_opgave(regio, *, door, doelstellingen=(), themas=(), **values):
    """Formulate a new opgave (status idee) for a region."""
    _guard(StrategiePolicy(), door, "create_opgave", regio)
    _check_links(regio, values.get("opdrachtgever"), doelstellingen, themas, values.get("stuurgroep"))
    opgave = Opgave(regio=regio, **values)
    _save(opgave, door, "aangemaakt", OPGAVE_FIELDS, regio)
    opgave.doelstellingen.set(doelstellingen)
    opgave.themas.set(themas)
    return opgave


@transaction.atomic
def update_opgave(opgave, *, door, doelstellingen=None, themas=None, **values):
    _guard(OpgavePolicy(), door, "update_opgave", opgave)
    _check_links(
        opgave.regio,
        values.get("opdrachtgever", opgave.opdrachtgever),
        doelstellingen or [],
        themas or [],
        values.get("stuurgroep", opgave.stuurgroep),
    )
    before = snapshot(opgave, OPGAVE_FIELDS)
    for name, value in values.items():
        setattr(opgave, name, value)
    _save(opgave, door, "gewijzigd", OPGAVE_FIELDS, opgave.regio, before)
    if doelstellingen is not None:
        opgave.doelstellingen.set(doelstellingen)
    if themas is not None:
        opgave.themas.set(themas)
    return opgave


@transaction.atomic
def add_indicator(opgave, *, door, **values):
    _guard(OpgavePolicy(), door, "add_indicator", opgave)
    return _save(
        Indicator(opgave=opgave, **values),
        door,
        "indicator toegevoegd",
        ["naam", "eenheid", "nulwaarde", "streefwaarde", "streefdatum"],
        opgave.regio,
    )


@transaction.atomic
def add_budgetregel(opgave, *, door, **values):
    _guard(OpgavePolicy(), door, "add_budgetregel", opgave)
    return _save(
        Budgetregel(opgave=opgave, **values),
        door,
        "budget toegevoegd",
        ["jaar", "bedrag", "bron"],
        opgave.regio,
    )


@transaction.atomic
def add_capaciteit(opgave, *, door, **values):
    _guard(OpgavePolicy(), door, "add_capaciteit", opgave)
    return _save(
        Capaciteit(opgave=opgave, **values),
        door,
        "capaciteit toegevoegd",
        ["jaar", "hoeveelheid", "eenheid", "bestuur", "partner", "in_natura"],
        opgave.regio,
    )


def ontbrekende_onderdelen(opgave):
    """The parts of the opdrachtformulering still missing, in the users' words (empty when complete)."""
    missing = []
    if not opgave.doel.strip():
        missing.append(_("doel"))
    if not opgave.resultaat.strip() or not opgave.indicatoren.exists():
        missing.append(_("resultaat (met minstens één meetbare indicator)"))
    if not opgave.budget.exists():
        missing.append(_("budget"))
    if not opgave.capaciteit.exists():
        missing.append(_("capaciteit"))
    if opgave.opdrachtgever_id is None or not opgave.opdrachtnemer.strip():
        missing.append(_("sturing (bestuurlijk opdrachtgever en ambtelijk opdrachtnemer)"))
    return missing


@transaction.atomic
def change_status(opgave, naar, *, door, reden=""):
    """Move an opgave along its workflow; it only becomes lopend with a complete opdrachtformulering."""
    opgave = Opgave.objects.select_for_update().get(pk=opgave.pk)
    OpgavePolicy().require_transition(door, opgave, naar)
    if naar == Status.LOPEND:
        missing = ontbrekende_onderdelen(opgave)
        if missing:
            raise ValidationError(
                _(
                    "De opgave kan pas lopen als de opdrachtformulering compleet is. Nog niet ingevuld: %(delen)s."
                )
                % {"delen": ", ".join(missing)}
            )
    van = opgave.status
    opgave.status = naar
    opgave.save(update_fields=["status"])
    log_action(door, "status gewijzigd", opgave, {"status": [van, naar]}, reden, regio_scope(opgave.regio))
    return opgave


@transaction.atomic
def link_synergie(a, b, *, reden, door):
    """Record that two opgaven of one region strengthen each other."""
    _guard(OpgavePolicy(), door, "link_synergie", a)
    if a.pk == b.pk or a.regio_id != b.regio_id:
        raise ValidationError(_("Synergie verbindt twee verschillende opgaven van dezelfde regio."))
    van, naar = sorted([a, b], key=lambda o: o.pk)
    if Synergie.objects.filter(van=van, naar=naar).exists():
        raise ValidationError(_("Deze opgaven zijn al verbonden."))
    return _save(
        Synergie(van=van, naar=naar, reden=reden), door, "synergie gelegd", ["van", "naar", "reden"], a.regio
    )


@transaction.atomic
def grant_mandaat(
    opgave,
    *,
    verleend_door,
    besluitdatum,
    omschrijving,
    budgetplafond,
    begindatum,
    einddatum,
    besluit_referentie="",
    door,
):
    """Record a body's decision granting the opdrachtgever an execution mandate."""
    _guard(OpgavePolicy(), door, "grant_mandaat", opgave)
    if opgave.opdrachtgever_id is None:
        raise ValidationError(
            _("Wijs eerst een bestuurlijk opdrachtgever aan; het mandaat wordt aan hem of haar verleend.")
        )
    if verleend_door.regio_id != opgave.regio_id:
        raise ValidationError(
            {"verleend_door": _("Het mandaat moet verleend worden door een orgaan van de regio.")}
        )
    mandaat = Mandaat(
        opgave=opgave,
        houder=opgave.opdrachtgever,
        verleend_door=verleend_door,
        besluitdatum=besluitdatum,
        besluit_referentie=besluit_referentie,
        omschrijving=omschrijving,
        budgetplafond=budgetplafond,
        begindatum=begindatum,
        einddatum=einddatum,
    )
    return _save(
        mandaat,
        door,
        "mandaat verleend",
        ["houder", "verleend_door", "besluitdatum", "budgetplafond", "begindatum", "einddatum"],
        opgave.regio,
    )


def resterend_budget(mandaat):
    besteed = mandaat.verplichtingen.aggregate(totaal=Sum("bedrag"))["totaal"] or Decimal("0")
    return mandaat.budgetplafond - besteed


@transaction.atomic
def record_verplichting(mandaat, *, bedrag, omschrijving, datum, door):
    """Commit money within the mandate: refused beyond its remaining budget or outside its period.

    The mandate row is locked, so two commitments recorded at the same moment cannot both pass the check.
    """
    mandaat = (
        Mandaat.objects.select_for_update()
        .select_related("opgave__regio", "houder__persoon")
        .get(pk=mandaat.pk)
    )
    _guard(MandaatPolicy(), door, "record_verplichting", mandaat)
    if not (mandaat.begindatum <= datum <= mandaat.einddatum):
        raise ValidationError(
            {
                "datum": _("Het mandaat geldt van %(van)s tot en met %(tot)s; deze datum valt erbuiten.")
                % {"van": date_format(mandaat.begindatum), "tot": date_format(mandaat.einddatum)}
            }
        )
    rest = resterend_budget(mandaat)
    if bedrag > rest:
        raise ValidationError(
            {
                "bedrag": _("Dit gaat boven het mandaat: er rest nog %(rest)s van het plafond.")
                % {"rest": euro(rest)}
            }
        )
    verplichting = Verplichting(
        mandaat=mandaat,
        bedrag=bedrag,
        omschrijving=omschrijving,
        datum=datum,
        vastgelegd_door=door if door and door.is_authenticated else None,
    )
    return _save(
        verplichting,
        door,
        "verplichting vastgelegd",
        ["bedrag", "datum", "omschrijving"],
        mandaat.opgave.regio,
    )


@transaction.atomic
def report_voortgang(opgave, *, periode_eind, status, besteed, toelichting, waarden=None, door):
    """Report progress over a period, with indicator values ({indicator: waarde})."""
    _guard(OpgavePolicy(), door, "report_voortgang", opgave)
    voortgang = Voortgang(
        opgave=opgave,
        periode_eind=periode_eind,
        status=status,
        besteed=besteed,
        toelichting=toelichting,
        auteur=door if door and door.is_authenticated else None,
    )
    _save(voortgang, door, "voortgang gerapporteerd", ["periode_eind", "status", "besteed"], opgave.regio)
    rows = []
    for indicator, waarde in (waarden or {}).items():
        if indicator.opgave_id != opgave.pk:
            raise ValidationError(
                _("Indicator %(naam)s hoort niet bij deze opgave.") % {"naam": indicator.naam}
            )
        rows.append(IndicatorWaarde(voortgang=voortgang, indicator=indicator, waarde=waarde))
    IndicatorWaarde.objects.bulk_create(rows)
    return voortgang
