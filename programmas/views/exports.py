"""The split per member as CSV and Excel."""

import io
import zipfile

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from regioportaal.exports import streaming_csv_response

from .. import selectors
from ..regeling import regeling_voor
from ._gedeeld import _versie_or_404

# --- Exports -----------------------------------------------------------------------------------------------------


def _tabel(versie, user):
    """The split of `versie` with each line's title as `user` may read it (a draft opgave's stays hidden)."""
    tabel = selectors.verdelingstabel(versie, regeling_voor(versie))
    selectors.met_titels(user, tabel.regels)
    return tabel


def _export_rijen(tabel, versie):
    jaar = versie.jaarprogramma.jaar
    yield (
        [_("Lid"), _("Code"), _("Inwoners")]
        + [regel.titel for regel in tabel.regels]
        + [_("Totaal %(jaar)s") % {"jaar": jaar}, _("Totaal %(jaar)s") % {"jaar": jaar - 1}, _("Verschil")]
    )
    for rij in tabel.rijen:
        yield (
            [rij.bestuur.naam, rij.bestuur.code, rij.inwoners]
            + list(rij.bedragen)
            + [rij.totaal, rij.vorig, rij.verschil]
        )
    yield [_("Totaal"), "", None] + tabel.kolomtotalen + [tabel.totaal, tabel.vorig_totaal, None]


def _bestandsnaam(versie, extensie):
    programma = versie.jaarprogramma
    return f"verdeling-{programma.regio.slug}-{programma.jaar}-v{versie.nummer}.{extensie}"


class VerdelingCsvView(View):
    """The split per member as CSV (comma-separated, decimal point, UTF-8 with BOM so spreadsheets read it)."""

    def get(self, request, pk):
        versie = _versie_or_404(request.user, pk)
        tabel = _tabel(versie, request.user)
        return streaming_csv_response(_export_rijen(tabel, versie), _bestandsnaam(versie, "csv"))


def _zip_met_vaste_tijd(inhoud, moment):
    """The same zip (an .xlsx) with every entry stamped `moment` instead of the time of writing."""
    bron = zipfile.ZipFile(io.BytesIO(inhoud))
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as doel:
        for info in bron.infolist():
            nieuw = zipfile.ZipInfo(
                info.filename, date_time=max(moment.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
            )
            nieuw.compress_type = zipfile.ZIP_DEFLATED
            doel.writestr(nieuw, bron.read(info.filename))
    return uit.getvalue()


class VerdelingXlsxView(View):
    """The split per member as an Excel workbook (write-only, amounts as numbers in euro format)."""

    def get(self, request, pk):
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        versie = _versie_or_404(request.user, pk)
        tabel = _tabel(versie, request.user)
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(title=_("Verdeling")[:31])
        vet = Font(bold=True)
        rijen = list(_export_rijen(tabel, versie))
        for i, rij in enumerate(rijen):
            cellen = []
            for j, waarde in enumerate(rij):
                cel = WriteOnlyCell(ws, value=waarde)
                if isinstance(waarde, str):
                    cel.data_type = "s"  # text stays text, even when it starts with "="
                if i == 0 or i == len(rijen) - 1:
                    cel.font = vet
                if i > 0 and j >= 3 and waarde is not None:
                    cel.number_format = '"€" #,##0.00'
                cellen.append(cel)
            ws.append(cellen)
        # A frozen version's workbook is the same file every time: its timestamps are the moment it was frozen.
        moment = timezone.localtime(versie.bevroren_op) if versie.bevroren_op else timezone.localtime()
        moment = moment.replace(tzinfo=None, microsecond=0)
        wb.properties.created = wb.properties.modified = moment
        uitvoer = io.BytesIO()
        wb.save(uitvoer)
        response = HttpResponse(
            _zip_met_vaste_tijd(uitvoer.getvalue(), moment),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(versie, "xlsx")}"'
        return response
