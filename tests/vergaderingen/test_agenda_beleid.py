"""The agenda builder asks its policies per item state, not per row, and reads from its items whether the agenda can
be published: the same buttons and reasons as asking every row and the database."""

import pytest
from django.urls import reverse

from vergaderingen import selectors, services
from vergaderingen.models import AgendapuntStatus, Vergadering
from vergaderingen.policies import AgendapuntPolicy, VergaderingPolicy

from .conftest import gehouden, plan

pytestmark = pytest.mark.django_db

PUNT_ACTIES = [None, ("edit", "move", "move_to_next", "withdraw_document"), ("accept", "decline")]


def _punten(vergadering):
    punten, voorstellen = selectors.agenda_beheer(vergadering)
    for punt in punten + voorstellen:
        punt.vergadering = vergadering
    return punten + voorstellen


def _agenda(w):
    """A published agenda with an item on it, a withdrawn one, a proposal and a next meeting; a draft agenda with
    an item and a proposal, without a next meeting of its own body."""
    volgende = plan(w.dbo, days=40)
    gepubliceerd = plan(w.dbo)
    punt = services.add_agendapunt(gepubliceerd, titel="Mobiliteit", door=None)
    ingetrokken = services.add_agendapunt(gepubliceerd, titel="Wonen", door=None)
    services.propose_agendapunt(gepubliceerd, titel="Fietspaden", door=w.lid)
    services.publish_agenda(gepubliceerd, door=None)
    services.withdraw_agendapunt(ingetrokken, reden="Niet klaar", door=None)
    services.add_agendapunt(volgende, titel="Zorg", door=None)
    services.propose_agendapunt(volgende, titel="Parkeren", door=w.lid)
    return [
        Vergadering.objects.select_related("orgaan__regio").get(pk=v.pk)
        for v in (gepubliceerd, volgende, gehouden(w.dbo), punt.vergadering)
    ]


@pytest.mark.parametrize("rol", ["secretariaat", "lid", "voorzitter"])
def test_items_in_the_same_state_get_the_answers_each_would_get(w, rol):
    user = getattr(w, rol)
    for vergadering in _agenda(w):
        policy = AgendapuntPolicy()
        for punt in _punten(vergadering):
            for acties in PUNT_ACTIES:
                assert policy.allowed(user, punt, acties) == AgendapuntPolicy().allowed(user, punt, acties)


def test_the_answer_is_a_copy(w):
    vergadering = plan(w.dbo)
    punt = services.add_agendapunt(vergadering, titel="Mobiliteit", door=None)
    ingetrokken = services.add_agendapunt(vergadering, titel="Wonen", door=None)
    ingetrokken.status = AgendapuntStatus.INGETROKKEN
    policy = AgendapuntPolicy()
    antwoord = policy.allowed(w.secretariaat, ingetrokken)
    assert "edit" not in antwoord and policy.allowed(w.secretariaat, punt)["edit"]
    antwoord["edit"] = True  # the remembered answer stays
    assert "edit" not in policy.allowed(w.secretariaat, ingetrokken)


@pytest.mark.parametrize("inhoud", ["leeg", "ingetrokken", "geagendeerd"])
def test_publish_reads_the_items_as_the_database_says(w, inhoud, django_assert_num_queries):
    vergadering = plan(w.dbo)
    if inhoud != "leeg":
        punt = services.add_agendapunt(vergadering, titel="Mobiliteit", door=None)
        if inhoud == "ingetrokken":
            punt.status = AgendapuntStatus.INGETROKKEN  # withdrawn before publication: not on the agenda
            punt.save(update_fields=["status"])
    vergadering = Vergadering.objects.select_related("orgaan__regio").get(pk=vergadering.pk)
    punten, _voorstellen = selectors.agenda_beheer(vergadering)
    verwacht = VergaderingPolicy()
    verwacht_acties = verwacht.allowed(w.secretariaat, vergadering, ("publish",))
    verwacht_redenen = verwacht.reasons(w.secretariaat, vergadering, ("publish",))
    policy = VergaderingPolicy()
    policy.kent_agenda(vergadering, punten)
    policy.holds(w.secretariaat, "publish", vergadering)  # the role's query
    with django_assert_num_queries(0):
        assert policy.allowed(w.secretariaat, vergadering, ("publish",)) == verwacht_acties
        assert policy.reasons(w.secretariaat, vergadering, ("publish",)) == verwacht_redenen
    assert bool(verwacht_acties) == (inhoud == "geagendeerd")


def test_builder_shows_every_action_the_policy_allows(w, client):
    volgende = plan(w.dbo, days=40)
    vergadering = plan(w.dbo)
    punten = [services.add_agendapunt(vergadering, titel=t, door=None) for t in ("Een", "Twee", "Drie")]
    voorstel = services.propose_agendapunt(vergadering, titel="Fietspaden", door=w.lid)
    client.force_login(w.secretariaat)
    content = client.get(reverse("vergaderingen:agenda_beheer", args=[vergadering.pk])).content.decode()
    for punt in punten:
        assert reverse("vergaderingen:agendapunt_bewerken", args=[punt.pk]) in content
        assert reverse("vergaderingen:agendapunt_actie", args=[punt.pk, "volgende"]) in content
    assert reverse("vergaderingen:agendapunt_actie", args=[punten[0].pk, "omlaag"]) in content
    assert reverse("vergaderingen:agendapunt_actie", args=[punten[0].pk, "omhoog"]) not in content
    assert reverse("vergaderingen:agendapunt_actie", args=[punten[2].pk, "omhoog"]) in content
    for actie in ("aanvaarden", "afwijzen"):
        assert reverse("vergaderingen:agendapunt_actie", args=[voorstel.pk, actie]) in content
    assert reverse("vergaderingen:vergadering_actie", args=[vergadering.pk, "publiceren"]) in content
    services.publish_agenda(vergadering, door=None)
    content = client.get(reverse("vergaderingen:agenda_beheer", args=[vergadering.pk])).content.decode()
    for punt in punten:  # the numbering is fixed: no moving; the documents may be withdrawn
        assert reverse("vergaderingen:agendapunt_bewerken", args=[punt.pk]) in content
        assert reverse("vergaderingen:agendapunt_actie", args=[punt.pk, "volgende"]) not in content
        assert reverse("vergaderingen:agendapunt_actie", args=[punt.pk, "omlaag"]) not in content
    assert volgende.pk
