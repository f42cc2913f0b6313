"""Helpers the programme pages share: the version or 404, service messages, a PDF download,
login first."""

from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from .. import permissions
from ..models import (
    Versie,
    VersieStatus,
)

S = VersieStatus


def _versie_or_404(user, pk):
    """The version, or 404 for whoever may not read it (with its region's settings, `regeling.regeling_van`, and
    their adopting body, which the workflow's `adopt` asks about)."""
    versie = get_object_or_404(
        Versie.objects.select_related(
            "jaarprogramma__regio__programmaregeling__bestuursorgaan", "gebaseerd_op"
        ),
        pk=pk,
    )
    if not permissions.can_view_versie(user, versie):
        raise Http404
    return versie


def _messages_of(exc):
    return getattr(exc, "messages", None) or [str(exc)]


def pdf_download(bestand, naam):
    """A stored PDF as a download named `naam`; 404 when the file is gone from storage."""
    try:
        inhoud = bestand.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(inhoud, as_attachment=True, filename=naam, content_type="application/pdf")


class LoginFirstMixin:
    """Send anonymous visitors to the login page before any 404/403 decision on an object."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)
