"""Population history: the import adds a figure per reference date, the current figure is the latest one,
`bevolking_op` reads the figure on a date in one query, and the government page shows the history."""

import dataclasses
import datetime
import importlib
import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from besturen import imports, services
from besturen.models import Bestuur, Bevolkingscijfer, Land
from besturen.selectors import bevolking_op
from besturen.services import Correctie
from regioportaal.models import ActionLog
from tests.factories import PASSWORD, BestuurFactory
from tests.factories import gemeente as maak_gemeente

pytestmark = pytest.mark.django_db

KOP_BE = "nis_code,naam,provincie,referentieregio,inwoners"
KOP_NL = "cbs_code,naam,provincie,inwoners"
D2019 = datetime.date(2019, 1, 1)
D2020 = datetime.date(2020, 1, 1)  # the Flemish file's peildatum (Statbel 2020)
D2021 = datetime.date(2021, 1, 1)  # the Dutch file's peildatum (CBS 2021)
D2024 = datetime.date(2024, 1, 1)


def csv_bytes(*regels):
    return "".join(regel + "\n" for regel in regels).encode()


def be_bestand(aalst=87332, lede=18600):
    return csv_bytes(
        KOP_BE,
        f"41002,Aalst,Oost-Vlaanderen,Denderregio,{aalst}",
        f"41034,Lede,Oost-Vlaanderen,Denderregio,{lede}",
    )


def importeer(data, **kwargs):
    return services.import_besturen(io.BytesIO(data), door=None, **kwargs)


def gemeente(naam, code, inwoners, peildatum, bron, land=Land.BELGIE):
    """A municipality created through the service, so its population is also its first figure."""
    return maak_gemeente(
        naam,
        code,
        land=land,
        inwoners=inwoners,
        peildatum=peildatum,
        inwoners_bron=bron,
        provincie="Oost-Vlaanderen",
    )


def cijfers(bestuur):
    return list(bestuur.bevolkingscijfers.values_list("peildatum", "inwoners", "bron"))


def huidig(bestuur):
    bestuur.refresh_from_db()
    return bestuur.inwoners, bestuur.inwoners_peildatum, bestuur.inwoners_bron


@pytest.fixture
def vlaanderen_2024(monkeypatch):
    """Call to read Flemish files from then on as if Statbel had published 1 January 2024 figures in the same
    layout; `vlaanderen_2024(False)` goes back to the real 2020 format."""

    def wissel(aan=True):
        vlaanderen = imports.VLAANDEREN
        if aan:
            vlaanderen = dataclasses.replace(vlaanderen, peildatum=D2024, bron="Statbel 2024")
        monkeypatch.setattr(imports, "FORMATEN", (vlaanderen, imports.NEDERLAND))

    return wissel


# The import adds figures


def test_every_format_knows_its_reference_date_and_source():
    assert (imports.VLAANDEREN.peildatum, imports.VLAANDEREN.bron) == (D2020, "Statbel 2020")
    assert (imports.NEDERLAND.peildatum, imports.NEDERLAND.bron) == (D2021, "CBS 2021")


def test_a_new_municipality_gets_its_first_figure_with_date_and_source():
    resultaat = importeer(be_bestand())
    aalst = Bestuur.objects.get(code="41002")
    assert cijfers(aalst) == [(D2020, 87332, "Statbel 2020")]
    assert huidig(aalst) == (87332, D2020, "Statbel 2020")
    assert resultaat.cijfers_toegevoegd == 2
    assert ActionLog.objects.get(object_id=str(aalst.pk)).wijzigingen["inwoners_bron"] == "Statbel 2020"


def test_import_adds_a_figure_and_keeps_the_old_one():
    aalst = gemeente("Aalst", "41002", 86445, D2019, "Statbel 2019")
    lede = gemeente("Lede", "41034", 18500, D2019, "Statbel 2019")

    resultaat = importeer(be_bestand())

    assert cijfers(aalst) == [(D2020, 87332, "Statbel 2020"), (D2019, 86445, "Statbel 2019")]
    assert cijfers(lede) == [(D2020, 18600, "Statbel 2020"), (D2019, 18500, "Statbel 2019")]
    assert (resultaat.aangemaakt, resultaat.gewijzigd, resultaat.ongewijzigd) == (0, 2, 0)
    assert (resultaat.cijfers_toegevoegd, resultaat.correcties) == (2, [])
    log = ActionLog.objects.filter(object_id=str(aalst.pk), actie="gewijzigd").get()
    assert log.wijzigingen == {
        "inwoners": [86445, 87332],
        "inwoners_peildatum": ["2019-01-01", "2020-01-01"],
        "inwoners_bron": ["Statbel 2019", "Statbel 2020"],
        "bevolkingscijfer 2020-01-01": [None, 87332],
    }


