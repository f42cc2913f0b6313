"""Strategy of a region and its opgaven: the formulation, the execution mandate, synergy and progress."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from besturen.models import Bestuur, Lidmaatschap, Orgaan, Persoon, Regio
from regioportaal.limieten import TEKST_MAX

from .permissions import besloten_opgaven_q

EURO = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


class Strategie(models.Model):
    """Mission and vision of a region."""

    regio = models.OneToOneField(
        Regio, verbose_name=_("regio"), on_delete=models.CASCADE, related_name="strategie"
    )
    missie = models.TextField(_("missie"), blank=True, max_length=TEKST_MAX)
    visie = models.TextField(_("visie"), blank=True, max_length=TEKST_MAX)

    class Meta:
        verbose_name = _("strategie")
        verbose_name_plural = _("strategieën")

    def __str__(self):
        return str(self.regio)


class Waarde(models.Model):
    """A shared value of a region (e.g. Stadsregio Turnhout's 'Transparantie')."""

    regio = models.ForeignKey(
        Regio, verbose_name=_("regio"), on_delete=models.CASCADE, related_name="waarden"
    )
    naam = models.CharField(_("naam"), max_length=100)
    tekst = models.TextField(_("tekst"), blank=True, max_length=TEKST_MAX)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    gearchiveerd = models.BooleanField(_("gearchiveerd"), default=False)

    class Meta:
        verbose_name = _("gedeelde waarde")
        verbose_name_plural = _("gedeelde waarden")
        ordering = ["regio", "volgorde", "naam"]

    def __str__(self):
        return self.naam


class Doelstelling(models.Model):
    """A numbered strategic goal of a region."""

    regio = models.ForeignKey(
        Regio, verbose_name=_("regio"), on_delete=models.CASCADE, related_name="doelstellingen"
    )
    nummer = models.PositiveSmallIntegerField(_("nummer"))
    titel = models.CharField(_("titel"), max_length=300)
    beschrijving = models.TextField(_("beschrijving"), blank=True, max_length=TEKST_MAX)
    indicatoren = models.TextField(
        _("indicatoren"),
        blank=True,
        help_text=_("Optioneel: hoe meten we dit doel?"),
        max_length=TEKST_MAX,
    )
    gearchiveerd = models.BooleanField(
        _("gearchiveerd"),
        default=False,
        help_text=_("Een gearchiveerde doelstelling blijft bij haar opgaven staan, maar krijgt geen nieuwe."),
    )

    class Meta:
        verbose_name = _("strategische doelstelling")
        verbose_name_plural = _("strategische doelstellingen")
        ordering = ["regio", "nummer"]
        constraints = [models.UniqueConstraint(fields=["regio", "nummer"], name="doelstelling_nummer_uniek")]

    def __str__(self):
        return f"{self.nummer}. {self.titel}"


class Thema(models.Model):
    """A policy domain of a region; a transversal theme applies across the others."""

    regio = models.ForeignKey(Regio, verbose_name=_("regio"), on_delete=models.CASCADE, related_name="themas")
    naam = models.CharField(_("naam"), max_length=150)
    beschrijving = models.TextField(_("beschrijving"), blank=True, max_length=TEKST_MAX)
    transversaal = models.BooleanField(_("transversaal"), default=False)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    gearchiveerd = models.BooleanField(
        _("gearchiveerd"),
        default=False,
        help_text=_("Een gearchiveerd thema blijft bij zijn opgaven staan, maar krijgt geen nieuwe."),
    )

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["regio", "transversaal", "volgorde", "naam"]
        constraints = [models.UniqueConstraint(fields=["regio", "naam"], name="thema_naam_uniek")]

    def __str__(self):
        return self.naam


class Status(models.TextChoices):
    IDEE = "idee", _("idee")
    IN_VOORBEREIDING = "in_voorbereiding", _("in voorbereiding")
    LOPEND = "lopend", _("lopend")
    AFGEROND = "afgerond", _("afgerond")
    GESTOPT = "gestopt", _("gestopt")


class OpgaveQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Published opgaven, plus the unpublished ones of regions where the user holds a role (one query)."""
        return self.filter(Q(gepubliceerd=True) | besloten_opgaven_q(user))


class Opgave(models.Model):
    """A regional task with its opdrachtformulering: doel, resultaat, budget, capaciteit and sturing."""

    regio = models.ForeignKey(
        Regio, verbose_name=_("regio"), on_delete=models.CASCADE, related_name="opgaven"
    )
    titel = models.CharField(_("titel"), max_length=200)
    samenvatting = models.TextField(_("samenvatting"), blank=True, max_length=TEKST_MAX)
    doel = models.TextField(
        _("doel"),
        blank=True,
        help_text=_("Wat wil de regio bereiken, en waarom samen?"),
        max_length=TEKST_MAX,
    )
    resultaat = models.TextField(
        _("resultaat"),
        blank=True,
        help_text=_("Wat wordt er opgeleverd? Meetbaar via de indicatoren."),
        max_length=TEKST_MAX,
    )
    opdrachtgever = models.ForeignKey(
        Lidmaatschap,
        verbose_name=_("bestuurlijk opdrachtgever"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opgaven_als_opdrachtgever",
        help_text=_(
            "Een lid van het regiobestuur of het burgemeestersoverleg: de regionaal portefeuillehouder."
        ),
    )
    stuurgroep = models.ForeignKey(
        Orgaan,
        verbose_name=_("stuurgroep"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opgaven_als_stuurgroep",
    )
    partners = models.TextField(_("partnerorganisaties"), blank=True, max_length=TEKST_MAX)
    opdrachtnemer = models.CharField(_("ambtelijk opdrachtnemer"), max_length=200, blank=True)
    doelstellingen = models.ManyToManyField(
        Doelstelling, verbose_name=_("strategische doelstellingen"), blank=True, related_name="opgaven"
    )
    themas = models.ManyToManyField(Thema, verbose_name=_("thema's"), blank=True, related_name="opgaven")
    begin_jaar = models.PositiveSmallIntegerField(_("van (jaar)"), null=True, blank=True)
    eind_jaar = models.PositiveSmallIntegerField(_("tot en met (jaar)"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IDEE)
    gepubliceerd = models.BooleanField(_("gepubliceerd"), default=False)

    objects = OpgaveQuerySet.as_manager()

    class Meta:
        verbose_name = _("opgave")
        verbose_name_plural = _("opgaven")
        ordering = ["regio", "titel"]
        constraints = [
            models.CheckConstraint(
                condition=Q(eind_jaar__isnull=True)
                | Q(begin_jaar__isnull=True)
                | Q(eind_jaar__gte=models.F("begin_jaar")),
                name="opgave_periode_oplopend",
                violation_error_message=_("Het eindjaar ligt vóór het beginjaar."),
            )
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("opgaven:opgave", kwargs={"pk": self.pk})


class Indicator(models.Model):
    """A measurable indicator of an opgave's result."""

    opgave = models.ForeignKey(
        Opgave, verbose_name=_("opgave"), on_delete=models.CASCADE, related_name="indicatoren"
    )
    naam = models.CharField(_("naam"), max_length=200)
    eenheid = models.CharField(_("eenheid"), max_length=50)
    nulwaarde = models.DecimalField(_("nulwaarde"), max_digits=14, decimal_places=2)
    streefwaarde = models.DecimalField(_("streefwaarde"), max_digits=14, decimal_places=2)
    streefdatum = models.DateField(_("streefdatum"))

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        ordering = ["opgave", "naam"]

    def __str__(self):
        return f"{self.naam} ({self.eenheid})"


class Bron(models.TextChoices):
    LEDEN = "leden", _("bijdragen van de leden")
    PROVINCIE = "provincie", _("subsidie provincie")
    RIJK = "rijk", _("subsidie Rijk")
    VLAANDEREN = "vlaanderen", _("subsidie Vlaanderen")
    EU = "eu", _("subsidie EU")
    PARTNERS = "partners", _("partners")
    ANDERS = "anders", _("andere bron")


class Budgetregel(models.Model):
    """Money for an opgave in one year, from one source."""

    opgave = models.ForeignKey(
        Opgave, verbose_name=_("opgave"), on_delete=models.CASCADE, related_name="budget"
    )
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    bedrag = models.DecimalField(_("bedrag (euro)"), **EURO)
    bron = models.CharField(_("bron"), max_length=20, choices=Bron.choices)

    class Meta:
        verbose_name = _("budgetregel")
        verbose_name_plural = _("budget")
        ordering = ["opgave", "jaar", "bron"]

    def __str__(self):
        return f"{self.jaar} {self.get_bron_display()}: {self.bedrag}"


class Eenheid(models.TextChoices):
    UREN = "uren", _("uren per jaar")
    FTE = "fte", _("fte")


class Capaciteit(models.Model):
    """People's time for an opgave in one year, contributed by a member or a partner (in kind counts)."""

    opgave = models.ForeignKey(
        Opgave, verbose_name=_("opgave"), on_delete=models.CASCADE, related_name="capaciteit"
    )
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    hoeveelheid = models.DecimalField(
        _("hoeveelheid"), max_digits=8, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    eenheid = models.CharField(_("eenheid"), max_length=10, choices=Eenheid.choices, default=Eenheid.UREN)
    bestuur = models.ForeignKey(
        Bestuur, verbose_name=_("bijgedragen door (lid)"), null=True, blank=True, on_delete=models.PROTECT
    )
    partner = models.CharField(_("of door partner"), max_length=200, blank=True)
    in_natura = models.BooleanField(_("bijdrage in natura"), default=True)

    class Meta:
        verbose_name = _("capaciteit")
        verbose_name_plural = _("capaciteit")
        ordering = ["opgave", "jaar"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bestuur__isnull=False) | ~Q(partner=""),
                name="capaciteit_heeft_bijdrager",
                violation_error_message=_("Zeg wie de capaciteit levert: een lid of een partner."),
            )
        ]

    def __str__(self):
        return f"{self.jaar}: {self.hoeveelheid} {self.get_eenheid_display()}"


