"""The programme's items on the work list: each for whoever must act, and for nobody else."""

from programmas import services
from programmas.models import Procedure, Raadsbesluit, Uitkomst, VersieStatus
from regioportaal import werklijst
from tests.programmas.bouw import bouw_regio, programma, vandaag

from .conftest import titels

VASTLEGGEN = "Raadsbesluit vastleggen"
VOORSTEL = "Voorstel voor de raad"
VRAAG = "Vraag beantwoorden"
ZIENSWIJZE = "Zienswijze beantwoorden"


def test_council_secretary_sees_own_council_decision_with_its_deadline(pw):
    items = [item for item in werklijst.items_for(pw.raadssecretaris) if item.soort == VASTLEGGEN]
    assert [item.url for item in items] == [f"/raadsbesluit/{pw.besluit.pk}/"]
    assert items[0].deadline == pw.besluit.deadline
    assert items[0].regio == pw.regio.naam
    assert pw.leden[0].naam in items[0].titel


def test_nobody_else_sees_that_council_decision(pw, admin):
    for wie in (
        "raadssecretaris_b",
        "secretariaat",
        "voorzitter",
        "raadslid",
        "buitenstaander",
        "ander_secretariaat",
    ):
        assert not any(pw.leden[0].naam in titel for titel in titels(pw.users[wie], VASTLEGGEN)), wie
    assert titels(pw.raadssecretaris_b, VASTLEGGEN) != []  # their own council's decision, not the other one
    assert werklijst.items_for(admin) == []  # the platform administrator is asked to record nothing


def test_recorded_decision_leaves_the_list(pw):
    services.record_raadsbesluit(pw.besluit, uitkomst=Uitkomst.GOEDGEKEURD, datum_raad=vandaag(), door=None)
    assert titels(pw.raadssecretaris, VASTLEGGEN) == []


def test_council_member_sees_the_version_before_their_council_until_it_decides(pw):
    items = [item for item in werklijst.items_for(pw.raadslid) if item.soort == VOORSTEL]
    assert len(items) == 1
    assert items[0].deadline == pw.besluit.deadline
    assert items[0].url == f"/versie/{pw.versie.pk}/mijn-gemeente/?bestuur={pw.leden[0].pk}"
    services.record_raadsbesluit(pw.besluit, uitkomst=Uitkomst.GOEDGEKEURD, datum_raad=vandaag(), door=None)
    assert titels(pw.raadslid, VOORSTEL) == []


def test_who_sits_on_no_council_gets_no_version_to_decide(pw):
    for wie in ("bestuurslid", "buitenstaander", "ander_secretariaat", "secretariaat"):
        assert titels(pw.users[wie], VOORSTEL) == [], wie
    assert titels(pw.raadssecretaris, VOORSTEL) == []  # the secretary records it: listed once, not also here


def test_secretariat_answers_open_questions_and_nobody_else(pw, admin):
    vraag = services.ask_question(pw.versie, tekst="Waarom stijgt het budget?", door=pw.raadslid)
    item = next(item for item in werklijst.items_for(pw.secretariaat) if item.soort == VRAAG)
    assert item.url == f"/versie/{pw.versie.pk}/vragen/#vraag-{vraag.pk}"
    assert "Waarom stijgt het budget?" in item.titel
    for wie in ("raadslid", "raadssecretaris", "voorzitter", "ander_secretariaat"):
        assert titels(pw.users[wie], VRAAG) == [], wie
    assert titels(admin, VRAAG) == []
    services.answer_question(vraag, antwoord="Door de indexatie.", door=pw.secretariaat)
    assert titels(pw.secretariaat, VRAAG) == []


def test_secretariat_answers_a_councils_zienswijze_and_nobody_else(db, snelle_wachtwoorden, media):
    w = bouw_regio(2, procedure=Procedure.ZIENSWIJZE)
    versie = programma(w, tot=VersieStatus.VOORGELEGD)
    besluit = Raadsbesluit.objects.get(versie=versie, bestuur=w.leden[0])
    services.record_raadsbesluit(
        besluit, uitkomst=Uitkomst.ZIENSWIJZE, zienswijze="Minder geld.", datum_raad=vandaag(), door=None
    )
    assert len(titels(w.secretariaat, ZIENSWIJZE)) == 1
    for wie in ("raadssecretaris", "raadslid", "ander_secretariaat", "voorzitter"):
        assert titels(w.users[wie], ZIENSWIJZE) == [], wie
    services.answer_zienswijze(besluit, antwoord="Wij passen het aan.", door=w.secretariaat)
    assert titels(w.secretariaat, ZIENSWIJZE) == []
