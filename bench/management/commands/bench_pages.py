"""`manage.py bench_pages`: how fast the public pages answer, and what their SQL costs.

    python manage.py bench_pages                       # in-process: SQL count and time
    python manage.py bench_pages --url http://127.0.0.1:8001 --duration 20 \\
        --server-pid 1234 --access-log access.log --json-out pages.json

For each benchmarked page it prints, measured in this process against the configured
database (run `generate_kb` first): the number of SQL queries and their total time on a
request rendered with its counts kept, the time of a cold request (kept counts forgotten
first), the median time of rendered requests (what a page not kept whole costs, and the
first visitor after another process's write) and of warm ones (a list page read back
whole, relations.kept_pages), through Django's test client. With --url it also loads the
page on a running server with wrk (concurrency 1 and 8, --duration seconds each) and
prints p50, p99, requests/s and errors. With --access-log (the server's, in
bench.workers.ACCESS_LOG_FORMAT) it measures the first request after a write in each
worker (bench.after_write: it saves a title and undoes it); with --server-pid, the
workers' memory after the load and after --pairs pair pages. Last, EXPLAIN ANALYZE of the
slowest query seen (cold or warm). --json-out keeps every figure.
"""

import json
import os
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from urllib.parse import quote

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from bench import after_write, wrk
from bench.management.commands.bench_pair import busiest_pairs
from bench.workers import AccessLog, children, workers_memory
from relations import facet_cache, selectors
from relations.models import Meeting, Official

# p50 at concurrency 1 (issue 15 for the pair, search and detail pages; the lists' older).
TARGETS_MS = {
    "home": 50,
    "meetings": 50,
    "meetings kind+country": 30,
    "meetings 2019": 30,
    "meetings 2019/07": 30,
    "officials q=hayashi": 25,
    "meeting page": 10,
    "official page": 10,
    "country pair": 100,
}
# p99 at concurrency 8 on every list page (issue 15).
LIST_P99_GOAL_MS = 300
LIST_PATHS = ("/meetings/", "/agreements/", "/officials/?", "/search/")
# wrk runs a page: (concurrency, each request at a new address, so rendered: bench.wrk).
RUNS = ((1, False), (8, False), (1, True), (8, True))
# The lists a write makes every worker count again: the first request after a write.
AFTER_WRITE_PAGES = ("meetings", "meetings kind+country")
AFTER_WRITE_GOAL_MS = 100
WORKER_MEMORY_GOAL_MIB = 200


@dataclass(frozen=True)
class Picks:
    """The values the pages are benchmarked with, chosen from the data (typical ones): the
    country most meetings are tagged with, the pair it shares most meetings with (the
    busiest pair), a meeting and an official from the middle of those who took part."""

    top_code: str
    pair: str
    meeting: int
    official: int


