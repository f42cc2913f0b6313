"""Builders: a region built through the services (so every role group gets its grants), programmes on their way.

`bouw_regio(n)` makes a region with n members, each with a council, plus one user per role; `programma(...)` drafts
a version and, on request, takes it through submit, adoption and routing. Tests build only what they read.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

import time_machine
from django.utils import timezone

from besturen import services as besturen_services
from besturen.models import Land, OrgaanSoort, Rechtsvorm, Rol
from opgaven import services as opgaven_services
from programmas import services
from programmas.models import Procedure, Raadsbesluit, Uitkomst, VersieStatus
from programmas.regeling import procedure_van
from regioportaal.celery import app as celery_app
from tests import momentopname
from tests.factories import buitenstaander, gemeente, maak_gebruiker

JAAR = 2027
_teller = {"n": 0}


# The roles of a `bouw_regio` world, and the public, for the permission and policy grids.
ROLLEN = [
    "platformbeheerder",
    "secretariaat",
    "voorzitter",
    "bestuurslid",
    "raadssecretaris",
    "raadssecretaris_b",
    "raadslid",
    "buitenstaander",
    "ander_secretariaat",
    "anoniem",
]


def users_met_admin(w, admin):
    """The world's accounts per role, with the platform administrator."""
    return {**w.users, "platformbeheerder": admin}


def vandaag():
    """Today (local): a version is submitted, adopted and routed today, so councils decide today at the earliest."""
    return timezone.localdate()


def reis(dag):
    """Travel to 10:00 (local time) on `dag` with the clock standing still: for steps that happened in the past."""
    return time_machine.travel(
        timezone.make_aware(datetime.datetime.combine(dag, datetime.time(10))), tick=False
    )


def _uniek():
    _teller["n"] += 1
    return _teller["n"]


def _gebruiker(orgaan, rol, voornaam, achternaam, *, namens=None):
    """`maak_gebruiker` with an address of its own: a test may build several regions with the same people."""
    email = f"{voornaam}.{achternaam}.{_uniek()}@example.org".lower()
    return maak_gebruiker(orgaan, rol, voornaam, achternaam, namens=namens, email=email)


@dataclass
class Wereld:
    regio: object
    leden: list
    raden: dict
    bestuur: object  # the adopting body (mayors' meeting)
    secretariaat: object
    voorzitter: object
    bestuurslid: object
    raadssecretaris: object  # of leden[0]
    raadssecretaris_b: object  # of leden[1]
    raadslid: object  # of leden[0]
    buitenstaander: object
    ander_secretariaat: object  # of another region
    opgaven: list = field(default_factory=list)

    @property
    def users(self):
        return {
            "secretariaat": self.secretariaat,
            "voorzitter": self.voorzitter,
            "bestuurslid": self.bestuurslid,
            "raadssecretaris": self.raadssecretaris,
            "raadssecretaris_b": self.raadssecretaris_b,
            "raadslid": self.raadslid,
            "buitenstaander": self.buitenstaander,
            "ander_secretariaat": self.ander_secretariaat,
            "anoniem": None,
        }


def bouw_regio(
    n_leden=3,
    *,
    inwoners=None,
    n_opgaven=2,
    procedure=Procedure.INSTEMMING,
    beslisregel="unaniem",
    sleutel="bevolking",
    codes=None,
    **regeling,
):
    """A region with `n_leden` municipalities (each with a council), its mayors' meeting, opgaven and one user per role.

    The region's settings (`procedure`, `beslisregel`, `sleutel` and any other `Programmaregeling` field) are saved
    through `services.update_regeling`, as the secretariat would. `codes` gives the members' official codes (e.g. real
    NIS codes for an import); by default each gets a unique test code.

    Built through the services the first time in a test process and restored after that from the recording
    (tests/momentopname.py: only where the database, files, cache, date and language are as at the recording; with
    the same arguments and Celery's broker settings). While the clock travels the region is always built: a recording
    made at another hour would carry that hour's timestamps.
    """
    argumenten = dict(
        inwoners=inwoners,
        n_opgaven=n_opgaven,
        procedure=procedure,
        beslisregel=beslisregel,
        sleutel=sleutel,
        codes=codes,
        **regeling,
    )

    def bouw():
        return _bouw_regio(n_leden, **argumenten)

    if time_machine.escape_hatch.is_travelling():
        return bouw()
    conf = celery_app.conf
    naam = repr(
        (
            "programmas.bouw_regio",
            n_leden,
            sorted(argumenten.items()),
            conf.task_always_eager,
            conf.broker_url,
        )
    )
    return momentopname.bouw(naam, bouw)


