"""The review packet of one member council as PDF (rendered offline by `regioportaal.pdf`)."""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from opgaven import selectors as opgaven_selectors
from regioportaal.pdf import LocalFetcher, render_pdf, static_dir

from . import selectors
from .models import Procedure, Raadsbesluit
from .regeling import regeling_voor

__all__ = ["LocalFetcher", "inhoud_per_opgave", "render_reviewpakket", "reviewpakket_context", "static_dir"]


@dataclass
class Inhoud:
    """What one line's opgave delivers, next to its money: shown only for a published opgave."""

    regel: object  # the line (its `titel` as the reader may read it, its `bedrag`)
    aandeel: object  # this member's share of the line, or None when it does not take part
    opgave: object = None  # None: a draft the packet's readers may not see
    mandaat: object = None  # the most recent mandate
    voortgang: object = None  # the latest progress report


def inhoud_per_opgave(regels, bedragen):
    """Per line (with the member's share from `bedragen`), its opgave's doel, resultaat, mandate and last progress,
    read through `opgaven.selectors` as the public reads them: the packet is one file for every reader of the
    version, so a draft opgave shows nothing but its line (`visible_opgave_ids(None, …)`). A fixed number of
    queries, whatever the number of lines."""
    zichtbaar = opgaven_selectors.visible_opgave_ids(None, [regel.opgave for regel in regels])
    opgaven = {
        opgave.pk: opgave for opgave in opgaven_selectors.opgave_detail_queryset().filter(pk__in=zichtbaar)
    }
    inhoud = []
    for regel, bedrag in zip(regels, bedragen, strict=True):
        opgave = opgaven.get(regel.opgave_id)
        mandaten = list(opgave.mandaten.all()) if opgave else []  # newest first (the model's order)
        rapporten = list(opgave.voortgang.all()) if opgave else []  # oldest first
        inhoud.append(
            Inhoud(
                regel,
                bedrag,
                opgave,
                mandaten[0] if mandaten else None,
                rapporten[-1] if rapporten else None,
            )
        )
    return inhoud


def reviewpakket_context(versie, bestuur):
    """Everything a council needs to review the proposal: lines, its own share against last year, Q&A, rules."""
    regeling = regeling_voor(versie)
    tabel = selectors.verdelingstabel(versie, regeling)
    vragen = list(selectors.vragen_van(versie))
    # One file for whoever reads the version (the public too, once it is public): only published opgaven by name.
    selectors.met_titels(None, [*tabel.regels, *(v.regel for v in vragen if v.regel)])
    rij = tabel.rij_van(bestuur.pk)
    besluit = Raadsbesluit.objects.filter(versie=versie, bestuur=bestuur).first()
    bedragen = rij.bedragen if rij else [None] * len(tabel.regels)
    return {
        "versie": versie,
        "regio": versie.jaarprogramma.regio,
        "bestuur": bestuur,
        "regeling": regeling,
        "tabel": tabel,
        "aandeel": list(zip(tabel.regels, rij.bedragen, strict=True)) if rij else [],
        "rij": rij,
        "inhoud": inhoud_per_opgave(tabel.regels, bedragen),
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