def pick() -> Picks:
    top_country = (
        selectors.meetings()
        .values("countries__code")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    if top_country is None:
        raise CommandError("No meetings: run `manage.py generate_kb` first.")
    top_code = top_country["countries__code"]
    ids = selectors.meetings().filter(participations__isnull=False).order_by("pk")
    meeting = ids.values_list("pk", flat=True)[ids.count() // 2]
    people = selectors.officials().filter(participations__isnull=False).distinct().order_by("pk")
    official = people.values_list("pk", flat=True)[people.count() // 2]
    tags = Meeting.countries.through.objects
    other = (
        tags.filter(meeting_id__in=tags.filter(country__code=top_code).values("meeting_id"))
        .exclude(country__code=top_code)
        .values("country__code")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    pair = "-".join(sorted([top_code.lower(), other["country__code"].lower()]))
    return Picks(top_code=top_code, pair=pair, meeting=meeting, official=official)


def pages(picks: Picks | None = None) -> list[tuple[str, str]]:
    """The benchmarked pages: (name, path)."""
    picks = picks or pick()
    return [
        ("home", "/"),
        ("meetings", "/meetings/"),
        ("meetings kind+country", f"/meetings/?kind=bilateral_meeting&country={picks.top_code}"),
        ("meetings 2019", "/meetings/2019/"),
        ("meetings 2019/07", "/meetings/2019/07/"),
        ("officials q=hayashi", "/officials/?q=hayashi"),
        ("meeting page", f"/meeting/{picks.meeting}/"),
        ("official page", f"/officials/{picks.official}/"),
        ("country pair", f"/countries/{picks.pair}/"),
        *browsing_pages(picks),
    ]


def browsing_pages(picks: Picks) -> list[tuple[str, str]]:
    """The pages of issue 13: a pair and a year, agreements, the header search (a name as
    written and with a letter dropped), and a JSON twin."""
    family = Official.objects.get(pk=picks.official).name.split()[-1]
    name = quote(family)  # as a browser sends it (wrk needs ASCII)
    typo = quote(family[0] + family[2:] if len(family) > 3 else family)
    return [
        ("meetings pair+year", f"/meetings/?pair={picks.pair}&year=2019"),
        ("agreements", "/agreements/"),
        ("search name", f"/search/?q={name}"),
        ("search typo", f"/search/?q={typo}"),
        ("meetings q=typo", f"/meetings/?q={typo}"),
        ("meeting json", f"/meeting/{picks.meeting}/?format=json"),
    ]


def verdict(name: str, path: str, c: int, figures: dict) -> str:
    """The goal a run answers: p50 at c=1 against the page's target, p99 at c=8 on a list."""
    if not figures["rps"]:
        return "no answer in time"
    if c == 1 and name in TARGETS_MS:
        target = TARGETS_MS[name]
        return f"p50 <= {target}: " + ("met" if figures["p50"] <= target else "MISSED")
    if c == 8 and path.startswith(LIST_PATHS):
        met = figures["p99"] <= LIST_P99_GOAL_MS
        return f"p99 <= {LIST_P99_GOAL_MS}: " + ("met" if met else "MISSED")
    return ""


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
        parser.add_argument(
            "--server-pid",
            type=int,
            help="The gunicorn master's pid: its children's memory is read from /proc.",
        )
        parser.add_argument(
            "--access-log",
            help="The server's access log, written in bench.workers.ACCESS_LOG_FORMAT: with "
            "it, the first request after a write is measured in each worker (the bench "
            "writes to the database and undoes it).",
        )
        parser.add_argument(
            "--pairs", type=int, default=100, help="Pair pages visited before memory is read."
        )
        parser.add_argument("--json-out", help="Write every result to this JSON file.")

    def handle(self, *args, url, duration, warmup, workers, repeat, **options):
        picks = pick()
        chosen = pages(picks)
        self.results = {
            "started": datetime.now(UTC).isoformat(timespec="seconds"),
            "load_average": os.getloadavg(),
            "database": connection.settings_dict["NAME"],
            "picks": asdict(picks),
            "pages": [{"page": name, "path": path} for name, path in chosen],
        }
        slowest = self.in_process(chosen, repeat)
        if url:
            base = url.rstrip("/")
            self.load(base, chosen, duration, warmup, workers)
            if options["access_log"]:
                self.after_write(base, dict(chosen), picks, options, workers)
            if options["server_pid"]:
                self.memory(base, options["server_pid"], options["pairs"], workers)
        self.explain(*slowest)
        self.results["load_average_end"] = os.getloadavg()
        if options["json_out"]:
            Path(options["json_out"]).write_text(json.dumps(self.results, indent=1) + "\n")
            self.stdout.write(f"\nResults written to {options['json_out']}")

    def in_process(self, chosen, repeat: int) -> tuple[float, str, str]:
        """Per page: the time of a cold request; the SQL count and time and the median time
        of a request rendered with the counts kept (a page not kept whole, or the first
        after a write); the median time of a warm request (a list page is then read back
        whole: relations.kept_pages). The slowest query seen."""
        slowest = (0.0, "", "")
        rows = self.results["in_process"] = []
        self.stdout.write("In-process (Django test client, same database):")
        self.stdout.write(
            f"{'page':24} {'queries':>7} {'SQL ms':>7} {'cold ms':>8} {'render ms':>9} "
            f"{'warm ms':>8}  path"
        )
        for name, path in chosen:
            client = Client(HTTP_HOST="127.0.0.1")
            facet_cache.clear()
            with CaptureQueriesContext(connection) as cold_queries:
                started = time.perf_counter()
                client.get(path)
                cold = (time.perf_counter() - started) * 1000
            with override_settings(KEPT_PAGES=False):
                rendered, queries = self.timed(client, path, repeat)
            warm, _ = self.timed(client, path, repeat)
            sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
            for q in [*cold_queries.captured_queries, *queries.captured_queries]:
                if float(q["time"]) * 1000 > slowest[0]:
                    slowest = (float(q["time"]) * 1000, q["sql"], name)
            row = {
                "page": name,
                "path": path,
                "queries": len(queries.captured_queries),
                "sql_ms": sql_ms,
                "cold_ms": cold,
                "render_ms": rendered,
                "warm_ms": warm,
            }
            rows.append(row)
            self.stdout.write(
                f"{name:24} {row['queries']:>7} {sql_ms:>7.1f} {cold:>8.1f} {rendered:>9.1f} "
                f"{warm:>8.1f}  {path}"
            )
        return slowest

    @staticmethod
    def timed(client, path: str, repeat: int):
        """The median time of `repeat` requests, and the queries of the last one."""
        timings = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(path)
                timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise CommandError(f"{path}: status {response.status_code}")
        return statistics.median(timings), queries

    def load(self, base: str, chosen, duration: int, warmup: int, workers: int) -> None:
        rows = self.results["wrk"] = []
        self.stdout.write(
            f"\nwrk against {base}, {duration} s per run, after {warmup} s of warm-up a page "
            f"(load average {os.getloadavg()[0]:.2f}):"
        )
        self.stdout.write(
            f"{'page':24} {'c':>2} {'asked':>5} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>8} "
            f"{'errors':>6} {'first ms':>8}"
        )
        for name, path in chosen:
            # One request alone first: it counts what the workers share (however long that
            # takes), so the warm-up does not stop while every worker is still counting.
            first = timed_get(base, path)
            if warmup:
                wrk.run(base + path, workers, warmup)
            for c, unkept in RUNS:
                r = wrk.run(base + path, c, duration, unkept=unkept)
                row = {"page": name, "path": path, "c": c, "unkept": unkept, "first_ms": first}
                rows.append(row | r)
                self.stdout.write(
                    f"{name:24} {c:>2} {'new' if unkept else 'again':>5} {r['p50']:>8.1f} "
                    f"{r['p99']:>8.1f} {r['rps']:>8.1f} {r['errors']:>6} {first:>8.0f} "
                    f"{verdict(name, path, c, r)}"
                )

    def after_write(self, base: str, paths: dict, picks: Picks, options, workers: int) -> None:
        """The first request after a write in each worker, on the lists that count."""
        log = AccessLog(options["access_log"])
        pids = children(options["server_pid"]) if options["server_pid"] else []
        rows = self.results["after_write"] = []
        self.stdout.write(
            f"\nFirst request after a write, per worker (one title saved through the ORM, "
            f"then undone; goal <= {AFTER_WRITE_GOAL_MS} ms extra in every worker; "
            f"load average {os.getloadavg()[0]:.2f}):"
        )
        self.stdout.write(
            f"{'page':24} {'worker':>7} {'warm ms':>8} {'first ms':>9} {'extra ms':>9} "
            f"{'max ms':>7} {'n':>3}"
        )
        for name in AFTER_WRITE_PAGES:
            per_worker = after_write.measure(
                base + paths[name],
                meeting_id=picks.meeting,
                log=log,
                workers=pids,
                requests=4 * workers,
            )
            for w in per_worker:
                rows.append({"page": name, "path": paths[name], **w})
                warm = "-" if w["warm_median_ms"] is None else f"{w['warm_median_ms']:.1f}"
                extra = "-" if w["extra_ms"] is None else f"{w['extra_ms']:.1f}"
                self.stdout.write(
                    f"{name:24} {w['pid']:>7} {warm:>8} {w['first_ms']:>9.1f} {extra:>9} "
                    f"{w['after_max_ms']:>7.1f} {w['after_requests']:>3}"
                )
            missing = set(pids) - {w["pid"] for w in per_worker}
            if missing:
                self.stdout.write(f"  not reached after the write: workers {sorted(missing)}")
        extras = [w["extra_ms"] for w in rows if w["extra_ms"] is not None]
        if extras:
            verdict = "met" if max(extras) <= AFTER_WRITE_GOAL_MS else "MISSED"
            self.stdout.write(f"worst extra {max(extras):.1f} ms: {verdict}")

    def memory(self, base: str, server_pid: int, pair_count: int, workers: int) -> None:
        """Peak worker memory after the load, then after pair pages of many pairs."""
        after_load = workers_memory(server_pid)
        slugs = busiest_pairs(pair_count)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            times = list(pool.map(partial(timed_get, base), [f"/countries/{s}/" for s in slugs]))
        after_pairs = workers_memory(server_pid)
        self.results["memory"] = {
            "after_load": after_load,
            "after_pairs": after_pairs,
            "pairs": {
                "count": len(slugs),
                "p50_ms": statistics.median(times),
                "max_ms": max(times),
            },
        }
        self.stdout.write(
            f"\nWorker memory (VmRSS now / VmHWM peak, MiB; goal <= {WORKER_MEMORY_GOAL_MIB} "
            f"MiB after {len(slugs)} pair pages; load average {os.getloadavg()[0]:.2f}):"
        )
        for label, rows in (("after the load", after_load), ("after the pairs", after_pairs)):
            each = ", ".join(f"{r['pid']}: {r['rss']:.0f}/{r['hwm']:.0f}" for r in rows)
            self.stdout.write(f"{label:16} {each}")
        self.stdout.write(
            f"{len(slugs)} pair pages of different pairs ({workers} at a time): p50 "
            f"{statistics.median(times):.0f} ms, max {max(times):.0f} ms"
        )
        peak = max(r["hwm"] for r in after_pairs)
        verdict = "met" if peak <= WORKER_MEMORY_GOAL_MIB else "MISSED"
        self.stdout.write(f"peak worker memory {peak:.0f} MiB: {verdict}")

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


def timed_get(base: str, path: str) -> float:
    """Milliseconds one request took, seen from the client (a new connection)."""
    started = time.perf_counter()
    after_write.get(base + path)
    return (time.perf_counter() - started) * 1000
