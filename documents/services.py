"""Ingestion: files in, documents and facts out — one transaction per document.

Re-running is safe: a file whose text is already stored (the same SHA-256 of its text, whatever
its encoding, byte-order mark or line ends) changes nothing.
Extraction runs before the transaction opens, so a document is written whole or not at all.
"""

import datetime as dt
import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction

from documents.extraction import EXTRACTOR_VERSION, extract
from documents.extraction.candidates import Extraction
from documents.extraction.cleaning import clean_text
from documents.extraction.pool import ExtractionPool
from documents.extraction.sections import section_spans
from documents.models import Document
from documents.pdf import page_starts
from documents.reader import (
    SourceFile,
    UnreadableDocument,
    content_sha256,
    document_paths,
    read_source,
    read_upload,
)
from documents.source_meta import SourceMeta
from relations.models import Agreement, Meeting, Official
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


@dataclass
class UploadOutcome(FileOutcome):
    """A FileOutcome for one upload, with the document stored (or the one it duplicates)."""

    document: Document | None = None
    transient: bool = False  # failed for a reason that another try may not meet (a deadlock)


def _store(
    document: Document,
    text: str,
    *,
    title: str | None = None,
    published_on: dt.date | None = None,
    extraction: Extraction | None = None,
    source: SourceFile | None = None,
) -> ApplyStats:
    """Extract the text's facts and write the document and them in one transaction.

    `title` and `published_on`, when given (by an editor), stand instead of what extraction
    reads from the text and are remembered as the editor's; metadata an editor set before
    (`edited_fields`) is kept when a document is extracted again. What the `source` says of
    itself (a page's markup, a sidecar) stands before what extraction reads in the text, and
    is kept on the document for later re-extractions. `extraction`, when given, is the text's
    extraction already made (by a worker process, for a new document).
    """
    edited = set(document.edited_fields or [])
    if title:
        document.title, edited = title.strip()[:500], edited | {"title"}
    if published_on:
        document.published_on, edited = published_on, edited | {"published_on"}
    if source is not None:
        document.source_metadata = source.meta.as_json()
    given = SourceMeta.from_json(document.source_metadata)
    if "published_on" in edited:
        given = SourceMeta(published_on=document.published_on).over(given)
    made_without = extraction and given.published_on != extraction.meta.published_on
    if extraction is None or (given.published_on and made_without):
        extraction = _extract_here(text, published_on=given.published_on)
    meta = extraction.meta
    extracted = {
        "title": given.title or meta.title[:500] or document.file_name,
        "publisher": given.publisher or (meta.publisher or "")[:200],
        "byline": given.byline or (meta.byline or "")[:200],
        "published_on": given.published_on or meta.published_on,
        "kind": meta.kind,
        "url": given.url,
    }
    for name, value in extracted.items():
        if name not in edited:
            setattr(document, name, value)
    if source is not None and source.pages:
        document.page_starts = page_starts(extraction.text, source.pages, clean_text)
    document.text = extraction.text
    document.edited_fields = sorted(edited)
    document.extractor_version = EXTRACTOR_VERSION
    with transaction.atomic():
        document.save()
        return apply_extraction(document=document, extraction=extraction, version=EXTRACTOR_VERSION)


SECTIONS_FOR_WORKERS = 4  # fewer sections are read here: starting workers costs more


def _extract_here(text: str, *, published_on: dt.date | None) -> Extraction:
    """`extract(text)`; a long text's sections read by `BILATERAL_SECTION_WORKERS` worker
    processes (default 2) when it has enough of them to pay for starting the workers."""
    workers = getattr(settings, "BILATERAL_SECTION_WORKERS", 2)
    sections = section_spans(clean_text(text))
    if workers < 2 or len(sections) < SECTIONS_FOR_WORKERS:
        return extract(text, published_on=published_on)
    with ExtractionPool(min(workers, len(sections))) as pool:
        return extract(text, published_on=published_on, map_in_order=pool.map)


@dataclass
class _File:
    """A file read and checked, before extraction: either an outcome already (unreadable,
    already stored) or the new document and its text."""

    path: Path
    outcome: FileOutcome | None = None
    sha256: str = ""
    text: str | None = None
    raw_sha256: str = ""
    source: SourceFile | None = None


