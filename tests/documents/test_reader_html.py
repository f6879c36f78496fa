"""documents.reader's HTML reader: the text a reader sees in a page (no database)."""

from pathlib import Path

import pytest

from documents.models import Document
from documents.reader import (
    READERS,
    UnreadableDocument,
    document_paths,
    html_to_text,
    read_bytes,
    read_source,
)

LIMIT = 10_000


def test_paragraphs_are_separated_by_a_blank_line_and_inline_tags_removed():
    html = "<h1>Talks in <em>Tokyo</em></h1><p>First <b>bold</b> point.</p><div>Second</div>"

    assert html_to_text(html) == "Talks in Tokyo\n\nFirst bold point.\n\nSecond\n"


def test_scripts_styles_and_comments_are_dropped():
    html = (
        "<html><head><style>p { color: red }</style>"
        "<script>if (a < b && c > d) { document.write('<p>hidden</p>'); }</script></head>"
        "<body><!-- a comment --><p>Shown</p><noscript>Enable JavaScript</noscript>"
        "<template><p>later</p></template><svg><title>icon</title><text>x</text></svg>"
        '<script type=\'application/ld+json\'>{"name": "hidden"}</script></body></html>'
    )

    assert html_to_text(html) == "Shown\n"


def test_entities_are_unescaped():
    html = (
        "<p>Japan &amp; Cambodia &ndash; &ldquo;70&nbsp;years&rdquo; &#169; &#x2014; &lt;b&gt;</p>"
    )

    assert html_to_text(html) == "Japan & Cambodia – “70 years” © — <b>\n"


def test_whitespace_in_the_source_is_collapsed_and_br_keeps_a_line_break():
    html = "<p>  Phnom   Penh,\n   12 March\t2025  <br>Second line</p>"

    assert html_to_text(html) == "Phnom Penh, 12 March 2025\nSecond line\n"


def test_lists_and_table_rows_are_paragraphs_and_cells_are_spaced():
    html = "<ul><li>one</li><li>two</li></ul><table><tr><td>a</td><td>b</td></tr></table>"

    assert html_to_text(html) == "one\n\ntwo\n\na b\n"


def test_unclosed_paragraphs_still_separate():
    assert html_to_text("<p>First<p>Second<p>Third") == "First\n\nSecond\n\nThird\n"


def test_preformatted_text_keeps_its_lines():
    assert html_to_text("<pre>a  b\n   c</pre><p>d</p>") == "a  b\n   c\n\nd\n"


def test_page_title_opens_the_text_only_without_a_headline():
    assert html_to_text("<title>Page</title><p>Body</p>") == "Page\n\nBody\n"
    assert html_to_text("<title>Page | Site</title><h1>Headline</h1><p>Body</p>") == (
        "Headline\n\nBody\n"
    )


def test_page_without_text_gives_nothing():
    assert html_to_text("<html><head><script>x()</script></head><body></body></html>") == ""


# ---------------------------------------------------------------- reading HTML files


def test_html_is_a_readable_type():
    assert ".html" in READERS


def test_html_file_is_read_as_its_text_and_keeps_its_bytes(tmp_path):
    data = "<h1>Café &amp; talks</h1><script>x()</script><p>Body</p>".encode()
    path = tmp_path / "page.html"
    path.write_bytes(data)

    source = read_source(path, max_bytes=LIMIT)

    assert source.text == "Café & talks\n\nBody\n"
    assert source.data == data


def test_html_files_are_found_in_folders(tmp_path):
    for name in ("b.html", "a.txt", "c.HTML", "d.htm.bak"):
        (tmp_path / name).write_bytes(b"x")

    assert [p.name for p in document_paths([tmp_path])] == ["a.txt", "b.html", "c.HTML"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "page.html: empty file"),
        (b"<p>caf\xe9</p>", "page.html: not UTF-8 text"),
        (b"<script>x()</script><style>p{}</style>", "page.html: no text in this HTML page"),
        (b"<p>" + b"x" * LIMIT + b"</p>", "page.html: too large ("),
    ],
)
def test_unreadable_html_is_refused_with_a_reason(data, message):
    with pytest.raises(UnreadableDocument) as info:
        read_bytes(data, name="page.html", max_bytes=LIMIT)

    assert str(info.value).startswith(message)


def test_read_bytes_refuses_unsupported_types():
    with pytest.raises(UnreadableDocument) as info:
        read_bytes(b"PK\x03\x04", name="report.docx", max_bytes=LIMIT)

    assert str(info.value) == (
        "report.docx: unsupported file type '.docx' (readable: .htm, .html, .md, .pdf, .txt)"
    )


@pytest.mark.django_db
def test_manage_py_ingest_reads_html(run_ingest, tmp_path):
    page = Path(tmp_path / "talks.html")
    page.write_text(
        "<html><head><script>var x = 1;</script></head><body>"
        "<h1>Cambodia &amp; Japan hold talks</h1><p>Phnom Penh, 12 March 2025</p>"
        "<p>H.E. Mr. HUN Sen, President of the Senate of the Kingdom of Cambodia, received "
        "H.E. Ms. KAMIKAWA Yoko, Minister for Foreign Affairs of Japan, on 12 March 2025 "
        "in Phnom Penh.</p></body></html>",
        encoding="utf-8",
    )

    out, err, error = run_ingest(str(tmp_path))

    assert (err, error) == ("", None)
    assert "new        talks.html" in out
    document = Document.objects.get()
    assert document.title == "Cambodia & Japan hold talks"
    assert "var x" not in document.text
    assert document.evidence.exists()
