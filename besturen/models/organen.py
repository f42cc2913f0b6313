"""Bodies, people, external parties and the seats (Lidmaatschap) they hold."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from regioportaal.limieten import TEKST_MAX

from .regios import Bestuur, Periode, Regio, einde_na_begin


class OrgaanSoort(models.TextChoices):
    GEMEENTERAAD = "gemeenteraad", _("gemeenteraad")
    COLLEGE = "college", _("college (van burgemeester en schepenen / B&W)")
    RAAD_MAATSCHAPPELIJK_WELZIJN = "rmw", _("raad voor maatschappelijk welzijn")
    BURGEMEESTERSOVERLEG = "burgemeestersoverleg", _("burgemeestersoverleg")
    OVERLEG_ALGEMEEN_DIRECTEURS = "overleg_algemeen_directeurs", _("overleg algemeen directeurs")
    REGIOBESTUUR = "regiobestuur", _("regiobestuur")
    REGIORAAD = "regioraad", _("regioraad")
    DAGELIJKS_BESTUUR = "dagelijks_bestuur", _("dagelijks bestuur")
    STUURGROEP = "stuurgroep", _("stuurgroep")
    RAADSCOMMISSIE = "raadscommissie", _("raadscommissie")
    WERKGROEP = "werkgroep", _("werkgroep")


# The councils of a Bestuur: their members read the non-public items of the regions their Bestuur belongs to.
RAADSORGANEN = [OrgaanSoort.GEMEENTERAAD, OrgaanSoort.RAAD_MAATSCHAPPELIJK_WELZIJN]


class Orgaan(models.Model):
    """A body (OSLO Bestuursorgaan) of exactly one Bestuur or exactly one Regio."""

    soort = models.CharField(_("soort"), max_length=30, choices=OrgaanSoort.choices)
    naam = models.CharField(_("naam"), max_length=200)
    afkorting = models.CharField(_("afkorting"), max_length=20, blank=True)
    bestuur = models.ForeignKey(
        Bestuur,
        verbose_name=_("bestuur"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="organen",
    )
    regio = models.ForeignKey(
        Regio,
        verbose_name=_("regio"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="organen",
    )
    beschrijving = models.TextField(_("beschrijving"), blank=True, max_length=TEKST_MAX)

    class Meta:
        verbose_name = _("orgaan")
        verbose_name_plural = _("organen")
        ordering = ["naam"]
        permissions = [
            ("view_besloten_orgaan", _("Niet-openbare stukken van het orgaan inzien")),
            ("comment_orgaan", _("Reageren op stukken van het orgaan")),
            ("manage_leden_orgaan", _("Lidmaatschappen van het orgaan beheren")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(bestuur__isnull=False) & Q(regio__isnull=True))
                | (Q(bestuur__isnull=True) & Q(regio__isnull=False)),
                name="orgaan_van_een_bestuur_of_een_regio",
                violation_error_message=_("Een orgaan hoort bij precies één bestuur of precies één regio."),
            ),
        ]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("besturen:orgaan", kwargs={"pk": self.pk})

    @property
    def eigenaar(self):
        return self.regio or self.bestuur


class Persoon(models.Model):
    """A person; many never log in, so the account is optional.

    One person, one record: an e-mail address belongs to at most one person, whatever its case (the database holds
    it; `clean` says so next to the field).
    """

    voornaam = models.CharField(_("voornaam"), max_length=100)
    achternaam = models.CharField(_("achternaam"), max_length=150)
    email = models.EmailField(_("e-mailadres"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="persoon",
    )

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["achternaam", "voornaam"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="persoon_email_uniek",
                violation_error_message=_("Er is al een persoon met dit e-mailadres."),
            ),
        ]

    def __str__(self):
        return f"{self.voornaam} {self.achternaam}"

    def clean(self):
        super().clean()
        if self.email and Persoon.objects.exclude(pk=self.pk).filter(email__iexact=self.email).exists():
            raise ValidationError(
                {"email": ValidationError(_("Er is al een persoon met dit e-mailadres."), code="unique")}
            )


class Rol(models.TextChoices):
    VOORZITTER = "voorzitter", _("voorzitter")
    ONDERVOORZITTER = "ondervoorzitter", _("ondervoorzitter")
    LID = "lid", _("lid")
    SECRETARIS = "secretaris", _("secretaris")
    PLAATSVERVANGER = "plaatsvervanger", _("plaatsvervanger")
    WAARNEMER = "waarnemer", _("waarnemer")


class PartijSoort(models.TextChoices):
    PROVINCIE = "provincie", _("provincie")
    RIJK = "rijk", _("rijksoverheid")
    WATERSCHAP = "waterschap", _("waterschap")
    ONDERNEMERS = "ondernemers", _("ondernemersvereniging of brancheorganisatie")
    KENNISINSTELLING = "kennisinstelling", _("kennisinstelling")
    MAATSCHAPPELIJK = "maatschappelijk", _("maatschappelijke organisatie")
    BEDRIJF = "bedrijf", _("bedrijf")
    ANDERS = "anders", _("andere partij")


class ExternePartij(models.Model):
    """A partner organisation outside the member governments that takes part in a region's body, such as a steering
    group: the province, a water board, a business association.

    One organisation, one record: a name belongs to at most one party, whatever its case (the database holds it;
    `clean` says so next to the field). Its seats are Lidmaatschappen: held by the party itself, or by a person for it.
    """

    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(_("soort"), max_length=20, choices=PartijSoort.choices)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mailadres voor contact"), blank=True)

    class Meta:
        verbose_name = _("externe partij")
        verbose_name_plural = _("externe partijen")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                Lower("naam"),
                name="externe_partij_naam_uniek",
                violation_error_message=_("Er is al een externe partij met deze naam."),
            ),
        ]

    def __str__(self):
        return self.naam

    def clean(self):
        super().clean()
        self.naam = (self.naam or "").strip()
        if self.naam and ExternePartij.objects.exclude(pk=self.pk).filter(naam__iexact=self.naam).exists():
            raise ValidationError(
                {"naam": ValidationError(_("Er is al een externe partij met deze naam."), code="unique")}
            )


class Lidmaatschap(Periode):
    """A seat in a body with a role, from a date to a date (OSLO Mandataris), held by one of:

    - a person, on behalf of a Bestuur (`namens`) or of nobody in particular (a secretary);
    - a person on behalf of an external party (`externe_partij`);
    - an external party itself (`persoon` empty): the province as a member of a steering group.

    The database holds that a seat has a holder and speaks for a Bestuur or a party, never both; `clean` adds that
    only a region's bodies seat external parties and that one holder's seats with one role do not overlap.
    """

    persoon = models.ForeignKey(
        Persoon,
        verbose_name=_("persoon"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="lidmaatschappen",
        help_text=_("Leeg wanneer de externe partij zelf de zetel heeft."),
    )
    orgaan = models.ForeignKey(
        Orgaan, verbose_name=_("orgaan"), on_delete=models.CASCADE, related_name="lidmaatschappen"
    )
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices, default=Rol.LID)
    namens = models.ForeignKey(
        Bestuur,
        verbose_name=_("namens"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lidmaatschappen",
    )
    externe_partij = models.ForeignKey(
        ExternePartij,
        verbose_name=_("externe partij"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lidmaatschappen",
        help_text=_("De partij die de zetel heeft, of namens wie de persoon er zit."),
    )
    begindatum = models.DateField(_("begindatum"))
    einddatum = models.DateField(
        _("einddatum"), null=True, blank=True, help_text=_("Vanaf deze dag telt het lidmaatschap niet meer.")
    )
    # What the linked data (OSLO Mandataris) needs and a seat did not record: the act that appointed the holder
    # and, while the seat runs, the end of its term (docs/openbaar-ld.md). Neither changes who holds a seat when.
    aanstellingsbesluit = models.URLField(
        _("aanstellingsbesluit"),
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_(
            "Het adres (http of https) van het besluit dat de persoon aanstelde, zoals het installatiebesluit van "
            "de gemeenteraad of het besluit van het orgaan zelf."
        ),
    )
    geplande_einddatum = models.DateField(
        _("geplande einddatum"),
        null=True,
        blank=True,
        help_text=_(
            "Het einde van de ambtstermijn, zoals de start van de volgende bestuursperiode. Het lidmaatschap "
            "loopt door tot de einddatum; dit is alleen het verwachte einde."
        ),
    )

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["orgaan", "rol", "persoon__achternaam"]
        constraints = [
            einde_na_begin("lidmaatschap_einde_na_begin"),
            models.CheckConstraint(
                condition=Q(persoon__isnull=False) | Q(externe_partij__isnull=False),
                name="lidmaatschap_met_houder",
                violation_error_message=_("Een zetel hoort bij een persoon of bij een externe partij."),
            ),
            models.CheckConstraint(
                condition=Q(namens__isnull=True) | Q(externe_partij__isnull=True),
                name="lidmaatschap_namens_bestuur_of_partij",
                violation_error_message=_(
                    "Een zetel is namens een bestuur of namens een externe partij, niet allebei."
                ),
            ),
            # The database's share of "no overlapping seats" (`clean` checks every period, under the service's lock
            # on the Orgaan): two open-ended seats of one holder in one body with one role always overlap.
            models.UniqueConstraint(
                fields=["persoon", "orgaan", "rol"],
                condition=Q(einddatum__isnull=True),
                name="lidmaatschap_een_open_zetel_per_rol",
                violation_error_message=_("Deze persoon heeft in dit orgaan al een zetel met deze rol."),
            ),
            models.UniqueConstraint(
                fields=["externe_partij", "orgaan", "rol"],
                condition=Q(einddatum__isnull=True, persoon__isnull=True),
                name="lidmaatschap_een_open_partijzetel_per_rol",
                violation_error_message=_("Deze partij heeft in dit orgaan al een zetel met deze rol."),
            ),
        ]

    def __str__(self):
        return f"{self.houder} ({self.get_rol_display()}, {self.orgaan})"

    @property
    def houder(self):
        """Who holds the seat: the person, or the external party itself."""
        return self.persoon if self.persoon_id else self.externe_partij

    @property
    def achterban(self):
        """Whom the person in the seat speaks for: a Bestuur or an external party (None for a party's own seat)."""
        if not self.persoon_id:
            return None
        return self.namens or self.externe_partij

    def overlapping_seats(self):
        """The other seats of this holder in this body with this role whose period meets this one's."""
        if self.persoon_id:
            seats = Lidmaatschap.objects.filter(persoon_id=self.persoon_id)
        else:
            seats = Lidmaatschap.objects.filter(
                persoon__isnull=True, externe_partij_id=self.externe_partij_id
            )
        seats = seats.filter(orgaan_id=self.orgaan_id, rol=self.rol).exclude(pk=self.pk)
        seats = seats.filter(Q(einddatum__isnull=True) | Q(einddatum__gt=self.begindatum))
        if self.einddatum is not None:
            seats = seats.filter(begindatum__lt=self.einddatum)
        return seats

    def clean(self):
        """A seat has a holder, a party sits only in a region's body, and seats of one holder do not overlap."""
        super().clean()
        if not self.persoon_id and not self.externe_partij_id:
            raise ValidationError(
                _("Een zetel hoort bij een persoon of bij een externe partij."), code="houder"
            )
        if self.externe_partij_id and self.orgaan_id and not self.orgaan.regio_id:
            raise ValidationError(
                {
                    "externe_partij": ValidationError(
                        _("Alleen de organen van een regio hebben externe partijen als lid."), code="regio"
                    )
                }
            )
        if self.geplande_einddatum and self.begindatum and self.geplande_einddatum <= self.begindatum:
            raise ValidationError(
                {
                    "geplande_einddatum": ValidationError(
                        _("De geplande einddatum ligt niet na de begindatum."), code="geplande_einde"
                    )
                }
            )
        if self.orgaan_id and self.rol and self.begindatum:
            if self.overlapping_seats().exists():
                message = _("%(persoon)s heeft in dit orgaan al een zetel als %(rol)s in deze periode.") % {
                    "persoon": self.houder,
                    "rol": self.get_rol_display(),
                }
                raise ValidationError({"rol": ValidationError(message, code="overlap")})
