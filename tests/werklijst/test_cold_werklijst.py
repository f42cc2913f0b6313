"""The work list's written-out queries (issue 16) answer what the rules and ORM filters they replace answer.

The programme's one query of ids (`programmas.werklijst._gevonden`) against `besturen_of_raadslid` and the filters
of the open questions and unanswered views; the meetings' one query (`vergaderingen.werklijst`) against the items the
ORM gives with `besturen.permissions`' own rules (`secretariaat_q`, `lid_of_secretariaat_q`, `regios_met_rol`) and
the models' own titles and links, in Dutch and English, for every role, on meetings of regional bodies and councils,
past and upcoming, planned and published, and planning days open, closed and registered for."""

import datetime

import pytest
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from besturen import services as besturen_services
from besturen.models import Lidmaatschap, Orgaan
from besturen.permissions import (
    MANAGE_REGIO,
    lid_of_secretariaat_q,
    regios_met_rol,
    rollen_van,
    secretariaat_q,
)
from besturen.selectors import besturen_of_raadslid
from programmas import services as programmas_services
from programmas import werklijst as programmas_werklijst
from programmas.models import Procedure, Raadsbesluit, Uitkomst, VersieStatus, Vraag
from regioportaal.werklijst import WerkItem
from tests.programmas.bouw import bouw_regio, programma, vandaag
from tests.vergaderingen.conftest import plan
from vergaderingen import services as vergaderingen_services
from vergaderingen import werklijst as vergaderingen_werklijst
from vergaderingen.models import Bijeenkomst, BlokSoort, Inschrijving, Vergadering, VergaderingStatus
from vergaderingen.policies import inschrijving_open

RADEN, VRAGEN, ZIENSWIJZEN = (
    programmas_werklijst.RADEN,
    programmas_werklijst.VRAGEN,
    programmas_werklijst.ZIENSWIJZEN,
)


# --- The programme: which councils, questions and views there are -------------------------------------------------


def gevonden_orm(user):
    regios = rollen_van(user)[MANAGE_REGIO]
    besturen = besturen_of_raadslid(user, programmas_werklijst._open_besluiten().values("bestuur"))
    vragen = Vraag.objects.filter(
        antwoord="", versie__jaarprogramma__regio__in=regios, versie__vervangen_door__isnull=True
    )
    zienswijzen = Raadsbesluit.objects.filter(
        uitkomst=Uitkomst.ZIENSWIJZE, antwoord_op__isnull=True, versie__jaarprogramma__regio__in=regios
    )
    return {
        RADEN: {bestuur.pk for bestuur in besturen},
        VRAGEN: set(vragen.values_list("pk", flat=True)),
        ZIENSWIJZEN: set(zienswijzen.values_list("pk", flat=True)),
    }


def vergelijk_gevonden(w):
    niet_leeg = set()
    for wie, user in w.users.items():
        if user is None:
            continue
        verwacht = gevonden_orm(user)
        assert programmas_werklijst._gevonden(user, rollen_van(user)[MANAGE_REGIO]) == verwacht, wie
        niet_leeg |= {soort for soort, ids in verwacht.items() if ids}
    return niet_leeg


@pytest.mark.django_db
def test_the_programmes_ids_are_the_rules_and_filters_answer(snelle_wachtwoorden, media):
    w = bouw_regio(3)
    versie = programma(w, tot=VersieStatus.VOORGELEGD)
    programmas_services.ask_question(versie, tekst="Waarom stijgt het budget?", door=w.raadslid)
    beantwoord = programmas_services.ask_question(versie, tekst="En de reserve?", door=w.raadslid)
    programmas_services.answer_question(beantwoord, antwoord="Die blijft.", door=w.secretariaat)
    assert vergelijk_gevonden(w) == {RADEN, VRAGEN}

    # The first council decides (its version is no longer open to it), the council member's seat ends.
    besluit = Raadsbesluit.objects.get(versie=versie, bestuur=w.leden[0])
    programmas_services.record_raadsbesluit(
        besluit, uitkomst=Uitkomst.GOEDGEKEURD, datum_raad=vandaag(), door=None
    )
    zetel = Lidmaatschap.objects.get(persoon__user=w.raadssecretaris_b)
    besturen_services.end_lidmaatschap(zetel, einddatum=vandaag(), door=None)
    vergelijk_gevonden(w)
    assert gevonden_orm(w.raadssecretaris_b)[RADEN] == set()


@pytest.mark.django_db
def test_the_views_to_answer_are_the_filters_answer(snelle_wachtwoorden, media):
    w = bouw_regio(2, procedure=Procedure.ZIENSWIJZE)
    versie = programma(w, tot=VersieStatus.VOORGELEGD)
    for bestuur in w.leden:
        programmas_services.record_raadsbesluit(
            Raadsbesluit.objects.get(versie=versie, bestuur=bestuur),
            uitkomst=Uitkomst.ZIENSWIJZE,
            zienswijze="Minder geld.",
            datum_raad=vandaag(),
            door=None,
        )
    assert ZIENSWIJZEN in vergelijk_gevonden(w)
    beantwoord = Raadsbesluit.objects.get(versie=versie, bestuur=w.leden[0])
    programmas_services.answer_zienswijze(beantwoord, antwoord="Wij passen het aan.", door=w.secretariaat)
    vergelijk_gevonden(w)
    assert len(gevonden_orm(w.secretariaat)[ZIENSWIJZEN]) == 1


