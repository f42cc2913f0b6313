"""The search table (issue 15): one denormalised row per public object and per closed one, kept current by the
receivers in `openbaar.zoeken.signalen` and rebuilt by `manage.py reindex_zoeken`.

Only this app has models; the other parts of `openbaar` read the lower apps directly.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from besturen.models import Orgaan, Regio
from regioportaal.limieten import TEKST_MAX

# The PostgreSQL text search configuration made by migration 0001: Dutch stemming on unaccented words.
ZOEKCONFIG = "nl_unaccent"


class Zoeksoort(models.TextChoices):
    REGIO = "regio", _("regio")
    BESTUUR = "bestuur", _("bestuur")
    ORGAAN = "orgaan", _("orgaan")
    PERSOON = "persoon", _("persoon")
    VERGADERING = "vergadering", _("vergadering")
    AGENDAPUNT = "agendapunt", _("agendapunt")
    BESLUIT = "besluit", _("besluit")
    OPGAVE = "opgave", _("opgave")
    PROGRAMMAVERSIE = "programmaversie", _("programmaversie")


class Zoekitem(models.Model):
    """One findable object: its kind and pk, what the result shows (title, text, date, link) and who may find it.

    `openbaar` rows are for everyone. A closed row is found by whoever may read it in its own app: meetings, items and
    decisions by the body's members (`orgaan`), opgaven and programme versions by the region's people (`regio`).
    """

    soort = models.CharField(_("soort"), max_length=20, choices=Zoeksoort.choices)
    object_id = models.PositiveBigIntegerField(_("object"))
    regio = models.ForeignKey(
        Regio, verbose_name=_("regio"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    orgaan = models.ForeignKey(
        Orgaan, verbose_name=_("orgaan"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    datum = models.DateField(_("datum"), null=True, blank=True)
    titel = models.CharField(_("titel"), max_length=300)
    tekst = models.TextField(_("tekst"), blank=True, max_length=TEKST_MAX)
    url = models.CharField(_("adres"), max_length=300)
    openbaar = models.BooleanField(_("openbaar"), default=False)
    # Filled on PostgreSQL only (`openbaar.zoeken.indexeren`); SQLite searches titel and tekst instead.
    zoekvector = SearchVectorField(null=True, editable=False)
    bijgewerkt = models.DateTimeField(_("bijgewerkt"), auto_now=True)

    class Meta:
        verbose_name = _("zoekitem")
        verbose_name_plural = _("zoekitems")
        constraints = [models.UniqueConstraint(fields=["soort", "object_id"], name="zoekitem_per_object")]
        indexes = [
            GinIndex(fields=["zoekvector"], name="zoekitem_zoekvector_gin"),
            models.Index(fields=["datum"], name="zoekitem_datum"),
        ]

    def __str__(self):
        return f"{self.get_soort_display()}: {self.titel}"
