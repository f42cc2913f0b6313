"""Forms of the opgaven pages; they validate input, the services decide and write.

Model forms are built without the instance they edit (an edit form gets `initial`), so validating a form never
changes the object the service compares against for its audit entry.
"""

from django import forms
from django.db.models import Q
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy as _

from besturen import selectors as besturen_selectors
from besturen.forms import DateInput
from besturen.models import Orgaan
from regioportaal.forms import SnelleVelden, SnelSelect
from regioportaal.limieten import TEKST_MAX

from .models import (
    Budgetregel,
    Capaciteit,
    Doelstelling,
    Indicator,
    Mandaat,
    Opgave,
    Portefeuillehouder,
    Status,
    Strategie,
    Synergie,
    Thema,
    Verplichting,
    Voortgang,
    Waarde,
)
from .selectors import portefeuille_kandidaten
from .services import OPDRACHTGEVER_ORGANEN


def _bedrag(**attrs):
    return forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal", **attrs})


class OpgaveForm(forms.ModelForm):
    """The opdrachtformulering: doel, resultaat, sturing, goals and themes (budget and capacity come after)."""

    class Meta:
        model = Opgave
        fields = [
            "titel",
            "samenvatting",
            "doel",
            "resultaat",
            "doelstellingen",
            "themas",
            "opdrachtgever",
            "stuurgroep",
            "partners",
            "opdrachtnemer",
            "begin_jaar",
            "eind_jaar",
            "gepubliceerd",
        ]
        widgets = {
            "samenvatting": forms.Textarea(attrs={"rows": 2}),
            "doel": forms.Textarea(attrs={"rows": 4}),
            "resultaat": forms.Textarea(attrs={"rows": 4}),
            "partners": forms.Textarea(attrs={"rows": 2}),
            "doelstellingen": forms.CheckboxSelectMultiple,
            "themas": forms.CheckboxSelectMultiple,
            "begin_jaar": forms.NumberInput(attrs={"min": "2000", "max": "2100"}),
            "eind_jaar": forms.NumberInput(attrs={"min": "2000", "max": "2100"}),
        }
        help_texts = {
            "partners": _("Maatschappelijke partners en andere overheden, gescheiden door komma's."),
            "gepubliceerd": _("Een gepubliceerde opgave is voor iedereen zichtbaar."),
        }

    def __init__(self, *args, regio, **kwargs):
        super().__init__(*args, **kwargs)
        for veld in ("doelstellingen", "themas"):  # archived ones only where the opgave serves them already
            gekoppeld = [getattr(item, "pk", item) for item in self.initial.get(veld) or []]
            self.fields[veld].queryset = getattr(regio, veld).filter(
                Q(gearchiveerd=False) | Q(pk__in=gekoppeld)
            )
        huidig = self.initial.get("opdrachtgever")  # kept even when the seat has ended since
        self.fields["opdrachtgever"].queryset = besturen_selectors.seat_choices(
            regio, OPDRACHTGEVER_ORGANEN, keep=huidig
        )
        self.fields["stuurgroep"].queryset = Orgaan.objects.filter(regio=regio)


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["naam", "eenheid", "nulwaarde", "streefwaarde", "streefdatum"]
        widgets = {
            "nulwaarde": forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
            "streefwaarde": forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
            "streefdatum": DateInput(),
        }
        help_texts = {
            "eenheid": _("Bijvoorbeeld: woningen, %, kg per inwoner."),
            "nulwaarde": _("De waarde bij de start."),
        }


class BudgetregelForm(forms.ModelForm):
    class Meta:
        model = Budgetregel
        fields = ["jaar", "bedrag", "bron"]
        widgets = {"jaar": forms.NumberInput(attrs={"min": "2000", "max": "2100"}), "bedrag": _bedrag()}


