"""Forms of the planning-day organiser's pages: the day, a block, a work session, invitations and a session's output.
They validate input; the services decide and write (the registration form stays in `forms.InschrijvingForm`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from besturen.models import Bestuur
from besturen.selectors import current_members
from regioportaal.limieten import TEKST_MAX

from .documenten import MAX_BYTES, check_document
from .models import Bijeenkomst, Blok, Werksessie


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class _ServiceSaves:
    def validate_unique(self):
        """The service saves; it checks the model's constraints with everything set."""

    def values(self):
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class BijeenkomstForm(_ServiceSaves, forms.ModelForm):
    class Meta:
        model = Bijeenkomst
        fields = ["naam", "beschrijving", "datum", "locatie", "organisator", "inschrijven_tot"]
        widgets = {
            "beschrijving": forms.Textarea(attrs={"rows": 5}),
            "datum": DateInput(),
            "inschrijven_tot": DateInput(),
        }

    def clean(self):
        data = super().clean()
        if data.get("datum") and data.get("inschrijven_tot") and data["inschrijven_tot"] > data["datum"]:
            self.add_error("inschrijven_tot", _("De inschrijving sluit uiterlijk op de dag zelf."))
        return data


class BlokForm(_ServiceSaves, forms.ModelForm):
    class Meta:
        model = Blok
        fields = ["soort", "titel", "begin", "einde"]
        widgets = {"begin": TimeInput(), "einde": TimeInput()}
        help_texts = {"soort": _("Werksessies kunnen alleen in een blok van de soort ‘werksessies’.")}

    def clean(self):
        data = super().clean()
        if data.get("begin") and data.get("einde") and data["einde"] <= data["begin"]:
            self.add_error("einde", _("Het einde ligt niet na het begin."))
        return data


class WerksessieForm(_ServiceSaves, forms.ModelForm):
    werkdocument = forms.FileField(
        label=_("Werkdocument"),
        required=False,
        help_text=_("Optioneel: PDF, Word (DOCX) of Excel (XLSX), hoogstens %(mb)s MB.")
        % {"mb": MAX_BYTES // (1024 * 1024)},
    )

    class Meta:
        model = Werksessie
        fields = ["thema", "beschrijving", "facilitator", "facilitator_email", "capaciteit"]
        widgets = {"beschrijving": forms.Textarea(attrs={"rows": 3})}

    def clean_werkdocument(self):
        bestand = self.cleaned_data.get("werkdocument")
        if bestand:
            check_document(bestand)
        return bestand


class UitnodigingForm(forms.Form):
    """Pick people of the region's member governments, and/or type one person's name and address."""

    personen = forms.MultipleChoiceField(
        label=_("Functionarissen van de besturen"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Wie al is uitgenodigd, staat niet meer in de lijst."),
    )
    naam = forms.CharField(label=_("Naam"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    bestuur = forms.ModelChoiceField(
        label=_("Namens"),
        queryset=Bestuur.objects.none(),
        required=False,
        empty_label=_("(kiest de genodigde)"),
    )

    def __init__(self, *args, bijeenkomst, kandidaten, **kwargs):
        super().__init__(*args, **kwargs)
        self.kandidaten = {str(k.persoon.pk): k for k in kandidaten}
        groepen = {}
        for kandidaat in kandidaten:
            groep = str(kandidaat.bestuur) if kandidaat.bestuur else str(_("Regionale organen"))
            groepen.setdefault(groep, []).append((str(kandidaat.persoon.pk), kandidaat.label))
        self.fields["personen"].choices = list(groepen.items())
        self.fields["bestuur"].queryset = current_members(bijeenkomst.regio)

    def clean(self):
        data = super().clean()
        naam, email = data.get("naam"), data.get("email")
        if naam and not email and "email" not in self.errors:
            self.add_error("email", _("Vul het e-mailadres in."))
        if email and not naam:
            self.add_error("naam", _("Vul de naam in."))
        if not data.get("personen") and not naam and not email and not self.errors:
            raise forms.ValidationError(_("Kies minstens één persoon, of vul een naam en e-mailadres in."))
        return data

    def personen_gekozen(self):
        return [self.kandidaten[pk].persoon for pk in self.cleaned_data.get("personen") or []]

    def adressen(self):
        if not self.cleaned_data.get("email"):
            return []
        return [(self.cleaned_data["naam"], self.cleaned_data["email"], self.cleaned_data.get("bestuur"))]


class OpbrengstForm(forms.Form):
    opbrengst = forms.CharField(
        label=_("Opbrengst"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "De uitdagingen, ambities en afspraken uit de werksessie: de bouwstenen voor de inspiratienota."
        ),
        max_length=TEKST_MAX,
    )
