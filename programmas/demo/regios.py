"""The three demo regions: the Groene Metropoolregio, the Denderregio and the Drechtsteden."""

import datetime
from decimal import Decimal

from django.utils import timezone

from .. import services
from ..models import (
    AmendementRegel,
    Beslisregel,
    Procedure,
    Programmaregel,
    ProgrammaSoort,
    SleutelSoort,
    Uitkomst,
)
from .kalender import (
    DAG,
    DI,
    WEEK,
    WO,
    demo_jaar,
    dender_kalender,
    op_of_voor,
    werkdag,
    wgr_kalender,
    zittingsdagen,
)
from .plannen import DENDER_OPGAVEN, DRECHT_OPGAVEN, GMR_BEGROTING, GMR_OPGAVEN
from .stappen import (
    CENT,
    DEMO_DOMAIN,
    _draft,
    _indienen,
    _leden,
    _opdrachtgever,
    _opgave,
    _orgaan,
    _record,
    _record_alle,
    _say,
    _terugsturen,
    _vaststellen,
    _voorleggen,
    _vraag,
    _wgr_route,
)

# --- The three regions ------------------------------------------------------------------------------------------------


def build_gmr(regio, stdout=None, vandaag=None):
    """Groene Metropoolregio: consent for its programme (last year's approved, this year's before 18 councils, with
    the bureau at € 2,50 and the Economic Board at € 1,00 per inhabitant), the Wgr route for its own budget."""
    vandaag = vandaag or timezone.localdate()
    jaar = demo_jaar(vandaag)
    services.update_regeling(
        regio,
        door=None,
        procedure=Procedure.INSTEMMING,
        beslisregel=Beslisregel.LEDEN,
        drempel_leden=Decimal("0.6667"),
        sleutel=SleutelSoort.BEVOLKING,
        bedrag_per_inwoner=Decimal("2.50"),
        termijn_dagen=90,
        zienswijze_weken=12,
        bestuursorgaan=_orgaan(regio, "Regiobestuur Groene Metropoolregio"),
    )
    opdrachtgever = _opdrachtgever(regio)
    codes = [b.code for b in _leden(regio)]
    opgaven = [_opgave(regio, plan, opdrachtgever, jaar) for plan in GMR_OPGAVEN]

    # Last year's programme: adopted in June, approved by twelve of eighteen councils in the autumn.
    rb = op_of_voor(datetime.date(jaar - 2, 6, 26), WO)  # the regiobestuur meets on Wednesdays
    vorig = _draft(
        regio, jaar - 1, jaar, GMR_OPGAVEN, opgaven, titel=f"Regionaal programma {jaar - 1}", behandeldatum=rb
    )
    _indienen(vorig, werkdag(rb - 2 * WEEK))
    _vaststellen(vorig, rb, f"RB-{jaar - 2}-031")
    voorgelegd = rb + 2 * DAG
    _voorleggen(vorig, voorgelegd, datetime.date(jaar - 2, 11, 15))
    twaalf = codes[:12]  # twelve of eighteen: the qualified majority of the members holds
    _record_alle(
        vorig,
        [(code, Uitkomst.GOEDGEKEURD) for code in twaalf],
        datetime.date(jaar - 2, 9, 1),
        datetime.date(jaar - 2, 11, 12),
    )

    # This year's programme: adopted by the regiobestuur eight weeks ago, the councils deciding now.
    rb = op_of_voor(vandaag - 8 * WEEK, WO)
    versie = _draft(
        regio, jaar, jaar, GMR_OPGAVEN, opgaven, titel=f"Regionaal programma {jaar}", behandeldatum=rb
    )
    _indienen(versie, werkdag(rb - 2 * WEEK))
    _vaststellen(versie, rb, f"RB-{rb.year}-044")
    voorgelegd = rb + 2 * DAG
    _voorleggen(versie, voorgelegd, voorgelegd + 90 * DAG)
    met_account = {"GM0202", "GM0268"}  # Arnhem and Nijmegen: their demo secretaries record themselves
    anderen = [c for c in codes if c not in met_account]
    uitkomsten = (
        [Uitkomst.GOEDGEKEURD] * 7 + [Uitkomst.AFGEWEZEN] * 2 + [Uitkomst.UITGESTELD] * 2
    )  # the other five stay open
    dagen = zittingsdagen(voorgelegd + 3 * WEEK, vandaag - DAG, len(uitkomsten))
    for i, (code, uitkomst, dag) in enumerate(zip(anderen, uitkomsten, dagen, strict=False)):
        _record(versie, code, uitkomst, dag, document=i < 2, afwezig=i % 3)
    _vraag(
        versie,
        f"raadslid.nijmegen@{DEMO_DOMAIN}",
        "Waarom betalen we naast het regiobureau nog een bijdrage per inwoner voor de Economic Board?",
        "Economic Board",
        antwoord="De Economic Board is een eigen opgave met een eigen tarief: € 1,00 per inwoner, naast € 2,50 "
        "per inwoner voor het regiobureau. Elke gemeente betaalt per regel precies het tarief maal haar inwoners.",
    )
    _vraag(
        versie,
        f"raadslid.arnhem@{DEMO_DOMAIN}",
        f"Welke projecten vallen onder de opgave Verbonden regio in {jaar}?",
        "Verbonden regio",
    )

    # The GR's own budget follows the Wgr route (the programme's own procedure), adopted and with GS in time.
    bestuur_opgaven = [_opgave(regio, plan, opdrachtgever, jaar) for plan in GMR_BEGROTING]
    kalender = wgr_kalender(jaar, WO)
    begroting = _draft(
        regio,
        jaar,
        jaar,
        GMR_BEGROTING,
        bestuur_opgaven,
        titel=f"Begroting {jaar} GR Groene Metropoolregio",
        behandeldatum=kalender.behandeldatum,
        soort=ProgrammaSoort.BEGROTING,
        procedure=Procedure.ZIENSWIJZE,
    )
    _wgr_route(
        begroting,
        kalender,
        raden=[
            ("GM1945", Uitkomst.GEEN_ZIENSWIJZE, ""),
            ("GM0252", Uitkomst.GEEN_ZIENSWIJZE, ""),
            (
                "GM1734",
                Uitkomst.ZIENSWIJZE,
                "De raad vraagt de kosten van bestuur en bedrijfsvoering niet te laten stijgen zolang de opgaven "
                "zelf geen extra middelen krijgen.",
            ),
            ("GM0296", Uitkomst.GEEN_ZIENSWIJZE, ""),
            ("GM0299", Uitkomst.GEEN_ZIENSWIJZE, ""),
        ],
        antwoorden={
            "GM1734": "Het algemeen bestuur houdt de kosten van bestuur en bedrijfsvoering gelijk aan vorig jaar en "
            "legt de indexering in de tussenrapportage opnieuw voor."
        },
        referentie=f"AB-{kalender.behandeldatum.year}-12",
        gs_referentie=f"GMR/{kalender.naar_gs.year}/0719",
    )
    versie.refresh_from_db()
    _say(
        stdout,
        f"{regio.naam}: programma {jaar} voorgelegd aan {len(codes)} raden ({versie.get_status_display()}); "
        f"begroting {jaar} vastgesteld en naar gedeputeerde staten.",
    )


