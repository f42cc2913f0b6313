"""The municipality import of a large file keeps its behaviour while its memory stays flat (measured in
bench/zwaar.py, not here): duplicates far apart are still named with their earlier line, the result still lists
every municipality and correction, and a refused file still writes nothing."""

import io

import pytest
from django.core.management import call_command

from besturen.import_stream import IN_GEHEUGEN, OverloopLijst, RegelRegister, fysieke_regels
from besturen.imports import BesturenImportGeweigerd, read_gemeenten
from besturen.models import Bestuur
from besturen.services import IMPORT_BATCH, Correctie, import_besturen
from regioportaal.models import ActionLog

KOP_BE = "nis_code,naam,provincie,referentieregio,inwoners"
KOP_NL = "cbs_code,naam,provincie,inwoners"
GROOT = 3 * IMPORT_BATCH + IN_GEHEUGEN + 7  # several batches, and more rows than a result keeps in memory


def csv_bytes(*regels):
    return "".join(regel + "\n" for regel in regels).encode("utf-8")


def be_regels(aantal, inwoners=1000):
    return [f"{10000 + i:05d},Gemeente {i},Antwerpen,Regio Antwerpen,{inwoners + i}" for i in range(aantal)]


def nl_regels(aantal):
    return [f"GM{i:04d},Gemeente {i},Utrecht,{5000 + i}" for i in range(aantal)]


def importeer(data, **kwargs):
    return import_besturen(io.BytesIO(data), door=None, **kwargs)


def fouten_van(data):
    with pytest.raises(BesturenImportGeweigerd) as info:
        importeer(data)
    return [str(fout) for fout in info.value.fouten]


# Duplicates far apart


@pytest.mark.django_db
def test_a_duplicate_far_down_a_large_file_names_the_first_line_and_nothing_is_written():
    regels = be_regels(GROOT)
    data = csv_bytes(KOP_BE, *regels, "10000,Weer de eerste,Antwerpen,Regio Antwerpen,5", regels[-1])

    assert fouten_van(data) == [
        f"regel {GROOT + 2}, kolom nis_code: De code 10000 staat al op regel 2; "
        "elke gemeente mag maar één keer voorkomen.",
        f"regel {GROOT + 3}, kolom nis_code: De code {10000 + GROOT - 1:05d} staat al op regel {GROOT + 1}; "
        "elke gemeente mag maar één keer voorkomen.",
    ]
    assert Bestuur.objects.count() == 0  # the batches before the duplicate were written and rolled back
    assert ActionLog.objects.count() == 0


@pytest.mark.django_db
def test_a_duplicate_cbs_code_far_apart_is_named_with_its_line():
    data = csv_bytes(KOP_NL, *nl_regels(GROOT), "GM0003,Dubbel,Utrecht,7")
    assert fouten_van(data) == [
        f"regel {GROOT + 2}, kolom cbs_code: De code GM0003 staat al op regel 5; "
        "elke gemeente mag maar één keer voorkomen."
    ]


def test_a_code_repeated_many_times_is_named_with_its_first_line_each_time():
    data = csv_bytes(KOP_NL, *nl_regels(3), *["GM0001,Dubbel,Utrecht,7"] * 3)
    _formaat, fouten = read_gemeenten(io.BytesIO(data))
    assert [(fout.regel, "staat al op regel 3" in fout.bericht) for fout in fouten] == [
        (5, True),
        (6, True),
        (7, True),
    ]


def test_the_highest_and_lowest_codes_are_told_apart():
    data = csv_bytes(KOP_BE, *[f"{code},G,P,R,1" for code in ("00000", "99999", "00001", "99998", "99999")])
    _formaat, fouten = read_gemeenten(io.BytesIO(data))
    assert [str(fout).split(";")[0] for fout in fouten] == [
        "regel 6, kolom nis_code: De code 99999 staat al op regel 3"
    ]


# The result of a large file


