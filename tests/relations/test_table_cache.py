"""The shared cache table (relations.table_cache): what is kept is read back as kept, a value
kept again replaces the old one, a full table is culled, and keeping a value is one query."""

import io

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection

from relations import table_cache
from relations.cache_settings import FACET_CACHE, cache_from_url
from relations.models import Official


@pytest.fixture
def table(db, settings):
    settings.CACHES = {**settings.CACHES, FACET_CACHE: cache_from_url("db://facet_counts")}
    call_command("createcachetable", stdout=io.StringIO())
    cache = caches[FACET_CACHE]
    assert isinstance(cache, table_cache.TableCache)
    return cache


def _rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM facet_counts")
        return cursor.fetchone()[0]


def test_a_value_kept_is_read_back_and_kept_again_replaces_it(table):
    table.set("counts", (3, {"kind": [("summit", 12)]}))
    assert table.get("counts") == (3, {"kind": [("summit", 12)]})
    table.set("counts", (4, {"kind": [("summit", 13)]}))
    assert table.get("counts") == (4, {"kind": [("summit", 13)]})
    assert table.get_many(["counts", "missing"]) == {"counts": (4, {"kind": [("summit", 13)]})}
    assert _rows() == 1


def test_an_entry_past_its_time_is_not_read(table):
    table.set("short", "gone", timeout=-1)
    assert table.get("short") is None


def test_add_does_not_replace_what_another_client_kept(table):
    """A recount is claimed with `add`: a second claim of the same counts fails."""
    assert table.add("busy:x", True)
    assert not table.add("busy:x", True)
    table.delete("busy:x")
    assert table.add("busy:x", True)


def test_keeping_a_value_is_one_query_and_the_table_is_counted_once_every_hundred(
    table, django_assert_num_queries
):
    table.set("first", 1)  # a new client counts the table at its first write
    for n in range(table_cache.CULL_EVERY - 1):
        with django_assert_num_queries(1):
            table.set(f"key-{n}", n)
    with django_assert_num_queries(2):  # a hundred sets later: the COUNT, then the upsert
        table.set("counted", 0)


def test_a_full_table_is_culled(table, monkeypatch):
    monkeypatch.setattr(table, "_max_entries", 300)
    monkeypatch.setattr(table, "_cull_frequency", 3)
    for n in range(1000):
        table.set(f"key-{n}", n)
    # Counted every 100 sets and then culled by a third, as Django culls: the table holds at
    # most the limit plus the sets since the last count.
    assert 300 - table_cache.CULL_EVERY <= _rows() <= 300 + table_cache.CULL_EVERY
    assert table.get("key-999") == 999  # culled before a value is kept, never after


def test_an_official_page_at_a_new_address_is_kept_in_one_write(
    table, client, settings, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """A page rendered at an address of its own is kept for the next visitor of that address
    with one query, not three (a COUNT of the table, a read of the key, then the write)."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("generate_kb", meetings=30, seed=3, stdout=io.StringIO())
    settings.KEPT_PAGES = True
    official = Official.objects.filter(participations__isnull=False).first()
    path = f"/officials/{official.pk}/"
    client.get(path)  # keeps its parts (and counts the table at the process's first write)
    # The version, the page's own read, the official, its kept parts, its 25 meetings, and
    # the page kept.
    with django_assert_num_queries(6):
        first = client.get(f"{path}?from=elsewhere")
    with django_assert_num_queries(2):  # the version, then the page read back whole
        again = client.get(f"{path}?from=elsewhere")
    assert again.content == first.content
