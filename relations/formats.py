"""The same rows as a page shows, as CSV or JSON (`?format=csv`, `?format=json`)."""

import csv
import json
from collections.abc import Iterable

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse

FORMATS = ("csv", "json")
# A spreadsheet runs a cell starting with one of these as a formula (=HYPERLINK(…), +cmd|…).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
            writer.writerow({k: csv_cell(v) for k, v in row.items()})
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


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
