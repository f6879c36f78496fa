"""The extraction quality we promise on the seed documents, scored by our own evaluator."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from documents.extraction.scoring import evaluate
from relations.export import build_export

GOLD = Path(__file__).resolve().parents[1] / "data" / "seeds_gold.json"


@pytest.mark.django_db
def test_a_fresh_ingest_of_the_seeds_meets_the_quality_bar(seeds_dir):
    call_command("ingest", str(seeds_dir), verbosity=0)
    report = evaluate(json.loads(GOLD.read_text(encoding="utf-8")), build_export())
    details = "\n".join(report.missed + report.extra)
    assert report.overall >= 0.95, details
    assert report.officials.f1 >= 0.90, details
    assert report.meetings.f1 >= 0.75, details
    assert report.agreements.f1 >= 0.75, details
    assert report.metadata_accuracy >= 0.85, details


@pytest.mark.django_db
def test_the_evaluate_command_prints_the_same_score(seeds_dir, tmp_path, capsys):
    call_command("ingest", str(seeds_dir), verbosity=0)
    export = tmp_path / "kb.json"
    call_command("export_kb", output=str(export), verbosity=0)
    expected = evaluate(
        json.loads(GOLD.read_text(encoding="utf-8")), json.loads(export.read_text())
    )
    capsys.readouterr()
    call_command("evaluate", str(GOLD))
    assert capsys.readouterr().out.strip().splitlines()[-1] == expected.score_line
