"""The grip page's written-out queries (issue 16, cold pages) give what the ORM queries they replace gave: the same
rows, in the same order, as model instances with the same field values and relations.

Each test builds the ORM query the selector used to run and compares."""

import datetime

import pytest
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FilteredRelation,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils import timezone

from besturen import selectors as besturen_selectors
from besturen.models import RAADSORGANEN, Bestuur, BestuurSoort, Deelname
from programmas import kalender, selectors_grip, termijnen
from programmas.models import Bijdrage, Raadsbesluit, Versie
from raad.grip import selectors

from .grip_bouw import grip_wereld, raadslid_elders

pytestmark = pytest.mark.usefixtures("snelle_wachtwoorden", "media")


def _velden(obj):
    return {
        k: (v, type(v))
        for k, v in obj.__dict__.items()
        if k not in ("_state", "_prefetched_objects_cache", "leden", "raden")
    }


def _deelnames_orm(code, slug, user):
    """`deelname_or_404`'s query as the ORM built it: (rows, councils of the picked member, picked membership)."""
    gekozen = (
        Bestuur.objects.filter(code=code)
        .order_by(Case(When(soort=BestuurSoort.GEMEENTE, then=Value(0)), default=Value(1)), "land", "pk")
        .values("pk")[:1]
    )
    if user is None or not user.is_authenticated or not user.is_active:
        raadslid = Value(False)
    else:
        raadslid = Exists(
            besturen_selectors.current_seats(user=user).filter(
                orgaan__bestuur=OuterRef("bestuur_id"), orgaan__soort__in=RAADSORGANEN
            )
        )
    rijen = (
        Deelname.objects.current()
        .filter(regio__slug=slug)
        .select_related("regio__programmaregeling", "bestuur")
        .annotate(
            gekozen=Subquery(gekozen),
            raad=FilteredRelation("bestuur__organen", condition=Q(bestuur__organen__soort__in=RAADSORGANEN)),
            raad_pk=F("raad__pk"),
            raad_naam=F("raad__naam"),
            raad_soort=F("raad__soort"),
            raadslid=raadslid,
        )
        .order_by("bestuur__naam", "bestuur__soort", "pk", "raad__naam")
    )
    leden, gezien, raden = [], set(), []
    for rij in rijen:
        if rij.pk not in gezien:
            gezien.add(rij.pk)
            leden.append(rij)
        if rij.raad_pk is not None and rij.bestuur_id == rij.gekozen:
            raden.append((rij.raad_pk, rij.raad_naam, rij.raad_soort))
    return leden, raden


@pytest.mark.django_db
@pytest.mark.parametrize("wie", ["raadslid", "elders", "anoniem"])
def test_the_membership_with_its_members_and_councils_is_what_the_orm_query_gave(wie):
    w = grip_wereld(leden=4)
    user = {"raadslid": w.raadslid, "elders": raadslid_elders(), "anoniem": None}[wie]
    for lid in w.leden:
        verwacht, raden = _deelnames_orm(lid.code, w.regio.slug, user)
        deelname = selectors.deelname_or_404(lid.code, w.regio.slug, user)
        assert deelname.bestuur_id == lid.pk
        assert [d.pk for d in deelname.leden] == [d.pk for d in verwacht]
        for nieuw, oud in zip(deelname.leden, verwacht, strict=True):
            assert _velden(nieuw) == _velden(oud)
            assert _velden(nieuw.bestuur) == _velden(oud.bestuur)
            assert _velden(nieuw.regio) == _velden(oud.regio)
        assert _velden(deelname.regio.programmaregeling) == _velden(verwacht[0].regio.programmaregeling)
        assert [(r.pk, r.naam, r.soort) for r in deelname.raden] == raden
    # The picked member's own council: only its council member sits in it.
    assert selectors.deelname_or_404(w.leden[0].code, w.regio.slug, user).raadslid is (wie == "raadslid")


@pytest.mark.django_db
def test_a_region_without_settings_reads_as_having_none_and_a_non_member_is_404():
    from django.http import Http404

    w = grip_wereld()
    w.regio.programmaregeling.delete()
    deelname = selectors.deelname_or_404(w.leden[0].code, w.regio.slug)
    with pytest.raises(type(w.regio).programmaregeling.RelatedObjectDoesNotExist):
        deelname.regio.programmaregeling  # noqa: B018
    elders = raadslid_elders().lidmaatschap.namens
    with pytest.raises(Http404):
        selectors.deelname_or_404(elders.code, w.regio.slug)


def _tellende_versies_orm(regios, besloten, bestuur):
    totaal = (
        Bijdrage.objects.filter(versie=OuterRef("pk"), bestuur=bestuur)
        .values("versie")
        .annotate(centen=Sum("centen"))
        .values("centen")
    )
    versies = (
        Versie.objects.filter(
            selectors_grip._zichtbaar_q(besloten),
            jaarprogramma__regio__in=regios,
            status__in=selectors_grip.TELLENDE_STATUSSEN,
            bevroren_op__isnull=False,
        )
        .select_related("jaarprogramma__regio")
        .annotate(centen=Subquery(totaal))
        .order_by("jaarprogramma_id", "-nummer")
    )
    uit = {}
    for versie in versies:
        uit.setdefault(versie.jaarprogramma_id, versie)
    return uit


