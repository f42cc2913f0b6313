"""The opgaven demo: the strategies of the seed partnerships and the Groene Metropoolregio's five opgaven.

Built through the services with door=None on top of the besturen demo (`manage.py load_demo` first); run by
`manage.py load_opgaven_demo`. Running it again changes nothing: whatever already exists is left as it is. The
texts of goals, missions, values and themes are the partnerships' own (see /work/shared/seeds); the opgaven's
figures, indicators and people are invented.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from besturen import selectors as besturen_selectors
from besturen import services as besturen_services
from besturen.models import Bestuur, BestuurSoort, Land, Orgaan, OrgaanSoort, Regio, Rol

from . import services
from .demo_teksten import (
    CAPACITEIT_LEDEN,
    DENDER_DOELSTELLINGEN,
    DENDER_MISSIE,
    DENDER_VISIE,
    GMR_DOELSTELLINGEN,
    GMR_MISSIE,
    GMR_OPGAVEN,
    GMR_SYNERGIE,
    GMR_THEMAS,
    GMR_VISIE,
    RIVIERENLAND_THEMAS,
    RIVIERENLAND_TRANSVERSAAL,
    TURNHOUT_MISSIE,
    TURNHOUT_THEMAS,
    TURNHOUT_VISIE,
    TURNHOUT_WAARDEN,
)
from .models import Bron, Eenheid, Opgave, Status, Strategie, Synergie, VoortgangStatus


def _kwartaaleinden(vandaag, aantal):
    """The last `aantal` quarter ends before `vandaag`, oldest first."""
    einden = []
    jaar, kwartaal = vandaag.year, (vandaag.month - 1) // 3  # the quarter before the current one
    while len(einden) < aantal:
        if kwartaal == 0:
            jaar, kwartaal = jaar - 1, 4
        maand = kwartaal * 3
        einden.append(datetime.date(jaar, maand, 30 if maand in (6, 9) else 31))
        kwartaal -= 1
    return list(reversed(einden))


def _regio(slug, stdout):
    regio = Regio.objects.filter(slug=slug).first()
    if regio is None and stdout:
        stdout.write(f"Regio {slug} ontbreekt: laad eerst de besturen-demo (manage.py load_demo).")
    return regio


def _strategie(regio, missie, visie):
    if not Strategie.objects.filter(regio=regio).exists():
        services.save_strategie(regio, missie=missie, visie=visie, door=None)


def _doelstellingen(regio, doelen):
    if not regio.doelstellingen.exists():
        for nummer, (titel, beschrijving) in enumerate(doelen, start=1):
            services.add_doelstelling(regio, nummer=nummer, titel=titel, beschrijving=beschrijving, door=None)


def _themas(regio, themas):
    bestaand = set(regio.themas.values_list("naam", flat=True))
    for naam, beschrijving, transversaal in themas:
        if naam not in bestaand:
            services.add_thema(
                regio, naam=naam, beschrijving=beschrijving, transversaal=transversaal, door=None
            )


def _waarden(regio, waarden):
    if not regio.waarden.exists():
        for volgorde, (naam, tekst) in enumerate(waarden, start=1):
            services.add_waarde(regio, naam=naam, tekst=tekst, volgorde=volgorde, door=None)


def build_dender(stdout=None):
    regio = _regio("denderregio", stdout)
    if regio:
        _strategie(regio, DENDER_MISSIE, DENDER_VISIE)
        _doelstellingen(regio, DENDER_DOELSTELLINGEN)


def build_turnhout(stdout=None):
    regio = _regio("stadsregio-turnhout", stdout)
    if regio:
        _strategie(regio, TURNHOUT_MISSIE, TURNHOUT_VISIE)
        _themas(regio, [(naam, "", False) for naam in TURNHOUT_THEMAS])
        _waarden(regio, TURNHOUT_WAARDEN)


def build_rivierenland(stdout=None):
    regio = _regio("rivierenland", stdout)
    if regio:
        _themas(
            regio,
            [(naam, beschrijving, False) for naam, beschrijving in RIVIERENLAND_THEMAS]
            + [(naam.capitalize(), "", True) for naam in RIVIERENLAND_TRANSVERSAAL],
        )


def _opdrachtgevers(regiobestuur):
    """The regiobestuur's chair (who has a demo login) and its other current members, in seat order."""
    zetels = list(
        besturen_selectors.current_seats(orgaan=regiobestuur, rollen=[Rol.VOORZITTER, Rol.LID])
        .select_related("persoon")
        .order_by("pk")
    )
    voorzitter = next(z for z in zetels if z.rol == Rol.VOORZITTER)
    return voorzitter, [z for z in zetels if z.rol == Rol.LID]


