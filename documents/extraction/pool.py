"""Extraction in worker processes, results handed back in the order the texts came in.

`ExtractionPool(workers)` starts `workers` processes (spawn: a clean interpreter each, no
copy of the parent's database connection), each loading spaCy once; `in_order(jobs)` sends
every job's text out and yields `(job, result)` in the jobs' order, where result is the
`Extraction` or the exception extraction raised. Only a few texts per worker are in flight
at a time, so memory stays flat however long the stream of documents.

With `workers=1` nothing is started: extraction runs in this process, one text after the
other, exactly as without a pool.

`map(function, items)` runs any importable function over items in the workers, in order:
the sections of one long document (`documents.extraction.sections`).
"""

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from typing import TypeVar

from documents.extraction.candidates import Extraction
from documents.extraction.parent_watch import exit_with_parent

Job = TypeVar("Job")
IN_FLIGHT_PER_WORKER = 4


def _start_worker() -> None:
    """Runs once in each worker process: the model, loaded once (the pipeline needs no Django)."""
    from documents.extraction.nlp import load_pipeline

    exit_with_parent()
    load_pipeline()


def _extract(text: str) -> Extraction:
    from documents.extraction import extract

    return extract(text)


class ExtractionPool:
    def __init__(self, workers: int = 1):
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> "ExtractionPool":
        if self.workers > 1:
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "relations.settings")
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=get_context("spawn"),
                initializer=_start_worker,
            )
            # Start every worker now (they load the model while this process reads the
            # text), not at the first jobs: a pool starts its processes on demand.
            for _ in range(self.workers):
                self._executor.submit(os.getpid)
        return self

    def __exit__(self, *exc_info) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def in_order(
        self,
        jobs: Iterable[Job],
        text_of: Callable[[Job], str | None],
        extract: Callable[[str], Extraction] | None = None,
    ) -> Iterator[tuple[Job, Extraction | BaseException | None]]:
        """`(job, extraction or exception)` for every job, in order; a job whose text is
        None (nothing to extract) comes back with None. `extract` is what runs in this
        process when there are no workers (default: `documents.extraction.extract`)."""
        if self._executor is None:
            extract = extract or _extract
            for job in jobs:
                text = text_of(job)
                if text is None:
                    yield job, None
                    continue
                try:
                    yield job, extract(text)
                except Exception as exc:  # noqa: BLE001 - reported per document by the caller
                    yield job, exc
            return
        pending: deque[tuple[Job, Future | None]] = deque()
        limit = self.workers * IN_FLIGHT_PER_WORKER
        for job in jobs:
            text = text_of(job)
            pending.append((job, None if text is None else self._executor.submit(_extract, text)))
            if len(pending) >= limit:
                yield self._result(*pending.popleft())
        while pending:
            yield self._result(*pending.popleft())

    def map(self, function: Callable, items: Iterable) -> list:
        """`[function(item) for item in items]`, in the items' order, read by the workers
        (in this process when there are none). `function` must be importable by name."""
        if self._executor is None:
            return [function(item) for item in items]
        return list(self._executor.map(function, items))

    @staticmethod
    def _result(job: Job, future: Future | None) -> tuple[Job, Extraction | BaseException | None]:
        if future is None:
            return job, None
        try:
            return job, future.result()
        except Exception as exc:  # noqa: BLE001 - reported per document by the caller
            return job, exc
