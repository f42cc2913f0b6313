"""The two download formats of a dataset, both streamed row by row: CSV (through the project's CSV writer with its
formula guard) and JSON (an array of objects keyed by the column names)."""

import datetime
import itertools
import json
from decimal import Decimal

from django.http import StreamingHttpResponse
from django.utils import timezone

from regioportaal.exports import streaming_csv_response


def _tekst(waarde):
    """Dates and times as ISO 8601 (times in local time with their offset), other values as they are."""
    if isinstance(waarde, datetime.datetime):
        return timezone.localtime(waarde).isoformat()
    if isinstance(waarde, datetime.date):
        return waarde.isoformat()
    return waarde


def _csv_cel(waarde):
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    return _tekst(waarde)


def _json_waarde(waarde):
    if isinstance(waarde, Decimal):
        return float(waarde)
    return _tekst(waarde)


def csv_response(dataset, regio):
    rijen = ([_csv_cel(cel) for cel in rij] for rij in dataset.rijen(regio))
    kop = [list(dataset.kolommen)]
    return streaming_csv_response(itertools.chain(kop, rijen), f"{regio.slug}-{dataset.sleutel}.csv")


def _json_regels(dataset, regio):
    yield "["
    scheiding = "\n"
    for rij in dataset.rijen(regio):
        rij_object = {kolom: _json_waarde(cel) for kolom, cel in zip(dataset.kolommen, rij, strict=True)}
        yield scheiding + json.dumps(rij_object, ensure_ascii=False)
        scheiding = ",\n"
    yield "\n]\n"


def json_response(dataset, regio):
    response = StreamingHttpResponse(
        _json_regels(dataset, regio), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{regio.slug}-{dataset.sleutel}.json"'
    return response


FORMATEN = {"csv": csv_response, "json": json_response}
MEDIA_TYPES = {"csv": "text/csv", "json": "application/json"}
