"""The knowledge base as an SQLite file Datasette can serve: the same rows, with their ids.

`export(path)` copies every row (hidden ones too: rejected and merged records keep their
review_state and merged_into columns) of the countries, topics, officials and their aliases
and posts, meetings, who took part, the meeting-country and meeting-topic links, and the
agreements with their parties, from the configured database. The file declares its
foreign keys (Datasette then shows labels and the links from other tables), indexes every
foreign key and faceted column, searches official names with FTS5 (Datasette's `_search`),
and has two columns the app derives at query time, a meeting's `year` and `month`, so
Datasette can facet on them. ANALYZE at the end gives SQLite's planner the row counts.
"""

import itertools
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db.models import QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear

from relations.models import (
    Agreement,
    Alias,
    Country,
    Meeting,
    Official,
    Participation,
    Position,
    Topic,
)

BATCH = 5000
# Values SQLite cannot store as they come from the ORM, by declared column type.
CONVERT = {"DATE": lambda d: d.isoformat(), "REAL": float}


@dataclass(frozen=True)
class Column:
    name: str
    type: str = "TEXT"
    references: str | None = None  # the table an id points to (indexed)
    indexed: bool = False  # a faceted or filtered column
    source: str = ""  # the queryset's field or annotation, when not `name`

    @property
    def field(self) -> str:
        return self.source or self.name


@dataclass(frozen=True)
class Table:
    name: str
    rows: Callable[[], QuerySet]
    columns: tuple[Column, ...]  # the first is the id
    fts: tuple[str, ...] = ()  # columns searched with FTS5


def _id() -> Column:
    return Column("id", "INTEGER PRIMARY KEY")


def _fk(name: str, table: str) -> Column:
    return Column(name, "INTEGER", references=table)


def _facet(name: str, type: str = "TEXT") -> Column:
    return Column(name, type, indexed=True)


FACT = (Column("review_state", indexed=True), Column("merged_into_id", "INTEGER"))
TABLES = (
    Table("countries", Country.objects.all, (_id(), Column("code"), Column("name"))),
    Table("topics", Topic.objects.all, (_id(), Column("name"))),
    Table(
        "officials",
        Official.objects.all,
        (
            _id(),
            Column("name"),
            Column("family_name"),
            Column("given_name"),
            _fk("country_id", "countries"),
            *FACT,
        ),
        fts=("name",),
    ),
    Table("aliases", Alias.objects.all, (_id(), _fk("official_id", "officials"), Column("name"))),
    Table(
        "positions",
        Position.objects.all,
        (
            _id(),
            _fk("official_id", "officials"),
            Column("title"),
            Column("organization"),
            _fk("country_id", "countries"),
            Column("first_seen", "DATE"),
            Column("last_seen", "DATE"),
        ),
    ),
    Table(
        "meetings",
        lambda: Meeting.objects.annotate(
            start_year=ExtractYear("start_date"), start_month=ExtractMonth("start_date")
        ),
        (
            _id(),
            _facet("kind"),
            Column("title"),
            _facet("start_date", "DATE"),
            Column("end_date", "DATE"),
            Column("date_precision"),
            _facet("location"),
            _fk("parent_id", "meetings"),
            Column("summary"),
            *FACT,
            Column("year", "INTEGER", indexed=True, source="start_year"),
            Column("month", "INTEGER", indexed=True, source="start_month"),
        ),
    ),
    Table(
        "participations",
        Participation.objects.all,
        (_id(), _fk("meeting_id", "meetings"), _fk("official_id", "officials"), _facet("role")),
    ),
    Table(
        "meeting_countries",
        Meeting.countries.through.objects.all,
        (_id(), _fk("meeting_id", "meetings"), _fk("country_id", "countries")),
    ),
    Table(
        "meeting_topics",
        Meeting.topics.through.objects.all,
        (_id(), _fk("meeting_id", "meetings"), _fk("topic_id", "topics")),
    ),
    Table(
        "agreements",
        Agreement.objects.all,
        (
            _id(),
            _facet("kind"),
            Column("title"),
            Column("amount", "REAL"),
            _facet("currency"),
            _facet("date", "DATE"),
            _facet("status"),
            _fk("from_country_id", "countries"),
            _fk("to_country_id", "countries"),
            _fk("meeting_id", "meetings"),
            Column("terms"),
            *FACT,
        ),
    ),
    Table(
        "agreement_parties",
        Agreement.parties.through.objects.all,
        (_id(), _fk("agreement_id", "agreements"), _fk("country_id", "countries")),
    ),
)


def create_sql(table: Table) -> str:
    columns = [f"[{c.name}] {c.type}" for c in table.columns]
    references = [
        f"FOREIGN KEY ([{c.name}]) REFERENCES [{c.references}](id)"
        for c in table.columns
        if c.references
    ]
    return f"CREATE TABLE [{table.name}] ({', '.join([*columns, *references])})"


def index_sql(table: Table) -> list[str]:
    return [
        f"CREATE INDEX [idx_{table.name}_{c.name}] ON [{table.name}] ([{c.name}])"
        for c in table.columns
        if c.references or c.indexed
    ]


def fts_sql(table: Table) -> list[str]:
    """An external-content FTS5 table named as sqlite-utils names it, so Datasette finds
    it (`<table>_fts`, content=[<table>]), filled from the table."""
    if not table.fts:
        return []
    names = ", ".join(f"[{c}]" for c in table.fts)
    return [
        f"CREATE VIRTUAL TABLE [{table.name}_fts] USING fts5({names}, "
        f"content=[{table.name}], content_rowid=[id])",
        f"INSERT INTO [{table.name}_fts] (rowid, {names}) SELECT id, {names} FROM [{table.name}]",
    ]


def copy_rows(table: Table, target: sqlite3.Connection) -> int:
    """Stream the rows from the configured database into `target`; how many there were."""
    fields = [c.field for c in table.columns]
    converters = [(i, CONVERT[c.type]) for i, c in enumerate(table.columns) if c.type in CONVERT]
    rows = table.rows().order_by("pk").values_list(*fields).iterator(chunk_size=BATCH)
    marks = ", ".join("?" * len(fields))
    insert = f"INSERT INTO [{table.name}] VALUES ({marks})"
    count = 0
    for batch in itertools.batched(rows, BATCH):
        if converters:
            batch = [_converted(row, converters) for row in batch]
        target.executemany(insert, batch)
        count += len(batch)
    return count


def _converted(row: tuple, converters) -> list:
    values = list(row)
    for i, convert in converters:
        if values[i] is not None:
            values[i] = convert(values[i])
    return values


def export(path: str | os.PathLike) -> dict[str, int]:
    """Write the SQLite file at `path` (replacing it); the rows copied, by table."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    counts = {}
    with sqlite3.connect(partial) as target:
        for table in TABLES:
            target.execute(create_sql(table))
            counts[table.name] = copy_rows(table, target)
            for statement in [*index_sql(table), *fts_sql(table)]:
                target.execute(statement)
        target.execute("ANALYZE")
    target.close()
    partial.replace(path)
    return counts
