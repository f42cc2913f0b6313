"""One outbox for every message: to accounts and to persons' own addresses, each by their choice, sent once, with an
unsubscribe link for optional mail, and a list per meeting of who received what."""

from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from besturen import services as besturen_services
from besturen.models import Rol
from regioportaal import meldingen, privacy
from regioportaal.meldingen import Adres, send
from regioportaal.models import ActionLog, Afmelding, Melding, MeldingSoort, OutboxJob
from regioportaal.tasks import CLAIM_STALE, send_digests, send_melding
from tests.vergaderingen.conftest import plan
from vergaderingen import services as vergaderingen_services

pytestmark = pytest.mark.django_db

JAN = Adres("Jan Zonder Account", "Jan.Zonder@Example.org")


def _sent(callbacks_fixture, *args, **kwargs):
    """`send(...)` and run what the commit hands over (the outbox's jobs), as a request would."""
    with callbacks_fixture(execute=True):
        return send(*args, **kwargs)


def _link_in(body):
    regel = next(line for line in body.splitlines() if "/afmelden/" in line)
    return urlparse(regel.strip()).path


# --- Sending: accounts and addresses, immediate or digest --------------------------------------------------------


def test_send_reaches_an_account_and_a_person_without_one_each_with_one_record(
    world, django_capture_on_commit_callbacks
):
    created = _sent(
        django_capture_on_commit_callbacks,
        [world.lid, JAN],
        "Agenda DBO",
        "De agenda staat klaar.",
        soort="agenda",
    )
    assert len(created) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["jan.zonder@example.org", world.lid.email]
    jan = Melding.objects.get(user__isnull=True)
    assert (jan.email, jan.naam, jan.ontvanger, jan.soort) == (
        "jan.zonder@example.org",
        "Jan Zonder Account",
        "Jan Zonder Account",
        "agenda",
    )
    assert all(m.verzonden_op is not None for m in Melding.objects.all())
    assert OutboxJob.objects.filter(task="regioportaal.tasks.send_melding").count() == 2


def test_one_address_named_twice_gets_one_message(world, django_capture_on_commit_callbacks):
    dubbel = Adres("Lieve (eigen adres)", world.lid.email.upper())
    _sent(django_capture_on_commit_callbacks, [world.lid, dubbel, world.lid], "Agenda", "Klaar.")
    assert Melding.objects.count() == 1 and len(mail.outbox) == 1


def test_a_repeat_key_sends_nothing_again_to_an_address(world, django_capture_on_commit_callbacks):
    _sent(django_capture_on_commit_callbacks, [JAN], "Herinnering", "Termijn.", sleutel="termijn:1")
    assert (
        _sent(django_capture_on_commit_callbacks, [JAN], "Herinnering", "Termijn.", sleutel="termijn:1") == []
    )
    assert len(mail.outbox) == 1


def test_the_daily_digest_choice_is_respected_and_an_address_is_mailed_at_once(
    world, django_capture_on_commit_callbacks
):
    world.lid.meldingen = "dagelijks"
    world.lid.save()
    _sent(django_capture_on_commit_callbacks, [world.lid, JAN], "Agenda DBO", "De agenda staat klaar.")
    _sent(django_capture_on_commit_callbacks, [world.lid], "Aanvulling DBO", "Punt 4 erbij.")
    assert [m.to[0] for m in mail.outbox] == ["jan.zonder@example.org"]
    assert Melding.objects.get(user=world.lid, onderwerp="Agenda DBO").status == "dagoverzicht"

    send_digests.delay()
    bundel = mail.outbox[-1]
    assert bundel.to == [world.lid.email] and len(mail.outbox) == 2
    assert "Agenda DBO" in bundel.body and "Aanvulling DBO" in bundel.body
    assert not Melding.objects.filter(verzonden_op__isnull=True).exists()


def test_an_address_of_an_account_follows_that_accounts_digest_choice(
    world, django_capture_on_commit_callbacks
):
    world.lid.meldingen = "dagelijks"
    world.lid.save()
    _sent(
        django_capture_on_commit_callbacks, [Adres("Lieve", world.lid.email.upper())], "Uitnodiging", "Kom."
    )
    assert mail.outbox == []
    assert Melding.objects.get().user == world.lid


