"""`manage.py bench_queue`: how ingestion through the task queue scales with workers.

For each number of workers (default 1 and 2) it makes a fresh PostgreSQL database on the
server of `--database-url`, migrates it, enqueues a synthetic corpus (varied copies of the
seeds, bench.corpus) with `ingest --enqueue`, then starts that many
`db_worker --batch` processes and times them until all have exited (the queue is empty).
It prints, per run: documents done, wall seconds, documents per second, and the speed-up
over one worker. Each worker loads the language model (a few seconds) inside the timing,
as a real worker would. The databases are dropped afterwards.

    python manage.py bench_queue --documents 1000 --workers 1,2 \\
        --database-url postgres://postgres@127.0.0.1:5432/postgres
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bench.corpus import build_corpus


class Command(BaseCommand):
    help = "Time ingestion through the task queue with 1, 2 … workers on PostgreSQL."

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, default=200)
        parser.add_argument("--workers", default="1,2", help="Comma-separated worker counts.")
        parser.add_argument(
            "--database-url",
            default=os.environ.get("DATABASE_URL", ""),
            help="A PostgreSQL server (any database on it): the runs make their own.",
        )

    def handle(self, *args, documents, workers, database_url, **options):
        if not database_url.startswith(("postgres://", "postgresql://")):
            raise CommandError("--database-url must be a PostgreSQL address (postgres://…)")
        counts = [int(n) for n in workers.split(",") if n.strip()]
        server = database_url.rsplit("/", 1)[0]
        root = Path(settings.BASE_DIR)
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            build_corpus(root / "seeds", corpus, documents)
            self.stdout.write(f"corpus: {documents} documents; workers: {counts}")
            self.stdout.write(f"{'workers':>7} {'done':>6} {'failed':>6} {'seconds':>8} "
                              f"{'docs/s':>7} {'speed-up':>8}")  # fmt: skip
            first = None
            for n in counts:
                name = f"bench_queue_{os.getpid()}_{n}"
                with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
                    admin.execute(f'CREATE DATABASE "{name}"')
                try:
                    seconds, done, failed = self._run(root, corpus, f"{server}/{name}", n)
                finally:
                    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
                        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                first = first or seconds
                self.stdout.write(
                    f"{n:>7} {done:>6} {failed:>6} {seconds:>8.1f} {done / seconds:>7.2f} "
                    f"{first / seconds:>7.2f}x"
                )

    def _run(self, root: Path, corpus: Path, url: str, workers: int) -> tuple[float, int, int]:
        env = {**os.environ, "DATABASE_URL": url, "TASKS_BACKEND": "database"}
        manage = [sys.executable, str(root / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
        subprocess.run([*manage, "ingest", str(corpus), "--enqueue", "-v0"], env=env, check=True)
        start = time.perf_counter()
        procs = [
            subprocess.Popen(
                [*manage, "db_worker", "--batch", "--no-reload", "--no-startup-delay", "-v0"],
                env=env,
                stdout=subprocess.DEVNULL,
            )
            for _ in range(workers)
        ]
        for proc in procs:
            proc.wait()
        seconds = time.perf_counter() - start
        with psycopg.connect(url) as conn:
            rows = dict(
                conn.execute(
                    "SELECT state, count(*) FROM documents_ingestion GROUP BY state"
                ).fetchall()
            )
        return seconds, rows.get("done", 0), rows.get("failed", 0)
