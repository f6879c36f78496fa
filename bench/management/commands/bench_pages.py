"""`manage.py bench_pages`: how fast the public pages answer, and what their SQL costs.

    python manage.py bench_pages                       # in-process: SQL count and time
    python manage.py bench_pages --url http://127.0.0.1:8001 --duration 20

For each benchmarked page it prints, measured in this process against the configured
database (run `generate_kb` first): the number of SQL queries and their total time on a
warm request, the time of a cold request (kept counts forgotten first: what the first
visitor after an edit waits) and the median time of warm requests, through Django's test
client. With --url it also loads the
page on a running server with wrk (concurrency 1 and 8, --duration seconds each) and prints
p50, p99, requests/s and errors. Last, EXPLAIN ANALYZE of the slowest query seen (cold or
warm).
"""

import re
import shutil
import statistics
import subprocess
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from relations import facet_cache, selectors
from relations.models import Meeting, Official

TARGETS_MS = {
    "meetings": 50,
    "meetings kind+country": 30,
    "meetings 2019": 30,
    "meetings 2019/07": 30,
    "officials q=hayashi": 15,
    "meeting page": 15,
    "official page": 15,
}


def pages() -> list[tuple[str, str]]:
    """The benchmarked pages, with ids and values chosen from the data (typical ones)."""
    top_country = (
        selectors.meetings()
        .values("countries__code")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    if top_country is None:
        raise CommandError("No meetings: run `manage.py generate_kb` first.")
    ids = selectors.meetings().filter(participations__isnull=False).order_by("pk")
    meeting = ids.values_list("pk", flat=True)[ids.count() // 2]
    people = selectors.officials().filter(participations__isnull=False).distinct().order_by("pk")
    official = people.values_list("pk", flat=True)[people.count() // 2]
    return [
        ("meetings", "/meetings/"),
        (
            "meetings kind+country",
            f"/meetings/?kind=bilateral_meeting&country={top_country['countries__code']}",
        ),
        ("meetings 2019", "/meetings/2019/"),
        ("meetings 2019/07", "/meetings/2019/07/"),
        ("officials q=hayashi", "/officials/?q=hayashi"),
        ("meeting page", f"/meeting/{meeting}/"),
        ("official page", f"/officials/{official}/"),
        *browsing_pages(top_country["countries__code"], meeting, official),
    ]


def browsing_pages(top_code: str, meeting: int, official: int) -> list[tuple[str, str]]:
    """The pages of issue 13: a pair and a year, agreements, the header search (a name as
    written and with a letter dropped), and a JSON twin."""
    tags = Meeting.countries.through.objects
    with_top = tags.filter(country__code=top_code).values("meeting_id")
    other = (
        tags.filter(meeting_id__in=with_top)
        .exclude(country__code=top_code)
        .values("country__code")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    pair = "-".join(sorted([top_code.lower(), other["country__code"].lower()]))
    name = Official.objects.get(pk=official).name.split()[-1]
    typo = name[0] + name[2:] if len(name) > 3 else name
    return [
        ("meetings pair+year", f"/meetings/?pair={pair}&year=2019"),
        ("agreements", "/agreements/"),
        ("search name", f"/search/?q={name}"),
        ("search typo", f"/search/?q={typo}"),
        ("meetings q=typo", f"/meetings/?q={typo}"),
        ("meeting json", f"/meeting/{meeting}/?format=json"),
    ]


WRK_LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def run_wrk(url: str, connections: int, duration: int) -> dict:
    out = subprocess.run(
        ["wrk", f"-t{min(connections, 2)}", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    latency = {p: float(v) * UNITS[u] for p, v, u in WRK_LATENCY.findall(out)}
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = int(non_2xx.group(1)) if non_2xx else 0
    errors += sum(int(x) for x in socket.groups()) if socket else 0
    return {
        "p50": latency.get("50", float("nan")),
        "p99": latency.get("99", float("nan")),
        "rps": float(rps.group(1)) if rps else 0.0,
        "errors": errors,
    }


class Command(BaseCommand):
    help = "Benchmark the public pages: SQL per page in-process, and latency with wrk."

    def add_arguments(self, parser):
        parser.add_argument("--url", help="Base URL of a running server to load with wrk.")
        parser.add_argument("--duration", type=int, default=20, help="Seconds per wrk run.")
        parser.add_argument(
            "--warmup",
            type=int,
            default=3,
            help="Seconds of load before each page is measured, at --workers connections, so "
            "that every server process has counted its facets once (see the cold column).",
        )
        parser.add_argument("--workers", type=int, default=3, help="Server processes.")
        parser.add_argument("--repeat", type=int, default=20, help="In-process requests/page.")

    def handle(self, *args, url, duration, warmup, workers, repeat, **options):
        chosen = pages()
        slowest = (0.0, "", "")
        self.stdout.write("In-process (Django test client, same database):")
        self.stdout.write(
            f"{'page':24} {'queries':>7} {'SQL ms':>7} {'cold ms':>8} {'warm ms':>8}  path"
        )
        for name, path in chosen:
            client = Client(HTTP_HOST="127.0.0.1")
            facet_cache.clear()
            with CaptureQueriesContext(connection) as cold_queries:
                started = time.perf_counter()
                client.get(path)
                cold = (time.perf_counter() - started) * 1000
            timings = []
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(path)
                    timings.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise CommandError(f"{path}: status {response.status_code}")
            sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
            for q in [*cold_queries.captured_queries, *queries.captured_queries]:
                if float(q["time"]) * 1000 > slowest[0]:
                    slowest = (float(q["time"]) * 1000, q["sql"], name)
            self.stdout.write(
                f"{name:24} {len(queries.captured_queries):>7} {sql_ms:>7.1f} {cold:>8.1f} "
                f"{statistics.median(timings):>8.1f}  {path}"
            )
        if url:
            self.load(url.rstrip("/"), chosen, duration, warmup, workers)
        self.explain(*slowest)

    def load(self, base: str, chosen, duration: int, warmup: int, workers: int) -> None:
        if not shutil.which("wrk"):
            raise CommandError("wrk is not installed (apt-get install wrk)")
        self.stdout.write(
            f"\nwrk against {base}, {duration} s per run, after {warmup} s of warm-up a page:"
        )
        self.stdout.write(
            f"{'page':24} {'c':>2} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>8} {'errors':>6} "
            f"{'target':>7}"
        )
        for name, path in chosen:
            if warmup:
                run_wrk(base + path, workers, warmup)
            for c in (1, 8):
                r = run_wrk(base + path, c, duration)
                target = TARGETS_MS.get(name)
                verdict = ""
                if c == 1 and target:
                    verdict = "met" if r["p50"] <= target else "MISSED"
                if not r["rps"]:
                    verdict = "no answer in time"
                self.stdout.write(
                    f"{name:24} {c:>2} {r['p50']:>8.1f} {r['p99']:>8.1f} {r['rps']:>8.1f} "
                    f"{r['errors']:>6} {target or '-':>4} ms {verdict}"
                )

    def explain(self, ms: float, sql: str, page: str) -> None:
        if not sql:
            return
        self.stdout.write(f"\nSlowest query ({ms:.1f} ms, on '{page}'):\n{sql}\n")
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            for (line,) in cursor.fetchall():
                self.stdout.write(line)
