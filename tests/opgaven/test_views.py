"""The opgaven pages and forms: who sees what (200/404), who may act (403), htmx filtering, query budgets."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opgaven import services
from opgaven.models import (
    Budgetregel,
    Capaciteit,
    Indicator,
    IndicatorWaarde,
    Mandaat,
    Opgave,
    Status,
    Verplichting,
    Voortgang,
    VoortgangStatus,
)
from regioportaal.models import ActionLog
from tests.factories import (
    MANDAAT_EINDE,
    BudgetregelFactory,
    DoelstellingFactory,
    OpgaveFactory,
    SynergieFactory,
    ThemaFactory,
    VoortgangFactory,
)


def als(client, user):
    if user is not None:
        client.force_login(user)
    return client


def _count_queries(client, url, **kwargs):
    cache.clear()  # a cold page: the page cache (regioportaal.paginacache) answers a repeat without a query
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, **kwargs).status_code == 200
    return len(ctx.captured_queries)


# --- Public pages -----------------------------------------------------------------------------------------------


def test_strategy_page_shows_mission_values_goals_with_rollup_and_themes(
    client, w, django_assert_max_num_queries
):
    services.save_strategie(
        w.dender, missie="Regionale samenwerking als motor.", visie="Efficiënt.", door=None
    )
    services.add_waarde(w.dender, naam="Transparantie", tekst="Open en doorzichtig.", door=None)
    VoortgangFactory(opgave=w.fietsnetwerk, status=VoortgangStatus.OP_KOERS)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("opgaven:strategie", args=["denderregio"]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Regionale samenwerking als motor." in content and "Transparantie" in content
    assert "De krachten zijn gebundeld" in content
    assert "100\xa0% van het budget op koers" in content
    assert "Fietsnetwerk Denderregio" in content
    assert "Transversale thema" in content and "Participatie" in content
    assert "Besloten verkenning" not in content
    assert reverse("besturen:regio", args=["denderregio"]) in content


def test_strategy_rollup_ignores_opgaven_the_reader_may_not_see(client, w):
    w.besloten.doelstellingen.set([w.doelen[1]])
    VoortgangFactory(opgave=w.besloten, status=VoortgangStatus.RISICO)
    BudgetregelFactory(opgave=w.besloten)
    public = client.get(reverse("opgaven:strategie", args=["denderregio"])).content.decode()
    assert "0\xa0% van het budget op koers" not in public
    secretariaat = als(client, w.secretariaat).get(reverse("opgaven:strategie", args=["denderregio"]))
    assert "0\xa0% van het budget op koers" in secretariaat.content.decode()


def test_opgaven_list_shows_published_opgaven_with_priority(client, w, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get(reverse("opgaven:opgaven", args=["denderregio"]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Fietsnetwerk Denderregio" in content and "Lege opgave" in content
    assert "Besloten verkenning" not in content
    assert "2 opgaven gevonden" in content
    assert 'hx-push-url="true"' in content and 'hx-target="#resultaten"' in content


def test_secretariat_sees_unpublished_opgaven_in_the_list(client, w, django_assert_max_num_queries):
    als(client, w.secretariaat)
    with django_assert_max_num_queries(13):
        response = client.get(reverse("opgaven:opgaven", args=["denderregio"]))
    content = response.content.decode()
    assert "Besloten verkenning" in content and "niet gepubliceerd" in content
    assert reverse("opgaven:opgave_nieuw", args=["denderregio"]) in content


def test_htmx_filter_returns_only_the_results_partial(client, w):
    url = reverse("opgaven:opgaven", args=["denderregio"])
    response = client.get(url, {"thema": w.mobiliteit.pk}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content and "<form" not in content
    assert 'id="resultaten"' in content
    assert "Fietsnetwerk Denderregio" in content and "Lege opgave" not in content
    assert 'hx-swap-oob="true"' in content and "1 opgave gevonden" in content
    assert "HX-Request" in response["Vary"]


def test_filtered_list_url_is_shareable_as_a_full_page(client, w):
    url = reverse("opgaven:opgaven", args=["denderregio"])
    response = client.get(url, {"thema": w.mobiliteit.pk, "volgorde": "prioriteit"})
    content = response.content.decode()
    assert "<html" in content
    assert f'<option value="{w.mobiliteit.pk}" selected>Mobiliteit</option>' in content
    assert "Fietsnetwerk Denderregio" in content and "Lege opgave" not in content


def test_htmx_history_restore_gets_the_whole_page(client, w):
    url = reverse("opgaven:opgaven", args=["denderregio"])
    response = client.get(url, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in response.content.decode()


@pytest.mark.parametrize(
    ("filter_naam", "waarde", "verwacht"),
    [
        ("doelstelling", lambda w: w.doelen[3].pk, {"Fietsnetwerk Denderregio"}),
        ("status", lambda w: Status.IDEE, {"Fietsnetwerk Denderregio", "Lege opgave"}),
        ("status", lambda w: Status.LOPEND, set()),
        ("opdrachtgever", lambda w: w.voorzitter.persoon.pk, {"Fietsnetwerk Denderregio"}),
        ("thema", lambda w: "geen-getal", {"Fietsnetwerk Denderregio", "Lege opgave"}),
    ],
)
def test_list_filters_on_goal_status_and_opdrachtgever(client, w, filter_naam, waarde, verwacht):
    url = reverse("opgaven:opgaven", args=["denderregio"])
    content = client.get(url, {filter_naam: waarde(w)}, headers={"HX-Request": "true"}).content.decode()
    for titel in ("Fietsnetwerk Denderregio", "Lege opgave"):
        assert (titel in content) == (titel in verwacht)


def test_list_orders_by_priority_when_asked(client, w):
    url = reverse("opgaven:opgaven", args=["denderregio"])
    by_title = client.get(url).content.decode()
    by_priority = client.get(url, {"volgorde": "prioriteit"}).content.decode()
    assert by_title.index("Fietsnetwerk") < by_title.index("Lege opgave")
    OpgaveFactory(regio=w.dender, titel="Aaa zonder prioriteit")
    by_priority = client.get(url, {"volgorde": "prioriteit"}).content.decode()
    assert by_priority.index("Fietsnetwerk") < by_priority.index("Aaa zonder prioriteit")
    by_title = client.get(url).content.decode()
    assert by_title.index("Aaa zonder prioriteit") < by_title.index("Fietsnetwerk")


def _vul_regio(regio, aantal, doelen, themas, opdrachtgever):
    vorige = None
    for _ in range(aantal):
        opgave = OpgaveFactory(regio=regio, doelstellingen=doelen, themas=themas, opdrachtgever=opdrachtgever)
        if vorige is not None:
            SynergieFactory(van=vorige, naar=opgave)
        vorige = opgave


@pytest.mark.parametrize("wie", ["anoniem", "secretariaat"])
def test_list_query_count_is_the_same_for_5_and_50_opgaven(client, w, wie):
    als(client, w.users[wie])
    regio = w.dender
    doelen, themas = w.doelen[:2], [w.mobiliteit, w.wonen]
    url = reverse("opgaven:opgaven", args=[regio.slug])
    _vul_regio(regio, 3, doelen, themas, w.opdrachtgever)  # with the world's two: 5
    _count_queries(client, url)  # warm the per-process content-type cache
    met_5 = _count_queries(client, url)
    _vul_regio(regio, 45, doelen, themas, w.opdrachtgever)
    met_50 = _count_queries(client, url)
    assert Opgave.objects.filter(regio=regio, gepubliceerd=True).count() == 50
    assert met_5 == met_50


def test_synergy_graph_is_an_accessible_svg_with_a_text_alternative(client, w, django_assert_max_num_queries):
    SynergieFactory(van=w.fietsnetwerk, naar=w.leeg, reden="Integrale ipv verkokerde benadering")
    SynergieFactory(van=w.fietsnetwerk, naar=w.besloten, reden="Geheim")
    with django_assert_max_num_queries(4):
        response = client.get(reverse("opgaven:synergie", args=["denderregio"]))
    content = response.content.decode()
    assert response.status_code == 200
    assert 'role="img"' in content and "<title id=" in content and "<desc id=" in content
    assert content.count("<line ") == 1  # the link to the unpublished opgave is not drawn
    assert content.count("<circle ") == 2
    assert "versterkt Lege opgave: Integrale ipv verkokerde benadering" in content
    assert "Besloten verkenning" not in content and "Geheim" not in content
    assert "<script" not in content.split("</head>")[1]


def test_synergy_graph_query_count_does_not_grow(client, w):
    url = reverse("opgaven:synergie", args=["denderregio"])
    _vul_regio(w.dender, 3, [], [], None)
    met_5 = _count_queries(client, url)
    _vul_regio(w.dender, 20, [], [], None)
    assert _count_queries(client, url) == met_5


def test_opgave_page_shows_every_part_priority_mandate_and_progress(client, w, django_assert_max_num_queries):
    SynergieFactory(van=w.fietsnetwerk, naar=w.leeg, reden="Opdrachten met elkaar in verbinding brengen")
    services.add_budgetregel(w.fietsnetwerk, door=None, jaar=2027, bedrag=Decimal("25000"), bron="provincie")
    services.record_verplichting(
        w.mandaat,
        bedrag=Decimal("4000"),
        omschrijving="Haalbaarheidsstudie",
        datum=datetime.date(2025, 3, 1),
        door=None,
    )
    indicator = w.fietsnetwerk.indicatoren.get()
    for eind, besteed in ((datetime.date(2025, 6, 30), "12000"), (datetime.date(2025, 12, 31), "18000")):
        services.report_voortgang(
            w.fietsnetwerk,
            periode_eind=eind,
            status=VoortgangStatus.OP_KOERS,
            besteed=Decimal(besteed),
            toelichting="Volgens plan.",
            waarden={indicator: Decimal("12.5")},
            door=None,
        )
    with django_assert_max_num_queries(12):
        response = client.get(w.fietsnetwerk.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert (
        "Prioriteit 6: versterkt Lege opgave, dient doelstellingen 1 en 4, raakt 2 thema&#x27;s." in content
    )
    for tekst in (
        "Een regionaal fietsnetwerk.",
        "Kilometer fietssnelweg",
        "€\xa050.000,00",
        "€\xa025.000,00",
        "Totaal 2027",
        "€\xa075.000,00",
        "Provincie",
        "Victor Voorzitter",
        "Regiobureau",
        "Studieopdrachten gunnen.",
        "€\xa06.000,00",
        "Haalbaarheidsstudie",
        "Opdrachten met elkaar in verbinding brengen",
        "12,5",
    ):
        assert tekst in content, tekst
    assert 'role="img"' in content and 'aria-labelledby="trend-titel trend-beschrijving"' in content
    assert content.count("<rect ") == 2
    assert "Verplichting vastleggen" not in content and "Opgave bewerken" not in content


def test_opgave_page_does_not_name_an_unpublished_partner_to_the_public(client, w):
    SynergieFactory(van=w.fietsnetwerk, naar=w.besloten, reden="Geheim")
    public = client.get(w.fietsnetwerk.get_absolute_url()).content.decode()
    assert "Besloten verkenning" not in public and "Geheim" not in public
    assert "1 niet-gepubliceerde opgave" in public
    secretariaat = als(client, w.secretariaat).get(w.fietsnetwerk.get_absolute_url()).content.decode()
    assert "Besloten verkenning" in secretariaat


def test_opgave_page_offers_the_actions_each_role_may_take(client, w):
    url = w.fietsnetwerk.get_absolute_url()
    secretariaat = als(client, w.secretariaat).get(url).content.decode()
    assert reverse("opgaven:mandaat", args=[w.fietsnetwerk.pk]) in secretariaat
    assert reverse("opgaven:verplichting", args=[w.mandaat.pk]) not in secretariaat
    opdrachtgever = als(client, w.voorzitter).get(url).content.decode()
    assert reverse("opgaven:verplichting", args=[w.mandaat.pk]) in opdrachtgever
    assert reverse("opgaven:voortgang", args=[w.fietsnetwerk.pk]) in opdrachtgever
    assert reverse("opgaven:opgave_bewerken", args=[w.fietsnetwerk.pk]) not in opdrachtgever


def test_opgave_page_query_count_does_not_grow_with_its_parts(client, w):
    als(client, w.secretariaat)
    url = w.fietsnetwerk.get_absolute_url()
    VoortgangFactory(opgave=w.fietsnetwerk)
    SynergieFactory(van=w.fietsnetwerk, naar=w.leeg)
    SynergieFactory(van=w.fietsnetwerk, naar=w.besloten)
    _count_queries(client, url)  # warm the per-process content-type cache
    een = _count_queries(client, url)
    for _ in range(10):
        VoortgangFactory(opgave=w.fietsnetwerk)
        SynergieFactory(van=w.fietsnetwerk, naar=OpgaveFactory(regio=w.dender, gepubliceerd=False))
        BudgetregelFactory(opgave=w.fietsnetwerk)
        services.record_verplichting(
            w.mandaat, bedrag=Decimal("10"), omschrijving="x", datum=datetime.date(2025, 1, 1), door=None
        )
    assert _count_queries(client, url) == een


# Measured (SQLite and PostgreSQL alike): anonymous / logged in. The budget allows one query of headroom.
QUERY_BUDGET = {
    "strategie": (8, 13),
    "opgaven": (7, 12),
    "opgaven_htmx": (7, 11),
    "synergie": (3, 6),
    "opgave": (16, 25),
}


@pytest.mark.parametrize("pagina", sorted(QUERY_BUDGET))
@pytest.mark.parametrize("wie", ["anoniem", "secretariaat", "opdrachtgever", "raadslid"])
def test_every_page_stays_within_its_query_budget(client, w, pagina, wie, django_assert_max_num_queries):
    VoortgangFactory(opgave=w.fietsnetwerk)
    SynergieFactory(van=w.fietsnetwerk, naar=w.leeg)
    SynergieFactory(van=w.fietsnetwerk, naar=w.besloten)
    url = {
        "strategie": reverse("opgaven:strategie", args=["denderregio"]),
        "opgaven": reverse("opgaven:opgaven", args=["denderregio"]),
        "opgaven_htmx": reverse("opgaven:opgaven", args=["denderregio"]),
        "synergie": reverse("opgaven:synergie", args=["denderregio"]),
        "opgave": w.fietsnetwerk.get_absolute_url(),
    }[pagina]
    headers = {"HX-Request": "true"} if pagina.endswith("htmx") else {}
    anoniem, ingelogd = QUERY_BUDGET[pagina]
    als(client, w.users[wie])
    client.get(url, headers=headers)  # warm the per-process content-type cache, as any running server has it
    with django_assert_max_num_queries((anoniem if wie == "anoniem" else ingelogd) + 1):
        assert client.get(url, headers=headers).status_code == 200


@pytest.mark.parametrize(
    ("wie", "status"),
    [
        ("anoniem", 404),
        ("buitenstaander", 404),
        ("secretariaat_drecht", 404),
        ("platformbeheerder", 200),
        ("secretariaat", 200),
        ("lid", 200),
        ("raadslid", 404),
    ],
)
def test_unpublished_opgave_is_404_for_whoever_has_no_role_in_the_regions_bodies(client, w, wie, status):
    assert als(client, w.users[wie]).get(w.besloten.get_absolute_url()).status_code == status


def test_unknown_region_and_opgave_are_404(client, w):
    assert client.get(reverse("opgaven:strategie", args=["nergens"])).status_code == 404
    assert client.get(reverse("opgaven:opgaven", args=["nergens"])).status_code == 404
    assert client.get(reverse("opgaven:opgave", args=[999999])).status_code == 404


# --- Forms --------------------------------------------------------------------------------------------------------


def _form_urls(w):
    o = w.fietsnetwerk.pk
    return {
        "opgave_nieuw": reverse("opgaven:opgave_nieuw", args=["denderregio"]),
        "opgave_bewerken": reverse("opgaven:opgave_bewerken", args=[o]),
        "status": reverse("opgaven:status", args=[o]),
        "indicator": reverse("opgaven:indicator", args=[o]),
        "budget": reverse("opgaven:budget", args=[o]),
        "capaciteit": reverse("opgaven:capaciteit", args=[o]),
        "synergie_leggen": reverse("opgaven:synergie_leggen", args=[o]),
        "mandaat": reverse("opgaven:mandaat", args=[o]),
        "verplichting": reverse("opgaven:verplichting", args=[w.mandaat.pk]),
        "voortgang": reverse("opgaven:voortgang", args=[o]),
    }


SECRETARIAAT_FORMS = [
    "opgave_nieuw",
    "opgave_bewerken",
    "status",
    "indicator",
    "budget",
    "capaciteit",
    "synergie_leggen",
    "mandaat",
    "voortgang",
]


@pytest.mark.parametrize("naam", SECRETARIAAT_FORMS)
def test_secretariat_opens_every_form_within_a_bounded_number_of_queries(
    client, w, naam, django_assert_max_num_queries
):
    als(client, w.secretariaat)
    with django_assert_max_num_queries(13):
        response = client.get(_form_urls(w)[naam])
    assert response.status_code == 200
    assert "<form" in response.content.decode()


def test_the_platform_administrator_opens_the_secretariats_forms_but_not_the_commitment_form(client, w):
    als(client, w.platformbeheerder)
    for naam in SECRETARIAAT_FORMS:
        assert client.get(_form_urls(w)[naam]).status_code == 200, naam
    assert client.get(_form_urls(w)["verplichting"]).status_code == 403
    pagina = client.get(w.fietsnetwerk.get_absolute_url()).content.decode()
    assert reverse("opgaven:mandaat", args=[w.fietsnetwerk.pk]) in pagina
    assert reverse("opgaven:verplichting", args=[w.mandaat.pk]) not in pagina


def test_opdrachtgever_opens_the_commitment_and_progress_forms(client, w, django_assert_max_num_queries):
    als(client, w.voorzitter)
    for naam in ("verplichting", "voortgang"):
        with django_assert_max_num_queries(8):
            assert client.get(_form_urls(w)[naam]).status_code == 200


@pytest.mark.parametrize("naam", [*SECRETARIAAT_FORMS, "verplichting"])
def test_forms_ask_anonymous_visitors_to_log_in(client, w, naam):
    response = client.get(_form_urls(w)[naam])
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_forms_of_an_unpublished_opgave_are_404_for_outsiders(client, w):
    als(client, w.secretariaat_drecht)
    assert client.get(reverse("opgaven:indicator", args=[w.besloten.pk])).status_code == 404
    assert client.post(reverse("opgaven:indicator", args=[w.besloten.pk]), {}).status_code == 404


def _post_data(w):
    return {
        "opgave_nieuw": {"titel": "Nieuw"},
        "opgave_bewerken": {"titel": "Gekaapt"},
        "status": {"naar": Status.GESTOPT},
        "indicator": {
            "naam": "x",
            "eenheid": "km",
            "nulwaarde": "0",
            "streefwaarde": "1",
            "streefdatum": "2030-01-01",
        },
        "budget": {"jaar": "2026", "bedrag": "1", "bron": "leden"},
        "capaciteit": {"jaar": "2026", "hoeveelheid": "1", "eenheid": "uren", "partner": "x"},
        "synergie_leggen": {"andere": w.leeg.pk, "reden": "x"},
        "mandaat": {
            "verleend_door": w.dbo.pk,
            "besluitdatum": "2025-01-01",
            "omschrijving": "x",
            "budgetplafond": "1",
            "begindatum": "2025-01-01",
            "einddatum": "2025-12-31",
        },
        "verplichting": {"bedrag": "1", "omschrijving": "x", "datum": "2025-01-01"},
        "voortgang": {"periode_eind": "2025-01-01", "status": "op_koers", "besteed": "1", "toelichting": "x"},
    }


FORBIDDEN = (
    [
        (wie, naam)
        for wie in ("buitenstaander", "raadslid", "lid", "secretariaat_drecht")
        for naam in SECRETARIAAT_FORMS
        if naam != "voortgang"
    ]
    + [(wie, "voortgang") for wie in ("buitenstaander", "raadslid", "lid", "secretariaat_drecht")]
    + [
        (wie, "verplichting")
        for wie in ("buitenstaander", "raadslid", "lid", "secretariaat_drecht", "secretariaat")
    ]
    + [("opdrachtgever", naam) for naam in SECRETARIAAT_FORMS if naam != "voortgang"]
    # The platform administrator is never a mandate's holder: only the holder commits money (docs/rollen.md).
    + [("platformbeheerder", "verplichting")]
)


@pytest.mark.parametrize(("wie", "naam"), FORBIDDEN)
def test_forbidden_posts_are_403_and_change_nothing(client, w, stand, wie, naam):
    als(client, w.users[wie])
    voor = stand()
    response = client.post(_form_urls(w)[naam], _post_data(w)[naam])
    assert response.status_code == 403
    assert stand() == voor


def test_secretariat_creates_an_opgave_with_goals_and_themes(client, w):
    als(client, w.secretariaat)
    response = client.post(
        _form_urls(w)["opgave_nieuw"],
        {
            "titel": "Regionale woonagenda",
            "doel": "Betaalbaar wonen.",
            "resultaat": "Een gedragen agenda.",
            "doelstellingen": [w.doelen[1].pk, w.doelen[2].pk],
            "themas": [w.wonen.pk],
            "opdrachtgever": w.opdrachtgever.pk,
            "stuurgroep": w.stuurgroep.pk,
            "partners": "Provincie Oost-Vlaanderen",
            "opdrachtnemer": "Projectleider wonen",
            "begin_jaar": "2026",
            "eind_jaar": "2028",
        },
    )
    opgave = Opgave.objects.get(titel="Regionale woonagenda")
    assert response.status_code == 302 and response["Location"] == opgave.get_absolute_url()
    assert sorted(opgave.doelstellingen.values_list("nummer", flat=True)) == [2, 3]
    assert list(opgave.themas.all()) == [w.wonen]
    assert opgave.opdrachtgever == w.opdrachtgever and opgave.stuurgroep == w.stuurgroep
    assert not opgave.gepubliceerd and opgave.status == Status.IDEE
    assert ActionLog.objects.filter(
        actie="aangemaakt", object_id=str(opgave.pk), actor=w.secretariaat
    ).exists()


def test_opgave_form_refuses_an_end_year_before_the_begin_year(client, w):
    als(client, w.secretariaat)
    response = client.post(
        _form_urls(w)["opgave_nieuw"], {"titel": "X", "begin_jaar": "2028", "eind_jaar": "2026"}
    )
    assert response.status_code == 200
    assert "Het eindjaar ligt vóór het beginjaar." in response.content.decode()
    assert not Opgave.objects.filter(titel="X").exists()


def test_secretariat_edits_an_opgave_and_the_change_is_logged(client, w):
    als(client, w.secretariaat)
    response = client.post(
        _form_urls(w)["opgave_bewerken"],
        {
            "titel": "Fietsnetwerk Denderregio",
            "doel": "Een veilig regionaal fietsnetwerk.",
            "resultaat": "Honderd kilometer fietssnelweg.",
            "doelstellingen": [w.doelen[0].pk],
            "opdrachtgever": w.opdrachtgever.pk,
            "opdrachtnemer": "Regiobureau",
            "gepubliceerd": "on",
        },
    )
    assert response.status_code == 302
    w.fietsnetwerk.refresh_from_db()
    assert w.fietsnetwerk.doel == "Een veilig regionaal fietsnetwerk."
    assert list(w.fietsnetwerk.themas.all()) == []
    entry = ActionLog.objects.filter(actie="gewijzigd", object_id=str(w.fietsnetwerk.pk)).get()
    assert entry.wijzigingen == {
        "doel": ["Een regionaal fietsnetwerk.", "Een veilig regionaal fietsnetwerk."],
        "doelstellingen": [
            ["1. De krachten zijn gebundeld", "4. Er is een versterkte financiële slagkracht"],
            ["1. De krachten zijn gebundeld"],
        ],
        "themas": [["Mobiliteit", "Participatie"], []],
    }


def test_edit_form_is_filled_with_the_current_values(client, w):
    content = als(client, w.secretariaat).get(_form_urls(w)["opgave_bewerken"]).content.decode()
    assert 'value="Fietsnetwerk Denderregio"' in content
    assert f'value="{w.doelen[3].pk}" id="id_doelstellingen_3" checked' in content
    assert f'value="{w.doelen[1].pk}" id="id_doelstellingen_1">' in content


@pytest.mark.parametrize(
    ("naam", "data", "model"),
    [
        (
            "indicator",
            {
                "naam": "Deelfietsen",
                "eenheid": "stuks",
                "nulwaarde": "0",
                "streefwaarde": "50",
                "streefdatum": "2028-12-31",
            },
            Indicator,
        ),
        ("budget", {"jaar": "2027", "bedrag": "12500.50", "bron": "provincie"}, Budgetregel),
        (
            "capaciteit",
            {"jaar": "2027", "hoeveelheid": "0.5", "eenheid": "fte", "in_natura": "on"},
            Capaciteit,
        ),
    ],
)
def test_secretariat_adds_parts_of_the_opdrachtformulering(client, w, naam, data, model):
    als(client, w.secretariaat)
    if naam == "capaciteit":
        data = {**data, "bestuur": w.lede.pk}
    voor = model.objects.count()
    response = client.post(_form_urls(w)[naam], data)
    assert response.status_code == 302
    assert response["Location"].startswith(w.fietsnetwerk.get_absolute_url() + "#")
    assert model.objects.count() == voor + 1


def test_capacity_needs_a_member_or_a_partner(client, w):
    als(client, w.secretariaat)
    response = client.post(
        _form_urls(w)["capaciteit"], {"jaar": "2027", "hoeveelheid": "10", "eenheid": "uren"}
    )
    assert "Zeg wie de capaciteit levert" in response.content.decode()


def test_status_form_shows_the_missing_parts_when_lopend_is_refused(client, w):
    als(client, w.secretariaat)
    services.change_status(w.leeg, Status.IN_VOORBEREIDING, door=None)
    url = reverse("opgaven:status", args=[w.leeg.pk])
    assert "Nog niet compleet" in client.get(url).content.decode()
    response = client.post(url, {"naar": Status.LOPEND})
    content = response.content.decode()
    assert response.status_code == 200
    assert (
        "Nog niet ingevuld: doel, resultaat (met minstens één meetbare indicator), budget, capaciteit, "
        "sturing (bestuurlijk opdrachtgever en ambtelijk opdrachtnemer)." in content
    )
    w.leeg.refresh_from_db()
    assert w.leeg.status == Status.IN_VOORBEREIDING


def test_status_form_moves_a_complete_opgave_to_lopend(client, w):
    als(client, w.secretariaat)
    url = reverse("opgaven:status", args=[w.fietsnetwerk.pk])
    client.post(url, {"naar": Status.IN_VOORBEREIDING})
    response = client.post(url, {"naar": Status.LOPEND, "reden": "Besluit DBO"})
    assert response.status_code == 302
    w.fietsnetwerk.refresh_from_db()
    assert w.fietsnetwerk.status == Status.LOPEND


def test_status_form_only_offers_the_allowed_transitions(client, w):
    content = als(client, w.secretariaat).get(_form_urls(w)["status"]).content.decode()
    assert 'value="in_voorbereiding"' in content and 'value="gestopt"' in content
    assert 'value="lopend"' not in content and 'value="afgerond"' not in content


def test_secretariat_links_synergy_and_the_priority_rises(client, w):
    als(client, w.secretariaat)
    response = client.post(
        _form_urls(w)["synergie_leggen"],
        {"andere": w.leeg.pk, "reden": "Integrale ipv verkokerde benadering"},
    )
    assert response.status_code == 302
    content = client.get(w.fietsnetwerk.get_absolute_url()).content.decode().replace("&#x27;", "'")
    assert "Prioriteit 6: versterkt Lege opgave, dient doelstellingen 1 en 4, raakt 2 thema's." in content
    assert w.leeg.pk not in client.get(_form_urls(w)["synergie_leggen"]).context["form"].fields[
        "andere"
    ].queryset.values_list("pk", flat=True)


def test_secretariat_grants_a_mandate_to_the_opdrachtgever(client, w):
    als(client, w.secretariaat)
    response = client.post(
        _form_urls(w)["mandaat"], {**_post_data(w)["mandaat"], "besluit_referentie": "DBO/12"}
    )
    assert response.status_code == 302
    mandaat = Mandaat.objects.get(besluit_referentie="DBO/12")
    assert mandaat.houder == w.opdrachtgever and mandaat.verleend_door == w.dbo


def test_mandate_needs_an_opdrachtgever_first(client, w):
    als(client, w.secretariaat)
    url = reverse("opgaven:mandaat", args=[w.leeg.pk])
    assert "nog geen bestuurlijk opdrachtgever" in client.get(url).content.decode()
    response = client.post(url, _post_data(w)["mandaat"])
    assert "Wijs eerst een bestuurlijk opdrachtgever aan" in response.content.decode()
    assert not Mandaat.objects.filter(opgave=w.leeg).exists()


def test_opdrachtgever_records_a_commitment_within_the_mandate(client, w):
    als(client, w.voorzitter)
    response = client.post(
        _form_urls(w)["verplichting"], {"bedrag": "4000", "omschrijving": "Studie", "datum": "2025-02-01"}
    )
    assert response.status_code == 302
    verplichting = Verplichting.objects.get()
    assert verplichting.bedrag == Decimal("4000") and verplichting.vastgelegd_door == w.voorzitter


def test_commitment_beyond_the_rest_is_refused_next_to_the_amount(client, w):
    als(client, w.voorzitter)
    url = _form_urls(w)["verplichting"]
    client.post(url, {"bedrag": "4000", "omschrijving": "Studie", "datum": "2025-02-01"})
    response = client.post(url, {"bedrag": "7000", "omschrijving": "Te veel", "datum": "2025-02-01"})
    content = response.content.decode()
    assert response.status_code == 200
    assert (
        '<div class="errorlist" id="id_bedrag_error"><p>Dit gaat boven het mandaat: er rest nog €\xa06.000,00 van '
        "het plafond.</p></div>" in content
    )
    assert 'aria-describedby="id_bedrag_error"' in content
    assert Verplichting.objects.count() == 1


def test_commitment_outside_the_period_is_refused_next_to_the_date(client, w):
    als(client, w.voorzitter)
    response = client.post(
        _form_urls(w)["verplichting"], {"bedrag": "10", "omschrijving": "Te vroeg", "datum": "2023-12-31"}
    )
    content = response.content.decode()
    assert 'id="id_datum_error"' in content
    assert "Het mandaat geldt van 1 januari 2024 tot en met 31 december 2099" in content
    assert not Verplichting.objects.exists()


def test_opdrachtgever_reports_progress_with_indicator_values(client, w):
    als(client, w.voorzitter)
    indicator = w.fietsnetwerk.indicatoren.get()
    response = client.post(
        _form_urls(w)["voortgang"],
        {
            "periode_eind": "2025-06-30",
            "status": "aandacht",
            "besteed": "15000",
            "toelichting": "Vertraging bij de vergunning.",
            f"indicator_{indicator.pk}": "7.5",
        },
    )
    assert response.status_code == 302
    voortgang = Voortgang.objects.get()
    assert voortgang.auteur == w.voorzitter and voortgang.status == "aandacht"
    assert IndicatorWaarde.objects.get().waarde == Decimal("7.5")


def test_progress_for_a_period_already_reported_is_refused(client, w):
    als(client, w.voorzitter)
    data = {"periode_eind": "2025-06-30", "status": "op_koers", "besteed": "1", "toelichting": "x"}
    client.post(_form_urls(w)["voortgang"], data)
    response = client.post(_form_urls(w)["voortgang"], data)
    assert response.status_code == 200 and "form-errors" in response.content.decode()
    assert Voortgang.objects.count() == 1


def test_ended_membership_no_longer_records_commitments(client, w):
    from besturen import services as besturen_services

    besturen_services.end_lidmaatschap(w.opdrachtgever, einddatum=datetime.date.today(), door=None)
    als(client, w.voorzitter)
    response = client.post(_form_urls(w)["verplichting"], _post_data(w)["verplichting"])
    assert response.status_code == 403


def test_mandate_period_shown_matches_factory(w):
    assert w.mandaat.einddatum == MANDAAT_EINDE


def test_many_goals_and_themes_keep_the_strategy_page_bounded(client, w):
    url = reverse("opgaven:strategie", args=["denderregio"])
    weinig = _count_queries(client, url)
    for n in range(5, 25):
        doel = DoelstellingFactory(regio=w.dender, nummer=n)
        OpgaveFactory(regio=w.dender, doelstellingen=[doel], themas=[ThemaFactory(regio=w.dender)])
    assert _count_queries(client, url) == weinig


@pytest.mark.parametrize(
    "model",
    [
        "strategie",
        "waarde",
        "doelstelling",
        "thema",
        "opgave",
        "mandaat",
        "verplichting",
        "synergie",
        "voortgang",
        "portefeuillehouder",
    ],
)
def test_admin_lists_and_opens_every_opgaven_model(client, w, model):
    from besturen import services as besturen_services

    services.save_strategie(w.dender, missie="m", visie="v", door=None)
    services.add_waarde(w.dender, naam="Transparantie", door=None)
    services.record_verplichting(
        w.mandaat, bedrag=Decimal("1"), omschrijving="x", datum=datetime.date(2025, 1, 1), door=None
    )
    SynergieFactory(van=w.fietsnetwerk, naar=w.leeg)
    VoortgangFactory(opgave=w.fietsnetwerk)
    services.add_portefeuillehouder(
        w.dender, persoon=w.voorzitter.persoon, thema=w.wonen, begindatum=datetime.date(2025, 1, 1), door=None
    )
    admin = besturen_services.create_platform_admin(email="admin@example.org", password="x", door=None)
    client.force_login(admin)
    changelist = client.get(reverse(f"admin:opgaven_{model}_changelist"))
    assert changelist.status_code == 200
    obj = changelist.context["cl"].result_list[0]
    assert client.get(reverse(f"admin:opgaven_{model}_change", args=[obj.pk])).status_code == 200


def test_editing_keeps_an_opdrachtgever_whose_seat_has_ended(client, w):
    from besturen import services as besturen_services

    besturen_services.end_lidmaatschap(w.opdrachtgever, einddatum=datetime.date(2025, 1, 1), door=None)
    als(client, w.secretariaat)
    url = _form_urls(w)["opgave_bewerken"]
    content = client.get(url).content.decode()
    label = "Victor Voorzitter (voorzitter, Burgemeestersoverleg Denderregio)"
    assert f'<option value="{w.opdrachtgever.pk}" selected>{label}</option>' in content
    assert label not in client.get(_form_urls(w)["opgave_nieuw"]).content.decode()


def test_progress_form_offers_a_field_per_indicator_with_its_target(client, w):
    indicator = w.fietsnetwerk.indicatoren.get()
    content = als(client, w.voorzitter).get(_form_urls(w)["voortgang"]).content.decode()
    assert f'name="indicator_{indicator.pk}"' in content
    assert "Kilometer fietssnelweg (km)" in content and "Streefwaarde 100;" in content
