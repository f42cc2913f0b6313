"""Checks on uploaded files: the content decides the type (PDF, DOCX, XLSX), never the name; at most 10 MB."""

import os
import zipfile
from xml.etree import ElementTree

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF = "pdf"
DOCX = "docx"
XLSX = "xlsx"
MAX_BYTES = 10 * 1024 * 1024
CONTENT_TYPES_MAX_BYTES = 256 * 1024  # a real [Content_Types].xml is a few kB; more is a zip bomb
MAIN_PART = {
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def _office_soort(upload):
    """DOCX or XLSX from the main part named in [Content_Types].xml; None for any other ZIP."""
    try:
        with zipfile.ZipFile(upload) as archive:
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > CONTENT_TYPES_MAX_BYTES:
                return None
            root = ElementTree.fromstring(archive.read(info))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError):
        return None
    types = {el.get("ContentType") for el in root.iter(f"{CT_NS}Override")}
    for soort, main in MAIN_PART.items():
        if main in types:
            return soort
    return None


def soort_van(upload):
    """The file type the bytes of `upload` prove (PDF, DOCX or XLSX), or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        soort = PDF
    elif head.startswith(b"PK\x03\x04"):
        soort = _office_soort(upload)
    else:
        soort = None
    upload.seek(0)
    return soort


def _check(upload, soorten, naam_volgt_inhoud):
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("Het bestand is te groot (%(grootte)s): een document mag hoogstens %(max)s MB zijn.")
            % {"grootte": filesizeformat(upload.size), "max": MAX_BYTES // (1024 * 1024)},
            code="te_groot",
        )
    soort = soort_van(upload)
    if soort not in soorten:
        if set(soorten) == {PDF}:
            raise ValidationError(_("Het document is geen PDF-bestand."), code="soort")
        raise ValidationError(
            _(
                "Dit bestand is geen PDF-, Word- (DOCX) of Excel-document (XLSX). Alleen die kunt u toevoegen."
            ),
            code="soort",
        )
    extensie = os.path.splitext(upload.name or "")[1].lower().lstrip(".")
    if naam_volgt_inhoud and extensie != soort:
        raise ValidationError(
            _("De naam eindigt op .%(extensie)s, maar de inhoud is een %(soort)s-bestand.")
            % {"extensie": extensie or "?", "soort": soort.upper()},
            code="extensie",
        )
    return soort


def check_upload(upload, *, soorten=(PDF,), veld=None, naam_volgt_inhoud=False):
    """Return the type the content of `upload` proves, one of `soorten` (PDF alone, or PDF, DOCX and XLSX).

    Raise ValidationError saying what is wrong (size, content, or with `naam_volgt_inhoud` a name whose extension
    is not the content's type), keyed to the form field `veld` when the caller names one (a service), unkeyed
    when not (a form's clean_<field>).
    """
    try:
        return _check(upload, soorten, naam_volgt_inhoud)
    except ValidationError as exc:
        if veld is None:
            raise
        raise ValidationError({veld: exc}) from exc
