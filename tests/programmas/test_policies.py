"""The programme's policies: per action a may and a may-not, and per model a walk over every state and role that
asserts the property "button and guard never disagree": `policy.allowed(user, obj)` offers an action exactly when
its public service succeeds for that user (with valid input).

The version's buttons of the secretariat, the chair and the platform administrator are also stated as literals.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from programmas import services
from programmas.models import Procedure, Raadsbesluit, Uitkomst, Versie, VersieStatus, Vraag
from programmas.policies import PC_KALENDER, RAADSBESLUIT, REGELING, REVIEWPAKKET, VERSIE, VRAAG
from programmas.regeling import procedure_van
from regioportaal.permissions import NotAllowed

from .bouw import JAAR, ROLLEN, alle_raden_reageren, bouw_regio, programma, users_met_admin, vandaag

S = VersieStatus
WEEK = datetime.timedelta(weeks=1)


def _door(users, wie):
    return users[wie] or AnonymousUser()


def _versie(pk):
    return Versie.objects.select_related("jaarprogramma__regio").get(pk=pk)


def _besluit(pk):
    return Raadsbesluit.objects.select_related("bestuur", "raad", "versie__jaarprogramma__regio").get(pk=pk)


def _lukt(dienst, *args):
    """Whether the service succeeds (raises nothing and does not answer False); rolled back either way, so one world
    serves every role and action."""
    with transaction.atomic():
        try:
            lukt = dienst(*args) is not False
        except (NotAllowed, ValidationError):
            lukt = False
        transaction.set_rollback(True)
    return lukt


# --- May and may not, per action ----------------------------------------------------------------------------------


@pytest.fixture
def w(wereld, admin):
    wereld.admin = admin
    return wereld


def test_a_version_is_edited_and_submitted_by_the_secretariat_while_a_concept(w):
    versie = programma(w)
    assert VERSIE.allowed(w.secretariaat, versie) == {"edit": True, "submit": True}
    assert VERSIE.allowed(w.admin, versie) == {"edit": True, "submit": True}
    assert not VERSIE.may(w.voorzitter, "submit", versie)
    assert not VERSIE.may(w.raadslid, "edit", versie)
    ingediend = programma(w, jaar=JAAR + 1, tot=S.INGEDIEND)
    assert not VERSIE.may(w.secretariaat, "edit", ingediend)
    assert not VERSIE.may(w.secretariaat, "submit", ingediend)


def test_the_board_sends_back_and_adopts_a_submitted_version_not_the_platform_administrator(w):
    versie = programma(w, tot=S.INGEDIEND)
    for wie in (w.secretariaat, w.voorzitter):
        assert VERSIE.may(wie, "send_back", versie) and VERSIE.may(wie, "adopt", versie)
    for wie in (w.admin, w.bestuurslid, w.raadssecretaris):
        assert not VERSIE.may(wie, "send_back", versie) and not VERSIE.may(wie, "adopt", versie)
    with pytest.raises(NotAllowed, match="Alleen het secretariaat of de voorzitter van het bestuur mag dit."):
        VERSIE.require(w.admin, "adopt", versie)
    concept = programma(w, jaar=JAAR + 1)
    assert not VERSIE.may(w.voorzitter, "adopt", concept)
    with pytest.raises(ValidationError, match="kan niet worden teruggestuurd"):
        VERSIE.require(w.voorzitter, "send_back", concept)


def test_an_adopted_version_is_routed_by_the_secretariat_once(w):
    versie = programma(w, tot=S.VASTGESTELD)
    assert VERSIE.may(w.secretariaat, "route", versie)
    assert not VERSIE.may(w.voorzitter, "route", versie)
    with pytest.raises(NotAllowed, match=f"Alleen het secretariaat van {w.regio} mag dit."):
        VERSIE.require(w.voorzitter, "route", versie)
    voorgelegd = programma(w, jaar=JAAR + 1, tot=S.VOORGELEGD)
    assert not VERSIE.may(w.secretariaat, "route", voorgelegd)
    with pytest.raises(ValidationError, match="een versie gaat één keer naar de raden"):
        VERSIE.require(w.secretariaat, "route", voorgelegd)


def test_a_new_version_only_while_the_programme_has_no_concept(w):
    versie = programma(w, tot=S.VOORGELEGD)
    assert VERSIE.may(w.secretariaat, "new_version", versie)
    assert not VERSIE.may(w.voorzitter, "new_version", versie)
    services.new_versie(versie, door=w.secretariaat)
    assert not VERSIE.may(w.secretariaat, "new_version", _versie(versie.pk))


def test_the_budget_goes_to_gs_once_on_the_zienswijze_route(db, snelle_wachtwoorden):
    zw = bouw_regio(2, n_opgaven=1, procedure=Procedure.ZIENSWIJZE)
    versie = programma(zw, tot=S.VASTGESTELD)
    assert VERSIE.may(zw.secretariaat, "record_gs", versie)
    assert not VERSIE.may(zw.raadssecretaris, "record_gs", versie)
    services.record_gs_verzending(versie, datum=vandaag(), door=zw.secretariaat)
    assert not VERSIE.may(zw.secretariaat, "record_gs", _versie(versie.pk))
    with pytest.raises(ValidationError, match="al vastgelegd"):
        services.record_gs_verzending(_versie(versie.pk), datum=vandaag(), door=zw.secretariaat)
    consent = programma(bouw_regio(2, n_opgaven=1), tot=S.VASTGESTELD)
    assert not VERSIE.may(zw.secretariaat, "record_gs", consent)


def test_a_councils_secretary_records_then_corrects_its_decision(w):
    versie = programma(w, tot=S.VOORGELEGD)
    besluit = _besluit(Raadsbesluit.objects.get(versie=versie, bestuur=w.leden[0]).pk)
    assert RAADSBESLUIT.allowed(w.raadssecretaris, besluit) == {"record": True}
    for wie in (w.raadssecretaris_b, w.admin, w.secretariaat, w.raadslid):
        assert not RAADSBESLUIT.may(wie, "record", besluit)
    with pytest.raises(
        NotAllowed, match=f"Alleen de secretaris van de raad van {w.leden[0]} legt dit besluit vast."
    ):
        RAADSBESLUIT.require(w.admin, "record", besluit)
    services.record_raadsbesluit(besluit, uitkomst=Uitkomst.GOEDGEKEURD, datum_raad=vandaag(), door=None)
    besluit = _besluit(besluit.pk)
    assert RAADSBESLUIT.allowed(w.raadssecretaris, besluit) == {"correct": True}
    assert not RAADSBESLUIT.may(w.raadssecretaris_b, "correct", besluit)


def test_the_secretariat_sets_an_open_councils_deadline(w):
    versie = programma(w, tot=S.VOORGELEGD)
    besluit = _besluit(Raadsbesluit.objects.get(versie=versie, bestuur=w.leden[0]).pk)
    assert RAADSBESLUIT.may(w.secretariaat, "set_deadline", besluit)
    assert not RAADSBESLUIT.may(w.raadssecretaris, "set_deadline", besluit)
    services.record_raadsbesluit(besluit, uitkomst=Uitkomst.GOEDGEKEURD, datum_raad=vandaag(), door=None)
    assert not RAADSBESLUIT.may(w.secretariaat, "set_deadline", _besluit(besluit.pk))


def test_the_secretariat_answers_a_zienswijze(db, snelle_wachtwoorden):
    zw = bouw_regio(2, n_opgaven=1, procedure=Procedure.ZIENSWIJZE)
    versie = programma(zw, tot=S.VOORGELEGD)
    besluit = Raadsbesluit.objects.get(versie=versie, bestuur=zw.leden[0])
    assert not RAADSBESLUIT.may(zw.secretariaat, "answer_zienswijze", _besluit(besluit.pk))
    services.record_raadsbesluit(
        besluit, uitkomst=Uitkomst.ZIENSWIJZE, zienswijze="Minder.", datum_raad=vandaag(), door=None
    )
    besluit = _besluit(besluit.pk)
    assert RAADSBESLUIT.may(zw.secretariaat, "answer_zienswijze", besluit)
    assert not RAADSBESLUIT.may(zw.raadssecretaris, "answer_zienswijze", besluit)


def test_council_members_ask_and_the_secretariat_answers(w):
    versie = programma(w, tot=S.VOORGELEGD)
    for wie in (w.raadslid, w.raadssecretaris, w.raadssecretaris_b):
        assert VRAAG.may(wie, "ask", versie)
    for wie in (w.admin, w.secretariaat, w.voorzitter, w.buitenstaander, None):
        assert not VRAAG.may(wie, "ask", versie)
    with pytest.raises(NotAllowed, match="Alleen raadsleden van deelnemende leden stellen hier vragen."):
        VRAAG.require(None, "ask", versie)  # the system asks no question either
    vraag = services.ask_question(versie, tekst="Waarom?", door=w.raadslid)
    assert VRAAG.may(w.secretariaat, "answer", vraag) and VRAAG.may(w.admin, "answer", vraag)
    assert not VRAAG.may(w.raadslid, "answer", vraag)


def test_the_regions_own_people_have_a_review_packet_made(w):
    concept = programma(w)
    assert REVIEWPAKKET.may(w.secretariaat, "request", concept)
    assert REVIEWPAKKET.may(w.raadslid, "request", concept)
    assert not REVIEWPAKKET.may(w.buitenstaander, "request", concept)
    assert not REVIEWPAKKET.may(None, "request", concept)
    voorgelegd = programma(w, jaar=JAAR + 1, tot=S.VOORGELEGD)  # public: read by all, made by the region
    assert not REVIEWPAKKET.may(w.buitenstaander, "request", voorgelegd)
    assert not REVIEWPAKKET.may(w.ander_secretariaat, "request", voorgelegd)


def test_the_holders_are_the_recipients(w):
    versie = programma(w, tot=S.VOORGELEGD)
    besluit = Raadsbesluit.objects.get(versie=versie, bestuur=w.leden[0])
    vraag = services.ask_question(versie, tekst="Waarom?", door=w.raadslid)
    assert list(VERSIE.users("route", versie)) == [w.secretariaat]
    assert list(VRAAG.users("answer", vraag)) == [w.secretariaat]
    assert list(RAADSBESLUIT.users("record", besluit)) == [w.raadssecretaris]
    assert list(RAADSBESLUIT.objects(w.raadssecretaris, "record", Raadsbesluit.objects.all())) == [besluit]
    w.secretariaat.is_active = False
    w.secretariaat.save()
    assert not VERSIE.users("route", versie).exists()


# --- Button and guard never disagree ------------------------------------------------------------------------------

VERSIE_DIENSTEN = {
    "edit": lambda v, door: services.update_regel(v.regels.first(), door=door, bedrag=Decimal("12345")),
    "submit": lambda v, door: services.submit_versie(v, door=door),
    "send_back": lambda v, door: services.send_back(v, door=door, reden="Te duur."),
    "adopt": lambda v, door: services.adopt_versie(v, besluitdatum=vandaag(), door=door),
    "route": lambda v, door: services.route_versie(v, door=door),
    "record_gs": lambda v, door: services.record_gs_verzending(v, datum=vandaag(), door=door),
    "new_version": lambda v, door: services.new_versie(v, door=door),
}


def _voorgelegd(w, jaar):
    return programma(w, jaar=jaar, tot=S.VOORGELEGD)


def _alle(w, jaar, uitkomst):
    versie = _voorgelegd(w, jaar)
    alle_raden_reageren(versie, uitkomst)
    return versie


def _afgewezen(w, jaar):
    versie = _voorgelegd(w, jaar)
    besluit = Raadsbesluit.objects.get(versie=versie, bestuur=w.leden[0])
    services.record_raadsbesluit(besluit, uitkomst=Uitkomst.AFGEWEZEN, datum_raad=vandaag(), door=None)
    return versie


def _teruggestuurd(w, jaar):
    return services.send_back(_voorgelegd(w, jaar), door=None, reden="Herzien")


def _vervangen(w, jaar):
    """Version 1 before the councils, replaced when version 2 is adopted."""
    oud = _voorgelegd(w, jaar)
    nieuw = services.new_versie(oud, door=None)
    services.submit_versie(nieuw, door=None)
    services.adopt_versie(_versie(nieuw.pk), besluitdatum=vandaag(), door=None)
    return oud


def _naar_gs(w, jaar):
    versie = programma(w, jaar=jaar, tot=S.VASTGESTELD)
    return services.record_gs_verzending(versie, datum=vandaag(), door=None)


def _zienswijze_voorgelegd(w, jaar):
    """Routed and every council responded: the general board may adopt before the term ends (Wgr art. 35)."""
    return _alle(w, jaar, Uitkomst.GEEN_ZIENSWIJZE)


TOESTANDEN = {
    Procedure.INSTEMMING: {
        "concept": lambda w, jaar: programma(w, jaar=jaar),
        "ingediend": lambda w, jaar: programma(w, jaar=jaar, tot=S.INGEDIEND),
        "vastgesteld": lambda w, jaar: programma(w, jaar=jaar, tot=S.VASTGESTELD),
        "voorgelegd": _voorgelegd,
        "goedgekeurd": lambda w, jaar: _alle(w, jaar, Uitkomst.GOEDGEKEURD),
        "afgewezen": _afgewezen,
        "teruggestuurd": _teruggestuurd,
        "vervangen": _vervangen,
    },
    Procedure.ZIENSWIJZE: {
        "concept": lambda w, jaar: programma(w, jaar=jaar),
        "ingediend": lambda w, jaar: programma(w, jaar=jaar, tot=S.INGEDIEND),
        "voorgelegd": _zienswijze_voorgelegd,
        "vastgesteld": lambda w, jaar: programma(w, jaar=jaar, tot=S.VASTGESTELD),
        "naar gs": _naar_gs,
        "teruggestuurd": _teruggestuurd,
    },
}

BEHEER = {"edit", "submit", "route", "record_gs", "new_version"}  # the secretariat's; the rest is the board's

# (procedure, state) -> the buttons of the region's secretariat (also the board: it may send back and adopt).
SECRETARIAAT = {
    ("instemming", "concept"): {"edit", "submit"},
    ("instemming", "ingediend"): {"send_back", "adopt", "new_version"},
    ("instemming", "vastgesteld"): {"route", "new_version"},
    ("instemming", "voorgelegd"): {"send_back", "new_version"},
    ("instemming", "goedgekeurd"): {"send_back", "new_version"},
    ("instemming", "afgewezen"): {"send_back", "new_version"},
    ("instemming", "teruggestuurd"): {"new_version"},
    ("instemming", "vervangen"): {"new_version"},
    ("zienswijze", "concept"): {"edit", "submit"},
    ("zienswijze", "ingediend"): {"send_back", "route", "new_version"},
    ("zienswijze", "voorgelegd"): {"send_back", "adopt", "new_version"},
    ("zienswijze", "vastgesteld"): {"record_gs", "new_version"},
    ("zienswijze", "naar gs"): {"new_version"},
    ("zienswijze", "teruggestuurd"): {"new_version"},
}


@pytest.mark.parametrize("procedure", [Procedure.INSTEMMING, Procedure.ZIENSWIJZE])
def test_a_versions_buttons_are_offered_exactly_when_its_services_succeed(
    db, snelle_wachtwoorden, admin, procedure
):
    w = bouw_regio(2, n_opgaven=1, procedure=procedure)
    users = users_met_admin(w, admin)
    for i, (toestand, bouw) in enumerate(TOESTANDEN[procedure].items()):
        pk = bouw(w, JAAR + i).pk
        knoppen = {}
        for wie in ROLLEN:
            knoppen[wie] = set(VERSIE.allowed(_door(users, wie), _versie(pk)))
            for actie, dienst in VERSIE_DIENSTEN.items():
                lukt = _lukt(dienst, _versie(pk), _door(users, wie))
                assert (actie in knoppen[wie]) is lukt, (toestand, wie, actie, lukt)
        verwacht = SECRETARIAAT[(procedure, toestand)]
        assert knoppen["secretariaat"] == verwacht, toestand
        assert knoppen["voorzitter"] == verwacht - BEHEER, toestand
        assert knoppen["platformbeheerder"] == verwacht & BEHEER, toestand
        assert not knoppen["buitenstaander"] | knoppen["raadslid"] | knoppen["anoniem"], toestand


def _vastleggen(besluit, door, *, reden=""):
    """Record (or correct) the council's decision with an outcome of its procedure; returns its registration."""
    if procedure_van(besluit.versie) == Procedure.ZIENSWIJZE:
        uitkomst = Uitkomst.GEEN_ZIENSWIJZE
    else:
        uitkomst = Uitkomst.GOEDGEKEURD
    return services.record_raadsbesluit(
        besluit, uitkomst=uitkomst, datum_raad=vandaag(), door=door, reden=reden
    )


