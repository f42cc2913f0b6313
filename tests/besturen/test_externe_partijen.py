"""Steering groups with external parties: a seat is held by a person for a member government, by a person for an
external party, or by the party itself; the database holds the shapes, the secretariat manages them on the member
screen and the body page shows them."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from besturen import selectors, services
from besturen.demo import STUURGROEP, Namen, build_stuurgroep
from besturen.models import ExternePartij, Lidmaatschap, Orgaan, OrgaanSoort, PartijSoort, Persoon, Rol

pytestmark = pytest.mark.django_db

BEGIN = datetime.date(2020, 1, 1)
HTMX = {"HTTP_HX_REQUEST": "true"}


def vandaag():
    return timezone.localdate()


@pytest.fixture
def w(wereld):
    w = wereld
    w.stuurgroep = services.create_orgaan(
        door=None, soort=OrgaanSoort.STUURGROEP, naam="Stuurgroep Mobiliteit", regio=w.dender
    )
    w.provincie = services.create_externe_partij(
        w.stuurgroep,
        naam="Provincie Oost-Vlaanderen",
        soort=PartijSoort.PROVINCIE,
        website="https://oost-vlaanderen.be",
        door=None,
    )
    return w


def leden_url(orgaan):
    return reverse("besturen:leden_beheer", args=[orgaan.pk])


def partij_url(orgaan):
    return reverse("besturen:externe_partij_nieuw", args=[orgaan.pk])


def nieuw_lid(**velden):
    data = {
        "voornaam": "",
        "achternaam": "",
        "email": "",
        "rol": Rol.LID,
        "namens": "",
        "externe_partij": "",
        "begindatum": vandaag().isoformat(),
    }
    data.update(velden)
    return data


# --- The database holds the shapes of a seat -----------------------------------------------------------------------


def test_a_seat_without_a_holder_is_refused_by_the_database(w):
    with pytest.raises(IntegrityError), transaction.atomic():
        Lidmaatschap.objects.create(orgaan=w.stuurgroep, rol=Rol.LID, begindatum=BEGIN)


def test_a_seat_for_a_government_and_a_party_at_once_is_refused_by_the_database(w):
    with pytest.raises(IntegrityError), transaction.atomic():
        Lidmaatschap.objects.create(
            persoon=w.zonder_account,
            orgaan=w.stuurgroep,
            rol=Rol.LID,
            namens=w.aalst,
            externe_partij=w.provincie,
            begindatum=BEGIN,
        )


def test_a_party_holds_one_open_seat_per_role_in_a_body(w):
    Lidmaatschap.objects.create(
        externe_partij=w.provincie, orgaan=w.stuurgroep, rol=Rol.LID, begindatum=BEGIN
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Lidmaatschap.objects.create(
            externe_partij=w.provincie, orgaan=w.stuurgroep, rol=Rol.LID, begindatum=vandaag()
        )


def test_overlapping_seats_of_a_party_are_refused_next_to_the_role(w):
    services.add_lidmaatschap(
        orgaan=w.stuurgroep,
        rol=Rol.WAARNEMER,
        externe_partij=w.provincie,
        begindatum=BEGIN,
        einddatum=datetime.date(2030, 1, 1),
        door=None,
    )
    with pytest.raises(
        Exception, match="Provincie Oost-Vlaanderen heeft in dit orgaan al een zetel als waarnemer"
    ):
        services.add_lidmaatschap(
            orgaan=w.stuurgroep,
            rol=Rol.WAARNEMER,
            externe_partij=w.provincie,
            begindatum=vandaag(),
            door=None,
        )


def test_only_a_regions_body_seats_an_external_party(w):
    with pytest.raises(Exception, match="Alleen de organen van een regio hebben externe partijen als lid."):
        services.add_lidmaatschap(
            orgaan=w.raad_aalst, rol=Rol.LID, externe_partij=w.provincie, begindatum=BEGIN, door=None
        )
    assert not Lidmaatschap.objects.filter(orgaan=w.raad_aalst, externe_partij=w.provincie).exists()


def test_a_party_is_one_record_whatever_the_case_of_its_name(w):
    with pytest.raises(Exception, match="Er is al een externe partij met deze naam."):
        services.create_externe_partij(
            w.stuurgroep, naam="provincie oost-vlaanderen", soort=PartijSoort.PROVINCIE, door=None
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        ExternePartij.objects.create(naam="PROVINCIE OOST-VLAANDEREN", soort=PartijSoort.PROVINCIE)


def test_a_person_who_sits_for_a_party_is_the_same_person_as_elsewhere(w):
    """One person, one record: the e-mail address finds Lieve Lid, who also sits in the DBO for Lede."""
    lid = services.add_member(
        w.stuurgroep,
        voornaam="Lieve",
        achternaam="Lid",
        email=w.lid.persoon.email.upper(),
        rol=Rol.LID,
        begindatum=vandaag(),
        externe_partij=w.provincie,
        door=w.secretariaat,
    )
    assert lid.persoon == w.lid.persoon and lid.externe_partij == w.provincie and lid.namens is None
    assert Persoon.objects.filter(email__iexact=w.lid.persoon.email).count() == 1


# --- The member screen --------------------------------------------------------------------------------------------


def test_the_secretariat_registers_a_party_and_gives_it_a_seat_and_a_person_a_seat_for_it(client, w):
    client.force_login(w.secretariaat)
    response = client.post(
        partij_url(w.stuurgroep),
        {
            "partij-naam": "Voka Oost-Vlaanderen",
            "partij-soort": PartijSoort.ONDERNEMERS,
            "partij-website": "",
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert "Voka Oost-Vlaanderen is toegevoegd" in response.content.decode()
    voka = ExternePartij.objects.get(naam="Voka Oost-Vlaanderen")

    response = client.post(
        leden_url(w.stuurgroep), nieuw_lid(externe_partij=voka.pk, rol=Rol.WAARNEMER), **HTMX
    )
    assert response.status_code == 200
    zetel = Lidmaatschap.objects.get(orgaan=w.stuurgroep, externe_partij=voka)
    assert zetel.persoon is None and zetel.houder == voka

    data = nieuw_lid(
        voornaam="Greet", achternaam="Gedeputeerde", email="greet@example.org", externe_partij=w.provincie.pk
    )
    assert client.post(leden_url(w.stuurgroep), data, **HTMX).status_code == 200
    greet = Lidmaatschap.objects.get(orgaan=w.stuurgroep, persoon__email="greet@example.org")
    assert greet.externe_partij == w.provincie and greet.achterban == w.provincie

    pagina = client.get(w.stuurgroep.get_absolute_url()).content.decode()
    samenstelling, rest = pagina.split("Voormalige leden", 1)
    assert 'Voka Oost-Vlaanderen <span class="meta">(externe partij: ondernemersvereniging' in samenstelling
    assert "Greet Gedeputeerde" in samenstelling and "Provincie Oost-Vlaanderen" in samenstelling
    assert (
        '<a href="https://oost-vlaanderen.be" rel="noopener">Provincie Oost-Vlaanderen</a>' in samenstelling
    )


@pytest.mark.parametrize(
    ("data", "veld", "melding"),
    [
        (nieuw_lid(), "voornaam", "Dit veld is verplicht."),
        (nieuw_lid(voornaam="Anna"), "achternaam", "Dit veld is verplicht."),
        (nieuw_lid(email="x@example.org", externe_partij="PARTIJ"), "voornaam", "Dit veld is verplicht."),
        (
            nieuw_lid(voornaam="A", achternaam="B", namens="AALST", externe_partij="PARTIJ"),
            "externe_partij",
            "Kies namens een bestuur of namens een externe partij, niet allebei.",
        ),
    ],
    ids=["geen naam", "geen achternaam", "adres zonder naam", "bestuur en partij"],
)
def test_an_invalid_seat_answers_422_with_the_error_next_to_the_field_and_saves_nothing(
    client, w, data, veld, melding
):
    data = {k: {"PARTIJ": w.provincie.pk, "AALST": w.aalst.pk}.get(v, v) for k, v in data.items()}
    client.force_login(w.secretariaat)
    voor = Lidmaatschap.objects.count(), Persoon.objects.count()
    response = client.post(leden_url(w.stuurgroep), data, **HTMX)
    assert response.status_code == 422
    inhoud = response.content.decode()
    assert f'id="id_{veld}_error"' in inhoud and melding in inhoud
    assert (Lidmaatschap.objects.count(), Persoon.objects.count()) == voor


def test_a_party_without_a_name_or_with_a_taken_name_answers_422_with_the_error(client, w):
    client.force_login(w.secretariaat)
    response = client.post(partij_url(w.stuurgroep), {"partij-naam": "", "partij-soort": "provincie"}, **HTMX)
    assert response.status_code == 422 and 'id="id_partij-naam_error"' in response.content.decode()
    response = client.post(
        partij_url(w.stuurgroep),
        {"partij-naam": "PROVINCIE Oost-Vlaanderen", "partij-soort": "provincie"},
        **HTMX,
    )
    assert response.status_code == 422
    assert "Er is al een externe partij met deze naam." in response.content.decode()
    assert ExternePartij.objects.count() == 1


def test_a_council_and_who_may_not_manage_get_no_party_form_and_a_refusal(client, w):
    client.force_login(w.raadssecretaris)
    assert "Externe partij registreren" not in client.get(leden_url(w.raad_aalst)).content.decode()
    assert 'name="externe_partij"' not in client.get(leden_url(w.raad_aalst)).content.decode()
    assert (
        client.post(partij_url(w.raad_aalst), {"partij-naam": "X", "partij-soort": "anders"}).status_code
        == 403
    )
    client.force_login(w.voorzitter)
    assert (
        client.post(partij_url(w.stuurgroep), {"partij-naam": "X", "partij-soort": "anders"}).status_code
        == 403
    )
    client.logout()
    assert (
        client.post(partij_url(w.stuurgroep), {"partij-naam": "X", "partij-soort": "anders"}).status_code
        == 302
    )
    assert ExternePartij.objects.count() == 1


def test_a_partys_own_seat_is_ended_but_never_invited(client, w):
    zetel = services.add_lidmaatschap(
        orgaan=w.stuurgroep, rol=Rol.LID, externe_partij=w.provincie, begindatum=BEGIN, door=None
    )
    client.force_login(w.secretariaat)
    pagina = client.get(leden_url(w.stuurgroep)).content.decode()
    assert reverse("besturen:lidmaatschap_actie", args=[zetel.pk, "uitnodigen"]) not in pagina
    assert "geen account (externe partij)" in pagina
    response = client.post(reverse("besturen:lidmaatschap_actie", args=[zetel.pk, "uitnodigen"]), **HTMX)
    assert "Een externe partij krijgt geen account" in response.content.decode()
    client.post(
        reverse("besturen:lidmaatschap_actie", args=[zetel.pk, "beeindigen"]),
        {"einddatum": vandaag().isoformat()},
        **HTMX,
    )
    zetel.refresh_from_db()
    assert zetel.einddatum == vandaag()
    assert list(selectors.externe_partijen_in(w.stuurgroep)) == []


# --- Reads and the query budget -----------------------------------------------------------------------------------


def _vul(w, n):
    partijen = [
        services.create_externe_partij(w.stuurgroep, naam=f"Partij {i}", soort=PartijSoort.ANDERS, door=None)
        for i in range(n)
    ]
    for i, partij in enumerate(partijen):
        services.add_lidmaatschap(
            orgaan=w.stuurgroep, rol=Rol.LID, externe_partij=partij, begindatum=BEGIN, door=None
        )
        persoon = services.create_persoon(
            door=None, voornaam="Iemand", achternaam=f"Nr{i}", email=f"p{i}@example.org"
        )
        services.add_lidmaatschap(
            persoon=persoon,
            orgaan=w.stuurgroep,
            rol=Rol.LID,
            externe_partij=partij,
            begindatum=BEGIN,
            door=None,
        )


@pytest.mark.parametrize("aantal", [2, 20])
def test_the_body_page_and_the_member_screen_make_the_same_queries_for_few_or_many_parties(
    client, w, aantal, django_assert_max_num_queries
):
    _vul(w, aantal)
    with django_assert_max_num_queries(
        6
    ):  # the body page's bound (test_pages), whatever the number of parties
        response = client.get(w.stuurgroep.get_absolute_url())
    assert response.status_code == 200 and "Partij 1" in response.content.decode()
    client.force_login(w.secretariaat)
    with django_assert_max_num_queries(10):  # the member screen's bound (test_permissions)
        response = client.get(leden_url(w.stuurgroep))
    assert response.status_code == 200


def test_the_selectors_name_a_bodys_parties_and_a_partys_seats(w):
    services.add_lidmaatschap(
        orgaan=w.stuurgroep, rol=Rol.LID, externe_partij=w.provincie, begindatum=BEGIN, door=None
    )
    assert list(selectors.externe_partijen_in(w.stuurgroep)) == [w.provincie]
    assert [z.orgaan for z in selectors.zetels_van_partij(w.provincie)] == [w.stuurgroep]


def test_the_demo_builds_a_steering_group_with_a_province_once(w):
    stuurgroep = build_stuurgroep(Namen())
    assert stuurgroep.soort == OrgaanSoort.STUURGROEP and stuurgroep.regio == w.drecht
    zetels = Lidmaatschap.objects.filter(orgaan=stuurgroep)
    assert zetels.filter(externe_partij__naam="Provincie Zuid-Holland", persoon__isnull=False).count() == 1
    assert zetels.filter(externe_partij__naam="Waterschap Hollandse Delta", persoon__isnull=True).count() == 1
    assert zetels.filter(namens=w.dordrecht, rol=Rol.VOORZITTER).count() == 1
    assert build_stuurgroep(Namen()) is None
    assert Orgaan.objects.filter(naam=STUURGROEP).count() == 1