def build_dender(regio, stdout=None, vandaag=None):
    """Denderregio: the DBO routed version 1 to 14 councils; Haaltert's amendment sends it back (the region's rule),
    and version 2, with the amendment, is now before the councils."""
    vandaag = vandaag or timezone.localdate()
    jaar = demo_jaar(vandaag)
    k = dender_kalender(vandaag)
    services.update_regeling(
        regio,
        door=None,
        procedure=Procedure.INSTEMMING,
        beslisregel=Beslisregel.UNANIEM,
        amendement=AmendementRegel.TERUG,
        sleutel=SleutelSoort.MIX,
        aandeel_bevolking=Decimal("0.5"),
        termijn_dagen=90,
        bestuursorgaan=_orgaan(regio, "Burgemeestersoverleg Denderregio"),
    )
    opdrachtgever = _opdrachtgever(regio)
    opgaven = [_opgave(regio, plan, opdrachtgever, jaar) for plan in DENDER_OPGAVEN]
    versie = _draft(
        regio,
        jaar,
        jaar,
        DENDER_OPGAVEN,
        opgaven,
        titel=f"Regioprogramma Denderregio {jaar}",
        behandeldatum=k.dbo2,  # the DBO that adopts the version now before the councils
    )
    _indienen(versie, k.v1_ingediend)
    _vaststellen(versie, k.dbo1, f"DBO-{k.dbo1.year}-09")
    _voorleggen(versie, k.v1_voorgelegd, k.v1_deadline)
    codes = [b.code for b in _leden(regio)]
    haaltert = "41024" if "41024" in codes else codes[-1]
    eerst = [c for c in codes if c != haaltert][:5]
    _record_alle(
        versie, [(c, Uitkomst.GOEDGEKEURD) for c in eerst], k.v1_voorgelegd + 2 * WEEK, k.amendement - DAG
    )
    amenderend = _record(
        versie,
        haaltert,
        Uitkomst.AMENDEMENT,
        k.amendement,
        tekst="De raad keurt het programma goed, mits de opgave 'Regiogevoel en imago' met een kwart wordt verlaagd "
        "en de gemeente niet deelneemt aan de opgave 'Financiële slagkracht'.",
    ).besluit.bestuur

    # The secretariat drafts version 2 with the amendment; the DBO sends version 1 back and adopts version 2.
    tweede = services.new_versie(
        versie,
        door=None,
        toelichting=f"Versie 2 verwerkt het amendement van de gemeenteraad van {amenderend.naam}.",
    )
    for regel in Programmaregel.objects.filter(versie=tweede).select_related("opgave"):
        if regel.opgave.titel == "Regiogevoel en imago":
            services.update_regel(regel, door=None, bedrag=(regel.bedrag * Decimal("0.75")).quantize(CENT))
        if regel.opgave.titel == "Financiële slagkracht":
            services.update_regel(
                regel, door=None, deelnemers=[b for b in regel.deelnemers.all() if b.pk != amenderend.pk]
            )
    _indienen(tweede, k.v2_ingediend)
    _terugsturen(
        versie,
        k.dbo2,
        f"Het DBO neemt het amendement van {amenderend.naam} over in versie 2; versie 1 gaat terug.",
    )
    _vaststellen(tweede, k.dbo2, f"DBO-{k.dbo2.year}-21")
    _voorleggen(tweede, k.v2_voorgelegd, k.v2_deadline)
    met_account = {"41002", "42006"}  # Aalst and Dendermonde: their demo secretaries record themselves
    _record_alle(
        tweede,
        [(c, Uitkomst.GOEDGEKEURD) for c in [haaltert, *eerst] if c not in met_account][:5],
        k.v2_voorgelegd + 2 * WEEK,
        vandaag - DAG,
    )
    _say(stdout, f"{regio.naam}: versie 1 terug na een amendement, versie 2 ligt voor bij de raden.")


