"""The strategy editor: values, goals and themes added, changed, reordered and archived; opgaven linked from the
goal's side and the roll-up following; portfolio holders; who may open it; htmx errors; query budgets."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opgaven import selectors, services
from opgaven.models import Doelstelling, Opgave, Portefeuillehouder, Thema, VoortgangStatus, Waarde
from regioportaal.limieten import TEKST_MAX
from regioportaal.models import ActionLog
from regioportaal.permissions import NotAllowed
from tests.factories import BudgetregelFactory, OpgaveFactory, VoortgangFactory

HTMX = {"HX-Request": "true"}


def als(client, user):
    if user is not None:
        client.force_login(user)
    return client


def beheer(*args, naam="opgaven:strategie_beheer"):
    return reverse(naam, args=["denderregio", *args])


def nummers(regio):
    return list(regio.doelstellingen.filter(gearchiveerd=False).values_list("nummer", "titel"))


# --- Services -------------------------------------------------------------------------------------------------------


def test_a_new_goal_comes_last_and_the_secretariat_is_logged(w):
    doel = services.add_doelstelling(
        w.dender, titel="De bestuurlijke structuur verloopt optimaal", door=w.secretariaat
    )
    assert doel.nummer == 5
    assert ActionLog.objects.filter(actie="aangemaakt", object_id=str(doel.pk), actor=w.secretariaat).exists()


def test_moving_a_goal_up_swaps_its_number_with_the_one_above(w):
    services.move_onderdeel(w.doelen[1], omhoog=True, door=w.secretariaat)
    assert nummers(w.dender)[:2] == [(1, "Er is een sterk regiogevoel"), (2, "De krachten zijn gebundeld")]
    entry = ActionLog.objects.get(actie="volgorde gewijzigd", object_id=str(w.doelen[1].pk))
    assert entry.wijzigingen == {"nummer": [2, 1]} and entry.actor == w.secretariaat


def test_moving_the_first_goal_up_changes_nothing(w):
    services.move_onderdeel(w.doelen[0], omhoog=True, door=w.secretariaat)
    assert [n for n, _titel in nummers(w.dender)] == [1, 2, 3, 4]
    assert not ActionLog.objects.filter(actie="volgorde gewijzigd").exists()


def test_themes_move_within_their_own_group(w):
    water = services.add_thema(w.dender, naam="Water", door=None)
    assert [t.naam for t in services.broers(water)] == ["Mobiliteit", "Wonen", "Water"]
    services.move_onderdeel(water, omhoog=True, door=w.secretariaat)
    assert [t.naam for t in services.broers(water)] == ["Mobiliteit", "Water", "Wonen"]
    assert [t.naam for t in services.broers(w.participatie)] == ["Participatie"]


def test_an_archived_goal_keeps_its_opgaven_but_takes_no_new_ones(w):
    services.archive_onderdeel(w.doelen[0], door=w.secretariaat)
    doel = Doelstelling.objects.get(pk=w.doelen[0].pk)
    assert doel.gearchiveerd and list(doel.opgaven.all()) == [w.fietsnetwerk]
    with pytest.raises(ValidationError, match="Gearchiveerd, dus niet meer te koppelen"):
        services.create_opgave(w.dender, titel="Nieuw", doelstellingen=[doel], door=w.secretariaat)
    services.update_opgave(w.fietsnetwerk, doelstellingen=[doel, w.doelen[3]], door=w.secretariaat)
    with pytest.raises(ValidationError, match="Een gearchiveerd onderdeel"):
        services.link_opgaven(doel, [w.leeg], door=w.secretariaat)
    services.archive_onderdeel(doel, gearchiveerd=False, door=w.secretariaat)
    assert ActionLog.objects.filter(actie="teruggezet", object_id=str(doel.pk)).exists()


def test_linking_opgaven_from_the_goal_moves_its_rollup(w):
    doel = w.doelen[2]
    assert selectors.doelstelling_voortgang(w.dender).get(doel.pk) is None
    risico = OpgaveFactory(regio=w.dender, titel="Risicovol")
    BudgetregelFactory(opgave=risico, bedrag=Decimal("150000"))
    VoortgangFactory(opgave=risico, status=VoortgangStatus.RISICO)
    VoortgangFactory(opgave=w.fietsnetwerk, status=VoortgangStatus.OP_KOERS)  # budget 50.000
    services.link_opgaven(doel, [w.fietsnetwerk, risico], door=w.secretariaat)
    assert selectors.doelstelling_voortgang(w.dender)[doel.pk] == Decimal("25")
    entry = ActionLog.objects.get(actie="opgaven gekoppeld", object_id=str(doel.pk))
    assert entry.wijzigingen == {"opgaven": [[], ["Fietsnetwerk Denderregio", "Risicovol"]]}


def test_an_opgave_of_another_region_is_not_linked(w):
    vreemd = OpgaveFactory(regio=w.drecht)
    with pytest.raises(ValidationError, match="hoort bij een andere regio"):
        services.link_opgaven(w.doelen[0], [vreemd], door=w.secretariaat)
    assert list(w.doelen[0].opgaven.all()) == [w.fietsnetwerk]


def test_a_theme_keeps_its_name_unique_within_the_region(w):
    with pytest.raises(ValidationError, match="al een thema met deze naam"):
        services.update_onderdeel(w.wonen, naam="Mobiliteit", door=w.secretariaat)
    with pytest.raises(ValidationError, match="al een thema met deze naam"):
        services.add_thema(w.dender, naam="Wonen", door=w.secretariaat)


def test_another_regions_secretariat_changes_no_part(w):
    with pytest.raises(NotAllowed, match="Alleen het secretariaat van Denderregio"):
        services.update_onderdeel(w.wonen, naam="Gekaapt", door=w.secretariaat_drecht)
    with pytest.raises(NotAllowed):
        services.move_onderdeel(w.doelen[1], omhoog=True, door=w.secretariaat_drecht)
    assert Thema.objects.get(pk=w.wonen.pk).naam == "Wonen"


def test_a_portfolio_holder_is_someone_of_the_regions_bodies_without_overlap(w):
    portefeuille = services.add_portefeuillehouder(
        w.dender,
        persoon=w.lid.persoon,
        thema=w.mobiliteit,
        begindatum=datetime.date(2025, 1, 1),
        door=w.secretariaat,
    )
    assert ActionLog.objects.filter(
        actie="portefeuillehouder benoemd", object_id=str(portefeuille.pk)
    ).exists()
    with pytest.raises(ValidationError, match="houdt deze portefeuille al"):
        services.add_portefeuillehouder(
            w.dender,
            persoon=w.lid.persoon,
            thema=w.mobiliteit,
            begindatum=datetime.date(2026, 1, 1),
            door=None,
        )
    with pytest.raises(ValidationError, match="Kies iemand met een zetel in een orgaan van Denderregio"):
        services.add_portefeuillehouder(
            w.dender,
            persoon=w.raadslid.persoon,
            opgave=w.leeg,
            begindatum=datetime.date(2025, 1, 1),
            door=None,
        )
    services.end_portefeuillehouder(portefeuille, einddatum=datetime.date(2025, 12, 31), door=w.secretariaat)
    portefeuille.refresh_from_db()
    assert portefeuille.einddatum == datetime.date(2025, 12, 31) and not portefeuille.is_current()
    assert Portefeuillehouder.objects.count() == 1


# --- The editor -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wie", "status"),
    [
        ("secretariaat", 200),
        ("platformbeheerder", 200),
        ("lid", 403),
        ("secretariaat_drecht", 403),
        ("raadslid", 403),
    ],
)
def test_the_editor_opens_for_the_regions_secretariat_only(client, w, wie, status):
    assert als(client, w.users[wie]).get(beheer()).status_code == status


def test_the_editor_asks_anonymous_visitors_to_log_in(client, w):
    response = client.get(beheer())
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    response = client.post(
        beheer("doelstelling", naam="opgaven:onderdeel_nieuw"), {"doelstelling-titel": "x"}
    )
    assert response.status_code == 302
    assert not Doelstelling.objects.filter(titel="x").exists()


def test_another_regions_secretariat_may_not_post_to_the_editor(client, w):
    als(client, w.secretariaat_drecht)
    assert (
        client.post(
            beheer("doelstelling", naam="opgaven:onderdeel_nieuw"), {"doelstelling-titel": "x"}
        ).status_code
        == 403
    )
    url = beheer("doelstelling", w.doelen[1].pk, "omhoog", naam="opgaven:onderdeel_actie")
    assert client.post(url).status_code == 403
    assert w.dender.doelstellingen.get(pk=w.doelen[1].pk).nummer == 2


def _vul(w, van, tot):
    for n in range(van, tot):
        services.add_waarde(w.dender, naam=f"Waarde {n}", door=None)
        doel = services.add_doelstelling(w.dender, titel=f"Doel {n}", door=None)
        thema = services.add_thema(w.dender, naam=f"Thema {n}", transversaal=n % 2 == 0, door=None)
        services.link_opgaven(doel, [w.fietsnetwerk, w.leeg], door=None)
        if n % 3 == 0:
            services.archive_onderdeel(thema, door=None)
        else:
            services.add_portefeuillehouder(
                w.dender, persoon=w.lid.persoon, thema=thema, begindatum=datetime.date(2025, 1, 1), door=None
            )


def test_the_editor_query_count_does_not_grow_with_the_strategy(client, w, django_assert_max_num_queries):
    als(client, w.secretariaat)
    _vul(w, 0, 2)
    client.get(beheer())  # warm the per-process content-type cache
    with django_assert_max_num_queries(14) as weinig:
        assert client.get(beheer()).status_code == 200
    _vul(w, 2, 20)
    with django_assert_max_num_queries(len(weinig)):
        assert client.get(beheer()).status_code == 200


def test_the_editor_adds_a_goal_with_htmx_and_shows_it(client, w):
    als(client, w.secretariaat)
    response = client.post(
        beheer("doelstelling", naam="opgaven:onderdeel_nieuw"),
        {"doelstelling-titel": "De bestuurlijke structuur verloopt optimaal"},
        headers=HTMX,
    )
    content = response.content.decode()
    assert response.status_code == 200 and "<html" not in content and 'id="onderdelen"' in content
    assert "Doelstelling 5. De bestuurlijke structuur verloopt optimaal is toegevoegd." in content
    assert nummers(w.dender)[-1] == (5, "De bestuurlijke structuur verloopt optimaal")


@pytest.mark.parametrize("soort", ["waarde", "doelstelling", "thema"])
def test_invalid_htmx_input_answers_422_with_the_error_next_to_the_field(client, w, soort):
    als(client, w.secretariaat)
    veld = "titel" if soort == "doelstelling" else "naam"
    voor = (Waarde.objects.count(), Doelstelling.objects.count(), Thema.objects.count())
    response = client.post(
        beheer(soort, naam="opgaven:onderdeel_nieuw"), {f"{soort}-{veld}": ""}, headers=HTMX
    )
    content = response.content.decode()
    assert response.status_code == 422 and 'id="onderdelen"' in content
    assert f'id="id_{soort}-{veld}_error"' in content and "Dit veld is verplicht." in content
    assert (Waarde.objects.count(), Doelstelling.objects.count(), Thema.objects.count()) == voor


def test_a_duplicate_theme_name_is_refused_next_to_the_name(client, w):
    als(client, w.secretariaat)
    response = client.post(
        beheer("thema", naam="opgaven:onderdeel_nieuw"), {"thema-naam": "Wonen"}, headers=HTMX
    )
    assert response.status_code == 422
    assert 'id="id_thema-naam_error"' in response.content.decode()


def test_moving_with_htmx_keeps_the_focus_on_the_pressed_button(client, w):
    als(client, w.secretariaat)
    url = beheer("doelstelling", w.doelen[2].pk, "omlaag", naam="opgaven:onderdeel_actie")
    content = client.post(url, headers=HTMX).content.decode()
    assert nummers(w.dender)[2:] == [
        (3, "Er is een versterkte financiële slagkracht"),
        (4, "Het regionaal ecosysteem is actief betrokken"),
    ]
    knop = content[content.index(f'id="doelstelling-{w.doelen[2].pk}"') :]
    knop = knop[: knop.index("</li>")]
    assert "autofocus" in knop and "omhoog" in knop.split("autofocus")[0].rsplit("<form", 1)[1]


def test_archiving_without_javascript_returns_to_the_editor(client, w):
    als(client, w.secretariaat)
    response = client.post(beheer("thema", w.wonen.pk, "archiveren", naam="opgaven:onderdeel_actie"))
    assert response.status_code == 302 and response["Location"] == beheer()
    assert Thema.objects.get(pk=w.wonen.pk).gearchiveerd
    content = client.get(beheer()).content.decode()
    assert "Gearchiveerd" in content and "Terugzetten" in content


def test_a_part_of_another_region_is_404_in_the_editor(client, w):
    vreemd = services.add_thema(w.drecht, naam="Bereikbare regio", door=None)
    als(client, w.secretariaat)
    assert (
        client.post(beheer("thema", vreemd.pk, "archiveren", naam="opgaven:onderdeel_actie")).status_code
        == 404
    )
    assert client.post(beheer("onzin", naam="opgaven:onderdeel_nieuw")).status_code == 404


def test_mission_and_vision_are_saved_from_the_editor(client, w):
    als(client, w.secretariaat)
    response = client.post(
        beheer(), {"missie": "Regionale samenwerking als motor voor vooruitgang.", "visie": "Efficiënt."}
    )
    assert response.status_code == 302
    assert (
        "Regionale samenwerking als motor"
        in client.get(reverse("opgaven:strategie", args=["denderregio"])).content.decode()
    )


def test_the_secretariat_names_a_portfolio_holder_and_ends_the_portfolio(client, w):
    als(client, w.secretariaat)
    response = client.post(
        beheer(naam="opgaven:portefeuille_nieuw"),
        {
            "portefeuille-persoon": w.lid.persoon.pk,
            "portefeuille-onderwerp": f"opgave-{w.fietsnetwerk.pk}",
            "portefeuille-begindatum": "2025-01-01",
        },
        headers=HTMX,
    )
    assert response.status_code == 200
    portefeuille = Portefeuillehouder.objects.get()
    assert portefeuille.opgave == w.fietsnetwerk and portefeuille.thema is None
    assert "Lieve Lid" in client.get(w.fietsnetwerk.get_absolute_url()).content.decode()
    response = client.post(
        beheer(portefeuille.pk, naam="opgaven:portefeuille_einde"), {"einddatum": "2025-06-30"}, headers=HTMX
    )
    assert response.status_code == 200
    assert "Lieve Lid" not in client.get(w.fietsnetwerk.get_absolute_url()).content.decode()


def test_a_portfolio_without_a_subject_answers_422(client, w):
    als(client, w.secretariaat)
    response = client.post(
        beheer(naam="opgaven:portefeuille_nieuw"),
        {"portefeuille-persoon": w.lid.persoon.pk, "portefeuille-begindatum": "2025-01-01"},
        headers=HTMX,
    )
    assert response.status_code == 422 and 'id="id_portefeuille-onderwerp_error"' in response.content.decode()
    assert not Portefeuillehouder.objects.exists()


# --- The page of a goal or theme ------------------------------------------------------------------------------------


def onderdeel_url(soort, onderdeel):
    return reverse("opgaven:onderdeel", args=[soort, onderdeel.pk])


def test_the_goal_page_is_public_and_shows_its_opgaven_and_rollup(client, w, django_assert_max_num_queries):
    VoortgangFactory(opgave=w.fietsnetwerk, status=VoortgangStatus.OP_KOERS)
    with django_assert_max_num_queries(6):
        response = client.get(onderdeel_url("doelstelling", w.doelen[0]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Doelstelling 1: De krachten zijn gebundeld" in content
    assert "Fietsnetwerk Denderregio" in content and "100\xa0% van het budget op koers" in content
    assert "Opgaven koppelen" not in content and "<form" not in content.split("</header>")[-1]


def test_the_goal_page_query_count_does_not_grow_with_its_opgaven(client, w, settings):
    # the view's own queries: a logged-in session's second request is a cache hit
    settings.PAGINACACHE = False
    als(client, w.secretariaat)
    url = onderdeel_url("doelstelling", w.doelen[1])
    client.get(url)

    def tel():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    twee = tel()
    for _ in range(20):
        opgave = OpgaveFactory(regio=w.dender, doelstellingen=[w.doelen[1]])
        VoortgangFactory(opgave=opgave)
    assert tel() == twee


def test_the_secretariat_links_an_opgave_on_the_goal_page_and_the_rollup_shows_it(client, w):
    VoortgangFactory(opgave=w.fietsnetwerk, status=VoortgangStatus.OP_KOERS)
    als(client, w.secretariaat)
    url = onderdeel_url("doelstelling", w.doelen[1])
    assert "nog geen opgaven" in client.get(url).content.decode()
    response = client.post(url, {"formulier": "koppelen", "opgaven": [w.fietsnetwerk.pk]}, headers=HTMX)
    content = response.content.decode()
    assert response.status_code == 200 and "<html" not in content
    assert "100\xa0% van het budget op koers" in content
    assert list(Opgave.objects.filter(doelstellingen=w.doelen[1])) == [w.fietsnetwerk]
    strategie = client.get(reverse("opgaven:strategie", args=["denderregio"])).content.decode()
    assert strategie.count("Fietsnetwerk Denderregio") == 3  # goals 1, 2 and 4


def test_invalid_goal_edit_answers_422_and_changes_nothing(client, w):
    als(client, w.secretariaat)
    url = onderdeel_url("doelstelling", w.doelen[0])
    response = client.post(url, {"formulier": "bewerken", "titel": ""}, headers=HTMX)
    assert response.status_code == 422 and 'id="id_titel_error"' in response.content.decode()
    assert Doelstelling.objects.get(pk=w.doelen[0].pk).titel == "De krachten zijn gebundeld"
    response = client.post(url, {"formulier": "bewerken", "titel": "Gebundelde krachten"}, headers=HTMX)
    assert response.status_code == 200 and "Gebundelde krachten" in response.content.decode()


@pytest.mark.parametrize("wie", ["lid", "secretariaat_drecht", "raadslid"])
def test_others_may_not_edit_or_link_on_the_goal_page(client, w, wie):
    als(client, w.users[wie])
    url = onderdeel_url("doelstelling", w.doelen[1])
    assert client.post(url, {"formulier": "koppelen", "opgaven": [w.fietsnetwerk.pk]}).status_code == 403
    assert client.post(url, {"formulier": "bewerken", "titel": "x"}).status_code == 403
    assert not w.doelen[1].opgaven.exists()


def test_the_goal_page_does_not_offer_unpublished_opgaven_to_the_public(client, w):
    w.besloten.doelstellingen.add(w.doelen[1])
    assert (
        "Besloten verkenning" not in client.get(onderdeel_url("doelstelling", w.doelen[1])).content.decode()
    )
    content = als(client, w.secretariaat).get(onderdeel_url("doelstelling", w.doelen[1])).content.decode()
    assert "Besloten verkenning" in content


def test_the_theme_page_and_the_strategy_page_show_the_portfolio_holder(client, w):
    services.add_portefeuillehouder(
        w.dender, persoon=w.voorzitter.persoon, thema=w.wonen, begindatum=datetime.date(2024, 1, 1), door=None
    )
    assert "Victor Voorzitter" in client.get(onderdeel_url("thema", w.wonen)).content.decode()
    assert (
        "Victor Voorzitter" in client.get(reverse("opgaven:strategie", args=["denderregio"])).content.decode()
    )


def test_archived_parts_leave_the_strategy_page_and_the_opgave_form(client, w):
    services.archive_onderdeel(w.doelen[2], door=None)
    services.archive_onderdeel(w.mobiliteit, door=None)
    strategie = client.get(reverse("opgaven:strategie", args=["denderregio"])).content.decode()
    assert "Het regionaal ecosysteem" not in strategie
    als(client, w.secretariaat)
    nieuw = client.get(reverse("opgaven:opgave_nieuw", args=["denderregio"])).content.decode()
    assert "Het regionaal ecosysteem" not in nieuw and ">Mobiliteit<" not in nieuw.replace("</label>", "<")
    bewerken = client.get(reverse("opgaven:opgave_bewerken", args=[w.fietsnetwerk.pk])).context["form"]
    assert w.mobiliteit in bewerken.fields["themas"].queryset  # the opgave already serves it
    assert w.doelen[2] not in bewerken.fields["doelstellingen"].queryset


def test_the_strategy_page_offers_the_editor_to_the_secretariat_only(client, w):
    url = reverse("opgaven:strategie", args=["denderregio"])
    assert beheer() in als(client, w.secretariaat).get(url).content.decode()
    assert beheer() not in als(client, w.lid).get(url).content.decode()


def test_a_mission_longer_than_the_limit_is_refused_next_to_its_field_and_nothing_is_saved(client, w):
    als(client, w.secretariaat)
    response = client.post(beheer(), {"missie": "x" * (TEKST_MAX + 1), "visie": "Kort en goed."})
    assert response.status_code == 422
    assert f"niet meer dan {TEKST_MAX} tekens" in response.content.decode()
    assert (
        "Kort en goed." not in client.get(reverse("opgaven:strategie", args=["denderregio"])).content.decode()
    )
