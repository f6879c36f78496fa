"""Reading source files: which paths are documents, and their text, or why they cannot be read.

Kept apart from extraction so other formats (HTML, PDF) add a reader here and nothing else.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

READERS = {".txt", ".md"}


class UnreadableDocument(Exception):
    """A file that is not a document we can read; the message says why, for a person."""


@dataclass(frozen=True)
class SourceFile:
    path: Path
    data: bytes
    text: str


def document_paths(paths: Iterable[str | Path]) -> Iterator[Path | UnreadableDocument]:
    """Files named, and readable files inside folders named (sorted), in order.

    A path that does not exist, or a named file of a type we cannot read, is yielded as an
    UnreadableDocument so the caller reports it beside the others.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                found = sorted(p for p in path.rglob("*") if p.suffix.lower() in READERS)
            except OSError as exc:
                yield UnreadableDocument(f"{path}: cannot list folder ({exc.strerror})")
                continue
            yield from (p for p in found if p.is_file())
        elif not path.exists():
            yield UnreadableDocument(f"{path}: no such file or folder")
        elif path.suffix.lower() not in READERS:
            readable = ", ".join(sorted(READERS))
            yield UnreadableDocument(
                f"{path}: unsupported file type '{path.suffix}' (readable: {readable})"
            )
        else:
            yield path


def read_source(path: Path, *, max_bytes: int) -> SourceFile:
    """The file's bytes and text, or UnreadableDocument saying what is wrong with it."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise UnreadableDocument(
                f"{path.name}: too large ({size:,} bytes; the limit is {max_bytes:,})"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(f"{path.name}: cannot be read ({exc.strerror})") from exc
    if len(data) > max_bytes:
        raise UnreadableDocument(f"{path.name}: too large (the limit is {max_bytes:,} bytes)")
    return SourceFile(path=path, data=data, text=decode_text(data, name=path.name))


def decode_text(data: bytes, *, name: str) -> str:
    if not data.strip():
        raise UnreadableDocument(f"{name}: empty file")
    if b"\x00" in data[:8192]:
        raise UnreadableDocument(f"{name}: binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableDocument(
            f"{name}: not UTF-8 text (invalid byte at position {exc.start}); "
            "save it as UTF-8 and ingest it again"
        ) from exc
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > 0.01 * min(len(text), 8192):
        raise UnreadableDocument(f"{name}: binary file, not text")
    if not text.strip():
        raise UnreadableDocument(f"{name}: empty file")
    return text
