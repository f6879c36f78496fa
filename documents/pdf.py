"""PDFs: the text of each page in reading order (pdfminer.six's layout analysis), without the
running header and page number printed on every page, and where each page starts in the
stored text so evidence can cite its page.

pdfminer.six rather than pypdf: pypdf gives the text in the order the file draws it, which
for a two-column page written row by row interleaves the columns (measured on
tests/data/sources/row_order.pdf: pypdf's text alternates left and right lines; pdfminer's
follows each column). pdfminer is slower (about 4x: 82 ms against 21 ms for a two-page
statement), which is small beside extraction's time per document.
"""

import io
import re
from collections import Counter
from dataclasses import dataclass

from documents.source_meta import SourceMeta

PDF_MAGIC = b"%PDF-"
_PAGE_NUMBER = re.compile(r"(?i)(page|p\.)?\s*[-–]?\s*\d{1,4}\s*[-–]?(\s*(of|/)\s*\d{1,4})?")
_SPACES = re.compile(r"[ \t\u00a0]+")


class PdfError(Exception):
    """Why a PDF cannot be read, for a person (without the file's name)."""


@dataclass(frozen=True)
class PdfText:
    pages: tuple[str, ...]  # each page's text, one paragraph a line, a blank line between
    meta: SourceMeta

    @property
    def text(self) -> str:
        return "\n\n".join(page for page in self.pages if page) + "\n"


def read_pdf(data: bytes) -> PdfText:
    # Imported here: pdfminer takes a quarter of a second to import, which every process
    # importing the reader (the web server, each command) would otherwise pay.
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    if not data.startswith(PDF_MAGIC):
        raise PdfError("not a PDF file (it does not start with %PDF-)")
    try:
        boxes = [
            [_box_text(e) for e in page if isinstance(e, LTTextContainer)]
            for page in extract_pages(io.BytesIO(data), laparams=LAParams())
        ]
        meta = _info(data)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise PdfError("encrypted PDF; save a copy without a password and ingest that") from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise PdfError(f"damaged PDF ({exc.__class__.__name__}: {exc})") from exc
    repeated = _running_lines(boxes)
    pages = tuple(
        "\n\n".join(b for b in page if b and b not in repeated and not _PAGE_NUMBER.fullmatch(b))
        for page in boxes
    )
    if not any(pages):
        raise PdfError(
            f"no text layer in this PDF ({len(boxes)} page(s) of images only: a scan?); "
            "run it through OCR (e.g. ocrmypdf) and ingest the result"
        )
    return PdfText(pages, meta)


def page_starts(text: str, pages: tuple[str, ...], clean) -> list[int]:
    """Where each page begins in `text`, the stored text made from the pages joined (and
    cleaned by `clean`, which mends lines and may join a page's first line to the page
    before): each page's first words are looked for after the previous page's start. A
    page whose words are not found starts where the previous one did."""
    starts: list[int] = []
    position = 0
    for page in pages:
        first = next((line for line in page.split("\n") if line.strip()), "")
        needle = clean(first).strip()[:40] if first else ""
        found = text.find(needle, position) if needle else -1
        if found >= 0 and starts:
            position = found
        starts.append(position)  # page 1 starts the text, whatever comes before its words
    return starts


def _box_text(box) -> str:
    """A text box is a paragraph: its lines joined with a space (a line that ends a box's
    line with "H.E." must not read as the end of a sentence), a hyphen at a line's end
    kept and joined to the next word."""
    lines = [_SPACES.sub(" ", line).strip() for line in box.get_text().split("\n")]
    text = ""
    for line in filter(None, lines):
        text += line if not text or text.endswith("-") else " " + line
    return text


def _running_lines(boxes: list[list[str]]) -> set[str]:
    """Boxes printed on most pages (a running header or footer), for a document of 3 pages
    or more, or on both pages of a 2-page one."""
    if len(boxes) < 2:
        return set()
    seen = Counter(b for page in boxes for b in set(page) if b)
    return {b for b, n in seen.items() if n >= max(2, (len(boxes) + 1) // 2) and len(b) < 200}


def _info(data: bytes) -> SourceMeta:
    """The title in the PDF's information, when it reads like one (several words, not a
    file name); its author and dates are usually the software's or a clerk's, not kept."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    document = PDFDocument(PDFParser(io.BytesIO(data)))
    for info in document.info:
        title = _decode(info.get("Title"))
        if len(title.split()) >= 3 and not re.search(r"\.(docx?|pdf|indd|odt)$", title, re.I):
            return SourceMeta(title=title)
    return SourceMeta()


def _decode(value) -> str:
    if hasattr(value, "resolve"):
        value = value.resolve()
    if isinstance(value, bytes):
        if value.startswith(b"\xfe\xff"):
            value = value[2:].decode("utf-16-be", "replace")
        else:
            value = value.decode("latin-1")
    return _SPACES.sub(" ", value).strip() if isinstance(value, str) else ""
