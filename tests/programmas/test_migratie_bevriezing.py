"""Migration 0004 freezes the versions that passed submission before figures were frozen."""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from besturen import services as besturen_services
from besturen.models import BestuurSoort, Land, Rechtsvorm
from opgaven import services as opgaven_services
from programmas.models import (
    Bijdrage,
    Jaarprogramma,
    Programmaregel,
    Programmaregeling,
    Raadsbesluit,
    VasteBijdrage,
    Versie,
    VersieStatus,
)
from programmas.verdeling import Lid, allocate

migratie = importlib.import_module("programmas.migrations.0004_bevries_bestaande_versies")


def historische_apps():
    """The models as the migration sees them (the project state after 0004), on the test database."""
    return MigrationLoader(connection).project_state(("programmas", "0004_bevries_bestaande_versies")).apps


def bevries():
    migratie.bevries_bestaande_versies(historische_apps(), None)


@pytest.fixture
def oud(db):
    """A region with three members and versions stored as before 0003: no Bijdrage, no stored rules."""
    regio = besturen_services.create_regio(
        door=None, naam="Oude regio", slug="oude-regio", land=Land.BELGIE, rechtsvorm=Rechtsvorm.FEITELIJK
    )
    leden = []
    for i, inwoners in enumerate((10_001, 20_000, 29_999)):
        bestuur = besturen_services.create_bestuur(
            door=None,
            soort=BestuurSoort.GEMEENTE,
            naam=f"Gemeente {i}",
            code=f"9900{i}",
            land=Land.BELGIE,
            inwoners=inwoners,
            inwoners_peildatum=datetime.date(2024, 1, 1),
        )
        besturen_services.add_deelname(regio, bestuur, begindatum=datetime.date(2019, 1, 1), door=None)
        leden.append(bestuur)
    opgaven = [
        opgaven_services.create_opgave(regio, door=None, titel=titel, samenvatting="", doel="")
        for titel in ("Mobiliteit", "Bureau")
    ]
    programma = Jaarprogramma.objects.create(regio=regio, jaar=2026, titel="Programma 2026")

    def versie(nummer, status, **velden):
        v = Versie.objects.create(jaarprogramma=programma, nummer=nummer, status=status, **velden)
        mobiliteit = Programmaregel.objects.create(versie=v, opgave=opgaven[0], bedrag=Decimal("100000.00"))
        mobiliteit.deelnemers.set(leden)
        VasteBijdrage.objects.create(regel=mobiliteit, bestuur=leden[0], bedrag=Decimal("1000.00"))
        bureau = Programmaregel.objects.create(
            versie=v,
            opgave=opgaven[1],
            bedrag=Decimal("2.50") * (20_000 + 29_999),
            sleutel="per_inwoner",
            tarief_per_inwoner=Decimal("2.50"),
        )
        bureau.deelnemers.set(leden[1:])
        return v

    goedgekeurd = versie(1, VersieStatus.GOEDGEKEURD, vastgesteld_op=datetime.date(2025, 6, 1))
    for bestuur in leden:
        Raadsbesluit.objects.create(
            versie=goedgekeurd, bestuur=bestuur, deadline=datetime.date(2025, 9, 1), uitkomst="goedgekeurd"
        )
    concept = versie(2, VersieStatus.CONCEPT)
    return regio, leden, goedgekeurd, concept


