"""Reading an import file as a stream: the size limit, line ends, UTF-8, and the problems found on the way.

One physical line at a time is decoded, so memory stays flat whatever the file size. Every problem becomes an
`ImportFout`; `BesturenImportGeweigerd` refuses the file with all of them. The CSV layer is `besturen.imports`.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

LEESBLOK = 64 * 1024


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