def test_a_later_import_raises_the_current_figure(vlaanderen_2024):
    importeer(be_bestand())
    aalst = Bestuur.objects.get(code="41002")
    assert huidig(aalst) == (87332, D2020, "Statbel 2020")

    vlaanderen_2024()
    resultaat = importeer(be_bestand(aalst=90124, lede=19001))

    assert huidig(aalst) == (90124, D2024, "Statbel 2024")
    assert huidig(Bestuur.objects.get(code="41034")) == (19001, D2024, "Statbel 2024")
    assert cijfers(aalst) == [(D2024, 90124, "Statbel 2024"), (D2020, 87332, "Statbel 2020")]
    assert (resultaat.gewijzigd, resultaat.cijfers_toegevoegd, resultaat.correcties) == (2, 2, [])
    assert "Bevolkingscijfers op 1 januari 2024 (Statbel 2024): 2 toegevoegd, 0 gecorrigeerd." in (
        resultaat.samenvatting()
    )


def test_importing_an_older_year_adds_history_but_keeps_the_current_figure():
    aalst = gemeente("Aalst", "41002", 90124, D2024, "Statbel 2024")

    resultaat = importeer(be_bestand())

    assert huidig(aalst) == (90124, D2024, "Statbel 2024")
    assert cijfers(aalst) == [(D2024, 90124, "Statbel 2024"), (D2020, 87332, "Statbel 2020")]
    assert resultaat.namen_gewijzigd == ["Aalst (41002)"]
    assert resultaat.namen_aangemaakt == ["Lede (41034)"]
    log = ActionLog.objects.get(object_id=str(aalst.pk), actie="gewijzigd")
    assert log.wijzigingen == {"bevolkingscijfer 2020-01-01": [None, 87332]}


def test_importing_an_older_year_after_a_later_one_keeps_the_later_one(vlaanderen_2024):
    vlaanderen_2024()
    importeer(be_bestand(aalst=90124))
    vlaanderen_2024(False)

    resultaat = importeer(be_bestand())

    aalst = Bestuur.objects.get(code="41002")
    assert huidig(aalst) == (90124, D2024, "Statbel 2024")
    assert [datum for datum, _inwoners, _bron in cijfers(aalst)] == [D2024, D2020]
    assert (resultaat.gewijzigd, resultaat.cijfers_toegevoegd, resultaat.correcties) == (2, 2, [])


def test_importing_the_same_file_twice_changes_nothing():
    importeer(be_bestand())
    voor = list(Bevolkingscijfer.objects.order_by("pk").values())
    besturen = list(Bestuur.objects.order_by("pk").values())
    logregels = ActionLog.objects.count()

    resultaat = importeer(be_bestand())

    assert (resultaat.aangemaakt, resultaat.gewijzigd, resultaat.ongewijzigd) == (0, 0, 2)
    assert (resultaat.cijfers_toegevoegd, resultaat.correcties) == (0, [])
    assert list(Bevolkingscijfer.objects.order_by("pk").values()) == voor
    assert list(Bestuur.objects.order_by("pk").values()) == besturen
    assert ActionLog.objects.count() == logregels
    assert resultaat.samenvatting().endswith(
        "Bevolkingscijfers op 1 januari 2020 (Statbel 2020): 0 toegevoegd, 0 gecorrigeerd."
    )


def test_a_corrected_value_for_the_same_date_updates_that_figure_and_is_reported():
    importeer(be_bestand())
    aalst = Bestuur.objects.get(code="41002")
    eerder = aalst.bevolkingscijfers.get()

    resultaat = importeer(be_bestand(aalst=87400))

    assert cijfers(aalst) == [(D2020, 87400, "Statbel 2020")]
    assert aalst.bevolkingscijfers.get().pk == eerder.pk
    assert aalst.bevolkingscijfers.get().ingelezen_op >= eerder.ingelezen_op
    assert huidig(aalst) == (87400, D2020, "Statbel 2020")
    assert resultaat.correcties == [Correctie("Aalst (41002)", 87332, 87400)]
    assert str(resultaat.correcties[0]) == "Aalst (41002): 87.332 → 87.400 inwoners"
    assert (resultaat.gewijzigd, resultaat.ongewijzigd, resultaat.cijfers_toegevoegd) == (1, 1, 0)
    assert "0 toegevoegd, 1 gecorrigeerd." in resultaat.samenvatting()
    log = ActionLog.objects.get(object_id=str(aalst.pk), actie="gewijzigd")
    assert log.wijzigingen == {"inwoners": [87332, 87400], "bevolkingscijfer 2020-01-01": [87332, 87400]}