def test_existing_callers_of_notify_keep_working(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        created = meldingen.notify([world.voorzitter], "Vastgesteld", "Het bestuur stelde de versie vast.")
    assert [m.user for m in created] == [world.voorzitter]
    assert [m.subject for m in mail.outbox] == ["Vastgesteld"]


# --- Sent once: retries, re-dispatched jobs and the daily run ---------------------------------------------------


def test_sending_a_message_twice_mails_it_once():
    melding = Melding.objects.create(email="jan@example.org", naam="Jan", onderwerp="Agenda", tekst="Klaar.")
    send_melding.delay(melding.pk)
    send_melding.delay(melding.pk)
    send_digests.delay()
    assert len(mail.outbox) == 1


def test_a_message_another_run_is_sending_is_left_to_that_run_until_its_claim_is_stale():
    melding = Melding.objects.create(email="jan@example.org", naam="Jan", onderwerp="Agenda", tekst="Klaar.")
    Melding.objects.filter(pk=melding.pk).update(verzending_gestart=timezone.now())
    send_melding.delay(melding.pk)
    assert mail.outbox == []
    Melding.objects.filter(pk=melding.pk).update(verzending_gestart=timezone.now() - CLAIM_STALE * 2)
    send_melding.delay(melding.pk)
    assert len(mail.outbox) == 1


def test_a_failed_mail_keeps_its_error_and_the_retry_sends_it_once(monkeypatch):
    melding = Melding.objects.create(email="jan@example.org", naam="Jan", onderwerp="Agenda", tekst="Klaar.")

    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with pytest.raises(Exception):  # noqa: B017 - the task fails (and Celery retries it)
        send_melding.run(melding.pk)
    melding.refresh_from_db()
    assert melding.verzonden_op is None and melding.verzending_gestart is None
    assert melding.status == "mislukt" and "mail server down" in melding.fout

    monkeypatch.undo()
    send_melding.run(melding.pk)
    send_melding.run(melding.pk)
    melding.refresh_from_db()
    assert len(mail.outbox) == 1 and melding.status == "verzonden" and melding.fout == ""


def test_the_daily_run_sends_an_immediate_message_left_unsent_but_not_a_fresh_one(world):
    oud = Melding.objects.create(user=world.lid, onderwerp="Oud", tekst="x")
    Melding.objects.filter(pk=oud.pk).update(aangemaakt=timezone.now() - timedelta(hours=2))
    verweesd = Melding.objects.create(email="jan@example.org", naam="Jan", onderwerp="Verweesd", tekst="x")
    Melding.objects.filter(pk=verweesd.pk).update(aangemaakt=timezone.now() - timedelta(hours=2))
    Melding.objects.create(user=world.voorzitter, onderwerp="Vers", tekst="x")  # its own task sends it
    send_digests.delay()
    send_digests.delay()
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("jan@example.org", "Verweesd"),
        (world.lid.email, "Regioportaal: uw meldingen van vandaag"),
    ]


# --- Unsubscribing from optional mail ---------------------------------------------------------------------------


def test_optional_mail_carries_a_signed_unsubscribe_link_and_mail_of_an_office_does_not(
    world, django_capture_on_commit_callbacks
):
    _sent(
        django_capture_on_commit_callbacks,
        [JAN],
        "Uitnodiging",
        "Kom naar de planningsdag.",
        soort="uitnodiging",
    )
    _sent(django_capture_on_commit_callbacks, [JAN], "Agenda", "De agenda staat klaar.", soort="agenda")
    uitnodiging, agenda = mail.outbox
    assert "/afmelden/" in uitnodiging.body
    assert uitnodiging.extra_headers["List-Unsubscribe"].startswith("<http")
    assert "/afmelden/" not in agenda.body and "List-Unsubscribe" not in agenda.extra_headers
    assert meldingen.read_unsubscribe_token(_link_in(uitnodiging.body).split("/")[2]) == (
        "jan.zonder@example.org",
        "uitnodiging",
    )


