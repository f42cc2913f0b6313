"""Reading and checking the municipality CSV files (Flemish NIS codes or Dutch CBS codes).

The file is read as a stream of bytes: one physical line at a time is decoded, parsed and checked, so
memory stays flat whatever the file size (apart from the codes seen, needed to find duplicates). Every
problem becomes an `ImportFout` with its line number, column and a plain-Dutch message; reading goes on
after a problem, so the user gets all of them at once.
The writing side is `besturen.services.import_besturen`: each row adds the population figure of the file's
peildatum (with the format's `bron`) to the municipality's history, or corrects that date's figure.
"""

import csv
import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regioportaal.templatetags.portaal import getal

from .models import BestuurSoort, Land

LEESBLOK = 64 * 1024
MAX_INWONERS = 2_147_483_647  # the largest value a PositiveIntegerField holds on every database
MAX_NAAM = 200
MAX_PROVINCIE = 100


@dataclass(frozen=True)
class Formaat:
    """One accepted CSV layout: its header, the code column and what the rows mean.

    Its population figures are those of `peildatum`, from `bron` (stored with every figure it adds).
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
)
FORMATEN = (VLAANDEREN, NEDERLAND)


@dataclass(frozen=True)
class ImportFout:
    """One problem in an import file; `regel` is None for the file as a whole (empty, too large)."""

    regel: int | None
    kolom: str
    bericht: str

    def __str__(self):
        # Messages without a column name their line themselves ("Regel 3 is geen geldige UTF-8-tekst ...").
        if self.regel is not None and self.kolom:
            return _("regel %(regel)d, kolom %(kolom)s: %(bericht)s") % {
                "regel": self.regel,
                "kolom": self.kolom,
                "bericht": self.bericht,
            }
        return self.bericht


class BesturenImportGeweigerd(Exception):
    """The file was refused; nothing was imported. `fouten` lists every problem found."""

    def __init__(self, fouten):
        self.fouten = list(fouten)
        super().__init__("\n".join(str(fout) for fout in self.fouten))


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


@dataclass(frozen=True)
class Correctie:
    """A figure that was already there for the file's peildatum and gets (or would get) another value."""

    label: str
    oud: int
    nieuw: int

    def __str__(self):
        return _("%(gemeente)s: %(oud)s → %(nieuw)s inwoners") % {
            "gemeente": self.label,
            "oud": getal(self.oud),
            "nieuw": getal(self.nieuw),
        }


@dataclass
class ImportResultaat:
    """What an import did (or, for a dry run, would do).

    Municipalities are counted once each: created, changed (name, province, current population or a figure added
    to or corrected in its history) or unchanged. Apart from that: how many population figures for the file's
    peildatum were added, and which existing ones were corrected (another value for the same peildatum).
    """

    formaat: Formaat
    dry_run: bool = False
    aantal: int = 0
    ongewijzigd: int = 0
    namen_aangemaakt: list[str] = field(default_factory=list)
    namen_gewijzigd: list[str] = field(default_factory=list)
    cijfers_toegevoegd: int = 0
    correcties: list[Correctie] = field(default_factory=list)

    @property
    def land(self):
        return self.formaat.land

    @property
    def aangemaakt(self):
        return len(self.namen_aangemaakt)

    @property
    def gewijzigd(self):
        return len(self.namen_gewijzigd)

    @property
    def gecorrigeerd(self):
        return len(self.correcties)

    def samenvatting_cijfers(self):
        """The population figures of the file: how many are added and corrected, on which date, from which source."""
        waarden = {
            "peildatum": date_format(self.formaat.peildatum, "j F Y"),
            "bron": self.formaat.bron,
            "toegevoegd": self.cijfers_toegevoegd,
            "gecorrigeerd": self.gecorrigeerd,
        }
        if self.dry_run:
            return (
                _(
                    "Bevolkingscijfers op %(peildatum)s (%(bron)s): zou %(toegevoegd)d toevoegen, "
                    "%(gecorrigeerd)d corrigeren."
                )
                % waarden
            )
        return (
            _(
                "Bevolkingscijfers op %(peildatum)s (%(bron)s): %(toegevoegd)d toegevoegd, %(gecorrigeerd)d gecorrigeerd."
            )
            % waarden
        )

    def samenvatting(self):
        rijen = ngettext("%(aantal)d gemeente gelezen", "%(aantal)d gemeenten gelezen", self.aantal) % {
            "aantal": self.aantal
        }
        if self.dry_run:
            tekst = _(
                "Proefdraai, er is niets opgeslagen. %(formaat)s: %(rijen)s; zou %(aangemaakt)d aanmaken, "
                "%(gewijzigd)d wijzigen, %(ongewijzigd)d ongewijzigd laten."
            )
        else:
            tekst = _(
                "%(formaat)s: %(rijen)s; %(aangemaakt)d aangemaakt, %(gewijzigd)d gewijzigd, "
                "%(ongewijzigd)d ongewijzigd."
            )
        tekst = tekst % {
            "formaat": self.formaat.omschrijving,
            "rijen": rijen,
            "aangemaakt": self.aangemaakt,
            "gewijzigd": self.gewijzigd,
            "ongewijzigd": self.ongewijzigd,
        }
        return f"{tekst} {self.samenvatting_cijfers()}"


def _megabytes(aantal_bytes):
    return f"{aantal_bytes / (1024 * 1024):.1f}".replace(".", ",")


