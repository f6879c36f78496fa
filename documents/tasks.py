"""Ingestion as tasks (django.tasks): one task per file, its bytes kept in an `Ingestion`
row so that any worker sharing the database can ingest it.

With the default ImmediateBackend a task runs as it is enqueued, in the same process: nothing
changes for `make run`. With django_tasks_db's DatabaseBackend (TASKS_BACKEND=database, see
docs/operations.md) `manage.py ingest --enqueue` and an upload return at once and
`manage.py db_worker` processes, on any number of machines, do the work.

A file's task is idempotent and never runs twice at once: a worker takes the Ingestion row
by moving it from queued (or failed) to running in one UPDATE, which only one worker can do;
a second run of a done row does nothing, and the same text is stored once (the documents'
unique SHA-256), so running a task again after a crash gives the same knowledge base.

A file whose worker died (SIGKILL, out of memory, a lost machine) is taken back by the queue
on its own (PostgreSQL): the worker running a file holds a session lock named after its row
(`pg_advisory_lock`) from before the row says "running" until after it says "done" or
"failed", and the database lets go of it when the worker's connection closes. Every worker
(`manage.py db_worker`, documents.management.commands.db_worker) queues again, when it
starts, after each task, and every RECOVER_EVERY seconds while idle, the running rows whose
lock nobody holds (`resume_stalled`). On SQLite nothing tells a dead worker from a live one:
`manage.py ingest --resume`, while no worker runs.
"""

import datetime as dt
import random
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.tasks import task, task_backends
from django.tasks.backends.immediate import ImmediateBackend
from django.utils import timezone

from documents.models import Ingestion, IngestionState
from documents.reader import (
    UnreadableDocument,
    document_paths,
    given_metadata,
    read_file_bytes,
    read_upload,
)
from documents.services import FileOutcome, UploadOutcome, store_source
from documents.source_meta import SourceMeta

# Tries of a file that failed for a reason that may pass (a deadlock between two workers).
ATTEMPTS = 3


def runs_in_background() -> bool:
    """Whether enqueued tasks wait for a worker (else they run as they are enqueued)."""
    return not isinstance(task_backends[ingest_queued.backend], ImmediateBackend)


def new_batch() -> str:
    return uuid.uuid4().hex


@task
def ingest_queued(ingestion_id: int) -> str:
    """Ingest one queued file; returns its outcome ("new", "unchanged", "failed", or
    "skipped" when the row was done or taken by another worker)."""
    return run_ingestion(ingestion_id)


def run_ingestion(ingestion_id: int) -> str:
    if not _hold(ingestion_id):  # a live worker runs it
        return "skipped"
    try:
        return _run_held(ingestion_id)
    finally:
        _let_go(ingestion_id)


def _run_held(ingestion_id: int) -> str:
    taken = Ingestion.objects.filter(
        pk=ingestion_id, state__in=[IngestionState.QUEUED, IngestionState.FAILED]
    ).update(state=IngestionState.RUNNING, started_at=timezone.now(), message="")
    if not taken:
        return "skipped"
    job = Ingestion.objects.defer("data").get(pk=ingestion_id)
    try:
        for attempt in range(1, ATTEMPTS + 1):
            # The document and the row's "done" are committed together (a crash is told
            # from a run by the session lock around all this: _hold, resume_stalled).
            with transaction.atomic():
                job = Ingestion.objects.select_for_update().get(pk=ingestion_id)
                outcome = _ingest(job)
                if not outcome.transient or attempt == ATTEMPTS:
                    _finish(job, outcome)
                    return outcome.status
            # Two workers writing the same officials can deadlock; PostgreSQL rolls one
            # back, which tries again a moment later.
            time.sleep(random.uniform(0.1, 0.5) * attempt)
    except Exception as exc:  # a crash of the pipeline: recorded, then the task fails
        _finish(job, UploadOutcome(job.file_name, "failed", f"{job.file_name}: {exc!r}"))
        raise
    return outcome.status


# The first key of the session locks of files being ingested (pg_advisory_lock(key, id)),
# apart from any other advisory lock: "In" "g" in ASCII.
LOCK_SPACE = 0x496E67
# Seconds between two looks for stalled files of an idle worker.
RECOVER_EVERY = 5.0


def _locks() -> bool:
    return connection.vendor == "postgresql"


