"""Forms of the meeting and planning-day pages; they validate input, the services decide and write."""

import html

from django import forms
from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.formats import localize
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext_lazy as _

from besturen import permissions as besturen_permissions
from besturen.models import Bestuur
from besturen.selectors import current_members
from opgaven.models import Opgave
from opgaven.selectors import opgaven_visible_to
from programmas.models import Jaarprogramma, Versie
from programmas.selectors import versies_van
from regioportaal import sqlrijen
from regioportaal.forms import SnelleVelden, SnelSelect, _attrs_html
from regioportaal.limieten import NOTULEN_MAX, TEKST_MAX

from .documenten import MAX_BYTES, check_document
from .models import Aanwezigheidsstatus, Agendapunt, Besluituitkomst, BlokSoort, Keuze, Vergadering


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class VergaderingForm(forms.ModelForm):
    online_link = forms.URLField(label=_("Online vergaderen via"), required=False, assume_scheme="https")

    class Meta:
        model = Vergadering
        fields = ["begin", "einde", "locatie", "online_link"]
        widgets = {"begin": DateTimeInput(), "einde": DateTimeInput()}
        help_texts = {"locatie": _("Een zaal en adres, of laat leeg bij een online vergadering.")}

    def clean(self):
        data = super().clean()
        if not data.get("locatie") and not data.get("online_link"):
            self.add_error("locatie", _("Geef een locatie of een link om online te vergaderen."))
        if data.get("begin") and data.get("einde") and data["einde"] <= data["begin"]:
            self.add_error("einde", _("Het einde ligt niet na het begin."))
        return data

    def validate_unique(self):
        """The service saves; the orgaan is not on the form, so the model's constraints are checked there."""


