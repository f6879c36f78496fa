"""Backups that lose nothing: `export_kb --backup` writes one, `import_kb` restores it.

A backup is a `bilateral-kb/1` export — the spec'd keys exactly as `build_export()` gives
them, so a tool that reads only those still reads a backup — plus a top-level `"backup"`:

    {"format": "bilateral-kb/1", "documents": […], "officials": […], …,
     "backup": {"version": 1, "tables": {"countries": […], "topics": […], "documents": […],
                "officials": […], "aliases": […], "positions": […], "meetings": […],
                "participations": […], "agreements": […], "evidence": […],
                "merge_records": […]}}}

Each table holds every row, in primary-key order, with every stored column: rejected and
merged facts too, with review_state, edited_fields, extracted_values, version, merged_into
and created/updated times; documents with their text; all evidence. A foreign key is the
primary key it points to, under the field's name (`"official": 12`); a many-to-many link
(meeting countries and topics, agreement parties and signatories) a sorted list of primary
keys; a link to a user (a merge record's editor) the username, or null. Dates and times are
ISO 8601, amounts decimal strings (`"59600000.00"`), so nothing is rounded.

`restore_backup` writes the rows back into an empty knowledge base with their primary keys,
so every id in every link, page address and export is what it was, all in one transaction.
Rows are written with `bulk_create`, which writes no simple-history records: a restored
row's history starts at its next change (history rows the database still holds for the same
ids stay and are shown as before). Creation and update times, which `bulk_create` would set
to now, are written back as backed up. Editors' usernames not found here leave the merge
record without an editor (`unknown_editors` names them first). History tables and user
accounts are not part of a backup.
"""

import datetime
import uuid
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction

from documents.models import Document, Evidence
from relations import facet_cache
from relations.export import FORMAT, build_export
from relations.models import (
    Agreement,
    Alias,
    Country,
    Meeting,
    MergeRecord,
    Official,
    Participation,
    Position,
    Topic,
)

BACKUP_VERSION = 1

# Restored in this order (what a row points at comes before it, where it can).
TABLES: tuple[tuple[str, type[models.Model]], ...] = (
    ("countries", Country),
    ("topics", Topic),
    ("documents", Document),
    ("officials", Official),
    ("aliases", Alias),
    ("positions", Position),
    ("meetings", Meeting),
    ("participations", Participation),
    ("agreements", Agreement),
    ("evidence", Evidence),
    ("merge_records", MergeRecord),
)
# The tables whose rows make a knowledge base "not empty" (countries and topics are reference
# rows that facts point at; a backup replaces them).
CONTENT_TABLES = (
    "documents",
    "evidence",
    "officials",
    "aliases",
    "positions",
    "meetings",
    "participations",
    "agreements",
    "merge_records",
)


class BackupError(ValueError):
    """A file that cannot be restored, or a knowledge base it cannot be restored into."""


# ------------------------------------------------------------------ the shape of a table


def _columns(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not getattr(f, "generated", False)]


def _links(model) -> list[models.ManyToManyField]:
    """Many-to-many fields stored in a table of their own (not those with a model)."""
    return [f for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created]


def _link_columns(field: models.ManyToManyField) -> tuple[str, str]:
    through = field.remote_field.through
    source = through._meta.get_field(field.m2m_field_name()).attname
    target = through._meta.get_field(field.m2m_reverse_field_name()).attname
    return source, target


def _is_user_link(field) -> bool:
    return field.is_relation and field.related_model is get_user_model()


def _username_field() -> str:
    return get_user_model().USERNAME_FIELD


# ------------------------------------------------------------------ writing a backup


def _dump_value(field, value):
    if value is None or isinstance(field, models.JSONField):
        return value
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _dump_table(model) -> list[dict]:
    columns = _columns(model)
    users = {}
    user_fields = [f for f in columns if _is_user_link(f)]
    rows = list(model._base_manager.order_by("pk"))
    if user_fields:
        ids = {getattr(r, f.attname) for r in rows for f in user_fields} - {None}
        users = dict(
            get_user_model()._base_manager.filter(pk__in=ids).values_list("pk", _username_field())
        )
    links = {}
    for field in _links(model):
        source, target = _link_columns(field)
        grouped: dict = {}
        for left, right in field.remote_field.through._base_manager.values_list(source, target):
            grouped.setdefault(left, []).append(right)
        links[field.name] = grouped
    table = []
    for row in rows:
        item = {}
        for field in columns:
            value = getattr(row, field.attname)
            if field in user_fields:
                item[field.name] = users.get(value)
            else:
                item[field.name] = _dump_value(field, value)
        for name, grouped in links.items():
            item[name] = sorted(grouped.get(row.pk, []))
        table.append(item)
    return table