def _hold(ingestion_id: int) -> bool:
    """Take the file's session lock (PostgreSQL; elsewhere always true): false when a live
    worker holds it."""
    if not _locks():
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_SPACE, ingestion_id])
        return cursor.fetchone()[0]


def _let_go(ingestion_id: int) -> None:
    if _locks() and connection.is_usable():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_SPACE, ingestion_id])


def resume_stalled(*, only_provable: bool = False) -> list[Ingestion]:
    """Queue again the files whose worker died while ingesting them: rows left running whose
    session lock no worker holds (PostgreSQL; the test and the update are made under that
    lock, in one transaction, so a live run is never taken for a crash). On SQLite rows are
    not locked, so every running row counts as stalled: resume there only when no worker runs
    (`ingest --resume`); `only_provable` (the workers' own look) then queues nothing."""
    if not _locks():
        if only_provable:
            return []
        running = list(Ingestion.objects.filter(state=IngestionState.RUNNING).defer("data"))
        Ingestion.objects.filter(pk__in=[j.pk for j in running]).update(state=IngestionState.QUEUED)
        stalled = running
    else:
        stalled = []
        for job in Ingestion.objects.filter(state=IngestionState.RUNNING).defer("data"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", [LOCK_SPACE, job.pk])
                if not cursor.fetchone()[0]:
                    continue  # its worker is alive
                if Ingestion.objects.filter(pk=job.pk, state=IngestionState.RUNNING).update(
                    state=IngestionState.QUEUED
                ):
                    stalled.append(job)
    for job in stalled:
        _send(job)
    return stalled


def _ingest(job: Ingestion) -> UploadOutcome:
    try:
        source = read_upload(
            bytes(job.data), name=job.file_name, max_bytes=settings.BILATERAL_MAX_DOCUMENT_BYTES
        )
    except UnreadableDocument as exc:
        return UploadOutcome(job.file_name, "failed", str(exc))
    source = replace(source, meta=SourceMeta.from_json(job.given_metadata).over(source.meta))
    editor = job.editor_metadata or {}
    published = editor.get("published_on")
    return store_source(
        source,
        title=editor.get("title") or None,
        published_on=dt.date.fromisoformat(published) if published else None,
    )


def _finish(job: Ingestion, outcome: UploadOutcome) -> None:
    done = outcome.status in ("new", "unchanged")
    fields = {
        "state": IngestionState.DONE if done else IngestionState.FAILED,
        "outcome": outcome.status,
        "message": outcome.message,
        "document": outcome.document,
        "finished_at": timezone.now(),
    }
    if done:
        fields["data"] = b""  # the text is stored in the document now
    Ingestion.objects.filter(pk=job.pk).update(**fields)


def enqueue(
    *,
    name: str,
    data: bytes,
    batch: str,
    given: SourceMeta | None = None,
    editor: dict | None = None,
) -> Ingestion:
    """Keep a file's bytes and metadata for a worker, and enqueue its task (which, with the
    immediate backend, runs now)."""
    job = Ingestion.objects.create(
        batch=batch,
        file_name=name,
        data=data,
        given_metadata=(given or SourceMeta()).as_json(),
        editor_metadata=editor or {},
    )
    _send(job)
    job.refresh_from_db()
    return job


def _send(job: Ingestion) -> None:
    result = ingest_queued.enqueue(job.pk)
    Ingestion.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])


def enqueue_paths(paths: Iterable[str | Path], *, batch: str) -> Iterator[FileOutcome]:
    """Enqueue every document under `paths`: "queued" for each file handed to the queue,
    "failed" for one that cannot be (unreadable, bad metadata beside it)."""
    for item in document_paths(paths):
        if isinstance(item, UnreadableDocument):
            yield FileOutcome(str(item).split(":")[0], "failed", str(item))
            continue
        try:
            data = read_file_bytes(item, max_bytes=settings.BILATERAL_MAX_DOCUMENT_BYTES)
            given = given_metadata(item)
        except UnreadableDocument as exc:
            yield FileOutcome(item.name, "failed", str(exc))
            continue
        job = enqueue(name=item.name, data=data, batch=batch, given=given)
        if job.state == IngestionState.QUEUED:
            yield FileOutcome(item.name, "queued", "waiting for a worker")
        else:  # run as it was enqueued (the immediate backend)
            yield FileOutcome(item.name, job.outcome or "failed", job.message)
