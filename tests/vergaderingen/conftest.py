"""A small world for the meeting tests, built through the services so every role group gets its grants."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from vergaderingen import services


@pytest.fixture(autouse=True)
def _media(media):
    """Uploads and PDFs go to a temporary MEDIA_ROOT (tests/conftest.py's `media`), in every meeting test."""


@pytest.fixture
def w(world):
    """The shared world (tests/wereld.py): Denderregio with its DBO (secretariat, chair, member), a council member,
    an outsider and a second region whose secretariat is Dirk Drecht's."""
    world.drechtraad = (
        world.regiobestuur_drecht
    )  # the other region's body, whose secretariat is secretariaat_drecht
    world.zetel_voorzitter = world.voorzitter.lidmaatschap
    world.zetel_lid = world.lid.lidmaatschap
    return world


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
