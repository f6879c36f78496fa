"""Hostile and broken files: each gets a message that says what is wrong, the good files
beside it still go in, and nothing of a refused or failed file stays in the database.

Extraction is replaced by a stub (`stub_extraction`: the text's metadata, no facts) wherever
what the text says does not matter; the test of a failure half-way through uses the real
extraction.
"""

import codecs
import os
import tracemalloc
from pathlib import Path

import pytest

import documents.reader
import documents.services
from documents.models import Document, Evidence
from documents.reader import UnreadableDocument, document_paths, read_source
from documents.services import ingest_paths
from relations.models import Agreement, Meeting, Official
from tests.conftest import _extract_once

MB = 1024 * 1024
GOOD = "Ministers meet in Phnom Penh\n\nThe two ministers met on Monday to talk about trade.\n"


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def sparse(path: Path, size: int) -> Path:
    """A file that says it holds `size` bytes without taking the disk space (or time)."""
    with path.open("wb") as file:
        file.truncate(size)
    return path


def unreadable(path: Path, *, max_bytes: int = 5 * MB) -> str:
    with pytest.raises(UnreadableDocument) as info:
        read_source(path, max_bytes=max_bytes)
    return str(info.value)


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
    ],
)
def test_utf16_and_utf32_with_a_byte_order_mark_are_decoded(tmp_path, encoding, bom):
    text = "Samdech Hun Manet meets Kishida — 東京, 12 March 2025\r\n\r\nKhmer: កម្ពុជា\r\n"
    path = write(tmp_path / "wide.txt", bom + text.encode(encoding))

    source = read_source(path, max_bytes=MB)

    assert source.text == text
    assert not source.text.startswith("\ufeff")


def test_utf16_with_a_broken_character_is_refused_clearly(tmp_path):
    path = write(
        tmp_path / "broken.txt", codecs.BOM_UTF16_LE + "Hello".encode("utf-16-le") + b"\x00\xd8"
    )

    assert unreadable(path) == (
        "broken.txt: not valid UTF-16 text (it starts with a UTF-16 byte-order mark; "
        "invalid bytes at position 12)"
    )


def test_utf16_without_a_byte_order_mark_is_refused_as_binary(tmp_path):
    path = write(tmp_path / "nobom.txt", "Hello, Phnom Penh".encode("utf-16-le"))

    assert unreadable(path) == "nobom.txt: binary file, not text"


def test_windows_1252_is_refused_with_how_to_convert_it(tmp_path):
    """Refused, not guessed: Windows-1252 decodes almost any bytes, so a Shift-JIS or other
    legacy file would go in as garbled names. The message says how to convert it."""
    path = write(tmp_path / "legacy.txt", "Minister’s visit – café".encode("cp1252"))

    assert unreadable(path) == (
        "legacy.txt: not UTF-8 text (invalid byte at position 8); save it as UTF-8 and "
        "ingest it again (from Windows-1252, for instance: iconv -f windows-1252 -t utf-8)"
    )


def test_invalid_utf8_is_refused_with_the_position(tmp_path):
    path = write(tmp_path / "bad.md", b"Title\n\nValid text, then \xc3\x28 a broken pair.\n")

    assert unreadable(path).startswith("bad.md: not UTF-8 text (invalid byte at position 24)")


# ---------------------------------------------------------------- size


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path):
    path = sparse(tmp_path / "huge.txt", 50 * MB)

    tracemalloc.start()
    try:
        message = unreadable(path, max_bytes=5 * MB)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert message == "huge.txt: too large (52,428,800 bytes; the limit is 5,242,880)"
    assert peak < 256 * 1024  # not a byte of it was read


