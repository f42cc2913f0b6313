"""The benchmark's opgaven with progress, ten years of programmes per region, and meetings with agenda items."""

import datetime
from decimal import Decimal

from django.utils import timezone

from besturen.models import Rol
from besturen.permissions import group_name
from opgaven.models import Budgetregel, Opgave, Status, Voortgang
from programmas.models import (
    Bijdrage,
    Jaarprogramma,
    Programmaregel,
    Programmaregeling,
    Raadsbesluit,
    RaadsbesluitGroupObjectPermission,
    Registratie,
    Uitkomst,
    Versie,
    VersieStatus,
)
from programmas.regeling import BEVROREN_VELDEN
from programmas.verdeling import Lid, allocate
from vergaderingen.models import Agendapunt, Vergadering, VergaderingStatus

from .structuur import Rechten

REGELS = 5  # lines per programme version, one per opgave
VOORTGANG = 4  # progress reports per opgave
PUNTEN = 15  # agenda items per meeting


def build_opgaven(lader, omvang, structuur):
    """Published, running opgaven per region, each with a budget and quarterly progress; {regio id: [Opgave]}."""
    jaar = timezone.localdate().year
    per_regio = {}
    for r in structuur.regios:
        per_regio[r.regio.pk] = [
            Opgave(
                regio=r.regio,
                titel=f"Opgave {i:02d} van {r.regio.naam}",
                samenvatting="Een regionale opgave van de benchmark.",
                doel="Het doel van de opgave.",
                resultaat="Het beoogde resultaat.",
                stuurgroep=r.organen[-1],
                begin_jaar=jaar - 3,
                eind_jaar=jaar + 2,
                status=Status.LOPEND,
                gepubliceerd=True,
            )
            for i in range(omvang.opgaven)
        ]
    opgaven = lader.insert(Opgave, [o for lijst in per_regio.values() for o in lijst])
    lader.insert(
        Budgetregel,
        [
            Budgetregel(opgave=o, jaar=jaar + d, bedrag=Decimal("250000.00"), bron="leden")
            for o in opgaven
            for d in (0, 1)
        ],
    )
    lader.insert(
        Voortgang,
        [
            Voortgang(
                opgave=o,
                periode_eind=datetime.date(jaar - 1, 3 * (q + 1), 28),
                status=["op_koers", "aandacht", "risico", "op_koers"][q],
                besteed=Decimal(40000 * (q + 1)),
                toelichting=f"Voortgang over kwartaal {q + 1}.",
            )
            for o in opgaven
            for q in range(VOORTGANG)
        ],
    )
    return per_regio


def build_programmas(lader, omvang, structuur, opgaven):
    """Ten years of programmes per region: adopted, some after a version sent back, the newest before the councils.

    Routed versions carry what the services freeze (programmas.services.bevriezing): the rules on the version and
    a Bijdrage per line and member from the same split (`allocate`), and a council decision per member with the
    permission its council's secretaries get (programmas.services.raden).
    """
    vandaag = timezone.localdate()
    regelingen = lader.insert(
        Programmaregeling,
        [Programmaregeling(regio=r.regio, bestuursorgaan=r.organen[0]) for r in structuur.regios],
    )
    programmas, versies, regels, bijdragen, besluiten = [], [], [], [], []
    for r, regeling in zip(structuur.regios, regelingen, strict=True):
        for k, jaar in enumerate(range(vandaag.year - omvang.jaren + 2, vandaag.year + 2)):
            jp = Jaarprogramma(regio=r.regio, jaar=jaar, behandeldatum=_d(jaar - 1, 11, 1))
            programmas.append(lader.ids(Jaarprogramma, [jp])[0])
            huidig = jaar > vandaag.year
            reeks = [_versie(jp, 1, regeling, jaar)]
            if k % 3 == 1 and not huidig:
                reeks.append(_versie(jp, 2, regeling, jaar))
            lader.ids(Versie, reeks)
            for v in reeks[:-1]:
                v.status, v.teruggestuurd_op, v.vervangen_door = (
                    VersieStatus.TERUG,
                    _d(jaar - 1, 10, 1),
                    reeks[-1],
                )
                reeks[-1].gebaseerd_op = v
            if huidig:
                reeks[-1].status, reeks[-1].deadline = (
                    VersieStatus.VOORGELEGD,
                    vandaag + datetime.timedelta(days=60),
                )
            versies += reeks
            for v in reeks:
                nieuw = [
                    Programmaregel(
                        versie=v,
                        opgave=o,
                        bedrag=Decimal(100000 * (i + 1) + jaar),
                        capaciteit_uren=Decimal("0"),
                    )
                    for i, o in enumerate(opgaven[r.regio.pk][:REGELS])
                ]
                lader.ids(Programmaregel, nieuw)
                regels += nieuw
                bijdragen += _bijdragen(v, nieuw, r.leden, regeling)
                besluiten += _besluiten(v, r.leden, structuur.raden, vandaag)
    lader.insert(Jaarprogramma, programmas)
    lader.insert(Versie, versies)
    lader.insert(Programmaregel, regels)
    through = Programmaregel.deelnemers.through
    leden = {r.regio.pk: r.leden for r in structuur.regios}
    lader.insert(
        through,
        [
            through(programmaregel_id=regel.pk, bestuur_id=b.pk)
            for regel in regels
            for b in leden[regel.versie.jaarprogramma.regio_id]
        ],
    )
    lader.insert(Bijdrage, bijdragen)
    lader.insert(Raadsbesluit, besluiten)
    lader.insert(
        Registratie,
        [
            Registratie(
                besluit=b,
                uitkomst=b.uitkomst,
                datum_raad=b.deadline - datetime.timedelta(days=14),
                stemmen_voor=20,
            )
            for b in besluiten
            if b.uitkomst != Uitkomst.OPEN
        ],
    )
    grants = [
        ("programmas.record_raadsbesluit", b, [group_name(b.raad_id, Rol.SECRETARIS)]) for b in besluiten
    ]
    model = RaadsbesluitGroupObjectPermission
    lader.insert(model, Rechten(lader).rows(model, grants))
    return versies