def test_a_correction_of_an_older_year_keeps_the_current_figure():
    aalst = gemeente("Aalst", "41002", 87000, D2020, "Statbel 2020")
    services.import_besturen(io.BytesIO(be_bestand(aalst=90124)), door=None)  # corrects 2020
    assert huidig(aalst) == (90124, D2020, "Statbel 2020")
    Bevolkingscijfer.objects.create(bestuur=aalst, inwoners=91000, peildatum=D2024, bron="Statbel 2024")
    Bestuur.objects.filter(pk=aalst.pk).update(
        inwoners=91000, inwoners_peildatum=D2024, inwoners_bron="Statbel 2024"
    )

    resultaat = importeer(be_bestand(aalst=90200))

    assert resultaat.correcties == [Correctie("Aalst (41002)", 90124, 90200)]
    assert huidig(aalst) == (91000, D2024, "Statbel 2024")
    assert cijfers(aalst) == [(D2024, 91000, "Statbel 2024"), (D2020, 90200, "Statbel 2020")]


def test_dry_run_reports_a_correction_and_writes_nothing():
    importeer(be_bestand())
    voor = list(Bevolkingscijfer.objects.order_by("pk").values())

    resultaat = importeer(be_bestand(aalst=87400), dry_run=True)

    assert resultaat.correcties == [Correctie("Aalst (41002)", 87332, 87400)]
    assert "Proefdraai" in resultaat.samenvatting()
    assert "zou 0 toevoegen, 1 corrigeren." in resultaat.samenvatting()
    assert list(Bevolkingscijfer.objects.order_by("pk").values()) == voor
    assert Bestuur.objects.get(code="41002").inwoners == 87332


def test_a_refused_file_adds_no_figure():
    importeer(be_bestand())
    data = csv_bytes(
        KOP_BE, "41002,Aalst,Oost-Vlaanderen,Denderregio,90000", "41034,Lede,Oost-Vlaanderen,x,-1"
    )
    with pytest.raises(imports.BesturenImportGeweigerd):
        importeer(data)
    assert cijfers(Bestuur.objects.get(code="41002")) == [(D2020, 87332, "Statbel 2020")]


def test_the_command_lists_corrections(tmp_path):
    importeer(be_bestand())
    pad = tmp_path / "be.csv"
    pad.write_bytes(be_bestand(aalst=87400))
    out = io.StringIO()
    call_command("import_besturen", str(pad), "--dry-run", stdout=out)
    assert "bevolkingscijfer gecorrigeerd: Aalst (41002): 87.332 → 87.400 inwoners" in out.getvalue()
    assert "zou 0 toevoegen, 1 corrigeren" in out.getvalue()
    assert Bestuur.objects.get(code="41002").inwoners == 87332


def test_adding_figures_for_many_rows_stays_in_batches(django_assert_max_num_queries):
    regels = [f"{10000 + i:05d},Gemeente {i},Antwerpen,Regio Antwerpen,{1000 + i}" for i in range(1200)]
    importeer(csv_bytes(KOP_BE, *regels))
    gewijzigd = [f"{10000 + i:05d},Gemeente {i},Antwerpen,Regio Antwerpen,{2000 + i}" for i in range(1200)]
    with django_assert_max_num_queries(60):
        resultaat = importeer(csv_bytes(KOP_BE, *gewijzigd))
    assert resultaat.gecorrigeerd == 1200
    assert Bevolkingscijfer.objects.count() == 1200


# Creating a government and the data migration


def test_a_government_created_with_a_population_starts_its_history():
    bestuur = services.create_bestuur(
        door=None,
        soort="gemeente",
        naam="Gent",
        code="44021",
        land="BE",
        inwoners=263000,
        inwoners_peildatum=D2024,
    )
    assert cijfers(bestuur) == [(D2024, 263000, "onbekend")]
    assert huidig(bestuur) == (263000, D2024, "onbekend")
    zonder = services.create_bestuur(door=None, soort="ocmw", naam="Gent", code="44021", land="BE")
    assert cijfers(zonder) == []


