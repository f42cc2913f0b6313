"""The grip pages. Public, as the region page is: each piece shows what its own app lets the reader see (see
`selectors`), so a council member of the municipality, the region's people and the public each see their part."""

import logging
from collections import namedtuple

from django.utils import timezone, translation

from opgaven.grafieken import trend_grafiek
from regioportaal import generaties
from regioportaal.views import PageView

from . import html, rijen, selectors
from .grondslag import grondslag

# A bar of the contribution chart: `trend_grafiek` draws the amount it finds in `besteed`.
Staaf = namedtuple("Staaf", ["jaar", "besteed"])

logger = logging.getLogger(__name__)


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
    reads_primary = True  # its fragments are cached under generation numbers (PageView)

    def get_context_data(self, **kwargs):
        deelname = selectors.deelname_or_404(kwargs["gemeente"], kwargs["regio"], self.request.user)
        regio, bestuur = deelname.regio, deelname.bestuur
        gegevens = pagina(deelname, self.request.user)
        try:
            fragment = fragment_sleutel(bestuur, regio, gegevens["besloten"])
        except Exception:  # the cache that keeps the generations fails: the sections are written, not cached
            logger.warning("grip page: no key for the cached sections", exc_info=True)
            fragment = None
        return super().get_context_data(
            titel=gegevens["titel"],
            kruimels=html.kruimels_html(bestuur, regio),
            inhoud=html.inhoud_html(gegevens, fragment, FRAGMENT_DUUR),
        )


def pagina(deelname, user):
    """What `html` writes the grip page's sections from: `selectors.grip` (its pieces `eenmaal` callables, read only
    for a section the cache does not have) with the membership, its region and Bestuur, the page's title, the legal
    basis, the contribution chart and the next dates' list."""
    regio, bestuur = deelname.regio, deelname.bestuur
    gegevens = selectors.grip(deelname, user)
    jaren, datums = gegevens["jaren"], gegevens["datums"]
    grafiek = selectors.eenmaal(lambda: trend_grafiek([Staaf(j.jaar, j.bedrag) for j in jaren()]))
    return {
        "bestuur": bestuur,
        "deelname": deelname,
        "regio": regio,
        "titel": html.titel_html(bestuur, regio),
        "grondslag": grondslag(regio.rechtsvorm),
        "grafiek": grafiek,
        "grafiek_balken": selectors.eenmaal(lambda: rijen.grafiek_balken(grafiek()) if grafiek() else ""),
        "datum_regels": selectors.eenmaal(lambda: rijen.datum_regels(datums())),
        **gegevens,
    }


# Cached fragments are kept a day at most, only to free memory: a write replaces the generations in their key.
FRAGMENT_DUUR = 24 * 60 * 60


def fragment_sleutel(bestuur, regio, besloten):
    """What the key of a cached section of the grip page carries besides the section's name (and, for the open
    decisions, whether the reader sits on the council): the municipality, the region, the reader's visibility class
    (may read the region's non-public pieces or not), the language, the portal's date and the generations of the
    region's pages (`generaties.voor_pagina`: every row these sections show belongs to this region or is global).

    Every section but the councils' links (the reader's own seat) is cached. The open decisions also key on whether
    the reader sits on the council (a link for its members). The opgaven and the documents are cached only for a
    reader without a role in the region (`besturen.permissions.heeft_regionale_rol`), for whom they depend on the class
    alone (the selectors read them as the class sees them, not through the reader's own rights); for the region's own
    people they are rendered on every request. The class is asked of the database on every request."""
    return ":".join(
        [
            str(bestuur.pk),
            str(regio.pk),
            "besloten" if besloten else "openbaar",
            translation.get_language() or "",
            timezone.localdate().isoformat(),
            *generaties.voor_regio(regio.pk),
        ]
    )
