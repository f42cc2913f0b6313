"""Cross-cutting models: the user account (login by e-mail) and the action log."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import gebeurtenissen
from .limieten import TEKST_MAX


class UserManager(DjangoUserManager):
    """Create users keyed by their e-mail address, stored in lower case."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError(_("Een gebruiker heeft een e-mailadres nodig."))
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A login account; people log in with their e-mail address."""

    username = None
    email = models.EmailField(_("e-mailadres"), unique=True)
    meldingen = models.CharField(
        _("meldingen per e-mail"),
        max_length=10,
        choices=[("direct", _("meteen, per melding")), ("dagelijks", _("één keer per dag, gebundeld"))],
        default="direct",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email


class ActionLog(models.Model):
    """One write in the portal: who did what to which object, when, with which values, and why."""

    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actie = models.CharField(_("actie"), max_length=80)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("object"), max_length=255)
    wijzigingen = models.JSONField(_("wijzigingen"), default=dict, blank=True)
    reden = models.TextField(_("reden"), blank=True, max_length=TEKST_MAX)
    scope = models.CharField(
        _("context"),
        max_length=40,
        blank=True,
        db_index=True,
        help_text=_("Bijvoorbeeld regio:3: wie dit mag lezen."),
    )

    class Meta:
        verbose_name = _("actie in het logboek")
        verbose_name_plural = _("logboek")
        ordering = ["-tijdstip", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.actie} {self.object_repr}"

    @property
    def gebeurtenis(self):
        """The typed event of `actie` (`regioportaal.gebeurtenissen`), None for an old string no app declares."""
        return gebeurtenissen.gebeurtenis(self.actie)

    @property
    def zin(self):
        """What happened, as a sentence in the active language ("Sara Secretaris heeft … gepubliceerd")."""
        return gebeurtenissen.zin(self)

    @property
    def leesbare_wijzigingen(self):
        """The stored values as (label, text): the field's name, choice labels, Dutch dates, "old → new"."""
        return gebeurtenissen.wijzigingen(self)


class MeldingSoort(models.TextChoices):
    """What a message is about. Optional kinds (`meldingen.OPTIONEEL`) carry an unsubscribe link; the others are part
    of an office or answer the person's own action and always go out."""

    AGENDA = "agenda", _("agenda gepubliceerd")
    ADDENDUM = "addendum", _("aanvulling op de agenda")
    VERGADERING_GEWIJZIGD = "vergadering_gewijzigd", _("vergadering gewijzigd")
    VERGADERING_GEANNULEERD = "vergadering_geannuleerd", _("vergadering geannuleerd")
    UITNODIGING = "uitnodiging", _("uitnodiging voor een planningsdag")
    INSCHRIJVING = "inschrijving", _("inschrijving voor een planningsdag")
    HERINNERING = "herinnering", _("herinnering aan een termijn")


class Melding(models.Model):
    """One message to one person: an account (mailed at once or in the daily digest, the user's choice) or a person's
    own address (always at once). It is the record of who received what, when, and about which object (`over`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="meldingen_ontvangen",
        null=True,
        blank=True,
        help_text=_("Leeg voor een persoon zonder account: dan gaat de melding naar het e-mailadres."),
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    naam = models.CharField(_("naam"), max_length=200, blank=True)
    soort = models.CharField(
        _("soort"),
        max_length=60,
        blank=True,
        choices=MeldingSoort.choices,
        help_text=_("Waarover de melding gaat, bv. 'agenda' of 'uitnodiging'."),
    )
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    tekst = models.TextField(_("tekst"))
    sleutel = models.CharField(
        max_length=120,
        blank=True,
        help_text=_("Maakt een melding eenmalig (bijvoorbeeld één herinnering per termijn)."),
    )
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Waarover de melding gaat (bijvoorbeeld een vergadering), met object_id."),
    )
    object_id = models.CharField(max_length=64, blank=True)
    verzending_gestart = models.DateTimeField(
        null=True, blank=True, help_text=_("Een taak verstuurt de melding nu (voorkomt dubbel versturen).")
    )
    fout = models.TextField(_("laatste fout"), blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-aangemaakt"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="melding_over")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "sleutel"],
                condition=~models.Q(sleutel="") & models.Q(user__isnull=False),
                name="melding_eenmalig_per_sleutel",
            ),
            models.UniqueConstraint(
                fields=["email", "sleutel"],
                condition=~models.Q(sleutel="") & models.Q(user__isnull=True),
                name="melding_eenmalig_per_sleutel_adres",
            ),
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(email=""),
                name="melding_heeft_ontvanger",
            ),
        ]

    def __str__(self):
        return self.onderwerp

    @property
    def adres(self):
        """The address the mail goes to: the account's e-mail, or the person's own."""
        return self.user.email if self.user_id else self.email

    @property
    def ontvanger(self):
        """The recipient's name as the portal writes it."""
        return str(self.user) if self.user_id else (self.naam or self.email)

    @property
    def status(self):
        """Where the message stands: sent, failed (retried), waiting for the daily digest, or queued."""
        if self.verzonden_op:
            return "verzonden"
        if self.fout:
            return "mislukt"
        if self.user_id and self.user.meldingen == "dagelijks":
            return "dagoverzicht"
        return "wachtrij"


class Afmelding(models.Model):
    """An address that asked for no more mail of one optional kind (`soort`), through the link in such a mail."""

    email = models.EmailField(_("e-mailadres"))
    soort = models.CharField(_("soort"), max_length=60, choices=MeldingSoort.choices)
    aangemaakt = models.DateTimeField(_("afgemeld op"), auto_now_add=True)

    class Meta:
        verbose_name = _("afmelding")
        verbose_name_plural = _("afmeldingen")
        ordering = ["email", "soort"]
        constraints = [models.UniqueConstraint(fields=["email", "soort"], name="afmelding_eenmalig")]

    def __str__(self):
        return f"{self.email}: {self.get_soort_display()}"


class OutboxJob(models.Model):
    """A job in the outbox: one side effect (a mail, a PDF, a notification) recorded in the transaction that caused it.

    `regioportaal.outbox.enqueue` writes the row inside the service's transaction and hands the job to Celery after
    the commit. The row stays open until the task has finished: when the broker is down, or a queued message is lost,
    the periodic `regioportaal.tasks.dispatch_outbox` hands it over again. Every task run from the outbox is idempotent.
    """

    task = models.CharField(_("taak"), max_length=200, help_text=_("De naam van de Celery-taak."))
    args = models.JSONField(_("argumenten"), default=list, blank=True)
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    handed_over_at = models.DateTimeField(_("aangeboden op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    given_up_at = models.DateTimeField(_("opgegeven op"), null=True, blank=True)
    last_error = models.TextField(_("laatste fout"), blank=True)

    class Meta:
        verbose_name = _("uitgaande opdracht")
        verbose_name_plural = _("uitgaande opdrachten")
        ordering = ["created"]
        indexes = [
            models.Index(
                fields=["created"],
                condition=models.Q(finished_at__isnull=True, given_up_at__isnull=True),
                name="outboxjob_open",
            )
        ]

    def __str__(self):
        return f"{self.task}{tuple(self.args)}"

    @property
    def status(self):
        if self.finished_at:
            return _("klaar")
        if self.given_up_at:
            return _("opgegeven")
        if self.handed_over_at:
            return _("aangeboden")
        return _("wacht")
