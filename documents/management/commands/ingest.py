"""`manage.py ingest [PATH …]`: read documents, extract facts, write them with provenance."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from documents.models import Document
from documents.reader import document_paths
from documents.services import FileOutcome, IngestReport, ingest_paths, reextract_documents
from documents.tasks import enqueue_paths, new_batch, resume_stalled


class DryRun(Exception):
    """Raised to roll back everything a dry run wrote."""


class Command(BaseCommand):
    help = (
        "Ingest .txt, .md, .html and .pdf documents (files or folders; default: seeds/), with "
        "metadata from NAME.json or manifest.csv beside them. Idempotent: a file already "
        "stored is left as it is. --reextract re-runs extraction on stored documents; "
        "--enqueue hands each file to the task queue instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", default=["seeds"])
        parser.add_argument(
            "--reextract",
            action="store_true",
            help="Re-run extraction on every stored document (after the extractor improves).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change; write nothing."
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            metavar="N",
            help="Extract new documents in N worker processes (one per core helps most); "
            "writes stay in this process, in file order, so the result is the same as with "
            "one. Re-extraction (--reextract) runs in one process. Default: 1.",
        )

        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand each file to the task queue (one task per file) and return: "
            "`manage.py db_worker` processes ingest them (TASKS_BACKEND=database). With the "
            "default immediate backend each task runs as it is enqueued.",
        )

        parser.add_argument(
            "--resume",
            action="store_true",
            help="Queue again the files whose worker died while ingesting them (workers do "
            "it on their own on PostgreSQL; on SQLite: every file left running, so only "
            "while no worker runs).",
        )

    def handle(
        self,
        *args,
        paths,
        reextract,
        dry_run,
        verbosity,
        workers=1,
        enqueue=False,
        resume=False,
        **options,
    ):
        if resume:
            stalled = resume_stalled()
            self.stdout.write(f"{len(stalled)} stalled file(s) queued again")
            for job in stalled:
                self.stdout.write(f"queued     {job.file_name}")
            return
        if workers < 1:
            raise CommandError("--workers must be at least 1")
        if enqueue and (reextract or dry_run or workers > 1):
            raise CommandError("--enqueue goes alone: not with --reextract, --dry-run, --workers")

        bar = self._bar(paths, reextract) if verbosity >= 1 and self.stdout.isatty() else None

        def progress(outcome: FileOutcome) -> None:
            if verbosity < 1:
                return
            if bar is not None:  # in a terminal: the bar, and failures above it
                bar.update()
                if outcome.status == "failed":
                    bar.write(
                        self.style.ERROR(f"failed     {outcome.message}"), file=self.stderr._out
                    )
                return
            if outcome.status == "failed":
                self.stderr.write(self.style.ERROR(f"failed     {outcome.message}"))
                return
            line = f"{outcome.status:<11}{outcome.name}"
            if outcome.stats:
                made, merged = outcome.stats.created, outcome.stats.merged
                line += "  " + ", ".join(
                    f"{k} +{made[k]} new/{merged[k]} merged"
                    for k in ("officials", "meetings", "agreements")
                )
            elif outcome.message:
                line += f"  ({outcome.message})"
            self.stdout.write(line)

        def run() -> IngestReport:
            if enqueue:
                return _report(enqueue_paths(paths, batch=new_batch()), progress)
            if reextract:
                return reextract_documents(Document.objects.order_by("pk"), on_file=progress)
            return ingest_paths(paths, on_file=progress, workers=workers)

        if dry_run:
            try:
                with transaction.atomic():
                    report = run()
                    raise DryRun
            except DryRun:
                self.stdout.write("dry run: nothing was written")
        else:
            report = run()  # one transaction per document
        if bar is not None:
            bar.close()
        if verbosity >= 1:
            self._summary(report)
        if report.failed:
            raise CommandError(f"{report.failed} file(s) could not be ingested (see above)")

    def _bar(self, paths, reextract: bool) -> tqdm:
        """A progress bar with rate and time left, for a person watching a terminal."""
        total = (
            Document.objects.count()
            if reextract
            else sum(1 for item in document_paths(paths) if isinstance(item, Path))
        )
        return tqdm(total=total, unit="file", file=self.stdout._out, dynamic_ncols=True)

    def _summary(self, report: IngestReport) -> None:
        s = report.stats
        self.stdout.write(
            self.style.SUCCESS(
                (f"{report.count('queued')} queued; " if report.count("queued") else "")
                + f"documents: {report.count('new')} new, {report.count('unchanged')} unchanged, "
                f"{report.count('reextracted')} re-extracted, {report.failed} failed; "
                + "; ".join(
                    f"{k}: {s.created[k]} created, {s.merged[k]} merged, {s.removed[k]} removed"
                    for k in ("officials", "meetings", "agreements")
                )
            )
        )


def _report(outcomes, on_file) -> IngestReport:
    report = IngestReport()
    for outcome in outcomes:
        report.outcomes.append(outcome)
        on_file(outcome)
    return report
