"""Reading source files: which paths are documents, and their text, or why they cannot be read.

Kept apart from extraction so other formats add a reader here and nothing else. Plain text
and Markdown are read as they are; a web page gives its article without the site around it,
and its metadata (documents.webpage; `html_to_text` when no article is found); a PDF gives
the text of its pages (documents.pdf). A file on disk may have metadata beside it
(documents.sidecar). Files read from disk (`read_source`) and uploaded bytes (`read_bytes`)
are checked the same way.

Every file is untrusted: text is UTF-8 (a UTF-8, UTF-16 or UTF-32 byte-order mark says
otherwise); other encodings are refused rather than guessed, since a guess (Windows-1252
fits almost any bytes) would put garbled names into the knowledge base. No file is read
past the size limit, and a paragraph too long for the language model is refused up front.
"""

import codecs
import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path

from documents.pdf import PdfError, read_pdf
from documents.sidecar import SidecarError, sidecar_meta, unmatched_rows
from documents.source_meta import SourceMeta
from documents.webpage import read_web_page

READERS = {".txt", ".md", ".html", ".htm", ".pdf"}
HTML_SUFFIXES = {".html", ".htm"}
PDF_SUFFIXES = {".pdf"}
# The longest paragraph (text between blank lines) extraction takes. spaCy refuses a text
# over its max_length (1,000,000 characters) and needs about 1 GB of memory per 100,000
# characters it parses; real paragraphs are a few thousand characters at most.
MAX_PARAGRAPH_CHARS = 100_000
# Byte-order marks of the wide encodings, UTF-32's first (its LE mark starts like UTF-16's).
WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
NOWHERE = "symbolic link that leads nowhere (its target is missing, or the links loop)"
OUTSIDE = "symbolic link to a file outside the folder, not followed"


class UnreadableDocument(Exception):
    """A file that is not a document we can read; the message says why, for a person."""


@dataclass(frozen=True)
class SourceFile:
    path: Path
    data: bytes
    text: str
    meta: SourceMeta = field(default_factory=SourceMeta)  # what the source says of itself
    pages: tuple[str, ...] = ()  # a PDF's pages, whose joined text is `text`


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
            inside = path.resolve()
            for p in found:  # links to folders are not followed: a loop cannot trap us
                if p.is_symlink() and not p.exists():
                    yield UnreadableDocument(f"{p}: {NOWHERE}")
                elif p.is_symlink() and not p.resolve().is_relative_to(inside):
                    # A link dropped in the folder must not publish a file from anywhere
                    # (/etc/hostname): only what the folder holds goes in.
                    yield UnreadableDocument(f"{p}: {OUTSIDE}")
                elif not p.is_dir():  # read_source says why a pipe or a vanished file fails
                    yield p
            for folder in sorted({path, *(p.parent for p in found)}):
                names = {p.name for p in found if p.parent == folder}
                yield from map(UnreadableDocument, unmatched_rows(folder, names))
        elif path.is_symlink() and not path.exists():
            yield UnreadableDocument(f"{path}: {NOWHERE}")
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
    """The file's bytes and text, and what it says of itself with the metadata kept beside
    it (documents.sidecar), or UnreadableDocument saying what is wrong with it."""
    data = read_file_bytes(path, max_bytes=max_bytes)
    source = _read(path, data)
    return replace(source, meta=given_metadata(path).over(source.meta))


def read_file_bytes(path: Path, *, max_bytes: int) -> bytes:
    """The file's bytes, or UnreadableDocument saying why not.

    At most `max_bytes` + 1 bytes are ever read, whatever the file's size says, so a file
    that grows while it is read cannot fill the memory; a pipe or device is not opened for
    reading at all (non-blocking open, then refused).
    """
    name = path.name
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise UnreadableDocument(f"{name}: cannot be read ({exc.strerror})") from exc
    with os.fdopen(fd, "rb") as file:
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise UnreadableDocument(f"{name}: not a regular file")
            check_size(info.st_size, name=name, max_bytes=max_bytes)
            data = file.read(max_bytes + 1)
        except OSError as exc:  # e.g. the disk failed, or the file went away mid-read
            raise UnreadableDocument(f"{name}: cannot be read ({exc.strerror})") from exc
    if len(data) > max_bytes:
        raise UnreadableDocument(
            f"{name}: too large (it grew past the limit of {max_bytes:,} bytes while read)"
        )
    return data