RAADSBESLUIT_DIENSTEN = {
    "record": lambda b, door: not _vastleggen(b, door).correctie,
    "correct": lambda b, door: _vastleggen(b, door, reden="Verkeerd overgenomen.").correctie,
    "set_deadline": lambda b, door: services.set_raad_deadline(b, deadline=b.deadline + WEEK, door=door),
    "answer_zienswijze": lambda b, door: services.answer_zienswijze(
        b, antwoord="Wij passen het aan.", door=door
    ),
}


def _besluit_van(w, versie):
    return Raadsbesluit.objects.get(versie=versie, bestuur=w.leden[0])


def _beslist(w, jaar, uitkomst, **tekst):
    versie = _voorgelegd(w, jaar)
    besluit = _besluit_van(w, versie)
    services.record_raadsbesluit(besluit, uitkomst=uitkomst, datum_raad=vandaag(), door=None, **tekst)
    return besluit


BESLUIT_TOESTANDEN = {
    Procedure.INSTEMMING: {
        "open": lambda w, jaar: _besluit_van(w, _voorgelegd(w, jaar)),
        "uitgesteld": lambda w, jaar: _beslist(w, jaar, Uitkomst.UITGESTELD),
        "goedgekeurd": lambda w, jaar: _beslist(w, jaar, Uitkomst.GOEDGEKEURD),
        "teruggestuurd": lambda w, jaar: _besluit_van(w, _teruggestuurd(w, jaar)),
    },
    Procedure.ZIENSWIJZE: {
        "open": lambda w, jaar: _besluit_van(w, _voorgelegd(w, jaar)),
        "zienswijze": lambda w, jaar: _beslist(w, jaar, Uitkomst.ZIENSWIJZE, zienswijze="Minder."),
        "vastgesteld": lambda w, jaar: _besluit_van(w, programma(w, jaar=jaar, tot=S.VASTGESTELD)),
    },
}


