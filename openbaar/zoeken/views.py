from django.core.paginator import Paginator

from regioportaal.views import PageView

from . import selectors
from .forms import ZoekForm

PER_PAGINA = 20


class ZoekenView(PageView):
    """/zoeken/: search over everything the reader may see; anonymous visitors find only public rows."""

    template_name = "openbaar/zoeken/zoeken.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ZoekForm(self.request.GET or None)
        context["form"] = form
        if not self.request.GET or not form.is_valid():
            return context
        data = form.cleaned_data
        resultaten = selectors.zoek(
            self.request.user,
            data["q"],
            soort=data["soort"],
            regio=data["regio"],
            orgaan=data["orgaan"],
            van=data["van"],
            tot=data["tot"],
        )
        pagina = Paginator(resultaten, PER_PAGINA).get_page(self.request.GET.get("pagina"))
        for item in pagina:
            item.snippet = selectors.snippet(item, data["q"])
        parameters = self.request.GET.copy()
        parameters.pop("pagina", None)
        context.update(pagina=pagina, parameters=parameters.urlencode(), gezocht=True)
        return context
