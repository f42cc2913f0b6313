"""The grip page's latest documents for a reader without a role in the region (nearly every reader: the council
members and the public) come from a written-out query (issue 16, cold pages). It gives the rows, in the order, that
the ORM union it stands beside gives for such a reader: items by visibility, documents of published (or cancelled
after publishing) agendas only, public items on the agenda only, withdrawn documents left out, and the order by day
with items before documents and time and id newest first."""

import datetime

import pytest
from django.utils import timezone

from besturen import services as besturen_services
from besturen.models import Stuk, Zichtbaarheid
from raad.grip import secties
from vergaderingen.models import Agendapunt, Document, Vergadering, VergaderingStatus

from .grip_bouw import grip_wereld, vergadering_met_documenten

pytestmark = pytest.mark.usefixtures("snelle_wachtwoorden", "media")


@pytest.fixture
def w(db):
    w = grip_wereld(jaren=1, documenten=3)
    besturen_services.add_stuk(
        w.bestuur, titel="Alleen het orgaan", zichtbaarheid=Zichtbaarheid.ORGAAN, door=None
    )
    # Items spread over days, two on the same day as the documents (an item comes first on its day).
    nu = timezone.now()
    for i, stuk in enumerate(Stuk.objects.filter(orgaan__regio=w.regio).order_by("pk")):
        Stuk.objects.filter(pk=stuk.pk).update(datum=timezone.localdate() - datetime.timedelta(days=i % 3))
    # Documents at times spread over days, one late in the evening (its day in the Dutch time zone is the next one
    # in UTC terms around midnight), one withdrawn.
    documenten = list(Document.objects.filter(agendapunt__vergadering__orgaan__regio=w.regio).order_by("pk"))
    for i, document in enumerate(documenten):
        Document.objects.filter(pk=document.pk).update(tijdstip=nu - datetime.timedelta(hours=7 * i))
    Document.objects.filter(pk=documenten[-1].pk).update(ingetrokken_op=nu, naam="Ingetrokken voorstel")
    # A closed item's documents, an unpublished meeting's and a cancelled one's (after publishing it shows).
    besloten = vergadering_met_documenten(w.bestuur, 2)
    Agendapunt.objects.filter(vergadering=besloten).update(openbaar=False)
    Document.objects.filter(agendapunt__vergadering=besloten).update(naam="Besloten voorstel")
    concept = vergadering_met_documenten(w.bestuur, 1)
    Vergadering.objects.filter(pk=concept.pk).update(
        status=VergaderingStatus.GEPLAND, agenda_gepubliceerd_op=None
    )
    Document.objects.filter(agendapunt__vergadering=concept).update(naam="Concept voorstel")
    geannuleerd = vergadering_met_documenten(w.bestuur, 1)
    Vergadering.objects.filter(pk=geannuleerd.pk).update(status=VergaderingStatus.GEANNULEERD)
    Document.objects.filter(agendapunt__vergadering=geannuleerd).update(naam="Geannuleerd voorstel")
    # Another region's items and documents never show.
    ander = grip_wereld(jaren=1, documenten=2)
    Stuk.objects.filter(orgaan__regio=ander.regio).update(titel="Stuk elders")
    Document.objects.filter(agendapunt__vergadering__orgaan__regio=ander.regio).update(naam="Voorstel elders")
    return w


@pytest.mark.parametrize("besloten", [False, True])
@pytest.mark.parametrize("aantal", [2, 5, 8, 30])
def test_the_written_out_query_gives_what_the_orm_union_gives_a_reader_without_a_role(w, besloten, aantal):
    verwacht = secties._rijen_met_rol(w.regio, None, besloten=besloten, aantal=aantal)
    gelezen = secties._rijen_zonder_rol(w.regio, besloten=besloten, aantal=aantal)
    assert gelezen == verwacht
    assert len(verwacht) == min(aantal, len(verwacht)) and verwacht  # the world has rows to compare


def test_what_a_reader_without_a_role_sees_and_what_not(w):
    regels = secties.laatste_documenten(w.regio, None, besloten=False, aantal=50)
    titels = [r.titel for r in regels]
    assert "Openbaar stuk 1" in titels and "Raadsvoorstel 1.pdf" in titels
    assert (
        "Geannuleerd voorstel" in titels
    )  # cancelled after its agenda was published: the public keeps seeing it
    for verborgen in ("Stuk voor de raden", "Alleen het orgaan", "Ingetrokken voorstel", "Besloten voorstel"):
        assert verborgen not in titels
    assert "Concept voorstel" not in titels
    assert "Stuk elders" not in titels and "Voorstel elders" not in titels
    # A council of the region reads the items for the region too.
    met_raad = [r.titel for r in secties.laatste_documenten(w.regio, None, besloten=True, aantal=50)]
    assert "Stuk voor de raden" in met_raad and "Alleen het orgaan" not in met_raad
    # Days never go up down the list; on a day the items come before the documents.
    dagen = [(r.datum, "/document/" in r.url) for r in regels]
    assert dagen == sorted(dagen, key=lambda d: (-d[0].toordinal(), d[1]))
    assert (
        regels[0].url.startswith("/") and "/document/" not in regels[0].url
    )  # today's item before today's documents
