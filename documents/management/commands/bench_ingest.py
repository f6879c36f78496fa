"""`manage.py bench_ingest`: how fast ingestion runs, and where its time goes.

Builds a synthetic corpus from the seed documents (`documents.bench_corpus`: dates shifted,
paragraphs reordered, amounts varied, every file distinct), runs the real ingestion
(`documents.services.ingest_paths`) over it and prints wall time, documents/s, words/s and
the peak resident memory of the ingesting process, then runs extraction alone over the same
texts (no database) to show how much of the time is spaCy and how much is the database.

By default nothing touches your database: the command re-runs itself in a subprocess with
DATABASE_URL pointing at a throw-away SQLite file in a temporary folder, migrates it,
measures there and deletes it. `--current-database` measures against the database the
settings configure instead (e.g. PostgreSQL); since that writes real rows, it refuses a
database that already holds documents unless `--force` is given.

    python manage.py bench_ingest --documents 1000
    python manage.py bench_ingest --documents 200 --keep /tmp/corpus --seed 7
    DATABASE_URL=postgres://… python manage.py bench_ingest --current-database
"""

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.test.utils import override_settings

from documents.bench_corpus import CorpusStats, build_corpus
from documents.extraction import extract
from documents.extraction.nlp import load_pipeline
from documents.models import Document
from documents.reader import READERS
from documents.services import FileOutcome, IngestReport, ingest_paths

FACTS = ("officials", "meetings", "agreements")


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024**2 if sys.platform == "darwin" else peak / 1024  # bytes / KiB