class _Keuzes(forms.models.ModelChoiceIterator):
    """The options of a model choice field from one plain query: Django's iterator reads them through a server-side
    cursor (declare, fetch, close), three round trips for a list of a few dozen."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.objecten():
            yield self.choice(obj)

    def objecten(self):
        return self.queryset.all()  # a copy: the field's queryset keeps no rows

    def opties(self):
        """The options as `_KeuzeSelect` writes them, `(value, label)`: the choices (`choice` per object)."""
        yield from self


def _rijen(sql, params):
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class _OpgaveKeuzes(_Keuzes):
    """The opgaven with the only column their labels read (`Opgave.__str__`): for the secretariat (the field's
    `alle_van`, a region) all of the region's, `Opgave.objects.filter(regio=regio).order_by("titel")` (the field's
    queryset, which validates a choice) from one written-out query, building it with the ORM cost more than
    running it."""

    def objecten(self):
        regio = getattr(self.field, "alle_van", None)
        if regio is None:
            return self.queryset.only("titel")
        return [sqlrijen.maak(Opgave, DEFAULT_DB_ALIAS, ["id", "titel"], rij) for rij in self._rijen(regio)]

    @staticmethod
    def _rijen(regio):
        sql = (
            f'SELECT o."id", o."titel" FROM "{Opgave._meta.db_table}" o WHERE o."regio_id" = %s '
            'ORDER BY o."titel" ASC'
        )
        return _rijen(sql, [regio.pk])

    def opties(self):
        """For the secretariat, the options straight from the rows, no model object each: the value is the id
        (`prepare_value`), the label the title (`label_from_instance`, `Opgave.__str__`)."""
        regio = getattr(self.field, "alle_van", None)
        if (
            regio is None
            or self.field.to_field_name not in (None, Opgave._meta.pk.attname)
            or type(self.field).label_from_instance is not forms.ModelChoiceField.label_from_instance
        ):
            yield from super().opties()
            return
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self._rijen(regio)


_VERSIE_SQL = (
    'SELECT v."id", v."jaarprogramma_id", v."nummer", j."id", j."regio_id", j."jaar", j."soort", j."titel" '
    f'FROM "{Versie._meta.db_table}" v INNER JOIN "{Jaarprogramma._meta.db_table}" j '
    'ON j."id" = v."jaarprogramma_id" WHERE j."regio_id" = %s{openbaar} '
    'ORDER BY j."jaar" DESC, j."soort" ASC, v."nummer" DESC'
)


class _VersieKeuzes(_Keuzes):
    """A region's programme versions (the field's `van`: the region and whether the reader sees its closed ones)
    as `programmas.selectors.versies_van` gives them (the field's queryset, which validates a choice), from one
    written-out query with the only columns their labels read (`Versie.__str__`, its programme's and the region's
    name): building it with the ORM cost more than running it."""

    def objecten(self):
        van = getattr(self.field, "van", None)
        if van is None:
            return self.queryset.all()
        regio, besloten = van
        sql = _VERSIE_SQL.format(openbaar="" if besloten else ' AND v."openbaar"')
        versies = []
        for rij in _rijen(sql, [regio.pk]):
            versie = sqlrijen.maak(Versie, DEFAULT_DB_ALIAS, ["id", "jaarprogramma_id", "nummer"], rij[:3])
            programma = sqlrijen.maak(
                Jaarprogramma, DEFAULT_DB_ALIAS, ["id", "regio_id", "jaar", "soort", "titel"], rij[3:]
            )
            Jaarprogramma.regio.field.set_cached_value(programma, regio)
            Versie.jaarprogramma.field.set_cached_value(versie, programma)
            versies.append(versie)
        return versies


def _html(tekst):
    """`conditional_escape(tekst)` for a text or a number, written out: Django's `escape` goes through the lazy-text
    wrapper (`keep_lazy`), which costs more than the escaping on a list of dozens of options."""
    if isinstance(tekst, Promise):
        tekst = str(tekst)
    if hasattr(tekst, "__html__"):
        return tekst.__html__()
    return html.escape(str(tekst))


class _KeuzeSelect(SnelSelect):
    """`SnelSelect` for a model choice field (flat choices): the options written straight from the choices (from
    `_Keuzes.opties` for the iterators here), without the dictionary per option Django's `optgroups` builds
    (`create_option`), the same HTML."""

    def render(self, name, value, attrs=None, renderer=None):
        keuzes = self.choices
        if self.allow_multiple_selected or not isinstance(keuzes, forms.models.ModelChoiceIterator):
            return super().render(name, value, attrs, renderer)
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]
        waarden = widget["value"]  # `format_value`: the chosen value as text, in a list
        parts = [format_html('<select name="{}"', widget["name"]), _attrs_html(widget["attrs"]), ">"]
        gekozen = False  # one option selected at most, the first that matches (as `optgroups`)
        for waarde, label in keuzes.opties() if isinstance(keuzes, _Keuzes) else keuzes:
            if waarde is None:
                waarde = ""
            selected = not gekozen and str(waarde) in waarden
            gekozen = gekozen or selected
            parts.append(  # `_stringformat(waarde)`, `conditional_escape(localize(label))`
                f'\n  <option value="{_html(waarde if isinstance(waarde, SafeData) else str(waarde))}"'
                f"{' selected' if selected else ''}>{_html(localize(label))}</option>\n"
            )
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value escaped


class AgendapuntForm(SnelleVelden, forms.ModelForm):
    """An item's text and its links: to an opgave and to a programme version of the body's region, offering only
    what `user` (the secretariat) may read. `besloten`: whether `user` reads the region's closed versions, when the
    caller knows it (`besturen.permissions.can_view_besloten_regio`, asked here otherwise). `secretariaat`: `user` is
    the region's secretariat (`besturen.permissions.is_regio_secretariaat`, as past the agenda pages' `_ManageMixin`),
    who reads all of the region's opgaven and versions: no permission query to build."""

    class Meta:
        model = Agendapunt
        fields = ["titel", "toelichting", "openbaar", "opgave", "programmaversie"]
        widgets = {
            "toelichting": forms.Textarea(attrs={"rows": 4}),
            "opgave": _KeuzeSelect,
            "programmaversie": _KeuzeSelect,
        }

    def __init__(self, *args, vergadering, user, besloten=None, secretariaat=False, **kwargs):
        super().__init__(*args, **kwargs)
        regio = vergadering.orgaan.regio
        opgave, versie = self.fields["opgave"], self.fields["programmaversie"]
        # the iterators before the querysets: setting a queryset makes the choices
        opgave.iterator, versie.iterator = _OpgaveKeuzes, _VersieKeuzes
        if regio is None:
            opgave.queryset = opgave.queryset.none()
            versie.queryset = versie.queryset.none()
        else:
            if secretariaat:  # unpublished ones too (`opgaven.permissions.besloten_opgaven_q`)
                opgave.queryset = Opgave.objects.filter(regio=regio).order_by("titel")
                opgave.alle_van = regio  # `_OpgaveKeuzes`
                besloten = True
            else:
                opgave.queryset = opgaven_visible_to(user).filter(regio=regio).order_by("titel")
            if besloten is None:
                besloten = besturen_permissions.can_view_besloten_regio(user, regio)
            versie.van = (regio, besloten)  # `_VersieKeuzes`
            versie.queryset = versies_van(regio, besloten=besloten)
        opgave.required = versie.required = False
        versie.label = _("Programmaversie")

    def validate_unique(self):
        """The service saves and checks."""


class VoorstelForm(forms.Form):
    titel = forms.CharField(label=_("Titel"), max_length=200)
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEKST_MAX,
    )
    openbaar = forms.BooleanField(
        label=_("Openbaar"),
        required=False,
        initial=True,
        help_text=_("Vink uit als het punt in beslotenheid moet worden besproken."),
    )


