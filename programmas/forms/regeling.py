"""The form of the region's programme settings; services.update_regeling decides and writes (with its audit entry).

Shares are stored as fractions (0.6667) and entered as percentages (66,67 %), so nobody reads "(1 %)".
"""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from besturen.models import Orgaan

from .. import termijnen
from ..models import AmendementRegel, Beslisregel, Procedure, Programmaregeling, SleutelSoort

HONDERD = Decimal("100")
FRACTIE_STAP = Decimal("0.0001")


def _label(naam):
    return Programmaregeling._meta.get_field(naam).verbose_name


def naar_procent(fractie):
    """0.6667 -> 66.67 (for the form's initial value)."""
    if fractie is None:
        return None
    return (Decimal(fractie) * HONDERD).quantize(Decimal("0.01"))


def naar_fractie(procent):
    """66.67 -> 0.6667 (as stored)."""
    return (Decimal(procent) / HONDERD).quantize(FRACTIE_STAP)


class ProcentField(forms.DecimalField):
    def __init__(self, **kwargs):
        super().__init__(max_digits=5, decimal_places=2, min_value=Decimal("0"), max_value=HONDERD, **kwargs)


class RegelingForm(forms.Form):
    procedure = forms.ChoiceField(
        label=_("Procedure (standaard voor de programma's van de regio)"),
        choices=Procedure.choices,
        help_text=_("Een programma kan op de P&C-kalender een andere procedure volgen."),
    )
    beslisregel = forms.ChoiceField(label=_("Beslisregel"), choices=Beslisregel.choices)
    drempel_leden = ProcentField(
        label=_("Drempel leden (%)"),
        help_text=_("Het deel van de leden dat moet goedkeuren, bij een gekwalificeerde meerderheid."),
    )
    drempel_bevolking = ProcentField(
        label=_("Drempel bevolking (%)"),
        help_text=_("Het deel van de bevolking dat moet goedkeuren, bij een gekwalificeerde meerderheid."),
    )
    amendement = forms.ChoiceField(
        label=_("Een goedkeuring met amendement"),
        choices=AmendementRegel.choices,
        help_text=_("Hoe een goedkeuring met amendement meetelt bij de instemming."),
    )
    termijn_dagen = forms.IntegerField(
        label=_("Termijn voor de raden (dagen)"),
        min_value=1,
        max_value=730,
        help_text=_("Bij de instemmingsprocedure: de standaardtermijn vanaf het voorleggen."),
    )
    zienswijze_weken = forms.IntegerField(
        label=_("Termijn voor zienswijzen (weken)"),
        max_value=104,
        widget=forms.NumberInput(attrs={"min": termijnen.WGR_ZIENSWIJZE_WEKEN}),
        help_text=_("Wgr art. 35 lid 1: minstens twaalf weken; langer mag."),
    )
    bestuursorgaan = forms.ModelChoiceField(
        label=_("Orgaan dat het programma vaststelt"),
        queryset=Orgaan.objects.none(),
        required=False,
        empty_label=_("(geen)"),
    )
    sleutel = forms.ChoiceField(label=_("Verdeelsleutel"), choices=SleutelSoort.choices)
    aandeel_bevolking = ProcentField(
        label=_("Aandeel naar inwonertal bij een mix (%)"),
        help_text=_("De rest wordt in gelijke delen verdeeld."),
    )
    bedrag_per_inwoner = forms.DecimalField(
        label=_("Bedrag per inwoner (euro)"),
        max_digits=8,
        decimal_places=2,
        min_value=Decimal("0"),
        required=False,
        help_text=_("Het standaardtarief van een nieuwe regel met een vast bedrag per inwoner."),
    )

    def __init__(self, *args, regio, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bestuursorgaan"].queryset = Orgaan.objects.filter(regio=regio).order_by("naam")

    @classmethod
    def initial_van(cls, regeling):
        return {
            "procedure": regeling.procedure,
            "beslisregel": regeling.beslisregel,
            "drempel_leden": naar_procent(regeling.drempel_leden),
            "drempel_bevolking": naar_procent(regeling.drempel_bevolking),
            "amendement": regeling.amendement,
            "termijn_dagen": regeling.termijn_dagen,
            "zienswijze_weken": regeling.zienswijze_weken,
            "bestuursorgaan": regeling.bestuursorgaan_id,
            "sleutel": regeling.sleutel,
            "aandeel_bevolking": naar_procent(regeling.aandeel_bevolking),
            "bedrag_per_inwoner": regeling.bedrag_per_inwoner,
        }

    def clean_zienswijze_weken(self):
        weken = self.cleaned_data["zienswijze_weken"]
        if weken is not None and weken < termijnen.WGR_ZIENSWIJZE_WEKEN:
            raise forms.ValidationError(
                _(
                    "De termijn voor zienswijzen is minstens twaalf weken (Wgr art. 35 lid 1): "
                    "%(weken)s weken is te kort."
                ),
                code="korter_dan_wettelijk",
                params={"weken": weken},
            )
        return weken

    def waarden(self):
        """The cleaned values as services.update_regeling takes them (shares as fractions)."""
        data = dict(self.cleaned_data)
        for naam in ("drempel_leden", "drempel_bevolking", "aandeel_bevolking"):
            data[naam] = naar_fractie(data[naam])
        return data
