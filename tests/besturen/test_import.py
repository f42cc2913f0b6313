"""The municipality import: the CSV parser, the service, the management command and the admin upload."""

import datetime
import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from besturen.imports import BesturenImportGeweigerd
from besturen.models import Bestuur, BestuurSoort
from besturen.services import import_besturen
from regioportaal.models import ActionLog
from tests.factories import BestuurFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "data"
VLAANDEREN = DATA / "gemeenten-vlaanderen.csv"
NEDERLAND = DATA / "gemeenten-nederland.csv"
KOP_BE = "nis_code,naam,provincie,referentieregio,inwoners"
KOP_NL = "cbs_code,naam,provincie,inwoners"
PASSWORD = "import-wachtwoord-123"


def csv_bytes(*regels, eol="\n", encoding="utf-8"):
    return "".join(regel + eol for regel in regels).encode(encoding)


def goede_be_regels(aantal):
    return [f"{10000 + i:05d},Gemeente {i},Antwerpen,Regio Antwerpen,{1000 + i}" for i in range(aantal)]


def importeer(data, **kwargs):
    return import_besturen(io.BytesIO(data), door=None, **kwargs)


def geweigerd(data, **kwargs):
    """Import `data`, expect a refusal, check nothing changed and return the error texts."""
    besturen, logregels = Bestuur.objects.count(), ActionLog.objects.count()
    with pytest.raises(BesturenImportGeweigerd) as info:
        importeer(data, **kwargs)
    assert Bestuur.objects.count() == besturen
    assert ActionLog.objects.count() == logregels
    return [str(fout) for fout in info.value.fouten]


@pytest.fixture
def bestaand():
    """One municipality that is already there, so 'nothing imported' is more than an empty table."""
    return BestuurFactory(naam="Bestaand", code="99999")


# Importing the real files


def test_importing_both_real_files_gives_652_municipalities_with_their_population():
    with VLAANDEREN.open("rb") as bron:
        be = import_besturen(bron, door=None)
    with NEDERLAND.open("rb") as bron:
        nl = import_besturen(bron, door=None)

    assert (be.land, be.aantal, be.aangemaakt, be.gewijzigd, be.ongewijzigd) == ("BE", 300, 300, 0, 0)
    assert (nl.land, nl.aantal, nl.aangemaakt, nl.gewijzigd, nl.ongewijzigd) == ("NL", 352, 352, 0, 0)
    gemeenten = Bestuur.objects.filter(soort=BestuurSoort.GEMEENTE)
    assert gemeenten.count() == 652
    assert gemeenten.filter(land="BE").count() == 300
    assert gemeenten.filter(land="NL").count() == 352

    aalst = Bestuur.objects.get(land="BE", code="41002")
    assert (aalst.naam, aalst.provincie, aalst.inwoners) == ("Aalst", "Oost-Vlaanderen", 87332)
    assert aalst.inwoners_peildatum == datetime.date(2020, 1, 1)
    dordrecht = Bestuur.objects.get(land="NL", code="GM0505")
    assert (dordrecht.naam, dordrecht.provincie, dordrecht.inwoners) == ("Dordrecht", "Zuid-Holland", 119509)
    assert dordrecht.inwoners_peildatum == datetime.date(2021, 1, 1)
    assert Bestuur.objects.get(code="GM0518").naam == "'s-Gravenhage"

    assert ActionLog.objects.filter(actie="aangemaakt").count() == 652
    log = ActionLog.objects.get(object_id=str(aalst.pk))
    assert log.wijzigingen["inwoners"] == 87332
    assert log.wijzigingen["inwoners_peildatum"] == "2020-01-01"
    assert log.reden == "Import uit gemeenten-vlaanderen.csv"


def test_reimporting_the_same_file_changes_nothing():
    with VLAANDEREN.open("rb") as bron:
        import_besturen(bron, door=None)
    logregels = ActionLog.objects.count()

    with VLAANDEREN.open("rb") as bron:
        opnieuw = import_besturen(bron, door=None)

    assert (opnieuw.aantal, opnieuw.aangemaakt, opnieuw.gewijzigd, opnieuw.ongewijzigd) == (300, 0, 0, 300)
    assert Bestuur.objects.count() == 300
    assert ActionLog.objects.count() == logregels


