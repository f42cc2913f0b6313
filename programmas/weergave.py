"""Cheap pieces for the programme pages (issue 16, cold pages): rows of a repeated table written once in Python.

A page that is not in the page cache renders each row of its tables; a template row of the status board costs some
thirty variable lookups, filters, translations and a `reverse`. These functions give each row its finished HTML
(every value escaped), the same text the template wrote cell by cell.
"""

from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from besturen.weergave import datum_maker, labels, url_maker

from .models import Uitkomst
from .templatetags.programma import Notatie


def statusbord_html(rijen):
    """Give each row of `selectors.statusbord_rijen` its HTML (`besluit.html`) as the status board's template wrote
    it: member with the link to the decision, council, deadline (and "te laat"), outcome (with the answer's badge
    for a view), the date of the council's meeting and the votes of the latest registration, the population."""
    url, datum, uitkomsten, notatie = (
        url_maker("programmas:raadsbesluit"),
        datum_maker(),
        labels(Uitkomst.choices),
        Notatie(),
    )
    # The texts outside the f-strings: makemessages reads them there.
    te_laat, beantwoord, open_antwoord = (
        gettext("te laat"),
        gettext("beantwoord"),
        gettext("nog te beantwoorden"),
    )
    te_laat = f' <span class="te-laat">{escape(te_laat)}</span>'
    beantwoord = f' <span class="badge">{escape(beantwoord)}</span>'
    open_antwoord = f' <span class="te-laat">{escape(open_antwoord)}</span>'
    klasse_te_laat = ' class="rij-te-laat"'
    for besluit in rijen:
        uitkomst = escape(uitkomsten.get(besluit.uitkomst, besluit.uitkomst))
        if besluit.uitkomst == Uitkomst.ZIENSWIJZE:
            uitkomst += beantwoord if besluit.antwoord else open_antwoord
        laatste = besluit.laatste
        if laatste is None:
            raad_datum = stemmen = "—"
        else:
            raad_datum = datum(laatste.datum_raad) or "—"
            stemmen = f"{laatste.stemmen_voor}/{laatste.stemmen_tegen}/{laatste.onthoudingen}"
        besluit.html = mark_safe(  # noqa: S308 - every value escaped
            f"\n      <tr{klasse_te_laat if besluit.te_laat else ''}>\n"
            f'        <th scope="row"><a href="{url(besluit.pk)}">{escape(besluit.bestuur.naam)}</a></th>\n'
            f"        <td>{'—' if besluit.raad is None else escape(besluit.raad)}</td>\n"
            f"        <td>{datum(besluit.deadline)}{te_laat if besluit.te_laat else ''}</td>\n"
            f"        <td>{uitkomst}</td>\n"
            f"        <td>{raad_datum}</td>\n"
            f"        <td>{stemmen}</td>\n"
            f'        <td class="num">{escape(notatie.getal(besluit.inwoners))}</td>\n'
            f"      </tr>\n    "
        )
    return rijen


def beslissing_html(uitslag):
    """Give the decision arithmetic of `selectors.beslissing` its two lists as HTML, as `_beslissing.html`'s loops
    wrote them: the sentences (`uitleg_html`) and the count's rows per outcome (`lijst_html`). Returns `uitslag`."""
    uitslag.uitleg_html = mark_safe(  # noqa: S308 - every sentence escaped
        "".join(f"<li>{conditional_escape(regel)}</li>" for regel in uitslag.uitleg)
    )
    uitslag.lijst_html = mark_safe(  # noqa: S308 - every label and number escaped
        "".join(
            f'<tr><th scope="row">{conditional_escape(label)}</th>'
            f'<td class="getal">{conditional_escape(localize(n))}</td></tr>'
            for label, n in uitslag.lijst
        )
    )
    return uitslag


def keuzes_html(keuzes, gekozen):
    """The status board's filter options, as its template's loop wrote them: each (value, label) an `option`, the
    one equal to `gekozen` selected."""
    return mark_safe(  # noqa: S308 - every value and label escaped
        "".join(
            f'<option value="{conditional_escape(waarde)}"{" selected" if waarde == gekozen else ""}>'
            f"{conditional_escape(label)}</option>"
            for waarde, label in keuzes
        )
    )


def tellingen_html(lijst):
    """The count per outcome as list items (`label: n`), as the status board's template's loop wrote them."""
    return mark_safe(  # noqa: S308 - every label and number escaped
        "".join(
            f"<li>{conditional_escape(label)}: {conditional_escape(localize(n))}</li>" for label, n in lijst
        )
    )
