"""`manage.py bench_ingest`: how fast ingestion runs, on one core and on several.

Builds a synthetic corpus from the seed documents (`bench.corpus`: dates shifted,
paragraphs reordered, amounts varied, every file distinct), then for one process and for
`--workers N` worker processes (default 2) runs the real ingestion
(`documents.services.ingest_paths`) over it into an empty database, and extraction alone
(no database) over the first `--extract-documents` files. It prints one table: wall
seconds, documents/s, words/s by wall time and by CPU time (all processes together, so
the figure means what one core does even when other programs share the machine), and the
peak resident memory of the ingesting process and its worker processes together.

By default nothing touches your database: each ingestion runs in a subprocess with
DATABASE_URL pointing at a fresh throw-away SQLite file in a temporary folder, migrated,
measured and deleted. `--current-database` measures one ingestion (with `--workers`
processes) against the database the settings configure instead (e.g. PostgreSQL); since
that writes real rows, it refuses a database that already holds documents unless `--force`.

    python manage.py bench_ingest --documents 1000
    python manage.py bench_ingest --documents 200 --workers 1 --keep /tmp/corpus --seed 7
    DATABASE_URL=postgres://… python manage.py bench_ingest --current-database --workers 2
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.test.utils import override_settings

from bench.corpus import CorpusStats, build_corpus
from bench.measure import Measure, own_peak_rss_mib
from documents.extraction import extract
from documents.extraction.nlp import load_pipeline
from documents.extraction.pool import ExtractionPool
from documents.models import Document
from documents.reader import READERS
from documents.services import FileOutcome, IngestReport, ingest_paths

FACTS = ("officials", "meetings", "agreements")


@dataclass
class Row:
    """One measured run: what ran, with how many processes, over what, and its figures."""

    phase: str  # "ingest" or "extract"
    workers: int
    documents: int
    words: int
    wall: float
    cpu: float
    peak_rss_mib: float
    failed: int = 0
    summary: str = ""


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.iterdir() if p.suffix.lower() in READERS and p.is_file())


def count_words(paths: list[Path]) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in paths)


class Command(BaseCommand):
    help = (
        "Benchmark ingestion on a synthetic corpus grown from the seed documents, in one "
        "process and in --workers N processes: wall and CPU time, documents/s, words/s, "
        "peak memory (worker processes included), and extraction alone for comparison. "
        "Runs in throw-away SQLite databases unless --current-database is given."
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
            "--workers",
            type=int,
            default=2,
            metavar="N",
            help="Also measure ingestion with N worker processes (`ingest --workers N`) "
            "beside one process; 1 measures one process only (default: 2). With "
            "--current-database: the number of processes of the one ingestion measured.",
        )
        parser.add_argument(
            "--extract-documents",
            type=int,
            default=200,
            metavar="N",
            help="Measure extraction alone (no database) over the first N documents of the "
            "corpus, in the same numbers of processes (default: 200; 0 skips it).",
        )
        parser.add_argument(
            "--keep",
            type=Path,
            metavar="DIR",
            help="Write the corpus to DIR (new or empty) and keep it; default: a temporary "
            "folder, deleted afterwards.",
        )
        parser.add_argument(
            "--corpus",
            type=Path,
            metavar="DIR",
            help="Measure on the documents already in DIR (e.g. one kept with --keep) "
            "instead of generating a corpus.",
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
        parser.add_argument("--result-file", type=Path, help=argparse.SUPPRESS)

    def handle(self, *args, **options):
        documents, workers = options["documents"], options["workers"]
        if documents < 1:
            raise CommandError("--documents must be at least 1")
        if workers < 1:
            raise CommandError("--workers must be at least 1")
        if options["extract_documents"] < 0:
            raise CommandError("--extract-documents must not be negative")
        keep, corpus = options["keep"], options["corpus"]
        if corpus:
            corpus = corpus.resolve()
            if not corpus.is_dir() or not corpus_files(corpus):
                raise CommandError(f"{corpus}: no folder of .txt, .md or .html documents")
        if keep:
            keep = keep.resolve()
            if keep.exists() and (not keep.is_dir() or any(keep.iterdir())):
                raise CommandError(f"{keep}: --keep needs a new or empty folder")
        seeds = options["seeds"].resolve()
        if not corpus and not seeds.is_dir():
            raise CommandError(f"{seeds}: no such folder of seed documents")
        if options["current_database"]:
            self.check_database(options["force"])
        if corpus:
            self.bench_corpus(corpus, options)
        elif keep:
            self.build(seeds, keep, options)
            self.bench_corpus(keep, options)
        else:
            with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp:
                self.build(seeds, Path(tmp), options)
                self.bench_corpus(Path(tmp), options)

    def build(self, seeds: Path, corpus: Path, options) -> CorpusStats:
        started = Measure()
        with started:
            stats = build_corpus(seeds, corpus, options["documents"], seed=options["seed"])
        self.stdout.write(
            f"corpus: {stats.documents} documents, {stats.words:,} words, "
            f"{stats.bytes / 1e6:.1f} MB from {seeds} (seed {options['seed']}), built in "
            f"{started.wall:.1f} s in {corpus}"
        )
        return stats

    def check_database(self, force: bool) -> None:
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

    # ---------------------------------------------------------------- running
    def bench_corpus(self, corpus: Path, options) -> None:
        workers = options["workers"]
        if options["current_database"]:
            rows = self.measure(corpus, workers, options)
        else:
            rows = []
            for count in sorted({1, workers}):
                rows += self.measure_in_throwaway_database(corpus, count, options)
        if options["result_file"]:
            options["result_file"].write_text(json.dumps([asdict(r) for r in rows]))
            return
        self.report(rows)

    def measure_in_throwaway_database(self, corpus: Path, workers: int, options) -> list[Row]:
        """Migrate a fresh SQLite file, then run this command against it; read its rows."""
        with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
            database, result = Path(tmp) / "bench.sqlite3", Path(tmp) / "rows.json"
            env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "PYTHONUNBUFFERED": "1"}
            manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
            self.stdout.write(f"{workers} process(es): throw-away database {database}")
            self._run([*manage, "migrate", "--no-input", "--verbosity", "0"], env)
            self._run(
                [
                    *manage,
                    "bench_ingest",
                    "--current-database",
                    f"--corpus={corpus}",
                    f"--workers={workers}",
                    f"--extract-documents={options['extract_documents']}",
                    f"--result-file={result}",
                    f"--verbosity={options['verbosity']}",
                    "--no-color",
                ],
                env,
            )
            return [Row(**row) for row in json.loads(result.read_text())]

    def _run(self, command: list[str], env: dict[str, str]) -> None:
        """Run `command`, passing its output on line by line; its errors go to stderr."""
        with subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE, text=True
        ) as process:
            for line in process.stdout:
                self.stdout.write(line, ending="")
        if process.returncode:
            raise CommandError(f"`{' '.join(command[1:3])}` failed (exit {process.returncode})")

    def measure(self, corpus: Path, workers: int, options) -> list[Row]:
        """Ingest the corpus into the configured database with `workers` processes, then
        extract its first documents alone, in as many processes."""
        verbosity = options["verbosity"]
        files = corpus_files(corpus)
        words = count_words(files)
        if workers == 1:  # with workers, this process never loads the model
            load_pipeline()
            extract("Warm-up: the model is loaded before anything is timed.")

        done = 0

        def progress(outcome: FileOutcome) -> None:
            nonlocal done
            done += 1
            if outcome.status == "failed":
                self.stderr.write(self.style.ERROR(f"failed  {outcome.message}"))
            elif verbosity >= 2:
                self.stdout.write(f"{outcome.status:<10}{outcome.name}")
            if verbosity >= 1 and done % 250 == 0 and done < len(files):
                self.stdout.write(f"  {workers} process(es): ingested {done}/{len(files)}")

        # DEBUG would make Django keep every query it runs; production ingestion does not.
        with override_settings(DEBUG=False), Measure() as ingest:
            report = ingest_paths([corpus], on_file=progress, workers=workers)
        rows = [
            Row(
                "ingest",
                workers,
                len(report.outcomes),
                words,
                ingest.wall,
                ingest.cpu,
                ingest.peak_rss_mib,
                failed=report.failed,
                summary=self.summary(report),
            )
        ]
        sample = files[: options["extract_documents"]]
        if sample:
            with Measure() as alone, ExtractionPool(workers) as pool:
                for _, result in pool.in_order(sample, lambda p: p.read_text(encoding="utf-8")):
                    if isinstance(result, BaseException):
                        raise CommandError(f"extraction failed: {result}")
            rows.append(
                Row(
                    "extract",
                    workers,
                    len(sample),
                    count_words(sample),
                    alone.wall,
                    alone.cpu,
                    alone.peak_rss_mib,
                )
            )
        if verbosity >= 1:
            self.stdout.write(
                f"  {workers} process(es): done (own peak {own_peak_rss_mib():,.0f} MiB)"
            )
        return rows

    # ---------------------------------------------------------------- report
    @staticmethod
    def summary(report: IngestReport) -> str:
        s = report.stats
        return (
            f"documents: {report.count('new')} new, {report.count('unchanged')} unchanged, "
            f"{report.failed} failed; "
            + "; ".join(f"{k}: {s.created[k]} created, {s.merged[k]} merged" for k in FACTS)
        )

    def report(self, rows: list[Row]) -> None:
        labels = {"ingest": "ingest (extract + database)", "extract": "extraction only (no db)"}
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        self.stdout.write("")
        self.stdout.write(
            f"{'phase':<28}{'procs':>6}{'docs':>6}{'wall s':>8}{'docs/s':>8}{'words/s':>9}"
            f"{'CPU s':>8}{'words/CPU s':>12}{'peak MiB':>10}"
        )
        for row in sorted(rows, key=lambda r: (r.phase != "ingest", r.workers)):
            self.stdout.write(
                f"{labels[row.phase]:<28}{row.workers:>6}{row.documents:>6}{row.wall:>8.1f}"
                f"{row.documents / row.wall:>8.2f}{row.words / row.wall:>9,.0f}{row.cpu:>8.1f}"
                f"{row.words / row.cpu:>12,.0f}{row.peak_rss_mib:>10,.0f}"
            )
        self.stdout.write(
            "words/s = words / wall seconds; words/CPU s = words / CPU seconds of all the "
            "processes (what one core does, even on a busy machine); peak MiB = resident "
            "memory of the ingesting process and its workers together. Times exclude loading "
            "the model in the main process; with workers they include starting them. "
            f"Load average at the end: {load} on {os.cpu_count()} cores."
        )
        ingests = [r for r in rows if r.phase == "ingest"]
        for row in ingests:
            self.stdout.write(f"{row.workers} process(es): {row.summary}")
        failed = sum(r.failed for r in ingests)
        if failed:
            raise CommandError(f"{failed} document(s) could not be ingested (see above)")
        for row in ingests:
            self.stdout.write(
                self.style.SUCCESS(
                    f"ingested {row.documents} documents with {row.workers} process(es) in "
                    f"{row.wall:.1f} s: {row.documents / row.wall:.2f} documents/s, "
                    f"{row.words / row.wall:,.0f} words/s ({row.words / row.cpu:,.0f} per CPU "
                    f"second), peak {row.peak_rss_mib:,.0f} MiB"
                )
            )
