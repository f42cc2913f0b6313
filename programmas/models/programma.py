"""The programme and its settings: the region's arrangement, the annual programme and its numbered versions."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from besturen.models import Orgaan, Regio
from regioportaal.limieten import TEKST_MAX

EURO = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}
FRACTIE = {
    "max_digits": 5,
    "decimal_places": 4,
    "validators": [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
}


class Procedure(models.TextChoices):
    INSTEMMING = "instemming", _("instemming (elke raad keurt goed of af)")
    ZIENSWIJZE = "zienswijze", _("zienswijze (Wgr art. 35: raden geven hun zienswijze)")


class Beslisregel(models.TextChoices):
    UNANIEM = "unaniem", _("unanimiteit")
    LEDEN = "leden", _("gekwalificeerde meerderheid van de leden")
    BEVOLKING = "bevolking", _("gekwalificeerde meerderheid van de bevolking")
    BEIDE = "beide", _("meerderheid van de leden én van de bevolking")


class AmendementRegel(models.TextChoices):
    NIET = "niet", _("telt niet als goedkeuring (het bestuur beslist over een nieuwe versie)")
    GOEDKEURING = "goedkeuring", _("telt als goedkeuring")
    TERUG = "terug", _("stuurt de versie meteen terug naar het bestuur")


class ProgrammaSoort(models.TextChoices):
    PROGRAMMA = "programma", _("jaarprogramma")
    BEGROTING = "begroting", _("begroting van de gemeenschappelijke regeling")


class SleutelSoort(models.TextChoices):
    BEVOLKING = "bevolking", _("naar inwonertal")
    GELIJK = "gelijk", _("gelijke delen")
    MIX = "mix", _("mix van inwonertal en gelijke delen")
    PER_INWONER = "per_inwoner", _("vast bedrag per inwoner")


class Programmaregeling(models.Model):
    """How a region decides on its programme and splits its cost (a region setting, because the law differs)."""

    regio = models.OneToOneField(
        Regio, verbose_name=_("regio"), on_delete=models.CASCADE, related_name="programmaregeling"
    )
    procedure = models.CharField(
        _("procedure"), max_length=12, choices=Procedure.choices, default=Procedure.INSTEMMING
    )
    beslisregel = models.CharField(
        _("beslisregel"), max_length=10, choices=Beslisregel.choices, default=Beslisregel.UNANIEM
    )
    drempel_leden = models.DecimalField(_("drempel leden (aandeel)"), default=Decimal("0.6667"), **FRACTIE)
    drempel_bevolking = models.DecimalField(
        _("drempel bevolking (aandeel)"), default=Decimal("0.5"), **FRACTIE
    )
    amendement = models.CharField(
        _("goedkeuring met amendement"),
        max_length=12,
        choices=AmendementRegel.choices,
        default=AmendementRegel.NIET,
        help_text=_("Hoe een goedkeuring met amendement meetelt bij de instemming."),
    )
    termijn_dagen = models.PositiveSmallIntegerField(
        _("termijn voor de raden (dagen)"), default=90, validators=[MinValueValidator(1)]
    )
    zienswijze_weken = models.PositiveSmallIntegerField(
        _("termijn voor zienswijzen (weken)"),
        default=12,
        validators=[MinValueValidator(12)],
        help_text=_("Wgr art. 35: minstens twaalf weken; langer mag."),
    )
    bestuursorgaan = models.ForeignKey(
        Orgaan,
        verbose_name=_("orgaan dat het programma vaststelt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sleutel = models.CharField(
        _("verdeelsleutel"), max_length=12, choices=SleutelSoort.choices, default=SleutelSoort.BEVOLKING
    )
    aandeel_bevolking = models.DecimalField(
        _("aandeel naar inwonertal (bij een mix)"), default=Decimal("0.5"), **FRACTIE
    )
    bedrag_per_inwoner = models.DecimalField(
        _("bedrag per inwoner (euro)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Het standaardtarief van een nieuwe regel met een vast bedrag per inwoner."),
    )

    class Meta:
        verbose_name = _("programmaregeling")
        verbose_name_plural = _("programmaregelingen")

    def __str__(self):
        return str(self.regio)


class Jaarprogramma(models.Model):
    regio = models.ForeignKey(
        Regio, verbose_name=_("regio"), on_delete=models.CASCADE, related_name="jaarprogrammas"
    )
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    soort = models.CharField(
        _("soort"), max_length=10, choices=ProgrammaSoort.choices, default=ProgrammaSoort.PROGRAMMA
    )
    titel = models.CharField(_("titel"), max_length=200, blank=True)
    procedure = models.CharField(
        _("procedure"),
        max_length=12,
        choices=Procedure.choices,
        blank=True,
        help_text=_("Leeg: de procedure van de regio."),
    )
    behandeldatum = models.DateField(
        _("vergaderdatum van het bestuur"),
        null=True,
        blank=True,
        help_text=_(
            "De vergadering waarin het (algemeen) bestuur het programma vaststelt; de P&C-kalender rekent terug vanaf deze datum."
        ),
    )
    jaarrekening_vastgesteld_op = models.DateField(_("jaarrekening vastgesteld op"), null=True, blank=True)
    jaarrekening_naar_gs_op = models.DateField(
        _("jaarrekening naar gedeputeerde staten op"), null=True, blank=True
    )
    kaders_verzonden_op = models.DateField(
        _("kaders en voorlopige jaarrekening naar de raden op"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("jaarprogramma")
        verbose_name_plural = _("jaarprogramma's")
        ordering = ["regio", "-jaar", "soort"]
        constraints = [
            models.UniqueConstraint(fields=["regio", "jaar", "soort"], name="jaarprogramma_per_jaar_en_soort")
        ]

    def __str__(self):
        if self.titel:
            return self.titel
        if self.soort == ProgrammaSoort.BEGROTING:
            return _("Begroting %(jaar)s %(regio)s") % {"jaar": self.jaar, "regio": self.regio}
        return _("Jaarprogramma %(jaar)s %(regio)s") % {"jaar": self.jaar, "regio": self.regio}

    def get_absolute_url(self):
        return reverse("programmas:jaarprogramma", kwargs={"pk": self.pk})

    def procedure_van(self, regeling):
        """The route this programme follows: its own, or the region's default."""
        return self.procedure or regeling.procedure


