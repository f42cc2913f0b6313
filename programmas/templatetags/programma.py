"""Template filters and tags of the programme pages, and the notation that pre-formats a split's figures."""

from decimal import Decimal

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.base import token_kwargs
from django.utils import numberformat
from django.utils.formats import FORMAT_SETTINGS, get_format
from django.utils.html import format_html
from django.utils.translation import get_language, gettext

from regioportaal.forms import veld_html
from regioportaal.teksten import TAALINSTELLINGEN
from regioportaal.templatetags.portaal import euro

register = template.Library()


def _met_teken(value, euro):
    """A difference in euros with its sign, `euro` formatting the amount."""
    if value is None or value == "":
        return ""
    if value > 0:
        return f"+{euro(value)}"
    if value < 0:
        return f"\u2212{euro(-value)}"
    return euro(value)


@register.filter
def euro_verschil(value):
    """A difference in euros with its sign: +€ 1.234,56 or −€ 1.234,56 (and € 0,00)."""
    return _met_teken(value, euro)


_NUL = Decimal("0")
# Per number of decimals, the smallest amount `numberformat.format` does not write as zero.
_ONDERGRENS = {d: Decimal("0." + "1".rjust(d, "0")) for d in range(0, 7)}


_FORMATEN = {}  # language → what `Notatie` reads of its formats (`_formaten`), read once per process


def _formaten(taal):
    """The separators of `taal` (`get_format`'s, as the filters' `number_format` reads them), Python's grouping into
    them and whether they need escaping: a `Notatie` is made for each page that writes figures."""
    decimaalteken = get_format("DECIMAL_SEPARATOR", taal, use_l10n=True)
    groepering = get_format("NUMBER_GROUPING", taal, use_l10n=True)
    duizendtal = get_format("THOUSAND_SEPARATOR", taal, use_l10n=True)
    # Python's own grouping ("1,234,567.89") into the language's separators, both at once.
    tabel = str.maketrans({",": duizendtal, ".": decimaalteken})
    # Whether every text of this notation is the same escaped: digits, signs, "€", a no-break space and the
    # language's separators, none of them a character HTML escapes.
    veilig = not set("&<>\"'").intersection(f"{duizendtal}{decimaalteken}")
    return decimaalteken, groepering, duizendtal, tabel, veilig


# The settings whose change gives other separators or number formats: Django's own format settings (where it forgets
# its format cache, `reset_format_cache`) and the languages.
FORMAATINSTELLINGEN = frozenset(
    {*FORMAT_SETTINGS, "USE_THOUSAND_SEPARATOR", "FORMAT_MODULE_PATH", *TAALINSTELLINGEN}
)


@receiver(setting_changed)
def _vergeet_formaten(setting, **kwargs):
    """A test that changes the formats (where Django forgets its own, `reset_format_cache`) or the languages gets the
    separators afresh."""
    if setting in FORMAATINSTELLINGEN:
        _FORMATEN.clear()


class Notatie:
    """The `euro`, `getal` and `euro_verschil` filters for many numbers at once, with the same text: the active
    language's separators are looked up once (the filters look them up for every number), and each number goes
    through Django's `numberformat.format` as the filters' `number_format` does."""

    def __init__(self):
        taal = get_language()
        formaten = _FORMATEN.get(taal)
        if formaten is None:
            formaten = _FORMATEN[taal] = _formaten(taal)
        self.decimaalteken, self.groepering, self.duizendtal, self._tabel, self.veilig = formaten

    def _getal(self, value, decimalen):
        soort = type(value)
        if (soort is Decimal or soort is int) and self.groepering == 3 and decimalen in _ONDERGRENS:
            return self._snel(value, decimalen, soort)
        return self._django(value, decimalen)

    def _snel(self, value, decimalen, soort):
        """`numberformat.format` for an int or a Decimal in groups of three, its steps without its generality:
        the same text (a Decimal beyond 200 digits goes through Django's own)."""
        if soort is Decimal:
            # The common case first: an amount of ordinary size with exactly the decimals written (a stored amount
            # in cents), not a negative zero (written as 0): Python's grouping into the language's separators.
            if value.is_finite() and -30 < value.adjusted() < 150:
                tekst = f"{value:,f}"
                punt = tekst.find(".")
                if punt >= 0 and len(tekst) - punt - 1 == decimalen and (value or tekst[0] != "-"):
                    return tekst.translate(self._tabel)
            elif not value.is_finite():
                return self._django(value, decimalen)
            if abs(value) < _ONDERGRENS[decimalen]:
                value = _NUL
            _teken, cijfers, exponent = value.as_tuple()
            if abs(exponent) + len(cijfers) > 200:
                return self._django(value, decimalen)
            tekst = f"{value:f}"
        else:
            if not decimalen:
                return f"{value:,}".translate(self._tabel)
            tekst = str(value)
        teken = ""
        if tekst[0] == "-":
            teken, tekst = "-", tekst[1:]
        geheel, punt, breuk = tekst.partition(".")
        breuk = breuk[:decimalen] if punt else ""
        breuk += "0" * (decimalen - len(breuk))
        groepen = f"{int(geheel):,}".replace(",", self.duizendtal) if len(geheel) > 3 else geheel
        return teken + groepen + (self.decimaalteken + breuk if breuk else "")

    def _django(self, value, decimalen):
        return numberformat.format(
            value,
            self.decimaalteken,
            decimalen,
            self.groepering,
            self.duizendtal,
            force_grouping=True,
            use_l10n=True,
        )

    def euro(self, value, decimals=2):
        """As `{{ value|euro }}` (`{{ value|euro:0 }}` with decimals=0)."""
        if type(value) is Decimal and (decimals == 2 or decimals == 0) and self.groepering == 3:
            # `_snel`'s common case without its dispatch (two calls per amount, some 200 amounts on a version's
            # page): a stored amount in cents of ordinary size, not a negative zero; in whole euros (the chart's)
            # its cents cut off as `_snel` cuts them, when it is not negative (a small negative amount is 0 there).
            if value.is_finite() and -30 < value.adjusted() < 150:
                tekst = f"{value:,f}"
                if tekst[-3:-2] == ".":
                    if decimals and (value or tekst[0] != "-"):
                        return f"€\u00a0{tekst.translate(self._tabel)}"
                    if not decimals and tekst[0] != "-":
                        return f"€\u00a0{tekst[:-3].translate(self._tabel)}"
            return f"€\u00a0{self._snel(value, int(decimals), Decimal)}"
        if value is None or value == "":
            return ""
        return f"€\u00a0{self._getal(value if type(value) is Decimal else Decimal(value), int(decimals))}"

    def getal(self, value):
        """As `{{ value|getal }}`."""
        if type(value) is int and self.groepering == 3:  # the common case (`_snel`'s), without its dispatch
            return f"{value:,}".translate(self._tabel)
        if value is None or value == "":
            return ""
        return self._getal(value, 0)

    def verschil(self, value):
        """As `{{ value|euro_verschil }}`."""
        return _met_teken(value, self.euro)


