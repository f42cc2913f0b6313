"""Forms of the secretariat screens; they validate input, the services decide and write."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Bestuur, Orgaan, OrgaanSoort, Rol, Stuk, Zichtbaarheid

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
    """Add a seat; the person is found by e-mail address or created."""

    voornaam = forms.CharField(label=_("Voornaam"), max_length=100)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=150)
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        help_text=_(
            "Nodig om de persoon later uit te nodigen. Een bekend adres koppelt aan dezelfde persoon."
        ),
    )
    rol = forms.ChoiceField(label=_("Rol"), choices=Rol.choices, initial=Rol.LID)
    namens = forms.ModelChoiceField(label=_("Namens"), queryset=Bestuur.objects.none(), required=False)
    begindatum = forms.DateField(label=_("Vanaf"), widget=DateInput(), initial=timezone.localdate)
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

    def ask_confirmation(self):
        """Show the check box with which the secretariat adds a person known elsewhere (the service asked)."""
        self.fields["bestaande_persoon"].widget = forms.CheckboxInput()


class RolForm(forms.Form):
    rol = forms.ChoiceField(label=_("Rol"), choices=Rol.choices)


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
