"""Helpers the meeting pages share: the meeting or 404, service messages, the secretariat's pages."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404

from regioportaal.views import refuse

from .. import permissions
from ..models import Vergadering


def _message_from(request, exc):
    messages.error(request, " ".join(getattr(exc, "messages", None) or [str(exc)]))


def _vergadering_or_404(request, pk):
    vergadering = get_object_or_404(
        Vergadering.objects.select_related("orgaan__regio", "orgaan__bestuur"), pk=pk
    )
    if not permissions.can_view_vergadering(request.user, vergadering):
        raise Http404
    return vergadering


class _ManageMixin:
    """The secretariat's pages: 404 if the meeting is hidden, login for the anonymous, else 403 if not allowed."""

    def dispatch(self, request, *args, **kwargs):
        self.vergadering = self.get_vergadering(request, **kwargs)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        refuse(permissions.can_manage_vergaderingen(request.user, self.vergadering.orgaan))
        return super().dispatch(request, *args, **kwargs)

    def get_vergadering(self, request, **kwargs):
        return _vergadering_or_404(request, kwargs["pk"])
