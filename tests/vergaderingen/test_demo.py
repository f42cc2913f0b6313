"""The meetings demo builds on `load_demo` and changes nothing when run again."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from regioportaal.models import ActionLog
from vergaderingen.models import Agendapunt, Bijeenkomst, Vergadering, VergaderingStatus


def test_the_demo_needs_the_regions_first(db):
    with pytest.raises(CommandError, match="load_demo"):
        call_command("load_vergaderingen_demo")


@pytest.mark.django_db
def test_the_demo_builds_dbo_drechtraad_and_strategio_once(
    snelle_wachtwoorden, django_capture_on_commit_callbacks, mailoutbox
):
    call_command("load_demo", stdout=io.StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_vergaderingen_demo", stdout=io.StringIO())

    dbo = list(Vergadering.objects.filter(orgaan__afkorting="DBO", orgaan__regio__slug="denderregio"))
    assert [v.status for v in dbo] == [
        VergaderingStatus.NOTULEN_GOEDGEKEURD,
        VergaderingStatus.AFGELOPEN,
        VergaderingStatus.AGENDA_GEPUBLICEERD,
    ]
    assert all(v.agenda_pdf for v in dbo)
    assert dbo[0].agendapunten.filter(besluit__stemming__stemmen__isnull=False).exists()

    drechtraad = Vergadering.objects.get(orgaan__naam="Drechtraad")
    assert drechtraad.begin.date() == datetime.date(2013, 3, 5)
    assert list(drechtraad.agendapunten.order_by("volgnummer").values_list("titel", flat=True)) == [
        "Regionale strategische agenda",
        "Programmering",
        "Netwerkbestuur: opdrachtverlening",
        "Organisatienetwerk",
    ]

    strategio = Bijeenkomst.objects.get(naam="STRATEGIO", regio__slug="rivierenland")
    assert (strategio.datum, strategio.locatie, strategio.inschrijven_tot) == (
        datetime.date(2023, 5, 23),
        "Technopolis, Mechelen",
        datetime.date(2023, 5, 12),
    )
    blokken = strategio.blokken.filter(soort="werksessies").order_by("begin")
    assert [(b.begin, b.einde, b.sessies.count()) for b in blokken] == [
        (datetime.time(10), datetime.time(12, 30), 8),
        (datetime.time(14), datetime.time(16), 8),
    ]
    assert strategio.inschrijvingen.count() >= 4
    assert any(m.subject.startswith("Agenda gepubliceerd") for m in mailoutbox)

    counts = (Vergadering.objects.count(), Agendapunt.objects.count(), ActionLog.objects.count())
    call_command("load_vergaderingen_demo", stdout=io.StringIO())
    assert (Vergadering.objects.count(), Agendapunt.objects.count(), ActionLog.objects.count()) == counts