@pytest.mark.django_db
def test_the_counting_versions_with_the_members_totals_are_what_the_orm_query_gave():
    w = grip_wereld(jaren=3, regios=2)
    Versie.objects.filter(pk=w.versies[1].pk).update(openbaar=False)
    regios = [w.regio.pk, *(r.pk for r in w.andere_regios)]
    for besloten in (set(), {w.regio.pk}):
        for bestuur in (w.leden[0], w.leden[1], raadslid_elders().lidmaatschap.namens):
            verwacht = _tellende_versies_orm(regios, besloten, bestuur)
            versies = selectors_grip.tellende_versies(regios, besloten=besloten, bestuur=bestuur)
            assert list(versies) == list(verwacht)
            for pk, versie in versies.items():
                assert _velden(versie) == _velden(verwacht[pk])
                assert _velden(versie.jaarprogramma) == _velden(verwacht[pk].jaarprogramma)
                assert _velden(versie.jaarprogramma.regio) == _velden(verwacht[pk].jaarprogramma.regio)
    assert selectors_grip.tellende_versies([], besloten=set(), bestuur=w.leden[0]) == {}


@pytest.mark.django_db
def test_the_councils_progress_per_version_is_what_the_orm_query_gave():
    w = grip_wereld(jaren=2)
    besluiten = list(Raadsbesluit.objects.filter(versie__in=w.versies).order_by("pk"))
    besluiten[0].registraties.create(
        uitkomst="goedgekeurd",
        datum_raad=timezone.localdate() - datetime.timedelta(days=3),
        stemmen_voor=10,
        stemmen_tegen=2,
        onthoudingen=0,
    )
    besluiten[0].registraties.create(
        uitkomst="goedgekeurd",
        datum_raad=timezone.localdate() - datetime.timedelta(days=9),
        stemmen_voor=10,
        stemmen_tegen=2,
        onthoudingen=0,
    )
    Raadsbesluit.objects.filter(pk=besluiten[0].pk).update(uitkomst="goedgekeurd")
    ids = [v.pk for v in w.versies]
    verwacht = {
        rij["versie"]: (rij["versie"], rij["totaal"], rij["open"], rij["laatst"])
        for rij in Raadsbesluit.objects.filter(versie__in=ids)
        .values("versie")
        .annotate(
            totaal=Count("pk", distinct=True),
            open=Count("pk", filter=Q(uitkomst__in=termijnen.OPEN_UITKOMSTEN), distinct=True),
            laatst=Max("registraties__datum_raad"),
        )
        .order_by()
    }
    gelezen = {rij[0]: tuple(rij) for rij in kalender._voortgang_raden(ids)}
    assert gelezen == verwacht
    assert any(rij[3] is not None for rij in gelezen.values())