def test_a_file_that_grows_while_read_is_not_read_past_the_limit(tmp_path, monkeypatch):
    """The size on disk is checked first, but a file can grow between that check and the
    read (a log being written): the read itself stops one byte past the limit."""
    path = write(tmp_path / "growing.txt", b"a" * 5_000)
    real_fstat = os.fstat

    def fstat_before_it_grew(fd):
        info = real_fstat(fd)
        return os.stat_result((info.st_mode, *info[1:6], 100, *info[7:]))

    monkeypatch.setattr(documents.reader.os, "fstat", fstat_before_it_grew)
    reads = []
    real_fdopen = os.fdopen

    def fdopen_counting(fd, mode):
        file = real_fdopen(fd, mode)
        read = file.read
        file.read = lambda size=-1: reads.append(size) or read(size)
        return file

    monkeypatch.setattr(documents.reader.os, "fdopen", fdopen_counting)

    message = unreadable(path, max_bytes=1_000)

    assert message == "growing.txt: too large (it grew past the limit of 1,000 bytes while read)"
    assert reads == [1_001]


def test_a_file_of_one_5_mb_line_is_refused_before_extraction(tmp_path):
    """spaCy takes at most 1,000,000 characters at once (its max_length) and about 1 GB of
    memory per 100,000; one line of 5 MB is no prose, and is refused up front."""
    path = write(tmp_path / "dump.txt", b"Title\n\n" + b"word " * 1_000_000)

    message = unreadable(path)

    assert message == (
        "dump.txt: a paragraph of 5,000,000 characters without a blank line (the limit is "
        "100,000); this is not prose the extraction can read — split it into paragraphs"
    )


def test_a_long_document_of_ordinary_paragraphs_is_read(tmp_path):
    paragraph = "The ministers met again. " * 200  # 5,000 characters
    path = write(tmp_path / "long.txt", ("Title\n\n" + "\n\n".join([paragraph] * 400)).encode())

    assert len(read_source(path, max_bytes=5 * MB).text) > 2_000_000


# ---------------------------------------------------------------- odd paths


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)

    assert unreadable(fifo) == "pipe.txt: not a regular file"


