"""Reading and checking the municipality CSV files (Flemish NIS codes or Dutch CBS codes).

The file is read as a stream of bytes: one physical line at a time is decoded, parsed and checked, so
memory stays flat whatever the file size; the codes seen (to name a duplicate's earlier line) are kept in a
`RegelRegister`, bounded by the code format rather than by the file. Every problem becomes an `ImportFout` with
its line number, column and a plain-Dutch message; reading goes on after a problem, so the user gets all of them
at once.
The writing side is `besturen.services.import_besturen`: each row adds the population figure of the file's
peildatum (with the format's `bron`) to the municipality's history, or corrects that date's figure.
"""

import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .import_stream import (
    LEESBLOK,
    BesturenImportGeweigerd,
    CsvLezer,
    ImportFout,
    RegelRegister,
    check_size,
    fysieke_regels,
    te_groot_fout,
)
from .models import BestuurSoort, Land

MAX_INWONERS = 2_147_483_647  # the largest value a PositiveIntegerField holds on every database
MAX_NAAM = 200
MAX_PROVINCIE = 100


@dataclass(frozen=True)
class Formaat:
    """One accepted CSV layout: its header, the code column and what the rows mean.

    Its population figures are those of `peildatum`, from `bron` (stored with every figure it adds). A valid code
    ends in `codecijfers` digits: as a number (`codenummer`) it is below `coderuimte`.
    """

    sleutel: str
    kolommen: tuple[str, ...]
    codekolom: str
    land: str
    soort: str
    peildatum: datetime.date
    bron: str
    codepatroon: re.Pattern
    voorbeeldcode: str
    codecijfers: int

    @property
    def coderuimte(self):
        return 10**self.codecijfers

    def codenummer(self, code):
        """A valid code as a number below `coderuimte`."""
        return int(code[-self.codecijfers :])

    @property
    def kopregel(self):
        return ",".join(self.kolommen)

    @property
    def omschrijving(self):
        if self.land == Land.BELGIE:
            return _("Vlaamse gemeenten (NIS-codes)")
        return _("Nederlandse gemeenten (CBS-codes)")

    def codefout(self, waarde):
        if self.land == Land.BELGIE:
            return _(
                "‘%(waarde)s’ is geen geldige NIS-code: verwacht 5 cijfers, bijvoorbeeld %(voorbeeld)s."
            ) % {
                "waarde": waarde,
                "voorbeeld": self.voorbeeldcode,
            }
        return _(
            "‘%(waarde)s’ is geen geldige CBS-code: verwacht GM gevolgd door 4 cijfers, "
            "bijvoorbeeld %(voorbeeld)s."
        ) % {"waarde": waarde, "voorbeeld": self.voorbeeldcode}


VLAANDEREN = Formaat(
    sleutel="vlaanderen",
    kolommen=("nis_code", "naam", "provincie", "referentieregio", "inwoners"),
    codekolom="nis_code",
    land=Land.BELGIE,
    soort=BestuurSoort.GEMEENTE,
    peildatum=datetime.date(2020, 1, 1),
    bron="Statbel 2020",
    codepatroon=re.compile(r"[0-9]{5}"),
    voorbeeldcode="41002",
    codecijfers=5,
)
NEDERLAND = Formaat(
    sleutel="nederland",
    kolommen=("cbs_code", "naam", "provincie", "inwoners"),
    codekolom="cbs_code",
    land=Land.NEDERLAND,
    soort=BestuurSoort.GEMEENTE,
    peildatum=datetime.date(2021, 1, 1),
    bron="CBS 2021",
    codepatroon=re.compile(r"GM[0-9]{4}"),
    voorbeeldcode="GM0505",
    codecijfers=4,
)
FORMATEN = (VLAANDEREN, NEDERLAND)