def test_a_version_past_submission_gets_the_split_it_showed_and_the_regions_rules(oud):
    regio, leden, goedgekeurd, concept = oud
    Programmaregeling.objects.create(
        regio=regio, beslisregel="leden", sleutel="mix", aandeel_bevolking="0.3000"
    )
    bevries()

    goedgekeurd.refresh_from_db()
    assert goedgekeurd.bevroren_op is not None
    assert (goedgekeurd.procedure, goedgekeurd.beslisregel, goedgekeurd.sleutel) == (
        "instemming",
        "leden",
        "mix",
    )
    assert goedgekeurd.aandeel_bevolking == Decimal("0.3000")
    mobiliteit = goedgekeurd.regels.get(opgave__titel="Mobiliteit")
    bureau = goedgekeurd.regels.get(opgave__titel="Bureau")
    verwacht = allocate(
        Decimal("100000.00"),
        [Lid(b.pk, b.inwoners) for b in leden],
        "mix",
        vast={leden[0].pk: Decimal("1000.00")},
        aandeel_bevolking=Decimal("0.3"),
        volgorde={b.pk: b.code for b in leden},
    )
    rijen = {b.bestuur_id: b for b in Bijdrage.objects.filter(regel=mobiliteit)}
    assert {pk: Decimal(r.centen) / 100 for pk, r in rijen.items()} == verwacht
    assert sum(r.centen for r in rijen.values()) == 10_000_000
    assert rijen[leden[0].pk].vast_bedrag == Decimal("1000.00")
    assert {(r.inwoners, r.peildatum, r.sleutel) for r in rijen.values()} == {
        (b.inwoners, datetime.date(2024, 1, 1), "mix") for b in leden
    }
    # The per-inhabitant line keeps its own rate: each participant pays exactly rate x inhabitants.
    assert {
        (r.bestuur_id, r.tarief_per_inwoner, r.centen) for r in Bijdrage.objects.filter(regel=bureau)
    } == {(b.pk, Decimal("2.50"), 250 * b.inwoners) for b in leden[1:]}
    assert set(Raadsbesluit.objects.filter(versie=goedgekeurd).values_list("bestuur_id", "inwoners")) == {
        (b.pk, b.inwoners) for b in leden
    }
    concept.refresh_from_db()
    assert concept.bevroren_op is None and not concept.bijdragen.exists()


def test_a_region_without_settings_freezes_with_the_defaults_and_running_again_changes_nothing(oud):
    _regio, _leden, goedgekeurd, _concept = oud
    bevries()
    goedgekeurd.refresh_from_db()
    assert (goedgekeurd.procedure, goedgekeurd.beslisregel, goedgekeurd.amendement, goedgekeurd.sleutel) == (
        "instemming",
        "unaniem",
        "niet",
        "bevolking",
    )
    bevroren_op, rijen = goedgekeurd.bevroren_op, list(Bijdrage.objects.values_list("pk", "centen"))
    assert len(rijen) == 3 + 2
    bevries()
    goedgekeurd.refresh_from_db()
    assert goedgekeurd.bevroren_op == bevroren_op
    assert list(Bijdrage.objects.values_list("pk", "centen")) == rijen


def test_a_version_already_frozen_or_still_submitted_is_left_alone(oud):
    _regio, _leden, goedgekeurd, concept = oud
    Versie.objects.filter(pk=concept.pk).update(status=VersieStatus.INGEDIEND)
    Versie.objects.filter(pk=goedgekeurd.pk).update(
        bevroren_op=datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC)
    )
    bevries()
    assert not Bijdrage.objects.exists()


def test_a_line_that_cannot_be_split_leaves_its_version_as_it_was(oud):
    _regio, leden, goedgekeurd, _concept = oud
    VasteBijdrage.objects.filter(regel__versie=goedgekeurd).update(bedrag=Decimal("200000.00"))
    bevries()
    goedgekeurd.refresh_from_db()
    assert goedgekeurd.bevroren_op is None and not goedgekeurd.bijdragen.exists()


def test_the_migration_follows_0003_and_the_population_history_and_does_nothing_in_reverse():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    node = loader.graph.nodes[("programmas", "0004_bevries_bestaande_versies")]
    assert set(node.dependencies) == {
        ("programmas", "0003_bevroren_cijfers_en_wgr"),
        ("besturen", "0003_bevolkingscijfers_bestaande_besturen"),
    }
    (operatie,) = node.operations
    assert operatie.reversible and operatie.reverse_code.__name__ == "noop"
