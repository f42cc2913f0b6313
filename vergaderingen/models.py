"""Meetings of the bodies (agenda, decisions, votes, minutes) and the regions' planning days.

OSLO: Vergadering = Zitting, Agendapunt, Besluit, Stemming. A Bijeenkomst is a planning day of a region (e.g.
Rivierenland's STRATEGIO) with blocks, thematic work sessions and registrations.
"""

import secrets
import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from besturen.models import Bestuur, Lidmaatschap, Orgaan, Regio


class VergaderingStatus(models.TextChoices):
    GEPLAND = "gepland", _("gepland")
    AGENDA_GEPUBLICEERD = "agenda_gepubliceerd", _("agenda gepubliceerd")
    AFGELOPEN = "afgelopen", _("afgelopen")
    NOTULEN_GOEDGEKEURD = "notulen_goedgekeurd", _("notulen goedgekeurd")


GEPUBLICEERDE_STATUSSEN = [
    VergaderingStatus.AGENDA_GEPUBLICEERD,
    VergaderingStatus.AFGELOPEN,
    VergaderingStatus.NOTULEN_GOEDGEKEURD,
]


def document_pad(instance, filename):
    """Store every upload under a random name: the user's file name never becomes a path."""
    return f"vergaderingen/documenten/{uuid.uuid4().hex}.{instance.soort}"


def agenda_pdf_pad(instance, filename):
    return f"vergaderingen/agenda/{filename}"


