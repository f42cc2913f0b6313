"""The writing side of the municipality import: rows read and checked by `besturen.imports` become Besturen and
population figures, in batches, with one action-log entry per changed Bestuur."""

import os
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regioportaal.audit import diff, snapshot
from regioportaal.models import ActionLog
from regioportaal.templatetags.portaal import getal

from .. import permissions
from ..import_stream import OverloopLijst, all_or_nothing, import_reden
from ..imports import Formaat, GemeentenLezer, check_size
from ..models import Bestuur, BestuurSoort, Bevolkingscijfer
from ._gedeeld import BESTUUR_FIELDS


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
    The lists (names, corrections) are `OverloopLijst`s: in memory up to five hundred, beyond that in a temporary
    file, so a large file's result does not grow the import's memory.
    """

    formaat: Formaat
    dry_run: bool = False
    aantal: int = 0
    ongewijzigd: int = 0
    namen_aangemaakt: OverloopLijst = field(default_factory=OverloopLijst)  # of str
    namen_gewijzigd: OverloopLijst = field(default_factory=OverloopLijst)  # of str
    cijfers_toegevoegd: int = 0
    correcties: OverloopLijst = field(default_factory=OverloopLijst)  # of Correctie

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


# Rows per batch. What a batch holds (its rows, model instances, action-log entries, query) is most of the import's
# peak memory, and the same for a file of 300 rows as for one of 13,000; more rows per batch save little time.
IMPORT_BATCH = 250
IMPORT_VELDEN = ["naam", "provincie", "inwoners", "inwoners_peildatum", "inwoners_bron"]


def _bron_grootte(bron):
    """The size of `bron` in bytes when it can be known without reading it (an upload or a real file)."""
    grootte = getattr(bron, "size", None)
    if isinstance(grootte, int):
        return grootte
    try:
        return os.fstat(bron.fileno()).st_size
    except (AttributeError, OSError, ValueError):
        return None


def _in_batches(rijen, grootte):
    batch = []
    for rij in rijen:
        batch.append(rij)
        if len(batch) == grootte:
            yield batch
            batch = []
    if batch:
        yield batch


def _cijfer_sleutel(peildatum):
    """The action-log key of a municipality's population figure on `peildatum`."""
    return f"bevolkingscijfer {peildatum.isoformat()}"


def _huidig_cijfer(bestuur, cijfers):
    """(inwoners, peildatum, bron) of the latest figure; the Bestuur's own figure counts when it is newer than all
    of `cijfers` (a figure without history row, entered before the history existed); a history row wins a tie."""
    laatste = max(cijfers, key=lambda cijfer: cijfer.peildatum)
    if bestuur.inwoners is not None and bestuur.inwoners_peildatum > laatste.peildatum:
        return bestuur.inwoners, bestuur.inwoners_peildatum, bestuur.inwoners_bron
    return laatste.inwoners, laatste.peildatum, laatste.bron


