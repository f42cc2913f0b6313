"""The notes of the demo: `raadslid.nijmegen@…` annotates Nijmegen's review packet of the Groene Metropoolregio's
programme before the councils, privately and shared with Nijmegen's council. Runs after `load_programmas_demo`;
a second run changes nothing.

The programme demo makes no review packet (a packet is made on request), so this demo has Nijmegen's packet made
by the system, as a member's request would.
"""

from django.contrib.auth import get_user_model

from besturen.demo import DEMO_DOMAIN
from besturen.models import Bestuur, Orgaan, OrgaanSoort
from programmas import services as programmas_services
from programmas.models import ProgrammaSoort, Reviewpakket, Versie, VersieStatus

from . import services
from .models import Notitie

GMR = "groene-metropoolregio"
NIJMEGEN = "GM0268"
AUTEUR = f"raadslid.nijmegen@{DEMO_DOMAIN}"

PRIVE = (
    "Vragen voor de fractie: waarom stijgt onze bijdrage aan Verbonden regio harder dan het inwonertal? "
    "Vergelijk met de jaarrekening van vorig jaar."
)
GEDEELD = (
    "Voorstel voor de commissie: laten we het mandaat van de opgave Circulaire regio bespreken vóór de raad "
    "beslist. De termijn staat op het statusbord."
)


class DemoOntbreekt(LookupError):
    """What the notes demo builds on is missing."""


def _versie():
    versie = (
        Versie.objects.filter(
            jaarprogramma__regio__slug=GMR,
            jaarprogramma__soort=ProgrammaSoort.PROGRAMMA,
            status=VersieStatus.VOORGELEGD,
        )
        .order_by("-jaarprogramma__jaar", "-nummer")
        .first()
    )
    if versie is None:
        raise DemoOntbreekt(
            "Het jaarprogramma van de Groene Metropoolregio ontbreekt: voer eerst `manage.py load_demo` en "
            "`manage.py load_programmas_demo` uit."
        )
    return versie


def load_notities_demo(stdout=None):
    """Build whatever part of the notes demo is missing; return the number of notes written."""
    auteur = get_user_model().objects.filter(email=AUTEUR).first()
    nijmegen = Bestuur.objects.filter(code=NIJMEGEN).first()
    raad = (
        Orgaan.objects.filter(bestuur=nijmegen, soort=OrgaanSoort.GEMEENTERAAD).first() if nijmegen else None
    )
    if auteur is None or raad is None:
        raise DemoOntbreekt(
            f"{AUTEUR} of de gemeenteraad van Nijmegen ontbreekt: voer eerst `manage.py load_demo` uit."
        )
    versie = _versie()
    pakket = Reviewpakket.objects.filter(versie=versie, bestuur=nijmegen).first()
    if pakket is None:
        pakket = programmas_services.request_reviewpakket(versie, nijmegen, door=None)
    geschreven = 0
    for tekst, pagina, gedeeld_met in ((PRIVE, 2, None), (GEDEELD, None, raad)):
        if not Notitie.objects.filter(auteur=auteur, reviewpakket=pakket, tekst=tekst).exists():
            services.create_notitie(pakket, tekst=tekst, pagina=pagina, gedeeld_met=gedeeld_met, door=auteur)
            geschreven += 1
    if stdout is not None:
        stdout.write(f"Notities: {geschreven} geschreven bij {pakket}.")
    return geschreven
