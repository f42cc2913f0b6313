"""The agenda builder's table and item form as the secretariat sees them."""

import re

import pytest
from django.urls import reverse

from opgaven import services as opgaven_services
from vergaderingen import services

from .conftest import PDF_BYTES, plan, upload

pytestmark = pytest.mark.django_db


def _rij(content, punt):
    return re.search(rf'<tr id="beheer-punt-{punt.pk}">(.*?)</tr>', content, re.S).group(1)


def test_rows_show_number_title_badges_documents_and_moves(w, client):
    vergadering = plan(w.dbo)
    plan(w.dbo, days=40)  # a next meeting: items can move on
    eerste = services.add_agendapunt(vergadering, titel="Opening <en> welkom", door=None)
    besloten = services.add_agendapunt(vergadering, titel="Personeel", openbaar=False, door=None)
    services.add_document(besloten, upload("nota.pdf", PDF_BYTES), door=None)
    services.add_document(besloten, upload("bijlage.pdf", PDF_BYTES), door=None)
    laatste = services.add_agendapunt(vergadering, titel="Rondvraag", door=None)
    client.force_login(w.secretariaat)
    content = client.get(reverse("vergaderingen:agenda_beheer", args=[vergadering.pk])).content.decode()

    rij = _rij(content, eerste)
    assert "<td>1</td>" in rij and "Opening &lt;en&gt; welkom" in rij and "<td>0</td>" in rij
    assert "Omhoog" not in rij and "Omlaag" in rij and "Naar volgende vergadering" in rij
    assert reverse("vergaderingen:agendapunt_bewerken", args=[eerste.pk]) in rij
    assert 'name="csrfmiddlewaretoken"' in rij
    rij = _rij(content, besloten)
    assert '<span class="badge">besloten</span>' in rij and "<td>2</td>" in rij
    assert "Omhoog" in rij and "Omlaag" in rij
    assert reverse("vergaderingen:agendapunt_actie", args=[besloten.pk, "omhoog"]) in rij
    rij = _rij(content, laatste)
    assert "Omhoog" in rij and "Omlaag" not in rij


def test_published_rows_are_withdrawn_or_addenda_without_moves(w, client):
    vergadering = plan(w.dbo)
    punt = services.add_agendapunt(vergadering, titel="Mobiliteit", door=None)
    services.publish_agenda(vergadering, door=None)
    addendum = services.add_agendapunt(vergadering, titel="Dringend", door=None)
    services.withdraw_agendapunt(punt, reden="Niet klaar", door=None)
    client.force_login(w.secretariaat)
    content = client.get(reverse("vergaderingen:agenda_beheer", args=[vergadering.pk])).content.decode()
    assert '<span class="badge">ingetrokken</span>' in _rij(content, punt)
    assert '<span class="badge">addendum</span>' in _rij(content, addendum)
    assert "Omhoog" not in content and "Omlaag" not in content


def test_item_form_offers_the_regions_opgaven_unpublished_too(w, client):
    concept = opgaven_services.create_opgave(w.dender, door=None, titel="Nog niet gepubliceerd")
    opgaven_services.create_opgave(w.drecht, door=None, titel="Van een andere regio", gepubliceerd=True)
    vergadering = plan(w.dbo)
    client.force_login(w.secretariaat)
    content = client.get(reverse("vergaderingen:agenda_beheer", args=[vergadering.pk])).content.decode()
    assert f'<option value="{concept.pk}">Nog niet gepubliceerd</option>' in content
    assert "Van een andere regio" not in content
