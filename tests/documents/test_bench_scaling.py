"""`manage.py bench_scaling`'s documents: the size asked for, and text the reader takes."""

from pathlib import Path

import pytest

from documents.management.commands.bench_scaling import long_document, notes_document, parse_size
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
