"""Items a body shares and the comments on them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regioportaal.limieten import TEKST_MAX

from .organen import Orgaan


class Zichtbaarheid(models.TextChoices):
    OPENBAAR = "openbaar", _("openbaar")
    REGIO = "regio", _("de raden en organen van de regio")
    ORGAAN = "orgaan", _("alleen de leden van het orgaan")


class Stuk(models.Model):
    """An item a body shares: a note, a proposal, a document; public or not."""

    orgaan = models.ForeignKey(
        Orgaan, verbose_name=_("orgaan"), on_delete=models.CASCADE, related_name="stukken"
    )
    titel = models.CharField(_("titel"), max_length=200)
    tekst = models.TextField(_("tekst"), blank=True, max_length=TEKST_MAX)
    zichtbaarheid = models.CharField(
        _("zichtbaar voor"), max_length=10, choices=Zichtbaarheid.choices, default=Zichtbaarheid.ORGAAN
    )
    datum = models.DateField(_("datum"), default=timezone.localdate)
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("stuk")
        verbose_name_plural = _("stukken")
        ordering = ["-datum", "-id"]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("besturen:stuk", kwargs={"pk": self.pk})


class Reactie(models.Model):
    """A member's comment on an item of their body."""

    stuk = models.ForeignKey(Stuk, verbose_name=_("stuk"), on_delete=models.CASCADE, related_name="reacties")
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), null=True, on_delete=models.SET_NULL
    )
    tekst = models.TextField(_("reactie"), max_length=5000)
    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    class Meta:
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")
        ordering = ["tijdstip", "id"]

    def __str__(self):
        return f"{self.auteur}: {self.tekst[:40]}"