@pytest.mark.django_db
def test_a_large_import_lists_every_municipality_it_created_in_file_order():
    resultaat = importeer(csv_bytes(KOP_BE, *be_regels(GROOT)))

    assert resultaat.aangemaakt == GROOT == Bestuur.objects.count() == ActionLog.objects.count()
    namen = list(resultaat.namen_aangemaakt)
    assert namen == [f"Gemeente {i} ({10000 + i:05d})" for i in range(GROOT)]
    assert f"Gemeente {GROOT - 1} ({10000 + GROOT - 1:05d})" in resultaat.namen_aangemaakt
    assert resultaat.namen_aangemaakt[-1] == namen[-1]
    assert f"{GROOT} aangemaakt, 0 gewijzigd" in resultaat.samenvatting()


@pytest.mark.django_db
def test_a_large_reimport_reports_every_correction():
    importeer(csv_bytes(KOP_BE, *be_regels(GROOT)))

    resultaat = importeer(csv_bytes(KOP_BE, *be_regels(GROOT, inwoners=2000)))

    assert resultaat.gecorrigeerd == resultaat.gewijzigd == GROOT
    assert resultaat.correcties[-1] == Correctie(
        f"Gemeente {GROOT - 1} ({10000 + GROOT - 1:05d})", 1000 + GROOT - 1, 2000 + GROOT - 1
    )
    assert [str(correctie) for correctie in resultaat.correcties[:2]] == [
        "Gemeente 0 (10000): 1.000 → 2.000 inwoners",
        "Gemeente 1 (10001): 1.001 → 2.001 inwoners",
    ]
    assert Bestuur.objects.get(code=f"{10000 + GROOT - 1:05d}").inwoners == 2000 + GROOT - 1


@pytest.mark.django_db
def test_the_command_dry_run_of_a_large_file_lists_every_municipality(tmp_path):
    pad = tmp_path / "groot.csv"
    pad.write_bytes(csv_bytes(KOP_NL, *nl_regels(GROOT)))
    out = io.StringIO()
    call_command("import_besturen", str(pad), "--dry-run", stdout=out)
    regels = [regel for regel in out.getvalue().splitlines() if "nieuw:" in regel]
    assert len(regels) == GROOT
    assert regels[-1].strip() == f"nieuw: Gemeente {GROOT - 1} (GM{GROOT - 1:04d})"
    assert Bestuur.objects.count() == 0


# Lines split over chunks


def test_line_ends_split_over_chunks_of_any_size():
    data = b"a\r\nbb\rccc\n\r\nd\re"
    verwacht = [b"a\r\n", b"bb\r", b"ccc\n", b"\r\n", b"d\r", b"e"]
    for grootte in range(1, len(data) + 1):
        stukken = [data[i : i + grootte] for i in range(0, len(data), grootte)]
        assert list(fysieke_regels(stukken)) == verwacht, grootte


# The structures themselves


def test_the_register_remembers_the_first_line_of_each_code():
    register = RegelRegister(100_000)
    assert register.get(41002) is None
    register.zet(41002, 7)
    register.zet(0, 2)
    register.zet(99_999, 3_000_000)
    assert (register.get(41002), register.get(0), register.get(99_999), register.get(41003)) == (
        7,
        2,
        3_000_000,
        None,
    )


def test_the_overflow_list_behaves_like_a_list_beyond_its_memory():
    lijst = OverloopLijst(in_geheugen=2)
    assert not lijst and lijst == []
    for item in ["a", "b", "c", Correctie("d", 1, 2)]:
        lijst.append(item)
    verwacht = ["a", "b", "c", Correctie("d", 1, 2)]
    assert lijst and len(lijst) == 4 and list(lijst) == verwacht and lijst == verwacht
    assert (lijst[0], lijst[2], lijst[-1], lijst[1:3], lijst[::-1]) == (
        "a",
        "c",
        Correctie("d", 1, 2),
        ["b", "c"],
        verwacht[::-1],
    )
    assert "c" in lijst and "x" not in lijst
    with pytest.raises(IndexError):
        lijst[4]

    # Appending while iterating, and two iterations at once, each see every item in order.
    gezien = []
    for item in lijst:
        gezien.append((item, list(lijst)))
        if item == "c":
            lijst.append("e")
    assert [item for item, _alles in gezien] == [*verwacht, "e"]
    assert gezien[-1][1] == [*verwacht, "e"]
    assert OverloopLijst(["x", "y", "z"], in_geheugen=1) == ("x", "y", "z")
