"""Extraction on documents unlike the seeds: other country pairs, publishers and styles.

tests/data/samples holds a Vietnam-Thailand news wire, a Korea-Cambodia newspaper story, a
Japanese ministry readout and a think-tank analysis on Japan and the Philippines; the gold
file says what a careful reader finds in them.
"""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from documents.extraction.scoring import evaluate
from relations.export import build_export

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.django_db
def test_documents_from_other_relationships_are_read_as_well():
    call_command("ingest", str(DATA / "samples"), verbosity=0)
    gold = json.loads((DATA / "samples_gold.json").read_text(encoding="utf-8"))
    report = evaluate(gold, build_export())
    details = "\n".join(report.missed + report.extra)
    assert report.officials.f1 >= 0.9, details
    assert report.meetings.f1 >= 0.75, details
    assert report.agreements.f1 >= 0.75, details
    assert report.metadata_accuracy >= 0.85, details
