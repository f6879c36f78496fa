"""`manage.py bench_scaling`: its documents (the size asked for, text the reader takes) and
what it prints."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from bench.management.commands.bench_scaling import long_document, notes_document, parse_size
from documents.reader import read_bytes

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.mark.parametrize(("text", "size"), [("100k", 100_000), ("1M", 10**6), ("5mb", 5 * 10**6)])
def test_sizes_are_read_in_decimal_units(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("make", [notes_document, lambda size: long_document(SEEDS, size)])
def test_a_document_is_at_least_the_size_asked_and_readable(make):
    data = make(120_000).encode("utf-8")

    assert 120_000 <= len(data) < 150_000
    assert read_bytes(data, name="long.txt", max_bytes=5 * 1024 * 1024)


def test_the_benchmark_prints_seconds_per_100_kb_and_where_they_went(tmp_path):
    """One small size end to end: its own throw-away database, the figures a reader needs
    (CPU and wall seconds per 100 kB, extraction and writing apart), the document stored."""
    out = StringIO()
    call_command("bench_scaling", sizes="20k", text="notes", budget=300, stdout=out)
    printed = out.getvalue()

    assert re.search(r"0\.02 MB: +[\d.]+ s CPU, +[\d.]+ s wall, +[\d.]+ s CPU per 100 kB", printed)
    assert re.search(r"[\d.]+ s wall per 100 kB \[new\]", printed)
    assert re.search(r"extraction +[\d.]+ s CPU +[\d.]+ s wall; writing +[\d.]+ s CPU", printed)
    assert "spread of CPU s per 100 kB: 1.00x" in printed
