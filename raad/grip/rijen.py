"""The rows of the grip page's tables and lists written once in Python, with the same HTML as the loops they replace
in grip.html, _opgaven.html and _documenten.html (a region of 20 members and 13 bodies has some 300 cells in the
participants' table alone; the template resolves each variable and filter again per cell). Each function returns
the text of its loop, marked safe, every value escaped."""

from html import escape as _html_escape

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaultfilters import truncatewords
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from besturen.weergave import datum_maker, geheel_maker, url_maker
from opgaven.models import Voortgang
from programmas.models import Jaarprogramma, ProgrammaSoort, Versie
from programmas.templatetags.programma import FORMAATINSTELLINGEN, Notatie
from regioportaal.teksten import TAALINSTELLINGEN
from regioportaal.teksten import teksten as _teksten


def deelnemer_rijen(deelnemers):
    """The participants' table body: as `{% for deelnemer in deelnemers %}` in grip.html (rows from `deelnemers`)."""
    esc = _esc
    deze_gemeente = esc(_teksten().gettext("deze gemeente"))
    delen = []
    # A cell's text → its HTML: most cells repeat a few fractions (0 or 1 of a body's seats).
    cellen = _Cellen()
    for deelnemer in deelnemers:
        naam = esc(deelnemer.bestuur.naam)
        if deelnemer.eigen:
            kop = f'<strong>{naam}</strong> <span class="meta">({deze_gemeente})</span>'
        eigen = ' class="eigen"' if deelnemer.eigen else ""
        stemmen = "".join([cellen[tekst] for tekst in deelnemer.stemmen])
        delen.append(
            f"\n      <tr{eigen}>"
            f'\n        <th scope="row">{kop if deelnemer.eigen else naam}</th>'
            f'\n        <td class="num">{esc(deelnemer.inwoners_tekst)}</td>'
            f'\n        <td class="num">{esc(deelnemer.aandeel_tekst)}</td>'
            f"\n        {stemmen}"
            "\n      </tr>\n    "
        )
    return mark_safe("".join(delen))


class _Cellen(dict):
    """A cell's text → its HTML (`<td class="num">`), each written on first use."""

    def __missing__(self, tekst):
        cel = self[tekst] = f'<td class="num">{_esc(tekst)}</td>'
        return cel


def organen_teksten(organen):
    """The three loops over the voting bodies in the participants' section of grip.html, as a dict: `koppen` (the
    columns' heads), `totalen` (the footer's cells) and `lijst` (the line naming each body with its link)."""
    esc = _esc
    orgaan_url = url("besturen:orgaan")
    getal = _geheel()  # as `localize`
    koppen, totalen, lijst = [], [], []
    for orgaan in organen:
        naam = esc(orgaan.naam)
        koppen.append(f'<th scope="col" class="num">{esc(orgaan.afkorting or orgaan.naam)}</th>')
        totalen.append(f'<td class="num">{esc(getal(orgaan.stemmen_totaal))}</td>')
        link = f'<a href="{esc(orgaan_url(orgaan.pk))}">{naam}</a>'
        lijst.append(f"{esc(orgaan.afkorting)}: {link}" if orgaan.afkorting else link)
    return {
        "koppen": mark_safe("".join(koppen)),
        "totalen": mark_safe("".join(totalen)),
        "lijst": mark_safe(" · ".join(lijst)),
    }


def vertegenwoordiger_rijen(zetels):
    """The representatives' table body: as `{% for zetel in vertegenwoordigers %}` in grip.html (`Zetel`s)."""
    esc = _esc
    orgaan_url = url("besturen:orgaan")
    datum = _datum()
    # The cells of a body and of a role, each written once (a member holds several seats in a body): a role's
    # label is what `Zetel.get_rol_display` gives.
    organen, rollen = {}, {}
    for zetel in zetels:
        if zetel.orgaan.pk not in organen:
            organen[zetel.orgaan.pk] = (
                f'<td><a href="{esc(orgaan_url(zetel.orgaan.pk))}">{esc(zetel.orgaan.naam)}</a></td>'
            )
        if zetel.rol not in rollen:
            rollen[zetel.rol] = f"<td>{esc(zetel.get_rol_display())}</td>"
    return mark_safe(
        "".join(
            [
                f"\n      <tr>{organen[zetel.orgaan.pk]}"
                f'<th scope="row">{esc(zetel.persoon)}</th>{rollen[zetel.rol]}'
                f'<td><time datetime="{_iso(zetel.begindatum)}">{esc(datum(zetel.begindatum))}</time></td></tr>\n    '
                for zetel in zetels
            ]
        )
    )