# --- The meetings: the items as the ORM and the models give them ----------------------------------------------------


def werk_orm(user):
    """The meetings' items as the provider wrote them with the ORM before issue 16 (its specification)."""
    rollen = rollen_van(user)

    def komend(status, regel):
        return (
            Vergadering.objects.filter(status=status, begin__gte=timezone.now())
            .filter(orgaan__in=Orgaan.objects.filter(regel).values("pk"))
            .select_related("orgaan__regio", "orgaan__bestuur")
            .order_by("begin", "pk")
        )

    def waar(vergadering):
        orgaan = vergadering.orgaan
        return orgaan.regio.naam if orgaan.regio_id else orgaan.bestuur.naam

    def dag(vergadering):
        return timezone.localtime(vergadering.begin).date()

    items = [
        WerkItem(_("Agenda publiceren"), str(v), f"/vergadering/{v.pk}/agenda/", dag(v), waar(v))
        for v in komend(VergaderingStatus.GEPLAND, secretariaat_q(rollen))
    ]
    items += [
        WerkItem(_("Vergadering voorbereiden"), str(v), v.get_absolute_url(), dag(v), waar(v))
        for v in komend(VergaderingStatus.AGENDA_GEPUBLICEERD, lid_of_secretariaat_q(rollen))
    ]
    regios = regios_met_rol(rollen)
    if regios:
        vandaag_ = timezone.localdate()
        dagen = (
            Bijeenkomst.objects.filter(regio__in=regios, inschrijven_tot__gte=vandaag_)
            .exclude(pk__in=Inschrijving.objects.filter(user=user).values("bijeenkomst"))
            .select_related("regio")
            .order_by("inschrijven_tot", "pk")
        )
        items += [
            WerkItem(
                _("Inschrijven voor een planningsdag"),
                _("%(naam)s op %(datum)s") % {"naam": d.naam, "datum": formats.date_format(d.datum, "j F Y")},
                d.get_absolute_url(),
                d.inschrijven_tot,
                d.regio.naam,
            )
            for d in dagen
            if inschrijving_open(d, vandaag_)
        ]
    return items


def planningsdag(world, naam, dagen, tot):
    return vergaderingen_services.create_bijeenkomst(
        world.dender,
        naam=naam,
        datum=timezone.localdate() + datetime.timedelta(days=dagen),
        locatie="Technopolis, Mechelen",
        inschrijven_tot=timezone.localdate() + datetime.timedelta(days=tot),
        door=world.secretariaat,
    )


def test_the_meetings_items_are_what_the_rules_and_the_models_give(world):
    for orgaan, dagen in (
        (world.dbo, 10),
        (world.dbo, 10),  # two on one day: kept in the order of their begin and id
        (world.dbo, 40),
        (world.dbo, -3),  # past
        (world.raad_aalst, 5),  # a council's body: its secretary publishes
        (world.regiobestuur_drecht, 7),  # another region
    ):
        plan(orgaan, days=dagen)
    for orgaan, dagen in (
        (world.dbo, 12),
        (world.raad_aalst, 3),
        (world.regiobestuur_drecht, 20),
        (world.dbo, -1),
    ):
        vergadering = plan(orgaan, days=dagen)
        vergaderingen_services.add_agendapunt(vergadering, titel="Mobiliteit", door=None)
        vergaderingen_services.publish_agenda(vergadering, door=None)
    open_dag = planningsdag(world, "Planningsdag", 20, 10)
    planningsdag(world, "Werkdag", 30, 0)  # the last day to register is today
    gesloten = planningsdag(world, "Voorbij", 30, 10)
    Bijeenkomst.objects.filter(pk=gesloten.pk).update(
        inschrijven_tot=timezone.localdate() - datetime.timedelta(days=1)
    )
    blok = vergaderingen_services.add_blok(
        open_dag,
        soort=BlokSoort.WERKSESSIES,
        titel="Trends",
        begin=datetime.time(10),
        einde=datetime.time(12),
        door=None,
    )
    sessie = vergaderingen_services.add_werksessie(blok, thema="Mobiliteit", capaciteit=10, door=None)
    vergaderingen_services.register(open_dag, bestuur=world.lede, sessies=[sessie], door=world.lid)

    soorten = set()
    for taal in ("nl", "en"):
        with translation.override(taal):
            for wie, user in world.users.items():
                if user is None:
                    continue
                verwacht = werk_orm(user)
                assert vergaderingen_werklijst.werk_van(user) == verwacht, (wie, taal)
                soorten |= {(taal, item.soort) for item in verwacht}
    assert {soort for taal, soort in soorten if taal == "nl"} == {
        "Agenda publiceren",
        "Vergadering voorbereiden",
        "Inschrijven voor een planningsdag",
    }
    assert len(soorten) == 6  # and in English
    assert len(werk_orm(world.secretariaat)) >= 6


def test_the_meetings_titles_in_english_are_the_models_own(world):
    vergadering = plan(world.dbo, days=10)
    dag = planningsdag(world, "Planningsdag", 20, 10)
    with translation.override("en"):
        items = {item.url: item for item in vergaderingen_werklijst.werk_van(world.secretariaat)}
        assert items[f"/vergadering/{vergadering.pk}/agenda/"].titel == str(vergadering)
        assert items[dag.get_absolute_url()].titel.endswith(formats.date_format(dag.datum, "j F Y"))
