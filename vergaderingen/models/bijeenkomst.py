"""Planning days: a Bijeenkomst is a planning day of a region (e.g. Rivierenland's STRATEGIO) with blocks, thematic
work sessions, invitations and registrations; after the day each session's output (opbrengst) is recorded."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from besturen.models import Bestuur, Regio
from regioportaal.limieten import TEKST_MAX


class Bijeenkomst(models.Model):
    """A planning day of a region: blocks with thematic work sessions, registration until a deadline."""

    regio = models.ForeignKey(
        Regio, verbose_name=_("regio"), on_delete=models.CASCADE, related_name="bijeenkomsten"
    )
    naam = models.CharField(_("naam"), max_length=200)
    beschrijving = models.TextField(_("beschrijving"), blank=True, max_length=TEKST_MAX)
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
    beschrijving = models.TextField(_("beschrijving"), blank=True, max_length=TEKST_MAX)
    facilitator = models.CharField(_("facilitator"), max_length=200, blank=True)
    facilitator_email = models.EmailField(
        _("e-mailadres van de facilitator"),
        blank=True,
        help_text=_("Met een account op dit adres legt de facilitator zelf de opbrengst vast."),
    )
    capaciteit = models.PositiveSmallIntegerField(_("plaatsen"), validators=[MinValueValidator(1)])
    opbrengst = models.TextField(_("opbrengst"), blank=True, max_length=TEKST_MAX)
    opbrengst_vastgelegd_op = models.DateTimeField(_("opbrengst vastgelegd op"), null=True, blank=True)

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


class Uitnodiging(models.Model):
    """An invitation to a planning day for one person, with or without an account, at their own e-mail address.

    The invitee registers through a personal signed link (no account needed), valid until the registration deadline.
    """

    bijeenkomst = models.ForeignKey(
        Bijeenkomst, verbose_name=_("bijeenkomst"), on_delete=models.CASCADE, related_name="uitnodigingen"
    )
    naam = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bestuur = models.ForeignKey(
        Bestuur,
        verbose_name=_("namens"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uitgenodigd_op = models.DateTimeField(_("uitgenodigd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["bijeenkomst", "naam", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["bijeenkomst", "email"],
                name="uitnodiging_een_per_adres",
                violation_error_message=_("Dit adres is al uitgenodigd."),
            )
        ]

    def __str__(self):
        return f"{self.naam} <{self.email}>"


class Inschrijving(models.Model):
    """A participant's registration for a planning day, on behalf of a member government: an account holder's, or an
    invitee's through their personal link (then `uitnodiging` says who)."""

    bijeenkomst = models.ForeignKey(
        Bijeenkomst, verbose_name=_("bijeenkomst"), on_delete=models.CASCADE, related_name="inschrijvingen"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deelnemer"),
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
    )
    uitnodiging = models.OneToOneField(
        Uitnodiging,
        verbose_name=_("uitnodiging"),
        on_delete=models.CASCADE,
        related_name="inschrijving",
        null=True,
        blank=True,
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
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(uitnodiging__isnull=False),
                name="inschrijving_heeft_deelnemer",
            ),
        ]

    def __str__(self):
        return f"{self.deelnemer_naam} – {self.bijeenkomst}"

    @property
    def deelnemer_naam(self):
        if self.user_id:
            return self.user.get_full_name() or self.user.email
        return self.uitnodiging.naam

    @property
    def deelnemer_email(self):
        return self.user.email if self.user_id else self.uitnodiging.email


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
        return f"{self.inschrijving.deelnemer_naam} → {self.werksessie.thema} ({self.get_status_display()})"
