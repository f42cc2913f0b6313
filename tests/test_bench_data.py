"""The benchmark's generator (bench/data.py) at its smallest scale: one region of the full data set's shape."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Sum

from bench.data import RAADSLID, SECRETARIAAT, build
from besturen import permissions as besturen_permissions
from besturen.models import Lidmaatschap, Orgaan, Persoon, Regio
from opgaven.models import Opgave, Voortgang
from programmas import permissions as programmas_permissions
from programmas.models import Bijdrage, Raadsbesluit, Versie, VersieStatus
from vergaderingen.models import Agendapunt, Vergadering

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench(snelle_wachtwoorden):
    lader = build(0.001, stdout=lambda line: None)
    return Regio.objects.get(slug="bench-000"), lader


def test_counts_and_report(bench):
    regio, lader = bench
    assert Regio.objects.filter(slug__startswith="bench-").count() == 1
    assert regio.deelnames.count() == 20
    assert Orgaan.objects.filter(regio=regio).count() == 13
    assert Orgaan.objects.filter(bestuur__deelnames__regio=regio).count() == 20  # a council per member
    assert Lidmaatschap.objects.count() == 33 * 15 + 2  # and the two benchmark accounts
    assert Vergadering.objects.count() == 200
    assert Agendapunt.objects.count() == 3000
    assert Opgave.objects.filter(regio=regio, gepubliceerd=True).count() == 50
    assert Voortgang.objects.count() == 200
    assert Versie.objects.filter(jaarprogramma__regio=regio).count() == 13  # ten years, three sent back once
    assert Versie.objects.filter(status=VersieStatus.VOORGELEGD).count() == 1
    assert lader.rijen["vergaderingen_agendapunt"] == 3000
    assert any(line.startswith("vergaderingen_agendapunt") for line in lader.report())
    Persoon.objects.create(voornaam="Na", achternaam="Benchmark")  # the sequences moved past the bulk ids


def test_frozen_figures_split_every_line_exactly(bench):
    regio, _ = bench
    versie = Versie.objects.get(jaarprogramma__regio=regio, status=VersieStatus.VOORGELEGD)
    assert versie.bevroren_op is not None and versie.beslisregel
    regel = versie.regels.order_by("pk").first()
    bijdragen = Bijdrage.objects.filter(regel=regel)
    assert bijdragen.count() == 20
    assert bijdragen.aggregate(c=Sum("centen"))["c"] == int(regel.bedrag * 100)
    totaal = sum(b.inwoners for b in bijdragen)
    grootste = bijdragen.order_by("-inwoners").first()
    exact = regel.bedrag * 100 * Decimal(grootste.inwoners) / Decimal(totaal)
    assert abs(grootste.centen - exact) < 1  # its population share, to the cent
    assert Raadsbesluit.objects.filter(versie=versie).count() == 20


def test_accounts_have_the_rights_the_services_give(bench):
    regio, _ = bench
    User = get_user_model()
    secretariaat, raadslid = User.objects.get(email=SECRETARIAAT), User.objects.get(email=RAADSLID)
    versie = Versie.objects.get(jaarprogramma__regio=regio, status=VersieStatus.VOORGELEGD)
    assert besturen_permissions.can_manage_regio(secretariaat, regio)
    assert not besturen_permissions.can_manage_regio(raadslid, regio)
    assert [b.pk for b in programmas_permissions.mijn_besturen(raadslid, versie)] == [
        Persoon.objects.get(email=RAADSLID).lidmaatschappen.get().namens_id
    ]
    assert not programmas_permissions.mijn_besturen(secretariaat, versie)
    assert besturen_permissions.can_view_besloten_regio(
        raadslid, regio
    )  # through its council (sync_regio_rechten)