def _import_batch(batch, resultaat, *, door, dry_run, reden, content_type):
    """Create or update one batch of rows: two queries to read, a few bulk queries to write.

    Each row adds the population figure of the file's peildatum to the municipality's history, or corrects the
    figure it already has for that date; the current figure on the Bestuur becomes the one with the latest
    peildatum, so a file of an earlier year adds history without changing the current figure.
    """
    eerste = batch[0]
    peildatum = eerste.inwoners_peildatum
    bestaand = {
        bestuur.code: bestuur
        for bestuur in Bestuur.objects.filter(
            land=eerste.land, soort=BestuurSoort.GEMEENTE, code__in=[rij.code for rij in batch]
        )
    }
    # Only the figures of the file's date and later ones matter: an earlier one never becomes the current one.
    cijfers = {bestuur.pk: [] for bestuur in bestaand.values()}
    if bestaand:
        for cijfer in Bevolkingscijfer.objects.filter(bestuur_id__in=list(cijfers), peildatum__gte=peildatum):
            cijfers[cijfer.bestuur_id].append(cijfer)

    nieuw, gewijzigd = [], []  # gewijzigd: (bestuur, changes)
    nieuwe_cijfers, gecorrigeerde_cijfers = [], []
    nu = timezone.now()
    for rij in batch:
        bestuur = bestaand.get(rij.code)
        if bestuur is None:
            bestuur = Bestuur(
                soort=rij.soort,
                land=rij.land,
                code=rij.code,
                **{veld: getattr(rij, veld) for veld in IMPORT_VELDEN},
            )
            nieuw.append(bestuur)
            nieuwe_cijfers.append(
                Bevolkingscijfer(
                    bestuur=bestuur, inwoners=rij.inwoners, peildatum=peildatum, bron=rij.inwoners_bron
                )
            )
            resultaat.namen_aangemaakt.append(rij.label)
            resultaat.cijfers_toegevoegd += 1
            continue

        eigen = cijfers[bestuur.pk]
        sleutel = _cijfer_sleutel(peildatum)
        cijfer_changes = {}
        cijfer = next((cijfer for cijfer in eigen if cijfer.peildatum == peildatum), None)
        if cijfer is None:
            cijfer = Bevolkingscijfer(
                bestuur=bestuur, inwoners=rij.inwoners, peildatum=peildatum, bron=rij.inwoners_bron
            )
            nieuwe_cijfers.append(cijfer)
            eigen.append(cijfer)
            resultaat.cijfers_toegevoegd += 1
            cijfer_changes[sleutel] = [None, rij.inwoners]
        elif (cijfer.inwoners, cijfer.bron) != (rij.inwoners, rij.inwoners_bron):
            if cijfer.inwoners != rij.inwoners:
                resultaat.correcties.append(Correctie(rij.label, cijfer.inwoners, rij.inwoners))
                cijfer_changes[sleutel] = [cijfer.inwoners, rij.inwoners]
            if cijfer.bron != rij.inwoners_bron:
                cijfer_changes[f"bron {sleutel}"] = [cijfer.bron, rij.inwoners_bron]
            cijfer.inwoners, cijfer.bron, cijfer.ingelezen_op = rij.inwoners, rij.inwoners_bron, nu
            gecorrigeerde_cijfers.append(cijfer)

        before = snapshot(bestuur, BESTUUR_FIELDS)
        bestuur.naam, bestuur.provincie = rij.naam, rij.provincie
        bestuur.inwoners, bestuur.inwoners_peildatum, bestuur.inwoners_bron = _huidig_cijfer(bestuur, eigen)
        changes = {**diff(before, snapshot(bestuur, BESTUUR_FIELDS)), **cijfer_changes}
        if changes:
            gewijzigd.append((bestuur, changes))
            resultaat.namen_gewijzigd.append(rij.label)
        else:
            resultaat.ongewijzigd += 1
    if dry_run:
        return

    if nieuw:
        Bestuur.objects.bulk_create(nieuw)
        if any(bestuur.pk is None for bestuur in nieuw):  # a database that cannot return the new keys
            pks = dict(
                Bestuur.objects.filter(
                    land=eerste.land, soort=BestuurSoort.GEMEENTE, code__in=[b.code for b in nieuw]
                ).values_list("code", "pk")
            )
            for bestuur in nieuw:
                bestuur.pk = pks[bestuur.code]
    if gewijzigd:
        Bestuur.objects.bulk_update([bestuur for bestuur, _changes in gewijzigd], IMPORT_VELDEN)
    if nieuwe_cijfers:
        Bevolkingscijfer.objects.bulk_create(nieuwe_cijfers)  # takes the keys of the Besturen created above
    if gecorrigeerde_cijfers:
        Bevolkingscijfer.objects.bulk_update(gecorrigeerde_cijfers, ["inwoners", "bron", "ingelezen_op"])

    actor = door if door is not None and getattr(door, "is_authenticated", False) else None
    entries = [(bestuur, "aangemaakt", snapshot(bestuur, BESTUUR_FIELDS)) for bestuur in nieuw] + [
        (bestuur, "gewijzigd", changes) for bestuur, changes in gewijzigd
    ]
    ActionLog.objects.bulk_create(
        [
            ActionLog(
                actor=actor,
                actie=actie,
                content_type=content_type,
                object_id=str(bestuur.pk),
                object_repr=str(bestuur)[:255],
                wijzigingen=wijzigingen,
                reden=reden,
            )
            for bestuur, actie, wijzigingen in entries
        ]
    )


def import_besturen(bron, *, door, dry_run=False, grootte=None, naam=None):
    """Import municipalities from a CSV file (Flemish NIS codes or Dutch CBS codes, told apart by the header).

    `bron` is a binary file object or an iterable of byte lines or chunks; it is read as a stream. Rows are
    matched on (land, code, soort=gemeente): new ones are created, changed ones updated, each with an
    action-log entry; rows already up to date are left alone. A row's population is added as the figure of the
    file's peildatum (`Bevolkingscijfer`, with the format's source); a different value for a date that already
    has a figure corrects that figure (listed in `correcties`). The Bestuur's current population is the figure
    with the latest peildatum, so importing an earlier year keeps it. If any row is wrong, nothing is written and
    `BesturenImportGeweigerd` lists every problem. `dry_run` reports what would change and writes nothing.
    `grootte` is the file size in bytes when the caller knows it; a file above settings.IMPORT_MAX_BYTES is
    refused before it is read (and, when the size was not known, as soon as that many bytes have been read).
    """
    permissions.require_platform_admin(door)
    check_size(grootte if grootte is not None else _bron_grootte(bron))
    reden = import_reden(naam or getattr(bron, "name", None), _("Import van gemeenten"))
    content_type = ContentType.objects.get_for_model(Bestuur, for_concrete_model=False)

    lezer = GemeentenLezer(bron)
    resultaat = None
    with all_or_nothing(lezer.fouten):
        for batch in _in_batches(lezer.rijen(), IMPORT_BATCH):
            if resultaat is None:
                resultaat = ImportResultaat(formaat=lezer.formaat, dry_run=dry_run)
            resultaat.aantal += len(batch)
            if lezer.fouten:
                continue  # the file will be refused: keep reading only to report every problem
            _import_batch(
                batch, resultaat, door=door, dry_run=dry_run, reden=reden, content_type=content_type
            )
    return resultaat