@dataclass(frozen=True)
class Rij:
    """One checked data row, ready to be written."""

    regel: int
    land: str
    soort: str
    code: str
    naam: str
    provincie: str
    inwoners: int
    inwoners_peildatum: datetime.date
    inwoners_bron: str

    @property
    def label(self):
        return f"{self.naam} ({self.code})"


def _verwachte_kopregels():
    return _("‘%(vlaanderen)s’ voor Vlaamse gemeenten of ‘%(nederland)s’ voor Nederlandse gemeenten") % {
        "vlaanderen": VLAANDEREN.kopregel,
        "nederland": NEDERLAND.kopregel,
    }


def _lijkt_op_gegevens(waarden):
    eerste = waarden[0].strip() if waarden else ""
    return any(formaat.codepatroon.fullmatch(eerste) for formaat in FORMATEN)


class GemeentenLezer(CsvLezer):
    """Reads one municipality file; `rijen()` yields the good rows and collects every problem in `fouten`.

    `formaat` is known once the header has been read (after the first row came out of `rijen()`).
    """

    def __init__(self, bron):
        super().__init__(bron)
        self.formaat = None

    def _lees_kopregel(self, regel, waarden):
        """Find the format from the header: (format, column positions), or None after reporting problems."""
        namen = [waarde.strip().lower() for waarde in waarden]
        kandidaten = [formaat for formaat in FORMATEN if formaat.codekolom in namen]
        if len(kandidaten) != 1:
            if _lijkt_op_gegevens(waarden):
                bericht = _(
                    "Regel %(regel)d is geen kopregel maar lijkt een gemeente (%(inhoud)s). "
                    "Zet bovenaan een kopregel: %(verwacht)s."
                )
            else:
                bericht = _("Regel %(regel)d is geen bekende kopregel (%(inhoud)s). Verwacht: %(verwacht)s.")
            self._fout(
                regel,
                "",
                bericht
                % {"regel": regel, "inhoud": ",".join(waarden)[:200], "verwacht": _verwachte_kopregels()},
            )
            return None
        formaat = kandidaten[0]
        goed = True
        for kolom in formaat.kolommen:
            if kolom not in namen:
                goed = False
                self._fout(
                    regel,
                    kolom,
                    _("De kolom ‘%(kolom)s’ ontbreekt in de kopregel; verwacht: %(verwacht)s.")
                    % {"kolom": kolom, "verwacht": formaat.kopregel},
                )
        for positie, naam in enumerate(namen):
            if naam not in formaat.kolommen:
                goed = False
                self._fout(
                    regel,
                    naam or str(positie + 1),
                    _("De kolom ‘%(kolom)s’ is onbekend; verwacht: %(verwacht)s.")
                    % {"kolom": naam, "verwacht": formaat.kopregel},
                )
            elif namen.index(naam) != positie:
                goed = False
                self._fout(
                    regel, naam, _("De kolom ‘%(kolom)s’ staat twee keer in de kopregel.") % {"kolom": naam}
                )
        if not goed:
            return None
        return formaat, {naam: namen.index(naam) for naam in formaat.kolommen}

    def _lees_rij(self, regel, waarden, formaat, posities, gezien):
        """Check one data row; return a Rij or None after reporting its problems."""
        if len(waarden) != len(posities):
            self._fout(
                regel,
                "",
                _(
                    "Regel %(regel)d heeft %(aantal)d velden, maar de kopregel heeft er %(verwacht)d "
                    "(%(kop)s)."
                )
                % {
                    "regel": regel,
                    "aantal": len(waarden),
                    "verwacht": len(posities),
                    "kop": formaat.kopregel,
                },
            )
            return None
        waarde = {kolom: waarden[positie].strip() for kolom, positie in posities.items()}
        aantal_fouten = len(self.fouten)

        code = waarde[formaat.codekolom]
        if not code:
            self._fout(regel, formaat.codekolom, _("De code is leeg."))
        elif not formaat.codepatroon.fullmatch(code):
            self._fout(regel, formaat.codekolom, formaat.codefout(code))
        elif (eerder := gezien.get(formaat.codenummer(code))) is not None:
            self._fout(
                regel,
                formaat.codekolom,
                _("De code %(code)s staat al op regel %(eerder)d; elke gemeente mag maar één keer voorkomen.")
                % {"code": code, "eerder": eerder},
            )
        else:
            gezien.zet(formaat.codenummer(code), regel)

        naam = waarde["naam"]
        if not naam:
            self._fout(regel, "naam", _("De naam is leeg."))
        elif len(naam) > MAX_NAAM:
            self._fout(regel, "naam", _("De naam is langer dan %(max)d tekens.") % {"max": MAX_NAAM})

        provincie = waarde["provincie"]
        if len(provincie) > MAX_PROVINCIE:
            self._fout(
                regel, "provincie", _("De provincie is langer dan %(max)d tekens.") % {"max": MAX_PROVINCIE}
            )

        inwoners = None
        tekst = waarde["inwoners"]
        if not tekst:
            self._fout(regel, "inwoners", _("Het aantal inwoners ontbreekt."))
        elif re.fullmatch(r"-[0-9]+", tekst):
            self._fout(
                regel,
                "inwoners",
                _("Het aantal inwoners kan niet negatief zijn (%(waarde)s).") % {"waarde": tekst},
            )
        elif not re.fullmatch(r"[0-9]+", tekst):
            self._fout(
                regel,
                "inwoners",
                _("‘%(waarde)s’ is geen aantal inwoners: schrijf een geheel getal zonder punten of spaties.")
                % {"waarde": tekst},
            )
        elif int(tekst) > MAX_INWONERS:
            self._fout(
                regel,
                "inwoners",
                _("Het aantal inwoners %(waarde)s is onmogelijk groot.") % {"waarde": tekst},
            )
        else:
            inwoners = int(tekst)

        if len(self.fouten) > aantal_fouten:
            return None
        return Rij(
            regel=regel,
            land=formaat.land,
            soort=formaat.soort,
            code=code,
            naam=naam,
            provincie=provincie,
            inwoners=inwoners,
            inwoners_peildatum=formaat.peildatum,
            inwoners_bron=formaat.bron,
        )

    def rijen(self) -> Iterator[Rij]:
        """Yield every good data row in file order; problems go to `self.fouten`."""
        records = self.records()
        posities = None
        gezien = None  # a RegelRegister once the format is known: the earlier line of a duplicate
        aantal = 0
        for regel, waarden in records:
            if posities is None:
                gevonden = self._lees_kopregel(regel, waarden)
                if gevonden is None:
                    return  # without a header the rows cannot be read
                self.formaat, posities = gevonden
                gezien = RegelRegister(self.formaat.coderuimte)
                continue
            aantal += 1
            rij = self._lees_rij(regel, waarden, self.formaat, posities, gezien)
            if rij is not None:
                yield rij
        if posities is None:
            if not self.fouten:
                self._fout(None, "", _("Het bestand is leeg."))
        elif aantal == 0:
            self._fout(None, "", _("Het bestand bevat alleen een kopregel en geen gemeenten."))


def read_gemeenten(bron: Iterable[bytes]):
    """Check a whole file without writing anything; return (format or None, list of errors)."""
    lezer = GemeentenLezer(bron)
    for _rij in lezer.rijen():
        pass
    return lezer.formaat, lezer.fouten


__all__ = [
    "FORMATEN",
    "LEESBLOK",
    "MAX_INWONERS",
    "MAX_NAAM",
    "MAX_PROVINCIE",
    "NEDERLAND",
    "VLAANDEREN",
    "BesturenImportGeweigerd",
    "Formaat",
    "GemeentenLezer",
    "ImportFout",
    "Rij",
    "check_size",
    "fysieke_regels",
    "read_gemeenten",
    "te_groot_fout",
]
