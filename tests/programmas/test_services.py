"""The programme services: permissions, audit entries, frozen versions, decision rules, corrections, zienswijzen,
reminders, notifications, a failing mail server, review packets and uploads."""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from openbaar.zoeken.signalen import flush as index_flush
from programmas import services, tasks
from programmas.models import (
    PakketStatus,
    Procedure,
    Raadsbesluit,
    Registratie,
    Reviewpakket,
    Uitkomst,
    VersieStatus,
)
from regioportaal.generaties import vervang, vervang_keys
from regioportaal.models import ActionLog, Melding
from regioportaal.permissions import NotAllowed
from regioportaal.tasks import send_digests, send_melding

from .bouw import JAAR, bouw_regio, programma, vandaag

S = VersieStatus


def _pdf(naam="besluit.pdf", inhoud=b"%PDF-1.4\n%test\n"):
    return SimpleUploadedFile(naam, inhoud, content_type="application/pdf")


def _besluit(versie, bestuur):
    return Raadsbesluit.objects.get(versie=versie, bestuur=bestuur)


def _record(versie, bestuur, uitkomst, **extra):
    return services.record_raadsbesluit(
        _besluit(versie, bestuur), uitkomst=uitkomst, datum_raad=vandaag(), door=None, **extra
    )


def _status(versie):
    versie.refresh_from_db()
    return versie.status


def _log(actie):
    return ActionLog.objects.filter(actie=actie)


# --- Permissions ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "wie", ["buitenstaander", "raadslid", "raadssecretaris", "ander_secretariaat", "bestuurslid"]
)
def test_only_the_secretariat_drafts_and_edits_a_programme(wereld, wie):
    user = wereld.users[wie]
    with pytest.raises(NotAllowed):
        services.draft_jaarprogramma(wereld.regio, JAAR, door=user, opgaven=wereld.opgaven)
    versie = programma(wereld)
    regel = versie.regels.first()
    for call in (
        lambda: services.add_regel(versie, opgave=wereld.opgaven[0], bedrag=Decimal("1"), door=user),
        lambda: services.update_regel(regel, bedrag=Decimal("5"), door=user),
        lambda: services.remove_regel(regel, door=user),
        lambda: services.set_vaste_bijdrage(regel, wereld.leden[0], Decimal("1"), door=user),
        lambda: services.submit_versie(versie, door=user),
        lambda: services.new_versie(versie, door=user),
    ):
        with pytest.raises(NotAllowed):
            call()
    assert not _log("regel gewijzigd").exists()


def test_secretariat_drafts_from_the_regions_opgaven_with_every_member_taking_part(wereld):
    versie = services.draft_jaarprogramma(
        wereld.regio, JAAR, door=wereld.secretariaat, opgaven=wereld.opgaven
    )
    regels = list(versie.regels.order_by("opgave__titel"))
    assert [r.bedrag for r in regels] == [Decimal("100000.00"), Decimal("200000.00")]
    assert all(set(r.deelnemers.all()) == set(wereld.leden) for r in regels)
    assert _log("jaarprogramma opgesteld").get().actor == wereld.secretariaat
    assert _log("regel toegevoegd").count() == 2


def test_a_second_programme_for_the_same_year_is_refused(wereld):
    programma(wereld)
    with pytest.raises(ValidationError):
        services.draft_jaarprogramma(wereld.regio, JAAR, door=wereld.secretariaat)


@pytest.mark.parametrize("wie", ["buitenstaander", "raadslid", "bestuurslid", "ander_secretariaat"])
def test_only_the_secretariat_or_the_chair_adopts(wereld, wie):
    versie = programma(wereld, tot=S.INGEDIEND)
    with pytest.raises(NotAllowed):
        services.adopt_versie(versie, besluitdatum=vandaag(), door=wereld.users[wie])
    assert _status(versie) == S.INGEDIEND


def test_the_chair_of_the_adopting_body_adopts_and_the_version_becomes_public(wereld):
    versie = programma(wereld, tot=S.INGEDIEND)
    services.adopt_versie(versie, besluitdatum=vandaag(), besluit_referentie="DBO-7", door=wereld.voorzitter)
    versie.refresh_from_db()
    assert (versie.status, versie.openbaar, versie.besluit_referentie) == (S.VASTGESTELD, True, "DBO-7")
    assert _log("vastgesteld").get().actor == wereld.voorzitter


@pytest.mark.parametrize("wie", ["buitenstaander", "raadslid", "voorzitter", "ander_secretariaat"])
def test_only_the_secretariat_routes_to_the_councils(wereld, wie):
    versie = programma(wereld, tot=S.VASTGESTELD)
    with pytest.raises(NotAllowed):
        services.route_versie(versie, door=wereld.users[wie])
    assert not Raadsbesluit.objects.filter(versie=versie).exists()


