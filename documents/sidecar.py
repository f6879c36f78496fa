"""Metadata kept beside files saved as text: a `NAME.json` next to `NAME.txt`, or one
`manifest.csv` in the folder with a row per file.

    manifest.csv    file,url,title,published,publisher[,byline]
                    talks.txt,https://…,Ministers meet,2025-03-14,The Harbour Gazette

`published` is a day written YYYY-MM-DD; every column but `file` may be left empty. A JSON
sidecar holds the same keys (`{"url": …, "published": …}`) and stands before the file's
manifest row. Rows are counted as a spreadsheet shows them: the header is row 1.

A file whose metadata cannot be read (a bad row, a broken JSON file) is refused with the
reason, not ingested without it: once stored it would count as already ingested, and the
corrected metadata would never reach it.
"""

import csv
import datetime as dt
import functools
import io
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from documents.source_meta import LIMITS, SourceMeta

MANIFEST = "manifest.csv"
COLUMNS = ("file", "url", "title", "published", "publisher", "byline")
_URL = URLValidator(schemes=["http", "https"])


class SidecarError(Exception):
    """Why a file's metadata cannot be read, for a person."""


def sidecar_meta(path: Path) -> SourceMeta:
    """The metadata beside `path` (its JSON sidecar over its manifest row), or SidecarError."""
    manifest = _manifest(path.parent)
    if manifest.problem:
        raise SidecarError(manifest.problem)
    if path.name in manifest.errors:
        raise SidecarError(manifest.errors[path.name])
    meta = manifest.rows.get(path.name, SourceMeta())
    json_path = path.with_suffix(".json")
    if path.suffix.lower() != ".json" and json_path.is_file():
        meta = _json_meta(json_path).over(meta)
    return meta


def unmatched_rows(folder: Path, names: set[str]) -> list[str]:
    """The manifest's complaints about rows naming no file among `names` (the folder's)."""
    manifest = _manifest(folder)
    return [
        f"{folder / MANIFEST} row {row}: no file named '{name}' in the folder"
        for name, row in manifest.lines.items()
        if name not in names
    ]


class _Manifest:
    def __init__(self):
        self.rows: dict[str, SourceMeta] = {}
        self.errors: dict[str, str] = {}
        self.lines: dict[str, int] = {}
        self.problem = ""  # the whole manifest unreadable


def _manifest(folder: Path) -> _Manifest:
    path = folder / MANIFEST
    try:
        info = path.stat()
    except OSError:
        return _Manifest()
    return _read_manifest(path, info.st_mtime_ns, info.st_size)


@functools.lru_cache(maxsize=64)
def _read_manifest(path: Path, mtime_ns: int, size: int) -> _Manifest:
    """The manifest parsed (kept while the file is unchanged: a folder of 10,000 files reads
    it once)."""
    manifest = _Manifest()
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        manifest.problem = f"{MANIFEST}: cannot be read as UTF-8 CSV ({exc})"
        return manifest
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    unknown = [name for name in header if name not in COLUMNS]
    if "file" not in header or unknown:
        what = f"unknown column '{unknown[0]}'" if unknown else "no 'file' column"
        manifest.problem = f"{MANIFEST} row 1: {what} (columns: {', '.join(COLUMNS)})"
        return manifest
    reader.fieldnames = header
    for row_number, row in enumerate(reader, start=2):
        name = (row.get("file") or "").strip()
        if not name:
            continue  # a blank line at the end, or a row without a file: nothing to attach
        where = f"{MANIFEST} row {row_number}"
        if name in manifest.lines:
            manifest.errors[name] = (
                f"{where}: '{name}' is listed twice (also row {manifest.lines[name]})"
            )
            continue
        manifest.lines[name] = row_number
        try:
            manifest.rows[name] = _meta(row, where=where)
        except SidecarError as exc:
            manifest.errors[name] = str(exc)
    return manifest


def _json_meta(path: Path) -> SourceMeta:
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SidecarError(f"{path.name}: not a readable JSON file ({exc})") from exc
    if not isinstance(data, dict):
        raise SidecarError(f"{path.name}: not a JSON object of url, title, published …")
    unknown = sorted(set(data) - set(COLUMNS[1:]))
    if unknown:
        raise SidecarError(
            f"{path.name}: unknown key '{unknown[0]}' (keys: {', '.join(COLUMNS[1:])})"
        )
    return _meta(data, where=path.name)


def _meta(row: dict, *, where: str) -> SourceMeta:
    values = {key: str(row.get(key) or "").strip() for key in COLUMNS[1:]}
    for key, limit in LIMITS.items():
        if len(values.get(key, "")) > limit:
            raise SidecarError(f"{where}: {key} longer than {limit:,} characters")
    if values["url"]:
        try:
            _URL(values["url"])
        except ValidationError as exc:
            raise SidecarError(f"{where}: url '{values['url']}' is not a web address") from exc
    published = None
    if values["published"]:
        try:
            published = dt.date.fromisoformat(values["published"])
        except ValueError as exc:
            raise SidecarError(
                f"{where}: published '{values['published']}' is not a day written YYYY-MM-DD"
            ) from exc
    return SourceMeta(
        title=values["title"],
        published_on=published,
        publisher=values["publisher"],
        byline=values["byline"],
        url=values["url"],
    )
