"""Meetings of the bodies: the meeting, attendance, the agenda item, the decision and the vote.

OSLO: Vergadering = Zitting, Agendapunt, Besluit, Stemming.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from besturen.models import Lidmaatschap, Orgaan
from regioportaal import sqlrijen
from regioportaal.limieten import NOTULEN_MAX, TEKST_MAX


class VergaderingStatus(models.TextChoices):
    GEPLAND = "gepland", _("gepland")
    AGENDA_GEPUBLICEERD = "agenda_gepubliceerd", _("agenda gepubliceerd")
    AFGELOPEN = "afgelopen", _("afgelopen")
    NOTULEN_GOEDGEKEURD = "notulen_goedgekeurd", _("notulen goedgekeurd")
    GEANNULEERD = "geannuleerd", _("geannuleerd")


GEPUBLICEERDE_STATUSSEN = [
    VergaderingStatus.AGENDA_GEPUBLICEERD,
    VergaderingStatus.AFGELOPEN,
    VergaderingStatus.NOTULEN_GOEDGEKEURD,
]


def gepubliceerd_q(prefix=""):
    """Meetings whose agenda was made public: published and later, or cancelled after the agenda was published (the
    public keeps seeing the cancellation)."""
    return Q(**{f"{prefix}status__in": GEPUBLICEERDE_STATUSSEN}) | Q(
        **{f"{prefix}status": VergaderingStatus.GEANNULEERD, f"{prefix}agenda_gepubliceerd_op__isnull": False}
    )


def gepubliceerd_sql(alias):
    """`gepubliceerd_q` as a condition of a written-out query on the meetings table under `alias`: (sql, params),
    SQL that PostgreSQL and SQLite both read; the text depends on `alias` only."""
    statussen, params = sqlrijen.in_lijst(f"{alias}.status", GEPUBLICEERDE_STATUSSEN)
    return (
        f"({statussen} OR ({alias}.status = %s AND {alias}.agenda_gepubliceerd_op IS NOT NULL))",
        [*params, VergaderingStatus.GEANNULEERD],
    )


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
    notulen = models.TextField(_("notulen"), blank=True, max_length=NOTULEN_MAX)
    notulen_goedgekeurd_op = models.DateTimeField(_("notulen goedgekeurd op"), null=True, blank=True)
    agenda_pdf = models.FileField(_("agenda (PDF, openbaar)"), upload_to=agenda_pdf_pad, blank=True)
    agenda_pdf_volledig = models.FileField(
        _("agenda (PDF, met besloten punten)"), upload_to=agenda_pdf_pad, blank=True
    )
    wijzigingen = models.PositiveIntegerField(
        _("aantal wijzigingen"), default=0, help_text=_("SEQUENCE in de agenda's van de abonnees.")
    )
    geannuleerd_op = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    reden_annulering = models.CharField(_("reden van de annulering"), max_length=300, blank=True)
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
        """The agenda was made public (and its numbering is fixed), also when the meeting was cancelled after that."""
        return self.status in GEPUBLICEERDE_STATUSSEN or (
            self.status == VergaderingStatus.GEANNULEERD and self.agenda_gepubliceerd_op is not None
        )

    @property
    def geannuleerd(self):
        return self.status == VergaderingStatus.GEANNULEERD


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
    INGETROKKEN = "ingetrokken", _("ingetrokken")


# Items that stand on the agenda with their number: on it, or withdrawn after publication (shown as withdrawn).
OP_DE_AGENDA = [AgendapuntStatus.GEAGENDEERD, AgendapuntStatus.INGETROKKEN]


class Agendapunt(models.Model):
    """An item on a meeting's agenda, numbered; a member's proposal until the secretariat accepts it."""

    vergadering = models.ForeignKey(
        Vergadering, verbose_name=_("vergadering"), on_delete=models.CASCADE, related_name="agendapunten"
    )
    volgnummer = models.PositiveSmallIntegerField(_("volgnummer"), null=True, blank=True)
    titel = models.CharField(_("titel"), max_length=200)
    toelichting = models.TextField(_("toelichting"), blank=True, max_length=TEKST_MAX)
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
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    reden_intrekking = models.CharField(_("reden van de intrekking"), max_length=300, blank=True)

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
                condition=Q(status__in=["geagendeerd", "ingetrokken"], volgnummer__isnull=False)
                | (~Q(status__in=["geagendeerd", "ingetrokken"]) & Q(volgnummer__isnull=True)),
                name="agendapunt_genummerd_op_agenda",
            ),
        ]

    def __str__(self):
        return f"{self.volgnummer}. {self.titel}" if self.volgnummer else self.titel

    @property
    def ingetrokken(self):
        return self.status == AgendapuntStatus.INGETROKKEN


class Besluituitkomst(models.TextChoices):
    AANGENOMEN = "aangenomen", _("aangenomen")
    VERWORPEN = "verworpen", _("verworpen")
    AANGEHOUDEN = "aangehouden", _("aangehouden")
    KENNISGENOMEN = "kennisgenomen", _("kennisgenomen")


class Besluit(models.Model):
    """What the body decided on an agenda item (OSLO Besluit)."""

    agendapunt = models.OneToOneField(
        Agendapunt, verbose_name=_("agendapunt"), on_delete=models.CASCADE, related_name="besluit"
    )
    behandeling = models.TextField(_("behandeling"), blank=True, max_length=TEKST_MAX)
    tekst = models.TextField(_("besluit"), blank=True, max_length=TEKST_MAX)
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=Besluituitkomst.choices)
    # The legal act this decision expresses (OSLO: the Besluit realises a Rechtsgrond) takes effect on this day;
    # the linked data publishes that act only once the day is known (docs/openbaar-ld.md).
    inwerkingtreding = models.DateField(
        _("inwerkingtreding"),
        null=True,
        blank=True,
        help_text=_("De dag waarop het besluit in werking treedt, zoals het besluit of de wet het bepaalt."),
    )
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
