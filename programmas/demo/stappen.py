"""Steps of the cycle through the services, dated back where the story lies in the past."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from besturen.models import Lidmaatschap, Orgaan, Rol
from opgaven import services as opgaven_services
from opgaven.models import Bron, Opgave
from opgaven.models import Status as OpgaveStatus
from regioportaal.permissions import NotAllowed

from .. import services
from ..models import (
    Programmaregel,
    Raadsbesluit,
    Uitkomst,
    Versie,
)
from .kalender import WEEK, _moment, zittingsdagen
from .plannen import OPDRACHTGEVER_ORGANEN, VORIG_JAAR
from .raden import VOOR_AANDEEL, stemmen

DEMO_DOMAIN = "regioportaal.example"


CENT = Decimal("0.01")


def _say(stdout, text):
    if stdout:
        stdout.write(text)


def _opdrachtgever(regio):
    return (
        Lidmaatschap.objects.current()
        .filter(orgaan__regio=regio, orgaan__soort__in=OPDRACHTGEVER_ORGANEN)
        .exclude(rol=Rol.SECRETARIS)
        .order_by("orgaan__soort", "rol", "pk")
        .first()
    )


def _leden(regio):
    return [d.bestuur for d in regio.deelnames.current().select_related("bestuur").order_by("bestuur__naam")]


def _plan_bedrag(plan, leden, jaar, demo_jaar):
    """The members' budget of an opgave in `jaar`: per inhabitant, exactly its rate times the participants'
    inhabitants (the programme line will read the same); otherwise the plan's amount (a little lower last year)."""
    if plan.tarief is not None:
        inwoners = sum(b.inwoners or 0 for b in leden if b.code not in plan.buiten)
        return (plan.tarief * inwoners).quantize(CENT)
    factor = Decimal("1") if jaar == demo_jaar else VORIG_JAAR
    return (Decimal(plan.bedrag) * factor).quantize(CENT)


def _opgave(regio, plan, opdrachtgever, jaar):
    """The region's opgave with this title (from the opgaven demo when it ran), or a new one made ready to run."""
    leden = _leden(regio)
    opgave = Opgave.objects.filter(regio=regio, titel=plan.titel).first()
    if opgave is not None:
        for j in (jaar - 1, jaar):
            if not opgave.budget.filter(jaar=j, bron=Bron.LEDEN).exists():
                opgaven_services.add_budgetregel(
                    opgave, door=None, jaar=j, bedrag=_plan_bedrag(plan, leden, j, jaar), bron=Bron.LEDEN
                )
        return opgave
    opgave = opgaven_services.create_opgave(
        regio,
        door=None,
        titel=plan.titel,
        samenvatting=plan.samenvatting,
        doel=plan.samenvatting,
        resultaat="Een jaarlijkse voortgangsrapportage aan de raden met de afgesproken indicatoren.",
        opdrachtgever=opdrachtgever,
        opdrachtnemer="Regiobureau",
        begin_jaar=jaar - 1,
        eind_jaar=jaar + 2,
        gepubliceerd=True,
    )
    opgaven_services.add_indicator(
        opgave,
        door=None,
        naam="Afgeronde mijlpalen",
        eenheid="aantal",
        nulwaarde=Decimal("0"),
        streefwaarde=Decimal("4"),
        streefdatum=datetime.date(jaar, 12, 31),
    )
    for j in (jaar - 1, jaar):
        opgaven_services.add_budgetregel(
            opgave, door=None, jaar=j, bedrag=_plan_bedrag(plan, leden, j, jaar), bron=Bron.LEDEN
        )
        opgaven_services.add_capaciteit(
            opgave,
            door=None,
            jaar=j,
            hoeveelheid=Decimal(plan.uren),
            partner="Regiobureau",
            in_natura=False,
        )
    opgaven_services.change_status(opgave, OpgaveStatus.IN_VOORBEREIDING, door=None)
    try:
        opgaven_services.change_status(opgave, OpgaveStatus.LOPEND, door=None)
    except ValidationError:
        pass  # an incomplete opdrachtformulering stays in preparation; the programme can still carry it
    return opgave


def _orgaan(regio, naam):
    return Orgaan.objects.filter(regio=regio, naam=naam).first()


# --- Steps of the cycle, dated ----------------------------------------------------------------------------------------


def _terugdateren(versie, **velden):
    """Demo only: date back a step the service just stamped with today (queryset update, no audit entry)."""
    Versie.objects.filter(pk=versie.pk).update(**velden)
    versie.refresh_from_db()
    return versie


def _draft(regio, jaar, demo_jaar, plannen, opgaven, *, titel, behandeldatum, **programma):
    """Draft `jaar` (the programme, or with `soort` the GR's budget, and its own `procedure`), then set each line's
    amount, capacity, key, rate and participants as planned."""
    versie = services.draft_jaarprogramma(
        regio, jaar, door=None, opgaven=opgaven, titel=titel, behandeldatum=behandeldatum, **programma
    )
    for regel in Programmaregel.objects.filter(versie=versie).select_related("opgave"):
        plan = next(p for p in plannen if p.titel == regel.opgave.titel)
        deelnemers = [b for b in regel.deelnemers.all() if b.code not in plan.buiten]
        extra = {}
        if plan.tarief is not None:
            extra["tarief_per_inwoner"] = plan.tarief  # the service sets the amount: rate times inhabitants
        else:
            extra["bedrag"] = regel.bedrag or _plan_bedrag(plan, deelnemers, jaar, demo_jaar)
        services.update_regel(
            regel,
            door=None,
            capaciteit_uren=Decimal(plan.uren),
            sleutel=plan.sleutel,
            deelnemers=deelnemers,
            **extra,
        )
    return versie


