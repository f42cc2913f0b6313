"""Uploaded meeting documents: PDF, DOCX or XLSX by content, with a name that says the same (`regioportaal.uploads`)."""

from regioportaal.uploads import MAX_BYTES, check_upload

from .models import DocumentSoort

__all__ = ["MAX_BYTES", "MIME", "check_document"]

MIME = {
    DocumentSoort.PDF: "application/pdf",
    DocumentSoort.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    DocumentSoort.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def check_document(upload, veld=None):
    """Return the proven type of `upload`; raise ValidationError saying what is wrong (size, content or name)."""
    soort = check_upload(upload, soorten=tuple(DocumentSoort.values), veld=veld, naam_volgt_inhoud=True)
    return DocumentSoort(soort)
