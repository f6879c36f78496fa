"""Two documents naming the same officials, written at once, do not deadlock (issue 18).

Seen with two queue workers on PostgreSQL (`manage.py bench_queue`): one document names
official A then B, another B then A; each writer locked the official it was writing, so
each ended up holding the row the other waited for, and PostgreSQL killed one of them.
`apply_extraction` now locks the officials it already knows lowest key first, before it
writes any. Here the two writes really overlap, each on its own connection: each stops
just after locking its first official until the other has locked its own or is waiting.

Runs against PostgreSQL only; on SQLite a write holds the whole database's lock.
"""

import threading
import time

from django.db import connections, transaction

from documents.extraction.candidates import DocumentMeta, Extraction, OfficialCandidate, Span
from documents.models import Document, Evidence
from relations.models import Official
from relations.services import apply_extraction
from tests.postgresql import racing_on_postgresql
from tests.relations.test_lost_update import someone_waits_for_a_lock

pytestmark = racing_on_postgresql("on SQLite two writes cannot overlap")

NAMES = ("Alma Verant", "Tobin Quell")


def extraction(text: str, names: tuple[str, ...]) -> Extraction:
    officials = []
    for key, name in enumerate(names):
        start = text.index(name)
        officials.append(
            OfficialCandidate(
                key=key,
                name=name,
                titles=[(f"Minister of Trade {text[:8]}", None)],  # a change to write
                evidence=[Span(start, start + len(name), name)],
            )
        )
    meta = DocumentMeta(
        title=text[:20], publisher=None, byline=None, published_on=None, kind="other"
    )
    return Extraction(text, meta, officials=officials, meetings=[], agreements=[])


def document(text: str) -> Document:
    return Document.objects.create(
        file_name=f"{text[:6]}.txt", sha256=text[:6] * 10, title=text, text=text
    )


def test_two_documents_naming_the_same_officials_in_opposite_orders_both_write(monkeypatch):
    for name in NAMES:
        Official.objects.create(name=name)
    first_text = f"Note 1. {NAMES[0]} met {NAMES[1]}."
    second_text = f"Note 2. {NAMES[1]} met {NAMES[0]}."
    jobs = [
        (document(first_text), extraction(first_text, NAMES)),
        (document(second_text), extraction(second_text, NAMES[::-1])),
    ]

    import relations.writing.officials as writing

    real_locked = writing.locked
    arrived: list[str] = []
    both_arrived = threading.Event()
    errors: list[Exception] = []

    def locked_then_wait(fact):
        row = real_locked(fact)
        me = threading.current_thread().name
        if me.startswith("writer") and me not in arrived:
            arrived.append(me)
            if len(arrived) == 2:
                both_arrived.set()
            deadline = time.monotonic() + 30
            while not both_arrived.is_set() and time.monotonic() < deadline:
                if someone_waits_for_a_lock():  # the other writer, waiting for this one
                    break
                time.sleep(0.05)
        return row

    def write(doc, ext):
        try:
            with transaction.atomic():
                apply_extraction(document=doc, extraction=ext, version="test")
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            connections.close_all()

    monkeypatch.setattr(writing, "locked", locked_then_wait)
    threads = [
        threading.Thread(target=write, args=job, name=f"writer-{i}") for i, job in enumerate(jobs)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert sorted(arrived) == ["writer-0", "writer-1"]  # each locked an official it knew
    assert Official.objects.count() == 2
    for official in Official.objects.all():
        assert Evidence.objects.filter(official=official).count() == 2  # one per document