class Command(BaseCommand):
    help = (
        "Benchmark ingestion on a synthetic corpus grown from the seed documents: wall time, "
        "documents/s, words/s, peak memory, and extraction-only throughput for comparison. "
        "Runs in a throw-away SQLite database unless --current-database is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--documents",
            type=int,
            default=1000,
            metavar="N",
            help="How many documents the corpus holds (default: 1000).",
        )
        parser.add_argument(
            "--keep",
            type=Path,
            metavar="DIR",
            help="Write the corpus to DIR (new or empty) and keep it; default: a temporary "
            "folder, deleted afterwards.",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=1,
            metavar="S",
            help="Random seed for the corpus; the same seed gives the same files (default: 1).",
        )
        parser.add_argument(
            "--seeds",
            type=Path,
            default=Path(settings.BASE_DIR) / "seeds",
            metavar="DIR",
            help="Folder of seed documents to vary (default: seeds/).",
        )
        parser.add_argument(
            "--current-database",
            action="store_true",
            help="Ingest into the database the settings configure (DATABASE_URL) instead of "
            "a throw-away SQLite one. It must hold no documents, unless --force.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="With --current-database: run even if the database already holds documents "
            "(the corpus's rows are added to them).",
        )

    def handle(self, *args, documents, keep, seed, seeds, current_database, force, **options):
        if documents < 1:
            raise CommandError("--documents must be at least 1")
        seeds = seeds.resolve()
        if not seeds.is_dir():
            raise CommandError(f"{seeds}: no such folder of seed documents")
        if keep:
            keep = keep.resolve()
            if keep.exists() and (not keep.is_dir() or any(keep.iterdir())):
                raise CommandError(f"{keep}: --keep needs a new or empty folder")
        if current_database:
            self.bench(documents, keep, seed, seeds, force, options["verbosity"])
        else:
            self.bench_in_throwaway_database(documents, keep, seed, seeds, options)

    def bench_in_throwaway_database(self, documents, keep, seed, seeds, options) -> None:
        """Migrate a fresh SQLite file, then run this command again against it."""
        with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
            database = Path(tmp) / "bench.sqlite3"
            env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "PYTHONUNBUFFERED": "1"}
            manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
            self.stdout.write(f"throw-away database: {database}")
            self._run([*manage, "migrate", "--no-input", "--verbosity", "0"], env)
            command = [
                *manage,
                "bench_ingest",
                "--current-database",
                f"--documents={documents}",
                f"--seed={seed}",
                f"--seeds={seeds}",
                f"--verbosity={options['verbosity']}",
            ]
            if keep:
                command.append(f"--keep={keep}")
            if options.get("no_color"):
                command.append("--no-color")
            elif options.get("force_color") or self.stdout.isatty():
                command.append("--force-color")
            self._run(command, env)

    def _run(self, command: list[str], env: dict[str, str]) -> None:
        """Run `command`, passing its output on line by line; its errors go to stderr."""
        with subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE, text=True
        ) as process:
            for line in process.stdout:
                self.stdout.write(line, ending="")
        if process.returncode:
            raise CommandError(f"`{' '.join(command[1:3])}` failed (exit {process.returncode})")

    def bench(self, documents, keep, seed, seeds, force, verbosity) -> None:
        """Build the corpus, ingest it into the configured database, then extract alone."""
        try:
            existing = Document.objects.count()
        except DatabaseError as exc:
            raise CommandError(
                f"the database is not ready ({exc}); run `manage.py migrate` first"
            ) from exc
        if existing and not force:
            raise CommandError(
                f"the database already holds {existing} document(s) and bench_ingest writes "
                "real rows: run it on an empty database, without --current-database for a "
                "throw-away one, or with --force"
            )
        name = connection.settings_dict["NAME"]
        self.stdout.write(f"database: {connection.vendor} {name} ({existing} documents before)")
        if keep:
            self.run_bench(keep, documents, seed, seeds, verbosity)
        else:
            with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp:
                self.run_bench(Path(tmp), documents, seed, seeds, verbosity)

    def run_bench(self, corpus: Path, documents, seed, seeds, verbosity) -> None:
        started = time.perf_counter()
        stats = build_corpus(seeds, corpus, documents, seed=seed)
        built = time.perf_counter() - started
        self.stdout.write(
            f"corpus: {stats.documents} documents, {stats.words:,} words, "
            f"{stats.bytes / 1e6:.1f} MB from {seeds} (seed {seed}), built in {built:.1f} s "
            f"in {corpus}"
        )

        started = time.perf_counter()
        load_pipeline()
        extract("Warm-up: the model is loaded before anything is timed.")
        loaded = time.perf_counter() - started
        rss_loaded = peak_rss_mib()

        done = 0

        def progress(outcome: FileOutcome) -> None:
            nonlocal done
            done += 1
            if outcome.status == "failed":
                self.stderr.write(self.style.ERROR(f"failed  {outcome.message}"))
            elif verbosity >= 2:
                self.stdout.write(f"{outcome.status:<10}{outcome.name}")
            if verbosity >= 1 and done % 100 == 0 and done < stats.documents:
                elapsed = time.perf_counter() - started
                self.stdout.write(f"  ingested {done}/{stats.documents} in {elapsed:.0f} s")

        # DEBUG would make Django keep every query it runs; production ingestion does not.
        with override_settings(DEBUG=False):
            started = time.perf_counter()
            report = ingest_paths([corpus], on_file=progress)
            ingest_time = time.perf_counter() - started
        rss_ingest = peak_rss_mib()

        texts = [
            p.read_text(encoding="utf-8")
            for p in sorted(corpus.iterdir())
            if p.suffix.lower() in READERS
        ]
        started = time.perf_counter()
        for text in texts:
            extract(text)
        extract_time = time.perf_counter() - started
        rss_extract = peak_rss_mib()

        self.report(stats, report, loaded, ingest_time, extract_time)
        self.stdout.write(
            f"peak memory (RSS): {rss_ingest:,.0f} MiB during ingestion "
            f"({rss_loaded:,.0f} MiB once the model was loaded; "
            f"{rss_extract:,.0f} MiB after extraction only)"
        )
        if report.failed:
            raise CommandError(f"{report.failed} document(s) could not be ingested (see above)")
        self.stdout.write(
            self.style.SUCCESS(
                f"ingested {len(report.outcomes)} documents in {ingest_time:.1f} s: "
                f"{len(report.outcomes) / ingest_time:.2f} documents/s, "
                f"{stats.words / ingest_time:,.0f} words/s, peak {rss_ingest:,.0f} MiB"
            )
        )

    def report(
        self,
        stats: CorpusStats,
        report: IngestReport,
        loaded: float,
        ingest_time: float,
        extract_time: float,
    ) -> None:
        files = len(report.outcomes)
        rows = [
            ("ingest (extract + database)", ingest_time, files),
            ("extraction only (no database)", extract_time, stats.documents),
        ]
        self.stdout.write("")
        self.stdout.write(f"{'phase':<30}{'wall s':>9}{'docs/s':>9}{'words/s':>10}{'ms/doc':>9}")
        for label, seconds, count in rows:
            self.stdout.write(
                f"{label:<30}{seconds:>9.1f}{count / seconds:>9.2f}"
                f"{stats.words / seconds:>10,.0f}{1000 * seconds / max(count, 1):>9.1f}"
            )
        share = max(ingest_time - extract_time, 0) / ingest_time
        self.stdout.write(
            f"model load {loaded:.1f} s (not counted); time beyond extraction "
            f"(reading, hashing, database): {share:.0%} of the ingest"
        )
        s = report.stats
        self.stdout.write(
            f"documents: {report.count('new')} new, {report.count('unchanged')} unchanged, "
            f"{report.failed} failed; "
            + "; ".join(f"{k}: {s.created[k]} created, {s.merged[k]} merged" for k in FACTS)
        )
        self.stdout.write("")
