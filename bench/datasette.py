"""The app's pages against their nearest Datasette equivalents on the same rows.

The equivalents (those of issue 15's side-by-side review) are not the same work:
Datasette shows 100 rows where the app shows 25, counts its facets again on every request
and suggests more, cannot facet across a many-to-many link (so it has only column facets),
and lists the hidden rows too. Filters through a link table are written as `_where`:
Datasette 0.65's `_through` combined with a column filter names both parameters `p0` and
shows no rows.
"""

import math
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from urllib.parse import quote, urlencode

from relations.models import Country

SETTINGS = ("--setting", "sql_time_limit_ms", "5000", "--setting", "facet_time_limit_ms", "2000")
LIST_FACETS = [("_facet", "year"), ("_facet", "kind"), ("_facet", "location")]
YEAR = 2019


def _tagged(country_id: int) -> str:
    return f"id in (select meeting_id from meeting_countries where country_id = {country_id})"


def equivalents(picks: dict, database: str) -> dict[str, str]:
    """Datasette's path for each app page that has one, by the app page's name; `picks` are
    bench_pages' (the same ids: the export keeps them)."""
    codes = [picks["top_code"], *picks["pair"].upper().split("-")]
    ids = dict(Country.objects.filter(code__in=codes).values_list("code", "id"))
    first, second = (ids[code] for code in picks["pair"].upper().split("-"))
    newest = [("_sort_desc", "start_date")]
    queries = {
        "meetings": [*LIST_FACETS, *newest],
        "meetings kind+country": [
            ("kind", "bilateral_meeting"),
            ("_where", _tagged(ids[picks["top_code"]])),
            *LIST_FACETS,
            *newest,
        ],
        "meetings 2019": [
            ("year", YEAR),
            ("_facet", "month"),
            ("_facet", "kind"),
            ("_sort", "start_date"),
        ],
        "meetings 2019/07": [
            ("year", YEAR),
            ("month", 7),
            ("_facet", "kind"),
            ("_sort", "start_date"),
        ],
        "country pair": [
            ("_where", f"{_tagged(first)} and {_tagged(second)}"),
            ("_facet", "year"),
            ("_facet", "kind"),
            ("_sort", "start_date"),
        ],
    }
    paths = {
        name: f"/{database}/meetings?{urlencode(query, quote_via=quote)}"
        for name, query in queries.items()
    }
    return {
        **paths,
        "officials q=hayashi": f"/{database}/officials?_search=hayashi&_facet=country_id",
        "meeting page": f"/{database}/meetings/{picks['meeting']}",
        "official page": f"/{database}/officials/{picks['official']}",
        "agreements": f"/{database}/agreements?_facet=kind&_facet=status&_sort_desc=date",
    }


def _figure(rows: list[dict], page: str, c: int, key: str, *, unkept: bool = False) -> float:
    found = [
        r[key]
        for r in rows
        if r["page"] == page and r["c"] == c and r.get("unkept", False) == unkept
    ]
    return found[0] if found else math.nan


def _ratio(a: float, b: float) -> float:
    return a / b if b and a and not math.isnan(a) and not math.isnan(b) else math.nan


def ratios(app_wrk: list[dict], datasette_wrk: list[dict]) -> list[dict]:
    """Per page measured on both: p50 at concurrency 1 and req/s at 8, and app / Datasette
    for each (below 1 for p50, above 1 for req/s: the app is faster). The app's figures
    twice: its page asked for again (read back whole when kept: relations.kept_pages) and
    at a new address each time (rendered, as Datasette renders every request)."""
    rows = []
    for page in dict.fromkeys(r["page"] for r in datasette_wrk):
        ds_p50, ds_rps = (
            _figure(datasette_wrk, page, 1, "p50"),
            _figure(datasette_wrk, page, 8, "rps"),
        )
        row = {"page": page, "ds_p50": ds_p50, "ds_rps_c8": ds_rps}
        for prefix, unkept in (("app", False), ("new", True)):
            p50 = _figure(app_wrk, page, 1, "p50", unkept=unkept)
            rps = _figure(app_wrk, page, 8, "rps", unkept=unkept)
            row |= {
                f"{prefix}_p50": p50,
                f"{prefix}_p50_ratio": _ratio(p50, ds_p50),
                f"{prefix}_rps_c8": rps,
                f"{prefix}_rps_ratio": _ratio(rps, ds_rps),
            }
        rows.append(row)
    return rows


def ratio_table(rows: list[dict]) -> list[str]:
    """The ratios as lines of a Markdown table ("again": the same address asked for again;
    "new": a new address each request)."""
    lines = [
        "| page | DS p50 ms | app p50 ms again / new | app/DS p50 again / new | "
        "DS req/s c=8 | app req/s c=8 again / new | app/DS req/s again / new |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        figures = [
            _shown(r["ds_p50"], 1),
            f"{_shown(r['app_p50'], 1)} / {_shown(r['new_p50'], 1)}",
            f"{_shown(r['app_p50_ratio'], 2)} / {_shown(r['new_p50_ratio'], 2)}",
            _shown(r["ds_rps_c8"], 1),
            f"{_shown(r['app_rps_c8'], 1)} / {_shown(r['new_rps_c8'], 1)}",
            f"{_shown(r['app_rps_ratio'], 2)} / {_shown(r['new_rps_ratio'], 2)}",
        ]
        lines.append(f"| {r['page']} | {' | '.join(figures)} |")
    return lines


def _shown(value: float, digits: int) -> str:
    """A figure, or "-" where no request finished within the run."""
    return "-" if math.isnan(value) else f"{value:.{digits}f}"


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def serving(datasette: str, sqlite_path: str, port: int, *, log, wait_s: float = 60):
    """Datasette serving `sqlite_path` on 127.0.0.1:`port` while the block runs; yields its
    process (stopped by its pid afterwards)."""
    process = subprocess.Popen(
        [datasette, "serve", sqlite_path, "-h", "127.0.0.1", "-p", str(port), *SETTINGS],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + wait_s
        while not answers(f"http://127.0.0.1:{port}/-/versions.json"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Datasette did not start on port {port} (see its log)")
            time.sleep(0.3)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