def test_data_migration_gives_every_population_a_figure_with_the_format_source():
    migratie = importlib.import_module("besturen.migrations.0003_bevolkingscijfers_bestaande_besturen")
    aalst = BestuurFactory(naam="Aalst", land="BE", inwoners=87332, inwoners_peildatum=D2020)
    dordrecht = BestuurFactory(
        naam="Dordrecht", land="NL", code="GM0505", inwoners=119509, inwoners_peildatum=D2021
    )
    ander = BestuurFactory(naam="Elders", land="NL", code="GM0001", inwoners=5000, inwoners_peildatum=D2024)
    ocmw = BestuurFactory(soort="ocmw", inwoners=None, inwoners_peildatum=None)

    migratie.vul_bevolkingscijfers(apps, None)

    assert cijfers(aalst) == [(D2020, 87332, "Statbel 2020")]
    assert cijfers(dordrecht) == [(D2021, 119509, "CBS 2021")]
    assert cijfers(ander) == [(D2024, 5000, "onbekend")]
    assert cijfers(ocmw) == []
    assert huidig(aalst)[2] == "Statbel 2020" and huidig(ander)[2] == "onbekend"


# bevolking_op


@pytest.fixture
def geschiedenis():
    a = gemeente("A", "11001", 1000, D2019, "Statbel 2019")
    for inwoners, peildatum, bron in ((1100, D2020, "Statbel 2020"), (1300, D2024, "Statbel 2024")):
        Bevolkingscijfer.objects.create(bestuur=a, inwoners=inwoners, peildatum=peildatum, bron=bron)
    Bestuur.objects.filter(pk=a.pk).update(
        inwoners=1300, inwoners_peildatum=D2024, inwoners_bron="Statbel 2024"
    )
    b = gemeente("B", "GM0505", 500, D2021, "CBS 2021", land=Land.NEDERLAND)
    c = services.create_bestuur(door=None, soort="ocmw", naam="C", code="11001", land="BE")
    return a, b, c


def test_bevolking_op_gives_the_latest_figure_on_or_before_each_date_in_one_query(
    geschiedenis, django_assert_num_queries
):
    a, b, c = geschiedenis
    ids = [a.pk, b.pk, c.pk]
    verwacht = {
        datetime.date(2018, 12, 31): {},
        D2019: {a.pk: (1000, D2019, "Statbel 2019")},
        datetime.date(2020, 6, 30): {a.pk: (1100, D2020, "Statbel 2020")},
        D2021: {a.pk: (1100, D2020, "Statbel 2020"), b.pk: (500, D2021, "CBS 2021")},
        datetime.date(2023, 12, 31): {a.pk: (1100, D2020, "Statbel 2020"), b.pk: (500, D2021, "CBS 2021")},
        D2024: {a.pk: (1300, D2024, "Statbel 2024"), b.pk: (500, D2021, "CBS 2021")},
        None: {a.pk: (1300, D2024, "Statbel 2024"), b.pk: (500, D2021, "CBS 2021")},
    }
    for peildatum, antwoord in verwacht.items():
        with django_assert_num_queries(1):
            assert bevolking_op(ids, peildatum) == antwoord, peildatum


def test_bevolking_op_takes_one_query_for_many_governments(django_assert_num_queries):
    besturen = BestuurFactory.create_batch(30, inwoners=None, inwoners_peildatum=None)
    Bevolkingscijfer.objects.bulk_create(
        Bevolkingscijfer(
            bestuur=bestuur, inwoners=100 * jaar + i, peildatum=datetime.date(jaar, 1, 1), bron="x"
        )
        for i, bestuur in enumerate(besturen)
        for jaar in (2019, 2020, 2021)
    )
    with django_assert_num_queries(1):
        antwoord = bevolking_op((bestuur.pk for bestuur in besturen), datetime.date(2020, 7, 1))
    assert antwoord == {bestuur.pk: (202000 + i, D2020, "x") for i, bestuur in enumerate(besturen)}
    with django_assert_num_queries(0):
        assert bevolking_op([]) == {}


def test_bevolking_op_counts_a_population_entered_without_history():
    bestuur = BestuurFactory(inwoners=20000, inwoners_peildatum=D2020, inwoners_bron="")  # no figure row
    assert bevolking_op([bestuur.pk], D2021) == {bestuur.pk: (20000, D2020, "")}
    assert bevolking_op([bestuur.pk], D2019) == {}
    assert bevolking_op([bestuur.pk]) == {bestuur.pk: (20000, D2020, "")}


# The government page and the admin


