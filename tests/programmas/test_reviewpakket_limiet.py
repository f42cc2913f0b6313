"""Who may have a review packet made, and how often.

The region's own people (its secretariat, its bodies, the councils of its members) have a packet made or remade;
anyone else who may read the version (a public one: everybody) downloads the packet that exists and is refused a
rebuild with 403, writing nothing in the region's log. A rebuild is refused, with the reason on the page, while the
packet is on its way or within `REVIEWPAKKET_REBUILD_INTERVAL` seconds (default 60) of the last request.
"""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from programmas import services
from programmas.models import PakketStatus, Reviewpakket, VersieStatus
from regioportaal.models import ActionLog
from regioportaal.permissions import NotAllowed

from .bouw import programma

S = VersieStatus
TE_VROEG = "zojuist aangevraagd"
ONDERWEG = "wordt al gemaakt"


@pytest.fixture
def versie(wereld):
    return programma(wereld, tot=S.VOORGELEGD)  # public: everybody reads it


def _url(versie, bestuur):
    return reverse("programmas:reviewpakket", args=[versie.pk, bestuur.pk])


def _aanvragen():
    return ActionLog.objects.filter(actie="reviewpakket aangevraagd")


def _klaar(versie, bestuur, geleden=datetime.timedelta(0)):
    """The packet made, asked for `geleden` ago."""
    moment = timezone.now() - geleden
    return Reviewpakket.objects.create(
        versie=versie,
        bestuur=bestuur,
        status=PakketStatus.KLAAR,
        bestand="reviewpakketten/pakket.pdf",
        aangevraagd_op=moment,
        klaar_op=moment,
    )


# --- May and may not ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", ["secretariaat", "bestuurslid", "raadslid", "raadssecretaris_b"])
def test_the_regions_own_people_have_the_packet_made(client, wereld, versie, rol):
    client.force_login(wereld.users[rol])
    response = client.post(_url(versie, wereld.leden[0]))
    assert response.status_code == 302
    pakket = Reviewpakket.objects.get(versie=versie, bestuur=wereld.leden[0])
    assert pakket.status == PakketStatus.WACHTEND
    assert _aanvragen().count() == 1


@pytest.mark.parametrize("rol", ["buitenstaander", "ander_secretariaat"])
def test_a_reader_from_outside_the_region_may_not_rebuild_and_writes_nothing(client, wereld, versie, rol):
    _klaar(versie, wereld.leden[0], geleden=datetime.timedelta(hours=1))
    client.force_login(wereld.users[rol])
    url = _url(versie, wereld.leden[0])
    page = client.get(url).content.decode()
    assert "Maak het pakket opnieuw" not in page and "Alleen het secretariaat" in page
    assert client.post(url).status_code == 403
    assert client.post(url, headers={"HX-Request": "true"}).status_code == 403
    assert not _aanvragen().exists()
    with pytest.raises(NotAllowed):
        services.request_reviewpakket(versie, wereld.leden[0], door=wereld.users[rol])
    pakket = Reviewpakket.objects.get(versie=versie, bestuur=wereld.leden[0])
    assert pakket.status == PakketStatus.KLAAR


def test_a_reader_from_outside_still_finds_and_downloads_the_existing_packet(client, wereld, versie):
    pakket = _klaar(versie, wereld.leden[0])
    pakket.bestand.save("pakket.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    client.force_login(wereld.buitenstaander)
    assert _url(versie, wereld.leden[0]) in client.get(versie.get_absolute_url()).content.decode()
    download = reverse("programmas:reviewpakket_download", args=[versie.pk, wereld.leden[0].pk])
    assert client.get(download).status_code == 200


def test_an_anonymous_visitor_is_asked_to_log_in(client, wereld, versie):
    response = client.post(_url(versie, wereld.leden[0]))
    assert response.status_code == 302 and "/inloggen/" in response["Location"]
    assert not Reviewpakket.objects.exists()


# --- Too soon -------------------------------------------------------------------------------------------------------


def test_a_rebuild_within_the_interval_is_refused_with_the_reason_on_the_page(client, wereld, versie):
    pakket = _klaar(versie, wereld.leden[0], geleden=datetime.timedelta(seconds=10))
    client.force_login(wereld.secretariaat)
    url = _url(versie, wereld.leden[0])
    response = client.post(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    tekst = response.content.decode()
    assert TE_VROEG in tekst and "seconden opnieuw" in tekst and "<html" not in tekst
    response = client.post(url, follow=True)
    assert TE_VROEG in response.content.decode()
    assert not _aanvragen().exists()
    ververst = Reviewpakket.objects.get(pk=pakket.pk)
    assert (ververst.status, ververst.aangevraagd_op) == (PakketStatus.KLAAR, pakket.aangevraagd_op)


def test_a_rebuild_is_allowed_again_once_the_interval_has_passed(client, wereld, versie):
    _klaar(versie, wereld.leden[0], geleden=datetime.timedelta(seconds=10))
    client.force_login(wereld.raadslid)
    url = _url(versie, wereld.leden[0])
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=51), tick=False):
        assert client.post(url).status_code == 302
    assert _aanvragen().count() == 1
    assert Reviewpakket.objects.get(versie=versie).status == PakketStatus.WACHTEND


def test_the_interval_is_a_setting(wereld, versie, settings):
    settings.REVIEWPAKKET_REBUILD_INTERVAL = 600
    _klaar(versie, wereld.leden[0], geleden=datetime.timedelta(minutes=5))
    with pytest.raises(ValidationError, match=TE_VROEG):
        services.request_reviewpakket(versie, wereld.leden[0], door=wereld.secretariaat)
    settings.REVIEWPAKKET_REBUILD_INTERVAL = 60
    services.request_reviewpakket(versie, wereld.leden[0], door=wereld.secretariaat)
    assert _aanvragen().count() == 1


def test_a_packet_on_its_way_is_not_asked_for_again(client, wereld, versie):
    client.force_login(wereld.raadslid)
    url = _url(versie, wereld.leden[0])
    assert client.post(url).status_code == 302  # asked for: on its way (no worker runs the task here)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5), tick=False):
        response = client.post(url, headers={"HX-Request": "true"})
    assert ONDERWEG in response.content.decode()
    assert _aanvragen().count() == 1


def test_two_councils_packets_are_limited_each_on_their_own(wereld, versie):
    services.request_reviewpakket(versie, wereld.leden[0], door=wereld.secretariaat)
    services.request_reviewpakket(versie, wereld.leden[1], door=wereld.secretariaat)
    with pytest.raises(ValidationError, match=ONDERWEG):
        services.request_reviewpakket(versie, wereld.leden[0], door=wereld.raadslid)
    assert _aanvragen().count() == 2
