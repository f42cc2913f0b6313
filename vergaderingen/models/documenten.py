"""Uploaded files of an agenda item or a work session."""

import uuid

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .bijeenkomst import Werksessie
from .vergadering import Agendapunt


def document_pad(instance, filename):
    """Store every upload under a random name: the user's file name never becomes a path."""
    return f"vergaderingen/documenten/{uuid.uuid4().hex}.{instance.soort}"


class DocumentSoort(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    XLSX = "xlsx", "Excel (XLSX)"


class Document(models.Model):
    """An uploaded file of an agenda item or a work session; stored outside the web root, served by a view."""

    agendapunt = models.ForeignKey(
        Agendapunt,
        verbose_name=_("agendapunt"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documenten",
    )
    werksessie = models.ForeignKey(
        Werksessie,
        verbose_name=_("werksessie"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documenten",
    )
    naam = models.CharField(_("bestandsnaam"), max_length=200)
    soort = models.CharField(_("soort"), max_length=4, choices=DocumentSoort.choices)
    bestand = models.FileField(_("bestand"), upload_to=document_pad)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"))
    tijdstip = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)
    ingetrokken_op = models.DateTimeField(
        _("ingetrokken op"),
        null=True,
        blank=True,
        help_text=_(
            "Een gepubliceerd stuk wordt niet verwijderd maar ingetrokken: het blijft zichtbaar, met de reden."
        ),
    )
    reden_intrekking = models.CharField(_("reden van de intrekking"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["naam", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(agendapunt__isnull=False) & Q(werksessie__isnull=True))
                | (Q(agendapunt__isnull=True) & Q(werksessie__isnull=False)),
                name="document_bij_agendapunt_of_werksessie",
            )
        ]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("vergaderingen:document", kwargs={"pk": self.pk})

    @property
    def ingetrokken(self):
        return self.ingetrokken_op is not None
