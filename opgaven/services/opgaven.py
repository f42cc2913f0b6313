"""Writes on opgaven: formulate and change an opgave, its parts, its status, mandates, commitments and progress."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from besturen.models import OrgaanSoort
from besturen.services import regio_scope
from regioportaal.audit import diff, log_action, snapshot
from regioportaal.templatetags.portaal import euro

from ..models import (
    Budgetregel,
    Capaciteit,
    Indicator,
    IndicatorWaarde,
    Mandaat,
    Opgave,
    Status,
    Synergie,
    Verplichting,
    Voortgang,
)
from ..policies import MandaatPolicy, OpgavePolicy, StrategiePolicy
from ._gedeeld import _guard, _save

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


def _nieuw_gearchiveerd(gekozen, bestaand):
    """The archived goals or themes among `gekozen` that are not linked already: they take no new opgaven."""
    bestaand = {item.pk for item in bestaand}
    return [str(item) for item in gekozen if item.gearchiveerd and item.pk not in bestaand]


def _check_links(regio, opdrachtgever, doelstellingen, themas, stuurgroep, opgave=None):
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
    for veld, gekozen in (("doelstellingen", doelstellingen), ("themas", themas)):
        if any(item.regio_id != regio.pk for item in gekozen):
            errors[veld] = (
                _("Een doelstelling hoort bij een andere regio.")
                if veld == "doelstellingen"
                else _("Een thema hoort bij een andere regio.")
            )
            continue
        gearchiveerd = _nieuw_gearchiveerd(gekozen, getattr(opgave, veld).all() if opgave else [])
        if gearchiveerd:
            errors[veld] = _("Gearchiveerd, dus niet meer te koppelen: %(namen)s.") % {
                "namen": ", ".join(gearchiveerd)
            }
    if errors:
        raise ValidationError(errors)


def koppelingen(opgave):
    """The goals and themes an opgave is linked to, as the action log stores them."""
    return {
        "doelstellingen": sorted(str(doel) for doel in opgave.doelstellingen.all()),
        "themas": sorted(thema.naam for thema in opgave.themas.all()),
    }


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
    """Change an opgave's formulation and, when given, its goals and themes (one action-log entry for both)."""
    _guard(OpgavePolicy(), door, "update_opgave", opgave)
    _check_links(
        opgave.regio,
        values.get("opdrachtgever", opgave.opdrachtgever),
        doelstellingen or [],
        themas or [],
        values.get("stuurgroep", opgave.stuurgroep),
        opgave,
    )
    before = {**snapshot(opgave, OPGAVE_FIELDS), **koppelingen(opgave)}
    for name, value in values.items():
        setattr(opgave, name, value)
    opgave.full_clean()
    opgave.save()
    if doelstellingen is not None:
        opgave.doelstellingen.set(doelstellingen)
    if themas is not None:
        opgave.themas.set(themas)
    changes = diff(before, {**snapshot(opgave, OPGAVE_FIELDS), **koppelingen(opgave)})
    if changes:
        log_action(door, "gewijzigd", opgave, changes, "", regio_scope(opgave.regio))
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
        Mandaat.objects.select_for_update(of=("self",))
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