def _stored(sha: str, raw_sha: str) -> Document | None:
    """The document holding this text (`content_sha256`), or these very bytes: documents
    stored before texts were compared kept the SHA-256 of their file's bytes."""
    return Document.objects.filter(sha256__in={sha, raw_sha}).order_by("pk").first()


def _already_stored(path: Path, sha: str, raw_sha: str) -> FileOutcome | None:
    existing = _stored(sha, raw_sha)
    if existing:
        same = "" if existing.file_name == path.name else f" (same content as {existing.file_name})"
        return FileOutcome(path.name, "unchanged", f"already ingested{same}")
    return None


def _read_file(path: Path, max_bytes: int | None = None) -> _File:
    max_bytes = max_bytes or settings.BILATERAL_MAX_DOCUMENT_BYTES
    try:
        source = read_source(path, max_bytes=max_bytes)
    except UnreadableDocument as exc:
        return _File(path, FileOutcome(path.name, "failed", str(exc)))
    sha, raw_sha = content_sha256(source.text), hashlib.sha256(source.data).hexdigest()
    return _File(path, _already_stored(path, sha, raw_sha), sha, source.text, raw_sha, source)


def _write_file(file: _File, extraction: Extraction | BaseException | None = None) -> FileOutcome:
    """Store a new file's document and facts (extracting them here unless `extraction`
    is given: made elsewhere, or the exception that making it raised)."""
    if file.outcome:
        return file.outcome
    path = file.path
    # A file earlier in the same run may have stored these bytes since the file was read.
    outcome = extraction is not None and _already_stored(path, file.sha256, file.raw_sha256)
    if outcome:
        return outcome
    document = Document(file_name=path.name, sha256=file.sha256)
    try:
        if isinstance(extraction, BaseException):
            raise extraction
        stats = _store(document, file.text, extraction=extraction, source=file.source)
    except IntegrityError:  # the same bytes stored meanwhile by another process
        return FileOutcome(path.name, "unchanged", "already ingested")
    except Exception as exc:
        logger.exception("extraction failed for %s", path)
        return FileOutcome(path.name, "failed", f"{path.name}: extraction failed ({exc})")
    return FileOutcome(path.name, "new", stats=stats)


def ingest_file(path: Path, *, max_bytes: int | None = None) -> FileOutcome:
    return _write_file(_read_file(path, max_bytes))


def extract_file(path: Path) -> tuple[_File, Extraction | BaseException | None]:
    """`ingest_file`'s first half: the file read and its text extracted, nothing written
    (None when there is nothing to extract: unreadable, or stored already)."""
    file = _read_file(path)
    if file.outcome:
        return file, None
    try:
        return file, _extract_here(file.text, published_on=None)
    except Exception as exc:  # noqa: BLE001 - reported by write_file, as ingest_file does
        return file, exc


def write_file(file: _File, extraction: Extraction | BaseException | None) -> FileOutcome:
    """`ingest_file`'s second half: the document and its facts written."""
    return _write_file(file, extraction)


def ingest_upload(
    *,
    name: str,
    data: bytes | None = None,
    text: str | None = None,
    title: str | None = None,
    published_on: dt.date | None = None,
    max_bytes: int | None = None,
) -> UploadOutcome:
    """Ingest one document an editor uploaded (`data`, a file's bytes) or pasted (`text`).

    The same checks, duplicate test and pipeline as `ingest_file`: status "new" with the
    stored document, "unchanged" with the document already holding these bytes, or "failed";
    the message says why, for a person. Nothing is written unless the status is "new".
    """
    if (data is None) == (text is None):
        raise ValueError("ingest_upload takes either data or text")
    name = Path(name.replace("\\", "/")).name[:255] or "upload.txt"
    max_bytes = max_bytes or settings.BILATERAL_MAX_DOCUMENT_BYTES
    if text is not None:  # pasted: one text whatever line endings the browser sent
        data = text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")
    try:
        source = read_upload(data, name=name, max_bytes=max_bytes)
    except UnreadableDocument as exc:
        return UploadOutcome(name, "failed", str(exc))
    source_text = source.text
    limit = settings.BILATERAL_MAX_UPLOAD_CHARACTERS
    if len(source_text) > limit:  # before the duplicate test: it names the way in
        return UploadOutcome(
            name,
            "failed",
            f"{name}: {len(source_text):,} characters, more than an upload extracts while you "
            f"wait (the limit is {limit:,}); ingest it with manage.py ingest",
        )
    return store_source(source, title=title, published_on=published_on)


