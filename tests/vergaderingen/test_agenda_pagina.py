"""The meeting page's items from written-out queries (`selectors.agenda_pagina`, issue 16) are what the ORM selector
`agenda` gives: the same items in the same order with the same opgave, decision, vote, votes and documents (each
document's item in place), read without another query; and the page shows the same HTML with either."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import OpgaveFactory
from vergaderingen import selectors, services
from vergaderingen.models import Agendapunt, Besluituitkomst, Keuze

from .conftest import PDF_BYTES, gehouden, plan, upload

pytestmark = pytest.mark.django_db

LASTIG = "<b>&\"'"


@pytest.fixture
def vergadering(w):
    """A held meeting: items with and without an opgave, a closed one, one withdrawn, documents with the same name
    and a withdrawn one, decisions with a vote per member, with totals only and without a vote, and an item without
    a decision."""
    vergadering = plan(w.dbo, days=-14)
    punten = [
        services.add_agendapunt(vergadering, titel=f"Punt {i} {LASTIG}", openbaar=i != 2, door=None)
        for i in range(5)
    ]
    opgave = OpgaveFactory(regio=w.dbo.regio, titel=f"Opgave {LASTIG}")
    Agendapunt.objects.filter(pk__in=[punten[0].pk, punten[3].pk]).update(opgave=opgave)
    documenten = [
        services.add_document(punt, upload(naam, PDF_BYTES), door=None)
        for punt, naam in (
            (punten[0], "b.pdf"),
            (punten[0], "a.pdf"),
            (punten[0], "a.pdf"),
            (punten[2], "c.pdf"),
        )
    ]
    services.publish_agenda(vergadering, door=None)
    services.withdraw_agendapunt(punten[4], reden=f"Reden {LASTIG}", door=None)
    services.withdraw_document(documenten[1], reden="Vervangen", door=None)
    services.close_vergadering(vergadering, door=None)
    services.record_besluit(
        punten[0],
        uitkomst=Besluituitkomst.AANGENOMEN,
        tekst=f"Besluit {LASTIG}",
        stemmen={w.zetel_voorzitter.pk: Keuze.VOOR, w.zetel_lid.pk: Keuze.TEGEN},
        door=None,
    )
    services.record_besluit(
        punten[1], uitkomst=Besluituitkomst.AANGENOMEN, voor=3, tegen=0, onthouding=1, door=None
    )
    services.record_besluit(punten[2], uitkomst=Besluituitkomst.VERWORPEN, behandeling="Besproken", door=None)
    return vergadering


def _beeld(punten):
    """What the meeting page reads of the items, as plain values."""
    beeld = []
    for punt in punten:
        besluit = getattr(punt, "besluit", None)
        stemming = getattr(besluit, "stemming", None) if besluit is not None else None
        beeld.append(
            (
                [getattr(punt, veld.attname) for veld in type(punt)._meta.concrete_fields],
                punt.ingetrokken,
                punt.opgave and (punt.opgave.pk, punt.opgave.titel),
                besluit and [getattr(besluit, veld.attname) for veld in type(besluit)._meta.concrete_fields],
                besluit and besluit.get_uitkomst_display(),
                stemming
                and [getattr(stemming, veld.attname) for veld in type(stemming)._meta.concrete_fields],
                stemming
                and [
                    (stem.pk, str(stem.lidmaatschap.persoon), stem.get_keuze_display())
                    for stem in stemming.stemmen.all()
                ],
                [
                    (
                        d.pk,
                        d.naam,
                        d.get_absolute_url(),
                        d.get_soort_display(),
                        d.grootte,
                        d.ingetrokken,
                        str(d),
                    )
                    for d in punt.documenten.all()
                ],
                all(d.agendapunt is punt for d in punt.documenten.all()),
            )
        )
    return beeld


@pytest.mark.parametrize("met_besloten", [True, False])
def test_the_items_are_what_the_orm_selector_gives(vergadering, met_besloten):
    verwacht = _beeld(selectors.agenda(vergadering, met_besloten=met_besloten))
    with CaptureQueriesContext(connection) as queries:
        punten = selectors.agenda_pagina(vergadering, met_besloten=met_besloten)
        gekregen = _beeld(punten)
    assert gekregen == verwacht
    assert len(queries) == 3  # the items, their documents, the votes of the one vote per member
    assert len(gekregen) == (5 if met_besloten else 4)
    assert [len(rij[7]) for rij in gekregen] == ([3, 0, 1, 0, 0] if met_besloten else [3, 0, 0, 0])
    assert gekregen[0][6] and gekregen[0][2] and gekregen[-1][1]  # votes, an opgave, a withdrawn item


def test_a_meeting_without_items_or_votes_needs_fewer_queries(w):
    leeg = plan(w.dbo, days=20)  # no items yet
    with CaptureQueriesContext(connection) as queries:
        assert selectors.agenda_pagina(leeg, met_besloten=True) == []
    assert len(queries) == 1
    zonder = gehouden(w.dbo, punten=["Enig punt"])
    verwacht = _beeld(selectors.agenda(zonder, met_besloten=True))
    with CaptureQueriesContext(connection) as queries:
        assert _beeld(selectors.agenda_pagina(zonder, met_besloten=True)) == verwacht
    assert len(queries) == 2


@pytest.mark.parametrize("wie", [None, "lid", "secretariaat"])
def test_the_meeting_page_is_the_same_with_either_selector(w, vergadering, client, monkeypatch, wie):
    if wie is not None:
        client.force_login(getattr(w, wie))
    url = vergadering.get_absolute_url()
    gekregen = client.get(url).content.decode()
    monkeypatch.setattr(selectors, "agenda_pagina", selectors.agenda)
    verwacht = client.get(url).content.decode()

    def zonder_token(html):
        return re.sub(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+', r"\1X", html)

    assert zonder_token(gekregen) == zonder_token(verwacht)
    assert "Besluit &lt;b&gt;&amp;&quot;&#x27;" in gekregen and "Stemming: 1 voor, 1 tegen" in gekregen
