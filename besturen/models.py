"""Regions, member governments, bodies, people and memberships."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase


class Land(models.TextChoices):
    BELGIE = "BE", _("België")
    NEDERLAND = "NL", _("Nederland")


class Rechtsvorm(models.TextChoices):
    PROJECTVERENIGING = "projectvereniging", _("projectvereniging")
    DIENSTVERLENENDE_VERENIGING = "dienstverlenende_vereniging", _("dienstverlenende vereniging")
    OPDRACHTHOUDENDE_VERENIGING = "opdrachthoudende_vereniging", _("opdrachthoudende vereniging")
    INTERLOKALE_VERENIGING = "interlokale_vereniging", _("interlokale vereniging")
    GEMEENSCHAPPELIJKE_REGELING = "gemeenschappelijke_regeling", _("gemeenschappelijke regeling")
    FEITELIJK = "feitelijke_vereniging", _("feitelijke samenwerking (zonder rechtspersoonlijkheid)")
    ANDERS = "anders", _("andere vorm")


def current_q(day=None, prefix=""):
    """Rows that count on `day`: begun on or before it and not yet ended (einddatum is the first day off)."""
    day = day or timezone.localdate()
    return Q(**{f"{prefix}begindatum__lte": day}) & (
        Q(**{f"{prefix}einddatum__isnull": True}) | Q(**{f"{prefix}einddatum__gt": day})
    )


class CurrentQuerySet(models.QuerySet):
    """Rows with a begindatum and an optional einddatum (exclusive), filtered on a day."""

    def current(self, on=None):
        return self.filter(current_q(on))

    def former(self, on=None):
        return self.filter(einddatum__lte=on or timezone.localdate())


def einde_na_begin(name):
    """The check that a period does not end before it begins (its einddatum may equal its begindatum)."""
    return models.CheckConstraint(
        condition=Q(einddatum__isnull=True) | Q(einddatum__gte=models.F("begindatum")),
        name=name,
        violation_error_message=_("De einddatum ligt vóór de begindatum."),
    )


class Periode(models.Model):
    """A row that counts from its `begindatum` up to its optional `einddatum` (the first day it no longer counts).

    The one home of "current": `Model.objects.current(day)` in queries, `row.is_current(day)` on a loaded row.
    Subclasses declare the two date fields themselves (each with its own help text).
    """

    objects = CurrentQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_current(self, day=None):
        day = day or timezone.localdate()
        return self.begindatum <= day and (self.einddatum is None or self.einddatum > day)


class Regio(models.Model):
    """A regional partnership (samenwerkingsverband) of local governments."""

    naam = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam in de URL"), max_length=80, unique=True)
    land = models.CharField(_("land"), max_length=2, choices=Land.choices)
    rechtsvorm = models.CharField(_("rechtsvorm"), max_length=40, choices=Rechtsvorm.choices)
    beschrijving = models.TextField(_("beschrijving"), blank=True)

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ["naam"]
        permissions = [
            (
                "manage_regio",
                _("De regio beheren: organen, lidmaatschappen, uitnodigingen, logboek (secretariaat)"),
            ),
            ("view_besloten_regio", _("Niet-openbare stukken voor de raden van de regio inzien")),
        ]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("besturen:regio", kwargs={"slug": self.slug})


class BestuurSoort(models.TextChoices):
    GEMEENTE = "gemeente", _("gemeente")
    OCMW = "ocmw", _("OCMW")
    PROVINCIE = "provincie", _("provincie")
    INTERCOMMUNALE = "intercommunale", _("intercommunale")
    ANDERS = "anders", _("ander bestuur")


class Bestuur(models.Model):
    """A member local government (OSLO Bestuurseenheid) with its official code and population.

    `inwoners`, `inwoners_peildatum` and `inwoners_bron` are the current figure: the `Bevolkingscijfer` with
    the latest peildatum (the import keeps them so). Earlier figures stay in `bevolkingscijfers`.
    """

    soort = models.CharField(_("soort"), max_length=20, choices=BestuurSoort.choices)
    naam = models.CharField(_("naam"), max_length=200)
    code = models.CharField(
        _("officiële code"), max_length=20, help_text=_("NIS-code (België) of CBS-code (Nederland).")
    )
    land = models.CharField(_("land"), max_length=2, choices=Land.choices)
    provincie = models.CharField(_("provincie"), max_length=100, blank=True)
    inwoners = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    inwoners_peildatum = models.DateField(_("peildatum inwoners"), null=True, blank=True)
    inwoners_bron = models.CharField(
        _("bron inwoners"),
        max_length=200,
        blank=True,
        help_text=_("Bron van het huidige aantal inwoners, bijvoorbeeld Statbel 2020 of CBS 2021."),
    )

    class Meta:
        verbose_name = _("bestuur")
        verbose_name_plural = _("besturen")
        ordering = ["naam", "soort"]
        constraints = [
            models.UniqueConstraint(
                fields=["land", "code", "soort"], name="bestuur_uniek_per_land_code_soort"
            ),
            models.CheckConstraint(
                condition=Q(inwoners_peildatum__isnull=False) | Q(inwoners__isnull=True),
                name="bestuur_inwoners_met_peildatum",
            ),
        ]

    def __str__(self):
        if self.soort == BestuurSoort.GEMEENTE:
            return self.naam
        return f"{self.get_soort_display()} {self.naam}"

    def get_absolute_url(self):
        return reverse("besturen:bestuur", kwargs={"pk": self.pk})


BRON_ONBEKEND = "onbekend"


class Bevolkingscijfer(models.Model):
    """A Bestuur's population on a reference date, with its source: the history behind `Bestuur.inwoners`.

    An import adds the figure of its file's peildatum (or corrects that year's figure); figures councils
    decided on are never overwritten by a later year's import.
    """

    bestuur = models.ForeignKey(
        Bestuur, verbose_name=_("bestuur"), on_delete=models.CASCADE, related_name="bevolkingscijfers"
    )
    inwoners = models.PositiveIntegerField(_("inwoners"))
    peildatum = models.DateField(_("peildatum"))
    bron = models.CharField(_("bron"), max_length=200, help_text=_("Bijvoorbeeld Statbel 2020 of CBS 2021."))
    ingelezen_op = models.DateTimeField(_("ingelezen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("bevolkingscijfer")
        verbose_name_plural = _("bevolkingscijfers")
        ordering = ["-peildatum"]
        constraints = [
            models.UniqueConstraint(
                fields=["bestuur", "peildatum"],
                name="bevolkingscijfer_uniek_per_peildatum",
                violation_error_message=_("Dit bestuur heeft al een bevolkingscijfer op deze peildatum."),
            ),
        ]

    def __str__(self):
        return f"{self.bestuur}: {self.inwoners} ({self.peildatum:%Y-%m-%d}, {self.bron})"


class Deelname(Periode):
    """A Bestuur's membership of a Regio from a start date to an optional end date."""

    regio = models.ForeignKey(
        Regio, verbose_name=_("regio"), on_delete=models.CASCADE, related_name="deelnames"
    )
    bestuur = models.ForeignKey(
        Bestuur, verbose_name=_("bestuur"), on_delete=models.PROTECT, related_name="deelnames"
    )
    begindatum = models.DateField(_("begindatum"))
    einddatum = models.DateField(
        _("einddatum"), null=True, blank=True, help_text=_("Vanaf deze dag is het bestuur geen lid meer.")
    )

    class Meta:
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        ordering = ["regio", "bestuur__naam"]
        constraints = [
            models.UniqueConstraint(fields=["regio", "bestuur", "begindatum"], name="deelname_uniek"),
            einde_na_begin("deelname_einde_na_begin"),
        ]

    def __str__(self):
        return f"{self.bestuur} in {self.regio}"


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
    beschrijving = models.TextField(_("beschrijving"), blank=True)

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


