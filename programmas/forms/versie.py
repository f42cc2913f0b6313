"""Forms of a programme, its versions and lines, the councils' decisions and the questions."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from besturen.models import Bestuur
from opgaven.models import Opgave
from opgaven.models import Status as OpgaveStatus
from regioportaal.forms import SnelSelect
from regioportaal.limieten import TEKST_MAX

from ..models import EURO, Procedure, ProgrammaSoort, SleutelSoort
from ..workflow import UITKOMSTEN


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DraftForm(forms.Form):
    """Start the programme of a year from the region's opgaven."""

    jaar = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    soort = forms.ChoiceField(
        label=_("Soort"), choices=ProgrammaSoort.choices, initial=ProgrammaSoort.PROGRAMMA
    )
    procedure = forms.ChoiceField(
        label=_("Procedure"),
        choices=[("", _("de procedure van de regio"))] + Procedure.choices,
        required=False,
        help_text=_(
            "Bijvoorbeeld: instemming voor het programma, de zienswijzeprocedure voor de eigen begroting."
        ),
    )
    titel = forms.CharField(label=_("Titel"), max_length=200, required=False)
    opgaven = forms.ModelMultipleChoiceField(
        label=_("Opgaven in het programma"),
        queryset=Opgave.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Elke opgave wordt een programmaregel met haar budget van de leden voor dat jaar."),
    )

    def __init__(self, *args, regio, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opgaven"].queryset = Opgave.objects.filter(regio=regio).order_by("titel")
        self.fields["jaar"].initial = timezone.localdate().year + 1
        self.fields["opgaven"].initial = [
            o.pk for o in self.fields["opgaven"].queryset if o.status == OpgaveStatus.LOPEND
        ]


class RegelForm(forms.Form):
    """Change a line of a concept version: amount, capacity, key and who takes part."""

    bedrag = forms.DecimalField(label=_("Bedrag (euro)"), **EURO)
    capaciteit_uren = forms.DecimalField(
        label=_("Capaciteit (uren)"), max_digits=10, decimal_places=1, min_value=Decimal("0")
    )
    sleutel = forms.ChoiceField(
        label=_("Verdeelsleutel"),
        choices=[("", _("de verdeelsleutel van de regio"))] + SleutelSoort.choices,
        required=False,
    )
    tarief_per_inwoner = forms.DecimalField(
        label=_("Bedrag per inwoner (euro)"),
        max_digits=8,
        decimal_places=2,
        min_value=Decimal("0"),
        required=False,
        help_text=_("Alleen bij een vast bedrag per inwoner; leeg: het tarief van de regio."),
    )
    deelnemers = forms.ModelMultipleChoiceField(
        label=_("Deelnemende leden"),
        queryset=Bestuur.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Een lid dat niet deelneemt, betaalt voor deze regel niets."),
    )

    def __init__(self, *args, leden, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deelnemers"].queryset = leden


class NieuweRegelForm(forms.Form):
    opgave = forms.ModelChoiceField(label=_("Opgave"), queryset=Opgave.objects.none())
    bedrag = forms.DecimalField(label=_("Bedrag (euro)"), **EURO)
    capaciteit_uren = forms.DecimalField(
        label=_("Capaciteit (uren)"), max_digits=10, decimal_places=1, min_value=Decimal("0"), initial=0
    )

    def __init__(self, *args, opgaven, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opgave"].queryset = opgaven


class VaststellenForm(forms.Form):
    besluitdatum = forms.DateField(
        label=_("Datum van het besluit"), widget=DateInput(), initial=timezone.localdate
    )
    besluit_referentie = forms.CharField(
        label=_("Referentie van het besluit"),
        max_length=100,
        required=False,
        help_text=_("Bijvoorbeeld het nummer van het besluit in de notulen."),
    )


class VoorleggenForm(forms.Form):
    deadline = forms.DateField(
        label=_("Uiterste datum voor de raden"),
        widget=DateInput(),
        required=False,
        help_text=_("Leeg: de termijn van de regio."),
    )

    def __init__(self, *args, vroegst=None, **kwargs):
        super().__init__(*args, **kwargs)
        if vroegst is not None:
            self.fields["deadline"].help_text = _(
                "Leeg: de termijn van de regio. Vroegst mogelijk: %(datum)s."
            ) % {"datum": date_format(vroegst)}


class GsVerzendingForm(forms.Form):
    datum = forms.DateField(label=_("Verzonden op"), widget=DateInput(), initial=timezone.localdate)
    referentie = forms.CharField(label=_("Kenmerk"), max_length=100, required=False)


class RaadDeadlineForm(forms.Form):
    deadline = forms.DateField(
        label=_("Eigen uiterste datum van deze raad"),
        widget=DateInput(),
        help_text=_("Bijvoorbeeld de datum van de begrotingsraad van deze gemeente."),
    )


class TerugsturenForm(forms.Form):
    reden = forms.CharField(label=_("Reden"), max_length=500, required=False)


class NieuweVersieForm(forms.Form):
    toelichting = forms.CharField(
        label=_("Toelichting bij de nieuwe versie"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=TEKST_MAX,
    )


class VergelijkForm(forms.Form):
    met = forms.TypedChoiceField(label=_("Vergelijk met versie"), coerce=int, widget=SnelSelect)

    def __init__(self, *args, versies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["met"].choices = [(v.pk, _("versie %(n)s") % {"n": v.nummer}) for v in versies]


class RaadsbesluitForm(forms.Form):
    """Record (or correct) a council's decision; the service checks the rules and the permission."""

    uitkomst = forms.ChoiceField(label=_("Uitkomst"), widget=forms.RadioSelect)
    datum_raad = forms.DateField(label=_("Datum van de raadszitting"), widget=DateInput())
    stemmen_voor = forms.IntegerField(label=_("Stemmen voor"), min_value=0, initial=0)
    stemmen_tegen = forms.IntegerField(label=_("Stemmen tegen"), min_value=0, initial=0)
    onthoudingen = forms.IntegerField(label=_("Onthoudingen"), min_value=0, initial=0)
    amendement = forms.CharField(
        label=_("Tekst van het amendement"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Alleen bij ‘goedgekeurd met amendement’."),
        max_length=TEKST_MAX,
    )
    zienswijze = forms.CharField(
        label=_("Tekst van de zienswijze"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=TEKST_MAX,
    )
    document = forms.FileField(
        label=_("Besluitdocument (PDF, hoogstens 10 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    reden = forms.CharField(
        label=_("Reden van de correctie"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_(
            "Verplicht wanneer u een vastgelegd besluit corrigeert; de vorige registratie blijft bewaard."
        ),
        max_length=TEKST_MAX,
    )

    def __init__(self, *args, procedure, correctie, **kwargs):
        super().__init__(*args, **kwargs)
        if procedure == Procedure.ZIENSWIJZE:
            del self.fields["amendement"]
        else:
            del self.fields["zienswijze"]
        self.fields["uitkomst"].choices = [(u.value, u.label) for u in UITKOMSTEN[procedure]]
        self.fields["datum_raad"].initial = timezone.localdate()
        if correctie:
            self.fields["reden"].required = True
        else:
            del self.fields["reden"]


class VraagForm(forms.Form):
    tekst = forms.CharField(label=_("Uw vraag"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    regel = forms.TypedChoiceField(
        label=_("Over de opgave"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Optioneel."),
        widget=SnelSelect,
    )
    bestuur = forms.TypedChoiceField(label=_("Namens"), coerce=int, widget=SnelSelect)

    def __init__(self, *args, regels, besturen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regel"].choices = [("", _("het programma als geheel"))] + [
            (r.pk, r.titel)
            for r in regels  # `selectors.met_titels`: a draft opgave's title stays hidden
        ]
        self.fields["bestuur"].choices = [(b.pk, str(b)) for b in besturen]
        if len(besturen) == 1:
            self.fields["bestuur"].widget = forms.HiddenInput()
            self.fields["bestuur"].initial = besturen[0].pk


class AntwoordForm(forms.Form):
    antwoord = forms.CharField(
        label=_("Antwoord"), max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ZienswijzeAntwoordForm(forms.Form):
    antwoord = forms.CharField(
        label=_("Antwoord op de zienswijze"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Schriftelijk en met redenen; het antwoord hoort bij het vaststellingsbesluit."),
        max_length=TEKST_MAX,
    )
