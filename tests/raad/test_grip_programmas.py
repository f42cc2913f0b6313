"""The grip page reads its region's programmes once (`selectors_grip.regio_programmas`): the contributions, the open
decisions and the next dates it shows are those the three reads it replaces gave (`bijdragen_per_jaar`,
`open_raadsbesluiten` and the calendar of `kalender.programmas_van_regio`), for every member and reader class, on
days before, during and after the councils' terms."""

import datetime

import pytest
from django.utils import timezone

from programmas import kalender, selectors_grip
from programmas.models import Jaarprogramma, Raadsbesluit, Registratie, Versie
from raad.grip import selectors

from .grip_bouw import grip_wereld

pytestmark = pytest.mark.usefixtures("snelle_wachtwoorden", "media")


def _bijdragen(jaren):
    return [
        (
            j.regio_id,
            j.jaar,
            j.bedrag,
            [
                (p.programma.pk, str(p.programma), p.versie.pk, p.versie.status, p.bedrag)
                for p in j.programmas
            ],
        )
        for j in jaren
    ]


def _besluiten(besluiten):
    return [
        (
            b.pk,
            b.versie_id,
            str(b.versie),
            b.deadline,
            b.uitkomst,
            b.zienswijze,
            b.te_laat,
            b.get_absolute_url(),
        )
        for b in besluiten
    ]


def _datums(momenten):
    return [(m.programma.pk, m.sleutel, m.datum, m.staat, m.gedaan_op, m.link, m.label) for m in momenten]


@pytest.mark.django_db
def test_one_read_of_the_programmes_gives_the_contributions_decisions_and_dates_of_the_three_reads():
    w = grip_wereld(jaren=3, leden=3)
    vandaag = timezone.localdate()
    Versie.objects.filter(pk=w.versies[1].pk).update(openbaar=False)
    Versie.objects.filter(pk=w.versies[2].pk).update(deadline=vandaag - datetime.timedelta(days=10))
    Jaarprogramma.objects.create(regio=w.regio, jaar=w.versies[0].jaarprogramma.jaar + 1)  # no version
    # One council decided on the newest version; every council on the non-public one.
    besluit = Raadsbesluit.objects.get(versie=w.versies[0], bestuur=w.leden[1])
    Raadsbesluit.objects.filter(pk=besluit.pk).update(uitkomst="goedgekeurd")
    Registratie.objects.create(besluit=besluit, uitkomst="goedgekeurd", datum_raad=vandaag)
    for b in Raadsbesluit.objects.filter(versie=w.versies[1]):
        Raadsbesluit.objects.filter(pk=b.pk).update(uitkomst="goedgekeurd")
        Registratie.objects.create(
            besluit=b, uitkomst="goedgekeurd", datum_raad=vandaag - datetime.timedelta(1)
        )
    gezien = {"bijdragen": 0, "besluiten": 0, "datums": 0}
    for dag in (vandaag, vandaag - datetime.timedelta(days=400), vandaag + datetime.timedelta(days=60)):
        for lid in w.leden:
            regio = selectors.deelname_or_404(lid.code, w.regio.slug).regio
            for besloten in (False, True):
                ids = {regio.pk} if besloten else set()
                gelezen = selectors_grip.regio_programmas(regio, lid, besloten=besloten, vandaag=dag)
                assert gelezen.vandaag == dag
                bijdragen = selectors_grip.bijdragen_per_jaar(lid, [regio.pk], besloten=ids).get(regio.pk, [])
                assert _bijdragen(gelezen.bijdragen) == _bijdragen(bijdragen)
                besluiten = selectors_grip.open_raadsbesluiten(lid, [regio.pk], besloten=ids, vandaag=dag)
                assert _besluiten(gelezen.open_besluiten) == _besluiten(besluiten)
                alle = kalender.momenten(kalender.programmas_van_regio(regio, besloten=besloten), vandaag=dag)
                verwacht = [m for m in alle if m.datum >= dag and not m.gedaan]
                assert _datums(selectors.komende_datums(gelezen, besloten=besloten, aantal=100)) == _datums(
                    verwacht
                )
                assert _datums(selectors.komende_datums(gelezen, besloten=besloten)) == _datums(verwacht[:5])
                gezien["bijdragen"] += bool(bijdragen)
                gezien["besluiten"] += bool(besluiten)
                gezien["datums"] += bool(verwacht)
    assert all(gezien.values()), gezien


@pytest.mark.django_db
def test_the_councils_progress_is_read_for_the_versions_whose_councils_date_can_still_come():
    w = grip_wereld(jaren=2, leden=3)
    vandaag = timezone.localdate()
    Versie.objects.filter(pk=w.versies[1].pk).update(deadline=vandaag - datetime.timedelta(days=1))
    besluit = Raadsbesluit.objects.filter(versie=w.versies[0]).first()
    Registratie.objects.create(besluit=besluit, uitkomst="goedgekeurd", datum_raad=vandaag)
    regio = selectors.deelname_or_404(w.leden[0].code, w.regio.slug).regio
    gelezen = selectors_grip.regio_programmas(regio, w.leden[0], besloten=True, vandaag=vandaag)
    assert gelezen.voortgang == {
        versie_id: (totaal, open_, laatst)
        for versie_id, totaal, open_, laatst in kalender._voortgang_raden([w.versies[0].pk])
    }
    eerder = selectors_grip.regio_programmas(
        regio, w.leden[0], besloten=True, vandaag=vandaag - datetime.timedelta(days=2)
    )
    assert set(eerder.voortgang) == {w.versies[0].pk, w.versies[1].pk}


@pytest.mark.django_db
def test_the_seats_are_those_the_orm_reads_counted_and_the_members_own_in_order():
    from collections import Counter

    from besturen import selectors as besturen_selectors

    w = grip_wereld(leden=3)
    stemmend = {str(rol) for rol in selectors.STEMMENDE_ROLLEN}
    zetels_orm = list(
        besturen_selectors.current_seats(regio=w.regio)
        .select_related("orgaan", "persoon")
        .order_by("orgaan__naam", besturen_selectors.ROL_VOLGORDE, "persoon__achternaam", "pk")
    )
    assert zetels_orm
    gezien = 0
    for lid in w.leden:
        zetels = selectors.zetels_van(w.regio, lid)
        assert zetels.per_namens == Counter(
            (z.orgaan_id, z.namens_id) for z in zetels_orm if z.rol in stemmend
        )
        assert zetels.per_orgaan == Counter(z.orgaan_id for z in zetels_orm if z.rol in stemmend)
        eigen = [z for z in zetels_orm if z.namens_id == lid.pk]
        assert [
            (
                z.orgaan.pk,
                z.orgaan.naam,
                z.orgaan_id,
                z.rol,
                z.namens_id,
                z.persoon,
                z.begindatum,
                z.get_rol_display(),
            )
            for z in zetels.vertegenwoordigers
        ] == [
            (
                z.orgaan_id,
                z.orgaan.naam,
                z.orgaan_id,
                z.rol,
                z.namens_id,
                f"{z.persoon.voornaam} {z.persoon.achternaam}",
                z.begindatum,
                z.get_rol_display(),
            )
            for z in eigen
        ]
        assert all(isinstance(z.begindatum, datetime.date) for z in zetels.vertegenwoordigers)
        gezien += len(eigen)
    assert gezien
