"""The same document ingested twice at the same moment (two `ingest` runs, or an upload
while `ingest` runs) is stored once: the unique SHA-256 of its bytes decides, and the loser's
whole transaction — its facts included — rolls back and it reports "unchanged".

Runs against PostgreSQL only (CI's second pass): two threads, each with its own database
connection, both past the "already stored?" check before either writes. SQLite serialises
writers (the second one gets "database table is locked" instead of meeting the constraint),
so there the race this test is about cannot happen.
"""

import threading

import pytest
from django.db import connections
from django.db.models import Count

import documents.services
from documents.models import Document, Evidence
from documents.services import ingest_file, ingest_upload
from relations.models import Official
from tests.conftest import _extract_once
from tests.postgresql import racing_on_postgresql

pytestmark = racing_on_postgresql(
    "SQLite serialises writers, so two ingestions cannot race on the unique constraint"
)

SEED = "004_84d835c23551d7b1.txt"


def race(*ingestions):
    """Run the ingestions at once; extraction waits until all have passed the duplicate
    check, so every one of them goes on to write."""
    barrier = threading.Barrier(len(ingestions), timeout=30)

    def extract_together(text, **options):
        extraction = _extract_once(text, **options)
        barrier.wait()
        return extraction

    outcomes = [None] * len(ingestions)
    errors = []

    def run(index, ingestion):
        try:
            outcomes[index] = ingestion()
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            connections.close_all()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(documents.services, "extract", extract_together)
        threads = [
            threading.Thread(target=run, args=(i, ingestion))
            for i, ingestion in enumerate(ingestions)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    assert errors == []
    return outcomes


def duplicated_officials() -> list[str]:
    return list(
        Official.objects.values("name_key")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("name_key", flat=True)
    )


def test_two_ingest_runs_of_one_file_at_once_store_it_once(seeds_dir):
    path = seeds_dir / SEED
    _extract_once(path.read_text(encoding="utf-8"))  # the slow part once, before the race

    outcomes = race(lambda: ingest_file(path), lambda: ingest_file(path))

    assert sorted((o.status, o.message) for o in outcomes) == [
        ("new", ""),
        ("unchanged", "already ingested"),
    ]
    assert list(Document.objects.values_list("file_name", flat=True)) == [SEED]
    assert Official.objects.exists()
    assert duplicated_officials() == []  # the loser's facts went with its transaction
    document = Document.objects.get()
    assert Evidence.objects.exclude(document=document).count() == 0


def test_an_upload_racing_ingest_of_the_same_bytes_is_told_it_is_already_there(seeds_dir):
    path = seeds_dir / SEED
    data = path.read_bytes()
    _extract_once(path.read_text(encoding="utf-8"))

    from_disk, uploaded = race(
        lambda: ingest_file(path), lambda: ingest_upload(name="same.txt", data=data)
    )

    assert sorted([from_disk.status, uploaded.status]) == ["new", "unchanged"]
    assert Document.objects.count() == 1
    if uploaded.status == "unchanged":
        assert uploaded.document == Document.objects.get()
        assert uploaded.message.startswith("same.txt: already ingested, as “")
    assert duplicated_officials() == []
