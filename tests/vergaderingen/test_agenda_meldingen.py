"""The agenda mail reaches every member of the body with an e-mail address, with or without an account; an addendum
to a published agenda notifies them too. Each message is recorded against the meeting."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from besturen import services as besturen_services
from besturen.models import Rol
from regioportaal.meldingen import meldingen_over
from regioportaal.models import Melding
from vergaderingen import services

from .conftest import plan

pytestmark = pytest.mark.django_db


def _lid(orgaan, voornaam, achternaam, email="", **seat):
    persoon = besturen_services.create_persoon(
        door=None, voornaam=voornaam, achternaam=achternaam, email=email
    )
    besturen_services.add_lidmaatschap(
        persoon=persoon,
        orgaan=orgaan,
        rol=seat.pop("rol", Rol.LID),
        begindatum=seat.pop("begindatum", datetime.date(2024, 1, 1)),
        door=None,
        **seat,
    )
    return persoon


@pytest.fixture
def dbo(w):
    """The world's DBO (three members with an account) plus two mayors without an account, one without an address,
    one whose seat has ended, and the secretary holding a second seat."""
    _lid(w.dbo, "Marc", "Zonderaccount", "marc.zonderaccount@example.org")
    _lid(w.dbo, "Greet", "Zonderaccount", "Greet.Zonderaccount@Example.org", namens=w.aalst)
    _lid(w.dbo, "Paul", "Zonderadres")
    _lid(
        w.dbo,
        "Oud",
        "Lid",
        "oud.lid@example.org",
        einddatum=timezone.localdate() - datetime.timedelta(days=1),
    )
    besturen_services.add_lidmaatschap(
        persoon=w.secretariaat.persoon,
        orgaan=w.dbo,
        rol=Rol.LID,
        begindatum=datetime.date(2024, 1, 1),
        door=None,
    )
    return w.dbo


def _agenda(orgaan):
    vergadering = plan(orgaan)
    services.add_agendapunt(vergadering, titel="Regionale mobiliteit", door=None)
    return vergadering


def test_publishing_the_agenda_creates_one_message_per_member_with_an_address(
    w, dbo, django_capture_on_commit_callbacks
):
    vergadering = _agenda(dbo)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_agenda(vergadering, door=w.secretariaat)

    meldingen = list(meldingen_over(vergadering))
    assert sorted(m.adres for m in meldingen) == [
        "greet.zonderaccount@example.org",
        "lieve.lid@example.org",
        "marc.zonderaccount@example.org",
        "sara.secretaris@example.org",
        "victor.voorzitter@example.org",
    ]
    assert {m.soort for m in meldingen} == {"agenda"}
    zonder = {m.naam: m.user_id for m in meldingen if m.user_id is None}
    assert zonder == {"Greet Zonderaccount": None, "Marc Zonderaccount": None}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.adres for m in meldingen)
    assert all("Regionale mobiliteit" in m.body for m in mail.outbox)
    assert all(m.verzonden_op is not None for m in Melding.objects.all())


def test_a_repeated_agenda_notice_sends_nothing_twice(w, dbo, django_capture_on_commit_callbacks):
    vergadering = _agenda(dbo)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_agenda(vergadering, door=w.secretariaat)
    with django_capture_on_commit_callbacks(execute=True):
        assert services._notify_agenda(vergadering) == []
    assert len(mail.outbox) == 5 and Melding.objects.count() == 5


def test_an_item_added_after_publication_notifies_every_member_once(
    w, dbo, django_capture_on_commit_callbacks
):
    vergadering = _agenda(dbo)
    # An item added before publication is part of the agenda, no addendum.
    services.add_agendapunt(vergadering, titel="Voor publicatie", door=None)
    assert not Melding.objects.filter(soort="addendum").exists()
    services.publish_agenda(vergadering, door=w.secretariaat)
    vergadering.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        punt = services.add_agendapunt(vergadering, titel="Brandweerzone", door=w.secretariaat)
    addenda = Melding.objects.filter(soort="addendum")
    assert addenda.count() == 5
    assert all(m.content_type_id and m.object_id == str(vergadering.pk) for m in addenda)
    assert {m.to[0] for m in mail.outbox if m.subject.startswith("Aanvulling")} == {m.adres for m in addenda}
    assert f"punt {punt.volgnummer}: Brandweerzone" in mail.outbox[-1].body

    services.update_agendapunt(punt, titel="Brandweerzone Zuid", door=w.secretariaat)
    assert addenda.count() == 5  # one notice per added item


def test_accepting_a_proposal_after_publication_notifies_the_members(w, dbo):
    vergadering = _agenda(dbo)
    voorstel = services.propose_agendapunt(vergadering, titel="Fietsbeleid", door=w.lid)
    services.publish_agenda(vergadering, door=w.secretariaat)
    services.accept_voorstel(voorstel, door=w.secretariaat)
    assert (
        Melding.objects.filter(soort="addendum", sleutel=f"vergaderingen:addendum:{voorstel.pk}").count() == 5
    )


def test_notify_leden_is_the_one_way_to_message_the_members_about_a_meeting(w, dbo):
    vergadering = _agenda(dbo)
    created = services.notify_leden(
        vergadering,
        "Vergadering verplaatst",
        "Nieuwe datum.",
        sleutel="verplaatst:1",
        soort="vergadering_gewijzigd",
    )
    assert len(created) == 5
    assert {m.soort for m in meldingen_over(vergadering)} == {"vergadering_gewijzigd"}
