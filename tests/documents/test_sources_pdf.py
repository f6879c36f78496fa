"""PDFs: text in reading order, page by page, so evidence can cite its page; a scan without
a text layer is refused, naming the file. Fixtures: tests/data/sources/make_pdfs.py."""

import shutil
from pathlib import Path

import pytest

from documents.models import Document
from documents.reader import UnreadableDocument, read_bytes, read_source

SOURCES = Path(__file__).parent.parent / "data" / "sources"
LIMIT = 1_000_000


def test_two_column_pdf_reads_each_column_in_order_without_running_header_or_page_numbers():
    source = read_source(SOURCES / "two_column.pdf", max_bytes=LIMIT)

    assert len(source.pages) == 2
    assert "Press Office" not in source.text  # the running header of every page
    assert "Page 1" not in source.text and "Page 2" not in source.text
    text = " ".join(source.text.split())
    assert "paid an official visit to Cambodia from 8 to 10 June 2025." in text
    # The left column's last paragraph comes before the right column's first.
    assert text.index("Programme 1.") < text.index("Programme 11.") < text.index("Programme 14.")
    assert source.meta.title.startswith("Joint Statement on the Strategic Partnership")


def test_pdf_written_row_by_row_across_columns_still_reads_column_by_column():
    text = " ".join(read_source(SOURCES / "row_order.pdf", max_bytes=LIMIT).text.split())

    assert "Minister for Foreign Affairs of the Kingdom of Sweden, paid an official visit" in text
    assert text.index("Phnom Penh, 9 June 2025") < text.index("The Swedish side reaffirmed")


def test_scanned_pdf_without_text_layer_is_refused_naming_the_file():
    with pytest.raises(UnreadableDocument) as info:
        read_bytes((SOURCES / "scanned.pdf").read_bytes(), name="scanned.pdf", max_bytes=LIMIT)

    assert str(info.value).startswith("scanned.pdf: no text layer in this PDF (1 page(s)")
    assert "OCR" in str(info.value)


def test_file_named_pdf_that_is_not_one_is_refused():
    with pytest.raises(UnreadableDocument) as info:
        read_bytes(b"<html>not a pdf</html>", name="statement.pdf", max_bytes=LIMIT)

    assert str(info.value) == "statement.pdf: not a PDF file (it does not start with %PDF-)"


@pytest.mark.django_db
def test_ingested_pdf_keeps_page_starts_and_evidence_cites_its_page(run_ingest, tmp_path):
    shutil.copy(SOURCES / "two_column.pdf", tmp_path)
    shutil.copy(SOURCES / "scanned.pdf", tmp_path)

    out, err, error = run_ingest(str(tmp_path))

    assert "new        two_column.pdf" in out
    assert "failed     scanned.pdf: no text layer in this PDF" in err
    assert error == "1 file(s) could not be ingested (see above)"
    document = Document.objects.get()
    assert document.page_starts[0] == 0 and len(document.page_starts) == 2
    second = document.page_starts[1]
    assert document.text[second:].startswith("officials in this field")
    assert document.page_at(second - 1) == 1 and document.page_at(second) == 2
    evidence = list(document.evidence.select_related("document"))
    assert evidence and {e.page for e in evidence} == {1}
    for item in evidence:
        assert document.text[item.start : item.end] == item.quote
