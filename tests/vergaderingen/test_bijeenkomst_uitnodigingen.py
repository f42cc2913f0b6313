"""Invitations to a planning day: the organiser invites people with or without an account; each registers through a
personal signed link (no account), once, until the deadline; every planning-day mail goes through the one outbox."""

import datetime
import re
import threading
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from besturen import services as besturen_services
from besturen.models import Rol
from regioportaal.models import ActionLog, Melding
from regioportaal.permissions import NotAllowed
from vergaderingen import services
from vergaderingen.models import Inschrijving, KeuzeStatus, Uitnodiging
from vergaderingen.selectors import uitnodiging_kandidaten

from .test_bijeenkomsten import NA_DEADLINE, VOOR_DEADLINE, _dag

pytestmark = pytest.mark.django_db


@pytest.fixture
def voor_deadline():
    with time_machine.travel(VOOR_DEADLINE, tick=False):
        yield


@pytest.fixture
def dag(w, voor_deadline):
    return _dag(w)


def _zonder_account(w, voornaam="Anna", achternaam="Ambtenaar"):
    """An official of Lede with a seat in the DBO but no account."""
    persoon = besturen_services.create_persoon(
        door=None,
        voornaam=voornaam,
        achternaam=achternaam,
        email=f"{voornaam}.{achternaam}@lede.example".lower(),
    )
    besturen_services.add_lidmaatschap(
        persoon=persoon,
        orgaan=w.dbo,
        rol=Rol.PLAATSVERVANGER,
        namens=w.lede,
        begindatum=datetime.date(2020, 1, 1),
        door=None,
    )
    return persoon


def _link(melding):
    return urlsplit(re.search(r"https?://\S+/uitnodiging/\S+/", melding.tekst).group(0)).path


def test_the_candidates_are_the_people_with_a_seat_in_the_region_and_an_address(w, voor_deadline):
    anna = _zonder_account(w)
    kandidaten = {k.persoon.pk: k for k in uitnodiging_kandidaten(w.dender)}
    assert anna.pk in kandidaten and kandidaten[anna.pk].bestuur == w.lede
    assert w.raadslid.persoon.pk in kandidaten and kandidaten[w.raadslid.persoon.pk].bestuur == w.aalst
    assert w.secretariaat_drecht.persoon.pk not in kandidaten
    assert "Plaatsvervanger" in kandidaten[anna.pk].label or "plaatsvervanger" in kandidaten[anna.pk].label


def test_the_organiser_invites_people_with_and_without_an_account_each_by_one_mail(
    w, dag, mailoutbox, django_capture_on_commit_callbacks
):
    anna = _zonder_account(w)
    with django_capture_on_commit_callbacks(execute=True):
        nieuw, al = services.invite(
            dag,
            personen=[anna, w.raadslid.persoon],
            adressen=[("Omar Ouder", "Omar.Ouder@Aalst.example", w.aalst)],
            door=w.secretariaat,
        )
    assert al == [] and sorted(u.email for u in nieuw) == [
        "anna.ambtenaar@lede.example",
        "omar.ouder@aalst.example",
        w.raadslid.email,
    ]
    meldingen = Melding.objects.filter(soort="uitnodiging").order_by("email")
    assert [(m.user, m.email) for m in meldingen] == [
        (w.raadslid, ""),
        (None, "anna.ambtenaar@lede.example"),
        (None, "omar.ouder@aalst.example"),
    ] or {(m.user_id, m.email) for m in meldingen} == {
        (w.raadslid.pk, ""),
        (None, "anna.ambtenaar@lede.example"),
        (None, "omar.ouder@aalst.example"),
    }
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        ["anna.ambtenaar@lede.example", "omar.ouder@aalst.example", w.raadslid.email]
    )
    assert all("/uitnodiging/" in m.body and "12 mei 2031" in m.body for m in mailoutbox)
    assert ActionLog.objects.get(actie="uitgenodigd").actor == w.secretariaat
    assert Uitnodiging.objects.get(email="anna.ambtenaar@lede.example").bestuur == w.lede


