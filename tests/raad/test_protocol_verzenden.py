"""The daily run of the information protocol: each item once per council and period, to the council's secretary and
members, assembled from what is recorded; the secretariat is warned of missing input; the demo loads twice alike."""

import datetime

import pytest
from django.utils import timezone

from besturen import services as besturen_services
from besturen.models import Land, OrgaanSoort, Rechtsvorm, Rol
from raad.models import Frequentie, Informatieafspraak, Informatiesoort, Informatiezending, Ontvangers
from raad.protocol import kalender, services
from raad.protocol.demo import load_raad_demo
from raad.tasks import send_informatieprotocol
from regioportaal.models import ActionLog, Melding
from tests.factories import gemeente, maak_gebruiker
from tests.raad.protocol_bouw import VERZENDDATUM, afspraak, bouw_protocol
from vergaderingen.models import (
    Agendapunt,
    AgendapuntStatus,
    Besluit,
    Besluituitkomst,
    Vergadering,
    VergaderingStatus,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def p(world):
    return bouw_protocol(world)


def test_quarterly_item_goes_out_on_its_day_in_the_month_after_the_quarter():
    laatste, volgende = kalender.laatste_en_volgende(
        Frequentie.KWARTAAL, 15, None, datetime.date(2026, 4, 20), datetime.date(2020, 1, 1)
    )
    assert (laatste.sleutel, laatste.verzenddatum, laatste.begin, laatste.eind) == (
        "2026-K1",
        datetime.date(2026, 4, 15),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 3, 31),
    )
    assert (volgende.sleutel, volgende.verzenddatum) == ("2026-K2", datetime.date(2026, 7, 15))
    vierde, _ = kalender.laatste_en_volgende(
        Frequentie.KWARTAAL, 15, None, datetime.date(2026, 1, 15), datetime.date(2020, 1, 1)
    )
    assert (vierde.sleutel, vierde.verzenddatum) == ("2025-K4", datetime.date(2026, 1, 15))


def test_yearly_item_covers_the_year_before_and_nothing_before_the_begindatum_goes_out():
    laatste, volgende = kalender.laatste_en_volgende(
        Frequentie.JAARLIJKS, 1, 3, datetime.date(2026, 3, 1), datetime.date(2020, 1, 1)
    )
    assert (laatste.sleutel, laatste.verzenddatum, volgende.sleutel) == (
        "2025",
        datetime.date(2026, 3, 1),
        "2026",
    )
    te_vroeg, _ = kalender.laatste_en_volgende(
        Frequentie.JAARLIJKS, 1, 3, datetime.date(2026, 3, 1), datetime.date(2026, 3, 2)
    )
    assert te_vroeg is None


def test_task_run_twice_sends_one_item_per_council_and_period(p):
    w = p.w
    assert send_informatieprotocol.delay(vandaag="2026-04-20").get() == (2, 0)
    assert send_informatieprotocol.delay(vandaag="2026-04-21").get() == (0, 0)

    zendingen = Informatiezending.objects.filter(afspraak=p.afspraak)
    assert sorted((z.bestuur.naam, z.periode) for z in zendingen) == [
        ("Aalst", "2026-K1"),
        ("Lede", "2026-K1"),
    ]
    aalst = zendingen.get(bestuur=w.aalst)
    assert {m.user for m in aalst.meldingen.all()} == {w.raadssecretaris, w.raadslid}
    assert aalst.aantal_ontvangers == 2
    assert zendingen.get(bestuur=w.lede).aantal_ontvangers == 0  # Lede's council has no seats in this world
    assert Melding.objects.filter(sleutel__startswith="raad:informatie:").count() == 2
    assert "Fietsnetwerk Denderregio" in aalst.inhoud and "Tracé gekozen." in aalst.inhoud
    assert "Over deze periode is geen voortgangsrapportage vastgelegd." in aalst.inhoud
    assert "1e kwartaal 2026" in aalst.onderwerp
    log = ActionLog.objects.filter(actie="informatie verzonden")
    assert log.count() == 2 and log.first().scope == f"regio:{w.dender.pk}"


def test_recipients_can_be_the_council_secretary_only(p):
    services.update_afspraak(p.afspraak, door=None, ontvangers=Ontvangers.SECRETARIS)
    services.send_due(datetime.date(2026, 4, 20))
    aalst = Informatiezending.objects.get(bestuur=p.w.aalst)
    assert [m.user for m in aalst.meldingen.all()] == [p.w.raadssecretaris]


def test_nothing_goes_out_before_the_send_date_or_under_an_ended_agreement(p):
    assert (
        services.send_due(datetime.date(2026, 4, 14)) == []
    )  # the item over 2025-K4 fell before the begindatum
    services.set_afspraak_actief(p.afspraak, False, door=None)
    assert services.send_due(datetime.date(2026, 4, 20)) == []
    assert ActionLog.objects.filter(actie="informatieafspraak beëindigd").count() == 1


