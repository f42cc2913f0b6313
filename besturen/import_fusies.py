"""The import of mergers: a CSV file with one merger per line, recorded in one transaction or not at all.

Columns: `datum,voorgangers,opvolger,opvolger_code`. `voorgangers` holds the predecessors' official codes (NIS or
CBS) separated by spaces; `opvolger_code` is the successor's official code: a new code for a new government, or
one of the predecessors' codes when that government absorbs the others. Every line is checked against the
governments in the portal first; any problem is reported with its line and the file is refused as a whole. A line
whose merger is already recorded (same date, predecessors and successor) changes nothing, so the file can be
imported again.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import services
from .fusies import record_fusie
from .import_stream import (
    BesturenImportGeweigerd,
    CsvLezer,
    ImportFout,
    all_or_nothing,
    check_size,
    import_reden,
)
from .models import Bestuur, BestuurSoort, Fusievoorganger, Land
from .policies import FusiePolicy

KOLOMMEN = ("datum", "voorgangers", "opvolger", "opvolger_code")
CODEPATRONEN = {Land.BELGIE: re.compile(r"[0-9]{5}"), Land.NEDERLAND: re.compile(r"GM[0-9]{4}")}
# The Flemish provinces by the first digits of a NIS code (a merger across a province border, such as
# Beveren-Kruibeke-Zwijndrecht, takes the province of its new code).
VLAAMSE_PROVINCIES = {
    "1": "Antwerpen",
    "23": "Vlaams-Brabant",
    "24": "Vlaams-Brabant",
    "3": "West-Vlaanderen",
    "4": "Oost-Vlaanderen",
    "7": "Limburg",
}
MAX_NAAM = 200


def _land_van(code):
    return next((land for land, patroon in CODEPATRONEN.items() if patroon.fullmatch(code)), None)


def _provincie(land, code, voorgangers):
    provincies = {bestuur.provincie for bestuur in voorgangers}
    if land == Land.BELGIE:
        for prefix in (code[:2], code[:1]):
            if prefix in VLAAMSE_PROVINCIES:
                return VLAAMSE_PROVINCIES[prefix]
    return provincies.pop() if len(provincies) == 1 else ""


@dataclass
class Fusieregel:
    """One checked line: the merger it describes, in terms of the governments in the portal."""

    regel: int
    datum: datetime.date
    land: str
    voorgangers: list
    naam: str
    code: str
    opvolger: Bestuur | None  # None: a new government, created on import

    @property
    def label(self):
        namen = ", ".join(f"{b.naam} ({b.code})" for b in self.voorgangers)
        return _("%(voorgangers)s → %(opvolger)s (%(code)s) op %(datum)s") % {
            "voorgangers": namen,
            "opvolger": self.naam,
            "code": self.code,
            "datum": self.datum.isoformat(),
        }


@dataclass
class FusieImportResultaat:
    dry_run: bool = False
    vastgelegd: list[str] = field(default_factory=list)
    ongewijzigd: list[str] = field(default_factory=list)

    @property
    def aantal(self):
        return len(self.vastgelegd) + len(self.ongewijzigd)

    def samenvatting(self):
        waarden = {
            "aantal": self.aantal,
            "vastgelegd": len(self.vastgelegd),
            "ongewijzigd": len(self.ongewijzigd),
        }
        gelezen = ngettext("%(aantal)d fusie gelezen", "%(aantal)d fusies gelezen", self.aantal) % waarden
        if self.dry_run:
            tekst = _(
                "Proefdraai, er is niets opgeslagen. %(gelezen)s; zou %(vastgelegd)d vastleggen, %(ongewijzigd)d al vastgelegd."
            )
        else:
            tekst = _("%(gelezen)s; %(vastgelegd)d vastgelegd, %(ongewijzigd)d al vastgelegd.")
        return tekst % {**waarden, "gelezen": gelezen}


class FusiesLezer(CsvLezer):
    """Reads and checks a mergers file against the governments in the portal; problems go to `fouten`."""

    def regels(self):
        """Every good line as a `Fusieregel`, after reading the whole file (two queries for all governments)."""
        records = [(regel, [waarde.strip() for waarde in waarden]) for regel, waarden in self.records()]
        if not records:
            if not self.fouten:
                self._fout(None, "", _("Het bestand is leeg."))
            return []
        (kopregel, kop), rijen = records[0], records[1:]
        if [naam.lower() for naam in kop] != list(KOLOMMEN):
            self._fout(
                kopregel,
                "",
                _("Regel %(regel)d is niet de verwachte kopregel %(verwacht)s.")
                % {"regel": kopregel, "verwacht": ",".join(KOLOMMEN)},
            )
            return []
        if not rijen:
            self._fout(None, "", _("Het bestand bevat alleen een kopregel en geen fusies."))
            return []
        codes = {code for _regel, waarden in rijen for code in " ".join(waarden[1:2] + waarden[3:4]).split()}
        besturen = {
            (b.land, b.code): b for b in Bestuur.objects.filter(soort=BestuurSoort.GEMEENTE, code__in=codes)
        }
        gefuseerd = {
            rij.bestuur_id: rij.fusie
            for rij in Fusievoorganger.objects.filter(bestuur__in=besturen.values()).select_related("fusie")
        }
        gezien = {}
        goed = []
        for regel, waarden in rijen:
            rij = self._lees(regel, waarden, besturen, gefuseerd, gezien)
            if rij is not None:
                goed.append(rij)
        return goed

    def _lees(self, regel, waarden, besturen, gefuseerd, gezien):
        if len(waarden) != len(KOLOMMEN):
            self._fout(
                regel,
                "",
                _("Regel %(regel)d heeft %(aantal)d velden, maar de kopregel heeft er %(verwacht)d.")
                % {"regel": regel, "aantal": len(waarden), "verwacht": len(KOLOMMEN)},
            )
            return None
        tekst_datum, tekst_voorgangers, naam, code = waarden
        aantal = len(self.fouten)
        try:
            datum = datetime.date.fromisoformat(tekst_datum)
        except ValueError:
            datum = None
            self._fout(
                regel,
                "datum",
                _("‘%(waarde)s’ is geen datum: schrijf jjjj-mm-dd, bijvoorbeeld 2025-01-01.")
                % {"waarde": tekst_datum},
            )
        land = _land_van(code)
        if land is None:
            self._fout(
                regel,
                "opvolger_code",
                _("‘%(waarde)s’ is geen NIS-code (5 cijfers) of CBS-code (GM en 4 cijfers).")
                % {"waarde": code},
            )
        if not naam:
            self._fout(regel, "opvolger", _("De naam van de nieuwe gemeente is leeg."))
        elif len(naam) > MAX_NAAM:
            self._fout(regel, "opvolger", _("De naam is langer dan %(max)d tekens.") % {"max": MAX_NAAM})
        codes = tekst_voorgangers.replace(";", " ").split()
        if len(set(codes)) < 2:
            self._fout(regel, "voorgangers", _("Een fusie heeft minstens twee verschillende voorgangers."))
        voorgangers = []
        for voorganger in dict.fromkeys(codes):
            bestuur = besturen.get((land, voorganger)) if land else None
            if land and _land_van(voorganger) != land:
                self._fout(
                    regel,
                    "voorgangers",
                    _("%(code)s is geen code van hetzelfde land als %(opvolger)s.")
                    % {"code": voorganger, "opvolger": code},
                )
            elif bestuur is None and land:
                self._fout(
                    regel,
                    "voorgangers",
                    _("Er is geen gemeente met code %(code)s; importeer eerst de gemeenten.")
                    % {"code": voorganger},
                )
            elif voorganger in gezien:
                self._fout(
                    regel,
                    "voorgangers",
                    _(
                        "%(code)s staat al als voorganger op regel %(eerder)d; een gemeente fuseert maar één keer."
                    )
                    % {"code": voorganger, "eerder": gezien[voorganger]},
                )
            elif bestuur is not None:
                gezien[voorganger] = regel
                voorgangers.append(bestuur)
        opvolger = besturen.get((land, code)) if land else None
        if len(self.fouten) > aantal:
            return None
        for bestuur in voorgangers:
            fusie = gefuseerd.get(bestuur.pk)
            if fusie is not None and (
                fusie.datum != datum or fusie.opvolger_id != getattr(opvolger, "pk", None)
            ):
                self._fout(
                    regel,
                    "voorgangers",
                    _("%(gemeente)s is al opgegaan in een andere fusie (%(fusie)s).")
                    % {"gemeente": f"{bestuur.naam} ({bestuur.code})", "fusie": fusie},
                )
                return None
        return Fusieregel(regel, datum, land, voorgangers, naam, code, opvolger)


def _al_vastgelegd(rij):
    if rij.opvolger is None:
        return False
    opgeheven = {b.pk for b in rij.voorgangers if b != rij.opvolger}
    fusie = rij.opvolger.fusies_als_opvolger.filter(datum=rij.datum).first()
    return fusie is not None and set(fusie.voorgangers.values_list("pk", flat=True)) == opgeheven


def _record(rij, *, door, reden):
    opvolger = rij.opvolger
    if opvolger is None:
        opvolger = services.create_bestuur(
            door=door,
            soort=BestuurSoort.GEMEENTE,
            land=rij.land,
            code=rij.code,
            naam=rij.naam,
            provincie=_provincie(rij.land, rij.code, rij.voorgangers),
        )
    elif opvolger.naam != rij.naam:
        services.update_bestuur(opvolger, door=door, naam=rij.naam)
    record_fusie(datum=rij.datum, voorgangers=rij.voorgangers, opvolger=opvolger, door=door, reden=reden)


def import_fusies(bron, *, door, dry_run=False, grootte=None, naam=None):
    """Record every merger of a CSV file (platform administrator or the system), or none of them.

    Raises `BesturenImportGeweigerd` with every problem (line and column) when any line is wrong; `dry_run` checks
    and reports what would be recorded without writing anything.
    """
    FusiePolicy().require(door, "record", None)
    check_size(grootte)
    reden = import_reden(naam, _("Import van fusies"))
    lezer = FusiesLezer(bron)
    resultaat = FusieImportResultaat(dry_run=dry_run)
    with all_or_nothing(lezer.fouten):
        rijen = lezer.regels()
        if lezer.fouten:
            raise BesturenImportGeweigerd(lezer.fouten)
        for rij in sorted(rijen, key=lambda rij: (rij.datum, rij.regel)):
            if _al_vastgelegd(rij):
                resultaat.ongewijzigd.append(rij.label)
                continue
            resultaat.vastgelegd.append(rij.label)
            if dry_run:
                continue
            try:
                _record(rij, door=door, reden=reden)
            except ValidationError as fout:
                lezer.fouten.append(ImportFout(rij.regel, "", " ".join(fout.messages)))
    return resultaat