def test_inviting_twice_invites_and_mails_once(w, dag, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(dag, adressen=[("Omar", "omar@aalst.example", None)], door=w.secretariaat)
        nieuw, al = services.invite(
            dag, adressen=[("Omar O.", "OMAR@aalst.example", None)], door=w.secretariaat
        )
    assert nieuw == [] and [u.email for u in al] == ["omar@aalst.example"]
    assert Uitnodiging.objects.count() == 1 and len(mailoutbox) == 1


@pytest.mark.parametrize("wie", ["voorzitter", "raadslid", "secretariaat_drecht", "buitenstaander"])
def test_only_the_organiser_invites(w, dag, wie):
    with pytest.raises(NotAllowed):
        services.invite(dag, adressen=[("Omar", "omar@aalst.example", None)], door=getattr(w, wie))
    assert not Uitnodiging.objects.exists()


def test_a_person_outside_the_region_and_a_bad_address_are_refused_and_nothing_is_saved(w, dag):
    with pytest.raises(ValidationError) as exc:
        services.invite(dag, personen=[w.secretariaat_drecht.persoon], door=w.secretariaat)
    assert "personen" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        services.invite(
            dag,
            adressen=[("Omar", "omar@aalst.example", None), ("X", "geen-adres", None)],
            door=w.secretariaat,
        )
    assert "email" in exc.value.error_dict
    assert not Uitnodiging.objects.exists()


def test_no_invitations_after_the_deadline(w):
    with time_machine.travel(VOOR_DEADLINE, tick=False):
        dag = _dag(w)
    with time_machine.travel(NA_DEADLINE, tick=False):
        with pytest.raises(ValidationError, match="gesloten"):
            services.invite(dag, adressen=[("Omar", "omar@aalst.example", None)], door=w.secretariaat)


def _uitnodiging(w, dag, email="omar@aalst.example"):
    (uitnodiging,), _al = services.invite(dag, adressen=[("Omar Ouder", email, w.aalst)], door=w.secretariaat)
    return uitnodiging


def test_the_signed_link_is_for_one_person_and_one_day(w, dag):
    omar = _uitnodiging(w, dag)
    token = services.uitnodiging_token(omar)
    assert services.uitnodiging_van(token) == omar
    assert services.uitnodiging_van(token[:-2] + "xx") is None  # tampered
    ander = _uitnodiging(w, _dag(w), email="omar@aalst.example")
    forged = signing.dumps(
        {"u": omar.pk, "b": ander.bijeenkomst_id, "e": omar.email}, salt="vergaderingen.uitnodiging"
    )
    assert services.uitnodiging_van(forged) is None  # another day
    other_salt = signing.dumps({"u": omar.pk, "b": dag.pk, "e": omar.email}, salt="iets anders")
    assert services.uitnodiging_van(other_salt) is None


def test_an_invitee_registers_through_the_link_once_and_gets_the_confirmation_at_their_address(
    w, dag, mailoutbox, django_capture_on_commit_callbacks
):
    omar = _uitnodiging(w, dag)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        inschrijving, nieuw = services.register_uitnodiging(omar, bestuur=w.aalst, sessies=[w.mob_ochtend])
        again, nieuw_again = services.register_uitnodiging(omar, bestuur=w.lede, sessies=[w.wonen_ochtend])
    assert nieuw and not nieuw_again and again == inschrijving
    assert inschrijving.user is None and inschrijving.uitnodiging == omar and inschrijving.bestuur == w.aalst
    assert list(inschrijving.keuzes.values_list("werksessie__thema", flat=True)) == ["Mobiliteit"]
    (mail,) = mailoutbox  # one confirmation, not two
    assert mail.to == ["omar@aalst.example"] and "Inschrijving bevestigd" in mail.subject
    assert "/uitnodiging/" in mail.body and "bijeenkomst.ics" in mail.body
    log = ActionLog.objects.get(actie="ingeschreven")
    assert log.actor is None and log.wijzigingen["via"] == "uitnodiging"


def test_an_invitee_with_an_account_is_registered_as_that_account(w, dag):
    (uitnodiging,), _ = services.invite(dag, personen=[w.raadslid.persoon], door=w.secretariaat)
    inschrijving, _nieuw = services.register_uitnodiging(
        uitnodiging, bestuur=w.aalst, sessies=[w.mob_ochtend]
    )
    assert inschrijving.user == w.raadslid
    with pytest.raises(ValidationError, match="al ingeschreven"):
        services.register(dag, bestuur=w.aalst, sessies=[w.mob_ochtend], door=w.raadslid)


def test_the_link_expires_at_the_deadline(w):
    with time_machine.travel(VOOR_DEADLINE, tick=False):
        dag = _dag(w)
        omar = _uitnodiging(w, dag)
    with time_machine.travel(NA_DEADLINE, tick=False):
        with pytest.raises(ValidationError, match="gesloten"):
            services.register_uitnodiging(omar, bestuur=w.aalst, sessies=[w.mob_ochtend])
    assert not Inschrijving.objects.exists()


def test_an_invitee_on_the_waiting_list_moves_up_and_hears_of_it_at_their_address(
    w, voor_deadline, mailoutbox, django_capture_on_commit_callbacks
):
    dag = _dag(w, capaciteit=1)
    eerste = services.register(dag, bestuur=w.aalst, sessies=[w.mob_ochtend], door=w.raadslid)
    omar = _uitnodiging(w, dag)
    inschrijving, _ = services.register_uitnodiging(omar, bestuur=w.aalst, sessies=[w.mob_ochtend])
    assert inschrijving.keuzes.get().status == KeuzeStatus.WACHTLIJST
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_inschrijving(eerste, door=w.raadslid)
    assert inschrijving.keuzes.get().status == KeuzeStatus.BEVESTIGD
    (mail,) = mailoutbox
    assert mail.to == ["omar@aalst.example"] and "Mobiliteit" in mail.subject
    assert Melding.objects.filter(email="omar@aalst.example", soort="inschrijving").count() == 2


def test_an_invitee_cancels_through_the_link_and_frees_the_seat(w, voor_deadline):
    dag = _dag(w, capaciteit=1)
    omar = _uitnodiging(w, dag)
    services.register_uitnodiging(omar, bestuur=w.aalst, sessies=[w.mob_ochtend])
    wachtend = services.register(dag, bestuur=w.lede, sessies=[w.mob_ochtend], door=w.lid)
    (opgeschoven,) = services.cancel_uitnodiging_inschrijving(omar)
    assert opgeschoven.inschrijving == wachtend
    assert not Inschrijving.objects.filter(uitnodiging=omar).exists()
    assert services.cancel_uitnodiging_inschrijving(omar) == []  # twice: nothing more happens


@pytest.mark.django_db(transaction=True)
def test_invitees_racing_for_the_last_seat_and_a_double_submit_give_one_seat_and_one_registration(w):
    if connection.vendor != "postgresql":
        pytest.skip("row locks (select_for_update) are only real on PostgreSQL (CI runs it there)")
    with time_machine.travel(VOOR_DEADLINE, tick=False):
        dag = _dag(w, capaciteit=1)
        uitnodigingen, _ = services.invite(
            dag,
            adressen=[(f"Genodigde {i}", f"genodigde{i}@aalst.example", w.aalst) for i in range(4)],
            door=None,
        )
    pogingen = [*uitnodigingen, uitnodigingen[0], uitnodigingen[0]]  # the first one submits three times
    barrier = threading.Barrier(len(pogingen))
    errors = []

    def register(uitnodiging):
        try:
            barrier.wait()
            services.register_uitnodiging(uitnodiging, bestuur=w.aalst, sessies=[w.mob_ochtend])
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(u,)) for u in pogingen]
    with time_machine.travel(VOOR_DEADLINE, tick=False):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert Inschrijving.objects.filter(bijeenkomst=dag).count() == 4  # one per invitee
    statuses = list(w.mob_ochtend.keuzes.values_list("status", flat=True))
    assert statuses.count(KeuzeStatus.BEVESTIGD) == 1 and statuses.count(KeuzeStatus.WACHTLIJST) == 3
    assert Melding.objects.filter(soort="inschrijving").count() == 4


