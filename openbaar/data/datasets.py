"""The datasets of the bulk open data: for each public list of a region its key, title, description, columns, rows
and latest change. The views (CSV, JSON, the catalogue page) and the DCAT catalogue all read this one list."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from regioportaal.links import absolute_url

from . import selectors

CHUNK = 500  # rows per database round trip: memory stays flat, whatever the size of the list


def _url(naam, pk):
    return absolute_url(reverse(naam, kwargs={"pk": pk}))


def _euro(centen):
    return (Decimal(centen or 0) / 100).quantize(Decimal("0.01"))


def _lid(r):
    bestuur_id, naam, soort, code, land, provincie, inwoners, peildatum, bron, sinds = r
    return (
        naam,
        soort,
        code,
        land,
        provincie,
        inwoners,
        peildatum,
        bron,
        sinds,
        _url("besturen:bestuur", bestuur_id),
    )


def _orgaan(r):
    pk, naam, afkorting, soort, aantal = r
    return (pk, naam, afkorting, soort, aantal, _url("besturen:orgaan", pk))


def _zetel(r):
    pk, voornaam, achternaam, partij, rol, orgaan_id, orgaan, namens, sinds = r
    naam = f"{voornaam} {achternaam}" if voornaam or achternaam else partij
    return (naam, rol, orgaan_id, orgaan, namens or (partij if voornaam or achternaam else None), sinds)


def _vergadering(r):
    pk, orgaan_id, orgaan, begin, einde, locatie, status, gepubliceerd_op = r
    return (
        pk,
        orgaan_id,
        orgaan,
        begin,
        einde,
        locatie,
        status,
        gepubliceerd_op,
        _url("vergaderingen:vergadering", pk),
    )


def _agendapunt(r):
    pk, vergadering_id, orgaan, begin, volgnummer, titel, toelichting, status, addendum = r
    return (
        pk,
        vergadering_id,
        orgaan,
        begin,
        volgnummer,
        titel,
        toelichting,
        status,
        addendum,
        _url("vergaderingen:vergadering", vergadering_id),
    )


def _besluit(r):
    return (*r, _url("vergaderingen:vergadering", r[1]))


def _opgave(r):
    return (*r, _url("opgaven:opgave", r[0]))


def _versie(r):
    return (*r, _url("programmas:versie", r[0]))


def _bijdrage(r):
    *begin, centen = r
    return (*begin, _euro(centen))


@dataclass(frozen=True)
class Dataset:
    sleutel: str
    titel: Promise
    beschrijving: Promise
    kolommen: tuple
    _lees: Callable
    _maak: Callable
    bijgewerkt: Callable | None = None  # regio ids -> {regio_id: datetime}; None: generated on request

    def rijen(self, regio):
        """The rows of `regio`, one tuple per row in the order of `kolommen`, read in chunks (flat memory)."""
        return (self._maak(rij) for rij in self._lees(regio).iterator(chunk_size=CHUNK))


DATASETS = (
    Dataset(
        "leden",
        _("Leden en inwoners"),
        _("De besturen die vandaag lid zijn van de regio, met hun officiële code en hun huidige inwonertal."),
        (
            "naam",
            "soort",
            "code",
            "land",
            "provincie",
            "inwoners",
            "inwoners_peildatum",
            "inwoners_bron",
            "lid_sinds",
            "url",
        ),
        selectors.leden,
        _lid,
        selectors.leden_bijgewerkt,
    ),
    Dataset(
        "organen",
        _("Organen"),
        _("De organen van de regio met hun aantal huidige leden."),
        ("id", "naam", "afkorting", "soort", "aantal_leden", "url"),
        selectors.organen,
        _orgaan,
    ),
    Dataset(
        "zetels",
        _("Huidige zetels"),
        _(
            "Wie vandaag welke rol heeft in de organen van de regio, namens wie en sinds wanneer (zonder e-mailadres)."
        ),
        ("naam", "rol", "orgaan_id", "orgaan", "namens", "sinds"),
        selectors.zetels,
        _zetel,
    ),
    Dataset(
        "vergaderingen",
        _("Vergaderingen"),
        _("De vergaderingen van de organen van de regio waarvan de agenda gepubliceerd is."),
        ("id", "orgaan_id", "orgaan", "begin", "einde", "locatie", "status", "agenda_gepubliceerd_op", "url"),
        selectors.vergaderingen,
        _vergadering,
        selectors.vergaderingen_bijgewerkt,
    ),
    Dataset(
        "agendapunten",
        _("Agendapunten"),
        _("De openbare punten van de gepubliceerde agenda's; besloten punten staan er nooit in."),
        (
            "id",
            "vergadering_id",
            "orgaan",
            "vergadering_begin",
            "volgnummer",
            "titel",
            "toelichting",
            "status",
            "addendum",
            "url",
        ),
        selectors.agendapunten,
        _agendapunt,
        selectors.vergaderingen_bijgewerkt,
    ),
    Dataset(
        "besluiten",
        _("Besluiten en stemmingen"),
        _("De besluiten over openbare agendapunten, met de uitslag van de stemming."),
        (
            "agendapunt_id",
            "vergadering_id",
            "orgaan",
            "vergadering_begin",
            "volgnummer",
            "titel",
            "uitkomst",
            "besluit",
            "stemmen_voor",
            "stemmen_tegen",
            "onthoudingen",
            "url",
        ),
        selectors.besluiten,
        _besluit,
        selectors.besluiten_bijgewerkt,
    ),
    Dataset(
        "opgaven",
        _("Opgaven"),
        _("De gepubliceerde opgaven van de regio."),
        ("id", "titel", "samenvatting", "status", "begin_jaar", "eind_jaar", "url"),
        selectors.opgaven,
        _opgave,
    ),
    Dataset(
        "programmaversies",
        _("Programmaversies"),
        _("De openbare versies van de jaarprogramma's en begrotingen, met hun status en data."),
        (
            "id",
            "jaar",
            "soort",
            "titel",
            "versie",
            "status",
            "ingediend_op",
            "vastgesteld_op",
            "voorgelegd_op",
            "deadline_raden",
            "besluit_referentie",
            "url",
        ),
        selectors.programmaversies,
        _versie,
        selectors.programmas_bijgewerkt,
    ),
    Dataset(
        "verdeling",
        _("Kostenverdeling per lid"),
        _(
            "Het bedrag per lid in elke openbare vastgelegde versie, met het inwonertal, de peildatum en de bron "
            "waarmee gerekend is: de vastgelegde cijfers, nooit herberekend."
        ),
        (
            "versie_id",
            "jaar",
            "soort",
            "versie",
            "status",
            "bestuur_id",
            "bestuur",
            "code",
            "inwoners",
            "inwoners_peildatum",
            "inwoners_bron",
            "bedrag_euro",
        ),
        selectors.verdeling,
        _bijdrage,
        selectors.programmas_bijgewerkt,
    ),
)

BY_SLEUTEL = {dataset.sleutel: dataset for dataset in DATASETS}


def bijgewerkt_per_dataset(regio_ids):
    """{(dataset key, regio_id): datetime} for every dataset with a cheap latest change (one query per source)."""
    regio_ids = list(regio_ids)
    uitkomst, gelezen = {}, {}
    for dataset in DATASETS:
        if dataset.bijgewerkt is None:
            continue
        if dataset.bijgewerkt not in gelezen:
            gelezen[dataset.bijgewerkt] = dataset.bijgewerkt(regio_ids) if regio_ids else {}
        for regio_id, moment in gelezen[dataset.bijgewerkt].items():
            uitkomst[(dataset.sleutel, regio_id)] = moment
    return uitkomst
