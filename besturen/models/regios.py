"""Regions, member governments, their population and their membership of a region; the shared `Periode`."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regioportaal.limieten import TEKST_MAX


class Land(models.TextChoices):
    BELGIE = "BE", _("België")
    NEDERLAND = "NL", _("Nederland")


class Rechtsvorm(models.TextChoices):
    PROJECTVERENIGING = "projectvereniging", _("projectvereniging")
    DIENSTVERLENENDE_VERENIGING = "dienstverlenende_vereniging", _("dienstverlenende vereniging")
    OPDRACHTHOUDENDE_VERENIGING = "opdrachthoudende_vereniging", _("opdrachthoudende vereniging")
    INTERLOKALE_VERENIGING = "interlokale_vereniging", _("interlokale vereniging")
    GEMEENSCHAPPELIJKE_REGELING = "gemeenschappelijke_regeling", _("gemeenschappelijke regeling")
    FEITELIJK = "feitelijke_vereniging", _("feitelijke samenwerking (zonder rechtspersoonlijkheid)")
    ANDERS = "anders", _("andere vorm")


def current_q(day=None, prefix=""):
    """Rows that count on `day`: begun on or before it and not yet ended (einddatum is the first day off)."""
    day = day or timezone.localdate()
    return Q(**{f"{prefix}begindatum__lte": day}) & (
        Q(**{f"{prefix}einddatum__isnull": True}) | Q(**{f"{prefix}einddatum__gt": day})
    )


def current_sql(alias, day=None):
    """`current_q` as a condition of a written-out query, on the table under `alias` (the same two columns): (sql,
    params). The text depends on `alias` only (the day is a parameter, twice); SQL that PostgreSQL and SQLite both
    read."""
    day = day or timezone.localdate()
    return (
        f"({alias}.begindatum <= %s AND ({alias}.einddatum IS NULL OR {alias}.einddatum > %s))",
        [day, day],
    )


class CurrentQuerySet(models.QuerySet):
    """Rows with a begindatum and an optional einddatum (exclusive), filtered on a day."""

    def current(self, on=None):
        return self.filter(current_q(on))

    def former(self, on=None):
        return self.filter(einddatum__lte=on or timezone.localdate())


def einde_na_begin(name):
    """The check that a period does not end before it begins (its einddatum may equal its begindatum)."""
    return models.CheckConstraint(
        condition=Q(einddatum__isnull=True) | Q(einddatum__gte=models.F("begindatum")),
        name=name,
        violation_error_message=_("De einddatum ligt vóór de begindatum."),
    )


class Periode(models.Model):
    """A row that counts from its `begindatum` up to its optional `einddatum` (the first day it no longer counts).

    The one home of "current": `Model.objects.current(day)` in queries, `row.is_current(day)` on a loaded row.
    Subclasses declare the two date fields themselves (each with its own help text).
    """

    objects = CurrentQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_current(self, day=None):
        day = day or timezone.localdate()
        return self.begindatum <= day and (self.einddatum is None or self.einddatum > day)


class Regio(models.Model):
    """A regional partnership (samenwerkingsverband) of local governments."""

    naam = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam in de URL"), max_length=80, unique=True)
    land = models.CharField(_("land"), max_length=2, choices=Land.choices)
    rechtsvorm = models.CharField(_("rechtsvorm"), max_length=40, choices=Rechtsvorm.choices)
    beschrijving = models.TextField(_("beschrijving"), blank=True, max_length=TEKST_MAX)

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ["naam"]
        permissions = [
            (
                "manage_regio",
                _("De regio beheren: organen, lidmaatschappen, uitnodigingen, logboek (secretariaat)"),
            ),
            ("view_besloten_regio", _("Niet-openbare stukken voor de raden van de regio inzien")),
        ]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("besturen:regio", kwargs={"slug": self.slug})


class BestuurSoort(models.TextChoices):
    GEMEENTE = "gemeente", _("gemeente")
    OCMW = "ocmw", _("OCMW")
    PROVINCIE = "provincie", _("provincie")
    INTERCOMMUNALE = "intercommunale", _("intercommunale")
    ANDERS = "anders", _("ander bestuur")


class Bestuur(models.Model):
    """A member local government (OSLO Bestuurseenheid) with its official code and population.

    `inwoners`, `inwoners_peildatum` and `inwoners_bron` are the current figure: the `Bevolkingscijfer` with
    the latest peildatum (the import keeps them so). Earlier figures stay in `bevolkingscijfers`.
    """

    soort = models.CharField(_("soort"), max_length=20, choices=BestuurSoort.choices)
    naam = models.CharField(_("naam"), max_length=200)
    code = models.CharField(
        _("officiële code"), max_length=20, help_text=_("NIS-code (België) of CBS-code (Nederland).")
    )
    land = models.CharField(_("land"), max_length=2, choices=Land.choices)
    provincie = models.CharField(_("provincie"), max_length=100, blank=True)
    inwoners = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    inwoners_peildatum = models.DateField(_("peildatum inwoners"), null=True, blank=True)
    inwoners_bron = models.CharField(
        _("bron inwoners"),
        max_length=200,
        blank=True,
        help_text=_("Bron van het huidige aantal inwoners, bijvoorbeeld Statbel 2020 of CBS 2021."),
    )

    class Meta:
        verbose_name = _("bestuur")
        verbose_name_plural = _("besturen")
        ordering = ["naam", "soort"]
        constraints = [
            models.UniqueConstraint(
                fields=["land", "code", "soort"], name="bestuur_uniek_per_land_code_soort"
            ),
            models.CheckConstraint(
                condition=Q(inwoners_peildatum__isnull=False) | Q(inwoners__isnull=True),
                name="bestuur_inwoners_met_peildatum",
            ),
        ]

    def __str__(self):
        if self.soort == BestuurSoort.GEMEENTE:
            return self.naam
        return f"{self.get_soort_display()} {self.naam}"

    def get_absolute_url(self):
        return reverse("besturen:bestuur", kwargs={"pk": self.pk})


BRON_ONBEKEND = "onbekend"


class Bevolkingscijfer(models.Model):
    """A Bestuur's population on a reference date, with its source: the history behind `Bestuur.inwoners`.

    An import adds the figure of its file's peildatum (or corrects that year's figure); figures councils
    decided on are never overwritten by a later year's import.
    """

    bestuur = models.ForeignKey(
        Bestuur, verbose_name=_("bestuur"), on_delete=models.CASCADE, related_name="bevolkingscijfers"
    )
    inwoners = models.PositiveIntegerField(_("inwoners"))
    peildatum = models.DateField(_("peildatum"))
    bron = models.CharField(_("bron"), max_length=200, help_text=_("Bijvoorbeeld Statbel 2020 of CBS 2021."))
    ingelezen_op = models.DateTimeField(_("ingelezen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("bevolkingscijfer")
        verbose_name_plural = _("bevolkingscijfers")
        ordering = ["-peildatum"]
        constraints = [
            models.UniqueConstraint(
                fields=["bestuur", "peildatum"],
                name="bevolkingscijfer_uniek_per_peildatum",
                violation_error_message=_("Dit bestuur heeft al een bevolkingscijfer op deze peildatum."),
            ),
        ]

    def __str__(self):
        return f"{self.bestuur}: {self.inwoners} ({self.peildatum:%Y-%m-%d}, {self.bron})"


class Deelname(Periode):
    """A Bestuur's membership of a Regio from a start date to an optional end date."""

    regio = models.ForeignKey(
        Regio, verbose_name=_("regio"), on_delete=models.CASCADE, related_name="deelnames"
    )
    bestuur = models.ForeignKey(
        Bestuur, verbose_name=_("bestuur"), on_delete=models.PROTECT, related_name="deelnames"
    )
    begindatum = models.DateField(_("begindatum"))
    einddatum = models.DateField(
        _("einddatum"), null=True, blank=True, help_text=_("Vanaf deze dag is het bestuur geen lid meer.")
    )

    class Meta:
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        ordering = ["regio", "bestuur__naam"]
        constraints = [
            models.UniqueConstraint(fields=["regio", "bestuur", "begindatum"], name="deelname_uniek"),
            einde_na_begin("deelname_einde_na_begin"),
        ]

    def __str__(self):
        return f"{self.bestuur} in {self.regio}"
