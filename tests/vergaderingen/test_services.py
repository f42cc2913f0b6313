"""The meeting services: who may, what they write, the audit entry and the side effects they queue."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from regioportaal.models import ActionLog, Melding
from regioportaal.permissions import NotAllowed
from tests.factories import UserFactory
from vergaderingen import services
from vergaderingen.models import (
    Agendapunt,
    AgendapuntStatus,
    Besluituitkomst,
    Keuze,
    VergaderingStatus,
)

from .conftest import gehouden, plan

pytestmark = pytest.mark.django_db


def _log(obj, actie):
    content_type = ContentType.objects.get_for_model(obj)
    return ActionLog.objects.filter(content_type=content_type, object_id=str(obj.pk), actie=actie)


def _nummers(vergadering):
    return list(
        vergadering.agendapunten.filter(status=AgendapuntStatus.GEAGENDEERD)
        .order_by("volgnummer")
        .values_list("volgnummer", "titel")
    )


# --- Who may -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("wie", ["voorzitter", "lid", "raadslid", "secretariaat_drecht", "buitenstaander"])
def test_only_the_secretariat_plans_and_builds_the_agenda(w, wie):
    user = getattr(w, wie)
    vergadering = plan(w.dbo)
    punt = services.add_agendapunt(vergadering, titel="Mobiliteit", door=None)
    refusals = [
        lambda: services.plan_vergadering(
            w.dbo, begin=vergadering.begin, einde=vergadering.einde, locatie="Aalst", door=user
        ),
        lambda: services.add_agendapunt(vergadering, titel="Nieuw", door=user),
        lambda: services.update_agendapunt(punt, titel="Anders", door=user),
        lambda: services.move_agendapunt(punt, omhoog=False, door=user),
        lambda: services.publish_agenda(vergadering, door=user),
    ]
    for refusal in refusals:
        with pytest.raises(NotAllowed):
            refusal()
    assert _nummers(vergadering) == [(1, "Mobiliteit")]


def test_the_secretariat_of_another_region_cannot_record_a_decision(w):
    vergadering = gehouden(w.dbo)
    punt = vergadering.agendapunten.get()
    with pytest.raises(NotAllowed):
        services.record_besluit(punt, uitkomst=Besluituitkomst.AANGENOMEN, door=w.secretariaat_drecht)
    assert not Agendapunt.objects.filter(pk=punt.pk, besluit__isnull=False).exists()


@pytest.mark.parametrize("wie", ["raadslid", "buitenstaander", "secretariaat_drecht"])
def test_who_is_not_a_member_cannot_propose_an_item(w, wie):
    vergadering = plan(w.dbo)
    with pytest.raises(NotAllowed):
        services.propose_agendapunt(vergadering, titel="Voorstel", door=getattr(w, wie))


@pytest.mark.parametrize("wie", ["voorzitter", "lid"])
def test_any_member_may_propose_an_item(w, wie):
    vergadering = plan(w.dbo)
    punt = services.propose_agendapunt(vergadering, titel="Fietssnelweg", door=getattr(w, wie))
    assert punt.status == AgendapuntStatus.VOORGESTELD and punt.volgnummer is None
    assert punt.voorgesteld_door == getattr(w, wie)
    assert _log(punt, "aangemaakt").get().actor == getattr(w, wie)


# --- The agenda ----------------------------------------------------------------------------------------------


def test_items_are_numbered_in_order_and_logged(w):
    vergadering = plan(w.dbo)
    for titel in ("Opening", "Mobiliteit", "Varia"):
        services.add_agendapunt(vergadering, titel=titel, door=w.secretariaat)
    assert _nummers(vergadering) == [(1, "Opening"), (2, "Mobiliteit"), (3, "Varia")]
    entry = ActionLog.objects.filter(actie="aangemaakt", object_repr="3. Varia").get()
    assert entry.actor == w.secretariaat and entry.scope == f"regio:{w.dender.pk}"


def test_moving_up_and_down_swaps_neighbours_and_stops_at_the_ends(w):
    vergadering = plan(w.dbo)
    a, b, c = (services.add_agendapunt(vergadering, titel=t, door=None) for t in "ABC")
    services.move_agendapunt(c, omhoog=True, door=w.secretariaat)
    assert _nummers(vergadering) == [(1, "A"), (2, "C"), (3, "B")]
    services.move_agendapunt(a, omhoog=True, door=w.secretariaat)  # already first: nothing changes
    services.move_agendapunt(a, omhoog=False, door=w.secretariaat)
    assert _nummers(vergadering) == [(1, "C"), (2, "A"), (3, "B")]
    assert _log(a, "verplaatst").count() == 1


def test_publishing_freezes_the_numbering_and_later_changes_are_addenda(w):
    vergadering = plan(w.dbo)
    a = services.add_agendapunt(vergadering, titel="A", door=None)
    services.add_agendapunt(vergadering, titel="B", door=None)
    services.publish_agenda(vergadering, door=w.secretariaat)
    with pytest.raises(ValidationError, match="nummering ligt vast"):
        services.move_agendapunt(a, omhoog=False, door=w.secretariaat)
    c = services.add_agendapunt(vergadering, titel="C", door=w.secretariaat)
    assert (c.volgnummer, c.addendum) == (3, True)
    services.update_agendapunt(a, toelichting="Nieuwe nota", door=w.secretariaat)
    a.refresh_from_db()
    assert a.addendum
    assert _nummers(vergadering) == [(1, "A"), (2, "B"), (3, "C")]


def test_an_item_moves_to_the_next_meeting_with_its_documents_and_the_rest_is_renumbered(w):
    eerste = plan(w.dbo, days=7)
    tweede = plan(w.dbo, days=35)
    services.add_agendapunt(tweede, titel="Al op de tweede", door=None)
    a, b, c = (services.add_agendapunt(eerste, titel=t, door=None) for t in "ABC")
    services.move_to_next_vergadering(b, door=w.secretariaat)
    assert _nummers(eerste) == [(1, "A"), (2, "C")]
    assert _nummers(tweede) == [(1, "Al op de tweede"), (2, "B")]
    assert _log(b, "naar volgende vergadering").exists()


def test_moving_to_the_next_meeting_needs_a_next_meeting(w):
    punt = services.add_agendapunt(plan(w.dbo), titel="A", door=None)
    with pytest.raises(ValidationError, match="geen volgende vergadering"):
        services.move_to_next_vergadering(punt, door=w.secretariaat)


def test_the_secretariat_accepts_or_declines_proposals(w):
    vergadering = plan(w.dbo)
    services.add_agendapunt(vergadering, titel="Opening", door=None)
    ja = services.propose_agendapunt(vergadering, titel="Ja", door=w.lid)
    nee = services.propose_agendapunt(vergadering, titel="Nee", door=w.voorzitter)
    with pytest.raises(NotAllowed):
        services.accept_voorstel(ja, door=w.lid)
    services.accept_voorstel(ja, door=w.secretariaat)
    services.decline_voorstel(nee, reden="Hoort bij de OAD", door=w.secretariaat)
    assert _nummers(vergadering) == [(1, "Opening"), (2, "Ja")]
    nee.refresh_from_db()
    assert nee.status == AgendapuntStatus.AFGEWEZEN and nee.volgnummer is None
    assert _log(nee, "voorstel afgewezen").get().reden == "Hoort bij de OAD"
    with pytest.raises(ValidationError, match="al beslist"):
        services.accept_voorstel(nee, door=w.secretariaat)


def test_an_opgave_of_another_region_is_refused(w):
    from opgaven.models import Opgave

    vreemd = Opgave.objects.create(regio=w.drecht, titel="Drechtse opgave")
    with pytest.raises(ValidationError) as exc:
        services.add_agendapunt(plan(w.dbo), titel="A", opgave=vreemd, door=w.secretariaat)
    assert "opgave" in exc.value.error_dict


# --- Publication: mail and PDF -------------------------------------------------------------------------------


def test_publishing_notifies_each_member_once_by_mail_after_commit(
    w, mailoutbox, django_capture_on_commit_callbacks
):
    vergadering = plan(w.dbo)
    services.add_agendapunt(vergadering, titel="Regionale mobiliteit", door=None)
    services.add_agendapunt(vergadering, titel="Personeelszaak", openbaar=False, door=None)
    w.lid.meldingen = "dagelijks"
    w.lid.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.publish_agenda(vergadering, door=w.secretariaat)
        assert mailoutbox == []  # nothing leaves before the commit
    assert callbacks
    ontvangers = sorted(m.to[0] for m in mailoutbox)
    assert ontvangers == [w.secretariaat.email, w.voorzitter.email]  # the member chose the daily digest
    assert "Regionale mobiliteit" in mailoutbox[0].body and "Personeelszaak (besloten)" in mailoutbox[0].body
    assert Melding.objects.filter(user=w.lid, verzonden_op__isnull=True).count() == 1
    # a second notification run (a retried task) does not mail again
    services._notify_agenda(vergadering)
    assert Melding.objects.filter(sleutel=f"vergaderingen:agenda:{vergadering.pk}").count() == 3


def test_publishing_renders_the_public_and_the_full_agenda_pdf(w, django_capture_on_commit_callbacks):
    vergadering = plan(w.dbo)
    services.add_agendapunt(vergadering, titel="Regionale mobiliteit", door=None)
    services.add_agendapunt(vergadering, titel="Personeelszaak", openbaar=False, door=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_agenda(vergadering, door=w.secretariaat)
    vergadering.refresh_from_db()
    openbaar = vergadering.agenda_pdf.read()
    volledig = vergadering.agenda_pdf_volledig.read()
    assert openbaar.startswith(b"%PDF") and volledig.startswith(b"%PDF")
    assert len(volledig) != len(openbaar)
    # a retried task overwrites the same files
    naam = vergadering.agenda_pdf.name
    services.make_agenda_pdf(vergadering)
    vergadering.refresh_from_db()
    assert vergadering.agenda_pdf.name == naam


def test_the_pdf_renderer_never_fetches_from_the_network():
    from vergaderingen.pdf import LocalFetcher

    fetcher = LocalFetcher()
    with pytest.raises(ValueError):
        fetcher.fetch("http://example.org/logo.png")
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")


# --- After the meeting ---------------------------------------------------------------------------------------


def test_decision_with_votes_per_member_counts_itself_and_is_logged(w):
    vergadering = gehouden(w.dbo)
    punt = vergadering.agendapunten.get()
    besluit = services.record_besluit(
        punt,
        uitkomst=Besluituitkomst.AANGENOMEN,
        behandeling="Toelichting door de voorzitter.",
        tekst="Het DBO keurt het voorstel goed.",
        stemmen={w.zetel_voorzitter.pk: Keuze.VOOR, w.zetel_lid.pk: Keuze.ONTHOUDING},
        door=w.secretariaat,
    )
    stemming = besluit.stemming
    assert (stemming.voor, stemming.tegen, stemming.onthouding) == (1, 0, 1)
    assert stemming.stemmen.count() == 2
    assert _log(punt, "besluit vastgelegd").get().wijzigingen["stemming"] == "1–0–1"


def test_vote_totals_that_contradict_the_member_votes_are_refused(w):
    punt = gehouden(w.dbo).agendapunten.get()
    with pytest.raises(ValidationError) as exc:
        services.record_besluit(
            punt,
            uitkomst=Besluituitkomst.AANGENOMEN,
            voor=5,
            stemmen={w.zetel_voorzitter.pk: Keuze.VOOR},
            door=w.secretariaat,
        )
    assert "voor" in exc.value.error_dict


def test_votes_of_non_members_are_refused(w):
    punt = gehouden(w.dbo).agendapunten.get()
    vreemde_zetel = w.raadslid.persoon.lidmaatschappen.get()
    with pytest.raises(ValidationError, match="Alleen leden"):
        services.record_besluit(
            punt,
            uitkomst=Besluituitkomst.VERWORPEN,
            stemmen={vreemde_zetel.pk: Keuze.TEGEN},
            door=w.secretariaat,
        )


def test_decisions_wait_until_the_meeting_is_closed(w):
    vergadering = plan(w.dbo, days=-1)
    punt = services.add_agendapunt(vergadering, titel="A", door=None)
    services.publish_agenda(vergadering, door=None)
    with pytest.raises(ValidationError, match="afgelopen"):
        services.record_besluit(punt, uitkomst=Besluituitkomst.KENNISGENOMEN, door=w.secretariaat)


def test_attendance_is_recorded_per_member(w):
    vergadering = gehouden(w.dbo)
    services.record_aanwezigheid(
        vergadering,
        aanwezigheden={w.zetel_voorzitter.pk: "aanwezig", w.zetel_lid.pk: "verontschuldigd"},
        door=w.secretariaat,
    )
    services.record_aanwezigheid(vergadering, aanwezigheden={w.zetel_lid.pk: "afwezig"}, door=w.secretariaat)
    assert dict(vergadering.aanwezigheden.values_list("lidmaatschap", "status")) == {
        w.zetel_voorzitter.pk: "aanwezig",
        w.zetel_lid.pk: "afwezig",
    }
    with pytest.raises(NotAllowed):
        services.record_aanwezigheid(vergadering, aanwezigheden={}, door=w.voorzitter)


def test_minutes_go_first_on_the_next_agenda_and_adopting_that_item_approves_them(w):
    vorige = gehouden(w.dbo, days=-30)
    volgende = plan(w.dbo, days=-2)
    services.add_agendapunt(volgende, titel="Mobiliteit", door=None)
    services.save_notulen(vorige, notulen="Aanwezig: iedereen. Besluiten: zie agenda.", door=w.secretariaat)
    services.save_notulen(
        vorige, notulen="Aanwezig: iedereen. Besluiten: zie de agenda.", door=w.secretariaat
    )
    punten = _nummers(volgende)
    assert len(punten) == 2 and punten[0][1].startswith("Goedkeuring van de notulen van")
    services.publish_agenda(volgende, door=None)
    services.close_vergadering(volgende, door=None)
    notulenpunt = volgende.agendapunten.get(notulen_van=vorige)
    services.record_besluit(notulenpunt, uitkomst=Besluituitkomst.AANGENOMEN, door=w.secretariaat)
    vorige.refresh_from_db()
    assert vorige.status == VergaderingStatus.NOTULEN_GOEDGEKEURD and vorige.notulen_goedgekeurd_op


def test_minutes_drafted_before_the_next_meeting_is_planned_land_on_it_when_it_is(w):
    vorige = gehouden(w.dbo, days=-30)
    services.save_notulen(vorige, notulen="Tekst", door=w.secretariaat)
    volgende = plan(w.dbo, days=10)
    assert volgende.agendapunten.get().notulen_van == vorige


# --- Preferences and calendar tokens -------------------------------------------------------------------------


def test_users_choose_only_their_own_notification_preference(w):
    services.set_notificatievoorkeur(w.lid, frequentie="dagelijks", door=w.lid)
    w.lid.refresh_from_db()
    assert w.lid.meldingen == "dagelijks"
    with pytest.raises(NotAllowed):
        services.set_notificatievoorkeur(w.lid, frequentie="direct", door=w.secretariaat)


def test_renewing_the_calendar_token_revokes_the_old_one(db):
    user = UserFactory()
    oud = services.kalendertoken(user).token
    nieuw = services.renew_kalendertoken(user, door=user).token
    assert oud != nieuw and len(nieuw) >= 40
    with pytest.raises(NotAllowed):
        services.renew_kalendertoken(user, door=UserFactory())
