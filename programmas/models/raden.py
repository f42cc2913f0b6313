"""The councils' decisions on a version: the latest outcome per member council and every registration of it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from besturen.models import Bestuur, Orgaan
from regioportaal.limieten import TEKST_MAX

from .programma import Versie


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
        max_length=TEKST_MAX,
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
    amendement = models.TextField(_("amendement"), blank=True, max_length=TEKST_MAX)
    zienswijze = models.TextField(_("zienswijze"), blank=True, max_length=TEKST_MAX)
    document = models.FileField(_("besluitdocument (PDF)"), upload_to=besluit_pad, blank=True)
    correctie = models.BooleanField(_("correctie"), default=False)
    te_laat = models.BooleanField(
        _("na de uiterste datum"),
        default=False,
        help_text=_("Vastgelegd nadat de termijn van de raad verstreek."),
    )
    reden = models.TextField(_("reden van de correctie"), blank=True, max_length=TEKST_MAX)
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


# Direct foreign-key object permissions for the objects checked in lists.


class RaadsbesluitUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Raadsbesluit, on_delete=models.CASCADE)


class RaadsbesluitGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Raadsbesluit, on_delete=models.CASCADE)