def te_groot_fout(grootte=None, maximum=None):
    """The refusal for a file above settings.IMPORT_MAX_BYTES (`grootte` None: found out while reading)."""
    maximum = settings.IMPORT_MAX_BYTES if maximum is None else maximum
    if grootte is None:
        bericht = _(
            "Het bestand is groter dan %(max)s MB; een importbestand mag hoogstens %(max)s MB zijn."
        ) % {"max": _megabytes(maximum)}
    else:
        bericht = _(
            "Het bestand is te groot (%(grootte)s MB); een importbestand mag hoogstens %(max)s MB zijn."
        ) % {
            "grootte": _megabytes(grootte),
            "max": _megabytes(maximum),
        }
    return ImportFout(None, "", bericht)


def controleer_grootte(grootte):
    """Refuse a file whose known size is above settings.IMPORT_MAX_BYTES, before anything is read."""
    if grootte is not None and grootte > settings.IMPORT_MAX_BYTES:
        raise BesturenImportGeweigerd([te_groot_fout(grootte)])


def _stukken(bron):
    """Byte chunks from a binary file object (read in blocks) or any iterable of bytes (lines or chunks)."""
    if hasattr(bron, "read"):
        yield from iter(lambda: bron.read(LEESBLOK), b"")
    else:
        yield from bron


def fysieke_regels(bron, maximum=None):
    """Yield the physical lines (bytes, with their line end) of `bron`, whatever the chunking.

    Lines end at LF, CRLF or a lone CR, also when a CRLF is split over two chunks. Reading stops with a
    refusal as soon as more than `maximum` bytes came in, so a file whose size was not known is bounded too.
    """
    maximum = settings.IMPORT_MAX_BYTES if maximum is None else maximum
    gelezen = 0
    deel = []  # pieces of the line not finished yet
    for stuk in _stukken(bron):
        if isinstance(stuk, str):
            raise TypeError("import_besturen leest bytes: open het bestand binair ('rb').")
        gelezen += len(stuk)
        if gelezen > maximum:
            raise BesturenImportGeweigerd([te_groot_fout(None, maximum)])
        for stukje in stuk.splitlines(keepends=True):
            if deel and deel[-1].endswith(b"\r"):
                # The previous piece ended in CR: a CRLF split over two chunks, or a line ended by a lone CR.
                if stukje == b"\n":
                    deel.append(stukje)
                    yield b"".join(deel)
                    deel = []
                    continue
                yield b"".join(deel)
                deel = []
            deel.append(stukje)
            if stukje.endswith(b"\n"):
                yield b"".join(deel)
                deel = []
    if deel:
        yield b"".join(deel)


class _Tekstregels:
    """The decoded lines for the csv reader; remembers line numbers and reports lines that are not UTF-8."""

    def __init__(self, bron, fouten):
        self.bron = bron
        self.fouten = fouten
        self.eerste = None  # number of the first line handed out since the last reset (start of a record)
        self.laatste = 0

    def __iter__(self):
        for nummer, ruw in enumerate(fysieke_regels(self.bron), start=1):
            self.laatste = nummer
            try:
                tekst = ruw.decode("utf-8")
            except UnicodeDecodeError:
                self.fouten.append(
                    ImportFout(
                        nummer,
                        "",
                        _("Regel %(regel)d is geen geldige UTF-8-tekst; sla het bestand op als UTF-8.")
                        % {"regel": nummer},
                    )
                )
                continue
            if nummer == 1 and tekst.startswith("\ufeff"):
                tekst = tekst[1:]  # byte order mark written by Excel and Notepad
            if self.eerste is None:
                self.eerste = nummer
            yield tekst


def _verwachte_kopregels():
    return _("‘%(vlaanderen)s’ voor Vlaamse gemeenten of ‘%(nederland)s’ voor Nederlandse gemeenten") % {
        "vlaanderen": VLAANDEREN.kopregel,
        "nederland": NEDERLAND.kopregel,
    }


def _lijkt_op_gegevens(waarden):
    eerste = waarden[0].strip() if waarden else ""
    return any(formaat.codepatroon.fullmatch(eerste) for formaat in FORMATEN)


class GemeentenLezer:
    """Reads one municipality file; `rijen()` yields the good rows and collects every problem in `fouten`.

    `formaat` is known once the header has been read (after the first row came out of `rijen()`).
    """

    def __init__(self, bron):
        self.bron = bron
        self.formaat = None
        self.fouten = []

    def _fout(self, regel, kolom, bericht):
        self.fouten.append(ImportFout(regel, kolom, bericht))

    def _records(self):
        """Yield (line number, list of values) per CSV record, skipping blank lines."""
        regels = _Tekstregels(self.bron, self.fouten)
        lezer = csv.reader(regels, strict=False)
        while True:
            regels.eerste = None
            try:
                waarden = next(lezer)
            except StopIteration:
                return
            except csv.Error:
                regel = regels.eerste or regels.laatste
                self._fout(
                    regel,
                    "",
                    _("Regel %(regel)d kan niet als CSV worden gelezen (controleer de aanhalingstekens).")
                    % {"regel": regel},
                )
                continue
            if not any(waarde.strip() for waarde in waarden):
                continue
            yield regels.eerste, waarden

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
        elif code in gezien:
            self._fout(
                regel,
                formaat.codekolom,
                _("De code %(code)s staat al op regel %(eerder)d; elke gemeente mag maar één keer voorkomen.")
                % {"code": code, "eerder": gezien[code]},
            )
        else:
            gezien[code] = regel

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
        records = self._records()
        posities = None
        gezien = {}  # code -> line number, to name the earlier line of a duplicate
        aantal = 0
        for regel, waarden in records:
            if posities is None:
                gevonden = self._lees_kopregel(regel, waarden)
                if gevonden is None:
                    return  # without a header the rows cannot be read
                self.formaat, posities = gevonden
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


def lees_gemeenten(bron: Iterable[bytes]):
    """Check a whole file without writing anything; return (format or None, list of errors)."""
    lezer = GemeentenLezer(bron)
    for _rij in lezer.rijen():
        pass
    return lezer.formaat, lezer.fouten
