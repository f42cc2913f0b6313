"""A version's lines, the fixed contributions agreed outside the key, and the frozen split per member."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from besturen.models import Bestuur
from opgaven.models import Opgave

from .programma import EURO, FRACTIE, SleutelSoort, Versie


class Programmaregel(models.Model):
    """One opgave's line in a programme version: its budget and capacity for the year, and who takes part."""

    versie = models.ForeignKey(
        Versie, verbose_name=_("versie"), on_delete=models.CASCADE, related_name="regels"
    )
    opgave = models.ForeignKey(Opgave, verbose_name=_("opgave"), on_delete=models.PROTECT, related_name="+")
    bedrag = models.DecimalField(_("bedrag (euro)"), **EURO)
    capaciteit_uren = models.DecimalField(
        _("capaciteit (uren)"),
        max_digits=10,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    sleutel = models.CharField(
        _("verdeelsleutel"),
        max_length=12,
        choices=SleutelSoort.choices,
        blank=True,
        help_text=_("Leeg: de verdeelsleutel van de regio."),
    )
    tarief_per_inwoner = models.DecimalField(
        _("bedrag per inwoner (euro)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_(
            "Bij een vast bedrag per inwoner: het tarief van deze regel (leeg: het tarief van de regio)."
        ),
    )
    deelnemers = models.ManyToManyField(
        Bestuur,
        verbose_name=_("deelnemende leden"),
        related_name="+",
        help_text=_("De leden die intekenen op deze opgave en haar kosten delen."),
    )

    class Meta:
        verbose_name = _("programmaregel")
        verbose_name_plural = _("programmaregels")
        ordering = ["versie", "opgave__titel"]
        constraints = [models.UniqueConstraint(fields=["versie", "opgave"], name="regel_per_opgave")]

    def __str__(self):
        return f"{self.opgave}: {self.bedrag}"


class VasteBijdrage(models.Model):
    """A fixed amount a member pays for a line, outside the key (an exception agreed in the region)."""

    regel = models.ForeignKey(Programmaregel, on_delete=models.CASCADE, related_name="vaste_bijdragen")
    bestuur = models.ForeignKey(Bestuur, verbose_name=_("lid"), on_delete=models.PROTECT, related_name="+")
    bedrag = models.DecimalField(_("vast bedrag (euro)"), **EURO)

    class Meta:
        verbose_name = _("vaste bijdrage")
        verbose_name_plural = _("vaste bijdragen")
        constraints = [models.UniqueConstraint(fields=["regel", "bestuur"], name="vaste_bijdrage_uniek")]

    def __str__(self):
        return f"{self.bestuur}: {self.bedrag}"


class Bijdrage(models.Model):
    """One member's share of one line of a frozen version, with every figure it was computed from.

    Written once, when the version is routed or adopted; pages, PDFs and exports of that version read these rows.
    """

    versie = models.ForeignKey(Versie, on_delete=models.CASCADE, related_name="bijdragen")
    regel = models.ForeignKey(Programmaregel, on_delete=models.CASCADE, related_name="bijdragen")
    bestuur = models.ForeignKey(Bestuur, verbose_name=_("lid"), on_delete=models.PROTECT, related_name="+")
    inwoners = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    peildatum = models.DateField(_("peildatum inwoners"), null=True, blank=True)
    bron = models.CharField(_("bron van het inwonertal"), max_length=200, blank=True)
    sleutel = models.CharField(_("verdeelsleutel"), max_length=12, choices=SleutelSoort.choices)
    aandeel_bevolking = models.DecimalField(_("aandeel naar inwonertal (bij een mix)"), **FRACTIE)
    tarief_per_inwoner = models.DecimalField(
        _("bedrag per inwoner (euro)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    vast_bedrag = models.DecimalField(_("vast bedrag (euro)"), null=True, blank=True, **EURO)
    centen = models.BigIntegerField(_("bedrag (eurocent)"), validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("vastgelegde bijdrage")
        verbose_name_plural = _("vastgelegde bijdragen")
        ordering = ["versie", "regel", "bestuur__naam"]
        # One member's rows of a version (its total in it: the grip page, Mijn gemeente, the municipality's page):
        # by `versie` alone PostgreSQL read the rows of all its members, some 100 a version, to keep five.
        indexes = [models.Index(fields=["versie", "bestuur"], name="bijdrage_per_versie_en_lid")]
        constraints = [
            models.UniqueConstraint(fields=["regel", "bestuur"], name="bijdrage_per_regel_en_lid"),
            models.CheckConstraint(condition=Q(centen__gte=0), name="bijdrage_niet_negatief"),
        ]

    def __str__(self):
        return f"{self.bestuur}: {self.bedrag}"

    @property
    def bedrag(self):
        return self.euro(self.centen)

    @staticmethod
    def euro(centen):
        """A stored amount in cents as euros, with two decimals (for reads of `centen` as plain values): the cents
        with the decimal point moved, exactly (the same value and notation as dividing by 100 and quantizing)."""
        return Decimal(centen).scaleb(-2)
