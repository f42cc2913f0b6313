"""The meetings demo builds on `load_demo` and changes nothing when run again."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from programmas.models import VersieStatus
from regioportaal.models import ActionLog
from tests import momentopname
from vergaderingen import demo
from vergaderingen.models import (
    Agendapunt,
    AgendapuntStatus,
    Besluituitkomst,
    Bijeenkomst,
    Vergadering,
    VergaderingStatus,
)


def test_the_demo_needs_the_regions_first(db):
    with pytest.raises(CommandError, match="load_demo"):
        call_command("load_vergaderingen_demo")


@pytest.mark.django_db
def test_the_demo_builds_dbo_drechtraad_and_strategio_once(
    snelle_wachtwoorden, django_capture_on_commit_callbacks, mailoutbox
):
    momentopname.demo("load_demo")  # the regions, as a starting point
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

    (turnhout,) = Vergadering.objects.filter(orgaan__regio__slug="stadsregio-turnhout")
    assert (
        turnhout.orgaan.naam == "Raad van bestuur"
        and turnhout.status == VergaderingStatus.AGENDA_GEPUBLICEERD
    )
    ingetrokken = turnhout.agendapunten.get(status=AgendapuntStatus.INGETROKKEN)
    assert ingetrokken.volgnummer == 3 and ingetrokken.reden_intrekking
    (regiobestuur,) = Vergadering.objects.filter(orgaan__regio__slug="groene-metropoolregio")
    assert regiobestuur.status == VergaderingStatus.AFGELOPEN and regiobestuur.notulen
    assert regiobestuur.agendapunten.filter(besluit__uitkomst=Besluituitkomst.AANGENOMEN).exists()

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


@pytest.mark.django_db
def test_the_gmr_regiobestuur_adopts_the_programme_on_the_day_the_programme_demo_adopted_it(
    snelle_wachtwoorden,
):
    momentopname.demo("load_demo", "load_programmas_demo")  # the programmes, as a starting point
    vergadering = demo.build_gmr()
    punt = vergadering.agendapunten.get(programmaversie__isnull=False)
    versie = punt.programmaversie
    assert punt.besluit.uitkomst == Besluituitkomst.AANGENOMEN
    # Adopted on the meeting's day and routed to the councils since (consent); the decision sent nothing back.
    assert versie.status == VersieStatus.VOORGELEGD and versie.vastgesteld_op == vergadering.begin.date()
    assert versie.teruggestuurd_op is None
    assert (
        demo.build_gmr() == vergadering and Vergadering.objects.filter(orgaan=vergadering.orgaan).count() == 1
    )