class DocumentForm(forms.Form):
    bestand = forms.FileField(
        label=_("Document"),
        help_text=_("PDF, Word (DOCX) of Excel (XLSX), hoogstens %(mb)s MB.")
        % {"mb": MAX_BYTES // (1024 * 1024)},
    )

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        check_document(bestand)
        return bestand


class AfwijzenForm(forms.Form):
    reden = forms.CharField(label=_("Reden"), max_length=300, required=False)


class IntrekkenForm(forms.Form):
    """Withdraw a published item or document, or cancel a meeting: the reason is shown with it."""

    reden = forms.CharField(
        label=_("Reden"),
        max_length=300,
        error_messages={"required": _("Geef een reden: de leden en het publiek lezen waarom.")},
    )


class AnnulerenForm(IntrekkenForm):
    reden = forms.CharField(
        label=_("Reden van de annulering"),
        max_length=300,
        help_text=_(
            "De leden krijgen bericht met deze reden; in de agenda's staat de vergadering als geannuleerd."
        ),
        error_messages={"required": _("Geef een reden: de leden lezen waarom de vergadering niet doorgaat.")},
    )


class NotulenForm(forms.Form):
    notulen = forms.CharField(
        label=_("Notulen"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Ze worden op de volgende vergadering ter goedkeuring geagendeerd."),
        max_length=NOTULEN_MAX,
    )


class AanwezigheidForm(forms.Form):
    """One choice per seat of the body on the day of the meeting."""

    def __init__(self, *args, zetels, bestaand, **kwargs):
        super().__init__(*args, **kwargs)
        self.zetels = zetels
        for zetel in zetels:
            self.fields[f"lid_{zetel.pk}"] = forms.ChoiceField(
                label=str(zetel.persoon),
                choices=Aanwezigheidsstatus.choices,
                initial=bestaand.get(zetel.pk, Aanwezigheidsstatus.AANWEZIG),
                widget=forms.Select,
            )

    def aanwezigheden(self):
        return {zetel.pk: self.cleaned_data[f"lid_{zetel.pk}"] for zetel in self.zetels}


class BesluitForm(forms.Form):
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=Besluituitkomst.choices)
    behandeling = forms.CharField(
        label=_("Behandeling"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEKST_MAX,
    )
    tekst = forms.CharField(
        label=_("Besluit"), required=False, max_length=TEKST_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    inwerkingtreding = forms.DateField(
        label=_("In werking vanaf"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "De dag waarop het besluit in werking treedt. De open data publiceren het besluit als rechtsgrond "
            "zodra deze dag is ingevuld."
        ),
    )
    voor = forms.IntegerField(label=_("Stemmen voor"), min_value=0, required=False)
    tegen = forms.IntegerField(label=_("Stemmen tegen"), min_value=0, required=False)
    onthouding = forms.IntegerField(label=_("Onthoudingen"), min_value=0, required=False)

    def __init__(self, *args, zetels, **kwargs):
        super().__init__(*args, **kwargs)
        self.zetels = zetels
        for zetel in zetels:
            self.fields[f"stem_{zetel.pk}"] = forms.ChoiceField(
                label=str(zetel.persoon),
                choices=[("", _("niet vastgelegd")), *Keuze.choices],
                required=False,
            )

    def stem_fields(self):
        return [self[f"stem_{zetel.pk}"] for zetel in self.zetels]

    def main_fields(self):
        names = ("uitkomst", "behandeling", "tekst", "inwerkingtreding", "voor", "tegen", "onthouding")
        return [self[name] for name in names]

    def stemmen(self):
        return {
            zetel.pk: self.cleaned_data[f"stem_{zetel.pk}"]
            for zetel in self.zetels
            if self.cleaned_data.get(f"stem_{zetel.pk}")
        }


class VoorkeurForm(forms.Form):
    frequentie = forms.ChoiceField(
        label=_("Berichten per e-mail (over gepubliceerde agenda's en andere meldingen)"),
        choices=get_user_model()._meta.get_field("meldingen").choices,
        widget=forms.RadioSelect,
    )


class InschrijvingForm(forms.Form):
    """Register for a planning day: on behalf of which member, and at most one session per block."""

    bestuur = forms.ModelChoiceField(label=_("Ik neem deel namens"), queryset=Bestuur.objects.none())

    def __init__(self, *args, bijeenkomst, blokken, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bestuur"].queryset = current_members(bijeenkomst.regio)
        self.blokken = [blok for blok in blokken if blok.soort == BlokSoort.WERKSESSIES]
        for blok in self.blokken:
            choices = [("", _("geen werksessie in dit blok"))]
            for sessie in blok.sessies.all():
                label = f"{sessie.thema}"
                if sessie.vrij == 0:
                    label += " — " + str(_("volzet: u komt op de wachtlijst"))
                choices.append((str(sessie.pk), label))
            self.fields[f"blok_{blok.pk}"] = forms.ChoiceField(
                label=f"{blok.begin:%H:%M}–{blok.einde:%H:%M} {blok.titel}" if blok.einde else blok.titel,
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
            )

    def clean(self):
        data = super().clean()
        if not any(data.get(f"blok_{blok.pk}") for blok in self.blokken):
            raise forms.ValidationError(_("Kies minstens één werksessie."))
        return data

    def sessies(self):
        per_pk = {str(s.pk): s for blok in self.blokken for s in blok.sessies.all()}
        return [
            per_pk[self.cleaned_data[f"blok_{blok.pk}"]]
            for blok in self.blokken
            if self.cleaned_data.get(f"blok_{blok.pk}")
        ]
