"""The personal work list: the full page (`/werklijst/`) and the header's count (`/werklijst/aantal/`, loaded lazily
by htmx so that no other page pays for it). What is on the list is the providers' answer (`werklijst.items_for`)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from . import werklijst
from .views import PageView


class WerklijstView(LoginRequiredMixin, PageView):
    """Everything that needs the logged-in person's action, soonest deadline first, each with one link."""

    template_name = "werklijst/werklijst.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            werk=werklijst.items_for(self.request.user), vandaag=timezone.localdate(), **kwargs
        )


@method_decorator(never_cache, name="dispatch")
class AantalView(View):
    """The header's link with the number of items; nothing (204: htmx keeps the plain link) for the public."""

    def get(self, request):
        if not request.user.is_authenticated:
            return HttpResponse(status=204)
        return TemplateResponse(
            request, "werklijst/_aantal.html", {"aantal": werklijst.count_for(request.user)}
        )


urlpatterns = [
    path("", WerklijstView.as_view(), name="werklijst"),
    path("aantal/", AantalView.as_view(), name="werklijst_aantal"),
]
