"""The read-only API at /api/v1/ and its Popolo JSON: public objects only, problem+json errors, CORS, the version
header, the rate limit for anonymous clients, and query counts independent of the data."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from besturen.models import ExternePartij, Lidmaatschap, OrgaanSoort, PartijSoort, Rol
from programmas.models import Bijdrage, Jaarprogramma, Programmaregel, Versie, VersieStatus
from tests.factories import LidmaatschapFactory, OpgaveFactory, OrgaanFactory, PersoonFactory
from vergaderingen.models import (
    Agendapunt,
    Besluit,
    Besluituitkomst,
    Keuze,
    Stem,
    Stemming,
    Vergadering,
    VergaderingStatus,
)

API = "/api/v1/"


def _vergadering(orgaan, dag, status, *, gepubliceerd=True):
    begin = timezone.make_aware(datetime.datetime.combine(dag, datetime.time(19)))
    return Vergadering.objects.create(
        orgaan=orgaan,
        begin=begin,
        einde=begin + datetime.timedelta(hours=2),
        status=status,
        agenda_gepubliceerd_op=begin - datetime.timedelta(days=7) if gepubliceerd else None,
    )


def _punt(vergadering, nummer, titel, *, openbaar=True, uitkomst=None, stemmen=()):
    punt = Agendapunt.objects.create(
        vergadering=vergadering, volgnummer=nummer, titel=titel, openbaar=openbaar
    )
    if uitkomst:
        besluit = Besluit.objects.create(agendapunt=punt, uitkomst=uitkomst, tekst=f"Besluit over {titel}")
        stemming = Stemming.objects.create(besluit=besluit, voor=len(stemmen))
        for zetel in stemmen:
            Stem.objects.create(stemming=stemming, lidmaatschap=zetel, keuze=Keuze.VOOR)
    return punt


def _versie(regio, opgave, besturen, *, jaar, openbaar, bevroren):
    programma = Jaarprogramma.objects.create(regio=regio, jaar=jaar)
    versie = Versie.objects.create(
        jaarprogramma=programma,
        nummer=1,
        status=VersieStatus.VASTGESTELD if bevroren else VersieStatus.CONCEPT,
        openbaar=openbaar,
        bevroren_op=timezone.now() if bevroren else None,
        vastgesteld_op=timezone.localdate() if bevroren else None,
    )
    regel = Programmaregel.objects.create(versie=versie, opgave=opgave, bedrag="1000.00")
    regel.deelnemers.set(besturen)
    if bevroren:
        for bestuur, centen in zip(besturen, (82412, 17588), strict=False):
            Bijdrage.objects.create(
                versie=versie,
                regel=regel,
                bestuur=bestuur,
                inwoners=bestuur.inwoners,
                peildatum=bestuur.inwoners_peildatum,
                bron="Statbel 2024",
                sleutel="bevolking",
                aandeel_bevolking="1",
                centen=centen,
            )
    return versie


def bouw_api_wereld(w, extra=0):
    """Add to the world what the API shows and what it must hide: a published DBO meeting (a public item with its
    decision and vote, a closed item with a decision), an unpublished meeting, a published and a draft opgave, a
    public frozen version and a concept, and an external party's own seat. `extra` adds that many more of each
    list's rows (for the query bounds)."""
    w.vergadering = _vergadering(w.dbo, datetime.date(2025, 3, 5), VergaderingStatus.AFGELOPEN)
    w.openbaar_punt = _punt(
        w.vergadering,
        1,
        "Regionale mobiliteit",
        uitkomst=Besluituitkomst.AANGENOMEN,
        stemmen=[w.voorzitter.lidmaatschap, w.lid.lidmaatschap],
    )
    w.besloten_punt = _punt(
        w.vergadering, 2, "Personeelsdossier", openbaar=False, uitkomst=Besluituitkomst.AANGENOMEN
    )
    w.concept_vergadering = _vergadering(
        w.dbo, datetime.date(2099, 1, 1), VergaderingStatus.GEPLAND, gepubliceerd=False
    )
    _punt(w.concept_vergadering, 1, "Geheime plannen")
    w.opgave = OpgaveFactory(regio=w.dender, titel="Fietssnelweg", gepubliceerd=True)
    w.concept_opgave = OpgaveFactory(regio=w.dender, titel="Verborgen opgave", gepubliceerd=False)
    w.versie = _versie(w.dender, w.opgave, [w.aalst, w.lede], jaar=2026, openbaar=True, bevroren=True)
    w.concept_versie = _versie(
        w.dender, w.opgave, [w.aalst, w.lede], jaar=2027, openbaar=False, bevroren=False
    )
    w.stuurgroep = OrgaanFactory(regio=w.drecht, soort=OrgaanSoort.STUURGROEP, naam="Stuurgroep Energie")
    w.waterschap = ExternePartij.objects.create(
        naam="Waterschap Hollandse Delta", soort=PartijSoort.WATERSCHAP
    )
    Lidmaatschap.objects.create(
        orgaan=w.stuurgroep,
        externe_partij=w.waterschap,
        rol=Rol.WAARNEMER,
        begindatum=datetime.date(2020, 1, 1),
    )
    for i in range(extra):
        vergadering = _vergadering(w.dbo, datetime.date(2024, 1, 1 + i), VergaderingStatus.AFGELOPEN)
        _punt(
            vergadering,
            1,
            f"Punt {i}",
            uitkomst=Besluituitkomst.AANGENOMEN,
            stemmen=[w.voorzitter.lidmaatschap, w.lid.lidmaatschap],
        )
        LidmaatschapFactory(orgaan=w.dbo, namens=w.aalst)
        OrgaanFactory(regio=w.dender)
        OpgaveFactory(regio=w.dender)
        _versie(w.dender, w.opgave, [w.aalst, w.lede], jaar=2000 + i, openbaar=True, bevroren=True)
    return w