def store_source(
    source: SourceFile, *, title: str | None = None, published_on: dt.date | None = None
) -> UploadOutcome:
    """Store a document read (an upload, a queued file) unless its text is stored already:
    status "new" with the document, "unchanged" with the one holding it, or "failed"."""
    name = source.path.name
    sha, raw_sha = content_sha256(source.text), hashlib.sha256(source.data).hexdigest()
    existing = _stored(sha, raw_sha)
    if existing:
        return _duplicate(name, existing)
    document = Document(file_name=name, sha256=sha)
    try:
        stats = _store(document, source.text, title=title, published_on=published_on, source=source)
    except IntegrityError as exc:  # the same text stored meanwhile by another editor or worker
        existing = _stored(sha, raw_sha)
        if existing:
            return _duplicate(name, existing)
        logger.exception("storing %s failed", name)
        return UploadOutcome(name, "failed", f"{name}: could not be stored ({exc})")
    except OperationalError as exc:  # e.g. a deadlock with another writer: rolled back
        logger.warning("storing %s failed: %s", name, exc)
        return UploadOutcome(name, "failed", f"{name}: could not be stored ({exc})", transient=True)
    except Exception as exc:
        logger.exception("extraction failed for %s", name)
        return UploadOutcome(name, "failed", f"{name}: extraction failed ({exc})")
    return UploadOutcome(name, "new", stats=stats, document=document)


def _duplicate(name: str, existing: Document) -> UploadOutcome:
    same = f"“{existing}”" + (
        f" ({existing.file_name})" if str(existing) != existing.file_name else ""
    )
    return UploadOutcome(
        name, "unchanged", f"{name}: already ingested, as {same}", document=existing
    )


@dataclass(frozen=True)
class FoundFact:
    kind: str  # "official", "meeting", "agreement"
    fact: Official | Meeting | Agreement
    created: bool  # made by this document's ingestion, else merged into a known fact


def document_facts(document: Document) -> dict[str, list[FoundFact]]:
    """The facts a document supports, by kind, each marked created by it or merged.

    A fact is counted as created when it is no older than the document; facts an editor
    rejected get no evidence, so they are not listed.
    """
    found: dict[str, list[FoundFact]] = {}
    for kind, model, order in (
        ("official", Official, "name"),
        ("meeting", Meeting, "title"),
        ("agreement", Agreement, "title"),
    ):
        facts = model.objects.filter(evidence__document=document).distinct().order_by(order, "pk")
        found[kind] = [
            FoundFact(kind, fact, created=fact.created_at >= document.ingested_at) for fact in facts
        ]
    return found


def ingest_paths(
    paths: Iterable[str | Path],
    *,
    on_file: Callable[[FileOutcome], None] | None = None,
    workers: int = 1,
) -> IngestReport:
    """Ingest every document under `paths`, in order, one transaction per document.

    With `workers` > 1, extraction runs in that many worker processes while this process
    reads the files and writes the results, still in the files' order: the knowledge base
    ends up the same as with one process.
    """
    report = IngestReport()
    if workers > 1:
        outcomes = _ingest_in_workers(paths, workers)
    else:
        outcomes = (
            FileOutcome(str(item).split(":")[0], "failed", str(item))
            if isinstance(item, UnreadableDocument)
            else ingest_file(item)
            for item in document_paths(paths)
        )
    for outcome in outcomes:
        report.outcomes.append(outcome)
        if outcome.stats:
            report.stats.add(outcome.stats)
        if on_file:
            on_file(outcome)
    return report


def _ingest_in_workers(paths: Iterable[str | Path], workers: int) -> Iterator[FileOutcome]:
    def read(item: Path | UnreadableDocument) -> _File:
        if isinstance(item, UnreadableDocument):
            failed = FileOutcome(str(item).split(":")[0], "failed", str(item))
            return _File(Path(failed.name), failed)
        return _read_file(item)

    files = (read(item) for item in document_paths(paths))
    with ExtractionPool(workers) as pool:
        for file, extraction in pool.in_order(files, lambda f: None if f.outcome else f.text):
            yield _write_file(file, extraction)


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
