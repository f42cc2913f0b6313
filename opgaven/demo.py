"""The opgaven demo: the strategies of the seed partnerships (the Drechtsteden with a portfolio holder per theme),
the Groene Metropoolregio's five opgaven, the Denderregio's opgaven on its five goals and the Stadsregio Turnhout's
two.

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
    DENDER_OPGAVEN,
    DENDER_VISIE,
    DRECHT_DOELSTELLINGEN,
    DRECHT_MISSIE,
    DRECHT_THEMAS,
    DRECHT_VISIE,
    DRECHT_WAARDEN,
    GMR_DOELSTELLINGEN,
    GMR_MISSIE,
    GMR_OPGAVEN,
    GMR_SYNERGIE,
    GMR_THEMAS,
    GMR_VISIE,
    RIVIERENLAND_THEMAS,
    RIVIERENLAND_TRANSVERSAAL,
    TURNHOUT_MISSIE,
    TURNHOUT_OPGAVEN,
    TURNHOUT_THEMAS,
    TURNHOUT_VISIE,
    TURNHOUT_WAARDEN,
)
from .models import Bron, Eenheid, Opgave, Status, Strategie, Synergie, VoortgangStatus

PORTEFEUILLE_BEGIN = datetime.date(2023, 1, 1)


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


def _voorzitter(regio, soort):
    """The current chair of the region's body of this kind (the demo login `voorzitter.<region>`)."""
    return (
        besturen_selectors.current_seats(regio=regio, soorten=[soort], rollen=[Rol.VOORZITTER])
        .select_related("orgaan", "persoon")
        .order_by("pk")
        .first()
    )


def _kleine_opgave(regio, titel, samenvatting, *, opdrachtgever, jaar, doelstellingen=(), themas=()):
    """A complete, running opgave of a Flemish region: one indicator, a subsidy, the regional team's hours."""
    opgave = services.create_opgave(
        regio,
        door=None,
        titel=titel,
        samenvatting=samenvatting,
        doel=samenvatting,
        resultaat="Een jaarlijkse voortgangsrapportage aan de lokale besturen met de afgesproken indicatoren.",
        opdrachtgever=opdrachtgever,
        opdrachtnemer="Regiocoördinator",
        begin_jaar=jaar,
        eind_jaar=jaar + 2,
        gepubliceerd=True,
        doelstellingen=doelstellingen,
        themas=themas,
    )
    services.add_indicator(
        opgave,
        door=None,
        naam="Afgeronde mijlpalen",
        eenheid="aantal",
        nulwaarde=Decimal("0"),
        streefwaarde=Decimal("4"),
        streefdatum=datetime.date(jaar + 2, 12, 31),
    )
    services.add_budgetregel(opgave, door=None, jaar=jaar, bedrag=Decimal("40000"), bron=Bron.VLAANDEREN)
    services.add_capaciteit(opgave, door=None, jaar=jaar, hoeveelheid=Decimal("300"), partner="Regioteam")
    for status in (Status.IN_VOORBEREIDING, Status.LOPEND):
        opgave = services.change_status(opgave, status, door=None, reden="Demo")
    return opgave


def _dender_opgaven(regio, vandaag):
    """The Denderregio's opgaven on its five goals, each goal served; most with a report, so the roll-up shows."""
    doelen = {d.nummer: d for d in regio.doelstellingen.all()}
    bestaand = {o.titel: o for o in Opgave.objects.filter(regio=regio)}
    dbo = _voorzitter(regio, OrgaanSoort.BURGEMEESTERSOVERLEG)
    eind = _kwartaaleinden(vandaag, 1)[0]
    for titel, samenvatting, nummers, rapport in DENDER_OPGAVEN:
        gekozen = [doelen[n] for n in nummers if n in doelen]
        opgave = bestaand.get(titel)
        if opgave is not None:  # made earlier (e.g. by the programme demo): only its goals may be missing
            if not opgave.doelstellingen.exists():
                services.update_opgave(opgave, door=None, doelstellingen=gekozen)
            continue
        opgave = _kleine_opgave(
            regio, titel, samenvatting, opdrachtgever=dbo, jaar=vandaag.year, doelstellingen=gekozen
        )
        if rapport:
            services.report_voortgang(
                opgave,
                periode_eind=eind,
                status=rapport,
                besteed=Decimal("15000"),
                toelichting="Volgens de planning van het DBO." if rapport == "op_koers" else "Vertraging.",
                door=None,
            )


def build_dender(stdout=None, vandaag=None):
    regio = _regio("denderregio", stdout)
    if regio:
        _strategie(regio, DENDER_MISSIE, DENDER_VISIE)
        _doelstellingen(regio, DENDER_DOELSTELLINGEN)
        _dender_opgaven(regio, vandaag or timezone.localdate())


def build_turnhout(stdout=None, vandaag=None):
    regio = _regio("stadsregio-turnhout", stdout)
    if regio:
        _strategie(regio, TURNHOUT_MISSIE, TURNHOUT_VISIE)
        _themas(regio, [(naam, "", False) for naam in TURNHOUT_THEMAS])
        _waarden(regio, TURNHOUT_WAARDEN)
        themas = {t.naam: t for t in regio.themas.all()}
        bestaand = set(Opgave.objects.filter(regio=regio).values_list("titel", flat=True))
        rvb = _voorzitter(regio, OrgaanSoort.REGIOBESTUUR)
        for titel, samenvatting, thema_namen in TURNHOUT_OPGAVEN:
            if titel not in bestaand:
                _kleine_opgave(
                    regio,
                    titel,
                    samenvatting,
                    opdrachtgever=rvb,
                    jaar=(vandaag or timezone.localdate()).year,
                    themas=[themas[naam] for naam in thema_namen],
                )


def build_drecht(stdout=None):
    """The Drechtsteden's strategy in their own words, with a member of the DSB as portfolio holder per theme."""
    regio = _regio("drechtsteden", stdout)
    if regio is None:
        return
    _strategie(regio, DRECHT_MISSIE, DRECHT_VISIE)
    _waarden(regio, DRECHT_WAARDEN)
    _doelstellingen(regio, DRECHT_DOELSTELLINGEN)
    _themas(regio, [(naam, beschrijving, False) for naam, beschrijving in DRECHT_THEMAS])
    dsb = list(
        besturen_selectors.current_seats(regio=regio, soorten=[OrgaanSoort.DAGELIJKS_BESTUUR])
        .exclude(rol=Rol.SECRETARIS)
        .select_related("persoon")
        .order_by("pk")
    )
    for index, (naam, _beschrijving) in enumerate(DRECHT_THEMAS):
        thema = regio.themas.get(naam=naam)
        if dsb and not thema.portefeuillehouders.exists():
            services.add_portefeuillehouder(
                regio,
                persoon=dsb[index % len(dsb)].persoon,
                thema=thema,
                begindatum=PORTEFEUILLE_BEGIN,
                door=None,
            )


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
    build_drecht(stdout)