def maak_op(tabel, rijen=None):
    """Give a `selectors.Verdelingstabel` its figures as text, in one notation (`Notatie`), for the templates:
    each line `bedrag_tekst`, `capaciteit_tekst` and `tarief_tekst`; each of `rijen` (default: every row)
    `inwoners_tekst`, `bedragen_tekst` (None where the member does not take part), `totaal_tekst`, `totaal_rond`
    (whole euros, for the chart), `vorig_tekst` and `verschil_tekst`; the table `kolomtotalen_tekst`,
    `totaal_tekst` and `vorig_totaal_tekst`. Returns the notation, for the page's other figures."""
    notatie = Notatie()
    for regel in tabel.regels:
        regel.bedrag_tekst = notatie.euro(regel.bedrag)
        regel.capaciteit_tekst = notatie.getal(regel.capaciteit_uren)
        regel.tarief_tekst = notatie.euro(regel.tarief_gebruikt)
    for rij in tabel.rijen if rijen is None else rijen:
        rij.inwoners_tekst = notatie.getal(rij.inwoners)
        rij.bedragen_tekst = [None if bedrag is None else notatie.euro(bedrag) for bedrag in rij.bedragen]
        rij.totaal_tekst = notatie.euro(rij.totaal)
        rij.totaal_rond = notatie.euro(rij.totaal, 0)
        rij.vorig_tekst = notatie.euro(rij.vorig)
        rij.verschil_tekst = notatie.verschil(rij.verschil)
    tabel.kolomtotalen_tekst = [notatie.euro(bedrag) for bedrag in tabel.kolomtotalen]
    tabel.totaal_tekst = notatie.euro(tabel.totaal)
    tabel.vorig_totaal_tekst = notatie.euro(tabel.vorig_totaal)
    return notatie


def _procent(fraction):
    from regioportaal.templatetags.portaal import procent

    return procent(Decimal(fraction) * 100, 0)


@register.filter
def aandeel_procent(value):
    """A stored share (0.5) as a percentage: 50 %."""
    if value is None or value == "":
        return ""
    return _procent(value)


@register.filter
def rest_procent(value):
    """The rest of a stored share (0.3 -> 70 %)."""
    if value is None or value == "":
        return ""
    return _procent(1 - Decimal(value))


class TabelNode(template.Node):
    def __init__(self, rijen, labelledby, nodelist, nodelist_leeg):
        self.rijen = rijen
        self.labelledby = labelledby
        self.nodelist = nodelist
        self.nodelist_leeg = nodelist_leeg

    def render(self, context):
        if not self.rijen.resolve(context):
            return self.nodelist_leeg.render(context)
        attrs = ""
        if self.labelledby is not None:
            attrs = format_html(' aria-labelledby="{}"', self.labelledby.resolve(context))
        # A region a keyboard can reach and scroll (axe scrollable-region-focusable, from 320 px up), named by the
        # table's title or, without one, as a table.
        naam = attrs or format_html(' aria-label="{}"', gettext("Tabel"))
        return format_html(
            '<div class="table-scroll" tabindex="0" role="region"{}>\n<table{}>{}</table>\n</div>',
            naam,
            attrs,
            self.nodelist.render(context),
        )


@register.tag
def tabel(parser, token):
    """A table in its scroll container, or the text after `{% leeg %}` when there are no rows.

    {% tabel registraties labelledby="historie-titel" %}
      <thead>…</thead><tbody>{% for r in registraties %}…{% endfor %}</tbody>
    {% leeg %}
      <p>{% translate "Nog niets vastgelegd." %}</p>
    {% endtabel %}
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% tabel %} takes the rows: {% tabel rijen [labelledby=…] %}")
    rijen = parser.compile_filter(bits[1])
    kwargs = token_kwargs(bits[2:], parser)
    if set(kwargs) - {"labelledby"} or len(kwargs) != len(bits) - 2:
        raise template.TemplateSyntaxError("{% tabel %} knows one option: labelledby=…")
    nodelist = parser.parse(("leeg", "endtabel"))
    nodelist_leeg = template.NodeList()
    if parser.next_token().contents == "leeg":
        nodelist_leeg = parser.parse(("endtabel",))
        parser.delete_first_token()
    return TabelNode(rijen, kwargs.get("labelledby"), nodelist, nodelist_leeg)


@register.simple_tag
def veld(field):
    """`{% include "field.html" %}` for `field`, the same HTML, written in Python (`regioportaal.forms.veld_html`)."""
    return veld_html(field)