@pytest.fixture
def api_wereld(world):
    return bouw_api_wereld(world)


def _get(client, pad, **params):
    response = client.get(API + pad, params)
    return response, json.loads(response.content)


def _items(client, pad, **params):
    response, body = _get(client, pad, **params)
    assert response.status_code == 200, body
    return body["items"]


# --- What is public -----------------------------------------------------------------------------------------------


def test_regions_list_with_members_and_population(client, api_wereld):
    regios = {r["slug"]: r for r in _items(client, "regios")}
    assert regios["denderregio"]["aantal_leden"] == 2
    assert regios["denderregio"]["inwoners"] == 89000 + 19000
    assert (
        regios["denderregio"]["pagina"].endswith("/regio/denderregio/")
        or "denderregio" in regios["denderregio"]["pagina"]
    )


def test_governments_carry_their_official_code_and_population(client, api_wereld):
    besturen = {b["naam"]: b for b in _items(client, "besturen", regio="denderregio")}
    assert set(besturen) == {"Aalst", "Lede"}
    assert besturen["Aalst"]["code"] == "41002"
    assert besturen["Aalst"]["codelijst"] == "NIS"
    assert besturen["Aalst"]["inwoners"] == 89000
    dordrecht = _items(client, "besturen", regio="drechtsteden")[0]
    assert dordrecht["codelijst"] == "CBS"


def test_seats_give_name_role_body_and_date_but_never_an_email_address(client, api_wereld):
    response, body = _get(client, "zetels", orgaan=api_wereld.dbo.pk)
    assert [(z["houder"], z["rol"]) for z in body["items"]] == [
        ("Victor Voorzitter", "voorzitter"),
        ("Lieve Lid", "lid"),
        ("Sara Secretaris", "secretaris"),
    ]
    assert body["items"][0]["namens"] == "Aalst"
    assert body["items"][0]["sinds"]
    assert "@" not in response.content.decode()


def test_only_published_meetings_are_listed(client, api_wereld):
    ids = [v["id"] for v in _items(client, "vergaderingen")]
    assert ids == [api_wereld.vergadering.pk]
    response, body = _get(client, f"vergaderingen/{api_wereld.concept_vergadering.pk}")
    assert response.status_code == 404
    assert body["status"] == 404


def test_closed_items_and_their_decisions_never_show(client, api_wereld):
    punten = _items(client, "agendapunten")
    assert [p["titel"] for p in punten] == ["Regionale mobiliteit"]
    besluiten = _items(client, "besluiten", orgaan=api_wereld.dbo.pk)
    assert [b["titel"] for b in besluiten] == ["Regionale mobiliteit"]
    assert besluiten[0]["uitkomst"] == "aangenomen"
    assert besluiten[0]["stemming"]["voor"] == 2
    assert sorted(s["naam"] for s in besluiten[0]["stemming"]["stemmen"]) == [
        "Lieve Lid",
        "Victor Voorzitter",
    ]
    assert punten[0]["besluit_id"] == besluiten[0]["id"]


def test_only_published_opgaven_are_listed(client, api_wereld):
    assert [o["titel"] for o in _items(client, "opgaven", regio="denderregio")] == ["Fietssnelweg"]


