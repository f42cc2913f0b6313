"""Council members' questions on a version and the secretariat's answers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from besturen.models import Bestuur
from regioportaal.limieten import TEKST_MAX

from .programma import Versie
from .regels import Programmaregel


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
    antwoord = models.TextField(_("antwoord"), blank=True, max_length=TEKST_MAX)
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