@pytest.mark.parametrize("procedure", [Procedure.INSTEMMING, Procedure.ZIENSWIJZE])
def test_a_council_decisions_forms_are_offered_exactly_when_its_services_succeed(
    db, snelle_wachtwoorden, admin, procedure
):
    w = bouw_regio(2, n_opgaven=1, procedure=procedure)
    users = users_met_admin(w, admin)
    gezien = set()
    for i, (toestand, bouw) in enumerate(BESLUIT_TOESTANDEN[procedure].items()):
        pk = bouw(w, JAAR + i).pk
        for wie in ROLLEN:
            knoppen = set(RAADSBESLUIT.allowed(_door(users, wie), _besluit(pk)))
            gezien |= knoppen
            for actie, dienst in RAADSBESLUIT_DIENSTEN.items():
                lukt = _lukt(dienst, _besluit(pk), _door(users, wie))
                assert (actie in knoppen) is lukt, (toestand, wie, actie, lukt)
    assert gezien == set(RAADSBESLUIT.actions) - (
        {"answer_zienswijze"} if procedure == Procedure.INSTEMMING else set()
    )


def _vraag_stellen(versie, door):
    return services.ask_question(versie, tekst="En nu?", door=door)


def _antwoorden(vraag, door):
    return services.answer_question(vraag, antwoord="Zo.", door=door)