def test_routing_makes_one_decision_per_member_and_grants_each_councils_secretaries(wereld):
    versie = programma(wereld, tot=S.VASTGESTELD)
    deadline = vandaag() + datetime.timedelta(days=30)
    services.route_versie(versie, door=wereld.secretariaat, deadline=deadline)
    besluiten = Raadsbesluit.objects.filter(versie=versie)
    assert besluiten.count() == 3
    assert all(b.deadline == deadline and b.raad_id for b in besluiten)
    a, b = _besluit(versie, wereld.leden[0]), _besluit(versie, wereld.leden[1])
    assert wereld.raadssecretaris.has_perm("programmas.record_raadsbesluit", a)
    assert not wereld.raadssecretaris.has_perm("programmas.record_raadsbesluit", b)
    assert not wereld.raadslid.has_perm("programmas.record_raadsbesluit", a)
    assert _log("voorgelegd").exists() and _log("recht toegekend").filter(object_id=str(a.pk)).exists()


def test_council_secretary_cannot_record_decision_for_other_member(wereld):
    versie = programma(wereld, tot=S.VOORGELEGD)
    with pytest.raises(NotAllowed):
        services.record_raadsbesluit(
            _besluit(versie, wereld.leden[1]),
            uitkomst=Uitkomst.GOEDGEKEURD,
            datum_raad=vandaag(),
            door=wereld.raadssecretaris,
        )
    assert not Registratie.objects.exists()


@pytest.mark.parametrize("wie", ["secretariaat", "raadslid", "voorzitter", "buitenstaander"])
def test_nobody_but_the_councils_secretary_records_its_decision(wereld, wie):
    versie = programma(wereld, tot=S.VOORGELEGD)
    with pytest.raises(NotAllowed):
        services.record_raadsbesluit(
            _besluit(versie, wereld.leden[0]),
            uitkomst=Uitkomst.GOEDGEKEURD,
            datum_raad=vandaag(),
            door=wereld.users[wie],
        )


def test_the_platform_administrator_records_no_councils_decision(wereld, admin_user):
    versie = programma(wereld, tot=S.VOORGELEGD)
    with pytest.raises(NotAllowed):
        services.record_raadsbesluit(
            _besluit(versie, wereld.leden[0]),
            uitkomst=Uitkomst.GOEDGEKEURD,
            datum_raad=vandaag(),
            door=admin_user,
        )
    assert not Registratie.objects.exists()


def test_council_secretary_records_the_decision_with_an_audit_entry_and_a_notification_queued(
    wereld, django_capture_on_commit_callbacks
):
    versie = programma(wereld, tot=S.VOORGELEGD)
    besluit = _besluit(versie, wereld.leden[0])
    with django_capture_on_commit_callbacks() as callbacks:
        registratie = services.record_raadsbesluit(
            besluit,
            uitkomst=Uitkomst.GOEDGEKEURD,
            datum_raad=vandaag(),
            stemmen_voor=20,
            stemmen_tegen=3,
            door=wereld.raadssecretaris,
        )
    assert registratie.door == wereld.raadssecretaris and not registratie.correctie
    besluit.refresh_from_db()
    assert besluit.uitkomst == Uitkomst.GOEDGEKEURD
    entry = _log("raadsbesluit vastgelegd").get()
    assert entry.actor == wereld.raadssecretaris and entry.scope == f"regio:{wereld.regio.pk}"
    # the page cache aside
    assert len([c for c in callbacks if getattr(c, "func", None) not in (vervang, vervang_keys)]) == 1


def test_questions_come_from_council_members_of_participating_members_and_answers_from_the_secretariat(
    wereld,
):
    versie = programma(wereld, tot=S.VOORGELEGD)
    with pytest.raises(NotAllowed):
        services.ask_question(versie, tekst="Waarom?", door=wereld.buitenstaander)
    with pytest.raises(NotAllowed):
        services.ask_question(versie, tekst="Waarom?", door=wereld.ander_secretariaat)
    vraag = services.ask_question(versie, tekst="Waarom stijgt ons aandeel?", door=wereld.raadslid)
    assert vraag.bestuur == wereld.leden[0]
    with pytest.raises(NotAllowed):
        services.answer_question(vraag, antwoord="Daarom.", door=wereld.raadslid)
    services.answer_question(
        vraag, antwoord="Door de groei van het aantal inwoners.", door=wereld.secretariaat
    )
    vraag.refresh_from_db()
    assert vraag.beantwoord_door == wereld.secretariaat
    assert _log("vraag gesteld").exists() and _log("vraag beantwoord").exists()


