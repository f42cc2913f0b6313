"""The opgaven list's cells and filter form as a reader sees them (issue 16: the view writes them from plain rows and
renders the selects in Python; the page must read as before)."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import conditional_escape, escape
from django.utils.translation import gettext

from besturen import weergave
from opgaven import selectors
from opgaven.models import Status
from opgaven.views import paginas


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


def _rijen_zoals_eerst(opgaven, doelen, themas):
    """The list's rows as `_lijst_rijen` wrote them with Django's `conditional_escape` on every cell."""
    _geheel = paginas._geheel
    statussen, url = weergave.labels(Status.choices), weergave.url_maker("opgaven:opgave")
    badge = f' <span class="badge">{conditional_escape(gettext("niet gepubliceerd"))}</span>'
    rijen = []
    for pk, titel, gepubliceerd, status, prioriteit, persoon, voornaam, achternaam in opgaven:
        cellen = (
            statussen.get(status, status),
            _geheel(prioriteit),
            f"{voornaam} {achternaam}" if persoon else "—",
            ", ".join(_geheel(nummer) for nummer in doelen.get(pk, ())) or "—",
            ", ".join(themas.get(pk, ())) or "—",
        )
        status, prioriteit, opdrachtgever, doelstellingen, themas_tekst = map(conditional_escape, cellen)
        rijen.append(
            f'\n      <tr>\n        <th scope="row"><a href="{conditional_escape(url(pk))}">'
            f"{conditional_escape(titel)}</a>{'' if gepubliceerd else badge}</th>\n"
            f"        <td>{status}</td>\n"
            f'        <td class="num">{prioriteit}</td>\n'
            f"        <td>{opdrachtgever}</td>\n"
            f"        <td>{doelstellingen}</td>\n"
            f"        <td>{themas_tekst}</td>\n"
            "      </tr>\n    "
        )
    return "".join(rijen)


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_rows_escape_every_cell_as_django_escapes_it(monkeypatch, taal):
    lastig = "<b>&\"'"
    opgaven = [
        (1, f"Titel {lastig}", True, Status.choices[0][0], 1234, 7, f"Voor{lastig}", "Naam"),
        (2, "Concept", False, "onbekend", -5, None, None, None),
        (3, "Zonder koppelingen", True, Status.choices[-1][0], 0, 8, "A", f"B{lastig}"),
    ]
    doelen = {1: [1, 1200], 2: [3]}
    themas = {1: [f"Thema {lastig}", "Ander"], 2: ["Mobiliteit"]}
    monkeypatch.setattr(selectors, "lijst_koppelingen", lambda pks: (doelen, themas))
    with translation.override(taal):
        gekregen = paginas._lijst_rijen(opgaven)
        assert gekregen == _rijen_zoals_eerst(opgaven, doelen, themas)
    assert "Titel &lt;b&gt;&amp;&quot;&#x27;" in gekregen and "<td>onbekend</td>" in gekregen
