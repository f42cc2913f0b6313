"""The review packet of one member council as PDF (WeasyPrint), offline: nothing outside the static directory is read."""

from pathlib import Path
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from . import selectors
from .models import Procedure, Raadsbesluit
from .regeling import regeling_voor


def static_dir():
    return Path(settings.BASE_DIR, "static").resolve()


class LocalFetcher(URLFetcher):
    """Read files under the static directory and data: URLs; refuse everything else (the network above all)."""

    def __init__(self):
        super().__init__(allowed_protocols=["file", "data"], allow_redirects=False)

    def fetch(self, url, headers=None):
        if url.startswith("file:"):
            path = Path(url2pathname(url.split("?")[0].split("#")[0].removeprefix("file:"))).resolve()
            if not path.is_relative_to(static_dir()):
                raise ValueError(f"Buiten de statische map: {url}")
        elif not url.startswith("data:"):
            raise ValueError(f"Geen lokaal bestand: {url}")
        return super().fetch(url, headers)


def reviewpakket_context(versie, bestuur):
    """Everything a council needs to review the proposal: lines, its own share against last year, Q&A, rules."""
    regeling = regeling_voor(versie)
    tabel = selectors.verdelingstabel(versie, regeling)
    rij = tabel.rij_van(bestuur.pk)
    besluit = Raadsbesluit.objects.filter(versie=versie, bestuur=bestuur).first()
    return {
        "versie": versie,
        "regio": versie.jaarprogramma.regio,
        "bestuur": bestuur,
        "regeling": regeling,
        "tabel": tabel,
        "aandeel": list(zip(tabel.regels, rij.bedragen, strict=True)) if rij else [],
        "rij": rij,
        "vragen": selectors.vragen_van(versie),
        "beslisregel": selectors.beslisregel_tekst(regeling),
        "deadline": besluit.deadline if besluit else versie.deadline,
        "termijnen": selectors.zienswijze_termijnen(versie, regeling)
        if regeling.procedure == Procedure.ZIENSWIJZE
        else [],
        "zienswijzen": selectors.zienswijzen_van(versie)
        if regeling.procedure == Procedure.ZIENSWIJZE
        else [],
        "gemaakt_op": timezone.localtime(),
    }


def render_reviewpakket(versie, bestuur):
    """Return the review packet of `bestuur` for `versie` as PDF bytes."""
    html = render_to_string("programmas/pdf/reviewpakket.html", reviewpakket_context(versie, bestuur))
    return HTML(string=html, base_url=static_dir().as_uri() + "/", url_fetcher=LocalFetcher()).write_pdf()