def _figuren(bestuur, aantal):
    Bevolkingscijfer.objects.bulk_create(
        Bevolkingscijfer(
            bestuur=bestuur,
            inwoners=80000 + jaar,
            peildatum=datetime.date(2000 + jaar, 1, 1),
            bron=f"Statbel {2000 + jaar}",
        )
        for jaar in range(aantal)
    )


def test_the_government_page_shows_the_population_history(client):
    aalst = gemeente("Aalst", "41002", 86445, D2019, "Statbel 2019")
    importeer(be_bestand())

    content = client.get(aalst.get_absolute_url()).content.decode()

    assert "87.332" in content and "bron: Statbel 2020" in content
    tabel = content.split('<h2 id="bevolking-titel">Bevolking</h2>', 1)[1].split("</table>", 1)[0]
    assert "<caption>Aantal inwoners per peildatum, met de bron (nieuwste eerst)</caption>" in tabel
    assert '<th scope="col">Peildatum</th>' in tabel
    assert '<th scope="col" class="num">Inwoners</th>' in tabel
    assert '<th scope="col">Bron</th>' in tabel
    rijen = tabel.split("<tbody>", 1)[1]
    assert rijen.index("1 januari 2020") < rijen.index("1 januari 2019")
    assert '<th scope="row"><time datetime="2020-01-01">1 januari 2020</time></th>' in rijen
    assert '<td class="num">87.332</td><td>Statbel 2020</td>' in rijen
    assert '<td class="num">86.445</td><td>Statbel 2019</td>' in rijen


def test_a_government_without_figures_shows_no_history_table(client):
    bestuur = services.create_bestuur(door=None, soort="ocmw", naam="Aalst", code="41002", land="BE")
    content = client.get(bestuur.get_absolute_url()).content.decode()
    assert "bevolking-titel" not in content


@pytest.mark.parametrize("aantal", [1, 20])
def test_the_history_does_not_add_queries_per_figure(client, django_assert_max_num_queries, aantal):
    bestuur = BestuurFactory(naam="Aalst", inwoners=None, inwoners_peildatum=None)
    _figuren(bestuur, aantal)
    with django_assert_max_num_queries(
        6
    ):  # the page's bound (see test_pages), whatever the number of figures
        response = client.get(bestuur.get_absolute_url())
    assert response.content.decode().count('<th scope="row"><time') == aantal


def test_admin_shows_the_history_and_keeps_the_current_population_read_only(client):
    admin = get_user_model().objects.create_superuser(email="beheer@example.org", password=PASSWORD)
    client.force_login(admin)
    aalst = gemeente("Aalst", "41002", 86445, D2019, "Statbel 2019")
    importeer(be_bestand())

    response = client.get(reverse("admin:besturen_bestuur_change", args=[aalst.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Statbel 2019" in content and "Statbel 2020" in content
    assert 'name="inwoners"' not in content

    response = client.post(
        reverse("admin:besturen_bestuur_change", args=[aalst.pk]),
        {
            "soort": "gemeente",
            "naam": "Aalst",
            "code": "41002",
            "land": "BE",
            "provincie": "Oost-Vlaanderen",
            "inwoners": "1",
            "bevolkingscijfers-TOTAL_FORMS": "2",
            "bevolkingscijfers-INITIAL_FORMS": "2",
        },
    )
    assert response.status_code == 302
    assert huidig(aalst) == (87332, D2020, "Statbel 2020")


def test_admin_dry_run_lists_the_corrections(client):
    admin = get_user_model().objects.create_superuser(email="beheer@example.org", password=PASSWORD)
    client.force_login(admin)
    importeer(be_bestand())

    response = client.post(
        reverse("admin:besturen_bestuur_import"),
        {"bestand": SimpleUploadedFile("be.csv", be_bestand(aalst=87400), "text/csv"), "dry_run": "on"},
    )
    content = response.content.decode()
    assert "Bevolkingscijfers die zouden worden gecorrigeerd" in content
    assert "Aalst (41002): 87.332 → 87.400 inwoners" in content

    response = client.post(
        reverse("admin:besturen_bestuur_import"),
        {"bestand": SimpleUploadedFile("be.csv", be_bestand(aalst=87400), "text/csv")},
        follow=True,
    )
    content = response.content.decode()
    assert "0 toegevoegd, 1 gecorrigeerd" in content
    assert "Gecorrigeerde bevolkingscijfers" in content and "87.332 → 87.400" in content
    assert Bestuur.objects.get(code="41002").inwoners == 87400
