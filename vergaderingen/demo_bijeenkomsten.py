"""The planning-day demo: an upcoming Rivierenland planning day (dates relative to today) with two blocks of work
sessions on the region's themes, invitations to officials of its member governments (some without an account, one
typed by name and address) and open registrations, beside STRATEGIO 2023 as history (`demo.build_strategio`).

Everything goes through the services with door=None; running it twice changes nothing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from besturen.models import Regio
from besturen.selectors import current_members
from opgaven.demo_teksten import RIVIERENLAND_THEMAS

from . import services
from .models import Bijeenkomst, BlokSoort
from .selectors import uitnodiging_kandidaten

NAAM = "STRATEGIO 2: van ambitie naar actie"
BESCHRIJVING = (
    "De vervolgdag op STRATEGIO 2023: met de beleidsadviseurs en verantwoordelijke ambtenaren van de twaalf "
    "besturen van Rivierenland zetten we de ambities per thema om in concrete regionale acties. Twee rondes "
    "werksessies, elk thema één keer per ronde; de opbrengst vormt de regionale inspiratienota."
)
TYPED = [("Bart Beleidsadviseur", "bart.beleidsadviseur@bornem.example", "Bornem")]


def _werkdag(day):
    """`day`, or the next Tuesday when it is not a Tuesday (a planning day falls on a weekday)."""
    return day + datetime.timedelta(days=(1 - day.weekday()) % 7)


def build_planningsdag(stdout=None):
    """Rivierenland's next planning day, about five weeks from today, with invitations and some registrations."""
    regio = Regio.objects.filter(slug="rivierenland").first()
    if regio is None:
        return None
    bestaand = Bijeenkomst.objects.filter(regio=regio, naam=NAAM).first()
    if bestaand is not None:
        return bestaand
    datum = _werkdag(timezone.localdate() + datetime.timedelta(days=35))
    dag = services.create_bijeenkomst(
        regio,
        naam=NAAM,
        beschrijving=BESCHRIJVING,
        datum=datum,
        locatie="Het Predikheren, Mechelen",
        organisator="IGEMO, in opdracht van de algemeen directeurs",
        inschrijven_tot=datum - datetime.timedelta(days=14),
        door=None,
    )
    t = datetime.time
    rondes = []
    for titel, begin, einde in (
        ("Ronde 1 – ambities per thema", t(9, 30), t(12)),
        ("Ronde 2 – acties en afspraken", t(13, 30), t(16)),
    ):
        blok = services.add_blok(
            dag, soort=BlokSoort.WERKSESSIES, titel=titel, begin=begin, einde=einde, door=None
        )
        rondes.append(
            [
                services.add_werksessie(
                    blok,
                    thema=thema,
                    beschrijving=beschrijving.capitalize(),
                    capaciteit=12,
                    facilitator="IGEMO",
                    door=None,
                )
                for thema, beschrijving in RIVIERENLAND_THEMAS
            ]
        )

    kandidaten = uitnodiging_kandidaten(regio)
    zonder_account = [k.persoon for k in kandidaten if k.persoon.user_id is None][:4]
    met_account = [k.persoon for k in kandidaten if k.persoon.user_id is not None][:3]
    besturen = {b.naam: b for b in current_members(regio)}
    adressen = [(naam, email, besturen.get(bestuur)) for naam, email, bestuur in TYPED]
    uitnodigingen, _al = services.invite(
        dag, personen=zonder_account + met_account, adressen=adressen, door=None
    )

    # Open registrations: two invitees through their link (one without an account), one official logged in.
    for i, uitnodiging in enumerate(uitnodigingen[:2]):
        bestuur = uitnodiging.bestuur or services.bestuur_van(uitnodiging.user, regio)
        if bestuur is not None:
            services.register_uitnodiging(
                uitnodiging, bestuur=bestuur, sessies=[rondes[0][i % 8], rondes[1][(i + 3) % 8]]
            )
    official = get_user_model().objects.filter(email="secretaris.lier@regioportaal.example").first()
    bestuur = services.bestuur_van(official, regio)
    if official is not None and bestuur is not None and not dag.inschrijvingen.filter(user=official).exists():
        services.register(
            dag, bestuur=bestuur, sessies=[rondes[0][1], rondes[1][6]], door=None, deelnemer=official
        )
    if stdout:
        stdout.write(
            f"{NAAM}: planningsdag op {datum:%d-%m-%Y} met {len(uitnodigingen)} uitnodigingen en "
            f"{dag.inschrijvingen.count()} inschrijvingen."
        )
    return dag