class Lidmaatschap(Periode):
    """A person's seat in a body with a role, on behalf of a Bestuur, from a date to a date (OSLO Mandataris)."""

    persoon = models.ForeignKey(
        Persoon, verbose_name=_("persoon"), on_delete=models.CASCADE, related_name="lidmaatschappen"
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
    begindatum = models.DateField(_("begindatum"))
    einddatum = models.DateField(
        _("einddatum"), null=True, blank=True, help_text=_("Vanaf deze dag telt het lidmaatschap niet meer.")
    )

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["orgaan", "rol", "persoon__achternaam"]
        constraints = [
            einde_na_begin("lidmaatschap_einde_na_begin"),
            # The database's share of "no overlapping seats" (`clean` checks every period, under the service's lock
            # on the Orgaan): two open-ended seats of one person in one body with one role always overlap.
            models.UniqueConstraint(
                fields=["persoon", "orgaan", "rol"],
                condition=Q(einddatum__isnull=True),
                name="lidmaatschap_een_open_zetel_per_rol",
                violation_error_message=_("Deze persoon heeft in dit orgaan al een zetel met deze rol."),
            ),
        ]

    def __str__(self):
        return f"{self.persoon} ({self.get_rol_display()}, {self.orgaan})"

    def overlapping_seats(self):
        """The other seats of this person in this body with this role whose period meets this one's."""
        seats = Lidmaatschap.objects.filter(
            persoon_id=self.persoon_id, orgaan_id=self.orgaan_id, rol=self.rol
        ).exclude(pk=self.pk)
        seats = seats.filter(Q(einddatum__isnull=True) | Q(einddatum__gt=self.begindatum))
        if self.einddatum is not None:
            seats = seats.filter(begindatum__lt=self.einddatum)
        return seats

    def clean(self):
        """A seat may not overlap another seat of the same person in the same body with the same role."""
        super().clean()
        if self.persoon_id and self.orgaan_id and self.rol and self.begindatum:
            if self.overlapping_seats().exists():
                message = _("%(persoon)s heeft in dit orgaan al een zetel als %(rol)s in deze periode.") % {
                    "persoon": self.persoon,
                    "rol": self.get_rol_display(),
                }
                raise ValidationError({"rol": ValidationError(message, code="overlap")})


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
    tekst = models.TextField(_("tekst"), blank=True)
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


# Direct foreign-key object permissions (django-guardian): fast joins for the models checked in lists.
class RegioUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Regio, on_delete=models.CASCADE)


class RegioGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Regio, on_delete=models.CASCADE)


class OrgaanUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Orgaan, on_delete=models.CASCADE)


class OrgaanGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Orgaan, on_delete=models.CASCADE)
