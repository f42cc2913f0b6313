"""Mergers of governments: on a date, predecessors become part of a successor (a new government or one of them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .regios import Bestuur


class Fusie(models.Model):
    """A merger on `datum`: the `voorgangers` cease to exist and are part of `opvolger` from that day on.

    The successor is a new government with its own official code, or one of the former governments that absorbs
    the others and keeps its code (it is then not among the `voorgangers`). Earlier decisions keep naming the
    predecessors: nothing of theirs is deleted or renamed.
    """

    datum = models.DateField(_("datum"), help_text=_("De eerste dag van de nieuwe gemeente."))
    opvolger = models.ForeignKey(
        Bestuur, verbose_name=_("opvolger"), on_delete=models.PROTECT, related_name="fusies_als_opvolger"
    )
    voorgangers = models.ManyToManyField(
        Bestuur,
        verbose_name=_("voorgangers"),
        through="Fusievoorganger",
        related_name="fusies_als_voorganger",
    )
    nieuw_bestuur = models.BooleanField(
        _("nieuw bestuur"),
        default=True,
        help_text=_("Uit: een van de voorgangers neemt de andere op en houdt zijn code."),
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("fusie")
        verbose_name_plural = _("fusies")
        ordering = ["-datum", "opvolger__naam"]

    def __str__(self):
        return _("Fusie tot %(opvolger)s op %(datum)s") % {
            "opvolger": self.opvolger,
            "datum": self.datum.isoformat(),
        }


class Fusievoorganger(models.Model):
    """One predecessor of a merger; a government merges at most once (the database holds that)."""

    fusie = models.ForeignKey(Fusie, verbose_name=_("fusie"), on_delete=models.CASCADE, related_name="rijen")
    bestuur = models.OneToOneField(
        Bestuur, verbose_name=_("bestuur"), on_delete=models.PROTECT, related_name="fusievoorganger"
    )

    class Meta:
        verbose_name = _("voorganger in een fusie")
        verbose_name_plural = _("voorgangers in een fusie")

    def __str__(self):
        return str(self.bestuur)
