"""Forms of the secretariat screens; they validate input, the services decide and write."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Bestuur, ExternePartij, Orgaan, OrgaanSoort, Rol, Stuk, Zichtbaarheid

REGIONALE_SOORTEN = [
    (value, label)
    for value, label in OrgaanSoort.choices
    if value
    not in (
        OrgaanSoort.GEMEENTERAAD,
        OrgaanSoort.COLLEGE,
        OrgaanSoort.RAAD_MAATSCHAPPELIJK_WELZIJN,
    )
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class OrgaanForm(forms.ModelForm):
    soort = forms.ChoiceField(label=_("Soort"), choices=REGIONALE_SOORTEN)

    class Meta:
        model = Orgaan
        fields = ["naam", "afkorting", "soort", "beschrijving"]
        widgets = {"beschrijving": forms.Textarea(attrs={"rows": 3})}


class LidmaatschapForm(forms.Form):
    """Add a seat; the person is found by e-mail address or created. In a region's body the seat may be for an
    external party, or (without a name) the party's own."""

    voornaam = forms.CharField(label=_("Voornaam"), max_length=100, required=False)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        help_text=_(
            "Nodig om de persoon later uit te nodigen. Een bekend adres koppelt aan dezelfde persoon."
        ),
    )
    rol = forms.ChoiceField(label=_("Rol"), choices=Rol.choices, initial=Rol.LID)
    namens = forms.ModelChoiceField(label=_("Namens"), queryset=Bestuur.objects.none(), required=False)
    externe_partij = forms.ModelChoiceField(
        label=_("Externe partij"),
        queryset=ExternePartij.objects.all(),
        required=False,
        help_text=_(
            "In plaats van een bestuur: de persoon zit er voor deze partij, zoals de provincie. Laat voornaam, "
            "achternaam en e-mailadres leeg om de zetel aan de partij zelf te geven."
        ),
    )
    begindatum = forms.DateField(label=_("Vanaf"), widget=DateInput(), initial=timezone.localdate)
    aanstellingsbesluit = forms.URLField(
        label=_("Aanstellingsbesluit (adres)"),
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text=_(
            "Het adres van het besluit dat de persoon aanstelde, zoals het installatiebesluit van de gemeenteraad. "
            "De open data noemen het."
        ),
    )
    geplande_einddatum = forms.DateField(
        label=_("Geplande einddatum"),
        required=False,
        widget=DateInput(),
        help_text=_("Het einde van de ambtstermijn, zoals de start van de volgende bestuursperiode."),
    )
    bestaande_persoon = forms.BooleanField(
        label=_("Ja, voeg de persoon toe die dit e-mailadres al heeft"),
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, orgaan, **kwargs):
        super().__init__(*args, **kwargs)
        if self["bestaande_persoon"].data not in (None, "", "False", False):
            self.ask_confirmation()
        if orgaan.regio_id:
            self.fields["namens"].queryset = Bestuur.objects.filter(
                deelnames__in=orgaan.regio.deelnames.current()
            ).order_by("naam", "soort")
        else:
            self.fields["namens"].queryset = Bestuur.objects.filter(pk=orgaan.bestuur_id)
            self.fields["namens"].initial = orgaan.bestuur_id
            del self.fields["externe_partij"]  # only a region's bodies seat external parties

    def clean(self):
        data = super().clean()
        partij = data.get("externe_partij")
        if partij is not None and data.get("namens") is not None:
            self.add_error(
                "externe_partij", _("Kies namens een bestuur of namens een externe partij, niet allebei.")
            )
        partij_zelf = partij is not None and not any(
            data.get(veld) for veld in ("voornaam", "achternaam", "email")
        )
        if not partij_zelf:
            for veld in ("voornaam", "achternaam"):
                if not data.get(veld) and veld not in self.errors:
                    self.add_error(veld, forms.Field.default_error_messages["required"])
        return data

    def ask_confirmation(self):
        """Show the check box with which the secretariat adds a person known elsewhere (the service asked)."""
        self.fields["bestaande_persoon"].widget = forms.CheckboxInput()


class ExternePartijForm(forms.ModelForm):
    """Register a partner organisation that takes part in a region's body."""

    website = forms.URLField(
        label=_("Website van de partij"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = ExternePartij
        fields = ["naam", "soort", "website", "email"]
        # Labels of their own: the member form on the same page has its Naam and E-mailadres.
        labels = {
            "naam": _("Naam van de partij"),
            "soort": _("Soort partij"),
            "email": _("Contact (e-mail)"),
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "partij")
        super().__init__(*args, **kwargs)

    def validate_unique(self):
        """The service says whether the name is taken (next to the field, under its lock)."""


class RolForm(forms.Form):
    rol = forms.ChoiceField(label=_("Rol"), choices=Rol.choices)


class AanstellingForm(forms.Form):
    """The appointment act and planned end of one seat (the member screen's row; the open data publish them)."""

    aanstellingsbesluit = forms.URLField(
        label=_("Aanstellingsbesluit (adres)"), required=False, assume_scheme="https", max_length=200
    )
    geplande_einddatum = forms.DateField(label=_("Geplande einddatum"), required=False, widget=DateInput())


class BeeindigForm(forms.Form):
    einddatum = forms.DateField(
        label=_("Telt niet meer vanaf"), widget=DateInput(), initial=timezone.localdate
    )
    reden = forms.CharField(label=_("Reden"), max_length=200, required=False)


class StukForm(forms.ModelForm):
    zichtbaarheid = forms.ChoiceField(label=_("Zichtbaar voor"), choices=Zichtbaarheid.choices)

    class Meta:
        model = Stuk
        fields = ["titel", "tekst", "zichtbaarheid"]
        widgets = {"tekst": forms.Textarea(attrs={"rows": 8})}


class ReactieForm(forms.Form):
    tekst = forms.CharField(label=_("Uw reactie"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
