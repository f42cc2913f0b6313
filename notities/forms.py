"""The note form: plain text up to TEKST_MAX, an optional page, private or shared with one of the author's bodies."""

import re

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from besturen.models import Orgaan
from regioportaal.limieten import TEKST_MAX

from .permissions import groepen_van

# Control characters other than tab and newline (a carriage return becomes a newline): never part of a note.
_CONTROLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_tekst(tekst):
    """Plain text as the reader will see it: line ends as newlines, no control characters."""
    return _CONTROLE.sub("", tekst.replace("\r\n", "\n").replace("\r", "\n")).strip()


class NotitieForm(forms.Form):
    tekst = forms.CharField(
        label=_("Notitie"),
        max_length=TEKST_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Platte tekst; een lege regel begint een nieuwe alinea."),
    )
    pagina = forms.IntegerField(
        label=_("Pagina (niet verplicht)"), required=False, min_value=1, max_value=100_000
    )
    gedeeld_met = forms.ModelChoiceField(
        label=_("Zichtbaar voor"),
        queryset=Orgaan.objects.none(),
        required=False,
        empty_label=_("Alleen voor mij (privé)"),
        help_text=_("Gedeeld: ook de huidige leden van dit orgaan lezen de notitie."),
    )

    def __init__(self, *args, user, huidig=None, **kwargs):
        """`huidig`: the body the note is shared with now, a choice also after the author has left it."""
        super().__init__(*args, **kwargs)
        groepen = groepen_van(user)
        if huidig is not None:
            groepen = Orgaan.objects.filter(Q(pk__in=groepen.values("pk")) | Q(pk=huidig)).order_by(
                "naam", "pk"
            )
        self.fields["gedeeld_met"].queryset = groepen

    def clean_tekst(self):
        tekst = clean_tekst(self.cleaned_data["tekst"])
        if not tekst:
            raise forms.ValidationError(_("Schrijf een notitie."))
        return tekst