def _pakket(versie, bestuur, door):
    return services.request_reviewpakket(versie, bestuur, door=door)


def test_questions_and_packets_are_offered_exactly_when_their_services_succeed(w):
    users = users_met_admin(w, w.admin)
    for versie in (programma(w), programma(w, jaar=JAAR + 1, tot=S.VOORGELEGD)):
        vraag = services.ask_question(versie, tekst="Waarom?", door=w.raadslid)
        for wie in ROLLEN:
            door = _door(users, wie)
            vragen = _lukt(_vraag_stellen, _versie(versie.pk), door)
            antwoorden = _lukt(_antwoorden, Vraag.objects.get(pk=vraag.pk), door)
            aanvragen = _lukt(_pakket, _versie(versie.pk), w.leden[0], door)
            assert VRAAG.may(door, "ask", versie) is vragen, wie
            assert VRAAG.may(door, "answer", vraag) is antwoorden, wie
            assert REVIEWPAKKET.may(door, "request", versie) is aanvragen, wie


# --- The region's P&C calendar and its programme settings ---------------------------------------------------------


def test_the_secretariat_records_calendar_steps_and_sets_the_settings_of_its_region_only(w):
    assert PC_KALENDER.allowed(w.secretariaat, w.regio) == {"record_stap": True, "update_programma": True}
    assert PC_KALENDER.allowed(w.admin, w.regio) == {"record_stap": True, "update_programma": True}
    assert REGELING.allowed(w.secretariaat, w.regio) == {"update_regeling": True}
    for wie in (w.voorzitter, w.raadssecretaris, w.raadslid, w.buitenstaander, w.ander_secretariaat, None):
        assert PC_KALENDER.allowed(wie, w.regio) == {}
        assert not REGELING.may(wie, "update_regeling", w.regio)
    with pytest.raises(NotAllowed, match=f"Alleen het secretariaat van {w.regio} mag dit."):
        PC_KALENDER.require(w.voorzitter, "record_stap", w.regio)
    with pytest.raises(NotAllowed, match=f"Alleen het secretariaat van {w.regio} mag dit."):
        REGELING.require(w.ander_secretariaat, "update_regeling", w.regio)
    REGELING.require(None, "update_regeling", w.regio)  # the system sets the demo's settings
    assert list(REGELING.users("update_regeling", w.regio)) == [w.secretariaat]