def test_asking_a_question_tells_the_secretariat(wereld, django_capture_on_commit_callbacks):
    versie = programma(wereld, tot=S.VOORGELEGD)
    with django_capture_on_commit_callbacks(execute=True):
        vraag = services.ask_question(versie, tekst="Waarom stijgt ons aandeel?", door=wereld.raadslid)
    melding = Melding.objects.get(user=wereld.secretariaat)
    assert melding.onderwerp == f"Nieuwe vraag over {versie}"
    assert "Waarom stijgt ons aandeel?" in melding.tekst and wereld.leden[0].naam in melding.tekst
    assert melding.sleutel == f"vraag:{vraag.pk}"
    assert not Melding.objects.filter(user__in=[wereld.raadslid, wereld.raadssecretaris_b]).exists()


def test_open_questions_go_along_to_the_next_version(wereld):
    versie = programma(wereld, tot=S.VASTGESTELD)
    regel = versie.regels.get(opgave=wereld.opgaven[1])
    open_vraag = services.ask_question(
        versie, tekst="Wat kost opgave B per inwoner?", regel=regel, door=wereld.raadslid
    )
    beantwoord = services.ask_question(versie, tekst="Wanneer beslist de raad?", door=wereld.raadslid)
    services.answer_question(beantwoord, antwoord="In december.", door=wereld.secretariaat)
    nieuw = services.new_versie(versie, door=wereld.secretariaat)
    (overgenomen,) = nieuw.vragen.all()
    assert overgenomen.overgenomen_van == open_vraag
    assert (overgenomen.tekst, overgenomen.bestuur, overgenomen.gesteld_door, overgenomen.antwoord) == (
        "Wat kost opgave B per inwoner?",
        wereld.leden[0],
        wereld.raadslid,
        "",
    )
    assert overgenomen.regel == nieuw.regels.get(opgave=wereld.opgaven[1])  # the same line in the new version
    assert versie.vragen.count() == 2  # the earlier version keeps its own
    assert _log("nieuwe versie").get().wijzigingen["open_vragen"] == 1


