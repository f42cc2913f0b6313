"""A member's note on a document: private, or shared with a body the author sits in."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from besturen.models import Orgaan
from programmas.models import Registratie, Reviewpakket
from regioportaal.limieten import TEKST_MAX
from vergaderingen.models import Document

#: The document a note is on: one of three foreign keys (exactly one is set; see `Notitie.Meta.constraints`).
DOCUMENTVELDEN = ("document", "besluitdocument", "reviewpakket")


class Notitie(models.Model):
    """A note on an agenda document, a council's decision document or a review packet, optionally on one page.

    Private (`gedeeld_met` empty): only the author reads it. Shared: the author and whoever sits in `gedeeld_met`
    today read it. Only the author changes or deletes it.
    """

    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), on_delete=models.CASCADE, related_name="notities"
    )
    document = models.ForeignKey(
        Document,
        verbose_name=_("agendadocument"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    besluitdocument = models.ForeignKey(
        Registratie,
        verbose_name=_("besluitdocument"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    reviewpakket = models.ForeignKey(
        Reviewpakket,
        verbose_name=_("reviewpakket"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    pagina = models.PositiveIntegerField(_("pagina"), null=True, blank=True)
    tekst = models.TextField(_("tekst"), max_length=TEKST_MAX)
    gedeeld_met = models.ForeignKey(
        Orgaan,
        verbose_name=_("gedeeld met"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,  # a body that goes away leaves the note private, never wider
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField(_("geschreven op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("notitie")
        verbose_name_plural = _("notities")
        ordering = ["aangemaakt_op", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(document__isnull=False, besluitdocument__isnull=True, reviewpakket__isnull=True)
                    | Q(document__isnull=True, besluitdocument__isnull=False, reviewpakket__isnull=True)
                    | Q(document__isnull=True, besluitdocument__isnull=True, reviewpakket__isnull=False)
                ),
                name="notitie_bij_precies_een_document",
            ),
            models.CheckConstraint(
                condition=Q(pagina__isnull=True) | Q(pagina__gte=1), name="notitie_pagina_vanaf_1"
            ),
        ]

    def __str__(self):
        return _("Notitie %(nr)s") % {"nr": self.pk}

    @property
    def gedeeld(self):
        return self.gedeeld_met_id is not None

    @property
    def veld(self):
        """The name of the foreign key that holds this note's document."""
        return next(veld for veld in DOCUMENTVELDEN if getattr(self, f"{veld}_id") is not None)

    @property
    def doel(self):
        """The document this note is on."""
        return getattr(self, self.veld)
