"""The three kinds of document a note can be on, each with its lookup, its reading rule and its title.

The reading rules are the lower apps' own (`vergaderingen.permissions.can_view_document`,
`programmas.permissions.can_view_versie` as its document and packet views ask them): whoever may not open the
document may not write or read notes on it (404).
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from programmas import permissions as programmas_permissions
from programmas.models import Registratie, Reviewpakket
from vergaderingen import permissions as vergaderingen_permissions
from vergaderingen.models import Document


@dataclass(frozen=True)
class Soort:
    """One kind of document: its URL word (`slug`, also the field of `Notitie`), its model and its rules."""

    slug: str
    label: Any
    model: Any
    related: tuple
    filter: Any

    def queryset(self):
        return self.model.objects.select_related(*self.related).filter(self.filter)

    def can_view(self, user, doc):
        return _CAN_VIEW[self.slug](user, doc)

    def titel(self, doc):
        return _TITEL[self.slug](doc)

    def open_url(self, doc):
        """Where the document itself opens (the file, or the packet's page)."""
        return _OPEN[self.slug](doc)


def _besluit_titel(registratie):
    besluit = registratie.besluit
    return _("Besluitdocument van %(bestuur)s (%(datum)s) over %(versie)s") % {
        "bestuur": besluit.bestuur,
        "datum": date_format(registratie.datum_raad, "j F Y"),
        "versie": besluit.versie,
    }


_CAN_VIEW = {
    "document": vergaderingen_permissions.can_view_document,
    "besluitdocument": lambda user, r: programmas_permissions.can_view_versie(user, r.besluit.versie),
    "reviewpakket": lambda user, p: programmas_permissions.can_view_versie(user, p.versie),
}
_TITEL = {
    "document": lambda doc: doc.naam,
    "besluitdocument": _besluit_titel,
    "reviewpakket": str,
}
_OPEN = {
    "document": lambda doc: doc.get_absolute_url(),
    "besluitdocument": lambda r: reverse("programmas:document", kwargs={"pk": r.pk}),
    "reviewpakket": lambda p: p.get_absolute_url(),
}

SOORTEN = {
    soort.slug: soort
    for soort in (
        Soort(
            "document",
            _("agendadocument"),
            Document,
            ("agendapunt__vergadering__orgaan__regio",),
            Q(agendapunt__isnull=False),  # an agenda item's document; a planning day's working papers are not
        ),
        Soort(
            "besluitdocument",
            _("besluitdocument"),
            Registratie,
            ("besluit__bestuur", "besluit__versie__jaarprogramma__regio"),
            ~Q(document=""),  # a registration with a decision document
        ),
        Soort(
            "reviewpakket",
            _("reviewpakket"),
            Reviewpakket,
            ("bestuur", "versie__jaarprogramma__regio"),
            Q(),
        ),
    )
}

#: For select_related on notes: each document's path to what its title and reading rule need.
NOTITIE_RELATED = [f"{slug}__{pad}" for slug, soort in SOORTEN.items() for pad in soort.related]


def soort_van(model_or_obj):
    """The kind of a document (a model instance), or None."""
    for soort in SOORTEN.values():
        if isinstance(model_or_obj, soort.model):
            return soort
    return None


def notities_url(doc):
    """The notes page of a document."""
    soort = soort_van(doc)
    return reverse("notities:document", kwargs={"soort": soort.slug, "pk": doc.pk})


def notities_link(doc):
    """The link next to a document on the lower apps' pages (`regioportaal.documentlinks`): no query."""
    soort = soort_van(doc)
    if soort is None or (soort.slug == "document" and doc.agendapunt_id is None):
        return None
    return _("Notities"), notities_url(doc)
