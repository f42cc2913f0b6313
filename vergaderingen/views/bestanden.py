"""Files: a document of an item or a planning day, and the agenda PDF."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from .. import permissions
from ..documenten import MIME
from ..models import Document
from ._gedeeld import _vergadering_or_404


def _attachment(file, filename, content_type):
    """The stored file as a download; 404 when it is gone from storage (as `programmas` answers a missing PDF)."""
    try:
        inhoud = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(inhoud, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class DocumentView(View):
    """Download a document, for whoever may see the item (or the planning day) it belongs to."""

    def get(self, request, pk):
        document = get_object_or_404(
            Document.objects.select_related("agendapunt__vergadering__orgaan__regio"), pk=pk
        )
        if not permissions.can_view_document(request.user, document):
            raise Http404
        return _attachment(document.bestand, document.naam, MIME[document.soort])


class AgendaPdfView(View):
    """The agenda PDF: the full one for the members, the public one for everyone else."""

    def get(self, request, pk):
        vergadering = _vergadering_or_404(request, pk)
        if not vergadering.agenda_gepubliceerd:
            raise Http404
        volledig = permissions.is_lid(request.user, vergadering.orgaan)
        bestand = vergadering.agenda_pdf_volledig if volledig else vergadering.agenda_pdf
        if not bestand:
            raise Http404(_("De PDF wordt nog gemaakt."))
        datum = timezone.localtime(vergadering.begin).date().isoformat()
        return _attachment(bestand, f"agenda-{datum}.pdf", "application/pdf")
