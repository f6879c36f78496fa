"""Extraction on the dev corpus: 41 real documents from 29 country pairs, 1979-2026.

Nobody tuned a rule to one of these files (rules name classes of texts, never a person,
place or phrase of one document); the floors below are what a fresh ingest must keep.
The gold conventions are in tests/data/corpus/README.md; `make evaluate` prints the table
and `scripts/evaluate` with DETAILS=1 lists every miss and the error classes.
"""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from documents.extraction.scoring import evaluate
from documents.extraction.scoring_report import error_class_lines
from relations.export import build_export

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


@pytest.mark.django_db
def test_a_fresh_ingest_of_the_corpus_meets_the_floors():
    call_command("ingest", str(CORPUS / "docs"), verbosity=0)
    gold = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))
    report = evaluate(gold, build_export())
    details = "\n".join(
        [report.score_line, *error_class_lines(report), *report.missed, *report.extra]
    )
    assert report.overall >= 0.85, details
    assert report.officials.f1 >= 0.90, details
    assert report.meetings.f1 >= 0.75, details
    assert report.agreements.f1 >= 0.80, details
    assert report.metadata_accuracy >= 0.85, details