def test_the_link_unsubscribes_without_login_after_confirming_and_skips_that_kind_only(
    world, client, django_capture_on_commit_callbacks
):
    _sent(django_capture_on_commit_callbacks, [JAN], "Uitnodiging", "Kom.", soort="uitnodiging")
    link = _link_in(mail.outbox[0].body)

    page = client.get(link)
    assert page.status_code == 200
    assert "jan.zonder@example.org" in page.content.decode()
    assert not Afmelding.objects.exists()  # a link checker that follows the link unsubscribes nobody

    response = client.post(link, {"actie": "afmelden"}, follow=True)
    assert "U bent afgemeld" in response.content.decode()
    assert list(Afmelding.objects.values_list("email", "soort")) == [
        ("jan.zonder@example.org", "uitnodiging")
    ]
    assert ActionLog.objects.filter(actie="afgemeld", actor=None).count() == 1
    client.post(link, {"actie": "afmelden"})  # twice: still one
    assert Afmelding.objects.count() == 1

    mail.outbox.clear()
    assert _sent(
        django_capture_on_commit_callbacks, [JAN, world.lid], "Uitnodiging 2", "Kom.", soort="uitnodiging"
    )
    assert [m.to[0] for m in mail.outbox] == [world.lid.email]  # the opted-out address is skipped
    mail.outbox.clear()
    _sent(django_capture_on_commit_callbacks, [JAN], "Herinnering", "Termijn.", soort="herinnering")
    assert len(mail.outbox) == 1  # another optional kind still arrives


def test_an_unsubscribed_account_holder_is_skipped_too(world, client, django_capture_on_commit_callbacks):
    meldingen.unsubscribe(world.lid.email, "herinnering")
    assert (
        _sent(django_capture_on_commit_callbacks, [world.lid], "Herinnering", "x", soort="herinnering") == []
    )
    assert mail.outbox == []


def test_resubscribing_undoes_it(client, django_capture_on_commit_callbacks):
    link = reverse("afmelden", args=[meldingen.afmeldtoken(JAN.email, "uitnodiging")])
    client.post(link, {"actie": "afmelden"})
    response = client.post(link, {"actie": "aanmelden"}, follow=True)
    assert "U ontvangt deze e-mails weer" in response.content.decode()
    assert not Afmelding.objects.exists()
    _sent(django_capture_on_commit_callbacks, [JAN], "Uitnodiging", "Kom.", soort="uitnodiging")
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "token",
    [
        "kapot",
        meldingen.afmeldtoken("jan@example.org", "uitnodiging")[:-2] + "xx",  # tampered signature
        signing.dumps({"e": "jan@example.org", "s": "uitnodiging"}, salt="een ander doel"),  # another purpose
        signing.dumps({"e": "jan@example.org", "s": "agenda"}, salt=meldingen.AFMELDEN_SALT),  # mandatory
    ],
    # The signed tokens carry a timestamp: fixed ids keep the test names equal in every xdist worker.
    ids=["kapot", "tampered", "another-purpose", "mandatory-kind"],
)
def test_a_tampered_or_foreign_link_is_refused_and_records_nothing(client, token):
    link = reverse("afmelden", args=[token])
    page = client.get(link)
    assert page.status_code == 400
    assert "Deze afmeldlink is ongeldig" in page.content.decode()
    assert client.post(link, {"actie": "afmelden"}).status_code == 400
    assert not Afmelding.objects.exists()


def test_mail_of_an_office_cannot_be_unsubscribed_from(world, django_capture_on_commit_callbacks):
    with pytest.raises(ValueError):
        meldingen.unsubscribe(JAN.email, MeldingSoort.AGENDA)
    Afmelding.objects.create(email="jan.zonder@example.org", soort=MeldingSoort.AGENDA)  # even a stray row
    _sent(django_capture_on_commit_callbacks, [JAN], "Agenda", "Klaar.", soort="agenda")
    assert len(mail.outbox) == 1


# --- Privacy: messages to a person's own address ----------------------------------------------------------------


