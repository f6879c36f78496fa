"""The same rows as a page shows, as CSV or JSON (`?format=csv`, `?format=json`)."""

import csv
import json
from collections.abc import Iterable

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse

FORMATS = ("csv", "json")
# A spreadsheet runs a cell starting with one of these as a formula (=HYPERLINK(…), +cmd|…).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def requested_format(request) -> str | None:
    value = request.GET.get("format")
    return value if value in FORMATS else None


def csv_cell(value):
    """A value as a CSV cell: lists joined with "; ", and text a spreadsheet would run as a
    formula (names and titles come from untrusted documents) behind a "'", which makes it
    text; numbers stay numbers."""
    if isinstance(value, list):
        value = "; ".join(map(str, value))
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def alternate_links(request) -> list[dict]:
    """`<link rel="alternate">` targets for the current view in each format."""
    links = []
    for fmt, mime in (("csv", "text/csv"), ("json", "application/json")):
        params = request.GET.copy()
        params["format"] = fmt
        links.append({"format": fmt, "type": mime, "url": "?" + params.urlencode()})
    return links


class _Line:
    """A file-like object whose write() hands back the line (csv.writer into a stream)."""

    def write(self, value: str) -> str:
        return value


def _csv_cells(row: dict) -> dict:
    return {k: csv_cell(v) for k, v in row.items()}


def stream_rows(rows: Iterable[dict], *, fmt: str, name: str, count: int) -> StreamingHttpResponse:
    """The whole filtered list, written a row at a time as the database hands them over
    (the rows come from `QuerySet.iterator()`): memory stays flat whatever the length.
    JSON says how many rows follow (`count`) before them."""
    if fmt == "json":
        response = StreamingHttpResponse(_json_lines(rows, count), content_type="application/json")
    else:
        response = StreamingHttpResponse(_csv_lines(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def _json_lines(rows: Iterable[dict], count: int):
    yield f'{{"count": {count}, "rows": ['
    for i, row in enumerate(rows):
        yield ("," if i else "") + "\n  " + json.dumps(row, cls=DjangoJSONEncoder)
    yield "\n]}\n"


def _csv_lines(rows: Iterable[dict]):
    writer = None
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(_Line(), fieldnames=list(row))
            yield writer.writeheader()
        yield writer.writerow(_csv_cells(row))
