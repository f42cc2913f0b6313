"""The review packet (PDF) of a version for one member council."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from besturen.models import Bestuur

from .programma import Versie


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
