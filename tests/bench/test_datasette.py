"""`bench_datasette`'s pieces: the SQLite copy Datasette serves, the pages' equivalents on
it, and the app / Datasette table."""

import json
import math
import sqlite3
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.management import call_command

from bench.datasette import equivalents, ratio_table, ratios
from bench.datasette_export import export
from bench.management.commands.bench_pages import pick
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


@pytest.fixture
def exported(db, tmp_path):
    call_command("generate_kb", meetings=150, seed=1, verbosity=0)
    path = tmp_path / "kb.sqlite"
    counts = export(path)
    with sqlite3.connect(path) as sqlite:
        yield counts, sqlite


def test_the_copy_holds_every_row_of_each_table(exported):
    counts, sqlite = exported
    expected = {
        "countries": Country.objects.count(),
        "topics": Topic.objects.count(),
        "officials": Official.objects.count(),
        "aliases": Alias.objects.count(),
        "positions": Position.objects.count(),
        "meetings": Meeting.objects.count(),
        "participations": Participation.objects.count(),
        "meeting_countries": Meeting.countries.through.objects.count(),
        "meeting_topics": Meeting.topics.through.objects.count(),
        "agreements": Agreement.objects.count(),
        "agreement_parties": Agreement.parties.through.objects.count(),
    }
    assert counts == expected
    for table, count in expected.items():
        assert sqlite.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0] == count


def test_rows_keep_their_ids_and_meetings_their_year_and_month(exported):
    _, sqlite = exported
    meeting = Meeting.objects.filter(start_date__isnull=False).order_by("pk").last()
    row = sqlite.execute(
        "SELECT title, start_date, year, month FROM meetings WHERE id = ?", [meeting.pk]
    ).fetchone()
    assert row == (
        meeting.title,
        meeting.start_date.isoformat(),
        meeting.start_date.year,
        meeting.start_date.month,
    )


def test_official_names_are_found_by_full_text_search(exported):
    _, sqlite = exported
    official = Official.objects.order_by("pk").first()
    family = official.name.split()[-1]
    found = sqlite.execute(
        "SELECT rowid FROM officials_fts WHERE officials_fts MATCH ?", [f'"{family}"']
    ).fetchall()
    assert (official.pk,) in found


def test_links_are_declared_and_indexed(exported):
    _, sqlite = exported
    links = {(row[3], row[2]) for row in sqlite.execute("PRAGMA foreign_key_list(participations)")}
    assert links == {("meeting_id", "meetings"), ("official_id", "officials")}
    indexed = {row[1] for row in sqlite.execute("PRAGMA index_list(meeting_countries)")}
    assert {"idx_meeting_countries_meeting_id", "idx_meeting_countries_country_id"} <= indexed


def test_the_pair_and_country_equivalents_select_the_same_tagged_meetings(exported):
    """The `_where` clauses given to Datasette, run on the copy, find the meetings tagged
    with the busiest country (and with both of the pair) that the app's data holds."""
    _, sqlite = exported
    picks = pick()
    paths = equivalents(
        {"top_code": picks.top_code, "pair": picks.pair, "meeting": 1, "official": 1}, "kb"
    )

    def where(page: str) -> str:
        return dict(parse_qsl(urlsplit(paths[page]).query))["_where"]

    first, second = picks.pair.upper().split("-")
    both = Meeting.objects.filter(countries__code=first).filter(countries__code=second)
    in_pair = f"SELECT count(*) FROM meetings WHERE {where('country pair')}"
    assert sqlite.execute(in_pair).fetchone()[0] == both.count() > 0
    top = Meeting.objects.filter(countries__code=picks.top_code)
    tagged = f"SELECT count(*) FROM meetings WHERE {where('meetings kind+country')}"
    assert sqlite.execute(tagged).fetchone()[0] == top.count()
    assert paths["meeting page"] == "/kb/meetings/1"


def wrk_row(page: str, c: int, p50: float, rps: float, unkept: bool = False) -> dict:
    return {
        "page": page,
        "path": "/",
        "c": c,
        "unkept": unkept,
        "p50": p50,
        "p99": p50,
        "rps": rps,
        "errors": 0,
    }


def test_ratio_table_from_the_app_and_datasette_results(tmp_path):
    app = tmp_path / "pages.json"
    app.write_text(
        json.dumps(
            {
                "wrk": [
                    wrk_row("meetings", 1, 50.0, 20.0),
                    wrk_row("meetings", 8, 300.0, 25.0),
                    wrk_row("meeting page", 1, 20.0, 50.0),
                    wrk_row("meeting page", 8, 150.0, 45.0),
                    wrk_row("meeting page", 1, 40.0, 25.0, unkept=True),
                    wrk_row("meeting page", 8, 200.0, 27.0, unkept=True),
                    wrk_row("home", 1, 30.0, 30.0),  # no equivalent: not in the table
                ]
            }
        )
    )
    ds = tmp_path / "datasette.json"
    ds.write_text(
        json.dumps(
            {
                "wrk": [
                    wrk_row("meetings", 1, 1000.0, 1.0),
                    wrk_row("meetings", 8, math.nan, 0.0),  # nothing finished in the run
                    wrk_row("meeting page", 1, 8.0, 120.0),
                    wrk_row("meeting page", 8, 60.0, 135.0),
                ]
            }
        )
    )
    rows = ratios(json.loads(app.read_text())["wrk"], json.loads(ds.read_text())["wrk"])

    assert [r["page"] for r in rows] == ["meetings", "meeting page"]
    assert rows[0]["app_p50_ratio"] == 0.05 and math.isnan(rows[0]["app_rps_ratio"])
    assert rows[1]["app_p50_ratio"] == 2.5 and rows[1]["app_rps_ratio"] == pytest.approx(1 / 3)
    assert rows[1]["new_p50_ratio"] == 5.0 and rows[1]["new_rps_ratio"] == pytest.approx(0.2)
    table = ratio_table(rows)
    # "again": the same address asked for again; "new": each request at an address of its own
    assert table[2] == "| meetings | 1000.0 | 50.0 / - | 0.05 / - | 0.0 | 25.0 / - | - / - |"
    assert table[3] == (
        "| meeting page | 8.0 | 20.0 / 40.0 | 2.50 / 5.00 | 135.0 | 45.0 / 27.0 | 0.33 / 0.20 |"
    )
