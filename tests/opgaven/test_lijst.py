"""The opgaven list's cells and filter form as a reader sees them (issue 16: the view writes them from plain rows and
renders the selects in Python; the page must read as before)."""

from django.urls import reverse
from django.utils.html import escape


def _rij(content, titel):
    begin = content.index(titel)
    return content[begin : content.index("</tr>", begin)]


def test_a_row_shows_its_goal_numbers_its_themes_in_order_and_its_opdrachtgever(client, w):
    content = client.get(reverse("opgaven:opgaven", args=["denderregio"])).content.decode()
    rij = _rij(content, "Fietsnetwerk Denderregio")
    assert "<td>1, 4</td>" in rij
    assert "<td>Mobiliteit, Participatie</td>" in rij  # the transversal theme after the others
    assert f"<td>{escape(str(w.voorzitter.persoon))}</td>" in rij
    assert _rij(content, "Lege opgave").count("<td>—</td>") == 3


def test_the_filter_form_offers_the_regions_choices_and_keeps_the_valid_ones(client, w):
    url = reverse("opgaven:opgaven", args=["denderregio"])
    content = client.get(url, {"doelstelling": w.doelen[3].pk, "status": "bestaat-niet"}).content.decode()
    doel = w.doelen[3]
    assert f'<option value="{doel.pk}" selected>4. {escape(doel.titel)}</option>' in content
    assert f'<option value="{w.participatie.pk}">Participatie (transversaal)</option>' in content
    assert '<select name="status" aria-invalid="true"' in content  # the status that does not exist
    assert "Fietsnetwerk Denderregio" in content and "Lege opgave" not in content