def test_the_answer_to_a_zienswijze_goes_to_every_council(
    db, snelle_wachtwoorden, django_capture_on_commit_callbacks
):
    w = bouw_regio(3, procedure=Procedure.ZIENSWIJZE)
    versie = programma(w, tot=S.VOORGELEGD)
    besluit = _besluit(versie, w.leden[0])
    services.record_raadsbesluit(
        besluit, uitkomst=Uitkomst.ZIENSWIJZE, zienswijze="Beperk de kosten.", datum_raad=vandaag(), door=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_zienswijze(besluit, antwoord="De kosten dalen met 5 %.", door=w.secretariaat)
    ontvangers = set(
        Melding.objects.filter(onderwerp__startswith="Antwoord op de zienswijze").values_list(
            "user", flat=True
        )
    )
    assert {
        w.raadssecretaris.pk,
        w.raadssecretaris_b.pk,
        w.raadslid.pk,
    } <= ontvangers  # not only the one asked
    assert w.buitenstaander.pk not in ontvangers


def test_a_submission_queues_the_agenda_signal_and_a_notification(wereld, django_capture_on_commit_callbacks):
    versie = programma(wereld)
    with django_capture_on_commit_callbacks() as callbacks:
        services.submit_versie(versie, door=wereld.secretariaat)
    # the search index and the page cache's generations aside
    eigen = [c for c in callbacks if getattr(c, "func", None) not in (index_flush, vervang, vervang_keys)]
    assert len(eigen) == 2
    assert _status(versie) == S.INGEDIEND
    assert _log("ingediend").get().actor == wereld.secretariaat


# --- Frozen versions ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("tot", [S.INGEDIEND, S.VASTGESTELD, S.VOORGELEGD])
def test_a_version_that_left_concept_refuses_edits(wereld, tot):
    versie = programma(wereld, tot=tot)
    regel = versie.regels.first()
    for call in (
        lambda: services.add_regel(
            versie, opgave=wereld.opgaven[0], bedrag=Decimal("1"), door=wereld.secretariaat
        ),
        lambda: services.update_regel(regel, bedrag=Decimal("5"), door=wereld.secretariaat),
        lambda: services.update_regel(regel, deelnemers=wereld.leden[:1], door=wereld.secretariaat),
        lambda: services.remove_regel(regel, door=wereld.secretariaat),
        lambda: services.set_vaste_bijdrage(regel, wereld.leden[0], Decimal("1"), door=wereld.secretariaat),
    ):
        with pytest.raises(ValidationError):
            call()
    regel.refresh_from_db()
    assert regel.bedrag == Decimal("100000.00") and regel.deelnemers.count() == 3


def test_a_change_after_adoption_makes_a_new_concept_version_with_the_same_lines(wereld):
    versie = programma(wereld, tot=S.VASTGESTELD)
    nieuw = services.new_versie(versie, door=wereld.secretariaat, toelichting="Na het amendement")
    assert (nieuw.nummer, nieuw.status, nieuw.gebaseerd_op_id) == (2, S.CONCEPT, versie.pk)
    assert sorted(r.opgave_id for r in nieuw.regels.all()) == sorted(r.opgave_id for r in versie.regels.all())
    with pytest.raises(ValidationError):
        services.new_versie(versie, door=wereld.secretariaat)  # one concept at a time
    assert _log("nieuwe versie").get().actor == wereld.secretariaat


def test_a_member_may_stay_out_of_a_line_and_pays_nothing_for_it(wereld):
    from programmas.selectors import kostenverdeling

    versie = programma(wereld)
    regel = versie.regels.get(opgave=wereld.opgaven[0])
    services.update_regel(regel, deelnemers=wereld.leden[1:], door=wereld.secretariaat)
    verdeling = kostenverdeling(versie, None)
    assert regel.pk not in verdeling.per_bestuur[wereld.leden[0].pk]
    assert sum(v[regel.pk] for v in verdeling.per_bestuur.values() if regel.pk in v) == regel.bedrag
    assert _log("regel gewijzigd").get().wijzigingen["deelnemers"][1] == sorted(
        b.pk for b in wereld.leden[1:]
    )


# --- Decision rules -----------------------------------------------------------------------------------------------


def test_unanimity_approves_only_when_every_council_approves(db, snelle_wachtwoorden):
    w = bouw_regio(3)
    versie = programma(w, tot=S.VOORGELEGD)
    _record(versie, w.leden[0], Uitkomst.GOEDGEKEURD)
    _record(versie, w.leden[1], Uitkomst.GOEDGEKEURD)
    assert _status(versie) == S.VOORGELEGD
    _record(versie, w.leden[2], Uitkomst.GOEDGEKEURD)
    assert _status(versie) == S.GOEDGEKEURD


def test_unanimity_is_lost_as_soon_as_one_council_rejects(db, snelle_wachtwoorden):
    w = bouw_regio(3)
    versie = programma(w, tot=S.VOORGELEGD)
    _record(versie, w.leden[0], Uitkomst.AFGEWEZEN)
    assert _status(versie) == S.AFGEWEZEN
    _record(versie, w.leden[1], Uitkomst.GOEDGEKEURD)  # a late council still records its decision
    assert _status(versie) == S.AFGEWEZEN  # ... and the settled outcome stands
    assert Raadsbesluit.objects.get(versie=versie, bestuur=w.leden[1]).uitkomst == Uitkomst.GOEDGEKEURD


def test_a_version_sent_back_to_the_board_takes_no_more_council_decisions(db, snelle_wachtwoorden):
    from programmas.selectors import beslissing

    w = bouw_regio(3, amendement="terug")
    versie = programma(w, tot=S.VOORGELEGD)
    _record(versie, w.leden[0], Uitkomst.AMENDEMENT, amendement="Schrap regel 2")
    assert _status(versie) == S.TERUG
    assert beslissing(versie).afgesloten == ""  # the board has not closed it yet
    services.send_back(versie, door=w.secretariaat, reden="Nieuwe versie na het amendement")
    versie.refresh_from_db()
    assert (versie.status, versie.teruggestuurd_op) == (S.TERUG, vandaag())
    assert "terug" in beslissing(versie).afgesloten
    with pytest.raises(ValidationError):
        _record(versie, w.leden[1], Uitkomst.GOEDGEKEURD)
    with pytest.raises(ValidationError):
        services.send_back(versie, door=w.secretariaat)  # once is enough


def test_two_thirds_of_the_members_approves_when_exactly_two_thirds_approve(db, snelle_wachtwoorden):
    w = bouw_regio(6, beslisregel="leden", drempel_leden=Decimal("0.6667"))
    versie = programma(w, tot=S.VOORGELEGD)
    for bestuur in w.leden[:3]:
        _record(versie, bestuur, Uitkomst.GOEDGEKEURD)
    _record(versie, w.leden[3], Uitkomst.UITGESTELD)  # postponed counts as still open
    assert _status(versie) == S.VOORGELEGD
    _record(versie, w.leden[4], Uitkomst.GOEDGEKEURD)  # 4 of 6 = two thirds
    assert _status(versie) == S.GOEDGEKEURD


def test_two_thirds_of_the_members_is_rejected_as_soon_as_it_can_no_longer_hold(db, snelle_wachtwoorden):
    w = bouw_regio(6, beslisregel="leden", drempel_leden=Decimal("0.6667"))
    versie = programma(w, tot=S.VOORGELEGD)
    _record(versie, w.leden[0], Uitkomst.AFGEWEZEN)
    _record(versie, w.leden[1], Uitkomst.AFGEWEZEN)  # 4 of 6 can still approve
    assert _status(versie) == S.VOORGELEGD
    _record(versie, w.leden[2], Uitkomst.AFGEWEZEN)  # at most 3 of 6 now
    assert _status(versie) == S.AFGEWEZEN


def test_half_of_the_population_approves_as_soon_as_the_approving_councils_hold_half(db, snelle_wachtwoorden):
    w = bouw_regio(
        3, inwoners=[60_000, 30_000, 10_000], beslisregel="bevolking", drempel_bevolking=Decimal("0.5")
    )
    versie = programma(w, tot=S.VOORGELEGD)
    _record(versie, w.leden[1], Uitkomst.GOEDGEKEURD)
    assert _status(versie) == S.VOORGELEGD
    _record(versie, w.leden[0], Uitkomst.GOEDGEKEURD)
    assert _status(versie) == S.GOEDGEKEURD


def test_half_of_the_population_is_rejected_when_the_rest_cannot_reach_half(db, snelle_wachtwoorden):
    w = bouw_regio(
        3, inwoners=[60_000, 30_000, 10_000], beslisregel="bevolking", drempel_bevolking=Decimal("0.5")
    )
    versie = programma(w, tot=S.VOORGELEGD)
    _record(versie, w.leden[0], Uitkomst.AFGEWEZEN)
    assert _status(versie) == S.AFGEWEZEN


def test_exactly_half_does_not_meet_more_than_half(db, snelle_wachtwoorden):
    w = bouw_regio(2, inwoners=[50_000, 50_000], beslisregel="bevolking", drempel_bevolking=Decimal("0.5001"))
    versie = programma(w, tot=S.VOORGELEGD)
    _record(versie, w.leden[0], Uitkomst.GOEDGEKEURD)
    assert _status(versie) == S.VOORGELEGD


def test_both_majorities_are_needed(db, snelle_wachtwoorden):
    w = bouw_regio(
        3,
        inwoners=[70_000, 20_000, 10_000],
        beslisregel="beide",
        drempel_leden=Decimal("0.6667"),
        drempel_bevolking=Decimal("0.5"),
    )
    versie = programma(w, tot=S.VOORGELEGD)
    _record(versie, w.leden[0], Uitkomst.GOEDGEKEURD)  # 70 % of the people, 1 of 3 members
    assert _status(versie) == S.VOORGELEGD
    _record(versie, w.leden[1], Uitkomst.GOEDGEKEURD)  # 2 of 3 members too
    assert _status(versie) == S.GOEDGEKEURD


def test_both_majorities_reject_when_the_population_can_no_longer_be_reached(db, snelle_wachtwoorden):
    w = bouw_regio(
        3,
        inwoners=[70_000, 20_000, 10_000],
        beslisregel="beide",
        drempel_leden=Decimal("0.6667"),
        drempel_bevolking=Decimal("0.5"),
    )
    versie = programma(w, tot=S.VOORGELEGD)
    _record(versie, w.leden[1], Uitkomst.GOEDGEKEURD)
    _record(versie, w.leden[2], Uitkomst.GOEDGEKEURD)  # two thirds of the members, 30 % of the people
    assert _status(versie) == S.VOORGELEGD
    _record(versie, w.leden[0], Uitkomst.AFGEWEZEN)
    assert _status(versie) == S.AFGEWEZEN


def test_the_arithmetic_is_explained_in_words(db, snelle_wachtwoorden):
    from programmas.selectors import beslissing

    w = bouw_regio(3, beslisregel="leden", drempel_leden=Decimal("0.6667"))
    versie = programma(w, tot=S.VOORGELEGD)
    _record(versie, w.leden[0], Uitkomst.GOEDGEKEURD)
    uitslag = beslissing(versie)
    assert uitslag.uitleg[0] == (
        "Van de 3 raden keurden 1 goed, 0 goed met amendement, 0 af; 0 stelden uit en 2 hebben nog niet beslist."
    )
    assert uitslag.uitleg[1].startswith("Leden: 1 van 3 = 33,3")
    assert sum(n for _label, n in uitslag.lijst) == uitslag.n == 3  # the list reads the same numbers


def test_an_amendment_has_a_text(wereld):
    versie = programma(wereld, tot=S.VOORGELEGD)
    with pytest.raises(ValidationError):
        _record(versie, wereld.leden[0], Uitkomst.AMENDEMENT)
    assert _status(versie) == S.VOORGELEGD


@pytest.mark.parametrize(
    "regel,beslisregel,na_amendement,na_de_rest",
    [
        # Default: an amendment is not an approval; the board decides about a new version.
        ("niet", "unaniem", S.AFGEWEZEN, S.AFGEWEZEN),
        ("niet", "leden", S.VOORGELEGD, S.GOEDGEKEURD),  # 2 of 3 plain approvals meet two thirds
        ("goedkeuring", "unaniem", S.VOORGELEGD, S.GOEDGEKEURD),
        ("terug", "unaniem", S.TERUG, S.TERUG),
        ("terug", "leden", S.TERUG, S.TERUG),
    ],
)
def test_how_an_amendment_counts_is_the_regions_rule(
    db, snelle_wachtwoorden, regel, beslisregel, na_amendement, na_de_rest
):
    w = bouw_regio(3, beslisregel=beslisregel, drempel_leden=Decimal("0.6667"), amendement=regel)
    versie = programma(w, tot=S.VOORGELEGD)
    _record(versie, w.leden[0], Uitkomst.AMENDEMENT, amendement="Verlaag opgave B met een kwart.")
    assert _status(versie) == na_amendement
    for bestuur in w.leden[1:]:
        _record(versie, bestuur, Uitkomst.GOEDGEKEURD)
    assert _status(versie) == na_de_rest
    if na_amendement != S.VOORGELEGD:
        assert _log("status herberekend").filter(object_id=str(versie.pk)).exists()


def test_by_default_an_amendment_from_the_smallest_council_does_not_send_the_programme_back(
    db, snelle_wachtwoorden
):
    w = bouw_regio(3, inwoners=[80_000, 15_000, 5_000], beslisregel="bevolking", amendement="niet")
    versie = programma(w, tot=S.VOORGELEGD)
    _record(versie, w.leden[2], Uitkomst.AMENDEMENT, amendement="Iets anders.")
    assert _status(versie) == S.VOORGELEGD  # not an approval, but 95 % can still approve
    _record(versie, w.leden[0], Uitkomst.GOEDGEKEURD)
    assert _status(versie) == S.GOEDGEKEURD


def test_outcomes_of_the_other_procedure_are_refused(wereld):
    versie = programma(wereld, tot=S.VOORGELEGD)
    with pytest.raises(ValidationError):
        _record(versie, wereld.leden[0], Uitkomst.ZIENSWIJZE, zienswijze="Tekst")


# --- Corrections ----------------------------------------------------------------------------------------------------


def test_a_correction_needs_a_reason_and_keeps_the_history(wereld):
    versie = programma(wereld, tot=S.VOORGELEGD)
    besluit = _besluit(versie, wereld.leden[0])
    services.record_raadsbesluit(
        besluit,
        uitkomst=Uitkomst.GOEDGEKEURD,
        datum_raad=vandaag(),
        stemmen_voor=12,
        door=wereld.raadssecretaris,
    )
    with pytest.raises(ValidationError) as fout:
        services.record_raadsbesluit(
            besluit, uitkomst=Uitkomst.AFGEWEZEN, datum_raad=vandaag(), door=wereld.raadssecretaris
        )
    assert "reden" in fout.value.message_dict
    services.record_raadsbesluit(
        besluit,
        uitkomst=Uitkomst.GOEDGEKEURD,
        datum_raad=vandaag(),
        stemmen_voor=14,
        door=wereld.raadssecretaris,
        reden="Stemmen verkeerd overgenomen uit de notulen.",
    )
    eerste, tweede = Registratie.objects.filter(besluit=besluit).order_by("tijdstip", "id")
    assert (eerste.correctie, eerste.stemmen_voor) == (False, 12)
    assert (tweede.correctie, tweede.stemmen_voor, tweede.reden) == (
        True,
        14,
        "Stemmen verkeerd overgenomen uit de notulen.",
    )
    assert _log("raadsbesluit gecorrigeerd").get().reden == "Stemmen verkeerd overgenomen uit de notulen."


def test_a_postponed_decision_is_recorded_later_without_a_reason(wereld):
    versie = programma(wereld, tot=S.VOORGELEGD)
    _record(versie, wereld.leden[0], Uitkomst.UITGESTELD)
    registratie = _record(versie, wereld.leden[0], Uitkomst.GOEDGEKEURD)
    assert not registratie.correctie


# --- The zienswijze procedure ---------------------------------------------------------------------------------------


def test_zienswijze_adoption_is_refused_until_every_zienswijze_is_answered(db, snelle_wachtwoorden):
    w = bouw_regio(3, procedure=Procedure.ZIENSWIJZE)
    versie = programma(w, tot=S.VOORGELEGD)
    besluit = _besluit(versie, w.leden[0])
    services.record_raadsbesluit(
        besluit,
        uitkomst=Uitkomst.ZIENSWIJZE,
        zienswijze="Beperk de kosten.",
        datum_raad=vandaag(),
        door=w.raadssecretaris,
    )
    _record(versie, w.leden[1], Uitkomst.GEEN_ZIENSWIJZE)
    _record(versie, w.leden[2], Uitkomst.GEEN_ZIENSWIJZE)  # every council responded: the term need not end
    assert _status(versie) == S.VOORGELEGD  # the councils do not decide under this procedure
    with pytest.raises(ValidationError):
        services.adopt_versie(versie, besluitdatum=vandaag(), door=w.secretariaat)
    with pytest.raises(NotAllowed):
        services.answer_zienswijze(besluit, antwoord="Nee.", door=w.raadslid)
    with pytest.raises(ValidationError):
        services.answer_zienswijze(besluit, antwoord="  ", door=w.secretariaat)
    with pytest.raises(ValidationError):
        services.answer_zienswijze(_besluit(versie, w.leden[1]), antwoord="?", door=w.secretariaat)
    services.answer_zienswijze(besluit, antwoord="Overgenomen: de kosten dalen.", door=w.secretariaat)
    services.adopt_versie(versie, besluitdatum=vandaag(), door=w.secretariaat)
    assert _status(versie) == S.VASTGESTELD
    assert _log("zienswijze beantwoord").get().actor == w.secretariaat


def test_gs_deadline_is_two_weeks_after_adoption_and_before_15_september():
    from programmas import termijnen

    assert termijnen.gs_termijn(None, JAAR) == datetime.date(JAAR - 1, 9, 14)  # the outer limit
    assert termijnen.gs_termijn(datetime.date(JAAR - 1, 7, 1), JAAR) == datetime.date(JAAR - 1, 7, 15)
    assert termijnen.gs_termijn(datetime.date(JAAR - 1, 9, 10), JAAR) == datetime.date(JAAR - 1, 9, 14)


# --- Reminders and notifications ------------------------------------------------------------------------------------


def test_reminders_go_14_and_3_days_before_the_deadline_once_each(
    wereld, mailoutbox, django_capture_on_commit_callbacks
):
    vandaag = timezone.localdate()
    deadline = vandaag + datetime.timedelta(days=14)
    versie = programma(wereld, tot=S.VOORGELEGD, deadline=deadline)
    _record(versie, wereld.leden[1], Uitkomst.GOEDGEKEURD)  # decided: no reminder for the second council
    mailoutbox.clear()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            tasks.send_reminders(today=vandaag)
    assert [m.to for m in mailoutbox] == [[wereld.raadssecretaris.email]]
    assert "Nog 14 dagen" in mailoutbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_reminders(today=deadline - datetime.timedelta(days=5))
    assert len(mailoutbox) == 1
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            tasks.send_reminders(today=deadline - datetime.timedelta(days=3))
    assert len(mailoutbox) == 2 and "Nog 3 dagen" in mailoutbox[1].subject


def test_a_daily_digest_user_gets_the_routing_notice_in_the_digest(
    wereld, mailoutbox, django_capture_on_commit_callbacks
):
    wereld.raadssecretaris.meldingen = "dagelijks"
    wereld.raadssecretaris.save()
    versie = programma(wereld, tot=S.VASTGESTELD)
    with django_capture_on_commit_callbacks(execute=True):
        services.route_versie(versie, door=wereld.secretariaat)
    assert [m.to for m in mailoutbox] == [[wereld.raadssecretaris_b.email]]
    assert Melding.objects.filter(user=wereld.raadssecretaris, verzonden_op__isnull=True).count() == 1
    send_digests()
    assert mailoutbox[-1].to == [wereld.raadssecretaris.email]
    assert "Voorgelegd aan uw raad" in mailoutbox[-1].body
    assert not Melding.objects.filter(verzonden_op__isnull=True).exists()


def test_a_failing_mail_server_loses_no_decision(wereld, mailoutbox, django_capture_on_commit_callbacks):
    versie = programma(wereld, tot=S.VOORGELEGD)
    besluit = _besluit(versie, wereld.leden[0])
    with mock.patch("regioportaal.tasks.EmailMessage.send", side_effect=OSError("mail server down")) as kapot:
        with django_capture_on_commit_callbacks(execute=True):
            services.record_raadsbesluit(
                besluit, uitkomst=Uitkomst.GOEDGEKEURD, datum_raad=vandaag(), door=wereld.raadssecretaris
            )
    assert kapot.called
    besluit.refresh_from_db()
    assert besluit.uitkomst == Uitkomst.GOEDGEKEURD and besluit.registraties.count() == 1
    onverzonden = Melding.objects.filter(user=wereld.secretariaat, verzonden_op__isnull=True)
    assert onverzonden.count() == 1 and "Besluit van" in onverzonden.get().onderwerp
    assert not mailoutbox
    melding = onverzonden.get()
    send_melding.apply(
        args=[melding.pk]
    )  # the mail server is back: the task's retry (or the outbox's hand-over)
    assert [m.to for m in mailoutbox] == [[wereld.secretariaat.email]]
    melding.refresh_from_db()
    assert melding.verzonden_op is not None


# --- Review packets -------------------------------------------------------------------------------------------------


def test_the_review_packet_task_makes_one_pdf_however_often_it_runs(
    wereld, media, django_capture_on_commit_callbacks, settings
):
    settings.REVIEWPAKKET_REBUILD_INTERVAL = (
        0  # remade at once here; tests/programmas/test_reviewpakket_limiet.py
    )
    versie = programma(wereld, tot=S.VOORGELEGD)
    with django_capture_on_commit_callbacks(execute=True):
        pakket = services.request_reviewpakket(versie, wereld.leden[0], door=wereld.raadslid)
    pakket.refresh_from_db()
    assert pakket.status == PakketStatus.KLAAR
    eerste_naam = pakket.bestand.name
    tasks.make_reviewpakket(pakket.pk)  # a retry
    tasks.make_reviewpakket(pakket.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_reviewpakket(versie, wereld.leden[0], door=wereld.secretariaat)
    assert Reviewpakket.objects.count() == 1
    pakket.refresh_from_db()
    assert pakket.bestand.name == eerste_naam
    bestanden = [p for p in media.rglob("*") if p.is_file()]
    assert len(bestanden) == 1 and bestanden[0].read_bytes().startswith(b"%PDF-")
    assert _log("reviewpakket aangevraagd").count() == 2


def test_a_review_packet_is_only_made_for_a_participating_member(wereld):
    versie = programma(wereld)
    regel = versie.regels.first()
    services.update_regel(regel, deelnemers=wereld.leden[1:], door=wereld.secretariaat)
    services.update_regel(versie.regels.last(), deelnemers=wereld.leden[1:], door=wereld.secretariaat)
    with pytest.raises(ValidationError):
        services.request_reviewpakket(versie, wereld.leden[0], door=wereld.secretariaat)
    with pytest.raises(NotAllowed):
        services.request_reviewpakket(versie, wereld.leden[1], door=wereld.buitenstaander)


def test_a_failing_packet_is_marked_failed(wereld):
    versie = programma(wereld)
    pakket = Reviewpakket.objects.create(versie=versie, bestuur=wereld.leden[0])
    with mock.patch("programmas.pdf.render_reviewpakket", side_effect=RuntimeError("kapot")):
        tasks.make_reviewpakket(pakket.pk)
    pakket.refresh_from_db()
    assert pakket.status == PakketStatus.MISLUKT and "kapot" in pakket.fout


# --- Uploads ------------------------------------------------------------------------------------------------------


def test_a_renamed_non_pdf_is_refused(wereld):
    versie = programma(wereld, tot=S.VOORGELEGD)
    nep = _pdf(inhoud=b"MZ\x90\x00 dit is geen pdf")
    with pytest.raises(ValidationError) as fout:
        _record(versie, wereld.leden[0], Uitkomst.GOEDGEKEURD, document=nep)
    assert "document" in fout.value.message_dict
    assert not Registratie.objects.exists()


def test_a_pdf_over_10_mb_is_refused(wereld):
    versie = programma(wereld, tot=S.VOORGELEGD)
    groot = _pdf(inhoud=b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as fout:
        _record(versie, wereld.leden[0], Uitkomst.GOEDGEKEURD, document=groot)
    assert "10 MB" in " ".join(fout.value.message_dict["document"])


def test_a_pdf_is_stored_outside_the_web_root(wereld, media):
    versie = programma(wereld, tot=S.VOORGELEGD)
    registratie = _record(versie, wereld.leden[0], Uitkomst.GOEDGEKEURD, document=_pdf())
    pad = media / registratie.document.name
    assert pad.is_file() and pad.read_bytes().startswith(b"%PDF-")


def test_mail_is_not_sent_inside_the_transaction(wereld, mailoutbox):
    """Side effects wait for the commit: inside the test's transaction nothing is mailed."""
    versie = programma(wereld, tot=S.VOORGELEGD)
    _record(versie, wereld.leden[0], Uitkomst.GOEDGEKEURD)
    assert not mailoutbox and not mail.outbox


def test_a_line_under_a_rate_per_inhabitant_costs_the_rate_times_its_participants_population(
    db, snelle_wachtwoorden
):
    w = bouw_regio(3, sleutel="per_inwoner", bedrag_per_inwoner=Decimal("2.50"))
    versie = programma(w)
    regel = versie.regels.first()
    services.update_regel(regel, deelnemers=w.leden[:2], door=None)
    regel.refresh_from_db()
    inwoners = sum(b.inwoners for b in w.leden[:2])
    assert regel.bedrag == Decimal("2.50") * inwoners