def _bouw_regio(n_leden, *, inwoners, n_opgaven, procedure, beslisregel, sleutel, codes, **regeling):
    nr = _uniek()
    regio = besturen_services.create_regio(
        door=None,
        naam=f"Testregio {nr}",
        slug=f"testregio-{nr}",
        land=Land.BELGIE,
        rechtsvorm=Rechtsvorm.PROJECTVERENIGING,
    )
    inwoners = inwoners or [10_000 * (i + 1) for i in range(n_leden)]
    leden, raden = [], {}
    for i in range(n_leden):
        bestuur = gemeente(
            f"Gemeente {nr}-{i:02d}", codes[i] if codes else f"T{nr}{i:03d}", inwoners=inwoners[i]
        )
        besturen_services.add_deelname(regio, bestuur, begindatum=datetime.date(2019, 1, 1), door=None)
        raden[bestuur.pk] = besturen_services.create_orgaan(
            door=None, soort=OrgaanSoort.GEMEENTERAAD, naam=f"Gemeenteraad {bestuur.naam}", bestuur=bestuur
        )
        leden.append(bestuur)
    dbo = besturen_services.create_orgaan(
        door=None, soort=OrgaanSoort.BURGEMEESTERSOVERLEG, naam=f"Burgemeestersoverleg {nr}", regio=regio
    )
    andere = besturen_services.create_regio(
        door=None,
        naam=f"Andere regio {nr}",
        slug=f"andere-regio-{nr}",
        land=Land.NEDERLAND,
        rechtsvorm=Rechtsvorm.GEMEENSCHAPPELIJKE_REGELING,
    )
    ander_bestuur = besturen_services.create_orgaan(
        door=None, soort=OrgaanSoort.REGIOBESTUUR, naam=f"Regiobestuur {nr}", regio=andere
    )
    w = Wereld(
        regio=regio,
        leden=leden,
        raden=raden,
        bestuur=dbo,
        secretariaat=_gebruiker(dbo, Rol.SECRETARIS, "Sara", "Secretaris"),
        voorzitter=_gebruiker(dbo, Rol.VOORZITTER, "Victor", "Voorzitter", namens=leden[0]),
        bestuurslid=_gebruiker(dbo, Rol.LID, "Lieve", "Lid", namens=leden[-1]),
        raadssecretaris=_gebruiker(raden[leden[0].pk], Rol.SECRETARIS, "Rita", "Raad", namens=leden[0]),
        raadssecretaris_b=_gebruiker(raden[leden[1].pk], Rol.SECRETARIS, "Bram", "Raad", namens=leden[1]),
        raadslid=_gebruiker(raden[leden[0].pk], Rol.LID, "Rudi", "Raadslid", namens=leden[0]),
        buitenstaander=buitenstaander(email=f"bert.{nr}@example.org"),
        ander_secretariaat=_gebruiker(ander_bestuur, Rol.SECRETARIS, "Dirk", "Ander"),
    )
    services.update_regeling(
        regio,
        door=None,
        procedure=procedure,
        beslisregel=beslisregel,
        sleutel=sleutel,
        bestuursorgaan=dbo,
        **regeling,
    )
    for i in range(n_opgaven):
        opgave = opgaven_services.create_opgave(
            regio, door=None, titel=f"Opgave {chr(65 + i)}", gepubliceerd=True
        )
        opgaven_services.add_budgetregel(
            opgave, door=None, jaar=JAAR, bedrag=Decimal(100_000 * (i + 1)), bron="leden"
        )
        w.opgaven.append(opgave)
    return w


def alle_raden_reageren(versie, uitkomst=Uitkomst.GEEN_ZIENSWIJZE, datum=None):
    """Every council that has not responded records `uitkomst` (by the system) on `datum` (today)."""
    for besluit in Raadsbesluit.objects.filter(versie=versie, uitkomst=Uitkomst.OPEN):
        services.record_raadsbesluit(besluit, uitkomst=uitkomst, datum_raad=datum or vandaag(), door=None)


def programma(w, *, tot=VersieStatus.CONCEPT, jaar=JAAR, deadline=None, besluitdatum=None):
    """Draft the programme of `jaar` from the world's opgaven and take it as far as `tot`.

    Everything happens today: submitted, adopted (`besluitdatum`, default today) and routed. On the zienswijze route
    the general board may adopt before the councils' term has ended only when every council has responded (Wgr
    art. 35), so on the way to `vastgesteld` every council first records that it gives no view.
    """
    versie = services.draft_jaarprogramma(w.regio, jaar, door=None, opgaven=w.opgaven)
    procedure = procedure_van(versie)
    stappen = [VersieStatus.INGEDIEND]
    stappen += (
        [VersieStatus.VASTGESTELD, VersieStatus.VOORGELEGD]
        if procedure == Procedure.INSTEMMING
        else [VersieStatus.VOORGELEGD, VersieStatus.VASTGESTELD]
    )
    for stap in stappen:
        if versie.status == tot:
            break
        if stap == VersieStatus.INGEDIEND:
            versie = services.submit_versie(versie, door=None)
        elif stap == VersieStatus.VASTGESTELD:
            if procedure == Procedure.ZIENSWIJZE:
                alle_raden_reageren(versie)
            versie = services.adopt_versie(versie, door=None, besluitdatum=besluitdatum or vandaag())
        else:
            versie = services.route_versie(versie, door=None, deadline=deadline)
    versie.refresh_from_db()
    return versie