class Vergadering(models.Model):
    """A meeting of a body (OSLO Zitting) with its agenda, attendance and minutes."""

    orgaan = models.ForeignKey(
        Orgaan, verbose_name=_("orgaan"), on_delete=models.CASCADE, related_name="vergaderingen"
    )
    begin = models.DateTimeField(_("begin"))
    einde = models.DateTimeField(_("einde"))
    locatie = models.CharField(_("locatie"), max_length=200, blank=True)
    online_link = models.URLField(_("online vergaderen via"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=VergaderingStatus.choices, default=VergaderingStatus.GEPLAND
    )
    agenda_gepubliceerd_op = models.DateTimeField(_("agenda gepubliceerd op"), null=True, blank=True)
    notulen = models.TextField(_("notulen"), blank=True)
    notulen_goedgekeurd_op = models.DateTimeField(_("notulen goedgekeurd op"), null=True, blank=True)
    agenda_pdf = models.FileField(_("agenda (PDF, openbaar)"), upload_to=agenda_pdf_pad, blank=True)
    agenda_pdf_volledig = models.FileField(
        _("agenda (PDF, met besloten punten)"), upload_to=agenda_pdf_pad, blank=True
    )
    wijzigingen = models.PositiveIntegerField(
        _("aantal wijzigingen"), default=0, help_text=_("SEQUENCE in de agenda's van de abonnees.")
    )
    bijgewerkt = models.DateTimeField(_("bijgewerkt"), auto_now=True)

    class Meta:
        verbose_name = _("vergadering")
        verbose_name_plural = _("vergaderingen")
        ordering = ["begin", "pk"]
        indexes = [models.Index(fields=["orgaan", "begin"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(einde__gt=F("begin")),
                name="vergadering_einde_na_begin",
                violation_error_message=_("Het einde ligt niet na het begin."),
            ),
        ]

    def __str__(self):
        return f"{self.orgaan} {formats.date_format(timezone.localtime(self.begin), 'j F Y')}"

    def get_absolute_url(self):
        return reverse("vergaderingen:vergadering", kwargs={"pk": self.pk})

    @property
    def agenda_gepubliceerd(self):
        return self.status in GEPUBLICEERDE_STATUSSEN


class Aanwezigheidsstatus(models.TextChoices):
    AANWEZIG = "aanwezig", _("aanwezig")
    VERONTSCHULDIGD = "verontschuldigd", _("verontschuldigd")
    AFWEZIG = "afwezig", _("afwezig")


class Aanwezigheid(models.Model):
    """Whether a member attended a meeting."""

    vergadering = models.ForeignKey(
        Vergadering, verbose_name=_("vergadering"), on_delete=models.CASCADE, related_name="aanwezigheden"
    )
    lidmaatschap = models.ForeignKey(
        Lidmaatschap, verbose_name=_("lid"), on_delete=models.CASCADE, related_name="aanwezigheden"
    )
    status = models.CharField(_("aanwezigheid"), max_length=20, choices=Aanwezigheidsstatus.choices)

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheden")
        constraints = [
            models.UniqueConstraint(fields=["vergadering", "lidmaatschap"], name="aanwezigheid_uniek"),
        ]

    def __str__(self):
        return f"{self.lidmaatschap.persoon}: {self.get_status_display()}"


class AgendapuntStatus(models.TextChoices):
    VOORGESTELD = "voorgesteld", _("voorgesteld door een lid")
    GEAGENDEERD = "geagendeerd", _("op de agenda")
    AFGEWEZEN = "afgewezen", _("niet geagendeerd")


class Agendapunt(models.Model):
    """An item on a meeting's agenda, numbered; a member's proposal until the secretariat accepts it."""

    vergadering = models.ForeignKey(
        Vergadering, verbose_name=_("vergadering"), on_delete=models.CASCADE, related_name="agendapunten"
    )
    volgnummer = models.PositiveSmallIntegerField(_("volgnummer"), null=True, blank=True)
    titel = models.CharField(_("titel"), max_length=200)
    toelichting = models.TextField(_("toelichting"), blank=True)
    openbaar = models.BooleanField(
        _("openbaar"), default=True, help_text=_("Een besloten punt ziet alleen het orgaan.")
    )
    opgave = models.ForeignKey(
        "opgaven.Opgave",
        verbose_name=_("opgave"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agendapunten",
    )
    programmaversie = models.ForeignKey(
        "programmas.Versie",
        verbose_name=_("programmaversie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agendapunten",
        help_text=_(
            "Het besluit over dit punt stelt de versie vast (aangenomen) of stuurt haar terug (verworpen)."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AgendapuntStatus.choices, default=AgendapuntStatus.GEAGENDEERD
    )
    addendum = models.BooleanField(
        _("addendum"), default=False, help_text=_("Toegevoegd of gewijzigd na de publicatie van de agenda.")
    )
    notulen_van = models.OneToOneField(
        Vergadering,
        verbose_name=_("goedkeuring van de notulen van"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="goedkeuringspunt",
    )
    voorgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorgesteld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reden_afwijzing = models.CharField(_("reden"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["vergadering", F("volgnummer").asc(nulls_last=True), "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["vergadering", "volgnummer"],
                condition=Q(volgnummer__isnull=False),
                name="agendapunt_volgnummer_uniek",
            ),
            models.CheckConstraint(
                condition=Q(status="geagendeerd", volgnummer__isnull=False)
                | (~Q(status="geagendeerd") & Q(volgnummer__isnull=True)),
                name="agendapunt_genummerd_als_geagendeerd",
            ),
        ]

    def __str__(self):
        return f"{self.volgnummer}. {self.titel}" if self.volgnummer else self.titel


class Uitkomst(models.TextChoices):
    AANGENOMEN = "aangenomen", _("aangenomen")
    VERWORPEN = "verworpen", _("verworpen")
    AANGEHOUDEN = "aangehouden", _("aangehouden")
    KENNISGENOMEN = "kennisgenomen", _("kennisgenomen")


class Besluit(models.Model):
    """What the body decided on an agenda item (OSLO Besluit)."""

    agendapunt = models.OneToOneField(
        Agendapunt, verbose_name=_("agendapunt"), on_delete=models.CASCADE, related_name="besluit"
    )
    behandeling = models.TextField(_("behandeling"), blank=True)
    tekst = models.TextField(_("besluit"), blank=True)
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=Uitkomst.choices)
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), auto_now=True)

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")

    def __str__(self):
        return f"{self.agendapunt}: {self.get_uitkomst_display()}"


class Keuze(models.TextChoices):
    VOOR = "voor", _("voor")
    TEGEN = "tegen", _("tegen")
    ONTHOUDING = "onthouding", _("onthouding")


class Stemming(models.Model):
    """The vote on a decision: totals, optionally with each member's vote (OSLO Stemming)."""

    besluit = models.OneToOneField(
        Besluit, verbose_name=_("besluit"), on_delete=models.CASCADE, related_name="stemming"
    )
    voor = models.PositiveSmallIntegerField(_("voor"), default=0)
    tegen = models.PositiveSmallIntegerField(_("tegen"), default=0)
    onthouding = models.PositiveSmallIntegerField(_("onthouding"), default=0)

    class Meta:
        verbose_name = _("stemming")
        verbose_name_plural = _("stemmingen")

    def __str__(self):
        return f"{self.voor}–{self.tegen}–{self.onthouding}"


class Stem(models.Model):
    """One member's vote."""

    stemming = models.ForeignKey(
        Stemming, verbose_name=_("stemming"), on_delete=models.CASCADE, related_name="stemmen"
    )
    lidmaatschap = models.ForeignKey(
        Lidmaatschap, verbose_name=_("lid"), on_delete=models.CASCADE, related_name="+"
    )
    keuze = models.CharField(_("stem"), max_length=12, choices=Keuze.choices)

    class Meta:
        verbose_name = _("stem")
        verbose_name_plural = _("stemmen")
        constraints = [models.UniqueConstraint(fields=["stemming", "lidmaatschap"], name="stem_uniek")]

    def __str__(self):
        return f"{self.lidmaatschap.persoon}: {self.get_keuze_display()}"


# --- Planning days ---------------------------------------------------------------------------------------------


class Bijeenkomst(models.Model):
    """A planning day of a region: blocks with thematic work sessions, registration until a deadline."""

    regio = models.ForeignKey(
        Regio, verbose_name=_("regio"), on_delete=models.CASCADE, related_name="bijeenkomsten"
    )
    naam = models.CharField(_("naam"), max_length=200)
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    datum = models.DateField(_("datum"))
    locatie = models.CharField(_("locatie"), max_length=200)
    organisator = models.CharField(_("organisator"), max_length=200, blank=True)
    inschrijven_tot = models.DateField(
        _("inschrijven tot en met"), help_text=_("Na deze dag kan niemand zich nog inschrijven.")
    )

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["-datum", "naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(inschrijven_tot__lte=F("datum")),
                name="bijeenkomst_inschrijven_voor_de_dag",
                violation_error_message=_("De inschrijving sluit uiterlijk op de dag zelf."),
            )
        ]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("vergaderingen:bijeenkomst", kwargs={"pk": self.pk})


class BlokSoort(models.TextChoices):
    ONTVANGST = "ontvangst", _("ontvangst")
    PLENAIR = "plenair", _("plenair")
    WERKSESSIES = "werksessies", _("werksessies")
    LUNCH = "lunch", _("lunch")
    NETWERKMOMENT = "netwerkmoment", _("netwerkmoment")


class Blok(models.Model):
    """A part of a planning day's schedule; a block of soort werksessies holds the parallel sessions."""

    bijeenkomst = models.ForeignKey(
        Bijeenkomst, verbose_name=_("bijeenkomst"), on_delete=models.CASCADE, related_name="blokken"
    )
    soort = models.CharField(_("soort"), max_length=20, choices=BlokSoort.choices)
    titel = models.CharField(_("titel"), max_length=200)
    begin = models.TimeField(_("begin"))
    einde = models.TimeField(_("einde"), null=True, blank=True)

    class Meta:
        verbose_name = _("blok")
        verbose_name_plural = _("blokken")
        ordering = ["bijeenkomst", "begin", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einde__isnull=True) | Q(einde__gt=F("begin")),
                name="blok_einde_na_begin",
                violation_error_message=_("Het einde ligt niet na het begin."),
            )
        ]

    def __str__(self):
        return f"{self.begin:%H:%M} {self.titel}"


class Werksessie(models.Model):
    """A thematic work session in a block, with a facilitator and a capacity."""

    blok = models.ForeignKey(Blok, verbose_name=_("blok"), on_delete=models.CASCADE, related_name="sessies")
    thema = models.CharField(_("thema"), max_length=200)
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    facilitator = models.CharField(_("facilitator"), max_length=200, blank=True)
    capaciteit = models.PositiveSmallIntegerField(_("plaatsen"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("werksessie")
        verbose_name_plural = _("werksessies")
        ordering = ["blok", "thema"]
        constraints = [
            models.UniqueConstraint(fields=["blok", "thema"], name="werksessie_thema_uniek_per_blok"),
            models.CheckConstraint(condition=Q(capaciteit__gte=1), name="werksessie_capaciteit_positief"),
        ]

    def __str__(self):
        return f"{self.thema} ({self.blok.titel})"


class Inschrijving(models.Model):
    """A participant's registration for a planning day, on behalf of a member government."""

    bijeenkomst = models.ForeignKey(
        Bijeenkomst, verbose_name=_("bijeenkomst"), on_delete=models.CASCADE, related_name="inschrijvingen"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("deelnemer"), on_delete=models.CASCADE, related_name="+"
    )
    bestuur = models.ForeignKey(
        Bestuur, verbose_name=_("namens"), on_delete=models.PROTECT, related_name="inschrijvingen"
    )
    tijdstip = models.DateTimeField(_("ingeschreven op"), auto_now_add=True)

    class Meta:
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        ordering = ["bijeenkomst", "tijdstip", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["bijeenkomst", "user"],
                name="inschrijving_een_per_deelnemer",
                violation_error_message=_("U bent al ingeschreven."),
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.bijeenkomst}"


class KeuzeStatus(models.TextChoices):
    BEVESTIGD = "bevestigd", _("bevestigd")
    WACHTLIJST = "wachtlijst", _("op de wachtlijst")


class Sessiekeuze(models.Model):
    """A registration's session in one block: confirmed, or on the waiting list in order of arrival."""

    inschrijving = models.ForeignKey(
        Inschrijving, verbose_name=_("inschrijving"), on_delete=models.CASCADE, related_name="keuzes"
    )
    blok = models.ForeignKey(Blok, verbose_name=_("blok"), on_delete=models.CASCADE, related_name="+")
    werksessie = models.ForeignKey(
        Werksessie, verbose_name=_("werksessie"), on_delete=models.CASCADE, related_name="keuzes"
    )
    status = models.CharField(_("status"), max_length=12, choices=KeuzeStatus.choices)
    tijdstip = models.DateTimeField(_("gekozen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("sessiekeuze")
        verbose_name_plural = _("sessiekeuzes")
        ordering = ["werksessie", "tijdstip", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["inschrijving", "blok"],
                name="sessiekeuze_een_per_blok",
                violation_error_message=_("Kies één werksessie per blok."),
            )
        ]

    def __str__(self):
        return f"{self.inschrijving.user} → {self.werksessie.thema} ({self.get_status_display()})"


# --- Documents, notifications, calendar tokens -----------------------------------------------------------------


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


def nieuw_token():
    return secrets.token_urlsafe(32)


class KalenderToken(models.Model):
    """The secret in a user's personal calendar URL; revoking it replaces it with a new one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kalendertoken"
    )
    token = models.CharField(max_length=64, unique=True, default=nieuw_token)
    aangemaakt = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kalendertoken")
        verbose_name_plural = _("kalendertokens")

    def __str__(self):
        return f"{self.user}"
