"""Cheap pieces for the programme pages (issue 16, cold pages): rows of a repeated table written once in Python.

A page that is not in the page cache renders each row of its tables; a template row of the status board costs some
thirty variable lookups, filters, translations and a `reverse`. These functions give each row its finished HTML
(every value escaped), the same text the template wrote cell by cell.
"""

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext

from besturen.weergave import datum_maker, labels, url_maker
from regioportaal.teksten import teksten

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


_PLEK = 900719925474099  # a number no real id has: where a URL's id goes
_URLS = {}  # (view, its fixed arguments, language, script prefix, URL configuration) → its URL around the id


def versie_url(viewname, pk, *args):
    """`reverse(viewname, args=[pk, *args])` for a version's page (`pk` an int): the URL's text around the id worked
    out once per process for each view, fixed arguments, language, script prefix and URL configuration (a
    `reverse` costs some 50 µs; a version's page writes a dozen URLs)."""
    sleutel = (viewname, args, get_language(), get_script_prefix(), get_urlconf())
    delen = _URLS.get(sleutel)
    if delen is None:
        begin, _plek, eind = reverse(viewname, args=[_PLEK, *args]).partition(str(_PLEK))
        delen = _URLS[sleutel] = (begin, eind)
    return f"{delen[0]}{int(pk)}{delen[1]}"


@receiver(setting_changed)
def _vergeet_urls(**kwargs):
    """A test that changes a setting (the URL configuration, the languages) gets the URLs afresh."""
    _URLS.clear()


def _vertaald(vertaling):
    """`{% translate "…" %}` of a literal, for its translation (`gettext("…")`): as the tag writes it, percent
    signs undoubled and not escaped (a literal is safe)."""
    return vertaling.replace("%%", "%")


def beslissing_sectie_html(beslisregel, beslissing):
    """What `programmas/_beslissing.html` writes: the decision rule in words and, with `beslissing` (an
    `Uitslag` of `selectors.beslissing` that `beslissing_html` gave its lists), the arithmetic, the count per
    outcome and the outcome so far."""
    gettext = teksten().gettext  # each fixed text translated once per language
    titel = _vertaald(gettext("Beslisregel en stand"))
    delen = [
        '<section aria-labelledby="beslissing-titel" class="kader">\n'
        f'  <h2 id="beslissing-titel">{titel}</h2>\n'
        f"  <p>{conditional_escape(beslisregel)}</p>\n  "
    ]
    if beslissing:
        delen.append(f'\n  <ul class="rekensom">\n    {beslissing.uitleg_html}\n  </ul>\n  ')
        if beslissing.n:
            bijschrift = ngettext(
                "Elke raad één keer geteld (%(n)s raad)",
                "Elke raad één keer geteld (%(n)s raden)",
                beslissing.n,
            ) % {"n": conditional_escape(localize(beslissing.n))}
            uitkomst, raden, totaal = (
                _vertaald(gettext("Uitkomst")),
                _vertaald(gettext("Raden")),
                _vertaald(gettext("Totaal")),
            )
            delen.append(
                '\n  <div class="table-scroll" tabindex="0" role="region" aria-labelledby="telling-bijschrift">\n'
                '  <table class="telling">\n'
                f'    <caption id="telling-bijschrift">{bijschrift}</caption>\n'
                f'    <thead><tr><th scope="col">{uitkomst}</th><th scope="col" class="getal">{raden}</th></tr>'
                "</thead>\n"
                f"    <tbody>{beslissing.lijst_html}</tbody>\n"
                f'    <tfoot><tr><th scope="row">{totaal}</th>'
                f'<td class="getal">{conditional_escape(localize(beslissing.n))}</td></tr></tfoot>\n'
                "  </table>\n  </div>\n  "
            )
        if beslissing.afgesloten:
            stand = f"{conditional_escape(beslissing.afgesloten)}\n    "
        elif beslissing.status == "goedgekeurd":
            stand = _vertaald(gettext("de regel is gehaald: het programma is goedgekeurd.")) + "\n    "
        elif beslissing.status == "afgewezen":
            stand = (
                _vertaald(
                    gettext("de regel kan niet meer worden gehaald: het programma is niet goedgekeurd.")
                )
                + "\n    "
            )
        elif beslissing.status == "terug":
            stand = (
                _vertaald(
                    gettext(
                        "een raad keurde goed met amendement: volgens de regeling gaat de versie terug naar het "
                        "bestuur."
                    )
                )
                + "\n    "
            )
        else:
            stand = _vertaald(gettext("nog open: de regel is nog niet gehaald, maar kan nog worden gehaald."))
        tot_nu = _vertaald(gettext("Uitkomst tot nu toe:"))
        delen.append(f"\n  <p><strong>{tot_nu}</strong>\n    {stand}\n  </p>\n  ")
    delen.append("\n</section>\n")
    return mark_safe("".join(delen))  # noqa: S308 - every value escaped, the translations as the tags write them


def versie_nav_html(versie, actief, mag_beheren):
    """What `programmas/_versie_nav.html` writes: the links to the version's pages, the one `actief` marked
    current; the councils' state once the version went to them, the status board also only for `mag_beheren`."""
    gettext = teksten().gettext  # each fixed text translated once per language

    def link(naam, tekst):
        url = conditional_escape(versie_url(f"programmas:{naam}", versie.pk))
        huidig = ' aria-current="page"' if actief == naam else ""
        return f'<a href="{url}"{huidig}>{_vertaald(tekst)}</a>'

    delen = [
        f'<nav aria-label="{_vertaald(gettext("Onderdelen van deze versie"))}" class="knoppen">\n  ',
        link("versie", gettext("Programma en verdeling")),
        "\n  ",
        link("vragen", gettext("Vragen en antwoorden")),
        "\n  ",
    ]
    if versie.voorgelegd_op:
        delen.append(link("status", gettext("Stand bij de raden")))
    delen.append("\n  ")
    if mag_beheren and versie.voorgelegd_op:
        delen.append(link("statusbord", gettext("Statusbord")))
    delen.append("\n</nav>\n")
    return mark_safe("".join(delen))  # noqa: S308 - every URL escaped, the translations as the tags write them
