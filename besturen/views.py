"""Pages of regions, governments and bodies."""
from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404

from regioportaal.views import PageView

from . import selectors
from .models import Bestuur, Orgaan, Regio


def paginate(request, queryset, prefix="pagina"):
    return Paginator(queryset, settings.PAGINATE_BY).get_page(request.GET.get(prefix))


class HomeView(PageView):
    template_name = "besturen/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(regios=paginate(self.request, selectors.regio_list()), **kwargs)


class RegioView(PageView):
    template_name = "besturen/regio.html"
    htmx_partial = "leden"

    def get_context_data(self, **kwargs):
        regio = get_object_or_404(Regio, slug=kwargs["slug"])
        leden = paginate(self.request, selectors.regio_leden(regio))
        totaal = selectors.regio_inwoners(regio)
        for deelname in leden:
            inwoners = deelname.bestuur.inwoners
            deelname.aandeel = (inwoners / totaal * 100) if (inwoners is not None and totaal) else None
        return super().get_context_data(
            regio=regio,
            leden=leden,
            totaal_inwoners=totaal,
            organen=selectors.organen_van(regio=regio),
            **kwargs,
        )


class OrgaanView(PageView):
    template_name = "besturen/orgaan.html"
    htmx_partial = "samenstelling"

    def get_context_data(self, **kwargs):
        orgaan = get_object_or_404(Orgaan.objects.select_related("regio", "bestuur"), pk=kwargs["pk"])
        return super().get_context_data(
            orgaan=orgaan,
            leden=paginate(self.request, selectors.samenstelling(orgaan)),
            oud_leden=paginate(self.request, selectors.oud_leden(orgaan), prefix="oud"),
            **kwargs,
        )


class BestuurView(PageView):
    template_name = "besturen/bestuur.html"

    def get_context_data(self, **kwargs):
        bestuur = get_object_or_404(Bestuur, pk=kwargs["pk"])
        return super().get_context_data(
            bestuur=bestuur,
            deelnames=bestuur.deelnames.current().select_related("regio").order_by("regio__naam"),
            organen=selectors.organen_van(bestuur=bestuur),
            zetels=paginate(self.request, selectors.zetels_namens(bestuur)),
            **kwargs,
        )
