"""The region's screens after a merger of its members: which mergers, and per seat: end it or move it."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from regioportaal.views import PageView, refuse

from . import fusies
from .models import Fusie, Lidmaatschap, Regio
from .policies import FusiePolicy


class _RegioBeheer(LoginRequiredMixin, PageView):
    def dispatch(self, request, *args, **kwargs):
        self.regio = get_object_or_404(Regio, slug=kwargs["slug"])
        if request.user.is_authenticated:
            refuse(FusiePolicy().may(request.user, "review_zetels", self.regio))
            self.check_regio()
        return super().dispatch(request, *args, **kwargs)

    def check_regio(self):
        """Refuse (404) an object of the URL that has nothing to do with the region."""


class FusiesRegioView(_RegioBeheer):
    """The mergers of the region's members, each with the number of seats still to review."""

    template_name = "besturen/fusies_regio.html"

    def get_context_data(self, **kwargs):
        lijst = list(fusies.fusies_in_regio(self.regio))
        open_zetels = dict(
            Lidmaatschap.objects.filter(
                orgaan__regio=self.regio, namens__fusievoorganger__fusie__in=[fusie.pk for fusie in lijst]
            )
            .filter(begindatum__lte=F("namens__fusievoorganger__fusie__datum"))
            .filter(Q(einddatum__isnull=True) | Q(einddatum__gt=F("namens__fusievoorganger__fusie__datum")))
            .values_list("namens__fusievoorganger__fusie")
            .annotate(aantal=Count("pk"))
        )
        for fusie in lijst:
            fusie.open_zetels = open_zetels.get(fusie.pk, 0)
        return super().get_context_data(regio=self.regio, fusies=lijst, **kwargs)


class FusieZetelsView(_RegioBeheer):
    """The review screen: every seat in the region's bodies held for a predecessor, with the choice per seat."""

    template_name = "besturen/fusie_zetels.html"
    htmx_partial = "zetels"

    def dispatch(self, request, *args, **kwargs):
        self.fusie = get_object_or_404(
            Fusie.objects.select_related("opvolger").prefetch_related("voorgangers"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def check_regio(self):
        if not fusies.fusies_in_regio(self.regio).filter(pk=self.fusie.pk).exists():
            raise Http404

    def get_context_data(self, fouten=None, keuzes=None, **kwargs):
        zetels = list(fusies.te_herzien(self.fusie, self.regio))
        keuzes = keuzes or {}
        for zetel in zetels:
            zetel.keuze = keuzes.get(zetel.pk, "")
        return super().get_context_data(
            regio=self.regio,
            fusie=self.fusie,
            zetels=zetels,
            keuzemogelijkheden=fusies.KEUZES,
            fouten=fouten or [],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        keuzes = {}
        for sleutel, waarde in request.POST.items():
            if sleutel.startswith("zetel-") and sleutel[6:].isdigit() and waarde:
                keuzes[int(sleutel[6:])] = waarde
        if not keuzes:
            fouten = [_("Kies voor minstens één zetel wat ermee gebeurt.")]
            return self.render_to_response(self.get_context_data(fouten=fouten), status=422)
        try:
            gedaan = fusies.review_zetels(self.fusie, self.regio, keuzes, door=request.user)
        except ValidationError as exc:
            context = self.get_context_data(fouten=exc.messages, keuzes=keuzes)
            return self.render_to_response(context, status=422)
        bericht = _("%(beeindigd)d zetels beëindigd en %(verplaatst)d verplaatst naar %(opvolger)s.") % {
            "beeindigd": len(gedaan[fusies.BEEINDIGEN]),
            "verplaatst": len(gedaan[fusies.VERPLAATSEN]),
            "opvolger": self.fusie.opvolger,
        }
        if request.htmx:
            return self.render_to_response(self.get_context_data(bericht=bericht))
        messages.success(request, bericht)
        return redirect("besturen:fusie_zetels", slug=self.regio.slug, pk=self.fusie.pk)
