"""Builders of the grip tests: a region from `tests.programmas.bouw` with adopted programmes over several years,
an opgave's progress and mandate, items and meeting documents, and more partnerships for its first member."""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from besturen import services as besturen_services
from besturen.models import Land, OrgaanSoort, Rechtsvorm, Rol, Zichtbaarheid
from opgaven import services as opgaven_services
from programmas.models import VersieStatus
from tests.factories import MandaatFactory, VoortgangFactory, gemeente, maak_gebruiker
from tests.programmas.bouw import JAAR, bouw_regio, programma
from vergaderingen import services as vergadering_services
from vergaderingen.models import Document

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
_teller = {"n": 0}


def _uniek():
    _teller["n"] += 1
    return _teller["n"]


def vergadering_met_documenten(orgaan, aantal):
    """A meeting of `orgaan` in a week with a published agenda: one public item with `aantal` documents."""
    begin = timezone.now() + datetime.timedelta(days=7)
    vergadering = vergadering_services.plan_vergadering(
        orgaan, door=None, begin=begin, einde=begin + datetime.timedelta(hours=2), locatie="Stadhuis"
    )
    punt = vergadering_services.add_agendapunt(vergadering, titel="Regionaal programma", door=None)
    for i in range(aantal):
        Document.objects.create(
            agendapunt=punt,
            naam=f"Raadsvoorstel {i + 1}.pdf",
            soort="pdf",
            bestand=SimpleUploadedFile(f"voorstel-{i}.pdf", PDF),
            grootte=len(PDF),
        )
    vergadering_services.publish_agenda(vergadering, door=None)
    return vergadering


def grip_wereld(*, jaren=1, regios=1, documenten=1, leden=3):
    """A region whose first member (`w.leden[0]`, with `w.raadslid` on its council) has `jaren` adopted programmes
    routed to the councils (JAAR and the years before), an opgave with progress and a mandate, `documenten` items and
    meeting documents, and `regios - 1` more partnerships of its own."""
    w = bouw_regio(leden)
    w.versies = []
    for i in range(jaren):
        jaar = JAAR - i
        if jaar != JAAR:
            for opgave in w.opgaven:
                opgaven_services.add_budgetregel(
                    opgave, door=None, jaar=jaar, bedrag=Decimal(90_000 + 1000 * i), bron="leden"
                )
        w.versies.append(programma(w, tot=VersieStatus.VOORGELEGD, jaar=jaar))
    opgave = w.opgaven[0]
    VoortgangFactory(opgave=opgave, periode_eind=datetime.date(JAAR - 1, 9, 30), besteed=Decimal("45000"))
    MandaatFactory(opgave=opgave, verleend_door=w.bestuur, houder=w.voorzitter.lidmaatschap)
    for i in range(documenten):
        besturen_services.add_stuk(
            w.bestuur, titel=f"Openbaar stuk {i + 1}", zichtbaarheid=Zichtbaarheid.OPENBAAR, door=None
        )
    w.besloten_stuk = besturen_services.add_stuk(
        w.bestuur, titel="Stuk voor de raden", zichtbaarheid=Zichtbaarheid.REGIO, door=None
    )
    vergadering_met_documenten(w.bestuur, documenten)
    w.andere_regios = []
    for _i in range(regios - 1):
        nr = _uniek()
        regio = besturen_services.create_regio(
            door=None,
            naam=f"Samenwerking {nr}",
            slug=f"samenwerking-{nr}",
            land=Land.BELGIE,
            rechtsvorm=Rechtsvorm.INTERLOKALE_VERENIGING,
        )
        besturen_services.add_deelname(regio, w.leden[0], begindatum=datetime.date(2020, 1, 1), door=None)
        besturen_services.create_orgaan(
            door=None, soort=OrgaanSoort.REGIOBESTUUR, naam=f"Bestuur {nr}", regio=regio
        )
        w.andere_regios.append(regio)
    return w


def raadslid_elders():
    """A council member of a municipality in no test region: logged in, a council seat, but not of this council."""
    nr = _uniek()
    bestuur = gemeente(f"Elders {nr}", f"E{nr:05d}")
    raad = besturen_services.create_orgaan(
        door=None, soort=OrgaanSoort.GEMEENTERAAD, naam=f"Gemeenteraad Elders {nr}", bestuur=bestuur
    )
    return maak_gebruiker(
        raad, Rol.LID, "Eva", "Elders", namens=bestuur, email=f"eva.elders.{nr}@example.org"
    )
