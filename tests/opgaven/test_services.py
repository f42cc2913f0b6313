"""The opgaven services and selectors: permission refusals, audit entries, the mandate's limits, priority, roll-up."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from besturen import services as besturen_services
from besturen.models import OrgaanSoort, Rol
from opgaven import selectors, services
from opgaven.models import (
    Bron,
    Indicator,
    IndicatorWaarde,
    Mandaat,
    Opgave,
    Status,
    Synergie,
    Verplichting,
    Voortgang,
    VoortgangStatus,
)
from regioportaal.models import ActionLog
from regioportaal.permissions import NotAllowed
from tests.factories import (
    MANDAAT_BEGIN,
    BudgetregelFactory,
    DoelstellingFactory,
    OpgaveFactory,
    SynergieFactory,
    ThemaFactory,
    VoortgangFactory,
    maak_gebruiker,
)

# A one-day mandate of one euro: the services' refusals come before its figures matter.
KLEIN_MANDAAT = {
    "besluitdatum": MANDAAT_BEGIN,
    "omschrijving": "x",
    "budgetplafond": Decimal("1"),
    "begindatum": MANDAAT_BEGIN,
    "einddatum": MANDAAT_BEGIN,
}


def _entries(actie, obj):
    return ActionLog.objects.filter(actie=actie, object_id=str(obj.pk))


# --- Permission refusals ------------------------------------------------------------------------------------------

SECRETARIAAT_ACTIES = {
    "create_opgave": lambda w, door: services.create_opgave(w.dender, titel="Nieuw", door=door),
    "update_opgave": lambda w, door: services.update_opgave(w.fietsnetwerk, titel="Gekaapt", door=door),
    "add_indicator": lambda w, door: services.add_indicator(
        w.fietsnetwerk,
        naam="x",
        eenheid="km",
        nulwaarde=0,
        streefwaarde=1,
        streefdatum=datetime.date(2030, 1, 1),
        door=door,
    ),
    "add_budgetregel": lambda w, door: services.add_budgetregel(
        w.fietsnetwerk, jaar=2026, bedrag=Decimal("1"), bron=Bron.LEDEN, door=door
    ),
    "add_capaciteit": lambda w, door: services.add_capaciteit(
        w.fietsnetwerk, jaar=2026, hoeveelheid=Decimal("1"), partner="x", door=door
    ),
    "change_status": lambda w, door: services.change_status(w.fietsnetwerk, Status.GESTOPT, door=door),
    "link_synergie": lambda w, door: services.link_synergie(w.fietsnetwerk, w.leeg, reden="x", door=door),
    "grant_mandaat": lambda w, door: services.grant_mandaat(
        w.fietsnetwerk, verleend_door=w.dbo, door=door, **KLEIN_MANDAAT
    ),
    "save_strategie": lambda w, door: services.save_strategie(w.dender, missie="x", visie="y", door=door),
    "add_doelstelling": lambda w, door: services.add_doelstelling(w.dender, nummer=9, titel="x", door=door),
    "add_thema": lambda w, door: services.add_thema(w.dender, naam="x", door=door),
    "add_waarde": lambda w, door: services.add_waarde(w.dender, naam="x", door=door),
}


@pytest.mark.parametrize("actie", sorted(SECRETARIAAT_ACTIES))
@pytest.mark.parametrize("wie", ["opdrachtgever", "lid", "raadslid", "secretariaat_drecht", "buitenstaander"])
def test_only_the_regions_secretariat_formulates(w, stand, actie, wie):
    voor = stand()
    with pytest.raises(NotAllowed, match="Alleen het secretariaat van Denderregio mag dit."):
        SECRETARIAAT_ACTIES[actie](w, w.users[wie])
    assert stand() == voor


@pytest.mark.parametrize("actie", sorted(SECRETARIAAT_ACTIES))
def test_anonymous_visitors_formulate_nothing(w, anonymous_user, actie):
    with pytest.raises(NotAllowed):
        SECRETARIAAT_ACTIES[actie](w, anonymous_user)


@pytest.fixture
def anonymous_user():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.mark.parametrize("actie", sorted(SECRETARIAAT_ACTIES))
@pytest.mark.parametrize("wie", ["secretariaat", "platformbeheerder"])
def test_the_secretariat_formulates_and_each_write_is_logged_in_the_regions_scope(w, actie, wie):
    """The platform administrator formulates as the secretariat does (platform administration, docs/rollen.md)."""
    voor = ActionLog.objects.count()
    SECRETARIAAT_ACTIES[actie](w, w.users[wie])
    nieuw = ActionLog.objects.order_by("pk")[voor:]
    assert nieuw, "no audit entry"
    assert all(e.actor == w.users[wie] and e.scope == f"regio:{w.dender.pk}" for e in nieuw)


@pytest.mark.parametrize(
    "wie", ["platformbeheerder", "secretariaat", "lid", "raadslid", "secretariaat_drecht", "buitenstaander"]
)
def test_only_the_mandates_holder_records_commitments(w, wie):
    with pytest.raises(NotAllowed, match="Alleen de houder van het mandaat legt verplichtingen vast."):
        services.record_verplichting(
            w.mandaat,
            bedrag=Decimal("1"),
            omschrijving="x",
            datum=datetime.date(2025, 1, 1),
            door=w.users[wie],
        )
    assert not Verplichting.objects.exists()


@pytest.mark.parametrize("wie", ["lid", "raadslid", "secretariaat_drecht", "buitenstaander"])
def test_only_the_opdrachtgever_or_secretariat_reports_progress(w, wie):
    with pytest.raises(NotAllowed, match="Alleen de opdrachtgever of het secretariaat"):
        services.report_voortgang(
            w.fietsnetwerk,
            periode_eind=datetime.date(2025, 6, 30),
            status=VoortgangStatus.OP_KOERS,
            besteed=Decimal("1"),
            toelichting="x",
            door=w.users[wie],
        )
    assert not Voortgang.objects.exists()


@pytest.mark.parametrize("wie", ["opdrachtgever", "secretariaat", "platformbeheerder"])
def test_opdrachtgever_and_secretariat_report_progress_with_indicator_values(w, wie):
    indicator = w.fietsnetwerk.indicatoren.get()
    voortgang = services.report_voortgang(
        w.fietsnetwerk,
        periode_eind=datetime.date(2025, 6, 30),
        status=VoortgangStatus.AANDACHT,
        besteed=Decimal("1500"),
        toelichting="Vergunning vertraagd.",
        waarden={indicator: Decimal("12.5")},
        door=w.users[wie],
    )
    assert voortgang.auteur == w.users[wie]
    assert IndicatorWaarde.objects.get().waarde == Decimal("12.5")
    entry = _entries("voortgang gerapporteerd", voortgang).get()
    assert entry.actor == w.users[wie] and entry.wijzigingen["besteed"] == "1500"


def test_progress_refuses_an_indicator_of_another_opgave(w):
    vreemd = Indicator.objects.create(
        opgave=w.leeg,
        naam="Vreemd",
        eenheid="x",
        nulwaarde=0,
        streefwaarde=1,
        streefdatum=datetime.date(2030, 1, 1),
    )
    with pytest.raises(ValidationError, match="Indicator Vreemd hoort niet bij deze opgave."):
        services.report_voortgang(
            w.fietsnetwerk,
            periode_eind=datetime.date(2025, 6, 30),
            status=VoortgangStatus.OP_KOERS,
            besteed=Decimal("1"),
            toelichting="x",
            waarden={vreemd: Decimal("1")},
            door=w.voorzitter,
        )


def test_opdrachtgever_whose_seat_ended_loses_the_mandate(w):
    besturen_services.end_lidmaatschap(w.opdrachtgever, einddatum=datetime.date.today(), door=None)
    with pytest.raises(NotAllowed):
        services.record_verplichting(
            w.mandaat,
            bedrag=Decimal("1"),
            omschrijving="x",
            datum=datetime.date(2025, 1, 1),
            door=w.voorzitter,
        )


# --- Links and formulation ------------------------------------------------------------------------------------------


def test_opdrachtgever_must_sit_in_the_regions_board(w):
    stuurgroeplid = besturen_services.add_lidmaatschap(
        persoon=w.lid.persoon, orgaan=w.stuurgroep, rol=Rol.LID, begindatum=MANDAAT_BEGIN, door=None
    )
    drecht_lid = w.secretariaat_drecht.lidmaatschap
    for lidmaatschap in (stuurgroeplid, drecht_lid):
        with pytest.raises(ValidationError) as refused:
            services.create_opgave(w.dender, titel="X", opdrachtgever=lidmaatschap, door=w.secretariaat)
        assert "opdrachtgever" in refused.value.error_dict
    assert not Opgave.objects.filter(titel="X").exists()


def test_goals_themes_and_stuurgroep_must_belong_to_the_region(w):
    vreemd_doel = DoelstellingFactory(regio=w.drecht)
    vreemd_thema = ThemaFactory(regio=w.drecht)
    with pytest.raises(ValidationError) as refused:
        services.create_opgave(
            w.dender,
            titel="X",
            stuurgroep=w.regiobestuur_drecht,
            doelstellingen=[vreemd_doel],
            themas=[vreemd_thema],
            door=w.secretariaat,
        )
    assert set(refused.value.error_dict) == {"stuurgroep", "doelstellingen", "themas"}


def test_update_logs_only_what_changed(w):
    services.update_opgave(w.fietsnetwerk, doel="Een beter fietsnetwerk.", door=w.secretariaat)
    entry = _entries("gewijzigd", w.fietsnetwerk).get()
    assert entry.wijzigingen == {"doel": ["Een regionaal fietsnetwerk.", "Een beter fietsnetwerk."]}


def test_synergy_links_two_different_opgaven_of_one_region_once(w):
    synergie = services.link_synergie(w.leeg, w.fietsnetwerk, reden="Samen sterker", door=w.secretariaat)
    assert (synergie.van, synergie.naar) == (w.fietsnetwerk, w.leeg)  # lowest id first
    assert _entries("synergie gelegd", synergie).exists()
    andere_regio = OpgaveFactory(regio=w.drecht)
    for a, b, fout in (
        (w.fietsnetwerk, w.leeg, "Deze opgaven zijn al verbonden."),
        (w.fietsnetwerk, w.fietsnetwerk, "Synergie verbindt twee verschillende opgaven"),
        (w.fietsnetwerk, andere_regio, "Synergie verbindt twee verschillende opgaven"),
    ):
        with pytest.raises(ValidationError, match=fout):
            services.link_synergie(a, b, reden="x", door=w.secretariaat)
    assert Synergie.objects.count() == 1


def test_mandate_goes_to_the_opdrachtgever_and_is_logged(w):
    mandaat = Mandaat.objects.get(pk=w.mandaat.pk)
    assert mandaat.houder == w.opdrachtgever and mandaat.verleend_door == w.dbo
    assert _entries("mandaat verleend", mandaat).exists()


def test_mandate_is_granted_by_a_body_of_the_region(w):
    with pytest.raises(ValidationError) as refused:
        services.grant_mandaat(
            w.fietsnetwerk, verleend_door=w.regiobestuur_drecht, door=w.secretariaat, **KLEIN_MANDAAT
        )
    assert "verleend_door" in refused.value.error_dict


# --- The mandate's limits -------------------------------------------------------------------------------------------


def test_commitment_within_the_mandate_is_recorded_and_logged(w):
    verplichting = services.record_verplichting(
        w.mandaat,
        bedrag=Decimal("4000"),
        omschrijving="Studie",
        datum=datetime.date(2025, 2, 1),
        door=w.voorzitter,
    )
    assert verplichting.vastgelegd_door == w.voorzitter
    assert services.resterend_budget(w.mandaat) == Decimal("6000")
    entry = _entries("verplichting vastgelegd", verplichting).get()
    assert entry.actor == w.voorzitter and entry.scope == f"regio:{w.dender.pk}"


def test_commitment_up_to_exactly_the_rest_is_allowed(w):
    services.record_verplichting(
        w.mandaat,
        bedrag=Decimal("10000"),
        omschrijving="Alles",
        datum=datetime.date(2025, 2, 1),
        door=w.voorzitter,
    )
    assert services.resterend_budget(w.mandaat) == Decimal("0")


def test_commitment_beyond_the_remaining_budget_is_refused_on_the_amount_and_writes_nothing(w):
    services.record_verplichting(
        w.mandaat,
        bedrag=Decimal("4000"),
        omschrijving="Studie",
        datum=datetime.date(2025, 2, 1),
        door=w.voorzitter,
    )
    log = ActionLog.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.record_verplichting(
            w.mandaat,
            bedrag=Decimal("6000.01"),
            omschrijving="Te veel",
            datum=datetime.date(2025, 2, 1),
            door=w.voorzitter,
        )
    assert refused.value.message_dict == {
        "bedrag": ["Dit gaat boven het mandaat: er rest nog €\xa06.000,00 van het plafond."]
    }
    assert Verplichting.objects.count() == 1 and ActionLog.objects.count() == log


@pytest.mark.parametrize("datum", [datetime.date(2023, 12, 31), datetime.date(2100, 1, 1)])
def test_commitment_outside_the_mandates_period_is_refused_on_the_date_and_writes_nothing(w, datum):
    log = ActionLog.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.record_verplichting(
            w.mandaat, bedrag=Decimal("1"), omschrijving="Buiten de periode", datum=datum, door=w.voorzitter
        )
    assert refused.value.message_dict == {
        "datum": [
            "Het mandaat geldt van 1 januari 2024 tot en met 31 december 2099; deze datum valt erbuiten."
        ]
    }
    assert not Verplichting.objects.exists() and ActionLog.objects.count() == log


# --- Priority ---------------------------------------------------------------------------------------------------------


def _met_prefetch(opgave):
    return selectors.opgave_detail_queryset().get(pk=opgave.pk)


def test_priority_counts_synergy_twice_and_goals_and_themes_once(w):
    SynergieFactory(van=w.fietsnetwerk, naar=w.leeg)
    SynergieFactory(van=w.fietsnetwerk, naar=OpgaveFactory(regio=w.dender, titel="Woonagenda"))
    w.fietsnetwerk.themas.add(w.wonen)
    score, uitleg = selectors.prioriteit_uitleg(_met_prefetch(w.fietsnetwerk))
    assert score == 2 * 2 + 2 + 3 == 9
    assert (
        uitleg
        == "prioriteit 9: versterkt Lege opgave en Woonagenda, dient doelstellingen 1 en 4, raakt 3 thema's"
    )
    annotated = selectors.with_prioriteit(Opgave.objects.filter(pk=w.fietsnetwerk.pk)).get()
    assert annotated.prioriteit == score


def test_priority_explanation_of_a_bare_opgave(w):
    assert selectors.prioriteit_uitleg(_met_prefetch(w.leeg)) == (
        0,
        "prioriteit 0: nog geen synergie, doelstellingen of thema's",
    )


def test_priority_explanation_in_the_singular(w):
    opgave = OpgaveFactory(regio=w.dender, doelstellingen=[w.doelen[1]], themas=[w.wonen])
    SynergieFactory(van=opgave, naar=w.leeg)
    assert selectors.prioriteit_uitleg(_met_prefetch(opgave)) == (
        4,
        "prioriteit 4: versterkt Lege opgave, dient doelstelling 2, raakt 1 thema",
    )


def test_priority_explanation_names_only_the_partners_the_reader_may_see(w):
    SynergieFactory(van=w.fietsnetwerk, naar=w.besloten)
    SynergieFactory(van=w.fietsnetwerk, naar=w.leeg)
    score, uitleg = selectors.prioriteit_uitleg(
        _met_prefetch(w.fietsnetwerk), zichtbaar=lambda o: o.gepubliceerd
    )
    assert score == 8
    assert uitleg.startswith("prioriteit 8: versterkt Lege opgave en 1 niet-gepubliceerde opgave, ")


def test_opgaven_list_orders_by_priority_then_title(w):
    hoog = OpgaveFactory(regio=w.dender, titel="Zzz hoog", doelstellingen=w.doelen, themas=[w.wonen])
    SynergieFactory(van=hoog, naar=w.leeg)
    titels = [o.titel for o in selectors.opgaven_list(w.dender, None, order="prioriteit")]
    assert titels == ["Zzz hoog", "Fietsnetwerk Denderregio", "Lege opgave"]
    prioriteiten = [o.prioriteit for o in selectors.opgaven_list(w.dender, None, order="prioriteit")]
    assert prioriteiten == [7, 4, 2]
    assert [o.titel for o in selectors.opgaven_list(w.dender, None)] == [
        "Fietsnetwerk Denderregio",
        "Lege opgave",
        "Zzz hoog",
    ]


# --- Goal roll-up ---------------------------------------------------------------------------------------------------


def test_goal_rollup_is_weighted_by_budget_and_ignores_unreported_opgaven(w):
    doel = w.doelen[2]
    groot = OpgaveFactory(regio=w.dender, doelstellingen=[doel])
    klein = OpgaveFactory(regio=w.dender, doelstellingen=[doel])
    zonder_rapport = OpgaveFactory(regio=w.dender, doelstellingen=[doel])
    BudgetregelFactory(opgave=groot, bedrag=Decimal("20000"), jaar=2026)
    BudgetregelFactory(opgave=groot, bedrag=Decimal("10000"), jaar=2027)
    BudgetregelFactory(opgave=klein, bedrag=Decimal("10000"))
    BudgetregelFactory(opgave=zonder_rapport, bedrag=Decimal("1000000"))
    VoortgangFactory(opgave=groot, periode_eind=datetime.date(2025, 3, 31), status=VoortgangStatus.RISICO)
    VoortgangFactory(opgave=groot, periode_eind=datetime.date(2025, 6, 30), status=VoortgangStatus.OP_KOERS)
    VoortgangFactory(opgave=klein, status=VoortgangStatus.AANDACHT)
    voortgang = selectors.doelstelling_voortgang(w.dender)
    assert voortgang[doel.pk] == Decimal("75")  # 30.000 of 40.000 op koers, by the latest report
    assert w.doelen[1].pk not in voortgang  # no opgave with a report


def test_goal_rollup_can_be_limited_to_the_opgaven_a_reader_may_see(w):
    doel = w.doelen[1]
    w.besloten.doelstellingen.set([doel])
    BudgetregelFactory(opgave=w.besloten)
    VoortgangFactory(opgave=w.besloten, status=VoortgangStatus.RISICO)
    assert selectors.doelstelling_voortgang(w.dender)[doel.pk] == Decimal("0")
    publiek = selectors.doelstelling_voortgang(w.dender, opgaven=Opgave.objects.visible_to(None))
    assert doel.pk not in publiek


def test_visible_to_shows_unpublished_opgaven_only_to_the_regions_people(w):
    def titels(user):
        return set(Opgave.objects.visible_to(user).filter(regio=w.dender).values_list("titel", flat=True))

    alles = {"Fietsnetwerk Denderregio", "Besloten verkenning", "Lege opgave"}
    assert titels(None) == alles - {"Besloten verkenning"}
    assert titels(w.buitenstaander) == alles - {"Besloten verkenning"}
    assert titels(w.secretariaat_drecht) == alles - {"Besloten verkenning"}
    assert titels(w.secretariaat) == alles and titels(w.lid) == alles


def test_board_of_a_new_region_body_can_hold_opgaven(w):
    dagelijks = besturen_services.create_orgaan(
        door=None, soort=OrgaanSoort.DAGELIJKS_BESTUUR, naam="Dagelijks bestuur", regio=w.dender
    )
    houder = maak_gebruiker(dagelijks, Rol.LID, "Dora", "Dagelijks")
    opgave = services.create_opgave(
        w.dender, titel="Via het dagelijks bestuur", opdrachtgever=houder.lidmaatschap, door=w.secretariaat
    )
    assert opgave.opdrachtgever == houder.lidmaatschap