def test_import_updates_a_changed_municipality_and_logs_only_the_changes():
    user = get_user_model().objects.create_superuser(email="beheer@example.org", password=PASSWORD)
    aalst = BestuurFactory(naam="Aalst", code="41002", land="BE", inwoners=80000, provincie="Oost-Vlaanderen")
    with VLAANDEREN.open("rb") as bron:
        resultaat = import_besturen(bron, door=user)

    assert (resultaat.aangemaakt, resultaat.gewijzigd) == (299, 1)
    assert resultaat.namen_gewijzigd == ["Aalst (41002)"]
    aalst.refresh_from_db()
    assert aalst.inwoners == 87332
    log = ActionLog.objects.get(actie="gewijzigd")
    assert log.object_id == str(aalst.pk)
    assert log.actor == user
    assert log.wijzigingen == {
        "inwoners": [80000, 87332],
        "inwoners_bron": ["", "Statbel 2020"],
        "bevolkingscijfer 2020-01-01": [None, 87332],
    }


def test_dry_run_reports_what_would_change_and_writes_nothing():
    BestuurFactory(naam="Aalst", code="41002", land="BE", inwoners=80000, provincie="Oost-Vlaanderen")
    with VLAANDEREN.open("rb") as bron:
        resultaat = import_besturen(bron, door=None, dry_run=True)

    assert resultaat.dry_run
    assert (resultaat.aantal, resultaat.aangemaakt, resultaat.gewijzigd, resultaat.ongewijzigd) == (
        300,
        299,
        1,
        0,
    )
    assert "Aartselaar (11001)" in resultaat.namen_aangemaakt
    assert resultaat.namen_gewijzigd == ["Aalst (41002)"]
    assert Bestuur.objects.count() == 1
    assert Bestuur.objects.get().inwoners == 80000
    assert ActionLog.objects.count() == 0


def test_import_writes_in_batches_not_per_row(django_assert_max_num_queries):
    data = csv_bytes(KOP_BE, *goede_be_regels(1200))
    # Per row this would be thousands; SQLite's 999-parameter limit splits each bulk insert into a few
    # (municipalities, their population figures, action-log entries).
    with django_assert_max_num_queries(50):
        resultaat = importeer(data)
    assert resultaat.aangemaakt == 1200
    assert ActionLog.objects.count() == 1200


def test_import_reads_a_stream_of_arbitrary_chunks():
    data = VLAANDEREN.read_bytes().replace(b"\n", b"\r\n")
    stukken = (data[i : i + 7] for i in range(0, len(data), 7))
    resultaat = import_besturen(stukken, door=None)
    assert resultaat.aangemaakt == 300
    assert Bestuur.objects.get(code="41002").naam == "Aalst"


# Accepted variations


def test_a_byte_order_mark_is_accepted():
    resultaat = importeer(b"\xef\xbb\xbf" + csv_bytes(KOP_NL, "GM0505,Dordrecht,Zuid-Holland,119509"))
    assert resultaat.aangemaakt == 1
    assert Bestuur.objects.get(code="GM0505").inwoners == 119509


def test_crlf_line_ends_are_accepted():
    data = csv_bytes(KOP_BE, "41002,Aalst,Oost-Vlaanderen,Denderregio,87332", eol="\r\n")
    resultaat = importeer(data)
    assert resultaat.aangemaakt == 1
    aalst = Bestuur.objects.get(code="41002")
    assert (aalst.naam, aalst.inwoners) == ("Aalst", 87332)


# Refused files: each says why and imports nothing


def test_wrong_header_is_refused_naming_the_expected_headers(bestaand):
    fouten = geweigerd(csv_bytes("code,gemeente,inwoners", "41002,Aalst,87332"))
    assert len(fouten) == 1
    assert "Regel 1 is geen bekende kopregel (code,gemeente,inwoners)" in fouten[0]
    assert KOP_BE in fouten[0] and KOP_NL in fouten[0]


def test_missing_header_is_refused(bestaand):
    fouten = geweigerd(csv_bytes("41002,Aalst,Oost-Vlaanderen,Denderregio,87332"))
    assert len(fouten) == 1
    assert "Regel 1 is geen kopregel maar lijkt een gemeente" in fouten[0]
    assert KOP_BE in fouten[0]