def build_backup() -> dict:
    """The whole knowledge base: the spec'd export plus every row of every table.

    Read in one transaction; on PostgreSQL (when no transaction is open yet) a repeatable-read
    one, so a backup taken while editors work is one consistent state.
    """
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic():
        if snapshot:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        data = build_export()
        data["backup"] = {
            "version": BACKUP_VERSION,
            "tables": {name: _dump_table(model) for name, model in TABLES},
        }
    return data


# ------------------------------------------------------------------ reading a backup


def backup_tables(data) -> dict[str, list[dict]]:
    """The tables of a backup, or a BackupError saying what the data is instead."""
    if not isinstance(data, dict):
        raise BackupError(
            f"not a Bilateral backup: the file holds a JSON {type(data).__name__}, not an object"
        )
    if "format" not in data:
        raise BackupError('not a Bilateral backup: it has no "format" key')
    if data["format"] != FORMAT:
        raise BackupError(
            f"unknown format {data['format']!r}: this version of Bilateral reads {FORMAT!r}"
        )
    if "backup" not in data:
        raise BackupError(
            "this is a plain export, not a backup: it leaves out rejected and merged facts and "
            "the editors' decisions, so it cannot restore the knowledge base. Write a backup "
            "with `manage.py export_kb --backup --output FILE`."
        )
    backup = data["backup"]
    version = backup.get("version") if isinstance(backup, dict) else None
    if version != BACKUP_VERSION:
        raise BackupError(
            f"unknown backup version {version!r}: this version of Bilateral reads version "
            f"{BACKUP_VERSION}"
        )
    tables = backup.get("tables")
    if not isinstance(tables, dict):
        raise BackupError('the backup has no "tables"')
    names = [name for name, _ in TABLES]
    unknown = sorted(set(tables) - set(names))
    if unknown:
        raise BackupError(f"the backup has tables this version does not know: {unknown}")
    missing = [name for name in names if name not in tables]
    if missing:
        raise BackupError(f"the backup lacks tables: {missing}")
    for name in names:
        rows = tables[name]
        if not isinstance(rows, list) or not all(
            isinstance(r, dict) and isinstance(r.get("id"), int) for r in rows
        ):
            raise BackupError(f"table {name!r} is not a list of rows with an integer id")
    return tables


def unknown_editors(data) -> list[str]:
    """Usernames the backup names (as editors) that have no account here."""
    tables = backup_tables(data)
    wanted = set()
    for name, model in TABLES:
        for field in _columns(model):
            if _is_user_link(field):
                wanted |= {r.get(field.name) for r in tables[name]} - {None}
    known = set(
        get_user_model()
        ._base_manager.filter(**{f"{_username_field()}__in": wanted})
        .values_list(_username_field(), flat=True)
    )
    return sorted(wanted - known)


def knowledge_base_counts() -> dict[str, int]:
    """How many rows each content table holds now (documents, evidence, facts, …)."""
    models_by_name = dict(TABLES)
    return {name: models_by_name[name]._base_manager.count() for name in CONTENT_TABLES}


def _clear() -> None:
    """Delete the knowledge base, links before what they link (history records each deletion
    of a fact, alias, post or participation)."""
    tables = dict(TABLES)
    for name in (*reversed(CONTENT_TABLES), "countries", "topics"):
        tables[name]._base_manager.all().delete()


def _load_value(field, value, users: dict):
    if value is None:
        return None
    if _is_user_link(field):
        return users.get(value)
    if isinstance(field, models.JSONField):
        return value
    if field.is_relation:
        return field.target_field.to_python(value)
    return field.to_python(value)


def _build(model, row: dict, users: dict) -> models.Model:
    columns = _columns(model)
    known = {f.name for f in columns} | {f.name for f in _links(model)}
    extra = sorted(set(row) - known)
    if extra:
        raise BackupError(f"unknown columns {extra}")
    values = {}
    for field in columns:
        if field.name in row:
            values[field.attname] = _load_value(field, row[field.name], users)
        else:  # a column added since the backup was written
            values[field.attname] = field.get_default()
        _check_value(field, values[field.attname])
    return model(**values)