def given_metadata(path: Path) -> SourceMeta:
    """The metadata kept beside the file (documents.sidecar), or UnreadableDocument."""
    try:
        return sidecar_meta(path)
    except SidecarError as exc:
        raise UnreadableDocument(
            f"{path.name}: not ingested, its metadata is refused: {exc}; correct it and "
            "ingest again"
        ) from exc


def read_bytes(data: bytes, *, name: str, max_bytes: int) -> str:
    """The text of a document given as bytes (an upload), or UnreadableDocument saying why not.

    The same checks as for a file on disk, and the file name's extension must be readable.
    """
    return read_upload(data, name=name, max_bytes=max_bytes).text


def read_upload(data: bytes, *, name: str, max_bytes: int) -> SourceFile:
    """`read_bytes`, with what the document says of itself (a page's metadata, a PDF's
    pages)."""
    suffix = Path(name).suffix.lower()
    if suffix not in READERS:
        readable = ", ".join(sorted(READERS))
        raise UnreadableDocument(
            f"{name}: unsupported file type '{Path(name).suffix}' (readable: {readable})"
        )
    check_size(len(data), name=name, max_bytes=max_bytes)
    return _read(Path(name), data)


def content_sha256(text: str) -> str:
    """What tells one document from another: the SHA-256 of its text with LF line ends, in
    UTF-8. The same text in UTF-8 or UTF-16, with or without a byte-order mark, with CRLF
    or LF line ends, is one document."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_size(size: int, *, name: str, max_bytes: int) -> None:
    if size > max_bytes:
        raise UnreadableDocument(f"{name}: too large ({size:,} bytes; the limit is {max_bytes:,})")


def _read(path: Path, data: bytes) -> SourceFile:
    name, suffix = path.name, path.suffix.lower()
    meta, pages = SourceMeta(), ()
    if suffix in PDF_SUFFIXES:
        try:
            pdf = read_pdf(data)
        except PdfError as exc:
            raise UnreadableDocument(f"{name}: {exc}") from exc
        text, meta, pages = pdf.text, pdf.meta, pdf.pages
    else:
        text = decode_text(data, name=name)
    if suffix in HTML_SUFFIXES:
        page = read_web_page(text)
        # A page with no article (a list of links, a bare fragment): its visible text.
        text, meta = (page.text or html_to_text(text)), page.meta
        if not text.strip():
            raise UnreadableDocument(f"{name}: no text in this HTML page, only markup")
    text = clean_marks(text)
    check_paragraphs(text, name=name)
    return SourceFile(path=path, data=data, text=text, meta=meta, pages=pages)


# Four or more generic combining marks on one letter: no language stacks them so (Vietnamese
# needs two); "Zalgo" text does, to hide a name from search ("H" + 200 marks + "un Sen").
# Only the generic diacritic blocks: the marks of Khmer, Thai, Devanagari … are left alone.
_MARK_PILES = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]{4,}")
# Zero-width characters between two Latin letters split a name in two for the eye of a
# program only ("Kami\u200bkawa"). Between Khmer words a zero-width space is the word break
# and stays.
_LATIN = "[A-Za-z\u00c0-\u024f]"
_INVISIBLE_IN_WORD = re.compile(f"(?<={_LATIN})[\u200b-\u200d\u2060\ufeff]+(?={_LATIN})")


def clean_marks(text: str) -> str:
    """The text without piles of combining marks and invisible characters inside Latin
    words, which would otherwise turn a name into a meaningless alias or hide it."""
    return _INVISIBLE_IN_WORD.sub("", _MARK_PILES.sub("", text))


def check_paragraphs(text: str, *, name: str) -> None:
    """Refuse a text with a paragraph longer than extraction can take (a data dump, a
    minified page, one enormous line)."""
    longest, start = 0, 0
    for blank in re.finditer(r"\n[ \t\r\f\v]*\n", text):
        longest, start = max(longest, blank.start() - start), blank.end()
    longest = max(longest, len(text) - start)
    if longest > MAX_PARAGRAPH_CHARS:
        raise UnreadableDocument(
            f"{name}: a paragraph of {longest:,} characters without a blank line (the limit "
            f"is {MAX_PARAGRAPH_CHARS:,}); this is not prose the extraction can read — "
            "split it into paragraphs"
        )


def decode_text(data: bytes, *, name: str) -> str:
    if not data.strip():
        raise UnreadableDocument(f"{name}: empty file")
    wide = next((encoding for bom, encoding in WIDE_BOMS if data.startswith(bom)), None)
    if wide:  # NUL bytes belong to UTF-16 and UTF-32: decode before judging
        try:
            text = data.decode(wide)
        except UnicodeDecodeError as exc:
            label = wide.upper()
            raise UnreadableDocument(
                f"{name}: not valid {label} text (it starts with a {label} byte-order mark; "
                f"invalid bytes at position {exc.start})"
            ) from exc
    elif b"\x00" in data:
        raise UnreadableDocument(f"{name}: binary file, not text")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UnreadableDocument(
                f"{name}: not UTF-8 text (invalid byte at position {exc.start}); "
                "save it as UTF-8 and ingest it again (from Windows-1252, for instance: "
                "iconv -f windows-1252 -t utf-8)"
            ) from exc
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\n\r\t\f")
    # A NUL anywhere (no text has one; PostgreSQL refuses it in any text column), or many
    # control characters at the start.
    if "\x00" in text or controls > 0.01 * min(len(text), 8192):
        raise UnreadableDocument(f"{name}: binary file, not text")
    if not text.strip():
        raise UnreadableDocument(f"{name}: empty file")
    return text


# ------------------------------------------------------------------ HTML

# Elements whose content is never text a reader sees.
_SKIPPED = {"script", "style", "template", "noscript", "svg", "math", "object", "iframe"}
# Elements that start and end a paragraph.
_BLOCKS = {
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "tfoot", "thead", "tr", "ul", "body", "html",
}  # fmt: skip
_CELLS = {"td", "th"}
_SPACES = re.compile(r"\s+")


class _TextParser(HTMLParser):
    """Collects the visible text of a page, one paragraph per block element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)  # entities arrive unescaped in handle_data
        self.paragraphs: list[str] = []
        self.title: list[str] = []
        self.has_h1 = False
        self._current: list[str] = []
        self._skipping: list[str] = []  # open skipped elements, innermost last
        self._in_title = False
        self._pre = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self._skipping.append(tag)
        elif self._skipping:
            return
        elif tag == "title":  # an <svg>'s <title> is skipped with it
            self._in_title = True
        elif tag == "br":
            self._current.append("\n")
        elif tag in _CELLS:
            self._current.append(" ")
        elif tag in _BLOCKS:
            self._flush()
            if tag == "h1":
                self.has_h1 = True
            elif tag == "pre":
                self._pre += 1

    def handle_startendtag(self, tag, attrs):
        if tag not in _SKIPPED:  # <svg/>, <iframe/>: nothing inside to skip
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif self._skipping:
            if tag in self._skipping:  # close the innermost one, and anything left open in it
                last = len(self._skipping) - 1 - self._skipping[::-1].index(tag)
                del self._skipping[last:]
        elif tag in _CELLS:
            self._current.append(" ")
        elif tag in _BLOCKS:
            self._flush()
            if tag == "pre" and self._pre:
                self._pre -= 1

    def handle_data(self, data):
        if self._in_title:
            self.title.append(data)
        elif not self._skipping:
            self._current.append(data if self._pre else _SPACES.sub(" ", data))

    def close(self):
        super().close()
        self._flush()

    def _flush(self) -> None:
        text, self._current = "".join(self._current), []
        lines = (
            line.rstrip() if self._pre else _SPACES.sub(" ", line).strip()
            for line in text.split("\n")
        )
        paragraph = "\n".join(line for line in lines if line.strip())
        if paragraph:
            self.paragraphs.append(paragraph)


def html_to_text(html: str) -> str:
    """The text a reader sees in an HTML page: tags, scripts and styles out, entities
    unescaped, one paragraph per block (separated by a blank line), line breaks kept.

    The page's <title> opens the text when the page has no <h1> to serve as its headline.
    """
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    paragraphs = parser.paragraphs
    title = _SPACES.sub(" ", "".join(parser.title)).strip()
    if title and not parser.has_h1 and (not paragraphs or paragraphs[0] != title):
        paragraphs = [title, *paragraphs]
    return "\n\n".join(paragraphs) + "\n" if paragraphs else ""