def test_missing_column_is_refused_naming_the_column(bestaand):
    fouten = geweigerd(csv_bytes("nis_code,naam,provincie,inwoners", "41002,Aalst,Oost-Vlaanderen,87332"))
    assert fouten == [
        "regel 1, kolom referentieregio: De kolom ‘referentieregio’ ontbreekt in de kopregel; "
        f"verwacht: {KOP_BE}."
    ]


def test_non_numeric_population_is_refused(bestaand):
    fouten = geweigerd(csv_bytes(KOP_BE, "41002,Aalst,Oost-Vlaanderen,Denderregio,87.332"))
    assert fouten == [
        "regel 2, kolom inwoners: ‘87.332’ is geen aantal inwoners: schrijf een geheel getal zonder punten "
        "of spaties."
    ]


def test_negative_population_is_refused(bestaand):
    fouten = geweigerd(csv_bytes(KOP_NL, "GM0505,Dordrecht,Zuid-Holland,-5"))
    assert fouten == ["regel 2, kolom inwoners: Het aantal inwoners kan niet negatief zijn (-5)."]


def test_duplicate_code_is_refused_naming_the_earlier_line(bestaand):
    fouten = geweigerd(
        csv_bytes(
            KOP_BE,
            "41002,Aalst,Oost-Vlaanderen,Denderregio,87332",
            "41011,Denderleeuw,Oost-Vlaanderen,Denderregio,20551",
            "41002,Aalst bis,Oost-Vlaanderen,Denderregio,1",
        )
    )
    assert fouten == [
        "regel 4, kolom nis_code: De code 41002 staat al op regel 2; "
        "elke gemeente mag maar één keer voorkomen."
    ]


def test_empty_file_is_refused(bestaand):
    assert geweigerd(b"") == ["Het bestand is leeg."]


def test_file_with_only_a_header_is_refused(bestaand):
    assert geweigerd(csv_bytes(KOP_NL)) == ["Het bestand bevat alleen een kopregel en geen gemeenten."]


def test_latin1_file_is_refused_naming_the_line(bestaand):
    data = csv_bytes(
        KOP_NL,
        "GM0505,Dordrecht,Zuid-Holland,119509",
        "GM1900,Súdwest-Fryslân,Friesland,89973",
        encoding="latin-1",
    )
    assert geweigerd(data) == ["Regel 3 is geen geldige UTF-8-tekst; sla het bestand op als UTF-8."]


def test_row_with_wrong_number_of_fields_is_refused(bestaand):
    fouten = geweigerd(csv_bytes(KOP_BE, "41002,Aalst,Oost-Vlaanderen,87332"))
    assert fouten == [f"Regel 2 heeft 4 velden, maar de kopregel heeft er 5 ({KOP_BE})."]


def test_empty_name_is_refused(bestaand):
    fouten = geweigerd(csv_bytes(KOP_NL, "GM0505, ,Zuid-Holland,119509"))
    assert fouten == ["regel 2, kolom naam: De naam is leeg."]


@pytest.mark.parametrize(
    ("kop", "regel", "verwacht"),
    [
        (KOP_BE, "4100,Aalst,Oost-Vlaanderen,Denderregio,87332", "‘4100’ is geen geldige NIS-code"),
        (KOP_NL, "0505,Dordrecht,Zuid-Holland,119509", "‘0505’ is geen geldige CBS-code"),
        (KOP_NL, "GM505,Dordrecht,Zuid-Holland,119509", "verwacht GM gevolgd door 4 cijfers"),
    ],
)
def test_malformed_code_is_refused(bestaand, kop, regel, verwacht):
    fouten = geweigerd(csv_bytes(kop, regel))
    assert len(fouten) == 1
    assert fouten[0].startswith("regel 2, kolom ")
    assert verwacht in fouten[0]


def test_every_error_in_the_file_is_reported_not_just_the_first(bestaand):
    fouten = geweigerd(
        csv_bytes(
            KOP_BE,
            "41002,Aalst,Oost-Vlaanderen,Denderregio,veel",
            "41011,Denderleeuw,Oost-Vlaanderen,Denderregio,20551",
            "4101,,Oost-Vlaanderen,Denderregio,-1",
        )
    )
    assert [fout.split(":")[0] for fout in fouten] == [
        "regel 2, kolom inwoners",
        "regel 4, kolom nis_code",
        "regel 4, kolom naam",
        "regel 4, kolom inwoners",
    ]


