"""The secretariat's form for one agreement of the information protocol; the service validates and writes."""

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from besturen.models import Orgaan
from programmas.forms import DateInput

from ..models import Frequentie, Informatiesoort, Ontvangers


class AfspraakForm(forms.Form):
    soort = forms.ChoiceField(label=_("Wat ontvangen de raden?"), choices=Informatiesoort.choices)
    frequentie = forms.ChoiceField(
        label=_("Wanneer?"),
        choices=Frequentie.choices,
        help_text=_(
            "Een terugkoppeling gaat na elke vergadering uit; de andere soorten per kwartaal of per jaar."
        ),
    )
    dag = forms.IntegerField(
        label=_("Dag"),
        min_value=1,
        max_value=28,
        required=False,
        help_text=_(
            "Elk kwartaal: de dag in de maand na het kwartaal (januari, april, juli, oktober). "
            "Elk jaar: de dag van de datum."
        ),
    )
    maand = forms.TypedChoiceField(
        label=_("Maand (elk jaar)"),
        choices=[("", "—"), *MONTHS.items()],
        coerce=int,
        empty_value=None,
        required=False,
    )
    orgaan = forms.ModelChoiceField(
        label=_("Orgaan (na elke vergadering)"),
        queryset=Orgaan.objects.none(),
        required=False,
        empty_label="—",
    )
    ontvangers = forms.ChoiceField(label=_("Wie in elke raad?"), choices=Ontvangers.choices)
    begindatum = forms.DateField(
        label=_("Vanaf"),
        widget=DateInput(),
        help_text=_("Wat vóór deze dag te versturen was, gaat niet meer uit."),
    )

    def __init__(self, *args, regio, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["orgaan"].queryset = Orgaan.objects.filter(regio=regio).order_by("naam")

    @classmethod
    def initial_van(cls, afspraak):
        return {naam: getattr(afspraak, naam) for naam in cls.base_fields}

    def clean(self):
        """Keep only the fields the chosen moment uses (a day, a date or a body)."""
        data = super().clean()
        frequentie = data.get("frequentie")
        if frequentie != Frequentie.JAARLIJKS:
            data["maand"] = None
        if frequentie == Frequentie.NA_VERGADERING:
            data["dag"] = None
        else:
            data["orgaan"] = None
        return data