def bijdrage_rijen(jaren, notatie=None):
    """The contributions' table body: as `{% for jaar in jaren %}{% for item in jaar.programmas %}` in grip.html
    (`programmas.selectors_grip.Jaarbijdrage`s). `notatie`: the page's `Notatie`, made here when not given."""
    esc = _esc
    versie_url = url("programmas:versie")
    notatie = notatie or Notatie()
    soorten = _labels(Jaarprogramma, "soort")
    statussen = _labels(Versie, "status")
    getal = _geheel()  # as `localize`
    t = _teksten()
    versie_tekst = t.gettext("versie %(nummer)s")
    # An amount's text has no character HTML escapes in a language whose separators have none (`Notatie.veilig`).
    bedrag_esc = str if notatie.veilig else esc
    delen = []
    for jaar in jaren:
        for i, item in enumerate(jaar.programmas):
            kop = (
                f'<th scope="rowgroup" rowspan="{getal(len(jaar.programmas))}">{jaar.jaar}</th>'
                if i == 0
                else ""
            )
            versie = versie_tekst % {"nummer": esc(getal(item.versie.nummer))}
            delen.append(
                "\n      <tr>"
                f"\n        {kop}"
                f'\n        <td><a href="{esc(versie_url(item.versie.pk))}">{esc(programma_tekst(item.programma, t))}</a><br>'
                f'<span class="meta">{esc(soorten.get(item.programma.soort, item.programma.soort))}, '
                f"{versie}</span></td>"
                f"\n        <td>{esc(statussen.get(item.versie.status, item.versie.status))}</td>"
                f'\n        <td class="num">{bedrag_esc(notatie.euro(item.bedrag))}</td>'
                "\n      </tr>\n    "
            )
    return mark_safe("".join(delen))


def opgave_rijen(opgaven, notatie=None):
    """The opgaven's table body: as `{% for opgave in opgaven %}` in _opgaven.html (`secties.Opgaveregel`s). The
    amounts as the `euro` filter writes them, in `notatie` (the page's `Notatie`, made here when not given)."""
    esc = _esc
    opgave_url = url("opgaven:opgave")
    datum = _datum()
    euro = (notatie or Notatie()).euro
    voortgang_labels = _labels(Voortgang, "status")  # `Opgaveregel.voortgang_label`, translated once
    t = _teksten()
    geen_rapportage = esc(t.gettext("nog geen rapportage"))
    geen_mandaat = esc(t.gettext("geen geldend mandaat"))
    tot_besteed = t.gettext("tot %(datum)s; besteed %(besteed)s")
    mandaat_tekst = t.gettext(
        "Tot %(plafond)s, voor %(houder)s, verleend door %(orgaan)s, geldig tot en met %(datum)s"
    )
    delen = []
    for opgave in opgaven:
        if opgave.voortgang_status:
            label = voortgang_labels.get(opgave.voortgang_status, opgave.voortgang_status)
            voortgang = f'<span class="badge">{esc(label)}</span> ' + tot_besteed % {
                "datum": esc(datum(opgave.voortgang_periode)),
                "besteed": esc(euro(opgave.voortgang_besteed)),
            }
        else:
            voortgang = geen_rapportage
        mandaten = (
            "".join(
                f'<p>{esc(truncatewords(mandaat.omschrijving, 30))}<br><span class="meta">'
                + mandaat_tekst
                % {
                    "plafond": esc(euro(mandaat.budgetplafond)),
                    "houder": esc(mandaat.houder),
                    "orgaan": esc(mandaat.orgaan),
                    "datum": esc(datum(mandaat.einddatum)),
                }
                + "</span></p>"
                for mandaat in opgave.mandaten
            )
            or geen_mandaat
        )
        delen.append(
            "\n      <tr>"
            f'\n        <th scope="row"><a href="{esc(opgave_url(opgave.pk))}">{esc(opgave.titel)}</a><br>'
            f'<span class="meta">{esc(opgave.status)}</span></th>'
            f"\n        <td>{voortgang}</td>"
            f"\n        <td>{mandaten}</td>"
            "\n      </tr>\n    "
        )
    return mark_safe("".join(delen))


def document_rijen(documenten):
    """The latest documents' list: as `{% for document in documenten %}` in _documenten.html
    (`secties.Documentregel`s)."""
    esc = _esc
    datum = _datum()
    return mark_safe(
        "".join(
            f'\n    <li><a href="{esc(document.url)}">{esc(document.titel)}</a> '
            f'<span class="meta">({esc(document.bron)}, '
            f'<time datetime="{_iso(document.datum)}">{esc(datum(document.datum))}</time>)</span></li>\n    '
            for document in documenten
        )
    )


def grafiek_balken(grafiek, notatie=None):
    """The bars of the contribution chart: as `{% for balk in grafiek.balken %}` in grip.html (`trend_grafiek`'s
    bars; the coordinates as the template writes them under `{% localize off %}`, the amounts as `euro:0`, in one
    `Notatie`: made here when not given)."""
    label_y = grafiek["label_y"]
    notatie = notatie or Notatie()
    bedrag_esc = str if notatie.veilig else _esc  # see `bijdrage_rijen`
    return mark_safe(
        "".join(
            f'\n      <rect x="{balk["x"]}" y="{balk["y"]}" width="{balk["breedte"]}" height="{balk["hoogte"]}" '
            'fill="#0b5394"/>'
            f'\n      <text x="{balk["midden"]}" y="{balk["tekst_y"]}" text-anchor="middle" font-size="11" '
            f'fill="#1b1f24">{bedrag_esc(notatie.euro(balk["rapport"].besteed, 0))}</text>'
            f'\n      <text x="{balk["midden"]}" y="{label_y}" text-anchor="middle" font-size="11" '
            f'fill="#1b1f24">{balk["rapport"].jaar}</text>\n      '
            for balk in grafiek["balken"]
        )
    )