def _kalender_en_regeling(versie, door):
    programma = versie.jaarprogramma
    return {
        "record_stap": lambda: services.record_pc_stap(programma, stap="kaders", datum=vandaag(), door=door),
        "update_programma": lambda: services.update_jaarprogramma(
            programma, door=door, behandeldatum=datetime.date(programma.jaar - 1, 11, 5)
        ),
        "update_regeling": lambda: services.update_regeling(programma.regio, door=door, termijn_dagen=75),
    }


def _pagina(client, door, url):
    client.logout()
    if door is not None and door.is_authenticated:
        client.force_login(door)
    return client.get(url)


@pytest.mark.parametrize("procedure", [Procedure.INSTEMMING, Procedure.ZIENSWIJZE])
def test_the_calendars_and_settings_forms_are_offered_exactly_when_their_services_succeed(
    db, snelle_wachtwoorden, admin, client, procedure
):
    """Whatever state the region's programmes are in, the calendar's forms and the settings page are there exactly
    for whom its services write, and the page shows them exactly then."""
    w = bouw_regio(2, n_opgaven=1, procedure=procedure)
    users = users_met_admin(w, admin)
    toestanden = TOESTANDEN[procedure]
    for i, (toestand, bouw) in enumerate(toestanden.items()):
        versie = bouw(w, JAAR + i)
        kalender = reverse("programmas:pc_kalender", args=[w.regio.slug, versie.jaarprogramma.jaar])
        regeling = reverse("programmas:regeling", args=[w.regio.slug])
        for wie in ROLLEN:
            door = _door(users, wie)
            knoppen = set(PC_KALENDER.allowed(door, w.regio)) | set(REGELING.allowed(door, w.regio))
            for actie, dienst in _kalender_en_regeling(_versie(versie.pk), door).items():
                lukt = _lukt(dienst)
                assert (actie in knoppen) is lukt, (toestand, wie, actie, lukt)
            pagina = _pagina(client, door, kalender).content.decode()
            assert ('id="vastleggen"' in pagina) is ("record_stap" in knoppen), (toestand, wie)
            assert ('id="programmas"' in pagina) is ("update_programma" in knoppen), (toestand, wie)
            opent = _pagina(client, door, regeling).status_code == 200
            assert opent is ("update_regeling" in knoppen), (toestand, wie)
            verwacht = {"record_stap", "update_programma", "update_regeling"}
            assert knoppen == (verwacht if wie in ("secretariaat", "platformbeheerder") else set()), (
                toestand,
                wie,
            )