class Mandaat(models.Model):
    """The execution mandate of an opgave, granted to its opdrachtgever by a body's decision."""

    opgave = models.ForeignKey(
        Opgave, verbose_name=_("opgave"), on_delete=models.CASCADE, related_name="mandaten"
    )
    houder = models.ForeignKey(
        Lidmaatschap, verbose_name=_("houder"), on_delete=models.PROTECT, related_name="mandaten"
    )
    verleend_door = models.ForeignKey(
        Orgaan, verbose_name=_("verleend door"), on_delete=models.PROTECT, related_name="verleende_mandaten"
    )
    besluitdatum = models.DateField(_("datum van het besluit"))
    besluit_referentie = models.CharField(_("referentie van het besluit"), max_length=100, blank=True)
    omschrijving = models.TextField(
        _("reikwijdte"), help_text=_("Wat mag de opdrachtgever zelf beslissen?"), max_length=TEKST_MAX
    )
    budgetplafond = models.DecimalField(_("budgetplafond (euro)"), **EURO)
    begindatum = models.DateField(_("geldig van"))
    einddatum = models.DateField(_("geldig tot en met"))

    class Meta:
        verbose_name = _("mandaat")
        verbose_name_plural = _("mandaten")
        ordering = ["opgave", "-begindatum"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum__gte=models.F("begindatum")),
                name="mandaat_einde_na_begin",
                violation_error_message=_("De einddatum ligt vóór de begindatum."),
            )
        ]

    def __str__(self):
        return _("Mandaat voor %(opgave)s") % {"opgave": self.opgave}


