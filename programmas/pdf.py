"""The review packet of one member council as PDF (rendered offline by `regioportaal.pdf`)."""

from django.template.loader import render_to_string
from django.utils import timezone

from regioportaal.pdf import LocalFetcher, render_pdf, static_dir

from . import selectors
from .models import Procedure, Raadsbesluit
from .regeling import regeling_voor

__all__ = ["LocalFetcher", "render_reviewpakket", "reviewpakket_context", "static_dir"]


def reviewpakket_context(versie, bestuur):
    """Everything a council needs to review the proposal: lines, its own share against last year, Q&A, rules."""
    regeling = regeling_voor(versie)
    tabel = selectors.verdelingstabel(versie, regeling)
    vragen = list(selectors.vragen_van(versie))
    # One file for whoever reads the version (the public too, once it is public): only published opgaven by name.
    selectors.met_titels(None, [*tabel.regels, *(v.regel for v in vragen if v.regel)])
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
        "vragen": vragen,
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
    return render_pdf(html)