def test_only_public_versions_are_listed_with_their_status(client, api_wereld):
    versies = _items(client, "programmaversies")
    assert [(v["id"], v["status"], v["bevroren"]) for v in versies] == [
        (api_wereld.versie.pk, "vastgesteld", True)
    ]
    response, _body = _get(client, f"programmaversies/{api_wereld.concept_versie.pk}")
    assert response.status_code == 404


def test_the_split_comes_from_the_stored_figures(client, api_wereld):
    api_wereld.aalst.inwoners = 1  # today's figure changes; the frozen split does not
    api_wereld.aalst.save()
    response, body = _get(client, f"programmaversies/{api_wereld.versie.pk}/verdeling")
    assert response.status_code == 200
    assert body["totaal"] == "1000.00"
    leden = {lid["naam"]: lid for lid in body["leden"]}
    assert leden["Aalst"]["totaal"] == "824.12"
    assert leden["Aalst"]["inwoners"] == 89000
    assert leden["Lede"]["aandelen"] == [{"regel_id": body["regels"][0]["id"], "bedrag": "175.88"}]
    assert body["regels"][0]["opgave"] == "Fietssnelweg"


def test_a_version_without_stored_figures_has_no_split(client, api_wereld):
    api_wereld.concept_versie.openbaar = True
    api_wereld.concept_versie.save()
    response, body = _get(client, f"programmaversies/{api_wereld.concept_versie.pk}/verdeling")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_a_logged_in_member_sees_no_more_than_the_public(client, api_wereld):
    client.force_login(api_wereld.secretariaat)
    assert [p["titel"] for p in _items(client, "agendapunten")] == ["Regionale mobiliteit"]
    assert [v["id"] for v in _items(client, "vergaderingen")] == [api_wereld.vergadering.pk]


# --- Popolo -------------------------------------------------------------------------------------------------------


def test_popolo_of_a_body_with_fifteen_seats_lists_fifteen_memberships(client, world):
    """As the Denderregio's DBO in the demo: fourteen mayors and the secretary."""
    dbo = OrgaanFactory(regio=world.dender, naam="DBO", soort=OrgaanSoort.BURGEMEESTERSOVERLEG)
    for i in range(14):
        LidmaatschapFactory(orgaan=dbo, rol=Rol.VOORZITTER if i == 0 else Rol.LID, namens=world.aalst)
    LidmaatschapFactory(orgaan=dbo, rol=Rol.SECRETARIS)
    LidmaatschapFactory(orgaan=dbo, begindatum=datetime.date(2010, 1, 1), einddatum=datetime.date(2018, 1, 1))
    response = client.get(reverse("openbaar:api-v1:popolo_orgaan", kwargs={"pk": dbo.pk}))
    assert response.status_code == 200
    popolo = json.loads(response.content)
    assert len(popolo["memberships"]) == 15
    assert len(popolo["posts"]) == 15
    assert len(popolo["persons"]) == 15
    ids = {o["id"] for o in popolo["organizations"]}
    assert {f"orgaan:{dbo.pk}", "regio:denderregio", f"bestuur:{world.aalst.pk}"} <= ids
    for lid in popolo["memberships"]:
        assert lid["organization_id"] == f"orgaan:{dbo.pk}"
        assert lid["post_id"] in {p["id"] for p in popolo["posts"]}
        assert lid["person_id"] in {p["id"] for p in popolo["persons"]}
    assert "@" not in json.dumps(popolo["persons"])


def test_popolo_of_a_region_holds_its_bodies_members_and_seats(client, api_wereld):
    response = client.get(API + "popolo/regio/drechtsteden.json")
    popolo = json.loads(response.content)
    organizations = {o["id"]: o for o in popolo["organizations"]}
    assert organizations[f"bestuur:{api_wereld.dordrecht.pk}"]["identifiers"] == [
        {"scheme": "CBS", "identifier": "0505"}
    ]
    assert organizations[f"orgaan:{api_wereld.stuurgroep.pk}"]["parent_id"] == "regio:drechtsteden"
    partij = next(lid for lid in popolo["memberships"] if lid.get("member"))
    assert partij["member"] == {"@type": "Organization", "id": f"partij:{api_wereld.waterschap.pk}"}
    assert partij["person_id"] is None
    assert len(popolo["memberships"]) == 2  # Dirk Drecht's seat and the water board's own seat


# --- The API Design Rules -----------------------------------------------------------------------------------------