class VersieStatus(models.TextChoices):
    CONCEPT = "concept", _("concept")
    INGEDIEND = "ingediend", _("ingediend")
    VASTGESTELD = "vastgesteld", _("vastgesteld")
    VOORGELEGD = "voorgelegd", _("voorgelegd aan de raden")
    GOEDGEKEURD = "goedgekeurd", _("goedgekeurd")
    AFGEWEZEN = "afgewezen", _("afgewezen")
    TERUG = "terug", _("terug naar het bestuur")


class Versie(models.Model):
    """A numbered version of an annual programme; editable while concept, frozen from adoption on."""

    jaarprogramma = models.ForeignKey(
        Jaarprogramma, verbose_name=_("jaarprogramma"), on_delete=models.CASCADE, related_name="versies"
    )
    nummer = models.PositiveSmallIntegerField(_("versie"))
    status = models.CharField(
        _("status"), max_length=12, choices=VersieStatus.choices, default=VersieStatus.CONCEPT
    )
    toelichting = models.TextField(_("toelichting"), blank=True, max_length=TEKST_MAX)
    gebaseerd_op = models.ForeignKey(
        "self",
        verbose_name=_("gebaseerd op"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ingediend_op = models.DateField(_("ingediend op"), null=True, blank=True)
    vastgesteld_op = models.DateField(_("vastgesteld op"), null=True, blank=True)
    besluit_referentie = models.CharField(_("referentie van het besluit"), max_length=100, blank=True)
    voorgelegd_op = models.DateField(_("voorgelegd op"), null=True, blank=True)
    deadline = models.DateField(_("uiterste datum voor de raden"), null=True, blank=True)
    openbaar = models.BooleanField(
        _("openbaar"), default=False, help_text=_("Een vastgestelde versie is openbaar; een concept niet.")
    )
    # Stored when the version is routed or adopted (whichever comes first); from then on every page, PDF and export
    # reads these and the Bijdrage rows, never the region's settings or today's populations.
    bevroren_op = models.DateTimeField(_("cijfers vastgelegd op"), null=True, blank=True)
    procedure = models.CharField(_("procedure"), max_length=12, choices=Procedure.choices, blank=True)
    beslisregel = models.CharField(_("beslisregel"), max_length=10, choices=Beslisregel.choices, blank=True)
    drempel_leden = models.DecimalField(_("drempel leden (aandeel)"), null=True, blank=True, **FRACTIE)
    drempel_bevolking = models.DecimalField(
        _("drempel bevolking (aandeel)"), null=True, blank=True, **FRACTIE
    )
    amendement = models.CharField(
        _("goedkeuring met amendement"), max_length=12, choices=AmendementRegel.choices, blank=True
    )
    sleutel = models.CharField(_("verdeelsleutel"), max_length=12, choices=SleutelSoort.choices, blank=True)
    aandeel_bevolking = models.DecimalField(
        _("aandeel naar inwonertal (bij een mix)"), null=True, blank=True, **FRACTIE
    )
    # The end of the council phase: the board sent it back, or a later version replaced it.
    teruggestuurd_op = models.DateField(_("teruggestuurd op"), null=True, blank=True)
    vervangen_door = models.ForeignKey(
        "self",
        verbose_name=_("vervangen door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Wgr art. 34 lid 2: the adopted budget goes to gedeputeerde staten.
    naar_gs_op = models.DateField(_("naar gedeputeerde staten op"), null=True, blank=True)
    naar_gs_referentie = models.CharField(_("kenmerk van de verzending"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("programmaversie")
        verbose_name_plural = _("programmaversies")
        ordering = ["jaarprogramma", "-nummer"]
        constraints = [
            models.UniqueConstraint(fields=["jaarprogramma", "nummer"], name="versie_nummer_uniek")
        ]

    def __str__(self):
        return _("%(programma)s, versie %(nummer)s") % {
            "programma": self.jaarprogramma,
            "nummer": self.nummer,
        }

    def get_absolute_url(self):
        return reverse("programmas:versie", kwargs={"pk": self.pk})

    @property
    def bewerkbaar(self):
        return self.status == VersieStatus.CONCEPT

    @property
    def regio(self):
        return self.jaarprogramma.regio

    @property
    def bevroren(self):
        return self.bevroren_op is not None

    @property
    def afgesloten(self):
        """Sent back by the board or replaced by a later version: the councils' phase of this version is over."""
        return self.teruggestuurd_op is not None or self.vervangen_door_id is not None