class Verplichting(models.Model):
    """A commitment the opdrachtgever decides within the mandate."""

    mandaat = models.ForeignKey(
        Mandaat, verbose_name=_("mandaat"), on_delete=models.PROTECT, related_name="verplichtingen"
    )
    datum = models.DateField(_("datum"), default=timezone.localdate)
    bedrag = models.DecimalField(
        _("bedrag (euro)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=300)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )

    class Meta:
        verbose_name = _("verplichting")
        verbose_name_plural = _("verplichtingen")
        ordering = ["mandaat", "datum", "id"]

    def __str__(self):
        return f"{self.datum}: {self.omschrijving}"


class Synergie(models.Model):
    """Two opgaven that strengthen each other, and why (stored once, lowest id first)."""

    van = models.ForeignKey(Opgave, on_delete=models.CASCADE, related_name="synergie_van")
    naar = models.ForeignKey(Opgave, on_delete=models.CASCADE, related_name="synergie_naar")
    reden = models.TextField(_("reden"), max_length=TEKST_MAX)

    class Meta:
        verbose_name = _("synergie")
        verbose_name_plural = _("synergieën")
        constraints = [
            models.UniqueConstraint(fields=["van", "naar"], name="synergie_uniek"),
            models.CheckConstraint(condition=Q(van__lt=models.F("naar")), name="synergie_geordend"),
        ]

    def __str__(self):
        return f"{self.van} ↔ {self.naar}"


class VoortgangStatus(models.TextChoices):
    OP_KOERS = "op_koers", _("op koers")
    AANDACHT = "aandacht", _("aandacht")
    RISICO = "risico", _("risico")


class Voortgang(models.Model):
    """A progress report on an opgave over a period."""

    opgave = models.ForeignKey(
        Opgave, verbose_name=_("opgave"), on_delete=models.CASCADE, related_name="voortgang"
    )
    periode_eind = models.DateField(_("periode tot en met"))
    status = models.CharField(_("status"), max_length=10, choices=VoortgangStatus.choices)
    besteed = models.DecimalField(_("besteed (euro)"), **EURO)
    toelichting = models.TextField(_("toelichting"), max_length=TEKST_MAX)
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), null=True, blank=True, on_delete=models.SET_NULL
    )
    ingediend_op = models.DateTimeField(_("ingediend op"), auto_now_add=True)

    class Meta:
        verbose_name = _("voortgangsrapportage")
        verbose_name_plural = _("voortgangsrapportages")
        ordering = ["opgave", "periode_eind"]
        constraints = [
            models.UniqueConstraint(fields=["opgave", "periode_eind"], name="voortgang_per_periode")
        ]

    def __str__(self):
        return f"{self.opgave} tot {self.periode_eind}"


