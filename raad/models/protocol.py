"""The information protocol: what a region's councils receive and when (`Informatieafspraak`), and the log per
council of what was sent when (`Informatiezending`)."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from besturen.models import Bestuur, Orgaan, Regio
from regioportaal.limieten import TEKST_MAX


class Informatiesoort(models.TextChoices):
    VOORTGANG = "voortgang", _("voortgang per opgave")
    TERUGKOPPELING = "terugkoppeling", _("terugkoppeling na een vergadering")
    JAARVERSLAG = "jaarverslag", _("jaarverslag per opgave")
    PROGRAMMASTATUS = "programmastatus", _("stand van de jaarprogramma's")


class Frequentie(models.TextChoices):
    KWARTAAL = "kwartaal", _("elk kwartaal, op een vaste dag")
    NA_VERGADERING = "na_vergadering", _("na elke vergadering van een orgaan")
    JAARLIJKS = "jaarlijks", _("elk jaar, op een vaste datum")


class Ontvangers(models.TextChoices):
    SECRETARIS = "secretaris", _("de raadssecretaris (griffier)")
    LEDEN = "leden", _("de raadsleden")
    ALLEN = "allen", _("de raadssecretaris en de raadsleden")


class Informatieafspraak(models.Model):
    """One agreement of a region's information protocol: what its member councils receive (`soort`), when
    (`frequentie` with its day, date or body) and who in each council (`ontvangers`)."""

    regio = models.ForeignKey(
        Regio, verbose_name=_("regio"), on_delete=models.CASCADE, related_name="informatieafspraken"
    )
    soort = models.CharField(_("wat"), max_length=20, choices=Informatiesoort.choices)
    frequentie = models.CharField(_("wanneer"), max_length=20, choices=Frequentie.choices)
    dag = models.PositiveSmallIntegerField(
        _("dag"),
        null=True,
        blank=True,
        help_text=_(
            "Elk kwartaal: de dag in de eerste maand na het kwartaal (januari, april, juli, oktober). "
            "Elk jaar: de dag van de datum. Van 1 tot en met 28."
        ),
    )
    maand = models.PositiveSmallIntegerField(
        _("maand"), null=True, blank=True, help_text=_("Elk jaar: de maand van de datum (1 tot en met 12).")
    )
    orgaan = models.ForeignKey(
        Orgaan,
        verbose_name=_("orgaan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="informatieafspraken",
        help_text=_("Na elke vergadering van dit orgaan van de regio."),
    )
    ontvangers = models.CharField(
        _("ontvangers in elke raad"), max_length=20, choices=Ontvangers.choices, default=Ontvangers.ALLEN
    )
    begindatum = models.DateField(
        _("vanaf"),
        default=timezone.localdate,
        help_text=_("Wat vóór deze dag te versturen was, gaat niet meer uit."),
    )
    actief = models.BooleanField(_("actief"), default=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("informatieafspraak")
        verbose_name_plural = _("informatieafspraken")
        ordering = ["regio", "soort", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dag__isnull=True) | Q(dag__gte=1, dag__lte=28),
                name="informatieafspraak_dag_1_tot_28",
                violation_error_message=_("Kies een dag van 1 tot en met 28."),
            ),
            models.CheckConstraint(
                condition=Q(maand__isnull=True) | Q(maand__gte=1, maand__lte=12),
                name="informatieafspraak_maand_1_tot_12",
                violation_error_message=_("Kies een maand van 1 tot en met 12."),
            ),
            models.CheckConstraint(
                condition=Q(frequentie=Frequentie.KWARTAAL, dag__isnull=False, orgaan__isnull=True)
                | Q(
                    frequentie=Frequentie.JAARLIJKS,
                    dag__isnull=False,
                    maand__isnull=False,
                    orgaan__isnull=True,
                )
                | Q(frequentie=Frequentie.NA_VERGADERING, orgaan__isnull=False),
                name="informatieafspraak_moment_volledig",
                violation_error_message=_(
                    "Kies een dag voor elk kwartaal, een dag en maand voor elk jaar, of een orgaan voor na elke "
                    "vergadering."
                ),
            ),
            models.CheckConstraint(
                condition=Q(soort=Informatiesoort.TERUGKOPPELING, frequentie=Frequentie.NA_VERGADERING)
                | (~Q(soort=Informatiesoort.TERUGKOPPELING) & ~Q(frequentie=Frequentie.NA_VERGADERING)),
                name="informatieafspraak_terugkoppeling_na_vergadering",
                violation_error_message=_(
                    "Een terugkoppeling volgt op een vergadering; de andere soorten gaan per kwartaal of per jaar."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} ({self.regio})"

    @property
    def datum_tekst(self):
        """The yearly date in words ("1 maart"), or "" for another frequency."""
        if self.dag is None or self.maand is None:
            return ""
        return date_format(datetime.date(2000, self.maand, self.dag), "j F")


class Informatiezending(models.Model):
    """What one council (its `bestuur`) received under one agreement for one period, and when: the log row, with the
    text as sent and the messages (`Melding`) to its secretary and members. Once per council and period."""

    afspraak = models.ForeignKey(
        Informatieafspraak, verbose_name=_("afspraak"), on_delete=models.PROTECT, related_name="zendingen"
    )
    bestuur = models.ForeignKey(
        Bestuur, verbose_name=_("bestuur"), on_delete=models.PROTECT, related_name="informatiezendingen"
    )
    periode = models.CharField(
        _("periode"),
        max_length=40,
        help_text=_("De sleutel van de periode, bv. 2026-K3, 2026 of vergadering-12."),
    )
    periode_label = models.CharField(_("over"), max_length=200)
    verzonden_op = models.DateTimeField(_("verzonden op"), default=timezone.now)
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    inhoud = models.TextField(_("inhoud zoals verzonden"), max_length=TEKST_MAX)
    aantal_ontvangers = models.PositiveIntegerField(_("aantal ontvangers"), default=0)
    meldingen = models.ManyToManyField(
        "regioportaal.Melding", verbose_name=_("meldingen"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("informatiezending")
        verbose_name_plural = _("informatiezendingen")
        ordering = ["-verzonden_op", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["afspraak", "bestuur", "periode"],
                name="informatiezending_eenmalig_per_raad_en_periode",
                violation_error_message=_("Deze raad kreeg dit stuk voor deze periode al."),
            ),
        ]

    def __str__(self):
        return f"{self.onderwerp} ({self.bestuur})"