def test_bad_row_after_600_good_rows_imports_nothing(bestaand):
    data = csv_bytes(KOP_BE, *goede_be_regels(600), "41002,Aalst,Oost-Vlaanderen,Denderregio,abc")
    fouten = geweigerd(data)
    assert fouten == [
        "regel 602, kolom inwoners: ‘abc’ is geen aantal inwoners: schrijf een geheel getal zonder punten "
        "of spaties."
    ]
    assert Bestuur.objects.count() == 1


def _groot_bestand(tmp_path):
    pad = tmp_path / "groot.csv"
    regel = b"41002,Aalst,Oost-Vlaanderen,Denderregio,87332\n"
    with pad.open("wb") as bestand:
        bestand.write((KOP_BE + "\n").encode())
        bestand.write(regel * (20 * 1024 * 1024 // len(regel) + 1))
    assert pad.stat().st_size > 20 * 1024 * 1024
    return pad


def test_a_20_mb_file_is_refused_with_a_size_message(bestaand, tmp_path):
    pad = _groot_bestand(tmp_path)
    with pad.open("rb") as bron:
        with pytest.raises(BesturenImportGeweigerd) as info:
            import_besturen(bron, door=None, grootte=pad.stat().st_size)
        assert bron.tell() == 0  # refused before reading
    assert [str(fout) for fout in info.value.fouten] == [
        "Het bestand is te groot (20,0 MB); een importbestand mag hoogstens 5,0 MB zijn."
    ]
    assert Bestuur.objects.count() == 1


def test_a_large_stream_of_unknown_size_is_refused_once_it_passes_the_limit(bestaand, tmp_path):
    pad = _groot_bestand(tmp_path)
    with pad.open("rb") as bron:
        stukken = iter(lambda: bron.read(64 * 1024), b"")  # no size to look at
        with pytest.raises(BesturenImportGeweigerd) as info:
            import_besturen(stukken, door=None)
        assert bron.tell() <= 5 * 1024 * 1024 + 64 * 1024
    assert "hoogstens 5,0 MB" in str(info.value)
    assert Bestuur.objects.count() == 1


# The management command


def test_command_imports_a_file_and_prints_the_counts():
    out = io.StringIO()
    call_command("import_besturen", str(NEDERLAND), stdout=out)
    assert (
        "Nederlandse gemeenten (CBS-codes): 352 gemeenten gelezen; 352 aangemaakt, 0 gewijzigd"
        in out.getvalue()
    )
    assert Bestuur.objects.filter(land="NL").count() == 352


def test_command_dry_run_lists_the_changes_and_writes_nothing():
    out = io.StringIO()
    call_command("import_besturen", str(VLAANDEREN), "--dry-run", stdout=out)
    assert "nieuw: Aalst (41002)" in out.getvalue()
    assert "Proefdraai, er is niets opgeslagen." in out.getvalue()
    assert Bestuur.objects.count() == 0


def test_command_prints_every_error_and_fails(bestaand, tmp_path):
    pad = tmp_path / "fout.csv"
    pad.write_bytes(
        csv_bytes(KOP_NL, "GM0505,Dordrecht,Zuid-Holland,veel", "GM0505,Dordrecht,Zuid-Holland,-1")
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="Niets geïmporteerd: 3 fouten"):
        call_command("import_besturen", str(pad), stdout=io.StringIO(), stderr=err)
    assert "regel 2, kolom inwoners: ‘veel’ is geen aantal inwoners" in err.getvalue()
    assert "regel 3, kolom cbs_code: De code GM0505 staat al op regel 2" in err.getvalue()
    assert "regel 3, kolom inwoners: Het aantal inwoners kan niet negatief zijn (-1)." in err.getvalue()
    assert Bestuur.objects.count() == 1


def test_command_refuses_a_file_that_is_too_large(tmp_path):
    pad = _groot_bestand(tmp_path)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_besturen", str(pad), stdout=io.StringIO(), stderr=err)
    assert "Het bestand is te groot (20,0 MB)" in err.getvalue()
    assert Bestuur.objects.count() == 0


def test_command_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Kan .* niet lezen"):
        call_command("import_besturen", str(tmp_path / "bestaat-niet.csv"))


# The admin upload


@pytest.fixture
def admin_client(client):
    get_user_model().objects.create_superuser(email="beheerder@example.org", password=PASSWORD)
    assert client.login(email="beheerder@example.org", password=PASSWORD)
    return client


def upload(naam, data):
    return SimpleUploadedFile(naam, data, content_type="text/csv")


IMPORT_URL = "admin:besturen_bestuur_import"


def test_changelist_links_to_the_import(admin_client):
    response = admin_client.get(reverse("admin:besturen_bestuur_changelist"))
    assert reverse(IMPORT_URL) in response.content.decode()
    assert "Importeren" in response.content.decode()


def test_admin_upload_of_a_good_file_imports_it(admin_client):
    response = admin_client.get(reverse(IMPORT_URL))
    assert response.status_code == 200
    response = admin_client.post(
        reverse(IMPORT_URL),
        {"bestand": upload("gemeenten-nederland.csv", NEDERLAND.read_bytes())},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("admin:besturen_bestuur_changelist")
    assert "352 aangemaakt, 0 gewijzigd, 0 ongewijzigd" in response.content.decode()
    assert Bestuur.objects.filter(land="NL").count() == 352
    log = ActionLog.objects.filter(actie="aangemaakt").first()
    assert log.actor.email == "beheerder@example.org"
    assert log.reden == "Import uit gemeenten-nederland.csv"


def test_admin_upload_dry_run_shows_the_changes_and_imports_nothing(admin_client):
    response = admin_client.post(
        reverse(IMPORT_URL), {"bestand": upload("be.csv", VLAANDEREN.read_bytes()), "dry_run": "on"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Proefdraai, er is niets opgeslagen." in content
    assert "Aalst (41002)" in content
    assert Bestuur.objects.count() == 0


def test_admin_upload_of_a_bad_file_shows_the_errors_and_imports_nothing(admin_client, bestaand):
    data = csv_bytes(KOP_BE, *goede_be_regels(600), "41002,Aalst,Oost-Vlaanderen,Denderregio,-3", "1,,x,y,z")
    response = admin_client.post(reverse(IMPORT_URL), {"bestand": upload("fout.csv", data)})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Er is niets geïmporteerd: het bestand bevat 4 fouten." in content
    assert "regel 602, kolom inwoners: Het aantal inwoners kan niet negatief zijn (-3)." in content
    assert "regel 603, kolom naam: De naam is leeg." in content
    assert Bestuur.objects.count() == 1
    assert ActionLog.objects.count() == 0


def test_admin_upload_refuses_a_file_that_is_too_large(admin_client, settings):
    settings.IMPORT_MAX_BYTES = 1000
    data = csv_bytes(KOP_BE, *goede_be_regels(100))
    response = admin_client.post(reverse(IMPORT_URL), {"bestand": upload("groot.csv", data)})
    assert "Het bestand is te groot" in response.content.decode()
    assert Bestuur.objects.count() == 0


def test_logged_in_non_staff_user_cannot_reach_the_import(client):
    get_user_model().objects.create_user(email="lid@example.org", password=PASSWORD)
    assert client.login(email="lid@example.org", password=PASSWORD)
    assert client.get(reverse(IMPORT_URL)).status_code == 302
    response = client.post(reverse(IMPORT_URL), {"bestand": upload("nl.csv", NEDERLAND.read_bytes())})
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    assert Bestuur.objects.count() == 0


def test_staff_user_without_add_permission_is_refused(client):
    user = get_user_model().objects.create_user(email="staf@example.org", password=PASSWORD, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_bestuur"))
    assert client.login(email="staf@example.org", password=PASSWORD)
    response = client.post(reverse(IMPORT_URL), {"bestand": upload("nl.csv", NEDERLAND.read_bytes())})
    assert response.status_code == 403
    assert (
        reverse(IMPORT_URL) not in client.get(reverse("admin:besturen_bestuur_changelist")).content.decode()
    )
    assert Bestuur.objects.count() == 0