def _d(jaar, maand, dag):
    return datetime.date(jaar, maand, dag)


def _versie(jp, nummer, regeling, jaar):
    """A routed and frozen version with the region's rules stored on it; adopted unless changed afterwards."""
    v = Versie(
        jaarprogramma=jp,
        nummer=nummer,
        status=VersieStatus.GOEDGEKEURD,
        toelichting="Benchmarkversie.",
        ingediend_op=_d(jaar - 1, 6, 1),
        vastgesteld_op=_d(jaar - 1, 7, 1),
        voorgelegd_op=_d(jaar - 1, 7, 2),
        deadline=_d(jaar - 1, 10, 1),
        openbaar=True,
        bevroren_op=timezone.make_aware(datetime.datetime(jaar - 1, 7, 2, 12)),
    )
    for veld in BEVROREN_VELDEN:
        setattr(v, veld, getattr(regeling, veld))
    return v


def _bijdragen(versie, regels, leden, regeling):
    """The frozen split, as `_bevries` stores it: every line over its members by population, to the cent."""
    volgorde = {b.pk: b.code for b in leden}
    rijen = []
    for regel in regels:
        shares = allocate(
            regel.bedrag,
            [Lid(b.pk, b.inwoners or 0) for b in leden],
            regeling.sleutel,
            aandeel_bevolking=regeling.aandeel_bevolking,
            volgorde=volgorde,
        )
        rijen += [
            Bijdrage(
                versie=versie,
                regel=regel,
                bestuur=b,
                inwoners=b.inwoners,
                peildatum=b.inwoners_peildatum,
                bron=b.inwoners_bron or "",
                sleutel=regeling.sleutel,
                aandeel_bevolking=regeling.aandeel_bevolking,
                centen=int(shares[b.pk] * 100),
            )
            for b in leden
        ]
    return rijen


def _besluiten(versie, leden, raden, vandaag):
    """A council decision per member: decided for past versions, a third decided for the one before the councils."""
    besluiten = []
    for i, b in enumerate(sorted(leden, key=lambda b: b.naam)):
        if versie.status == VersieStatus.VOORGELEGD:
            uitkomst = Uitkomst.GOEDGEKEURD if i % 3 == 0 else Uitkomst.OPEN
        elif versie.status == VersieStatus.TERUG:
            uitkomst = Uitkomst.AMENDEMENT if i == 0 else Uitkomst.OPEN
        else:
            uitkomst = Uitkomst.GOEDGEKEURD
        besluiten.append(
            Raadsbesluit(
                versie=versie,
                bestuur=b,
                raad=raden[b.pk],
                deadline=versie.deadline,
                inwoners=b.inwoners,
                uitkomst=uitkomst,
            )
        )
    return besluiten


def build_vergaderingen(lader, omvang, structuur, versies):
    """Meetings spread over every regional body, past ones with minutes, the next ones with a published agenda."""
    nu = timezone.now().replace(minute=0, second=0, microsecond=0)
    vergaderingen = []
    for r in structuur.regios:
        for i in range(omvang.vergaderingen):
            orgaan = r.organen[i % len(r.organen)]
            ronde = i // len(r.organen) - omvang.vergaderingen // len(r.organen) + 3  # the last three ahead
            begin = nu + datetime.timedelta(days=28 * ronde)
            verleden = begin < nu
            vergaderingen.append(
                Vergadering(
                    orgaan=orgaan,
                    begin=begin,
                    einde=begin + datetime.timedelta(hours=2),
                    locatie="Stadhuis",
                    status=VergaderingStatus.NOTULEN_GOEDGEKEURD
                    if verleden
                    else VergaderingStatus.AGENDA_GEPUBLICEERD,
                    agenda_gepubliceerd_op=begin - datetime.timedelta(days=7),
                    notulen="Notulen van de vergadering." if verleden else "",
                    notulen_goedgekeurd_op=begin + datetime.timedelta(days=14) if verleden else None,
                )
            )
    lader.insert(Vergadering, vergaderingen)
    lader.insert(
        Agendapunt,
        [
            Agendapunt(
                vergadering=v,
                volgnummer=n + 1,
                titel=f"Agendapunt {n + 1}",
                toelichting="Toelichting bij het agendapunt.",
                openbaar=n % 5 != 4,
                status="geagendeerd",
            )
            for v in vergaderingen
            for n in range(PUNTEN)
        ],
    )