def _indienen(versie, op):
    services.submit_versie(versie, door=None)
    return _terugdateren(versie, ingediend_op=op)


def _vaststellen(versie, op, referentie):
    bevroren = versie.bevroren_op is not None
    services.adopt_versie(versie, door=None, besluitdatum=op, besluit_referentie=referentie)
    versie.refresh_from_db()
    if not bevroren:  # frozen by this adoption (consent): on the day the board adopted
        _terugdateren(versie, bevroren_op=_moment(op, 21))
    return versie


def _voorleggen(versie, op, deadline):
    """Route through the service (it stamps today and a term from today), then date the routing and every council's
    deadline back to the story's days."""
    bevroren = versie.bevroren_op is not None
    services.route_versie(versie, door=None)
    velden = {"voorgelegd_op": op, "deadline": deadline}
    if not bevroren:  # frozen by this routing (zienswijze)
        velden["bevroren_op"] = _moment(op, 10)
    Raadsbesluit.objects.filter(versie=versie).update(deadline=deadline)
    return _terugdateren(versie, **velden)


def _terugsturen(versie, op, reden):
    services.send_back(versie, door=None, reden=reden)
    return _terugdateren(versie, teruggestuurd_op=op)


def _beantwoorden(besluit, op, antwoord):
    services.answer_zienswijze(besluit, door=None, antwoord=antwoord)
    Raadsbesluit.objects.filter(pk=besluit.pk).update(antwoord_op=op)


def _pdf(tekst):
    from regioportaal.pdf import render_pdf  # WeasyPrint loads its stylesheets on import: only when needed

    return render_pdf(f"<html lang='nl'><body><h1>Raadsbesluit</h1><p>{tekst}</p></body></html>")


def _record(versie, code, uitkomst, datum, *, tekst="", document=False, afwezig=1):
    """A council's decision on its session day, with a vote that fits the council's legal size."""
    besluit = Raadsbesluit.objects.select_related("bestuur").get(versie=versie, bestuur__code=code)
    extra = {}
    if uitkomst == Uitkomst.AMENDEMENT:
        extra["amendement"] = tekst
    if uitkomst == Uitkomst.ZIENSWIJZE:
        extra["zienswijze"] = tekst
    if document:
        extra["document"] = ContentFile(
            _pdf(f"De raad van {besluit.bestuur.naam} besliste: {Uitkomst(uitkomst).label}."),
            name=f"besluit-{code}.pdf",
        )
    voor, tegen, onthoudingen = stemmen(besluit.bestuur, VOOR_AANDEEL[uitkomst], afwezig=afwezig)
    return services.record_raadsbesluit(
        besluit,
        door=None,
        uitkomst=uitkomst,
        datum_raad=datum,
        stemmen_voor=voor,
        stemmen_tegen=tegen,
        onthoudingen=onthoudingen,
        **extra,
    )


def _record_alle(versie, uitkomsten, na, tot, **kwargs):
    """Record (code, outcome) pairs on session days spread after `na` up to `tot`, in that order."""
    dagen = zittingsdagen(na, tot, len(uitkomsten))
    for i, ((code, uitkomst), dag) in enumerate(zip(uitkomsten, dagen, strict=True)):
        _record(versie, code, uitkomst, dag, afwezig=i % 3, **kwargs)


def _vraag(versie, email, tekst, regel_titel=None, antwoord=""):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(email=email).first()
    if user is None:
        return None
    regel = versie.regels.filter(opgave__titel=regel_titel).first() if regel_titel else None
    try:
        vraag = services.ask_question(versie, tekst=tekst, door=user, regel=regel)
    except NotAllowed:
        return None
    if antwoord:
        services.answer_question(vraag, antwoord=antwoord, door=None)
    return vraag


def _wgr_route(versie, kalender, *, raden, antwoorden, referentie, gs_referentie):
    """A budget along the Wgr route, in the past: frameworks sent, submitted, routed twelve weeks (and more) before the
    general board, views given and answered in writing, adopted after the term, sent to gedeputeerde staten in time.

    `raden` lists (code, outcome, text of the view) in the order the councils met; the others gave no response.
    """
    services.record_pc_stap(versie.jaarprogramma, stap="kaders", datum=kalender.kaders, door=None)
    _indienen(versie, kalender.ingediend)
    _voorleggen(versie, kalender.voorgelegd, kalender.deadline)
    dagen = zittingsdagen(kalender.voorgelegd + 5 * WEEK, kalender.deadline, len(raden))
    for i, ((code, uitkomst, tekst), dag) in enumerate(zip(raden, dagen, strict=True)):
        _record(versie, code, uitkomst, dag, tekst=tekst, afwezig=i % 3)
    for code, antwoord in antwoorden.items():
        _beantwoorden(
            Raadsbesluit.objects.get(versie=versie, bestuur__code=code), kalender.antwoord, antwoord
        )
    _vaststellen(versie, kalender.behandeldatum, referentie)
    services.record_gs_verzending(versie, datum=kalender.naar_gs, referentie=gs_referentie, door=None)
    return versie
