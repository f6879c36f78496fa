"""`ingest --workers N`: extraction in worker processes, the same knowledge base as one."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

import documents.services
from relations.export import build_export

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


class _Rollback(Exception):
    pass


def _canonical(export: dict) -> dict:
    """The export with database ids replaced by each fact's rank among its kind, so two
    runs compare equal when they wrote the same facts in the same order."""
    ranks = {
        kind: {row["id"]: i for i, row in enumerate(sorted(export[kind], key=lambda r: r["id"]))}
        for kind in ("officials", "meetings", "agreements")
    }
    officials, meetings = ranks["officials"], ranks["meetings"]
    for kind in ranks:
        for row in export[kind]:
            row["id"] = ranks[kind][row["id"]]
    for row in export["meetings"]:
        row["participants"] = [officials[pk] for pk in row["participants"]]
        row["parent"] = meetings.get(row["parent"])
    for row in export["agreements"]:
        row["signatories"] = [officials[pk] for pk in row["signatories"]]
        row["meeting"] = meetings.get(row["meeting"])
    export.pop("exported_at", None)
    return export


def _ingest_and_export(*paths: Path, workers: int) -> dict:
    """What `ingest --workers N` makes of the paths, undone afterwards."""
    try:
        with transaction.atomic():
            call_command("ingest", *map(str, paths), workers=workers, verbosity=0)
            export = _canonical(build_export())
            raise _Rollback
    except _Rollback:
        return export


@pytest.mark.django_db(transaction=False)
def test_two_workers_build_the_same_knowledge_base_as_one(seeds_dir, monkeypatch):
    one = _ingest_and_export(seeds_dir, SAMPLES, workers=1)

    def not_here(*args, **kwargs):
        raise AssertionError("with --workers 2, extraction runs in the worker processes")

    # Extraction in this process would now fail every document: the run below only
    # succeeds if the workers did the extracting.
    monkeypatch.setattr(documents.services, "extract", not_here)
    two = _ingest_and_export(seeds_dir, SAMPLES, workers=2)

    assert len(one["documents"]) == 9
    assert one["officials"] and one["meetings"] and one["agreements"]
    for kind in ("documents", "officials", "meetings", "agreements"):
        assert two[kind] == one[kind], kind


def test_workers_must_be_at_least_one(run_ingest, seeds_dir):
    _, _, error = run_ingest(str(seeds_dir), workers=0)
    assert error == "--workers must be at least 1"