def test_a_council_that_joins_later_receives_the_item_on_the_next_run(p):
    services.send_due(datetime.date(2026, 4, 20))
    erembodegem = gemeente("Ninove", "41048")
    besturen_services.add_deelname(p.w.dender, erembodegem, begindatum=datetime.date(2026, 4, 1), door=None)
    assert [z.bestuur for z in services.send_due(datetime.date(2026, 4, 21))] == [erembodegem]


def test_feedback_after_a_meeting_lists_its_public_decisions_only(world):
    w = world
    begin = timezone.make_aware(datetime.datetime(2026, 5, 4, 19))
    vergadering = Vergadering.objects.create(
        orgaan=w.dbo,
        begin=begin,
        einde=begin + datetime.timedelta(hours=2),
        status=VergaderingStatus.AFGELOPEN,
    )
    for nummer, titel, openbaar in ((1, "Fietsbeleid", True), (2, "Personeelszaak", False)):
        punt = Agendapunt.objects.create(
            vergadering=vergadering,
            volgnummer=nummer,
            titel=titel,
            openbaar=openbaar,
            status=AgendapuntStatus.GEAGENDEERD,
        )
        Besluit.objects.create(
            agendapunt=punt, uitkomst=Besluituitkomst.AANGENOMEN, tekst=f"Besluit over {titel}"
        )
    afspraak(
        w.dender,
        soort=Informatiesoort.TERUGKOPPELING,
        frequentie=Frequentie.NA_VERGADERING,
        dag=None,
        orgaan=w.dbo,
        begindatum=datetime.date(2026, 5, 1),
    )
    assert services.send_due(datetime.date(2026, 5, 4)) == []  # the day after the meeting
    verzonden = services.send_due(datetime.date(2026, 5, 5))
    assert len(verzonden) == 2
    inhoud = Informatiezending.objects.get(bestuur=w.aalst).inhoud
    assert "Besluit over Fietsbeleid" in inhoud and "Personeelszaak" not in inhoud
    assert services.send_due(datetime.date(2026, 5, 6)) == []


def test_secretariat_is_warned_once_of_missing_progress_a_week_before(p):
    w = p.w
    assert services.warn_missing(datetime.date(2026, 4, 7)) == []
    meldingen = services.warn_missing(datetime.date(2026, 4, 8))
    assert [m.user for m in meldingen] == [w.secretariaat]
    assert "Regionaal zwembad" in meldingen[0].tekst and "Fietsnetwerk" not in meldingen[0].tekst
    assert services.warn_missing(datetime.date(2026, 4, 9)) == []
    services.send_due(VERZENDDATUM)
    assert services.warn_missing(VERZENDDATUM) == []


def test_an_agreement_needs_the_moment_its_frequency_asks_for(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        afspraak(world.dender, dag=None)
    with pytest.raises(ValidationError):
        afspraak(world.dender, soort=Informatiesoort.TERUGKOPPELING)
    with pytest.raises(ValidationError):
        afspraak(world.dender, frequentie=Frequentie.NA_VERGADERING, orgaan=world.regiobestuur_drecht)
    assert not Informatieafspraak.objects.exists()


def test_demo_loads_one_sent_item_and_one_due_twice_alike(db):
    regio = besturen_services.create_regio(
        door=None,
        naam="Groene Metropoolregio Arnhem-Nijmegen",
        slug="groene-metropoolregio",
        land=Land.NEDERLAND,
        rechtsvorm=Rechtsvorm.GEMEENSCHAPPELIJKE_REGELING,
    )
    nijmegen = gemeente("Nijmegen", "GM0268", land=Land.NEDERLAND)
    besturen_services.add_deelname(regio, nijmegen, begindatum=datetime.date(2019, 1, 1), door=None)
    raad = besturen_services.create_orgaan(
        door=None, soort=OrgaanSoort.GEMEENTERAAD, naam="Gemeenteraad Nijmegen", bestuur=nijmegen
    )
    raadslid = maak_gebruiker(raad, Rol.LID, "Nina", "Nijmegen", namens=nijmegen)
    vandaag = datetime.date(2026, 11, 29)
    for _ in range(2):
        load_raad_demo(vandaag=vandaag)
    afspraak_demo = Informatieafspraak.objects.get(regio=regio)
    zending = Informatiezending.objects.get(afspraak=afspraak_demo)
    assert (zending.periode, zending.bestuur) == ("2026-K2", nijmegen)
    assert [m.user for m in zending.meldingen.all()] == [raadslid]
    (stand,) = services.selectors.stand_van([afspraak_demo], vandaag)
    assert stand.laatste.sleutel == "2026-K3" and stand.verzonden_laatste == 0
