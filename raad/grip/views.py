"""The grip pages. Public, as the region page is: each piece shows what its own app lets the reader see (see
`selectors`), so a council member of the municipality, the region's people and the public each see their part."""

from collections import namedtuple

from opgaven.grafieken import trend_grafiek
from regioportaal.views import PageView

from . import selectors
from .grondslag import grondslag

# A bar of the contribution chart: `trend_grafiek` draws the amount it finds in `besteed`.
Staaf = namedtuple("Staaf", ["jaar", "besteed"])


class GemeenteView(PageView):
    """All current partnerships of one municipality, each with a one-line summary and a link to its grip page."""

    template_name = "raad/grip/gemeente.html"

    def get_context_data(self, **kwargs):
        bestuur = selectors.gemeente_or_404(kwargs["gemeente"])
        return super().get_context_data(
            bestuur=bestuur, deelnames=selectors.samenwerkingen(bestuur, self.request.user)
        )


class GripView(PageView):
    """One council's grip on one partnership: form, participants and votes, representatives, money over the
    years, opgaven, open decisions, statutory dates and the latest documents."""

    template_name = "raad/grip/grip.html"

    def get_context_data(self, **kwargs):
        deelname = selectors.deelname_or_404(kwargs["gemeente"], kwargs["regio"])
        regio, bestuur = deelname.regio, deelname.bestuur
        gegevens = selectors.grip(deelname, self.request.user)
        jaren = gegevens["jaren"]
        return super().get_context_data(
            bestuur=bestuur,
            deelname=deelname,
            regio=regio,
            grondslag=grondslag(regio.rechtsvorm),
            grafiek=trend_grafiek([Staaf(j.jaar, j.bedrag) for j in jaren]),
            **gegevens,
        )