def test_a_symlink_loop_named_on_the_command_line_is_reported(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.symlink_to(b)
    b.symlink_to(a)

    [item] = list(document_paths([a]))

    assert str(item) == (
        f"{a}: symbolic link that leads nowhere (its target is missing, or the links loop)"
    )
    assert "Too many levels of symbolic links" in unreadable(a)


def test_a_folder_with_link_loops_is_listed_without_hanging(tmp_path):
    inbox = tmp_path / "inbox"
    good = write(inbox / "good.txt", GOOD.encode())
    (inbox / "again").symlink_to(inbox, target_is_directory=True)  # a folder loop
    (inbox / "self.txt").symlink_to(inbox / "self.txt")  # a file loop

    found = [str(item) for item in document_paths([inbox])]

    assert found == [
        str(good),
        f"{inbox / 'self.txt'}: symbolic link that leads nowhere "
        "(its target is missing, or the links loop)",
    ]


def test_a_read_error_half_way_is_reported_as_unreadable(tmp_path, monkeypatch):
    path = write(tmp_path / "flaky.txt", GOOD.encode())
    real_fdopen = os.fdopen

    def failing_fdopen(fd, mode):
        file = real_fdopen(fd, mode)

        def read(size=-1):
            raise OSError(5, "Input/output error")

        file.read = read
        return file

    monkeypatch.setattr(documents.reader.os, "fdopen", failing_fdopen)

    assert unreadable(path) == "flaky.txt: cannot be read (Input/output error)"


# ---------------------------------------------------------------- through `ingest`


def counts() -> dict[str, int]:
    return {
        m.__name__: m.objects.count() for m in (Document, Evidence, Official, Meeting, Agreement)
    }


@pytest.mark.django_db
def test_a_folder_of_mixed_files_takes_the_good_ones_and_names_each_bad_one(
    run_ingest, stub_extraction, tmp_path
):
    inbox = tmp_path / "inbox"
    write(inbox / "good.txt", GOOD.encode())
    write(
        inbox / "sub" / "utf16.md",
        codecs.BOM_UTF16_LE + GOOD.replace("Monday", "Tuesday").encode("utf-16-le"),
    )
    write(inbox / "page.html", b"<html><body><script>x()</script><style>p{}</style></body></html>")
    write(inbox / "empty.txt", b"")
    write(inbox / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(inbox / "latin.txt", "caf\xe9".encode("latin-1"))
    sparse(inbox / "huge.txt", 50 * MB)
    write(inbox / "dump.md", b"word " * 1_000_000)
    (inbox / "loop.txt").symlink_to(inbox / "loop.txt")
    os.mkfifo(inbox / "pipe.txt")
    (inbox / "back").symlink_to(inbox, target_is_directory=True)
    write(inbox / "photo.png", b"\x89PNG")  # not a document type: skipped in a folder

    out, err, error = run_ingest(str(inbox))

    assert error == "8 file(s) could not be ingested (see above)"
    assert "new        good.txt" in out and "new        utf16.md" in out
    assert "documents: 2 new, 0 unchanged, 0 re-extracted, 8 failed" in out
    failures = [line for line in err.splitlines() if line.startswith("failed")]  # path order
    nowhere = "symbolic link that leads nowhere (its target is missing, or the links loop)"
    assert failures == [
        "failed     dump.md: a paragraph of 5,000,000 characters without a blank line (the "
        "limit is 100,000); this is not prose the extraction can read — split it into "
        "paragraphs",
        "failed     empty.txt: empty file",
        "failed     huge.txt: too large (52,428,800 bytes; the limit is 5,242,880)",
        "failed     image.txt: binary file, not text",
        "failed     latin.txt: not UTF-8 text (invalid byte at position 3); save it as UTF-8 "
        "and ingest it again (from Windows-1252, for instance: iconv -f windows-1252 -t utf-8)",
        f"failed     {inbox / 'loop.txt'}: {nowhere}",
        "failed     page.html: no text in this HTML page, only markup",
        "failed     pipe.txt: not a regular file",
    ]
    assert sorted(Document.objects.values_list("file_name", flat=True)) == ["good.txt", "utf16.md"]
    assert "Tuesday" in Document.objects.get(file_name="utf16.md").text


@pytest.mark.django_db
def test_a_file_that_vanishes_between_listing_and_reading(stub_extraction, tmp_path):
    inbox = tmp_path / "inbox"
    for name in ("a.txt", "b.txt", "c.txt"):
        write(inbox / name, GOOD.replace("Monday", name).encode())

    def remove_b_once_a_is_in(outcome):
        if outcome.name == "a.txt":
            (inbox / "b.txt").unlink()

    report = ingest_paths([inbox], on_file=remove_b_once_a_is_in)

    assert [(o.name, o.status, o.message) for o in report.outcomes] == [
        ("a.txt", "new", ""),
        ("b.txt", "failed", "b.txt: cannot be read (No such file or directory)"),
        ("c.txt", "new", ""),
    ]
    assert sorted(Document.objects.values_list("file_name", flat=True)) == ["a.txt", "c.txt"]


@pytest.mark.django_db
def test_a_failure_half_way_through_writing_leaves_nothing_of_that_document(
    run_ingest, seeds_dir, tmp_path, monkeypatch
):
    """The real extraction of a seed, whose facts are written and then the write fails:
    the document and every fact and piece of evidence of it are rolled back."""
    monkeypatch.setattr(documents.services, "extract", _extract_once)
    real_apply = documents.services.apply_extraction
    written = {}

    def apply_then_fail(**kwargs):
        real_apply(**kwargs)
        written.update(counts())
        raise RuntimeError("disk full")

    monkeypatch.setattr(documents.services, "apply_extraction", apply_then_fail)
    seed = seeds_dir / "004_84d835c23551d7b1.txt"

    out, err, error = run_ingest(str(seed))

    assert written["Document"] == 1 and written["Official"] > 0 and written["Evidence"] > 0
    assert error == "1 file(s) could not be ingested (see above)"
    assert "failed     004_84d835c23551d7b1.txt: extraction failed (disk full)" in err
    assert counts() == dict.fromkeys(counts(), 0)

    monkeypatch.setattr(documents.services, "apply_extraction", real_apply)
    out, err, error = run_ingest(str(seed))  # and it goes in whole once the fault is gone

    assert (err, error) == ("", None)
    assert "new        004_84d835c23551d7b1.txt" in out
    assert counts()["Official"] == written["Official"]
