"""A small world for the meeting tests, built through the services so every role group gets its grants."""

import datetime
import io
import zipfile
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from besturen import services as besturen_services
from besturen.models import BestuurSoort, Land, OrgaanSoort, Rechtsvorm, Rol
from tests.factories import PASSWORD
from vergaderingen import services

BEGIN = datetime.date(2020, 1, 1)


def maak_gebruiker(orgaan, rol, voornaam, achternaam, *, namens=None):
    """A person with an account (password PASSWORD) and a seat with `rol` in `orgaan`; returns the account."""
    email = f"{voornaam}.{achternaam}@example.org".lower().replace(" ", "")
    persoon = besturen_services.create_persoon(
        door=None, voornaam=voornaam, achternaam=achternaam, email=email
    )
    user = besturen_services.create_account(persoon, password=PASSWORD, door=None)
    besturen_services.add_lidmaatschap(
        persoon=persoon, orgaan=orgaan, rol=rol, namens=namens, begindatum=BEGIN, door=None
    )
    return user


def gemeente(naam, code, land=Land.BELGIE):
    return besturen_services.create_bestuur(
        door=None,
        soort=BestuurSoort.GEMEENTE,
        naam=naam,
        code=code,
        land=land,
        inwoners=10000,
        inwoners_peildatum=datetime.date(2024, 1, 1),
    )


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploads and PDFs go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def snelle_wachtwoorden(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def w(db, snelle_wachtwoorden):
    """Denderregio with its DBO (secretariat, chair, member), a council member, an outsider and a second region."""
    w = SimpleNamespace()
    w.dender = besturen_services.create_regio(
        door=None, naam="Denderregio", slug="denderregio", land=Land.BELGIE, rechtsvorm=Rechtsvorm.FEITELIJK
    )
    w.drecht = besturen_services.create_regio(
        door=None,
        naam="Drechtsteden",
        slug="drechtsteden",
        land=Land.NEDERLAND,
        rechtsvorm=Rechtsvorm.GEMEENSCHAPPELIJKE_REGELING,
    )
    w.aalst = gemeente("Aalst", "41002")
    w.lede = gemeente("Lede", "41034")
    for bestuur in (w.aalst, w.lede):
        besturen_services.add_deelname(w.dender, bestuur, begindatum=datetime.date(2019, 1, 1), door=None)
    w.dbo = besturen_services.create_orgaan(
        door=None,
        soort=OrgaanSoort.BURGEMEESTERSOVERLEG,
        naam="Burgemeestersoverleg Denderregio",
        afkorting="DBO",
        regio=w.dender,
    )
    w.raad_aalst = besturen_services.create_orgaan(
        door=None, soort=OrgaanSoort.GEMEENTERAAD, naam="Gemeenteraad Aalst", bestuur=w.aalst
    )
    w.drechtraad = besturen_services.create_orgaan(
        door=None, soort=OrgaanSoort.REGIORAAD, naam="Drechtraad", regio=w.drecht
    )
    w.secretariaat = maak_gebruiker(w.dbo, Rol.SECRETARIS, "Sara", "Secretaris")
    w.voorzitter = maak_gebruiker(w.dbo, Rol.VOORZITTER, "Victor", "Voorzitter", namens=w.aalst)
    w.lid = maak_gebruiker(w.dbo, Rol.LID, "Lieve", "Lid", namens=w.lede)
    w.raadslid = maak_gebruiker(w.raad_aalst, Rol.LID, "Rudi", "Raadslid", namens=w.aalst)
    w.secretariaat_drecht = maak_gebruiker(w.drechtraad, Rol.SECRETARIS, "Dirk", "Drecht")
    w.buitenstaander = besturen_services.create_account(
        besturen_services.create_persoon(
            door=None, voornaam="Bert", achternaam="Buiten", email="bert.buiten@example.org"
        ),
        password=PASSWORD,
        door=None,
    )
    w.zetel_voorzitter = w.voorzitter.persoon.lidmaatschappen.get()
    w.zetel_lid = w.lid.persoon.lidmaatschappen.get()
    return w


def moment(days, hour=19):
    """An aware datetime `days` from today at `hour` (local time)."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def plan(orgaan, days=14, **kwargs):
    values = {"begin": moment(days), "einde": moment(days, 21), "locatie": "Stadhuis Aalst"}
    values.update(kwargs)
    return services.plan_vergadering(orgaan, door=None, **values)


def gehouden(orgaan, days=-14, punten=("Regionale mobiliteit",)):
    """A meeting with a published agenda that has taken place."""
    vergadering = plan(orgaan, days)
    for titel in punten:
        services.add_agendapunt(vergadering, titel=titel, door=None)
    services.publish_agenda(vergadering, door=None)
    return services.close_vergadering(vergadering, door=None)


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def office_bytes(main_part):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/main.xml" ContentType="{main_part}"/></Types>',
        )
        archive.writestr("main.xml", "<x/>")
    return buffer.getvalue()


DOCX_BYTES = office_bytes("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
XLSX_BYTES = office_bytes("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)
