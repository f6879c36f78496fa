"""documents.reader: which paths are documents, and why a file cannot be read (no database)."""

from pathlib import Path

import pytest

from documents.reader import UnreadableDocument, document_paths, read_source

LIMIT = 1_000


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def unreadable(path: Path, *, max_bytes: int = LIMIT) -> str:
    with pytest.raises(UnreadableDocument) as info:
        read_source(path, max_bytes=max_bytes)
    return str(info.value)


def test_plain_utf8_file_is_read_as_text(tmp_path):
    path = write(tmp_path / "note.txt", "Phnom Penh – café\n".encode())

    source = read_source(path, max_bytes=LIMIT)

    assert source.text == "Phnom Penh – café\n"
    assert source.data == "Phnom Penh – café\n".encode()
    assert source.path == path


def test_empty_file_is_refused(tmp_path):
    path = write(tmp_path / "empty.txt", b"")

    assert unreadable(path) == "empty.txt: empty file"


def test_whitespace_only_file_is_refused_as_empty(tmp_path):
    path = write(tmp_path / "blank.md", b"  \n\t\r\n   \n")

    assert unreadable(path) == "blank.md: empty file"


def test_bom_only_file_is_refused_as_empty(tmp_path):
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbf\n")

    assert unreadable(path) == "bom.txt: empty file"


def test_binary_file_with_nul_bytes_is_refused(tmp_path):
    path = write(tmp_path / "scan.txt", b"%PDF-1.7\x00\x00\x01\x02binary")

    assert unreadable(path) == "scan.txt: binary file, not text"


def test_text_full_of_control_characters_is_refused_as_binary(tmp_path):
    path = write(tmp_path / "dump.txt", bytes(range(1, 9)) * 20 + b"some words")

    assert unreadable(path) == "dump.txt: binary file, not text"


def test_windows_1252_file_is_refused_with_the_bad_byte_position(tmp_path):
    path = write(tmp_path / "legacy.txt", b"caf\xe9 in Phnom Penh")

    message = unreadable(path)

    assert message.startswith("legacy.txt: not UTF-8 text (invalid byte at position 3)")
    assert "save it as UTF-8" in message


def test_utf8_bom_is_accepted_and_removed(tmp_path):
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbfTitle line\n\nBody.\n")

    source = read_source(path, max_bytes=LIMIT)

    assert source.text == "Title line\n\nBody.\n"
    assert not source.text.startswith("\ufeff")


def test_file_over_the_size_limit_is_refused_with_size_and_limit(tmp_path):
    path = write(tmp_path / "huge.txt", b"a" * 1_500)

    assert unreadable(path, max_bytes=1_000) == (
        "huge.txt: too large (1,500 bytes; the limit is 1,000)"
    )


def test_file_exactly_at_the_size_limit_is_read(tmp_path):
    path = write(tmp_path / "edge.txt", b"a" * 1_000)

    assert read_source(path, max_bytes=1_000).text == "a" * 1_000


def test_missing_file_cannot_be_read(tmp_path):
    message = unreadable(tmp_path / "gone.txt")

    assert message.startswith("gone.txt: cannot be read (")
    assert "No such file" in message


def test_missing_path_is_reported_not_skipped(tmp_path):
    missing = tmp_path / "nowhere" / "gone.txt"

    [item] = list(document_paths([missing]))

    assert isinstance(item, UnreadableDocument)
    assert str(item) == f"{missing}: no such file or folder"


def test_named_file_of_unsupported_type_is_reported(tmp_path):
    path = write(tmp_path / "report.docx", b"PK\x03\x04")

    [item] = list(document_paths([path]))

    assert isinstance(item, UnreadableDocument)
    assert str(item) == (
        f"{path}: unsupported file type '.docx' (readable: .htm, .html, .md, .pdf, .txt)"
    )


def test_named_files_of_supported_types_are_kept_in_the_order_given(tmp_path):
    b = write(tmp_path / "b.txt", b"b")
    a = write(tmp_path / "A.MD", b"a")

    assert list(document_paths([b, str(a)])) == [b, a]


def test_folder_expands_to_sorted_txt_and_md_files_including_nested_folders(tmp_path):
    root = tmp_path / "inbox"
    write(root / "b.md", b"b")
    write(root / "a.txt", b"a")
    write(root / "notes.docx", b"PK")
    write(root / "photo.png", b"\x89PNG")
    write(root / "README", b"no extension")
    write(root / "sub" / "c.txt", b"c")
    write(root / "sub" / "deeper" / "d.TXT", b"d")
    write(root / "sub" / "table.csv", b"x,y")
    write(root / "folder.txt" / "e.txt", b"e")  # a folder named like a document

    found = list(document_paths([root]))

    assert [p.relative_to(root).as_posix() for p in found] == [
        "a.txt",
        "b.md",
        "folder.txt/e.txt",
        "sub/c.txt",
        "sub/deeper/d.TXT",
    ]


def test_folders_and_files_mixed_keep_argument_order(tmp_path):
    first = write(tmp_path / "z_first.txt", b"z")
    write(tmp_path / "folder" / "b.txt", b"b")
    write(tmp_path / "folder" / "a.txt", b"a")

    found = list(document_paths([first, tmp_path / "folder"]))

    assert [p.name for p in found] == ["z_first.txt", "a.txt", "b.txt"]