def _check_value(field, value) -> None:
    """Refuse what the model would never hold: a choice it does not offer, or a JSON value
    of another shape than the column's default (`edited_fields` a list, `extracted_values` an
    object). Such a value would restore silently and mislead every page and re-extraction."""
    if value is None:
        return
    choices = {str(k) for k, _ in field.flatchoices} if field.choices else None
    if choices and value not in choices and not (field.blank and value == ""):
        raise BackupError(f"{field.name} {value!r} is not one of its choices")
    shape = field.default if isinstance(field, models.JSONField) else None
    if shape in (list, dict) and not isinstance(value, shape):
        article = "a list" if shape is list else "an object"
        raise BackupError(f"{field.name} must be {article}, not {value!r}")
    if shape is list and not all(isinstance(item, str) for item in value):
        raise BackupError(f"{field.name} must hold names of fields, not {value!r}")


def restore_backup(data, *, replace: bool = False) -> dict[str, int]:
    """Restore a backup (from `build_backup`) into this database; return rows per table.

    The knowledge base must be empty (no documents, evidence, facts or merge records),
    unless `replace`, which deletes what it holds first. Countries and topics already here
    are replaced by the backup's. One transaction: on any error nothing is changed.
    Writes with `bulk_create` (no simple-history records; see the module docstring).
    """
    tables = backup_tables(data)
    users_model = get_user_model()
    written: list[type[models.Model]] = []
    counts: dict[str, int] = {}
    with transaction.atomic():
        facet_cache.changed()  # rows written in bulk send no signals: kept counts are stale
        held = {name: n for name, n in knowledge_base_counts().items() if n}
        if held and not replace:
            listed = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in held.items())
            raise BackupError(
                f"the knowledge base is not empty ({listed}); a backup is restored only into "
                "an empty one (use --force to replace what it holds)"
            )
        _clear()
        usernames = {
            row.get(f.name)
            for name, model in TABLES
            for f in _columns(model)
            if _is_user_link(f)
            for row in tables[name]
        } - {None}
        users = dict(
            users_model._base_manager.filter(**{f"{_username_field()}__in": usernames}).values_list(
                _username_field(), "pk"
            )
        )
        with connection.constraint_checks_disabled():
            for name, model in TABLES:
                counts[name] = _restore_table(name, model, tables[name], users)
                written.append(model)
                written.extend(f.remote_field.through for f in _links(model))
        try:
            connection.check_constraints(table_names=[m._meta.db_table for m in written])
        except DatabaseError as exc:
            raise BackupError(f"the backup's rows do not fit together: {exc}") from exc
        statements = connection.ops.sequence_reset_sql(no_style(), written)
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
    return counts


def _restore_table(name: str, model, rows: list[dict], users: dict) -> int:
    objects = []
    for row in rows:
        try:
            objects.append(_build(model, row, users))
        except (BackupError, ValidationError, ValueError, TypeError) as exc:
            raise BackupError(f"{name} row {row.get('id')}: {exc}") from exc
    # bulk_create sets auto_now/auto_now_add columns to now (on the objects too): keep the
    # backed-up times and write them back after.
    stamped = [
        f.attname
        for f in _columns(model)
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    times = [[getattr(obj, name) for name in stamped] for obj in objects]
    try:
        model._base_manager.bulk_create(objects)
        if stamped and objects:
            for obj, values in zip(objects, times, strict=True):
                for name, value in zip(stamped, values, strict=True):
                    if value is not None:  # absent from the backup: now it is
                        setattr(obj, name, value)
            model._base_manager.bulk_update(objects, stamped, batch_size=500)
        for field in _links(model):
            through = field.remote_field.through
            source, target = _link_columns(field)
            through._base_manager.bulk_create(
                [
                    through(**{source: row["id"], target: other})
                    for row in rows
                    for other in row.get(field.name) or []
                ]
            )
    except (DatabaseError, ValueError, TypeError) as exc:
        raise BackupError(f"cannot restore {name}: {exc}") from exc
    return len(objects)


__all__ = [
    "BACKUP_VERSION",
    "BackupError",
    "backup_tables",
    "build_backup",
    "knowledge_base_counts",
    "restore_backup",
    "unknown_editors",
]
