"""Reading an import file as a stream: the size limit, line ends, UTF-8, CSV records, and the problems found on the way.

One physical line at a time is decoded, so memory stays flat whatever the file size; what a reader has to remember
across rows is kept in structures of bounded size: `RegelRegister` (the line of each code seen, to name a duplicate's
earlier line) and `OverloopLijst` (what the import reports per row, spilling to a temporary file). Every problem
becomes an `ImportFout`; `BesturenImportGeweigerd` refuses the file with all of them, and `all_or_nothing` writes a
file in one transaction or not at all. The readers of the two files are `besturen.imports` (municipalities) and
`besturen.import_fusies` (mergers), both a `CsvLezer`.
"""

import csv
import itertools
import os
import pickle
import re
import tempfile
import weakref
from array import array
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

LEESBLOK = 16 * 1024  # bytes read at a time from a file object (an upload comes in its own chunks)
# Items an OverloopLijst keeps in memory: the rows of a real file (a few hundred) never reach the disk.
IN_GEHEUGEN = 500
# One line of a chunk with its end (LF, CRLF or a lone CR), or the chunk's unfinished last piece.
_STUKJE = re.compile(rb"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


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


def check_size(grootte):
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
        for gevonden in _STUKJE.finditer(stuk):  # one at a time, not the chunk's lines all at once
            stukje = gevonden.group()
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


class CsvLezer:
    """The base of a file's reader: `records()` yields its CSV records with their line numbers; every problem,
    with its line, goes to `fouten` and reading goes on, so the user gets all of them at once."""

    def __init__(self, bron):
        self.bron = bron
        self.fouten = []

    def _fout(self, regel, kolom, bericht):
        self.fouten.append(ImportFout(regel, kolom, bericht))

    def records(self):
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


def import_reden(naam, standaard):
    """The reason written with every audit entry of an import: the file's name, or `standaard` without one."""
    if naam:
        return _("Import uit %(bestand)s") % {"bestand": os.path.basename(str(naam))}
    return standaard


@contextmanager
def all_or_nothing(fouten):
    """One transaction for a whole file: when the block ends with problems in `fouten`, refuse the file with all of
    them and write nothing."""
    with transaction.atomic():
        yield
        if fouten:
            raise BesturenImportGeweigerd(fouten)


class RegelRegister:
    """The line on which each code was first seen, for codes that are numbers below `omvang` (the digits of a NIS or
    CBS code): 4-byte line numbers in blocks of `BLOK` codes, a block made when a code in it first comes by.

    Its size is bounded by the code format (at most `omvang` × 4 bytes), not by the file: a file with 20 times the
    rows, or the same code on every line, costs no more than the codes it touches. 0 means "not seen"."""

    BLOK = 256

    def __init__(self, omvang):
        self._blokken = [None] * -(-omvang // self.BLOK)

    def get(self, nummer):
        """The line of `nummer`'s first occurrence, or None."""
        blok = self._blokken[nummer // self.BLOK]
        return (blok[nummer % self.BLOK] or None) if blok is not None else None

    def zet(self, nummer, regel):
        blok = self._blokken[nummer // self.BLOK]
        if blok is None:
            blok = self._blokken[nummer // self.BLOK] = array("I", bytes(4 * self.BLOK))
        blok[nummer % self.BLOK] = regel


class OverloopLijst:
    """A list that an import only appends to (with len, iteration, indexing and slices, `in`, ==): the first
    `in_geheugen` items stay in memory, the rest go pickled to a temporary file, so what an import reports per row
    (the municipalities created or changed, the corrected figures) costs bounded memory however large the file.
    The file is removed when the list is."""

    def __init__(self, items=(), in_geheugen=IN_GEHEUGEN):
        self.in_geheugen = in_geheugen
        self._geheugen = []
        self._bestand = None
        self._aantal = 0
        for item in items:
            self.append(item)

    def append(self, item):
        if len(self._geheugen) < self.in_geheugen:
            self._geheugen.append(item)
        else:
            if self._bestand is None:
                self._bestand = tempfile.TemporaryFile()
                weakref.finalize(self, self._bestand.close)
            self._bestand.seek(0, os.SEEK_END)
            pickle.dump(item, self._bestand, protocol=pickle.HIGHEST_PROTOCOL)
        self._aantal += 1

    def __len__(self):
        return self._aantal

    def __iter__(self):
        yield from self._geheugen
        positie, gelezen = 0, 0
        while gelezen < self._aantal - len(self._geheugen):  # items appended meanwhile come along too
            self._bestand.seek(positie)  # an append or another iteration may have moved the file in between
            item = pickle.load(self._bestand)  # our own temporary file
            positie, gelezen = self._bestand.tell(), gelezen + 1
            yield item

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, stap = index.indices(self._aantal)
            if stap > 0:
                return list(itertools.islice(self, start, stop, stap))
            return list(self)[index]
        if index < 0:
            index += self._aantal
        if not 0 <= index < self._aantal:
            raise IndexError("OverloopLijst index out of range")
        return next(itertools.islice(self, index, None))

    def __contains__(self, gezocht):
        return any(item == gezocht for item in self)

    def __eq__(self, ander):
        if not isinstance(ander, list | tuple | OverloopLijst):
            return NotImplemented
        return len(self) == len(ander) and all(a == b for a, b in zip(self, ander, strict=True))

    __hash__ = None

    def __repr__(self):
        return f"OverloopLijst({list(self)!r})"
