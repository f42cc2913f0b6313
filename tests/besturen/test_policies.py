"""The policies of besturen: per action a may and a may-not, and per model a walk over its states and every role
that asserts "button and guard never disagree": the policy offers an action exactly when the page or the public
service behind it succeeds for that user (with valid input), and the member screen shows a seat's buttons exactly
when the policy offers them. The secretariat's buttons on a seat are also stated as a literal.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from besturen import services
from besturen.models import (
    Lidmaatschap,
    Orgaan,
    OrgaanSoort,
    PartijSoort,
    Persoon,
    Regio,
    Rol,
    Stuk,
)
from besturen.policies import LidmaatschapPolicy, OrgaanPolicy, PersoonPolicy, RegioPolicy, StukPolicy
from regioportaal.permissions import NotAllowed
from tests.wereld import ROLLEN

pytestmark = pytest.mark.django_db


def vandaag():
    return timezone.localdate()


def _door(w, wie):
    return w.users[wie] or AnonymousUser()


def _lukt(dienst, *args):
    """Whether the service succeeds (raises nothing); rolled back either way, so one world serves every role."""
    with transaction.atomic():
        try:
            dienst(*args)
            lukt = True
        except (NotAllowed, ValidationError):
            lukt = False
        transaction.set_rollback(True)
    return lukt


def _pagina(client, w, wie, url):
    """Whether the page answers 200 to this role (anonymous: the login redirect is no 200)."""
    client.logout()
    if w.users[wie] is not None:
        client.force_login(w.users[wie])
    return client.get(url).status_code == 200


@pytest.fixture
def w(wereld):
    """The besturen world with a steering group of the Denderregio: a province, a person for it, the water board's
    own seat, and seats in every state the member screen knows."""
    w = wereld
    w.stuurgroep = services.create_orgaan(
        door=None, soort=OrgaanSoort.STUURGROEP, naam="Stuurgroep Mobiliteit", regio=w.dender
    )
    w.provincie = services.create_externe_partij(
        w.stuurgroep, naam="Provincie Oost-Vlaanderen", soort=PartijSoort.PROVINCIE, door=None
    )
    w.waterschap = services.create_externe_partij(
        w.stuurgroep, naam="Vlaamse Waterweg", soort=PartijSoort.ANDERS, door=None
    )

    def zetel(orgaan, persoon=None, **extra):
        extra.setdefault("begindatum", datetime.date(2020, 1, 1))
        return services.add_lidmaatschap(persoon=persoon, orgaan=orgaan, rol=Rol.LID, door=None, **extra)

    def persoon(voornaam, email=""):
        return services.create_persoon(door=None, voornaam=voornaam, achternaam="Test", email=email)

    uitgenodigd = persoon("Ursula", "ursula@example.org")
    w.zetels = {
        "met account": w.lidmaatschap,
        "zonder account": w.lidmaatschap_zonder_account,
        "uitgenodigd": zetel(w.dbo, uitgenodigd, namens=w.lede),
        "zonder e-mailadres": zetel(w.dbo, persoon("Zeno"), namens=w.aalst),
        "toekomstig": zetel(
            w.dbo, persoon("Tom", "tom@example.org"), begindatum=vandaag() + datetime.timedelta(days=30)
        ),
        "namens een partij": zetel(
            w.stuurgroep, persoon("Pieter", "pieter@example.org"), externe_partij=w.provincie
        ),
        "partij zelf": zetel(w.stuurgroep, externe_partij=w.waterschap),
        "raad Aalst": w.lidmaatschap_raad_aalst,
    }
    services.invite_persoon(uitgenodigd, door=None)
    return w


def _zetel(pk):
    return Lidmaatschap.objects.select_related("orgaan__regio", "persoon__user", "externe_partij").get(pk=pk)


# --- May and may not, per action ----------------------------------------------------------------------------------


def test_the_regions_secretariat_manages_its_region_and_no_other(w):
    beleid = RegioPolicy()
    volledig = {"manage": True, "create_orgaan": True, "update_regio": True, "view_logboek": True}
    assert beleid.allowed(w.secretariaat, w.dender) == volledig
    assert beleid.allowed(w.platformbeheerder, w.dender) == volledig
    assert beleid.allowed(w.secretariaat, w.drecht) == {}
    for wie in ("voorzitter", "lid", "raadssecretaris", "raadslid", "buitenstaander", "anoniem"):
        assert beleid.allowed(_door(w, wie), w.dender) == {}, wie
    with pytest.raises(NotAllowed, match="U mag Drechtsteden niet beheren."):
        beleid.require(w.secretariaat, "create_orgaan", w.drecht)
    beleid.require(None, "create_orgaan", w.drecht)  # the system acts


def test_a_bodys_secretariat_manages_its_seats_and_a_council_seats_no_external_party(w):
    assert OrgaanPolicy().allowed(w.secretariaat, w.dbo) == {
        "manage_leden": True,
        "add_lidmaatschap": True,
        "add_externe_partij": True,
        "update_orgaan": True,
        "add_stuk": True,
    }
    raad = OrgaanPolicy().allowed(w.raadssecretaris, w.raad_aalst)
    assert raad == {"manage_leden": True, "add_lidmaatschap": True, "update_orgaan": True, "add_stuk": True}
    assert not OrgaanPolicy().may(w.secretariaat, "manage_leden", w.raad_aalst)
    assert not OrgaanPolicy().may(w.voorzitter, "add_stuk", w.dbo)
    with pytest.raises(NotAllowed, match="U mag de leden van Gemeenteraad Aalst niet beheren."):
        OrgaanPolicy().require(w.secretariaat, "add_lidmaatschap", w.raad_aalst)
    with pytest.raises(ValidationError, match="Alleen de organen van een regio"):
        OrgaanPolicy().require(w.raadssecretaris, "add_externe_partij", w.raad_aalst)


def test_a_seat_is_changed_and_ended_by_its_bodys_secretariat_and_a_partys_own_seat_invites_nobody(w):
    zelf = _zetel(w.zetels["partij zelf"].pk)
    assert LidmaatschapPolicy().allowed(w.secretariaat, zelf) == {"change_rol": True, "end": True}
    assert LidmaatschapPolicy().allowed(w.voorzitter, zelf) == {}
    with pytest.raises(NotAllowed, match="Een externe partij krijgt geen account"):
        LidmaatschapPolicy().require(w.secretariaat, "invite", zelf)
    namens = _zetel(w.zetels["namens een partij"].pk)
    assert LidmaatschapPolicy().may(w.secretariaat, "invite", namens)
    assert not LidmaatschapPolicy().may(w.secretariaat_drecht, "invite", namens)


def test_a_person_is_invited_while_they_have_an_address_and_no_account_to_log_in_with(w):
    assert PersoonPolicy().may(w.secretariaat, "invite", w.zonder_account)
    assert not PersoonPolicy().may(w.raadssecretaris, "invite", w.zonder_account)
    with pytest.raises(NotAllowed, match="heeft al een account en kan gewoon inloggen"):
        PersoonPolicy().require(w.secretariaat, "invite", w.lid.persoon)
    zonder = Persoon.objects.get(voornaam="Zeno")
    with pytest.raises(NotAllowed, match="heeft geen e-mailadres"):
        PersoonPolicy().require(None, "invite", zonder)  # the state holds for the system too


def test_members_read_and_comment_the_platform_administrator_reads_only(w):
    beleid = StukPolicy()
    assert beleid.allowed(w.lid, w.stuk_orgaan) == {"view": True, "comment": True}
    assert beleid.allowed(w.platformbeheerder, w.stuk_orgaan) == {"view": True}
    assert beleid.allowed(AnonymousUser(), w.stuk_openbaar) == {"view": True}
    assert beleid.allowed(w.raadslid, w.stuk_orgaan) == {}
    with pytest.raises(NotAllowed, match="U mag niet reageren op dit stuk."):
        beleid.require(None, "comment", w.stuk_openbaar)  # the system speaks for no member


def test_the_holders_are_the_regions_secretariat_and_the_platform_administrator(w):
    houders = set(RegioPolicy().users("manage", w.dender))
    assert houders == {w.secretariaat, w.platformbeheerder}
    assert set(OrgaanPolicy().users("manage_leden", w.raad_aalst)) == {w.raadssecretaris, w.platformbeheerder}
    beheerbaar = OrgaanPolicy().objects(w.raadssecretaris, "manage_leden", Orgaan.objects.all())
    assert list(beheerbaar) == [w.raad_aalst]
    assert list(RegioPolicy().objects(w.secretariaat_drecht, "manage", Regio.objects.all())) == [w.drecht]


def test_a_policy_asks_the_permission_tables_once_for_a_whole_member_list(w, django_assert_max_num_queries):
    zetels = list(Lidmaatschap.objects.filter(orgaan=w.dbo).select_related("persoon__user"))
    beleid = LidmaatschapPolicy()
    with django_assert_max_num_queries(3):
        beleid.rows(w.secretariaat, w.dbo, zetels)
    assert all("change_rol" in zetel.acties for zetel in zetels)


# --- Button and guard never disagree ------------------------------------------------------------------------------

ZETEL_DIENSTEN = {
    "change_rol": lambda lid, door: services.change_rol(lid, rol=Rol.PLAATSVERVANGER, door=door),
    "end": lambda lid, door: services.end_lidmaatschap(
        lid, einddatum=max(vandaag(), lid.begindatum), door=door
    ),
    # A party's own seat has no person to invite: there is nothing the service could do.
    "invite": lambda lid, door: (
        services.invite_persoon(lid.persoon, door=door) if lid.persoon_id else _weigeren()
    ),
}


def _weigeren():
    raise NotAllowed("geen persoon")


# The secretariat's buttons per seat (the platform administrator's are the same; nobody else has any but the
# council's secretary on the council seat).
SECRETARIAAT = {
    "met account": {"change_rol", "end"},
    "zonder account": {"change_rol", "end", "invite"},
    "uitgenodigd": {"change_rol", "end", "invite"},
    "zonder e-mailadres": {"change_rol", "end"},
    "toekomstig": {"change_rol", "end", "invite"},
    "namens een partij": {"change_rol", "end", "invite"},
    "partij zelf": {"change_rol", "end"},
    "raad Aalst": set(),
}


def test_a_seats_buttons_are_offered_exactly_when_its_services_succeed(w):
    for toestand, zetel in w.zetels.items():
        knoppen = {}
        for wie in ROLLEN:
            door = _door(w, wie)
            knoppen[wie] = set(LidmaatschapPolicy().allowed(door, _zetel(zetel.pk)))
            for actie, dienst in ZETEL_DIENSTEN.items():
                lukt = _lukt(dienst, _zetel(zetel.pk), door)
                assert (actie in knoppen[wie]) is lukt, (toestand, wie, actie, lukt)
        assert knoppen["secretariaat"] == SECRETARIAAT[toestand], toestand
        assert knoppen["platformbeheerder"] == SECRETARIAAT[toestand] | (
            {"change_rol", "end"} if toestand == "raad Aalst" else set()
        ), toestand
        if toestand == "raad Aalst":
            assert knoppen["raadssecretaris"] == {"change_rol", "end"}
        for wie in ("voorzitter", "lid", "raadslid", "secretariaat_drecht", "buitenstaander", "anoniem"):
            assert not knoppen[wie], (toestand, wie)


def test_the_member_screen_shows_a_seats_buttons_exactly_when_the_policy_offers_them(client, w):
    for wie, orgaan in (
        ("secretariaat", w.dbo),
        ("secretariaat", w.stuurgroep),
        ("raadssecretaris", w.raad_aalst),
    ):
        client.force_login(w.users[wie])
        pagina = client.get(reverse("besturen:leden_beheer", args=[orgaan.pk])).content.decode()
        for zetel in Lidmaatschap.objects.filter(orgaan=orgaan):
            acties = LidmaatschapPolicy().allowed(w.users[wie], _zetel(zetel.pk))
            for actie, pad in (("change_rol", "rol"), ("end", "beeindigen"), ("invite", "uitnodigen")):
                url = reverse("besturen:lidmaatschap_actie", args=[zetel.pk, pad])
                assert (f'action="{url}"' in pagina) is (actie in acties), (wie, zetel, actie)


def _orgaan_diensten(client, w):
    return {
        "manage_leden": lambda o, wie: (
            _pagina(client, w, wie, reverse("besturen:leden_beheer", args=[o.pk])) or _weigeren()
        ),
        "add_lidmaatschap": lambda o, wie: services.add_member(
            o,
            voornaam="Nieuw",
            achternaam="Lid",
            email="nieuw.lid@example.org",
            rol=Rol.LID,
            begindatum=vandaag(),
            door=_door(w, wie),
        ),
        "add_externe_partij": lambda o, wie: services.create_externe_partij(
            o, naam="Voka", soort=PartijSoort.ONDERNEMERS, door=_door(w, wie)
        ),
        "update_orgaan": lambda o, wie: services.update_orgaan(o, beschrijving="Anders", door=_door(w, wie)),
        "add_stuk": lambda o, wie: services.add_stuk(o, titel="Nota", door=_door(w, wie)),
    }


def test_a_bodys_buttons_are_offered_exactly_when_its_page_or_service_succeeds(client, w):
    diensten = _orgaan_diensten(client, w)
    assert diensten.keys() == set(OrgaanPolicy.actions)
    for orgaan in (w.dbo, w.stuurgroep, w.raad_aalst, w.raad_lede, w.dbo_drecht):
        for wie in ROLLEN:
            knoppen = set(OrgaanPolicy().allowed(_door(w, wie), orgaan))
            for actie, dienst in diensten.items():
                lukt = _lukt(dienst, Orgaan.objects.select_related("regio", "bestuur").get(pk=orgaan.pk), wie)
                assert (actie in knoppen) is lukt, (orgaan, wie, actie, lukt)


def test_a_regions_buttons_are_offered_exactly_when_its_page_or_service_succeeds(client, w):
    diensten = {
        "manage": lambda r, wie: (
            _pagina(client, w, wie, reverse("besturen:regio_beheer", args=[r.slug])) or _weigeren()
        ),
        "view_logboek": lambda r, wie: (
            _pagina(client, w, wie, reverse("besturen:logboek", args=[r.slug])) or _weigeren()
        ),
        "create_orgaan": lambda r, wie: services.create_orgaan(
            door=_door(w, wie), soort=OrgaanSoort.WERKGROEP, naam="Werkgroep", regio=r
        ),
        "update_regio": lambda r, wie: services.update_regio(r, beschrijving="Nieuw", door=_door(w, wie)),
    }
    assert diensten.keys() == set(RegioPolicy.actions)
    for regio in (w.dender, w.drecht):
        for wie in ROLLEN:
            knoppen = set(RegioPolicy().allowed(_door(w, wie), regio))
            for actie, dienst in diensten.items():
                lukt = _lukt(dienst, Regio.objects.get(pk=regio.pk), wie)
                assert (actie in knoppen) is lukt, (regio, wie, actie, lukt)


def test_an_items_buttons_are_offered_exactly_when_its_page_or_service_succeeds(client, w):
    diensten = {
        "view": lambda s, wie: _pagina(client, w, wie, s.get_absolute_url()) or _weigeren(),
        "comment": lambda s, wie: services.add_reactie(s, tekst="Akkoord.", door=_door(w, wie)),
    }
    for stuk in (w.stuk_openbaar, w.stuk_regio, w.stuk_orgaan, w.stuk_drecht):
        for wie in ROLLEN:
            knoppen = set(StukPolicy().allowed(_door(w, wie), stuk))
            for actie, dienst in diensten.items():
                lukt = _lukt(dienst, Stuk.objects.select_related("orgaan__regio").get(pk=stuk.pk), wie)
                assert (actie in knoppen) is lukt, (stuk, wie, actie, lukt)
