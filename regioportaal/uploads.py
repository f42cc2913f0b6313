"""Uploaded files: the content decides the type (PDF, DOCX, XLSX), never the name; at most 10 MB; and no stored file
outlives a transaction that rolled back (`atomic_with_files`, `store_file`, the hourly `sweep_orphans`)."""

import datetime
import io
import logging
import os
import zipfile
from contextlib import contextmanager
from contextvars import ContextVar
from xml.etree import ElementTree

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.db import models, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
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

logger = logging.getLogger(__name__)


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
    if upload.size > MAX_BYTES or isinstance(upload, TooLargeUpload):
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


class TooLargeUpload(InMemoryUploadedFile):
    """What a form receives instead of a file over the limit: no content, the size that was sent, so the form's
    check (`check_upload`, the import's size check) refuses it next to its field with the real size."""

    def __init__(self, field_name, name, content_type, size, charset):
        super().__init__(io.BytesIO(b""), field_name, name, content_type, size, charset)


class LimitedUploadHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: the bytes of a file beyond `UPLOAD_MAX_BYTES` are dropped as they arrive, never
    handed to the handlers that store files in memory or on disk. The reverse proxy caps the whole request body
    (docker-compose.yml); this caps what one file may put on the server's disk."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        self.too_large = False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.UPLOAD_MAX_BYTES:
            self.too_large = True
            return None  # the handlers after this one never see it
        return raw_data

    def file_complete(self, file_size):
        if not self.too_large:
            return None  # the next handler delivers the file
        return TooLargeUpload(self.field_name, self.file_name, self.content_type, self.received, self.charset)


# --- No file without its row -----------------------------------------------------------------------------------------
# A file is written before the row that names it is committed. When that transaction rolls back, the file must go
# too: `atomic_with_files` deletes what `store_file` wrote inside it. What no block can catch (a worker killed between
# the write and the commit, the rollback of an enclosing plain transaction) the hourly `sweep_orphans` removes.

# The open atomic_with_files blocks, innermost last: each the list of (storage, name) it wrote.
_blokken = ContextVar("uploads_blokken", default=())
WEES_NA = datetime.timedelta(hours=1)  # a file no row names is an orphan once it is this old


@contextmanager
def atomic_with_files(using=None):
    """`transaction.atomic` that deletes the files `store_file` wrote inside it when it rolls back (an exception, or
    `set_rollback(True)`); also a decorator, `@atomic_with_files()`.

    Nested blocks follow the savepoints: a block that rolls back deletes its own files; one that commits into an
    outer block hands its files on, so the outer block's rollback deletes them too.
    """
    bestanden = []
    token = _blokken.set((*_blokken.get(), bestanden))
    bewaard = False
    try:
        with transaction.atomic(using=using):
            yield
            teruggedraaid = transaction.get_rollback(using=using)
        bewaard = not teruggedraaid  # committed, or released into the enclosing transaction
    finally:
        _blokken.reset(token)
        if not bewaard:
            _delete_stored(bestanden)
        elif _blokken.get():
            _blokken.get()[-1].extend(bestanden)


def store_file(bestand, naam, inhoud):
    """Write `inhoud` as the file of the FieldFile `bestand` (the row is the caller's to save) and register it with the
    enclosing `atomic_with_files` block, which deletes it if the transaction rolls back. Returns the stored name."""
    bestand.save(naam, inhoud, save=False)
    blokken = _blokken.get()
    if blokken:
        blokken[-1].append((bestand.storage, bestand.name))
    return bestand.name


def _delete_stored(bestanden):
    for storage, naam in bestanden:
        try:
            storage.delete(naam)
        except OSError:
            logger.exception("Bestand %s bleef staan na een teruggedraaide transactie", naam)


def referenced_files(storage):
    """Every name a FileField on `storage` holds, over every model (whatever app it belongs to)."""
    namen = set()
    for model in apps.get_models():
        for veld in model._meta.concrete_fields:
            if isinstance(veld, models.FileField) and veld.storage is storage:
                rijen = model._base_manager.exclude(**{veld.attname: ""}).exclude(
                    **{f"{veld.attname}__isnull": True}
                )
                namen.update(rijen.values_list(veld.attname, flat=True))
    return namen


def _files_in(storage, pad=""):
    try:
        mappen, bestanden = storage.listdir(pad)
    except FileNotFoundError:  # the file system's upload directory, before the first upload
        return
    for naam in bestanden:
        if not naam.startswith("."):
            yield f"{pad}/{naam}" if pad else naam
    for map_ in mappen:
        if not map_.startswith("."):
            yield from _files_in(storage, f"{pad}/{map_}" if pad else map_)


def sweep_orphans(storage=None, *, ouder_dan=WEES_NA):
    """Delete the files under the upload storage (MEDIA_ROOT) that no row names and that are older than `ouder_dan`
    (a fresh one may belong to a transaction still open). Returns the deleted names."""
    storage = storage or default_storage
    grens = timezone.now() - ouder_dan
    bekend = referenced_files(storage)
    weg = []
    for naam in _files_in(storage):
        if naam in bekend or storage.get_modified_time(naam) >= grens:
            continue
        storage.delete(naam)
        weg.append(naam)
    if weg:
        logger.warning("%d verweesde bestanden verwijderd: %s", len(weg), ", ".join(weg[:20]))
    return weg