def test_the_personal_page_registers_without_login_and_a_second_submit_changes_nothing(w, dag, client):
    omar = _uitnodiging(w, dag)
    url = reverse("vergaderingen:uitnodiging", args=[services.uitnodiging_token(omar)])
    page = client.get(url)
    assert page.status_code == 200 and "Omar Ouder" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    data = {"bestuur": w.aalst.pk, f"blok_{w.ochtend.pk}": w.mob_ochtend.pk}
    response = client.post(url, data, follow=True)
    assert "U bent ingeschreven namens Aalst" in response.content.decode()
    response = client.post(url, {**data, f"blok_{w.ochtend.pk}": w.wonen_ochtend.pk}, follow=True)
    assert "U was al ingeschreven" in response.content.decode()
    assert list(Inschrijving.objects.get(uitnodiging=omar).keuzes.values_list("werksessie", flat=True)) == [
        w.mob_ochtend.pk
    ]


def test_the_personal_page_refuses_bad_input_with_422_and_a_tampered_link_with_404(w, dag, client):
    omar = _uitnodiging(w, dag)
    token = services.uitnodiging_token(omar)
    url = reverse("vergaderingen:uitnodiging", args=[token])
    response = client.post(url, {"bestuur": w.aalst.pk})
    assert response.status_code == 422 and "Kies minstens één werksessie" in response.content.decode()
    assert not Inschrijving.objects.exists()
    assert client.get(reverse("vergaderingen:uitnodiging", args=[token[:-3] + "abc"])).status_code == 404


def test_after_the_deadline_the_personal_page_says_the_link_expired(w, client):
    with time_machine.travel(VOOR_DEADLINE, tick=False):
        dag = _dag(w)
        url = reverse("vergaderingen:uitnodiging", args=[services.uitnodiging_token(_uitnodiging(w, dag))])
    with time_machine.travel(NA_DEADLINE, tick=False):
        response = client.get(url)
        assert response.status_code == 410 and "verlopen" in response.content.decode()
        response = client.post(url, {"bestuur": w.aalst.pk, f"blok_{w.ochtend.pk}": w.mob_ochtend.pk})
        assert response.status_code == 410
    assert not Inschrijving.objects.exists()


def test_the_personal_page_queries_do_not_grow_with_the_number_of_sessions(
    w, dag, client, django_assert_max_num_queries
):
    omar = _uitnodiging(w, dag)
    url = reverse("vergaderingen:uitnodiging", args=[services.uitnodiging_token(omar)])
    client.get(url)
    with django_assert_max_num_queries(14) as weinig:
        assert client.get(url).status_code == 200
    for i in range(10):
        services.add_werksessie(w.ochtend, thema=f"Thema {i}", capaciteit=5, door=None)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        assert client.get(url).status_code == 200


def test_a_registration_link_in_the_mail_reads_the_invitation(
    w, dag, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(dag, adressen=[("Omar Ouder", "omar@aalst.example", w.aalst)], door=w.secretariaat)
    melding = Melding.objects.get(soort="uitnodiging")
    assert services.uitnodiging_van(_link(melding).split("/")[-2]) == Uitnodiging.objects.get()