def test_export_and_erasure_cover_messages_to_a_persons_address_without_an_account(
    world, django_capture_on_commit_callbacks
):
    persoon = besturen_services.create_persoon(
        door=None, voornaam="Jan", achternaam="Zonder", email="jan.zonder@example.org"
    )
    _sent(django_capture_on_commit_callbacks, [Adres(str(persoon), persoon.email)], "Agenda JAN-SPOOR", "x")
    meldingen.unsubscribe(persoon.email, "uitnodiging")
    andere = Melding.objects.create(email="iemand@example.org", naam="Iemand", onderwerp="Ander", tekst="x")

    data = privacy.export(privacy.find("jan.zonder@example.org"), door=world.platformbeheerder)
    deel = data["onderdelen"]["regioportaal"]
    assert [m["onderwerp"] for m in deel["meldingen"]] == ["Agenda JAN-SPOOR"]
    assert deel["afmeldingen"][0]["e-mailadres"] == "jan.zonder@example.org"

    privacy.erase(privacy.find("jan.zonder@example.org"), door=world.platformbeheerder)
    assert list(Melding.objects.all()) == [andere]
    assert not Afmelding.objects.exists()


# --- Who received the agenda? -----------------------------------------------------------------------------------


def _leden_zonder_account(orgaan, aantal):
    for nummer in range(aantal):
        persoon = besturen_services.create_persoon(
            door=None, voornaam="Lid", achternaam=f"Zonder{nummer}", email=f"lid{nummer}@example.org"
        )
        besturen_services.add_lidmaatschap(
            persoon=persoon, orgaan=orgaan, rol=Rol.LID, begindatum=timezone.localdate(), door=None
        )


def _gepubliceerd(orgaan):
    vergadering = plan(orgaan)
    vergaderingen_services.add_agendapunt(vergadering, titel="Regionale mobiliteit", door=None)
    return vergaderingen_services.publish_agenda(vergadering, door=None)


def test_the_secretariat_sees_who_received_the_agenda(world, client, django_capture_on_commit_callbacks):
    _leden_zonder_account(world.dbo, 1)
    besturen_services.add_lidmaatschap(
        persoon=besturen_services.create_persoon(door=None, voornaam="Zonder", achternaam="Adres"),
        orgaan=world.dbo,
        rol=Rol.LID,
        begindatum=timezone.localdate(),
        door=None,
    )
    world.lid.meldingen = "dagelijks"
    world.lid.save()
    with django_capture_on_commit_callbacks(execute=True):
        vergadering = _gepubliceerd(world.dbo)
    client.force_login(world.secretariaat)

    page = client.get(reverse("vergaderingen:vergadering", args=[vergadering.pk]))
    assert reverse("vergaderingen:ontvangers", args=[vergadering.pk]) in page.content.decode()
    page = client.get(reverse("vergaderingen:ontvangers", args=[vergadering.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    for tekst in ("lid0@example.org", "zonder account", world.lid.email, "wacht op de dagelijkse bundel"):
        assert tekst in html
    assert html.count("agenda gepubliceerd") == 4  # secretary, chair, member, the member without an account
    assert "Zonder Adres" in html  # reached by no mail: named under "Leden zonder e-mailadres"


@pytest.mark.parametrize("rol", ["voorzitter", "lid", "raadslid", "secretariaat_drecht", "platformbeheerder"])
def test_who_may_not_manage_the_meeting_does_not_see_its_recipients(world, client, rol):
    vergadering = _gepubliceerd(world.dbo)
    client.force_login(world.users[rol])
    assert client.get(reverse("vergaderingen:ontvangers", args=[vergadering.pk])).status_code in (403, 404)


def test_the_anonymous_visitor_is_sent_to_the_login_or_sees_nothing(world, client):
    vergadering = _gepubliceerd(world.dbo)
    response = client.get(reverse("vergaderingen:ontvangers", args=[vergadering.pk]))
    assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("aantal", [2, 20])
def test_the_recipients_page_needs_as_many_queries_for_20_members_as_for_2(
    world, client, aantal, django_assert_max_num_queries
):
    _leden_zonder_account(world.dbo, aantal)
    vergadering = _gepubliceerd(world.dbo)
    assert Melding.objects.filter(object_id=str(vergadering.pk)).count() == aantal + 3
    client.force_login(world.secretariaat)
    with django_assert_max_num_queries(9):
        assert client.get(reverse("vergaderingen:ontvangers", args=[vergadering.pk])).status_code == 200
