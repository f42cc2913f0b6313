"""The whole demo (besturen, opgaven, programmes, meetings) is coherent in time, whatever day it is loaded.

The four demo commands run once per module (they take a while; in one test process only the first time, later
modules get the recorded rows back: tests/momentopname.py); every test reads that one demo inside its own
savepoint, and the module's transaction is rolled back at the end.
"""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Sum
from django.test.utils import override_settings
from django.utils import timezone

from opgaven.models import Bron, Budgetregel, Opgave
from programmas import termijnen
from programmas.demo import demo_jaar, raadszetels
from programmas.models import (
    Bijdrage,
    Jaarprogramma,
    Procedure,
    ProgrammaSoort,
    Raadsbesluit,
    Registratie,
    SleutelSoort,
    Uitkomst,
    Versie,
    VersieStatus,
)
from regioportaal.models import ActionLog
from tests import momentopname
from vergaderingen.models import Agendapunt, Vergadering

DEMO = ["load_demo", "load_opgaven_demo", "load_programmas_demo", "load_vergaderingen_demo"]


def laad_demo():
    for command in DEMO:
        call_command(command, stdout=io.StringIO())


def tellingen():
    return {
        model.__name__: model.objects.count()
        for model in (
            Jaarprogramma,
            Versie,
            Raadsbesluit,
            Registratie,
            Bijdrage,
            Opgave,
            Budgetregel,
            Vergadering,
            Agendapunt,
            ActionLog,
        )
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    with (
        override_settings(
            MEDIA_ROOT=tmp_path_factory.mktemp("media"),
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        django_db_blocker.unblock(),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            # Built once per test process, restored after that (tests/momentopname.py).
            momentopname.demo(*DEMO)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def vandaag():
    return timezone.localdate()


@pytest.fixture
def jaar(vandaag):
    return demo_jaar(vandaag)


def _versie(slug, jaar, soort=ProgrammaSoort.PROGRAMMA, nummer=1):
    return Versie.objects.select_related("jaarprogramma").get(
        jaarprogramma__regio__slug=slug, jaarprogramma__jaar=jaar, jaarprogramma__soort=soort, nummer=nummer
    )


def test_each_region_has_its_programmes_at_their_step_of_the_cycle(demo, db, jaar):
    status = {
        (v.jaarprogramma.regio.slug, v.jaarprogramma.jaar, v.jaarprogramma.soort, v.nummer): v.status
        for v in Versie.objects.select_related("jaarprogramma__regio")
    }
    assert status == {
        ("groene-metropoolregio", jaar - 1, "programma", 1): VersieStatus.GOEDGEKEURD,
        ("groene-metropoolregio", jaar, "programma", 1): VersieStatus.VOORGELEGD,
        ("groene-metropoolregio", jaar, "begroting", 1): VersieStatus.VASTGESTELD,
        ("denderregio", jaar, "programma", 1): VersieStatus.TERUG,
        ("denderregio", jaar, "programma", 2): VersieStatus.VOORGELEGD,
        ("drechtsteden", jaar, "begroting", 1): VersieStatus.VASTGESTELD,
    }
    gmr = _versie("groene-metropoolregio", jaar)
    assert gmr.raadsbesluiten.count() == 18
    assert len(set(gmr.raadsbesluiten.values_list("uitkomst", flat=True))) >= 4
    assert not Jaarprogramma.objects.filter(
        behandeldatum__isnull=True
    ).exists()  # the P&C calendar has its dates


def test_every_version_is_submitted_before_it_is_adopted_and_routed_and_no_step_lies_ahead(demo, db, vandaag):
    versies = list(Versie.objects.select_related("jaarprogramma"))
    assert versies
    for v in versies:
        assert v.ingediend_op is not None, v
        if v.vastgesteld_op:
            assert v.ingediend_op <= v.vastgesteld_op, v
        if v.voorgelegd_op:
            assert v.ingediend_op <= v.voorgelegd_op, v
            assert v.voorgelegd_op <= v.deadline, v
        if v.procedure == Procedure.INSTEMMING and v.voorgelegd_op:
            assert v.vastgesteld_op <= v.voorgelegd_op, v  # consent: the board adopts, then the councils
        if v.procedure == Procedure.ZIENSWIJZE and v.vastgesteld_op:
            assert v.voorgelegd_op <= v.deadline < v.vastgesteld_op, v  # Wgr: after the councils' term
        for dag in (v.ingediend_op, v.vastgesteld_op, v.voorgelegd_op, v.teruggestuurd_op, v.naar_gs_op):
            assert dag is None or dag <= vandaag, v
        if v.bevroren_op:
            assert timezone.localtime(v.bevroren_op).date() in (v.vastgesteld_op, v.voorgelegd_op), v


def test_every_council_decides_after_routing_on_a_weekday_within_its_term_and_its_size(demo, db, vandaag):
    registraties = list(Registratie.objects.select_related("besluit__versie", "besluit__bestuur"))
    assert len(registraties) > 30
    for r in registraties:
        versie, bestuur = r.besluit.versie, r.besluit.bestuur
        assert versie.voorgelegd_op <= r.datum_raad <= vandaag, r
        assert r.datum_raad.weekday() < 5, r
        assert not r.te_laat and r.datum_raad <= r.besluit.deadline, r
        if versie.teruggestuurd_op:
            assert r.datum_raad <= versie.teruggestuurd_op, r
        zetels = raadszetels(bestuur.land, bestuur.inwoners)
        assert r.stemmen_voor + r.stemmen_tegen + r.onthoudingen <= zetels, (r, zetels)
    assert raadszetels("NL", 1_758) == 9 and raadszetels("NL", 179_171) == 39
    assert raadszetels("BE", 87_332) == 43 and raadszetels("BE", 18_582) == 25


def test_every_meeting_is_held_on_a_weekday(demo, db):
    vergaderingen = list(Vergadering.objects.all())
    assert len(vergaderingen) >= 5
    for vergadering in vergaderingen:
        assert timezone.localtime(vergadering.begin).weekday() < 5, vergadering


def test_the_dbo_meets_on_the_programmes_days_and_its_items_point_at_the_versions(demo, db, jaar):
    v1, v2 = _versie("denderregio", jaar), _versie("denderregio", jaar, nummer=2)
    punten = Agendapunt.objects.filter(programmaversie__in=[v1, v2]).select_related("vergadering")
    dagen = {(p.programmaversie_id, timezone.localtime(p.vergadering.begin).date()) for p in punten}
    assert (v1.pk, v1.vastgesteld_op) in dagen
    assert (v1.pk, v1.teruggestuurd_op) in dagen
    assert (v2.pk, v2.vastgesteld_op) in dagen


def test_the_drechtsteden_budget_follows_the_wgr_in_time_for_gedeputeerde_staten(demo, db, jaar):
    versie = _versie("drechtsteden", jaar, ProgrammaSoort.BEGROTING)
    programma = versie.jaarprogramma
    assert (versie.procedure, versie.status) == (Procedure.ZIENSWIJZE, VersieStatus.VASTGESTELD)
    assert programma.kaders_verzonden_op <= termijnen.kaders_uiterst(jaar)
    assert versie.vastgesteld_op == programma.behandeldatum
    assert versie.voorgelegd_op <= termijnen.ontwerp_versturen_uiterst(programma.behandeldatum)
    assert versie.deadline >= termijnen.zienswijze_einde(versie.voorgelegd_op)
    assert versie.naar_gs_op is not None and versie.naar_gs_referentie
    assert versie.vastgesteld_op <= versie.naar_gs_op <= termijnen.gs_termijn(versie.vastgesteld_op, jaar)
    zienswijzen = versie.raadsbesluiten.filter(uitkomst=Uitkomst.ZIENSWIJZE)
    assert zienswijzen.count() == 2
    for besluit in zienswijzen:
        gegeven = besluit.registraties.get().datum_raad
        assert besluit.antwoord and gegeven <= besluit.antwoord_op < versie.vastgesteld_op
    assert versie.raadsbesluiten.filter(uitkomst=Uitkomst.GEEN_ZIENSWIJZE).count() == 2


def test_the_gmr_programme_pays_the_bureau_and_the_economic_board_each_per_inhabitant_at_its_own_rate(
    demo, db, jaar
):
    versie = _versie("groene-metropoolregio", jaar)
    regels = list(versie.regels.filter(sleutel=SleutelSoort.PER_INWONER).select_related("opgave"))
    assert {r.opgave.titel: r.tarief_per_inwoner for r in regels} == {
        "Regiobureau": Decimal("2.50"),
        "Economic Board": Decimal("1.00"),
    }
    for regel in regels:
        bijdragen = list(regel.bijdragen.all())
        assert len(bijdragen) == regel.deelnemers.count() == 18
        for b in bijdragen:
            assert b.tarief_per_inwoner == regel.tarief_per_inwoner
            assert Decimal(b.centen) == regel.tarief_per_inwoner * b.inwoners * 100
        assert sum(b.centen for b in bijdragen) == regel.bedrag * 100
        budget = regel.opgave.budget.filter(jaar=jaar, bron=Bron.LEDEN).aggregate(s=Sum("bedrag"))["s"]
        assert budget == regel.bedrag  # the opgave's members' budget is the line


def test_the_gmr_runs_consent_for_its_programme_and_the_wgr_route_for_its_own_budget(demo, db, jaar):
    programma = _versie("groene-metropoolregio", jaar)
    begroting = _versie("groene-metropoolregio", jaar, ProgrammaSoort.BEGROTING)
    assert programma.jaarprogramma.regio.programmaregeling.procedure == Procedure.INSTEMMING
    assert programma.procedure == Procedure.INSTEMMING and programma.jaarprogramma.procedure == ""
    assert begroting.jaarprogramma.procedure == Procedure.ZIENSWIJZE == begroting.procedure
    assert begroting.status == VersieStatus.VASTGESTELD
    assert begroting.naar_gs_op <= termijnen.gs_termijn(begroting.vastgesteld_op, jaar)
    assert begroting.raadsbesluiten.filter(uitkomst=Uitkomst.ZIENSWIJZE).exclude(antwoord="").count() == 1


def test_the_denderregio_sends_version_1_back_on_an_amendment_and_version_2_is_before_the_councils(
    demo, db, jaar, vandaag
):
    v1, v2 = _versie("denderregio", jaar), _versie("denderregio", jaar, nummer=2)
    assert v1.jaarprogramma.regio.programmaregeling.amendement == "terug" == v1.amendement
    assert v1.raadsbesluiten.count() == 14
    assert v1.raadsbesluiten.filter(uitkomst=Uitkomst.AMENDEMENT).count() == 1
    amendement = Registratie.objects.get(besluit__versie=v1, uitkomst=Uitkomst.AMENDEMENT)
    assert amendement.datum_raad <= v2.ingediend_op <= v2.vastgesteld_op == v1.teruggestuurd_op
    assert v1.afgesloten and v1.vervangen_door_id is None
    assert v2.status == VersieStatus.VOORGELEGD and v2.deadline >= vandaag
    assert v2.raadsbesluiten.filter(uitkomst=Uitkomst.GOEDGEKEURD).exists()
    assert v2.raadsbesluiten.filter(uitkomst=Uitkomst.OPEN).exists()


def test_loading_the_demo_again_changes_nothing(demo, db):
    voor = tellingen()
    laad_demo()
    assert tellingen() == voor
