"""The annual programme: versions, lines, the cost split, the councils' decisions, questions."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from besturen.models import Bestuur, Orgaan, Regio
from opgaven.models import Opgave

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
    toelichting = models.TextField(_("toelichting"), blank=True)
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
        constraints = [
            models.UniqueConstraint(fields=["regel", "bestuur"], name="bijdrage_per_regel_en_lid"),
            models.CheckConstraint(condition=Q(centen__gte=0), name="bijdrage_niet_negatief"),
        ]

    def __str__(self):
        return f"{self.bestuur}: {self.bedrag}"

    @property
    def bedrag(self):
        return (Decimal(self.centen) / 100).quantize(Decimal("0.01"))


class Uitkomst(models.TextChoices):
    OPEN = "open", _("nog niet beslist")
    GOEDGEKEURD = "goedgekeurd", _("goedgekeurd")
    AFGEWEZEN = "afgewezen", _("afgewezen")
    AMENDEMENT = "amendement", _("goedgekeurd met amendement")
    UITGESTELD = "uitgesteld", _("uitgesteld")
    ZIENSWIJZE = "zienswijze", _("zienswijze ingediend")
    GEEN_ZIENSWIJZE = "geen_zienswijze", _("geen zienswijze")


class Raadsbesluit(models.Model):
    """One member council's decision on one programme version (its latest recorded outcome; history in Registratie)."""

    versie = models.ForeignKey(
        Versie, verbose_name=_("versie"), on_delete=models.CASCADE, related_name="raadsbesluiten"
    )
    bestuur = models.ForeignKey(
        Bestuur, verbose_name=_("lid"), on_delete=models.PROTECT, related_name="raadsbesluiten"
    )
    raad = models.ForeignKey(
        Orgaan, verbose_name=_("raad"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(_("uiterste datum"))
    inwoners = models.PositiveIntegerField(
        _("inwoners (vastgelegd bij het voorleggen)"), null=True, blank=True
    )
    uitkomst = models.CharField(_("uitkomst"), max_length=16, choices=Uitkomst.choices, default=Uitkomst.OPEN)
    antwoord = models.TextField(
        _("antwoord op de zienswijze"),
        blank=True,
        help_text=_("Schriftelijk en met redenen; deel van het besluit."),
    )
    antwoord_op = models.DateField(_("antwoord verstuurd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("raadsbesluit")
        verbose_name_plural = _("raadsbesluiten")
        ordering = ["versie", "bestuur__naam"]
        constraints = [models.UniqueConstraint(fields=["versie", "bestuur"], name="een_raadsbesluit_per_lid")]
        permissions = [("record_raadsbesluit", _("Het besluit van deze raad vastleggen"))]

    def __str__(self):
        return _("Besluit van %(bestuur)s over %(versie)s") % {"bestuur": self.bestuur, "versie": self.versie}

    def get_absolute_url(self):
        return reverse("programmas:raadsbesluit", kwargs={"pk": self.pk})


def besluit_pad(instance, filename):
    return f"raadsbesluiten/{instance.besluit.versie_id}/{instance.besluit.bestuur_id}/{filename}"


class Registratie(models.Model):
    """A recorded decision of a council, or a correction of it; all stay in the history."""

    besluit = models.ForeignKey(Raadsbesluit, on_delete=models.CASCADE, related_name="registraties")
    uitkomst = models.CharField(_("uitkomst"), max_length=16, choices=Uitkomst.choices)
    datum_raad = models.DateField(_("datum van de raadszitting"))
    stemmen_voor = models.PositiveSmallIntegerField(_("stemmen voor"), default=0)
    stemmen_tegen = models.PositiveSmallIntegerField(_("stemmen tegen"), default=0)
    onthoudingen = models.PositiveSmallIntegerField(_("onthoudingen"), default=0)
    amendement = models.TextField(_("amendement"), blank=True)
    zienswijze = models.TextField(_("zienswijze"), blank=True)
    document = models.FileField(_("besluitdocument (PDF)"), upload_to=besluit_pad, blank=True)
    correctie = models.BooleanField(_("correctie"), default=False)
    te_laat = models.BooleanField(
        _("na de uiterste datum"),
        default=False,
        help_text=_("Vastgelegd nadat de termijn van de raad verstreek."),
    )
    reden = models.TextField(_("reden van de correctie"), blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )  # None: recorded by the system (demo, import)
    tijdstip = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("registratie van een raadsbesluit")
        verbose_name_plural = _("registraties van raadsbesluiten")
        ordering = ["besluit", "tijdstip", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(correctie=False) | ~Q(reden=""),
                name="correctie_heeft_reden",
                violation_error_message=_("Een correctie heeft een reden."),
            )
        ]

    def __str__(self):
        return f"{self.besluit}: {self.get_uitkomst_display()}"


class Vraag(models.Model):
    """A council member's question on a version (optionally on one line); answers are shared with all councils."""

    versie = models.ForeignKey(Versie, on_delete=models.CASCADE, related_name="vragen")
    regel = models.ForeignKey(
        Programmaregel, null=True, blank=True, on_delete=models.SET_NULL, related_name="vragen"
    )
    bestuur = models.ForeignKey(Bestuur, verbose_name=_("namens"), on_delete=models.PROTECT, related_name="+")
    tekst = models.TextField(_("vraag"), max_length=5000)
    gesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    gesteld_op = models.DateTimeField(auto_now_add=True)
    antwoord = models.TextField(_("antwoord"), blank=True)
    beantwoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    beantwoord_op = models.DateTimeField(null=True, blank=True)
    overgenomen_van = models.ForeignKey(
        "self",
        verbose_name=_("overgenomen van"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Een open vraag gaat mee naar de volgende versie."),
    )

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["versie", "gesteld_op"]

    def __str__(self):
        return self.tekst[:60]


# Direct foreign-key object permissions for the objects checked in lists.


class RaadsbesluitUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Raadsbesluit, on_delete=models.CASCADE)


class RaadsbesluitGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Raadsbesluit, on_delete=models.CASCADE)


class PakketStatus(models.TextChoices):
    WACHTEND = "wachtend", _("wacht op verwerking")
    BEZIG = "bezig", _("wordt gemaakt")
    KLAAR = "klaar", _("klaar")
    MISLUKT = "mislukt", _("mislukt")


def pakket_pad(instance, filename):
    return f"reviewpakketten/{instance.versie_id}/{instance.bestuur_id}/{filename}"


class Reviewpakket(models.Model):
    """The review packet (PDF) of one version for one member council: made once, remade in place on request."""

    versie = models.ForeignKey(
        Versie, verbose_name=_("versie"), on_delete=models.CASCADE, related_name="reviewpakketten"
    )
    bestuur = models.ForeignKey(Bestuur, verbose_name=_("lid"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=10, choices=PakketStatus.choices, default=PakketStatus.WACHTEND
    )
    bestand = models.FileField(_("bestand"), upload_to=pakket_pad, blank=True)
    fout = models.TextField(_("foutmelding"), blank=True)
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        verbose_name = _("reviewpakket")
        verbose_name_plural = _("reviewpakketten")
        ordering = ["versie", "bestuur__naam"]
        constraints = [models.UniqueConstraint(fields=["versie", "bestuur"], name="een_reviewpakket_per_lid")]

    def __str__(self):
        return _("Reviewpakket van %(bestuur)s bij %(versie)s") % {
            "bestuur": self.bestuur,
            "versie": self.versie,
        }

    def get_absolute_url(self):
        return reverse("programmas:reviewpakket", kwargs={"pk": self.versie_id, "bestuur": self.bestuur_id})
