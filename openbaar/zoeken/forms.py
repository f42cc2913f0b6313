from django import forms
from django.utils.translation import gettext_lazy as _

from besturen.models import Orgaan, Regio
from openbaar.models import Zoeksoort

ZOEKTERM_MAX = 200


class ZoekForm(forms.Form):
    """The search page's question and filters; every field optional (an empty search lists the newest)."""

    q = forms.CharField(label=_("Zoeken naar"), max_length=ZOEKTERM_MAX, required=False)
    soort = forms.ChoiceField(
        label=_("Soort"), choices=[("", _("Alle soorten")), *Zoeksoort.choices], required=False
    )
    regio = forms.ModelChoiceField(
        label=_("Regio"),
        queryset=Regio.objects.order_by("naam"),
        to_field_name="slug",
        empty_label=_("Alle regio's"),
        required=False,
    )
    orgaan = forms.ModelChoiceField(
        label=_("Orgaan"),
        queryset=Orgaan.objects.filter(regio__isnull=False).order_by("naam"),
        empty_label=_("Alle organen"),
        required=False,
    )
    van = forms.DateField(label=_("Vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    tot = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return data