def _build_opgave(regio, spec, *, doelen, themas, opdrachtgever, jaar):
    (titel, samenvatting, doel, resultaat, indicatoren, nummers, thema_namen, partners, opdrachtnemer, _z) = (
        spec
    )
    stuurgroep = Orgaan.objects.filter(
        regio=regio, soort=OrgaanSoort.STUURGROEP, naam=f"Stuurgroep {titel}"
    ).first()
    if stuurgroep is None:
        stuurgroep = besturen_services.create_orgaan(
            door=None,
            soort=OrgaanSoort.STUURGROEP,
            naam=f"Stuurgroep {titel}",
            regio=regio,
            beschrijving="Stuurgroep op maat, met maatschappelijke partners.",
        )
    opgave = services.create_opgave(
        regio,
        door=None,
        titel=titel,
        samenvatting=samenvatting,
        doel=doel,
        resultaat=resultaat,
        opdrachtgever=opdrachtgever,
        stuurgroep=stuurgroep,
        partners=partners,
        opdrachtnemer=opdrachtnemer,
        begin_jaar=jaar,
        eind_jaar=jaar + 3,
        gepubliceerd=True,
        doelstellingen=[doelen[n] for n in nummers],
        themas=[themas[naam] for naam in thema_namen],
    )
    for naam, eenheid, nul, streef, streefjaar in indicatoren:
        services.add_indicator(
            opgave,
            door=None,
            naam=naam,
            eenheid=eenheid,
            nulwaarde=Decimal(nul),
            streefwaarde=Decimal(streef),
            streefdatum=datetime.date(streefjaar, 12, 31),
        )
    for offset in (0, 1):
        for bron, bedrag in ((Bron.LEDEN, "250000"), (Bron.PROVINCIE, "100000"), (Bron.RIJK, "50000")):
            services.add_budgetregel(opgave, door=None, jaar=jaar + offset, bedrag=Decimal(bedrag), bron=bron)
    leden = {
        b.code: b
        for b in Bestuur.objects.filter(
            code__in=CAPACITEIT_LEDEN, land=Land.NEDERLAND, soort=BestuurSoort.GEMEENTE
        )
    }
    for code, hoeveelheid, eenheid in (
        (CAPACITEIT_LEDEN[0], "0.5", Eenheid.FTE),
        (CAPACITEIT_LEDEN[1], "0.5", Eenheid.FTE),
        (CAPACITEIT_LEDEN[2], "400", Eenheid.UREN),
    ):
        if code in leden:
            services.add_capaciteit(
                opgave,
                door=None,
                jaar=jaar,
                hoeveelheid=Decimal(hoeveelheid),
                eenheid=eenheid,
                bestuur=leden[code],
                in_natura=True,
            )
    for status in (Status.IN_VOORBEREIDING, Status.LOPEND):
        opgave = services.change_status(opgave, status, door=None, reden="Demo")
    return opgave


