"""One person, one record: a unique e-mail address per person, no overlapping seats, idempotent adds and
invitations (also under concurrency), and a secretariat that does not see persons of another region."""

import datetime
import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from besturen import services
from besturen.models import Lidmaatschap, Persoon, Rol
from regioportaal.models import ActionLog, OutboxJob
from tests.factories import BEGIN, PASSWORD, LidmaatschapFactory, OrgaanFactory, PersoonFactory

User = get_user_model()


def leden_url(orgaan):
    return reverse("besturen:leden_beheer", kwargs={"pk": orgaan.pk})


def actie_url(lidmaatschap, actie):
    return reverse("besturen:lidmaatschap_actie", kwargs={"pk": lidmaatschap.pk, "actie": actie})


def nieuw_lid(orgaan, **velden):
    data = {
        "voornaam": "Nora",
        "achternaam": "Nieuwkomer",
        "email": "nora@example.org",
        "rol": Rol.LID,
        "namens": "",
        "begindatum": BEGIN.isoformat(),
    }
    data.update(velden)
    return data


# --- 1. One e-mail address, one person -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_database_refuses_a_second_person_with_the_same_address_in_another_case():
    PersoonFactory(email="An.Peeters@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        PersoonFactory(email="an.peeters@EXAMPLE.org")
    PersoonFactory(email="")
    PersoonFactory(email="")  # persons without an address are not the same person


@pytest.mark.django_db
def test_creating_a_person_with_a_taken_address_says_so_next_to_the_field():
    services.create_persoon(door=None, voornaam="An", achternaam="Peeters", email="an@example.org")
    with pytest.raises(ValidationError) as fout:
        services.create_persoon(door=None, voornaam="Anna", achternaam="Peeters", email=" AN@example.org ")
    assert fout.value.message_dict == {"email": ["Er is al een persoon met dit e-mailadres."]}
    assert Persoon.objects.count() == 1


@pytest.mark.django_db
def test_correcting_an_address_to_a_taken_one_is_refused_next_to_the_field(world):
    bert = world.buitenstaander.persoon
    with pytest.raises(ValidationError) as fout:
        services.update_persoon(bert, email="SARA.secretaris@example.org", door=world.platformbeheerder)
    assert list(fout.value.message_dict) == ["email"]


@pytest.mark.django_db
def test_the_admin_form_shows_a_taken_address_next_to_the_field(client, world):
    client.force_login(world.platformbeheerder)
    response = client.post(
        reverse("admin:besturen_persoon_add"),
        {"voornaam": "Sara", "achternaam": "Dubbel", "email": "Sara.Secretaris@example.org"},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"] == ["Er is al een persoon met dit e-mailadres."]


# --- 2. No overlapping seats ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_seat_cannot_overlap_another_of_the_same_person_body_and_role():
    lid = LidmaatschapFactory(begindatum=datetime.date(2024, 1, 1), einddatum=datetime.date(2025, 1, 1))
    zelfde = {"persoon": lid.persoon, "orgaan": lid.orgaan, "rol": Rol.LID, "door": None}
    with pytest.raises(ValidationError) as fout:
        services.add_lidmaatschap(begindatum=datetime.date(2024, 6, 1), **zelfde)
    assert "al een zetel als lid in deze periode" in fout.value.message_dict["rol"][0]
    with pytest.raises(ValidationError):
        services.add_lidmaatschap(
            begindatum=datetime.date(2023, 1, 1), einddatum=datetime.date(2024, 1, 2), **zelfde
        )
    # Before, after (einddatum is the first day off) and with another role: no overlap.
    services.add_lidmaatschap(
        begindatum=datetime.date(2023, 1, 1), einddatum=datetime.date(2024, 1, 1), **zelfde
    )
    services.add_lidmaatschap(begindatum=datetime.date(2025, 1, 1), **zelfde)
    services.add_lidmaatschap(
        persoon=lid.persoon, orgaan=lid.orgaan, rol=Rol.VOORZITTER, begindatum=lid.begindatum, door=None
    )
    assert Lidmaatschap.objects.filter(persoon=lid.persoon).count() == 4


@pytest.mark.django_db
def test_changing_the_role_into_an_overlapping_seat_is_refused():
    lid = LidmaatschapFactory(rol=Rol.LID)
    voorzitter = services.add_lidmaatschap(
        persoon=lid.persoon, orgaan=lid.orgaan, rol=Rol.VOORZITTER, begindatum=lid.begindatum, door=None
    )
    with pytest.raises(ValidationError) as fout:
        services.change_rol(voorzitter, rol=Rol.LID, door=None)
    assert list(fout.value.message_dict) == ["rol"]
    voorzitter.refresh_from_db()
    assert voorzitter.rol == Rol.VOORZITTER


@pytest.mark.django_db
def test_the_database_refuses_two_open_seats_with_one_role():
    lid = LidmaatschapFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        LidmaatschapFactory(persoon=lid.persoon, orgaan=lid.orgaan, begindatum=datetime.date(2030, 1, 1))


@pytest.mark.django_db
def test_adding_the_very_same_seat_again_changes_nothing():
    lid = LidmaatschapFactory()
    logged = ActionLog.objects.count()
    opnieuw = services.add_lidmaatschap(
        persoon=lid.persoon, orgaan=lid.orgaan, rol=lid.rol, begindatum=lid.begindatum, door=None
    )
    assert opnieuw.pk == lid.pk and opnieuw.already_existed
    assert ActionLog.objects.count() == logged


# --- 3. Idempotent adds and invitations -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_double_submit_gives_one_person_and_one_seat(client, world):
    client.force_login(world.secretariaat)
    eerste = client.post(leden_url(world.dbo), nieuw_lid(world.dbo), follow=True)
    tweede = client.post(leden_url(world.dbo), nieuw_lid(world.dbo, email="NORA@example.org"), follow=True)
    assert "Nora Nieuwkomer is toegevoegd." in eerste.content.decode()
    assert "had deze zetel al" in tweede.content.decode()
    persoon = Persoon.objects.get(email__iexact="nora@example.org")
    assert Lidmaatschap.objects.filter(persoon=persoon).count() == 1


@pytest.mark.django_db
def test_inviting_a_person_whose_address_already_has_an_account_links_it(client, world, mailoutbox):
    account = User.objects.create_user(email="nina@example.org", password=PASSWORD)
    nina = services.create_persoon(door=None, voornaam="Nina", achternaam="Nieuw", email="Nina@example.org")
    lid = services.add_lidmaatschap(persoon=nina, orgaan=world.dbo, rol=Rol.LID, begindatum=BEGIN, door=None)
    client.force_login(world.secretariaat)
    response = client.post(actie_url(lid, "uitnodigen"), follow=True)
    assert response.status_code == 200
    assert "had al een account" in response.content.decode()
    nina.refresh_from_db()
    assert nina.user == account
    assert mailoutbox == []
    assert account.groups.filter(name__startswith="orgaan:").exists()  # the seat's role counts at once


@pytest.mark.django_db
def test_a_double_invitation_mails_once(world, django_capture_on_commit_callbacks, mailoutbox):
    nina = services.create_persoon(door=None, voornaam="Nina", achternaam="Nieuw", email="nina@example.org")
    services.add_lidmaatschap(persoon=nina, orgaan=world.dbo, rol=Rol.LID, begindatum=BEGIN, door=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_persoon(nina, door=world.secretariaat)
        services.invite_persoon(nina, door=world.secretariaat)
    assert len(mailoutbox) == 1
    assert OutboxJob.objects.filter(task="besturen.tasks.send_uitnodiging").count() == 1


def _in_parallel(werk, aantal):
    """Run `werk(i)` in `aantal` threads that start together; returns the exceptions they raised."""
    start = threading.Barrier(aantal)
    fouten = []

    def run(i):
        try:
            start.wait(timeout=30)
            werk(i)
        except Exception as exc:  # reported in the test's thread
            fouten.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(aantal)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return fouten


def _skip_on_shared_cache_sqlite():
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("an in-memory SQLite database shared by threads refuses concurrent writers at once")


@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_adds_of_one_person_give_one_person_and_one_seat(world):
    _skip_on_shared_cache_sqlite()

    def add(i):
        services.add_member(
            world.dbo,
            voornaam=f"Nora{i}",
            achternaam="Gelijktijdig",
            email="Nora.Gelijktijdig@example.org" if i % 2 else "nora.gelijktijdig@example.org",
            rol=Rol.LID,
            begindatum=BEGIN,
            namens=world.aalst,
            door=world.secretariaat,
        )

    assert _in_parallel(add, 20) == []
    personen = Persoon.objects.filter(email__iexact="nora.gelijktijdig@example.org")
    assert personen.count() == 1
    assert Lidmaatschap.objects.filter(persoon__in=personen, orgaan=world.dbo).count() == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_invitations_give_one_account_and_one_mail(world, mailoutbox):
    _skip_on_shared_cache_sqlite()
    nina = services.create_persoon(door=None, voornaam="Nina", achternaam="Nieuw", email="nina@example.org")
    services.add_lidmaatschap(persoon=nina, orgaan=world.dbo, rol=Rol.LID, begindatum=BEGIN, door=None)

    def invite(i):
        services.invite_persoon(Persoon.objects.get(pk=nina.pk), door=world.secretariaat)

    assert _in_parallel(invite, 5) == []
    assert User.objects.filter(email="nina@example.org").count() == 1
    assert OutboxJob.objects.filter(task="besturen.tasks.send_uitnodiging").count() == 1


# --- 4. A secretariat sees the persons of its own region ------------------------------------------------------------


@pytest.mark.django_db
def test_reusing_a_person_from_another_region_asks_confirmation_without_revealing_them(client, world):
    client.force_login(world.secretariaat_drecht)
    orgaan = world.regiobestuur_drecht
    data = nieuw_lid(orgaan, voornaam="Iemand", achternaam="Anders", email="LIEVE.lid@example.org")
    response = client.post(leden_url(orgaan), data)
    content = response.content.decode()
    assert "al elders in het portaal bekend" in content
    assert 'type="checkbox" name="bestaande_persoon"' in content
    for geheim in ("Lieve", "Burgemeestersoverleg", "Denderregio"):
        assert geheim not in content
    assert not Lidmaatschap.objects.filter(orgaan=orgaan, persoon=world.lid.persoon).exists()
    assert not Persoon.objects.filter(achternaam="Anders").exists()

    response = client.post(leden_url(orgaan), {**data, "bestaande_persoon": "on"}, follow=True)
    assert "Lieve Lid is toegevoegd." in response.content.decode()
    assert Lidmaatschap.objects.filter(orgaan=orgaan, persoon=world.lid.persoon).count() == 1
    assert not Persoon.objects.filter(achternaam="Anders").exists()


@pytest.mark.django_db
def test_a_person_of_the_own_region_is_reused_without_asking(world):
    lid = services.add_member(
        world.dbo,
        voornaam="Rudi",
        achternaam="Raadslid",
        email="rudi.raadslid@example.org",  # seated in the council of Aalst, a member of the region
        rol=Rol.WAARNEMER,
        begindatum=BEGIN,
        door=world.secretariaat,
    )
    assert lid.persoon == world.raadslid.persoon


@pytest.mark.django_db
def test_the_service_refuses_a_person_from_elsewhere_without_confirmation(world):
    with pytest.raises(services.ConfirmationRequired) as fout:
        services.add_member(
            world.regiobestuur_drecht,
            voornaam="X",
            achternaam="Y",
            email="sara.secretaris@example.org",
            rol=Rol.LID,
            begindatum=BEGIN,
            door=world.secretariaat_drecht,
        )
    assert "Sara" not in " ".join(fout.value.messages)
    # The platform administrator sees everyone.
    lid = services.add_member(
        world.regiobestuur_drecht,
        voornaam="X",
        achternaam="Y",
        email="sara.secretaris@example.org",
        rol=Rol.LID,
        begindatum=BEGIN,
        door=world.platformbeheerder,
    )
    assert lid.persoon == world.secretariaat.persoon


@pytest.mark.django_db
def test_a_body_of_a_government_knows_the_persons_of_that_government(world):
    orgaan = OrgaanFactory(regio=None, bestuur=world.aalst)
    assert services.is_known_here(world.raadslid.persoon, orgaan, world.raadssecretaris)
    assert not services.is_known_here(world.secretariaat_drecht.persoon, orgaan, world.raadssecretaris)


# --- The migration that merges existing duplicates ------------------------------------------------------------------

VOOR = ("besturen", "0003_bevolkingscijfers_bestaande_besturen")


@pytest.mark.django_db(transaction=True)
def test_the_migration_merges_persons_with_one_address_into_the_oldest_and_their_seats():
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    laatste = executor.loader.graph.leaf_nodes()  # every app: going back unapplies dependents elsewhere too
    executor.migrate([VOOR])
    try:
        apps = MigrationExecutor(connection).loader.project_state(VOOR).apps
        Regio, Orgaan = apps.get_model("besturen", "Regio"), apps.get_model("besturen", "Orgaan")
        Persoon_, Lidmaatschap_ = (
            apps.get_model("besturen", "Persoon"),
            apps.get_model("besturen", "Lidmaatschap"),
        )
        regio = Regio.objects.create(naam="R", slug="r", land="BE", rechtsvorm="projectvereniging")
        dbo = Orgaan.objects.create(soort="burgemeestersoverleg", naam="DBO", regio=regio)
        werkgroep = Orgaan.objects.create(soort="werkgroep", naam="Werkgroep", regio=regio)
        account = User.objects.create_user(email="an@example.org")
        oudste = Persoon_.objects.create(voornaam="An", achternaam="Peeters", email="An@example.org")
        tweede = Persoon_.objects.create(
            voornaam="Ann", achternaam="Peeters", email="an@example.org", user_id=account.pk
        )
        derde = Persoon_.objects.create(voornaam="A.", achternaam="Peeters", email="AN@EXAMPLE.ORG")
        anders = Persoon_.objects.create(voornaam="Bo", achternaam="Anders", email="bo@example.org")
        zonder = [Persoon_.objects.create(voornaam="Zonder", achternaam=str(i), email="") for i in range(2)]
        begin, later = datetime.date(2020, 1, 1), datetime.date(2022, 1, 1)
        for persoon, orgaan, sinds in (
            (oudste, dbo, begin),
            (tweede, dbo, begin),  # a double submit's copy: goes
            (derde, dbo, later),  # a later open seat: the earlier one ends when it begins
            (tweede, werkgroep, begin),
            (anders, dbo, begin),
        ):
            Lidmaatschap_.objects.create(persoon=persoon, orgaan=orgaan, rol="lid", begindatum=sinds)
    finally:
        MigrationExecutor(connection).migrate(laatste)

    assert list(Persoon.objects.filter(email__iexact="an@example.org").values_list("pk", flat=True)) == [
        oudste.pk
    ]
    an = Persoon.objects.get(pk=oudste.pk)
    assert (an.voornaam, an.user_id) == ("An", account.pk)
    assert sorted(
        Lidmaatschap.objects.filter(persoon=an).values_list("orgaan__naam", "begindatum", "einddatum")
    ) == [("DBO", begin, later), ("DBO", later, None), ("Werkgroep", begin, None)]
    assert Lidmaatschap.objects.filter(persoon_id=anders.pk).count() == 1
    assert Persoon.objects.filter(pk__in=[p.pk for p in zonder]).count() == 2
    samengevoegd = ActionLog.objects.filter(actie="samengevoegd", object_id=str(oudste.pk))
    assert sorted(e.wijzigingen["samengevoegd_uit"] for e in samengevoegd) == [tweede.pk, derde.pk]
    assert ActionLog.objects.filter(actie__in=["zetel verwijderd", "zetel beëindigd"]).count() == 2