def build_drecht(regio, stdout=None, vandaag=None):
    """Drechtsteden: the budget along the Wgr route, in time for gedeputeerde staten; two views, both answered."""
    vandaag = vandaag or timezone.localdate()
    jaar = demo_jaar(vandaag)
    services.update_regeling(
        regio,
        door=None,
        procedure=Procedure.ZIENSWIJZE,
        sleutel=SleutelSoort.BEVOLKING,
        zienswijze_weken=12,
        bestuursorgaan=_orgaan(regio, "Drechtraad"),
    )
    opdrachtgever = _opdrachtgever(regio)
    opgaven = [_opgave(regio, plan, opdrachtgever, jaar) for plan in DRECHT_OPGAVEN]
    kalender = wgr_kalender(jaar, DI)  # the Drechtraad meets on Tuesdays
    versie = _draft(
        regio,
        jaar,
        jaar,
        DRECHT_OPGAVEN,
        opgaven,
        titel=f"Begroting en programma Drechtsteden {jaar}",
        behandeldatum=kalender.behandeldatum,
        soort=ProgrammaSoort.BEGROTING,
    )
    _wgr_route(
        versie,
        kalender,
        raden=[
            ("GM0482", Uitkomst.GEEN_ZIENSWIJZE, ""),
            (
                "GM0505",
                Uitkomst.ZIENSWIJZE,
                "De raad vraagt het programma Netwerkbestuur te beperken tot de kosten van de Drechtraad.",
            ),
            (
                "GM0642",
                Uitkomst.ZIENSWIJZE,
                "De raad wil dat de regionale strategische agenda ook de Merwede-oevers van Zwijndrecht omvat.",
            ),
            ("GM0590", Uitkomst.GEEN_ZIENSWIJZE, ""),
        ],
        antwoorden={
            "GM0505": "Het algemeen bestuur neemt de zienswijze over: Netwerkbestuur blijft binnen de huidige "
            "kosten, omdat de raadscommissies zonder extra middelen kunnen werken.",
            "GM0642": "Het algemeen bestuur neemt de Merwede-oevers op in de uitwerking van de strategische agenda; "
            "de begroting verandert daardoor niet.",
        },
        referentie=f"Drechtraad {kalender.behandeldatum:%d-%m-%Y}",
        gs_referentie=f"DS/{kalender.naar_gs.year}/0412",
    )
    _say(
        stdout,
        f"{regio.naam}: begroting {jaar} vastgesteld op {kalender.behandeldatum} na twee beantwoorde zienswijzen, "
        f"naar gedeputeerde staten op {kalender.naar_gs}.",
    )
