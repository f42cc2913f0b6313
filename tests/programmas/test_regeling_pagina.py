"""The region's programme settings page: only its secretariat (and the platform administrator, who passes the
secretariat's checks), a change through services.update_regeling with an audit entry, the statutory twelve weeks
refused next to the field, bodies of this region only, the mix key as real percentages, and the versions that keep
what they stored."""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from besturen.models import Orgaan
from programmas import services
from programmas.forms import naar_procent
from programmas.models import Programmaregeling, VersieStatus
from regioportaal.models import ActionLog
from tests.factories import PASSWORD

from .bouw import JAAR, bouw_regio, programma

pytestmark = pytest.mark.django_db

BOUWDAG = datetime.datetime(
    JAAR - 1, 3, 2, 10, tzinfo=datetime.UTC
)  # the builder adopts on 1 June of JAAR - 1

S = VersieStatus


@pytest.fixture
def w(db, snelle_wachtwoorden, media):
    w = bouw_regio(3, sleutel="mix", aandeel_bevolking=Decimal("0.3"), bedrag_per_inwoner=Decimal("2.50"))
    w.admin = get_user_model().objects.create_superuser(email="beheer@example.org", password=PASSWORD)
    return w


def _users(w):
    return {**w.users, "admin": w.admin}


def _url(w):
    return reverse("programmas:regeling", args=[w.regio.slug])


def _client(client, user):
    if user is not None:
        client.force_login(user)
    return client


def _data(w, **wijzigingen):
    """The form as the page fills it in now, with `wijzigingen`."""
    regeling = Programmaregeling.objects.get(regio=w.regio)
    data = {
        "procedure": regeling.procedure,
        "beslisregel": regeling.beslisregel,
        "drempel_leden": str(naar_procent(regeling.drempel_leden)),
        "drempel_bevolking": str(naar_procent(regeling.drempel_bevolking)),
        "amendement": regeling.amendement,
        "termijn_dagen": regeling.termijn_dagen,
        "zienswijze_weken": regeling.zienswijze_weken,
        "bestuursorgaan": regeling.bestuursorgaan_id or "",
        "sleutel": regeling.sleutel,
        "aandeel_bevolking": str(naar_procent(regeling.aandeel_bevolking)),
        "bedrag_per_inwoner": str(regeling.bedrag_per_inwoner or ""),
    }
    data.update(wijzigingen)
    return data


def _wijzigingen():
    """Changes of the settings made through the page (the builder sets them up as the system, door=None)."""
    return ActionLog.objects.filter(actie="programmaregeling gewijzigd", actor__isnull=False)


def _veldfout(html, veld):
    gevonden = re.search(rf'<div class="errorlist" id="id_{veld}_error">(.*?)</div>', html, re.S)
    return gevonden.group(1) if gevonden else ""


# --- Who may -----------------------------------------------------------------------------------------------------------

MAG = {"secretariaat", "admin"}
ROLLEN = sorted(
    MAG
    | {
        "voorzitter",
        "bestuurslid",
        "raadssecretaris",
        "raadslid",
        "buitenstaander",
        "ander_secretariaat",
        "anoniem",
    }
)


@pytest.mark.parametrize("wie", ROLLEN)
def test_only_the_secretariat_opens_the_settings(client, w, wie):
    response = _client(client, _users(w)[wie]).get(_url(w))
    if wie == "anoniem":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == (200 if wie in MAG else 403)


@pytest.mark.parametrize("wie", ROLLEN)
def test_only_the_secretariat_changes_the_settings(client, w, wie):
    response = _client(client, _users(w)[wie]).post(_url(w), _data(w, zienswijze_weken=16))
    regeling = Programmaregeling.objects.get(regio=w.regio)
    if wie in MAG:
        assert response.status_code == 302
        assert regeling.zienswijze_weken == 16
    else:
        assert response.status_code == (302 if wie == "anoniem" else 403)
        assert regeling.zienswijze_weken == 12
        assert not _wijzigingen().exists()


# --- The form -----------------------------------------------------------------------------------------------------------


def test_a_valid_change_is_saved_through_the_service_with_an_audit_entry(client, w):
    response = _client(client, w.secretariaat).post(
        _url(w),
        _data(
            w,
            procedure="zienswijze",
            beslisregel="leden",
            drempel_leden="75",
            zienswijze_weken=14,
            aandeel_bevolking="40",
            bedrag_per_inwoner="1.00",
        ),
    )
    assert response.status_code == 302 and response["Location"] == _url(w)
    regeling = Programmaregeling.objects.get(regio=w.regio)
    assert (regeling.procedure, regeling.beslisregel, regeling.zienswijze_weken) == (
        "zienswijze",
        "leden",
        14,
    )
    assert regeling.drempel_leden == Decimal("0.7500")
    assert regeling.aandeel_bevolking == Decimal("0.4000")
    assert regeling.bedrag_per_inwoner == Decimal("1.00")
    log = _wijzigingen().get()
    assert log.actor == w.secretariaat
    assert set(log.wijzigingen) == {
        "procedure",
        "beslisregel",
        "drempel_leden",
        "zienswijze_weken",
        "aandeel_bevolking",
        "bedrag_per_inwoner",
    }
    pagina = client.get(_url(w)).content.decode()
    assert "Ze geldt voor de versies die nog niet zijn voorgelegd of vastgesteld." in pagina