class IndicatorWaarde(models.Model):
    voortgang = models.ForeignKey(Voortgang, on_delete=models.CASCADE, related_name="waarden")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="waarden")
    waarde = models.DecimalField(_("waarde"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("indicatorwaarde")
        verbose_name_plural = _("indicatorwaarden")
        constraints = [
            models.UniqueConstraint(fields=["voortgang", "indicator"], name="indicatorwaarde_uniek")
        ]

    def __str__(self):
        return f"{self.indicator}: {self.waarde}"


class Portefeuillehouder(models.Model):
    """A person who holds a regional theme or an opgave as portfolio, from a date (to a date)."""

    regio = models.ForeignKey(
        Regio, verbose_name=_("regio"), on_delete=models.CASCADE, related_name="portefeuillehouders"
    )
    persoon = models.ForeignKey(
        Persoon, verbose_name=_("persoon"), on_delete=models.PROTECT, related_name="portefeuilles"
    )
    thema = models.ForeignKey(
        Thema,
        verbose_name=_("thema"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="portefeuillehouders",
    )
    opgave = models.ForeignKey(
        Opgave,
        verbose_name=_("opgave"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="portefeuillehouders",
    )
    begindatum = models.DateField(_("van"))
    einddatum = models.DateField(_("tot en met"), null=True, blank=True)

    class Meta:
        verbose_name = _("portefeuillehouder")
        verbose_name_plural = _("portefeuillehouders")
        ordering = ["regio", "begindatum", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(thema__isnull=False, opgave__isnull=True)
                | Q(thema__isnull=True, opgave__isnull=False),
                name="portefeuille_thema_of_opgave",
                violation_error_message=_("Kies een thema of een opgave, niet allebei."),
            ),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=models.F("begindatum")),
                name="portefeuille_einde_na_begin",
                violation_error_message=_("De einddatum ligt vóór de begindatum."),
            ),
        ]

    def __str__(self):
        return _("%(persoon)s, portefeuille %(onderwerp)s") % {
            "persoon": self.persoon,
            "onderwerp": self.thema or self.opgave,
        }

    @property
    def onderwerp(self):
        """The theme or opgave this portfolio is about."""
        return self.thema or self.opgave

    def is_current(self, day=None):
        day = day or timezone.localdate()
        return self.begindatum <= day and (self.einddatum is None or day <= self.einddatum)