def build_gmr(stdout=None, vandaag=None):
    regio = _regio("groene-metropoolregio", stdout)
    if regio is None:
        return
    vandaag = vandaag or timezone.localdate()
    jaar = vandaag.year
    _strategie(regio, GMR_MISSIE, GMR_VISIE)
    _doelstellingen(regio, GMR_DOELSTELLINGEN)
    _themas(regio, GMR_THEMAS)
    regiobestuur = Orgaan.objects.get(regio=regio, soort=OrgaanSoort.REGIOBESTUUR)
    voorzitter, leden = _opdrachtgevers(regiobestuur)
    doelen = {d.nummer: d for d in regio.doelstellingen.all()}
    themas = {t.naam: t for t in regio.themas.all()}

    opgaven = {o.titel: o for o in Opgave.objects.filter(regio=regio)}
    for spec in GMR_OPGAVEN:
        titel, zetel = spec[0], spec[-1]
        if titel in opgaven:
            continue
        opdrachtgever = voorzitter if zetel == "voorzitter" else leden[zetel % len(leden)]
        opgaven[titel] = _build_opgave(
            regio, spec, doelen=doelen, themas=themas, opdrachtgever=opdrachtgever, jaar=jaar
        )

    for a, b, reden in GMR_SYNERGIE:
        van, naar = sorted([opgaven[a], opgaven[b]], key=lambda o: o.pk)
        if not Synergie.objects.filter(van=van, naar=naar).exists():
            services.link_synergie(van, naar, reden=reden, door=None)

    circulair = opgaven["Circulaire regio"]
    if not circulair.mandaten.exists():
        _mandaat_en_voortgang(circulair, regiobestuur, vandaag)
        eind = _kwartaaleinden(vandaag, 1)[0]
        services.report_voortgang(
            opgaven["Verbonden regio"],
            periode_eind=eind,
            status=VoortgangStatus.AANDACHT,
            besteed=Decimal("60000"),
            toelichting="De aanbesteding van de snelfietsroute loopt vertraging op.",
            door=None,
        )


def _mandaat_en_voortgang(opgave, regiobestuur, vandaag):
    eerste, tweede = _kwartaaleinden(vandaag, 2)
    mandaat = services.grant_mandaat(
        opgave,
        verleend_door=regiobestuur,
        besluitdatum=datetime.date(eerste.year, 1, 15),
        besluit_referentie=f"RB-{eerste.year}-07",
        omschrijving=(
            "Binnen de opgave Circulaire regio opdrachten gunnen en subsidies verlenen tot het budgetplafond, "
            "zonder nieuwe verplichtingen voor de gemeenten aan te gaan."
        ),
        budgetplafond=Decimal("150000"),
        begindatum=datetime.date(eerste.year, 1, 1),
        einddatum=datetime.date(vandaag.year + 1, 12, 31),
        door=None,
    )
    for datum, bedrag, omschrijving in (
        (eerste, "35000", "Onderzoek naar de grondstoffenstromen van de regio"),
        (tweede, "20000", "Regionale campagne circulair inkopen voor de gemeenten"),
    ):
        services.record_verplichting(
            mandaat, bedrag=Decimal(bedrag), omschrijving=omschrijving, datum=datum, door=None
        )
    indicatoren = {i.naam: i for i in opgave.indicatoren.all()}
    restafval = indicatoren["Restafval per inwoner"]
    inkoop = indicatoren["Circulair ingekochte opdrachten van de gemeenten"]
    for eind, besteed, restafval_waarde, inkoop_waarde, toelichting in (
        (eerste, "30000", "172", "14", "Het onderzoek naar de grondstoffenstromen is gestart."),
        (tweede, "45000", "165", "19", "Zes gemeenten kopen hun bouwopdrachten nu circulair in."),
    ):
        services.report_voortgang(
            opgave,
            periode_eind=eind,
            status=VoortgangStatus.OP_KOERS,
            besteed=Decimal(besteed),
            toelichting=toelichting,
            waarden={restafval: Decimal(restafval_waarde), inkoop: Decimal(inkoop_waarde)},
            door=None,
        )


@transaction.atomic
def load_opgaven_demo(stdout=None):
    """Build whatever part of the opgaven demo is missing."""
    build_dender(stdout)
    build_turnhout(stdout)
    build_gmr(stdout)
    build_rivierenland(stdout)
