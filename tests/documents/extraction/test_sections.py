"""Long documents read section by section: nothing of the text lost at the cuts, evidence
pointing into the whole document, the same facts read in one process or two, and the same
officials as when the document is read whole."""

from pathlib import Path

import pytest

from bench.management.commands.bench_scaling import long_document
from documents.extraction import extract, sections
from documents.extraction.pool import ExtractionPool
from documents.extraction.sections import LONG_TEXT_CHARS, SECTION_CHARS, section_spans

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


@pytest.fixture(scope="module")
def long_text() -> str:
    """About 130 kB of varied seed documents one after another: four sections."""
    return long_document(SEEDS, 130_000)


def test_a_text_up_to_the_long_size_is_one_section():
    text = ("A paragraph of words.\n\n" * 3000)[:LONG_TEXT_CHARS]
    assert section_spans(text) == [(0, len(text))]


def test_a_long_text_is_cut_at_paragraph_breaks_and_loses_nothing(long_text):
    spans = section_spans(long_text)

    assert len(spans) >= 3
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert long_text[end:start].strip() == ""  # only the break between them
        assert "\n" in long_text[end:start]
    assert spans[0][0] == 0 and spans[-1][1] == len(long_text)
    assert all(end - start < 2 * SECTION_CHARS + LONG_TEXT_CHARS for start, end in spans)


def test_a_long_paragraph_without_breaks_is_cut_at_line_ends():
    text = "\n".join(f"Line {i} of a long list with no blank line." for i in range(5000))
    spans = section_spans(text)
    assert len(spans) > 1
    assert all(text[start:end].strip() for start, end in spans)


def test_evidence_of_a_long_document_quotes_the_document(long_text):
    extraction = extract(long_text)
    quoted = [
        e
        for fact in (*extraction.officials, *extraction.meetings, *extraction.agreements)
        for e in fact.evidence
    ]
    assert extraction.officials and extraction.meetings and extraction.agreements
    assert max(e.start for e in quoted) > 2 * SECTION_CHARS  # from the later sections too
    assert all(extraction.text[e.start : e.end] == e.quote for e in quoted)
    # the sections' people, meetings and agreements point at facts that exist
    keys = {o.key for o in extraction.officials}
    assert [o.key for o in extraction.officials] == list(range(len(extraction.officials)))
    assert all(set(m.participants) <= keys for m in extraction.meetings)
    assert all(set(a.signatories) <= keys for a in extraction.agreements)
    assert all(
        a.meeting is None or 0 <= a.meeting < len(extraction.meetings)
        for a in extraction.agreements
    )


def test_one_official_per_name_however_many_sections_name_them(long_text):
    extraction = extract(long_text)
    fingerprints = [o.fingerprint for o in extraction.officials]
    assert len(fingerprints) == len(set(fingerprints))


def test_two_worker_processes_read_the_same_facts_as_one(long_text):
    here = extract(long_text)
    with ExtractionPool(2) as pool:
        there = extract(long_text, map_in_order=pool.map)
    assert there == here


def test_the_same_officials_as_the_document_read_whole_and_no_agreement_lost(
    long_text, monkeypatch
):
    assert len(section_spans(long_text)) > 1
    split = extract(long_text)
    monkeypatch.setattr(sections, "LONG_TEXT_CHARS", len(long_text))
    whole = extract(long_text)

    def people(extraction):
        return {(o.name, o.country) for o in extraction.officials}

    assert people(split) == people(whole)
    # Read apart, two copies' loans of near amounts stay two; none read whole is missed.
    assert {a.fingerprint for a in whole.agreements} <= {a.fingerprint for a in split.agreements}
    fingerprints = [a.fingerprint for a in split.agreements]
    assert len(fingerprints) == len(set(fingerprints))  # one per agreement, however often told
