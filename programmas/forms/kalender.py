"""Forms of the P&C calendar: a step recorded outside a version's workflow, and a programme's route and meeting date."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Procedure
from .versie import DateInput


class StapForm(forms.Form):
    """The date a step was done (services.record_pc_stap refuses a date in the future)."""

    datum = forms.DateField(label=_("Gedaan op"), widget=DateInput(), initial=timezone.localdate)


class ProgrammaInstellingForm(forms.Form):
    """A programme's own route (or the region's default) and the board meeting the calendar counts back from."""

    procedure = forms.ChoiceField(
        label=_("Procedure"),
        required=False,
        help_text=_("Alleen te wijzigen zolang geen versie is ingediend."),
    )
    behandeldatum = forms.DateField(
        label=_("Vergaderdatum van het bestuur"),
        widget=DateInput(),
        required=False,
        help_text=_("De vergadering waarin het bestuur het programma vaststelt; leeg laten: ongewijzigd."),
    )

    def __init__(self, *args, regio_procedure, **kwargs):
        super().__init__(*args, **kwargs)
        standaard = dict(Procedure.choices).get(regio_procedure, regio_procedure)
        self.fields["procedure"].choices = [
            ("", _("die van de regio: %(procedure)s") % {"procedure": standaard})
        ] + list(Procedure.choices)
