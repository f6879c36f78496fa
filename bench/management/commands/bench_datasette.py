"""`manage.py bench_datasette`: the same pages on Datasette, on an SQLite copy of the rows.

    python manage.py bench_datasette --app-results app.json --duration 20

Exports the configured database to SQLite (bench.datasette_export: every row with its id,
foreign keys, indexes, FTS5 on official names), starts Datasette on it (its own virtual
environment, .venv-datasette, from requirements/datasette.txt; scripts/bench makes it),
loads each page's Datasette equivalent (bench.datasette) with wrk at concurrency 1 and 8
for --duration seconds, stops it, and prints app / Datasette per page: p50 at c=1 and
requests/s at c=8. The app's figures are read from the JSON `bench_pages --json-out`
wrote, whose picks (the country, pair, meeting and official) the equivalents use.
"""

import json
import os
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench import datasette, datasette_export, wrk
from bench.after_write import get
from bench.workers import memory_mib


class Command(BaseCommand):
    help = "Load the pages' Datasette equivalents on an SQLite copy; print app / Datasette."

    def add_arguments(self, parser):
        parser.add_argument(
            "--app-results", required=True, help="JSON written by bench_pages --json-out."
        )
        parser.add_argument("--duration", type=int, default=20, help="Seconds per wrk run.")
        parser.add_argument(
            "--sqlite",
            help="The SQLite file to write (default: kb.sqlite in a temporary directory, "
            "removed afterwards). Its name without suffix is Datasette's database name.",
        )
        parser.add_argument("--port", type=int, default=8702, help="Datasette's port.")
        parser.add_argument(
            "--datasette",
            default=".venv-datasette/bin/datasette",
            help="The datasette program (pinned in requirements/datasette.txt).",
        )
        parser.add_argument("--json-out", help="Write Datasette's figures to this JSON file.")

    def handle(self, *args, app_results, duration, port, **options):
        if not Path(options["datasette"]).exists():
            raise CommandError(
                f"{options['datasette']} is missing: scripts/bench --compare-datasette makes "
                "it (python -m venv .venv-datasette; pip install -r requirements/datasette.txt)"
            )
        app = json.loads(Path(app_results).read_text())
        if "wrk" not in app:
            raise CommandError(f"{app_results} has no wrk figures: bench_pages ran without --url")
        with tempfile.TemporaryDirectory() as scratch:
            sqlite_path = Path(options["sqlite"] or Path(scratch) / "kb.sqlite")
            self.export(sqlite_path)
            paths = datasette.equivalents(app["picks"], sqlite_path.stem)
            measured = self.load(options["datasette"], sqlite_path, port, paths, duration)
        rows = datasette.ratios(app["wrk"], measured["wrk"])
        self.stdout.write(
            "\nApp / Datasette (p50 at c=1: below 1 the app is faster; req/s at c=8: above 1 "
            "the app is faster):"
        )
        for line in datasette.ratio_table(rows):
            self.stdout.write(line)
        if options["json_out"]:
            measured["ratios"] = rows
            Path(options["json_out"]).write_text(json.dumps(measured, indent=1) + "\n")

    def export(self, sqlite_path: Path) -> None:
        started = time.perf_counter()
        counts = datasette_export.export(sqlite_path)
        size = sqlite_path.stat().st_size / 1024**2
        self.stdout.write(
            f"Exported {connection.settings_dict['NAME']} to {sqlite_path} in "
            f"{time.perf_counter() - started:.1f} s ({size:.0f} MiB): "
            + ", ".join(f"{table} {n:,}" for table, n in counts.items())
        )

    def load(self, program: str, sqlite_path: Path, port: int, paths: dict, duration: int):
        base = f"http://127.0.0.1:{port}"
        rows = []
        log_path = sqlite_path.with_suffix(".datasette.log")
        with (
            log_path.open("w") as log,
            datasette.serving(program, str(sqlite_path), port, log=log) as server,
        ):
            self.stdout.write(
                f"\nDatasette (pid {server.pid}) on {base}, wrk {duration} s per run "
                f"(load average {os.getloadavg()[0]:.2f}):"
            )
            self.stdout.write(
                f"{'page':24} {'c':>2} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>8} {'errors':>6}"
            )
            for name, path in paths.items():
                first = self.timed(base + path)  # fills SQLite's page cache
                for c in (1, 8):
                    r = wrk.run(base + path, c, duration)
                    rows.append({"page": name, "path": path, "c": c, **r})
                    self.stdout.write(
                        f"{name:24} {c:>2} {r['p50']:>8.1f} {r['p99']:>8.1f} {r['rps']:>8.1f} "
                        f"{r['errors']:>6}  first {first:.0f} ms"
                    )
            memory = memory_mib(server.pid)
        self.stdout.write(
            f"Datasette memory: VmRSS {memory['rss']:.0f} MiB, peak VmHWM {memory['hwm']:.0f} MiB"
        )
        return {"datasette": base, "pages": paths, "wrk": rows, "memory": memory}

    def timed(self, url: str) -> float:
        started = time.perf_counter()
        if get(url) != 200:
            raise CommandError(f"{url} did not answer 200")
        return (time.perf_counter() - started) * 1000