def _gegevens_tekst(gegevens):
    return [
        (
            _velden(g.programma),
            _velden(g.regeling),
            g.procedure,
            g.versie and _velden(g.versie),
            g.link_versie and g.link_versie.pk,
            g.openbaar,
            g.raden_klaar_op,
            str(g.programma),
        )
        for g in gegevens
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("besloten", [False, True])
def test_the_calendar_read_for_the_grip_page_is_what_the_orm_queries_gave(besloten):
    from programmas.models import Jaarprogramma

    w = grip_wereld(jaren=3)
    Versie.objects.filter(pk=w.versies[1].pk).update(openbaar=False)
    Jaarprogramma.objects.create(regio=w.regio, jaar=w.versies[0].jaarprogramma.jaar + 1)
    verwacht = kalender.programmas(Jaarprogramma.objects.filter(regio=w.regio), besloten=besloten)
    regio = selectors.deelname_or_404(w.leden[0].code, w.regio.slug).regio
    gegevens = kalender.programmas_van_regio(regio, besloten=besloten)
    assert _gegevens_tekst(gegevens) == _gegevens_tekst(verwacht)
    vandaag = timezone.localdate()
    assert [
        (m.programma.pk, m.sleutel, m.datum, m.staat) for m in kalender.momenten(gegevens, vandaag=vandaag)
    ] == [(m.programma.pk, m.sleutel, m.datum, m.staat) for m in kalender.momenten(verwacht, vandaag=vandaag)]


def _opgaven_orm(regio, bestuur, *, eigen_rol, besloten):
    """`secties.opgaven_met_deelname`'s query as the ORM built it (its rows of plain values)."""
    from opgaven.models import Capaciteit, Opgave, Voortgang
    from opgaven.selectors import opgaven_visible_to

    vandaag = timezone.localdate()
    ids = selectors_grip.deelgenomen_opgaven(bestuur, regio, besloten={regio.pk} if besloten else set())
    laatste = Voortgang.objects.filter(opgave=OuterRef("pk")).order_by("-periode_eind")
    m = "huidig__"
    return list(
        (Opgave.objects.all() if eigen_rol else opgaven_visible_to(None))
        .filter(
            Q(pk__in=ids) | Q(pk__in=Capaciteit.objects.filter(bestuur=bestuur).values("opgave")), regio=regio
        )
        .annotate(
            huidig=FilteredRelation(
                "mandaten", condition=Q(mandaten__begindatum__lte=vandaag, mandaten__einddatum__gte=vandaag)
            ),
            voortgang_status=Subquery(laatste.values("status")[:1]),
            voortgang_periode=Subquery(laatste.values("periode_eind")[:1]),
            voortgang_besteed=Subquery(laatste.values("besteed")[:1]),
        )
        .order_by("titel", "pk", f"-{m}begindatum", f"{m}pk")
        .values_list(
            "pk",
            "titel",
            "status",
            "voortgang_status",
            "voortgang_periode",
            "voortgang_besteed",
            f"{m}pk",
            f"{m}omschrijving",
            f"{m}budgetplafond",
            f"{m}einddatum",
            f"{m}houder__persoon__voornaam",
            f"{m}houder__persoon__achternaam",
            f"{m}houder__externe_partij__naam",
            f"{m}verleend_door__naam",
        )
    )


@pytest.mark.django_db
def test_the_opgaven_with_progress_and_mandates_are_what_the_orm_query_gave():
    from opgaven.models import Opgave
    from raad.grip import secties

    w = grip_wereld(jaren=2, leden=3)
    Opgave.objects.filter(pk=w.opgaven[1].pk).update(gepubliceerd=False)
    Versie.objects.filter(pk=w.versies[1].pk).update(openbaar=False)
    for lid in w.leden:
        for eigen_rol in (False, True):
            for besloten in (False, True):
                verwacht = _opgaven_orm(w.regio, lid, eigen_rol=eigen_rol, besloten=besloten)
                gelezen = secties.opgaven_met_deelname(w.regio, lid, eigen_rol=eigen_rol, besloten=besloten)
                rijen = []
                for pk, titel, _status, v_status, v_periode, v_besteed, mandaat, *rest in verwacht:
                    if not rijen or rijen[-1][0] != pk:
                        rijen.append((pk, titel, v_status, v_periode, v_besteed, []))
                    if mandaat is not None:
                        houder = f"{rest[3]} {rest[4]}" if rest[3] is not None else rest[5]
                        rijen[-1][5].append((rest[0], rest[1], rest[2], houder, rest[6]))
                assert [
                    (
                        o.pk,
                        o.titel,
                        o.voortgang_status,
                        o.voortgang_periode,
                        o.voortgang_besteed,
                        [
                            (m.omschrijving, m.budgetplafond, m.einddatum, m.houder, m.orgaan)
                            for m in o.mandaten
                        ],
                    )
                    for o in gelezen
                ] == rijen
    assert any(
        o.mandaten for o in secties.opgaven_met_deelname(w.regio, w.leden[0], eigen_rol=True, besloten=True)
    )


@pytest.mark.django_db
def test_the_open_decisions_are_what_the_orm_query_gave():
    from programmas.workflow import RAADSFASE

    w = grip_wereld(jaren=3, regios=2)
    Versie.objects.filter(pk=w.versies[1].pk).update(openbaar=False)
    w.regio.programmaregeling.delete()
    regios = [w.regio.pk, *(r.pk for r in w.andere_regios)]
    gezien = 0
    for besloten in (set(), {w.regio.pk}):
        for bestuur in w.leden:
            verwacht = list(
                Raadsbesluit.objects.filter(
                    selectors_grip._zichtbaar_q(besloten, "versie__"),
                    bestuur=bestuur,
                    versie__jaarprogramma__regio__in=regios,
                    versie__status__in=RAADSFASE,
                    uitkomst__in=termijnen.OPEN_UITKOMSTEN,
                )
                .select_related("versie__jaarprogramma__regio__programmaregeling")
                .order_by("deadline", "pk")
            )
            besluiten = selectors_grip.open_raadsbesluiten(bestuur, regios, besloten=besloten)
            assert [b.pk for b in besluiten] == [b.pk for b in verwacht if b.pk in {x.pk for x in besluiten}]
            assert len(besluiten) == len([b for b in verwacht if selectors_grip.open_voor_raden(b.versie)])
            for nieuw in besluiten:
                oud = next(b for b in verwacht if b.pk == nieuw.pk)
                assert {
                    k: v for k, v in _velden(nieuw).items() if k not in ("zienswijze", "te_laat")
                } == _velden(oud)
                assert _velden(nieuw.versie) == _velden(oud.versie)
                assert _velden(nieuw.versie.jaarprogramma) == _velden(oud.versie.jaarprogramma)
                assert _velden(nieuw.versie.jaarprogramma.regio) == _velden(oud.versie.jaarprogramma.regio)
                assert str(nieuw.versie) == str(oud.versie)
                gezien += 1
    assert gezien
    assert selectors_grip.open_raadsbesluiten(w.leden[0], [], besloten=set()) == []
