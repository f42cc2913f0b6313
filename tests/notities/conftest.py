"""The notes' world: the shared world (tests/wereld.py) with one published DBO agenda holding one document."""

import pytest

from notities import services
from tests.vergaderingen.conftest import PDF_BYTES, plan, upload
from vergaderingen import services as vergaderingen_services


@pytest.fixture(autouse=True)
def _media(media):
    """Uploads go to a temporary MEDIA_ROOT (tests/conftest.py's `media`)."""


def agendadocument(orgaan, *, publiceren=True, naam="mobiliteitsnota.pdf"):
    """A document on a public item of a meeting of `orgaan`, its agenda published unless `publiceren` is False."""
    vergadering = plan(orgaan)
    punt = vergaderingen_services.add_agendapunt(vergadering, titel="Regionale mobiliteit", door=None)
    document = vergaderingen_services.add_document(punt, upload(naam, PDF_BYTES), door=None)
    if publiceren:
        vergaderingen_services.publish_agenda(vergadering, door=None)
    return document


@pytest.fixture
def doc(world):
    return agendadocument(world.dbo)


def schrijf(doc, auteur, tekst, gedeeld_met=None, pagina=None):
    return services.create_notitie(doc, tekst=tekst, pagina=pagina, gedeeld_met=gedeeld_met, door=auteur)