def test_saving_without_a_change_writes_no_audit_entry(client, w):
    assert _client(client, w.secretariaat).post(_url(w), _data(w)).status_code == 302
    assert not _wijzigingen().exists()


def test_eleven_weeks_are_refused_next_to_the_field(client, w):
    response = _client(client, w.secretariaat).post(_url(w), _data(w, zienswijze_weken=11))
    assert response.status_code == 200
    fout = _veldfout(response.content.decode(), "zienswijze_weken")
    assert "minstens twaalf weken (Wgr art. 35 lid 1)" in fout and "11 weken is te kort" in fout
    assert Programmaregeling.objects.get(regio=w.regio).zienswijze_weken == 12
    assert not _wijzigingen().exists()


def test_twelve_weeks_and_longer_are_allowed(client, w):
    _client(client, w.secretariaat)
    for weken in (12, 26):
        assert client.post(_url(w), _data(w, zienswijze_weken=weken)).status_code == 302
        assert Programmaregeling.objects.get(regio=w.regio).zienswijze_weken == weken


def test_a_body_of_another_region_is_refused(client, w):
    vreemd = Orgaan.objects.filter(regio__isnull=False).exclude(regio=w.regio).first()
    assert vreemd is not None
    response = _client(client, w.secretariaat).post(_url(w), _data(w, bestuursorgaan=vreemd.pk))
    assert response.status_code == 200
    assert _veldfout(response.content.decode(), "bestuursorgaan")
    assert Programmaregeling.objects.get(regio=w.regio).bestuursorgaan == w.bestuur
    assert f'value="{vreemd.pk}"' not in response.content.decode()  # not even offered


def test_a_body_of_this_region_is_accepted(client, w):
    from besturen import services as besturen_services
    from besturen.models import OrgaanSoort

    ander = besturen_services.create_orgaan(
        door=None, soort=OrgaanSoort.REGIOBESTUUR, naam="Algemeen bestuur", regio=w.regio
    )
    response = _client(client, w.secretariaat).post(_url(w), _data(w, bestuursorgaan=ander.pk))
    assert response.status_code == 302
    assert Programmaregeling.objects.get(regio=w.regio).bestuursorgaan == ander


def test_a_threshold_above_100_percent_is_refused_next_to_the_field(client, w):
    response = _client(client, w.secretariaat).post(_url(w), _data(w, drempel_leden="150"))
    assert response.status_code == 200
    assert _veldfout(response.content.decode(), "drempel_leden")


# --- What the page says ------------------------------------------------------------------------------------------------


def test_the_mix_key_shows_real_percentages(client, w):
    html = _client(client, w.secretariaat).get(_url(w)).content.decode()
    assert "30\u00a0% naar inwonertal, 70\u00a0% in gelijke delen" in html
    assert 'name="aandeel_bevolking" value="30.00"' in html
    assert 'name="drempel_leden" value="66.67"' in html
    assert "(1 %)" not in html and "(1\u00a0%)" not in html


def test_the_page_says_a_change_applies_to_versions_not_yet_routed_or_adopted_and_lists_the_frozen_ones(
    client, w
):
    with time_machine.travel(BOUWDAG, tick=False):
        routed = programma(w, tot=S.VOORGELEGD)
        concept = programma(w, jaar=JAAR + 1)
    services.update_regeling(w.regio, door=None, sleutel="gelijk")
    html = _client(client, w.secretariaat).get(_url(w)).content.decode()
    assert "Een wijziging geldt alleen voor versies die nog niet zijn voorgelegd of vastgesteld." in html
    vast = html.split('id="vastgelegd-titel"', 1)[1]
    houden, volgen = vast.split("Versies die een wijziging volgen", 1)
    assert routed.get_absolute_url() in houden and concept.get_absolute_url() not in houden
    assert concept.get_absolute_url() in volgen
    # The routed version still shows the key it stored: a mix of 30 % and 70 %.
    assert "30\u00a0% naar inwonertal, 70\u00a0% in gelijke delen" in houden


def test_the_settings_page_makes_a_bounded_number_of_queries(client, w, django_assert_max_num_queries):
    with time_machine.travel(BOUWDAG, tick=False):
        for jaar in (JAAR, JAAR + 1, JAAR + 2):
            programma(w, jaar=jaar, tot=S.VOORGELEGD if jaar == JAAR else S.CONCEPT)
    _client(client, w.secretariaat)
    with django_assert_max_num_queries(12):
        assert client.get(_url(w)).status_code == 200


def test_a_programme_with_its_own_route_is_named(client, w):
    versie = programma(w)
    services.update_jaarprogramma(versie.jaarprogramma, door=None, procedure="zienswijze")
    html = _client(client, w.secretariaat).get(_url(w)).content.decode()
    assert "met een eigen procedure</h3>" in html
    assert versie.jaarprogramma.get_absolute_url() in html