def test_unknown_objects_and_paths_answer_problem_json(client, api_wereld):
    for pad in (
        "regios/bestaat-niet",
        "popolo/regio/bestaat-niet.json",
        "bestaat/niet",
        "vergaderingen/999999",
    ):
        response = client.get(API + pad)
        assert response.status_code == 404, pad
        assert response["Content-Type"] == "application/problem+json"
        probleem = json.loads(response.content)
        assert set(probleem) >= {"type", "title", "status", "detail"}
        assert probleem["status"] == 404
        assert response["API-Version"] == "1.0.0"


def test_invalid_parameters_answer_400_problem_json(client, api_wereld):
    response = client.get(API + "regios", {"limit": 0})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert json.loads(response.content)["title"] == "Bad Request"


def test_lists_are_paginated_with_limit_and_offset(client, api_wereld):
    _response, body = _get(client, "regios", limit=1, offset=1)
    assert body["count"] == 2
    assert [r["slug"] for r in body["items"]] == ["drechtsteden"]


def test_api_responses_allow_any_origin_without_credentials(client, api_wereld):
    response = client.get(API + "regios", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert response["API-Version"] == "1.0.0"
    preflight = client.options(API + "regios", HTTP_ORIGIN="https://example.org")
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]


def test_portal_pages_carry_no_cors_header(client, api_wereld):
    response = client.get(api_wereld.dender.get_absolute_url())
    assert "Access-Control-Allow-Origin" not in response


def test_anonymous_clients_are_limited_and_told_so_as_problem_json(client, settings, api_wereld):
    settings.OPENBAAR_API_RATE = "3/min"
    for _ in range(3):
        assert client.get(API + "regios").status_code == 200
    response = client.get(API + "regios")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert json.loads(response.content)["status"] == 429
    assert int(response["Retry-After"]) > 0


def test_a_logged_in_user_is_not_limited(client, settings, api_wereld):
    settings.OPENBAAR_API_RATE = "1/min"
    client.force_login(api_wereld.lid)
    assert [client.get(API + "regios").status_code for _ in range(3)] == [200, 200, 200]


def test_the_openapi_document_is_served(client, db):
    response = client.get(API + "openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    assert "/api/v1/popolo/orgaan/{pk}.json" in document["paths"]
    assert document["paths"]["/api/v1/regios"]["get"]["responses"]["429"]["content"] == {
        "application/problem+json": {"schema": {"$ref": "#/components/schemas/Probleem"}}
    }


def test_no_docs_page_that_would_load_assets_from_elsewhere(client, db):
    assert client.get(API + "docs").status_code == 404


# --- Query bounds, the same for small and larger data --------------------------------------------------------------

GRENZEN = {
    "regios": 3,
    "besturen?regio=denderregio": 4,
    "organen": 3,
    "zetels": 3,
    "vergaderingen": 3,
    "agendapunten": 3,
    "besluiten": 4,
    "opgaven": 3,
    "programmaversies": 3,
    "popolo/regio/denderregio.json": 4,
}


@pytest.mark.parametrize("extra", [0, 6])
def test_every_endpoint_costs_the_same_queries_whatever_the_data(
    client, world, django_assert_max_num_queries, extra
):
    w = bouw_api_wereld(world, extra=extra)
    for pad, grens in GRENZEN.items():
        with django_assert_max_num_queries(
            grens + 2
        ):  # + the session and the throttle's cache are not queries
            assert client.get(API + pad).status_code == 200, pad
    for pad, grens in (
        (f"programmaversies/{w.versie.pk}/verdeling", 6),
        (f"popolo/orgaan/{w.dbo.pk}.json", 2),
        (f"vergaderingen/{w.vergadering.pk}", 1),
    ):
        with django_assert_max_num_queries(grens + 2):
            assert client.get(API + pad).status_code == 200, pad


def test_no_email_address_anywhere_in_the_api(client, api_wereld):
    bodies = [client.get(API + pad).content.decode() for pad in GRENZEN]
    assert not [body for body in bodies if "@example.org" in body]


def test_persons_without_a_current_seat_are_not_in_popolo(client, api_wereld):
    oud = PersoonFactory(voornaam="Oud", achternaam="Lid")
    LidmaatschapFactory(
        persoon=oud,
        orgaan=api_wereld.dbo,
        begindatum=datetime.date(2010, 1, 1),
        einddatum=datetime.date(2015, 1, 1),
    )
    popolo = json.loads(client.get(API + "popolo/regio/denderregio.json").content)
    assert "Oud Lid" not in {p["name"] for p in popolo["persons"]}


def test_a_made_up_forwarded_address_does_not_dodge_the_limit(client, settings, api_wereld):
    settings.OPENBAAR_API_RATE = "2/min"
    statussen = [client.get(API + "regios", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}").status_code for i in range(3)]
    assert statussen == [200, 200, 429]
