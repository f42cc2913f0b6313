"""CSV downloads: streamed row by row, UTF-8 with a BOM so spreadsheets read it, and safe to open in a spreadsheet."""

import csv
from decimal import Decimal

from django.http import StreamingHttpResponse

# Text starting with one of these is run as a formula by a spreadsheet.
FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")


class Echo:
    """A file-like object whose write returns the line, so csv.writer yields lines instead of storing them."""

    def write(self, value):
        return value


def csv_cel(waarde):
    """A CSV cell: None is empty, numbers stay numbers, text a spreadsheet would run gets a leading apostrophe."""
    if waarde is None:
        return ""
    if isinstance(waarde, int | float | Decimal):
        return waarde
    tekst = str(waarde)
    return "'" + tekst if tekst.startswith(FORMULE_TEKENS) else tekst


def streaming_csv_response(rows, filename, *, delimiter=","):
    """Stream `rows` (an iterable of lists of cells) as the CSV download `filename`, every cell through csv_cel."""
    writer = csv.writer(Echo(), delimiter=delimiter)

    def lines():
        bom = "\ufeff"  # with the first row: one chunk per row
        for row in rows:
            yield bom + writer.writerow([csv_cel(waarde) for waarde in row])
            bom = ""
        if bom:
            yield bom

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
