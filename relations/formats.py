"""The same rows as a page shows, as CSV or JSON (`?format=csv`, `?format=json`)."""

import csv
import json
from collections.abc import Iterable

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, StreamingHttpResponse

FORMATS = ("csv", "json")


def requested_format(request) -> str | None:
    value = request.GET.get("format")
    return value if value in FORMATS else None


def rows_response(rows: Iterable[dict], *, fmt: str, name: str) -> HttpResponse:
    rows = list(rows)
    if fmt == "json":
        response = HttpResponse(
            json.dumps({"count": len(rows), "rows": rows}, cls=DjangoJSONEncoder, indent=2),
            content_type="application/json",
        )
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        columns = list(rows[0]) if rows else []
        writer = csv.DictWriter(response, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()}
            )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


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
    return {k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()}


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
