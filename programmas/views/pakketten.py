"""A member council's review packet: request, progress, download."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.text import slugify
from django.views import View

from besturen.models import Bestuur
from regioportaal.views import PageView, refuse

from .. import services
from ..models import (
    PakketStatus,
    Programmaregel,
    Reviewpakket,
)
from ..policies import REVIEWPAKKET
from ._gedeeld import _messages_of, _versie_or_404, pdf_download

# --- Review packets ----------------------------------------------------------------------------------------------


class ReviewpakketView(PageView):
    """A member council's review packet: ask for it, watch it being made (htmx polling), then download it."""

    template_name = "programmas/reviewpakket.html"
    htmx_partial = "voortgang"

    def dispatch(self, request, *args, **kwargs):
        self.versie = _versie_or_404(request.user, kwargs["pk"])
        deelnemers = Programmaregel.deelnemers.through.objects.filter(programmaregel__versie=self.versie)
        self.bestuur = get_object_or_404(
            Bestuur.objects.filter(pk__in=deelnemers.values("bestuur_id")), pk=kwargs["bestuur"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.pop("bestuur", None)  # the URL's id; the context gets the Bestuur itself
        pakket = Reviewpakket.objects.filter(versie=self.versie, bestuur=self.bestuur).first()
        return super().get_context_data(
            versie=self.versie,
            regio=self.versie.jaarprogramma.regio,
            bestuur=self.bestuur,
            pakket=pakket,
            bezig=pakket is not None and pakket.status in (PakketStatus.WACHTEND, PakketStatus.BEZIG),
            mag_aanvragen=REVIEWPAKKET.may(self.request.user, "request", self.versie),
            ingelogd=self.request.user.is_authenticated,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        """Have the packet made (again). Whoever may not answers 403; a request too soon after the last one (or while
        the packet is on its way) is refused with the reason on the page: in the status partial for htmx, as a
        message after the redirect otherwise."""
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        refuse(REVIEWPAKKET.permits(request.user, "request", self.versie))
        weigering = ""
        try:
            services.request_reviewpakket(self.versie, self.bestuur, door=request.user)
        except ValidationError as exc:
            weigering = " ".join(_messages_of(exc))
        if request.htmx:
            response = self.render_to_response(self.get_context_data(weigering=weigering))
            patch_vary_headers(response, ["HX-Request"])
            return response
        if weigering:
            messages.error(request, weigering)
        return redirect(reverse("programmas:reviewpakket", args=[self.versie.pk, self.bestuur.pk]))


class ReviewpakketDownloadView(View):
    def get(self, request, pk, bestuur):
        versie = _versie_or_404(request.user, pk)
        pakket = get_object_or_404(Reviewpakket, versie=versie, bestuur_id=bestuur, status=PakketStatus.KLAAR)
        if not pakket.bestand:
            raise Http404
        naam = f"reviewpakket-{slugify(pakket.bestuur.naam)}-{versie.jaarprogramma.jaar}-v{versie.nummer}.pdf"
        return pdf_download(pakket.bestand, naam)
