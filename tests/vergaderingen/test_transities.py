"""The states of an agenda item and of a planning day's session choice: the expected tables are written out here
and every allowed transition, and the forbidden ones a user could try, are driven through the public services."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from vergaderingen import services, workflow
from vergaderingen.models import Agendapunt, BlokSoort, Inschrijving, Sessiekeuze, Vergadering

pytestmark = pytest.mark.django_db

# --- Agenda item ------------------------------------------------------------------------------------------------

PUNT_STATUSSEN = ["voorgesteld", "geagendeerd", "afgewezen", "ingetrokken"]
PUNT_TOEGESTAAN = {
    ("voorgesteld", "geagendeerd"),  # the secretariat accepts a member's proposal
    ("voorgesteld", "afgewezen"),  # the secretariat declines it
    (
        "geagendeerd",
        "ingetrokken",
    ),  # an item of a published agenda is withdrawn with a reason, keeping its number
}


@pytest.mark.parametrize("van", PUNT_STATUSSEN)
@pytest.mark.parametrize("naar", PUNT_STATUSSEN)
def test_the_agenda_item_table_allows_one_decision_on_a_proposal_and_withdrawing_an_item(van, naar):
    assert workflow.allowed(van, naar, workflow.AGENDAPUNT_TRANSITIONS) == ((van, naar) in PUNT_TOEGESTAAN)


def _vergadering(w):
    begin = timezone.now() + datetime.timedelta(days=14)
    return services.plan_vergadering(
        w.dbo, begin=begin, einde=begin + datetime.timedelta(hours=2), locatie="Stadhuis Aalst", door=None
    )


def _punt_in(w, status):
    """An item brought to `status` through the services: proposed by a member, added or declined by the secretariat."""
    vergadering = _vergadering(w)
    if status == "geagendeerd":
        return services.add_agendapunt(vergadering, titel="Mobiliteit", door=w.secretariaat)
    if status == "ingetrokken":
        punt = services.add_agendapunt(vergadering, titel="Mobiliteit", door=w.secretariaat)
        services.publish_agenda(vergadering, door=w.secretariaat)
        return services.withdraw_agendapunt(punt, reden="Vervalt", door=w.secretariaat)
    punt = services.propose_agendapunt(vergadering, titel="Fietssnelweg", door=w.lid)
    if status == "afgewezen":
        services.decline_voorstel(punt, reden="Hoort bij de OAD", door=w.secretariaat)
    return punt


BESLISSING = {
    "geagendeerd": lambda punt, door: services.accept_voorstel(punt, door=door),
    "afgewezen": lambda punt, door: services.decline_voorstel(punt, reden="Niet nu", door=door),
}


@pytest.mark.parametrize("van", PUNT_STATUSSEN)
@pytest.mark.parametrize("naar", list(BESLISSING))
def test_the_secretariat_decides_on_a_proposal_once(w, van, naar):
    punt = Agendapunt.objects.get(pk=_punt_in(w, van).pk)
    volgnummer = punt.volgnummer
    if (van, naar) in PUNT_TOEGESTAAN:
        BESLISSING[naar](punt, w.secretariaat)
        punt.refresh_from_db()
        assert punt.status == naar
        if naar == "geagendeerd":
            assert punt.volgnummer == 1  # it is on the agenda, numbered
        else:
            assert punt.volgnummer is None and punt.reden_afwijzing == "Niet nu"
    else:
        with pytest.raises(ValidationError, match="Over dit voorstel is al beslist"):
            BESLISSING[naar](punt, w.secretariaat)
        punt.refresh_from_db()
        assert (punt.status, punt.volgnummer) == (van, volgnummer)


def _op_gepubliceerde_agenda(w, status):
    """An item in `status` on an agenda that is published (a proposal made, or an item added, after publication)."""
    vergadering = _vergadering(w)
    services.add_agendapunt(vergadering, titel="Opening", door=w.secretariaat)
    services.publish_agenda(vergadering, door=w.secretariaat)
    if status in ("geagendeerd", "ingetrokken"):
        punt = services.add_agendapunt(vergadering, titel="Mobiliteit", door=w.secretariaat)
        if status == "ingetrokken":
            services.withdraw_agendapunt(punt, reden="Vervalt", door=w.secretariaat)
        return punt
    punt = services.propose_agendapunt(vergadering, titel="Fietssnelweg", door=w.lid)
    if status == "afgewezen":
        services.decline_voorstel(punt, reden="Later", door=w.secretariaat)
    return punt


@pytest.mark.parametrize("van", PUNT_STATUSSEN)
def test_only_an_item_on_the_published_agenda_is_withdrawn_and_it_keeps_its_number(w, van):
    punt = Agendapunt.objects.get(pk=_op_gepubliceerde_agenda(w, van).pk)
    volgnummer = punt.volgnummer
    if (van, "ingetrokken") in PUNT_TOEGESTAAN:
        services.withdraw_agendapunt(punt, reden="Het dossier is niet klaar.", door=w.secretariaat)
        punt.refresh_from_db()
        assert (punt.status, punt.volgnummer, punt.reden_intrekking) == (
            "ingetrokken",
            volgnummer,
            "Het dossier is niet klaar.",
        )
    else:
        with pytest.raises(ValidationError, match="al ingetrokken|Alleen een punt op de agenda"):
            services.withdraw_agendapunt(punt, reden="Nee", door=w.secretariaat)
        punt.refresh_from_db()
        assert (punt.status, punt.volgnummer) == (van, volgnummer)


def test_a_new_item_starts_as_a_proposal_from_a_member_and_on_the_agenda_from_the_secretariat(w):
    vergadering = _vergadering(w)
    voorstel = services.propose_agendapunt(vergadering, titel="Voorstel", door=w.lid)
    punt = services.add_agendapunt(vergadering, titel="Punt", door=w.secretariaat)
    assert dict(Vergadering.objects.get(pk=vergadering.pk).agendapunten.values_list("titel", "status")) == {
        "Voorstel": "voorgesteld",
        "Punt": "geagendeerd",
    }
    assert voorstel.volgnummer is None and punt.volgnummer == 1


# --- Session choice of a planning day ---------------------------------------------------------------------------

KEUZE_STATUSSEN = ["bevestigd", "wachtlijst"]
KEUZE_TOEGESTAAN = {
    ("wachtlijst", "bevestigd"),  # a seat freed by a cancellation goes to the first on the waiting list
}


@pytest.mark.parametrize("van", KEUZE_STATUSSEN)
@pytest.mark.parametrize("naar", KEUZE_STATUSSEN)
def test_the_session_choice_table_only_moves_up_from_the_waiting_list(van, naar):
    assert workflow.allowed(van, naar, workflow.SESSIEKEUZE_TRANSITIONS) == ((van, naar) in KEUZE_TOEGESTAAN)


@pytest.fixture
def sessie(w):
    """A planning day of the Denderregio next month (registration open) with one session of one seat."""
    vandaag = timezone.localdate()
    dag = services.create_bijeenkomst(
        w.dender,
        naam="Planningsdag",
        datum=vandaag + datetime.timedelta(days=30),
        locatie="Technopolis, Mechelen",
        inschrijven_tot=vandaag + datetime.timedelta(days=20),
        door=w.secretariaat,
    )
    blok = services.add_blok(
        dag, soort=BlokSoort.WERKSESSIES, titel="Trends", begin=datetime.time(10), door=w.secretariaat
    )
    return services.add_werksessie(blok, thema="Mobiliteit", capaciteit=1, door=w.secretariaat)


def _status(user):
    return Sessiekeuze.objects.get(inschrijving__user=user).status


def test_a_choice_starts_confirmed_while_seats_are_free_and_on_the_waiting_list_after(w, sessie):
    services.register(sessie.blok.bijeenkomst, bestuur=w.aalst, sessies=[sessie], door=w.voorzitter)
    services.register(sessie.blok.bijeenkomst, bestuur=w.lede, sessies=[sessie], door=w.lid)
    assert (_status(w.voorzitter), _status(w.lid)) == ("bevestigd", "wachtlijst")


def test_a_cancellation_confirms_the_first_on_the_waiting_list_and_mails_them(
    w, sessie, mailoutbox, django_capture_on_commit_callbacks
):
    dag = sessie.blok.bijeenkomst
    services.register(dag, bestuur=w.aalst, sessies=[sessie], door=w.voorzitter)
    services.register(dag, bestuur=w.lede, sessies=[sessie], door=w.lid)
    services.register(dag, bestuur=w.aalst, sessies=[sessie], door=w.secretariaat)
    with django_capture_on_commit_callbacks(execute=True):
        opgeschoven = services.cancel_inschrijving(
            Inschrijving.objects.get(user=w.voorzitter), door=w.voorzitter
        )
    assert [keuze.inschrijving.user for keuze in opgeschoven] == [w.lid]
    assert (_status(w.lid), _status(w.secretariaat)) == ("bevestigd", "wachtlijst")
    (mail,) = mailoutbox
    assert mail.to == [w.lid.email] and "Mobiliteit" in mail.subject


def test_nobody_confirmed_goes_back_to_the_waiting_list(w, sessie):
    dag = sessie.blok.bijeenkomst
    services.register(dag, bestuur=w.aalst, sessies=[sessie], door=w.voorzitter)
    services.register(dag, bestuur=w.lede, sessies=[sessie], door=w.lid)
    services.register(dag, bestuur=w.aalst, sessies=[sessie], door=w.secretariaat)
    # the last on the waiting list leaves: the confirmed seat and the first waiting place stay as they were
    services.cancel_inschrijving(Inschrijving.objects.get(user=w.secretariaat), door=w.secretariaat)
    assert (_status(w.voorzitter), _status(w.lid)) == ("bevestigd", "wachtlijst")
    # registering again is refused and changes nobody's place
    with pytest.raises(ValidationError, match="al ingeschreven"):
        services.register(dag, bestuur=w.aalst, sessies=[sessie], door=w.voorzitter)
    assert (_status(w.voorzitter), _status(w.lid)) == ("bevestigd", "wachtlijst")