class CapaciteitForm(forms.ModelForm):
    class Meta:
        model = Capaciteit
        fields = ["jaar", "hoeveelheid", "eenheid", "bestuur", "partner", "in_natura"]
        widgets = {
            "jaar": forms.NumberInput(attrs={"min": "2000", "max": "2100"}),
            "hoeveelheid": _bedrag(),
        }
        help_texts = {"partner": _("Alleen invullen als geen lid de capaciteit levert.")}

    def __init__(self, *args, regio, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bestuur"].queryset = besturen_selectors.current_members(regio)


class StatusForm(forms.Form):
    naar = forms.ChoiceField(label=_("Nieuwe status"))
    reden = forms.CharField(label=_("Reden"), max_length=300, required=False)

    def __init__(self, *args, keuzes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["naar"].choices = [(status.value, status.label) for status in keuzes]


class SynergieForm(forms.Form):
    andere = forms.ModelChoiceField(label=_("Versterkt de opgave"), queryset=Opgave.objects.none())
    reden = forms.CharField(
        label=_("Waarom versterken ze elkaar?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hoe meer synergie, hoe meer prioriteit: de reden staat bij beide opgaven."),
        max_length=TEKST_MAX,
    )

    def __init__(self, *args, opgave, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["andere"].queryset = (
            Opgave.objects.filter(regio_id=opgave.regio_id)
            .exclude(pk=opgave.pk)
            .exclude(pk__in=Synergie.objects.filter(van=opgave).values("naar"))
            .exclude(pk__in=Synergie.objects.filter(naar=opgave).values("van"))
            .order_by("titel")
        )


class MandaatForm(forms.ModelForm):
    class Meta:
        model = Mandaat
        fields = [
            "verleend_door",
            "besluitdatum",
            "besluit_referentie",
            "omschrijving",
            "budgetplafond",
            "begindatum",
            "einddatum",
        ]
        widgets = {
            "besluitdatum": DateInput(),
            "begindatum": DateInput(),
            "einddatum": DateInput(),
            "omschrijving": forms.Textarea(attrs={"rows": 3}),
            "budgetplafond": _bedrag(),
        }

    def __init__(self, *args, regio, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verleend_door"].queryset = Orgaan.objects.filter(regio=regio)


class VerplichtingForm(forms.ModelForm):
    class Meta:
        model = Verplichting
        fields = ["bedrag", "omschrijving", "datum"]
        widgets = {"bedrag": _bedrag(min="0.01"), "datum": DateInput()}


class VoortgangForm(forms.ModelForm):
    """A progress report, with one optional value field per indicator of the opgave."""

    class Meta:
        model = Voortgang
        fields = ["periode_eind", "status", "besteed", "toelichting"]
        widgets = {
            "periode_eind": DateInput(),
            "besteed": _bedrag(),
            "toelichting": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"besteed": _("Het bedrag dat in deze periode is uitgegeven.")}

    def __init__(self, *args, indicatoren, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicatoren = list(indicatoren)
        for indicator in self.indicatoren:
            self.fields[f"indicator_{indicator.pk}"] = forms.DecimalField(
                label=_("%(naam)s (%(eenheid)s)") % {"naam": indicator.naam, "eenheid": indicator.eenheid},
                required=False,
                max_digits=14,
                decimal_places=2,
                widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
                help_text=_("Streefwaarde %(streef)s; leeg laten als er geen nieuwe meting is.")
                % {"streef": floatformat(indicator.streefwaarde, "-2g")},
            )

    def waarden(self):
        """The indicator values given, as {indicator: waarde}."""
        return {
            indicator: self.cleaned_data[f"indicator_{indicator.pk}"]
            for indicator in self.indicatoren
            if self.cleaned_data.get(f"indicator_{indicator.pk}") is not None
        }

    def rapport(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class FilterForm(SnelleVelden, forms.Form):
    """The filters of the opgaven list; choices are given (already read, as rows) so checking them costs no query."""

    thema = forms.ChoiceField(label=_("Thema"), required=False, widget=SnelSelect)
    doelstelling = forms.ChoiceField(label=_("Doelstelling"), required=False, widget=SnelSelect)
    status = forms.ChoiceField(label=_("Status"), required=False, widget=SnelSelect)
    opdrachtgever = forms.ChoiceField(label=_("Opdrachtgever"), required=False, widget=SnelSelect)
    volgorde = forms.ChoiceField(
        label=_("Volgorde"),
        required=False,
        choices=[("titel", _("op titel")), ("prioriteit", _("op prioriteit (hoogste eerst)"))],
        widget=SnelSelect,
    )

    def __init__(self, *args, themas, doelstellingen, opdrachtgevers, **kwargs):
        """`themas` as rows (pk, naam, transversaal), `doelstellingen` as (pk, nummer, titel) and `opdrachtgevers`
        as (pk, voornaam, achternaam), each in its model's order."""
        super().__init__(*args, **kwargs)
        alle = [("", _("alle"))]
        transversaal = _("transversaal")
        self.fields["thema"].choices = alle + [
            (str(pk), f"{naam} ({transversaal})" if dwars else naam) for pk, naam, dwars in themas
        ]
        self.fields["doelstelling"].choices = alle + [
            (str(pk), f"{nummer}. {titel}") for pk, nummer, titel in doelstellingen
        ]
        self.fields["status"].choices = alle + list(Status.choices)
        self.fields["opdrachtgever"].choices = alle + [
            (str(pk), f"{voornaam} {achternaam}") for pk, voornaam, achternaam in opdrachtgevers
        ]

    def filters(self):
        """The valid filters as keyword arguments for selectors.opgaven_list (invalid ones are ignored)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "thema": data.get("thema") or None,
            "doelstelling": data.get("doelstelling") or None,
            "status": data.get("status") or None,
            "opdrachtgever": data.get("opdrachtgever") or None,
            "order": data.get("volgorde") or "titel",
        }


# --- The strategy editor ----------------------------------------------------------------------------------------


class StrategieForm(forms.ModelForm):
    class Meta:
        model = Strategie
        fields = ["missie", "visie"]
        widgets = {"missie": forms.Textarea(attrs={"rows": 4}), "visie": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "missie": _("Waarom bestaat de samenwerking?"),
            "visie": _("Waarvoor staat de regio? Een lege regel begint een nieuwe alinea."),
        }


class WaardeForm(forms.ModelForm):
    class Meta:
        model = Waarde
        fields = ["naam", "tekst"]
        widgets = {"tekst": forms.Textarea(attrs={"rows": 3})}


class DoelstellingForm(forms.ModelForm):
    class Meta:
        model = Doelstelling
        fields = ["titel", "beschrijving", "indicatoren"]
        widgets = {
            "beschrijving": forms.Textarea(attrs={"rows": 3}),
            "indicatoren": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"titel": _("Het nummer volgt uit de volgorde.")}


class ThemaForm(forms.ModelForm):
    class Meta:
        model = Thema
        fields = ["naam", "beschrijving", "transversaal"]
        widgets = {"beschrijving": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "transversaal": _("Een transversaal thema geldt zoveel mogelijk voor alle andere thema's.")
        }


#: The form of each kind of strategy part, by the name the editor's URLs use.
ONDERDEEL_FORMS = {"waarde": WaardeForm, "doelstelling": DoelstellingForm, "thema": ThemaForm}


class OpgavenKoppelenForm(forms.Form):
    """The opgaven a goal or theme serves, chosen from the region's opgaven."""

    opgaven = forms.ModelMultipleChoiceField(
        label=_("Opgaven"),
        queryset=Opgave.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, opgaven, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opgaven"].queryset = opgaven


class PortefeuillehouderForm(forms.ModelForm):
    """A person from the region's bodies, a theme or an opgave (one list), and the dates."""

    onderwerp = forms.ChoiceField(label=_("Portefeuille"), help_text=_("Een regionaal thema of een opgave."))

    class Meta:
        model = Portefeuillehouder
        fields = ["persoon", "begindatum", "einddatum"]
        widgets = {"begindatum": DateInput(), "einddatum": DateInput()}
        help_texts = {"einddatum": _("Leeg laten zolang er geen einde is afgesproken.")}

    field_order = ["persoon", "onderwerp", "begindatum", "einddatum"]

    def __init__(self, *args, regio, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persoon"].queryset = portefeuille_kandidaten(regio)
        self.themas = {str(t.pk): t for t in regio.themas.filter(gearchiveerd=False)}
        self.opgaven = {str(o.pk): o for o in regio.opgaven.order_by("titel")}
        self.fields["onderwerp"].choices = [
            ("", "---------"),
            (_("Thema's"), [(f"thema-{pk}", t.naam) for pk, t in self.themas.items()]),
            (_("Opgaven"), [(f"opgave-{pk}", o.titel) for pk, o in self.opgaven.items()]),
        ]

    def clean_onderwerp(self):
        soort, _sep, pk = self.cleaned_data["onderwerp"].partition("-")
        return (self.themas if soort == "thema" else self.opgaven)[pk]

    def portefeuille(self):
        """The service's keyword arguments."""
        data = dict(self.cleaned_data)
        onderwerp = data.pop("onderwerp")
        return {**data, "thema" if isinstance(onderwerp, Thema) else "opgave": onderwerp}


class EindeForm(forms.Form):
    einddatum = forms.DateField(label=_("Einddatum"), widget=DateInput())
