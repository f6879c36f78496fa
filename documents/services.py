"""Ingestion: files in, documents and facts out — one transaction per document.

Re-running is safe: a file whose bytes are already stored (same SHA-256) changes nothing.
Extraction runs before the transaction opens, so a document is written whole or not at all.
"""

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction

from documents.extraction import EXTRACTOR_VERSION, extract
from documents.models import Document
from documents.reader import UnreadableDocument, document_paths, read_source
from relations.services import ApplyStats, apply_extraction

logger = logging.getLogger(__name__)


@dataclass
class FileOutcome:
    name: str
    status: str  # "new", "unchanged", "reextracted", "failed"
    message: str = ""
    stats: ApplyStats | None = None


@dataclass
class IngestReport:
    outcomes: list[FileOutcome] = field(default_factory=list)
    stats: ApplyStats = field(default_factory=ApplyStats)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> int:
        return self.count("failed")


def _store(document: Document, text: str) -> ApplyStats:
    extraction = extract(text)
    meta = extraction.meta
    document.text = extraction.text
    document.title = meta.title[:500] or document.file_name
    document.publisher = (meta.publisher or "")[:200]
    document.byline = (meta.byline or "")[:200]
    document.published_on = meta.published_on
    document.kind = meta.kind
    document.extractor_version = EXTRACTOR_VERSION
    with transaction.atomic():
        document.save()
        return apply_extraction(document=document, extraction=extraction, version=EXTRACTOR_VERSION)


def ingest_file(path: Path, *, max_bytes: int | None = None) -> FileOutcome:
    max_bytes = max_bytes or settings.BILATERAL_MAX_DOCUMENT_BYTES
    try:
        source = read_source(path, max_bytes=max_bytes)
    except UnreadableDocument as exc:
        return FileOutcome(path.name, "failed", str(exc))
    sha = hashlib.sha256(source.data).hexdigest()
    existing = Document.objects.filter(sha256=sha).first()
    if existing:
        same = "" if existing.file_name == path.name else f" (same content as {existing.file_name})"
        return FileOutcome(path.name, "unchanged", f"already ingested{same}")
    document = Document(file_name=path.name, sha256=sha)
    try:
        stats = _store(document, source.text)
    except IntegrityError:  # the same bytes stored meanwhile by another process
        return FileOutcome(path.name, "unchanged", "already ingested")
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the others
        logger.exception("extraction failed for %s", path)
        return FileOutcome(path.name, "failed", f"{path.name}: extraction failed ({exc})")
    return FileOutcome(path.name, "new", stats=stats)


def ingest_paths(
    paths: Iterable[str | Path], *, on_file: Callable[[FileOutcome], None] | None = None
) -> IngestReport:
    report = IngestReport()
    for item in document_paths(paths):
        if isinstance(item, UnreadableDocument):
            outcome = FileOutcome(str(item).split(":")[0], "failed", str(item))
        else:
            outcome = ingest_file(item)
        report.outcomes.append(outcome)
        if outcome.stats:
            report.stats.add(outcome.stats)
        if on_file:
            on_file(outcome)
    return report


def reextract_documents(
    documents: Iterable[Document], *, on_file: Callable[[FileOutcome], None] | None = None
) -> IngestReport:
    """Run the current extractor again over stored documents; editors' work stands."""
    report = IngestReport()
    for document in documents:
        stats = _store(document, document.text)
        outcome = FileOutcome(document.file_name, "reextracted", stats=stats)
        report.outcomes.append(outcome)
        report.stats.add(stats)
        if on_file:
            on_file(outcome)
    return report
