"""Mergers: the import that leads from the old municipality files to the current ones, what follows a merger on its
date (one membership of the successor, its population, programme versions), the seat review and who may do what."""

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from besturen import fusies, services
from besturen.import_fusies import import_fusies
from besturen.import_stream import BesturenImportGeweigerd
from besturen.models import Bestuur, Deelname, Fusie, Land, Lidmaatschap, Rol
from besturen.policies import FusiePolicy
from besturen.selectors import regio_leden
from besturen.services import import_besturen
from programmas import services as programma_services
from programmas.models import Bijdrage, VersieStatus
from regioportaal.models import ActionLog, Melding
from regioportaal.permissions import NotAllowed
from tests.factories import PASSWORD, buitenstaander, gemeente, maak_gebruiker
from tests.programmas.bouw import ROLLEN, bouw_regio, programma, users_met_admin

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "data"
FUSIEDATUM = datetime.date(2025, 1, 1)
KOP = "datum,voorgangers,opvolger,opvolger_code"


def lees(pad):
    with open(pad, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def importeer_fusies(tekst, **kwargs):
    return import_fusies(io.BytesIO(tekst.encode()), door=None, **kwargs)


def huidige(land, codekolom):
    """{code: (naam, provincie, inwoners)} of the governments of `land` that exist on 1 January 2025."""
    return {b.code: (b.naam, b.provincie, b.inwoners) for b in fusies.current_besturen(land, FUSIEDATUM)}


def verwacht(pad, codekolom):
    return {r[codekolom]: (r["naam"], r["provincie"], int(r["inwoners"])) for r in lees(pad)}


# --- The data files ------------------------------------------------------------------------------------------------


def test_the_mergers_files_lead_from_the_old_files_to_the_current_sets_and_change_nothing_twice():
    for naam in ("gemeenten-vlaanderen.csv", "gemeenten-nederland.csv"):
        with open(DATA / naam, "rb") as bron:
            import_besturen(bron, door=None)
    for naam in ("fusies-vlaanderen-2025.csv", "fusies-nederland-2022-2025.csv"):
        with open(DATA / naam, "rb") as bron:
            resultaat = import_fusies(bron, door=None)
        assert resultaat.ongewijzigd == []

    vlaanderen = huidige(Land.BELGIE, "nis_code")
    nederland = huidige(Land.NEDERLAND, "cbs_code")
    assert len(vlaanderen) == 285
    assert len(nederland) == 342
    assert vlaanderen == verwacht(DATA / "gemeenten-vlaanderen-2025.csv", "nis_code")
    assert nederland == verwacht(DATA / "gemeenten-nederland-2025.csv", "cbs_code")
    assert Fusie.objects.count() == 13 + 6

    melle = Bestuur.objects.get(code="44088")
    assert melle.naam == "Merelbeke-Melle"
    assert melle.inwoners_peildatum == FUSIEDATUM
    assert melle.inwoners_bron == "som van Melle en Merelbeke (Statbel 2020)"

    # Twice: nothing changes, not even the action log.
    logregels = ActionLog.objects.count()
    for naam in ("fusies-vlaanderen-2025.csv", "fusies-nederland-2022-2025.csv"):
        with open(DATA / naam, "rb") as bron:
            resultaat = import_fusies(bron, door=None)
        assert resultaat.vastgelegd == []
    assert ActionLog.objects.count() == logregels
    assert huidige(Land.BELGIE, "nis_code") == vlaanderen


def test_the_current_files_import_on_their_own_with_the_official_counts():
    for naam, aantal in (("gemeenten-vlaanderen-2025.csv", 285), ("gemeenten-nederland-2025.csv", 342)):
        with open(DATA / naam, "rb") as bron:
            resultaat = import_besturen(bron, door=None)
        assert resultaat.aangemaakt == aantal


# --- The import's refusals ---------------------------------------------------------------------------------------


@pytest.fixture
def twee():
    return gemeente("Melle", "44040", inwoners=11_000), gemeente("Merelbeke", "44043", inwoners=24_000)


def geweigerd(tekst):
    besturen, fusies_voor, logregels = (
        Bestuur.objects.count(),
        Fusie.objects.count(),
        ActionLog.objects.count(),
    )
    with pytest.raises(BesturenImportGeweigerd) as info:
        importeer_fusies(tekst)
    assert (Bestuur.objects.count(), Fusie.objects.count(), ActionLog.objects.count()) == (
        besturen,
        fusies_voor,
        logregels,
    )
    return [str(fout) for fout in info.value.fouten]


def test_bad_lines_are_refused_with_their_line_number_and_nothing_changes(twee):
    fouten = geweigerd(
        "\n".join(
            [
                KOP,
                "2025-01-01,44040 44043,Merelbeke-Melle,44088",
                "1 januari 2025,44040 44043,Merelbeke-Melle,44088",
                "2025-01-01,44040,Alleen,44089",
                "2025-01-01,44040 99999,Onbekend,44090",
                "2025-01-01,44040 44043,,ABC",
            ]
        )
    )
    assert any(f.startswith("regel 3, kolom datum: ‘1 januari 2025’ is geen datum") for f in fouten)
    assert "regel 4, kolom voorgangers: Een fusie heeft minstens twee verschillende voorgangers." in fouten
    assert any(f.startswith("regel 5, kolom voorgangers: Er is geen gemeente met code 99999") for f in fouten)
    assert any(f.startswith("regel 6, kolom opvolger_code: ‘ABC’ is geen NIS-code") for f in fouten)
    assert "regel 6, kolom opvolger: De naam van de nieuwe gemeente is leeg." in fouten


def test_a_government_merges_only_once(twee):
    fouten = geweigerd(
        "\n".join(
            [KOP, "2025-01-01,44040 44043,Merelbeke-Melle,44088", "2025-01-01,44043 44040,Anders,44089"]
        )
    )
    assert any(
        f.startswith("regel 3, kolom voorgangers: 44043 staat al als voorganger op regel 2") for f in fouten
    )


def test_a_wrong_header_is_refused(twee):
    assert geweigerd("datum,van,naar\n2025-01-01,44040 44043,Merelbeke-Melle\n") == [
        "Regel 1 is niet de verwachte kopregel datum,voorgangers,opvolger,opvolger_code."
    ]


def test_the_dry_run_writes_nothing(twee):
    resultaat = importeer_fusies(f"{KOP}\n2025-01-01,44040 44043,Merelbeke-Melle,44088\n", dry_run=True)
    assert len(resultaat.vastgelegd) == 1 and "Proefdraai" in resultaat.samenvatting()
    assert not Fusie.objects.exists() and not Bestuur.objects.filter(code="44088").exists()


def test_the_command_records_and_reports_errors_per_line(twee, tmp_path):
    goed = tmp_path / "fusies.csv"
    goed.write_text(f"{KOP}\n2025-01-01,44040 44043,Merelbeke-Melle,44088\n", encoding="utf-8")
    uit = io.StringIO()
    call_command("import_fusies", str(goed), stdout=uit)
    assert "1 vastgelegd" in uit.getvalue()
    fout = tmp_path / "fout.csv"
    fout.write_text(f"{KOP}\n2025-13-01,44040 44043,X,44090\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="Niets vastgelegd: 1 fout"):
        call_command("import_fusies", str(fout), stderr=err)
    assert "regel 2, kolom datum" in err.getvalue()


# --- The admin's import page (shared with the municipalities) -----------------------------------------------------

FUSIE_IMPORT = "admin:besturen_fusie_import"


def upload(tekst):
    return SimpleUploadedFile("fusies.csv", tekst.encode(), content_type="text/csv")


def test_the_platform_administrator_checks_then_records_mergers_in_the_admin(twee, admin_client):
    assert (
        reverse(FUSIE_IMPORT) in admin_client.get(reverse("admin:besturen_fusie_changelist")).content.decode()
    )
    regel = f"{KOP}\n2025-01-01,44040 44043,Merelbeke-Melle,44088\n"
    content = admin_client.post(reverse(FUSIE_IMPORT), {"bestand": upload(regel), "dry_run": "on"}).content
    assert "Zou worden vastgelegd" in content.decode() and not Fusie.objects.exists()
    response = admin_client.post(reverse(FUSIE_IMPORT), {"bestand": upload(regel)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:besturen_fusie_changelist")
    assert "1 vastgelegd" in response.content.decode() and Fusie.objects.count() == 1
    content = admin_client.post(
        reverse(FUSIE_IMPORT), {"bestand": upload(f"{KOP}\n2025-13-01,44040 44043,X,44090\n")}
    )
    assert "Er is niets vastgelegd: het bestand bevat 1 fout." in content.content.decode()
    assert "regel 2, kolom datum" in content.content.decode()


def test_staff_who_is_no_platform_administrator_may_not_import_mergers(twee, client, django_user_model):
    staf = django_user_model.objects.create_user(
        email="staf.fusie@example.org", password=PASSWORD, is_staff=True
    )
    staf.user_permissions.add(*Permission.objects.filter(codename__in=["view_fusie", "add_fusie"]))
    client.force_login(staf)
    assert (
        reverse(FUSIE_IMPORT) not in client.get(reverse("admin:besturen_fusie_changelist")).content.decode()
    )
    regel = f"{KOP}\n2025-01-01,44040 44043,Merelbeke-Melle,44088\n"
    assert client.post(reverse(FUSIE_IMPORT), {"bestand": upload(regel)}).status_code == 403
    assert not Fusie.objects.exists()


# --- What follows a merger -----------------------------------------------------------------------------------------


@pytest.fixture
def regio(db, snelle_wachtwoorden, media):
    """A region of Melle and Merelbeke (real NIS codes) with an adopted 2024 programme, seats in its mayors' meeting."""
    w = bouw_regio(2, inwoners=[11_000, 24_000], codes=["44040", "44043"])
    w.melle = services.update_bestuur(w.leden[0], door=None, naam="Melle")
    w.merelbeke = services.update_bestuur(w.leden[1], door=None, naam="Merelbeke")
    w.versie_2024 = programma(w, tot=VersieStatus.VASTGESTELD, jaar=2024)
    w.concept_2026 = programma(w, tot=VersieStatus.CONCEPT, jaar=2026)
    return w


def record(w, door=None):
    return fusies.record_fusie(
        datum=FUSIEDATUM,
        voorgangers=[w.melle, w.merelbeke],
        opvolger=Bestuur.objects.filter(code="44088").first()
        or gemeente("Merelbeke-Melle", "44088", inwoners=None, peildatum=None),
        door=door,
    )


def test_a_region_with_melle_and_merelbeke_has_one_member_from_2025_and_its_2024_programme_names_both(regio):
    w = regio
    fusie = importeer_fusies(f"{KOP}\n2025-01-01,{w.melle.code} {w.merelbeke.code},Merelbeke-Melle,44088\n")
    assert fusie.vastgelegd
    opvolger = Bestuur.objects.get(code="44088")

    assert [d.bestuur for d in regio_leden(w.regio, day=datetime.date(2024, 12, 31))] == [
        w.melle,
        w.merelbeke,
    ]
    assert [d.bestuur for d in regio_leden(w.regio, day=FUSIEDATUM)] == [opvolger]
    assert Deelname.objects.filter(regio=w.regio, bestuur=opvolger).count() == 1
    assert opvolger.inwoners == 35_000 and opvolger.inwoners_peildatum == FUSIEDATUM

    # The adopted 2024 version keeps its frozen figures per predecessor.
    bijdragen = Bijdrage.objects.filter(versie=w.versie_2024)
    assert {b.bestuur for b in bijdragen} == {w.melle, w.merelbeke}
    assert {b.inwoners for b in bijdragen} == {11_000, 24_000}
    # The concept uses the successor, on every line.
    for regel in w.concept_2026.regels.all():
        assert list(regel.deelnemers.all()) == [opvolger]
    # A programme drafted afterwards takes the successor as member.
    nieuw = programma_services.draft_jaarprogramma(w.regio, 2027, door=None, opgaven=w.opgaven)
    assert [b.code for b in nieuw.regels.first().deelnemers.all()] == ["44088"]


def test_two_predecessors_in_one_region_give_one_membership_and_an_absorbing_successor_keeps_its_own(regio):
    w = regio
    fusies.record_fusie(datum=FUSIEDATUM, voorgangers=[w.melle, w.merelbeke], opvolger=w.merelbeke, door=None)
    assert [d.bestuur for d in regio_leden(w.regio, day=FUSIEDATUM)] == [w.merelbeke]
    assert Deelname.objects.filter(regio=w.regio, bestuur=w.merelbeke).count() == 1
    w.merelbeke.refresh_from_db()
    assert w.merelbeke.inwoners == 35_000


def test_recording_a_merger_writes_one_audit_entry_and_tells_the_secretariat(regio):
    w = regio
    fusie = record(w)
    entry = ActionLog.objects.get(actie="fusie vastgelegd")
    assert entry.object_repr == "Merelbeke-Melle"
    assert entry.wijzigingen["voorgangers"] == ["Melle (44040)", "Merelbeke (44043)"]
    melding = Melding.objects.get(user=w.secretariaat)
    assert reverse("besturen:fusie_zetels", kwargs={"slug": w.regio.slug, "pk": fusie.pk}) in melding.tekst


def test_only_the_platform_administrator_records_a_merger(regio, django_user_model):
    w = regio
    with pytest.raises(NotAllowed):
        record(w, door=w.secretariaat)
    beheerder = services.create_platform_admin(email="pb.fusie@example.org", password=PASSWORD, door=None)
    assert record(w, door=beheerder).opvolger.code == "44088"


# The expected grid, stated here: recording is the platform administrator's alone; the seats of a region are reviewed
# by its own secretariat (and, as managing a region is granted, by the platform administrator).
FUSIE_ACTIES = {
    "platformbeheerder": {"record": True, "review_zetels": True},
    "secretariaat": {"review_zetels": True},
}


@pytest.mark.parametrize("wie", ROLLEN)
def test_who_may_record_a_merger_and_review_the_seats_of_a_region(regio, wie):
    beheerder = services.create_platform_admin(email="pb.beleid@example.org", password=PASSWORD, door=None)
    user = users_met_admin(regio, beheerder)[wie]
    assert FusiePolicy().allowed(user, regio.regio) == FUSIE_ACTIES.get(wie, {})
    assert FusiePolicy().may(user, "record", None) == (wie == "platformbeheerder")


def test_a_predecessor_cannot_merge_twice(regio):
    w = regio
    record(w)
    with pytest.raises(ValidationError):
        fusies.record_fusie(
            datum=FUSIEDATUM, voorgangers=[w.melle, gemeente("Gent", "44021")], opvolger=w.melle, door=None
        )


# --- The review screen ---------------------------------------------------------------------------------------------


def zetels_url(w, fusie):
    return reverse("besturen:fusie_zetels", kwargs={"slug": w.regio.slug, "pk": fusie.pk})


def test_the_secretariat_ends_one_seat_and_moves_another(regio, client):
    w = regio
    fusie = record(w)
    voorzitter, lid = w.voorzitter.lidmaatschap, w.bestuurslid.lidmaatschap  # namens Melle and Merelbeke
    client.force_login(w.secretariaat)
    response = client.post(
        zetels_url(w, fusie), {f"zetel-{voorzitter.pk}": "verplaatsen", f"zetel-{lid.pk}": "beeindigen"}
    )
    assert response.status_code == 302
    voorzitter.refresh_from_db()
    lid.refresh_from_db()
    assert voorzitter.einddatum == FUSIEDATUM and lid.einddatum == FUSIEDATUM
    nieuw = Lidmaatschap.objects.get(persoon=voorzitter.persoon, namens=fusie.opvolger)
    assert (nieuw.orgaan, nieuw.rol, nieuw.begindatum) == (w.bestuur, Rol.VOORZITTER, FUSIEDATUM)
    assert ActionLog.objects.filter(actie="zetels na fusie herzien", scope=f"regio:{w.regio.pk}").count() == 1
    assert list(fusies.te_herzien(fusie, w.regio)) == []


def test_a_choice_for_a_seat_outside_the_merger_is_refused_with_422(regio, client):
    w = regio
    fusie = record(w)
    client.force_login(w.secretariaat)
    response = client.post(zetels_url(w, fusie), {f"zetel-{w.secretariaat.lidmaatschap.pk}": "beeindigen"})
    assert response.status_code == 422
    assert "horen niet (meer) bij deze fusie" in response.content.decode()
    w.secretariaat.lidmaatschap.refresh_from_db()
    assert w.secretariaat.lidmaatschap.einddatum is None


@pytest.mark.parametrize(
    "wie,status",
    [("secretariaat", 200), ("voorzitter", 403), ("raadssecretaris", 403), ("ander_secretariaat", 403)],
)
def test_who_may_open_the_review_screen(regio, client, wie, status):
    w = regio
    fusie = record(w)
    client.force_login(w.users[wie])
    assert client.get(zetels_url(w, fusie)).status_code == status
    assert client.get(reverse("besturen:fusies_regio", kwargs={"slug": w.regio.slug})).status_code == status


def test_the_public_is_sent_to_the_login(regio, client):
    fusie = record(regio)
    assert client.get(zetels_url(regio, fusie)).status_code == 302


def test_another_region_secretariat_may_not_review_seats(regio):
    w = regio
    fusie = record(w)
    with pytest.raises(NotAllowed):
        fusies.review_zetels(
            fusie, w.regio, {w.voorzitter.lidmaatschap.pk: fusies.BEEINDIGEN}, door=w.ander_secretariaat
        )


# --- Pages and their query counts ----------------------------------------------------------------------------------


def extra_zetels(w, aantal):
    for i in range(aantal):
        maak_gebruiker(w.bestuur, Rol.PLAATSVERVANGER, f"Piet{i}", "Plaatsvervanger", namens=w.melle)


@pytest.mark.parametrize("aantal", [2, 20])
def test_the_review_screen_queries_do_not_grow_with_the_seats(
    regio, client, django_assert_max_num_queries, aantal
):
    w = regio
    extra_zetels(w, aantal)
    fusie = record(w)
    client.force_login(w.secretariaat)
    with django_assert_max_num_queries(14):
        response = client.get(zetels_url(w, fusie))
    assert response.content.decode().count('name="zetel-') == aantal + 2
    with django_assert_max_num_queries(14):
        response = client.get(reverse("besturen:fusies_regio", kwargs={"slug": w.regio.slug}))
    assert "Merelbeke-Melle" in response.content.decode()


def test_the_government_pages_tell_the_merger(regio, client, django_assert_max_num_queries):
    w = regio
    fusie = record(w)
    with django_assert_max_num_queries(14):
        content = client.get(w.melle.get_absolute_url()).content.decode()
    assert "Sinds 1 januari 2025 deel van" in content and fusie.opvolger.get_absolute_url() in content
    content = client.get(fusie.opvolger.get_absolute_url()).content.decode()
    assert "Ontstaan op 1 januari 2025 uit" in content and "Melle" in content and "Merelbeke" in content
    client.force_login(w.secretariaat)
    content = client.get(fusie.opvolger.get_absolute_url()).content.decode()
    assert reverse("besturen:fusies_regio", kwargs={"slug": w.regio.slug}) in content


def test_a_stranger_sees_no_review_link(regio, client):
    fusie = record(regio)
    client.force_login(buitenstaander(email="vreemd.fusie@example.org"))
    content = client.get(fusie.opvolger.get_absolute_url()).content.decode()
    assert reverse("besturen:fusies_regio", kwargs={"slug": regio.regio.slug}) not in content