def datum_regels(momenten):
    """The next dates' list: as `{% for moment in datums %}` in grip.html (`programmas.kalender` moments)."""
    esc = _esc
    datum = _datum()
    t = _teksten()
    delen = []
    for moment in momenten:
        programma = esc(programma_tekst(moment.programma, t))
        link = moment.link
        if link:
            programma = f'<a href="{esc(link)}">{programma}</a>'
        delen.append(
            f'\n    <li><time datetime="{_iso(moment.datum)}">{esc(datum(moment.datum))}</time>: '
            f"{esc(moment.label)} · {programma} "
            f'<span class="meta">({esc(moment.grondslag)}; {esc(moment.staat_label)})</span></li>\n    '
        )
    return mark_safe("".join(delen))


_PROGRAMMA_TEKSTEN = {
    True: "Begroting %(jaar)s %(regio)s",  # a budget (`ProgrammaSoort.BEGROTING`)
    False: "Jaarprogramma %(jaar)s %(regio)s",
}


def programma_tekst(programma, t=None):
    """`str(programma)` (a `Jaarprogramma`): its title, else its kind, year and region, with the msgids of
    `Jaarprogramma.__str__` translated once per language (its lazy text is translated again on every call). `t`: the
    active language's `Teksten` (`regioportaal.teksten`), looked up here when not given."""
    if programma.titel:
        return programma.titel
    msgid = _PROGRAMMA_TEKSTEN[programma.soort == ProgrammaSoort.BEGROTING]
    return (t or _teksten()).gettext(msgid) % {"jaar": programma.jaar, "regio": programma.regio}


@receiver(setting_changed)
def _vergeet_labels(setting, **kwargs):
    """A test that changes the languages or where their translations are found gets the labels and dates afresh."""
    if setting in TAALINSTELLINGEN:
        _LABELS.clear()
        _DATUMS.clear()


_LABELS = {}  # (model, field, language) → its labels: a function of the code and the translations alone


def _labels(model, veld):
    """{value: label} of a field's choices, translated once per language: what `get_FOO_display` gives for each
    value."""
    sleutel = (model, veld, get_language())
    labels = _LABELS.get(sleutel)
    if labels is None:
        labels = _LABELS[sleutel] = {
            value: str(label) for value, label in model._meta.get_field(veld).flatchoices
        }
    return labels


def _iso(dag):
    """As the filter `date:'Y-m-d'` ("" for None)."""
    if dag is None:
        return ""
    return f"{dag.year:04d}-{dag.month:02d}-{dag.day:02d}"


def _esc(waarde):
    """`conditional_escape(waarde)`: a plain str escaped as Django's `escape` escapes it (`html.escape`), without its
    lazy-text wrapper (some 400 values a page); anything else (safe or lazy text, a number) by `conditional_escape`."""
    if type(waarde) is str:
        return _html_escape(waarde)
    return conditional_escape(waarde)


_URLS = {}  # (view, argument's name, script prefix, URLconf) → its `url_maker`


def url(viewname, kwarg="pk"):
    """`besturen.weergave.url_maker(viewname, kwarg)`, made once per process: the URLs are a function of the URLconf
    and the script prefix alone (a `reverse` costs some 15 µs; the page made ten a request)."""
    sleutel = (viewname, kwarg, get_script_prefix(), get_urlconf())
    maker = _URLS.get(sleutel)
    if maker is None:
        maker = _URLS[sleutel] = url_maker(viewname, kwarg)
    return maker


@receiver(setting_changed)
def _vergeet_urls(setting, **kwargs):
    """A test that changes the URLconf gets its URLs afresh."""
    if setting == "ROOT_URLCONF":
        _URLS.clear()


_GEHELE = {}  # language → `geheel_maker()` in it: a function of the formats alone


def _geheel():
    """`besturen.weergave.geheel_maker()` in the active language, made once per language (it formats an example)."""
    taal = get_language()
    getal = _GEHELE.get(taal)
    if getal is None:
        getal = _GEHELE[taal] = geheel_maker()
    return getal


@receiver(setting_changed)
def _vergeet_gehele(setting, **kwargs):
    """A test that changes the formats (where Django forgets its own) or the languages gets the numbers afresh."""
    if setting in FORMAATINSTELLINGEN:
        _GEHELE.clear()


_DATUMS = {}  # language → `datum_maker()` in it: the month names are a function of the translations alone


def _datum():
    """`besturen.weergave.datum_maker()` in the active language, made once per language."""
    taal = get_language()
    datum = _DATUMS.get(taal)
    if datum is None:
        datum = _DATUMS[taal] = datum_maker()
    return datum
