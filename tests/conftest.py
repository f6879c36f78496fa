"""Fixtures shared by the whole suite: the seed documents and running `manage.py ingest`."""

import copy
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

import documents.services
from documents.extraction import extract
from documents.extraction.candidates import Extraction
from documents.extraction.cleaning import clean_text
from documents.extraction.metadata import extract_metadata

# Extraction is deterministic: the same text gives the same facts. Pages tests need the seeds
# in the database, not spaCy run again on them, so `ingested` reuses the first extraction of
# each text (the database writes still happen for real in every test).
_EXTRACTIONS: dict[tuple, object] = {}


def _extract_once(text: str, **options):
    key = (text, tuple(sorted(options.items())))
    if key not in _EXTRACTIONS:
        _EXTRACTIONS[key] = extract(text, **options)
    return copy.deepcopy(_EXTRACTIONS[key])


def extract_without_facts(text: str, **options) -> Extraction:
    """Extraction's first stages only (clean text, title, date), no facts: for tests where
    what a text says does not matter, without spaCy's time."""
    cleaned = clean_text(text)
    return Extraction(cleaned, extract_metadata(cleaned), officials=[], meetings=[], agreements=[])


@pytest.fixture
def stub_extraction(monkeypatch):
    """Ingestion with `extract_without_facts` in place of the real extraction."""
    monkeypatch.setattr(documents.services, "extract", extract_without_facts)


@pytest.fixture
def seeds_dir() -> Path:
    """The five seed documents shipped with the project."""
    return Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture
def ingested(db, seeds_dir) -> None:
    """The seed documents ingested into the test database."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(documents.services, "extract", _extract_once)
        call_command("ingest", str(seeds_dir), verbosity=0)


@pytest.fixture
def run_ingest(db):
    """Run `ingest` with the given arguments as a user would.

    Returns (stdout, stderr, error): error is None when the command succeeded, else the
    CommandError message (the command exits non-zero).
    """

    def run(*args: str, **options) -> tuple[str, str, str | None]:
        out, err = StringIO(), StringIO()
        try:
            call_command("ingest", *args, stdout=out, stderr=err, no_color=True, **options)
        except CommandError as exc:
            return out.getvalue(), err.getvalue(), str(exc)
        return out.getvalue(), err.getvalue(), None

    return run


@pytest.fixture(autouse=True)
def _fresh_counts():
    """Each test starts with no kept counts: a test's rolled-back rows are not another's."""
    from relations import facet_cache

    facet_cache.clear()
    yield
    facet_cache.clear()
