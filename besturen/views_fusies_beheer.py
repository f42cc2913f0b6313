"""The platform administrator's screen to record a merger (besides the import and the admin), and the count of seats
a region still has to review after its members' mergers (the link on the region's management page).

Recording goes through `besturen.fusies.record_fusie`: the successor is one of the predecessors (it absorbs the
others and keeps its code) or a new government with its name and official code, created in the same transaction.
A refusal is shown next to the field it concerns and changes nothing.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.shortcuts import redirect
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regioportaal.views import PageView, refuse

from . import fusies, services
from .forms import DateInput
from .imports import FORMATEN
from .models import Bestuur, BestuurSoort, Fusievoorganger, Lidmaatschap
from .policies import FusiePolicy

CODEPATRONEN = {formaat.land: formaat.codepatroon for formaat in FORMATEN}
MAX_NAAM = Bestuur._meta.get_field("naam").max_length
MAX_CODE = Bestuur._meta.get_field("code").max_length
MAX_PROVINCIE = Bestuur._meta.get_field("provincie").max_length


def zetels_te_herzien(regio):
    """How many seats in `regio`'s bodies are held on behalf of a predecessor of a merger of its members and still
    count on the merger date (the seats its secretariat has to review): one query."""
    datum = F("namens__fusievoorganger__fusie__datum")
    return (
        Lidmaatschap.objects.filter(
            orgaan__regio=regio, namens__fusievoorganger__fusie__in=fusies.fusies_in_regio(regio)
        )
        .filter(begindatum__lte=datum)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gt=datum))
        .count()
    )


class _BestuurKeuze:
    """Governments shown as "name (code, country)", the ones that did not merge yet."""

    def label_from_instance(self, bestuur):
        return f"{bestuur.naam} ({bestuur.code}, {bestuur.get_land_display()})"


class _Besturen(_BestuurKeuze, forms.ModelMultipleChoiceField):
    pass


class _Bestuur(_BestuurKeuze, forms.ModelChoiceField):
    pass


class FusieForm(forms.Form):
    """A merger: its date, the predecessors and the successor (one of them, or a new government)."""

    datum = forms.DateField(
        label=gettext_lazy("Fusiedatum"),
        widget=DateInput(),
        help_text=gettext_lazy("De eerste dag van de nieuwe gemeente, bijvoorbeeld 1 januari 2025."),
    )
    voorgangers = _Besturen(
        label=gettext_lazy("Voorgangers"),
        queryset=Bestuur.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=gettext_lazy(
            "De gemeenten die samengaan; kies er minstens twee (Ctrl of Cmd ingedrukt houden)."
        ),
    )
    opnemer = _Bestuur(
        label=gettext_lazy("Voorganger die de andere opneemt"),
        queryset=Bestuur.objects.none(),
        required=False,
        empty_label=gettext_lazy("geen: een nieuwe gemeente"),
        help_text=gettext_lazy(
            "Kies deze als een van de voorgangers de andere opneemt en zijn code houdt (zoals Antwerpen en "
            "Borsbeek). Laat leeg voor een nieuwe gemeente en vul hieronder naam en code in."
        ),
    )
    naam = forms.CharField(
        label=gettext_lazy("Naam van de nieuwe gemeente"), max_length=MAX_NAAM, required=False
    )
    code = forms.CharField(
        label=gettext_lazy("Officiële code van de nieuwe gemeente"),
        max_length=MAX_CODE,
        required=False,
        help_text=gettext_lazy("NIS-code (5 cijfers, bijvoorbeeld 44088) of CBS-code (GM en 4 cijfers)."),
    )
    provincie = forms.CharField(
        label=gettext_lazy("Provincie van de nieuwe gemeente"),
        max_length=MAX_PROVINCIE,
        required=False,
        help_text=gettext_lazy("Leeg: die van de voorgangers, als ze in dezelfde provincie liggen."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        besturen = (
            Bestuur.objects.filter(soort=BestuurSoort.GEMEENTE)
            .exclude(pk__in=Fusievoorganger.objects.values("bestuur"))
            .order_by("land", "naam", "code")
        )
        self.fields["voorgangers"].queryset = besturen
        self.fields["opnemer"].queryset = besturen

    def clean(self):
        data = super().clean()
        voorgangers = list(data.get("voorgangers") or [])
        opnemer = data.get("opnemer")
        if len(voorgangers) == 1:
            self.add_error("voorgangers", _("Een fusie heeft minstens twee voorgangers."))
        if len({bestuur.land for bestuur in voorgangers}) > 1:
            self.add_error("voorgangers", _("Alle voorgangers van een fusie horen bij hetzelfde land."))
        if opnemer is not None:
            if voorgangers and opnemer not in voorgangers:
                self.add_error("opnemer", _("Kies een van de voorgangers hierboven, of laat leeg."))
            for veld in ("naam", "code", "provincie"):
                if data.get(veld):
                    self.add_error(
                        veld,
                        _("Laat leeg wanneer een voorganger de andere opneemt: hij houdt zijn naam en code."),
                    )
            return data
        if not data.get("naam") and "naam" not in self.errors:
            self.add_error(
                "naam", _("Vul de naam van de nieuwe gemeente in, of kies een voorganger die opneemt.")
            )
        code = data.get("code", "")
        if not code and "code" not in self.errors:
            self.add_error("code", _("Vul de officiële code van de nieuwe gemeente in."))
        elif code and voorgangers and len(self.errors.get("voorgangers", ())) == 0:
            self._check_code(code, voorgangers[0].land)
        return data

    def _check_code(self, code, land):
        patroon = CODEPATRONEN.get(land)
        if patroon is not None and not patroon.fullmatch(code):
            self.add_error(
                "code",
                _("‘%(code)s’ is geen officiële code van een gemeente in %(land)s.")
                % {"code": code, "land": Bestuur(land=land).get_land_display()},
            )
        elif Bestuur.objects.filter(land=land, code=code, soort=BestuurSoort.GEMEENTE).exists():
            self.add_error(
                "code",
                _("Er is al een gemeente met code %(code)s; kies die dan als voorganger die opneemt.")
                % {"code": code},
            )


@transaction.atomic
def record(data, *, door):
    """Record the merger of a valid `FusieForm` (creating a new successor first); all or nothing."""
    voorgangers = list(data["voorgangers"])
    opvolger = data["opnemer"]
    if opvolger is None:
        provincies = {bestuur.provincie for bestuur in voorgangers}
        opvolger = services.create_bestuur(
            door=door,
            soort=BestuurSoort.GEMEENTE,
            land=voorgangers[0].land,
            code=data["code"],
            naam=data["naam"],
            provincie=data["provincie"] or (provincies.pop() if len(provincies) == 1 else ""),
        )
    return fusies.record_fusie(datum=data["datum"], voorgangers=voorgangers, opvolger=opvolger, door=door)


class FusieNieuwView(LoginRequiredMixin, PageView):
    """Record a merger: the platform administrator (the policy decides)."""

    template_name = "besturen/fusie_nieuw.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            refuse(FusiePolicy().may(request.user, "record", None))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        return super().get_context_data(form=form or FusieForm(), **kwargs)

    def post(self, request, *args, **kwargs):
        form = FusieForm(request.POST)
        if form.is_valid():
            try:
                fusie = record(form.cleaned_data, door=request.user)
            except ValidationError as exc:
                # record_fusie's refusals are about the predecessors; a new government's about its code.
                velden = getattr(exc, "error_dict", None) or {"voorgangers": exc.messages}
                for veld, fouten in velden.items():
                    form.add_error(veld if veld in form.fields else "code", fouten)
            else:
                messages.success(
                    request,
                    _("Fusie tot %(opvolger)s op %(datum)s vastgelegd.")
                    % {"opvolger": fusie.opvolger, "datum": date_format(fusie.datum, "j F Y")},
                )
                return redirect(fusie.opvolger.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=422)
