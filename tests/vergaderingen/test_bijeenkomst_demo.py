"""The planning-day demo: an upcoming Rivierenland day with invitations and open registrations beside STRATEGIO 2023."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from regioportaal.models import Melding
from tests import momentopname
from vergaderingen.demo_bijeenkomsten import NAAM, build_planningsdag
from vergaderingen.models import Bijeenkomst, Inschrijving


@pytest.mark.django_db
def test_the_demo_has_an_upcoming_rivierenland_day_with_invitations_beside_strategio(
    snelle_wachtwoorden, django_capture_on_commit_callbacks
):
    momentopname.demo("load_demo")  # the regions, as a starting point
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_vergaderingen_demo", stdout=io.StringIO())

    dag = Bijeenkomst.objects.get(naam=NAAM, regio__slug="rivierenland")
    vandaag = timezone.localdate()
    assert vandaag < dag.inschrijven_tot < dag.datum and dag.datum.weekday() < 5
    assert Bijeenkomst.objects.filter(naam="STRATEGIO", regio__slug="rivierenland").exists()  # the history
    blokken = list(dag.blokken.order_by("begin"))
    assert len(blokken) == 2 and all(blok.sessies.count() == 8 for blok in blokken)
    uitnodigingen = list(dag.uitnodigingen.all())
    assert any(u.user_id is None for u in uitnodigingen) and any(u.user_id for u in uitnodigingen)
    assert Melding.objects.filter(soort="uitnodiging").count() == len(uitnodigingen) >= 5
    inschrijvingen = Inschrijving.objects.filter(bijeenkomst=dag)
    assert (
        inschrijvingen.filter(uitnodiging__isnull=False).exists()
        and inschrijvingen.filter(user__isnull=False).exists()
    )

    aantallen = (dag.uitnodigingen.count(), inschrijvingen.count(), Melding.objects.count())
    assert build_planningsdag() == dag
    call_command("load_vergaderingen_demo", stdout=io.StringIO())
    assert (dag.uitnodigingen.count(), inschrijvingen.count(), Melding.objects.count()) == aantallen
