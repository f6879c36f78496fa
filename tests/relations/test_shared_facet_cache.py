"""Facet counts kept in a cache every worker shares (FACET_CACHE_URL): counted once for all
of them, and counted again by all of them once a write commits.

Two workers are two cache clients on one shared store (files in a directory, as
`FACET_CACHE_URL=file:///…` sets up); the write goes through the ORM, its signal and its
commit, as an editor's save does (in a transaction of its own).
"""

import datetime as dt
import io

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction

from relations import facet_cache
from relations.cache_settings import FACET_CACHE, cache_from_url
from relations.models import DataVersion, Meeting, Official


@pytest.fixture
def workers(settings, tmp_path, monkeypatch):
    shared = cache_from_url(f"file://{tmp_path}")
    settings.CACHES = {**settings.CACHES, FACET_CACHE: shared, "second_worker": shared}
    clients = {"first": caches[FACET_CACHE], "second": caches["second_worker"]}
    assert clients["first"] is not clients["second"]
    current = {"worker": "first"}
    monkeypatch.setattr(facet_cache, "store", lambda: clients[current["worker"]])
    return current


def test_two_workers_share_counts_and_both_see_a_write(
    db, workers, django_capture_on_commit_callbacks
):
    counted = []

    def meetings_counted_by(worker):
        workers["worker"] = worker

        def count():
            counted.append(worker)
            return Meeting.objects.count()

        return facet_cache.cached("meetings:count", count)

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        Meeting.objects.create(kind="summit", title="A summit", start_date=dt.date(2021, 1, 1))
    before = DataVersion.objects.get().number
    assert meetings_counted_by("first") == 1
    assert meetings_counted_by("second") == 1
    assert counted == ["first"]  # the second worker read what the first one counted

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        Meeting.objects.create(kind="summit", title="Another", start_date=dt.date(2021, 2, 1))

    assert DataVersion.objects.get().number == before + 1
    assert meetings_counted_by("second") == 2
    assert meetings_counted_by("first") == 2
    assert counted == ["first", "second"]


@pytest.mark.parametrize(
    ("url", "backend", "location"),
    [
        (None, "django.core.cache.backends.locmem.LocMemCache", "facet-counts"),
        ("db://facet_counts", "relations.table_cache.TableCache", "facet_counts"),
        (
            "file:///var/cache/bilateral",
            "django.core.cache.backends.filebased.FileBasedCache",
            "/var/cache/bilateral",
        ),
        (
            "redis://cache.internal:6379/1",
            "django.core.cache.backends.redis.RedisCache",
            "redis://cache.internal:6379/1",
        ),
    ],
)
def test_the_cache_is_chosen_by_its_url(url, backend, location):
    chosen = cache_from_url(url)
    assert chosen["BACKEND"] == backend
    assert chosen["LOCATION"] == location


def test_an_unknown_cache_url_is_refused_by_name():
    with pytest.raises(ValueError, match="FACET_CACHE_URL='memcache://x'"):
        cache_from_url("memcache://x")


def test_with_counts_in_a_database_table_a_list_reads_its_facets_in_one_query(
    db, client, settings, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """Production keeps counts in a table (`serve-prod`): a warm list page reads its six
    facets' counts and its total in one query, not one each."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("generate_kb", meetings=30, seed=3, stdout=io.StringIO())
    settings.CACHES = {**settings.CACHES, FACET_CACHE: cache_from_url("db://facet_counts")}
    settings.KEPT_PAGES = False  # the page rendered, not read back whole (test_kept_pages)
    call_command("createcachetable", stdout=io.StringIO())
    first = client.get("/meetings/")  # counts them and keeps them in the table
    # The locmem pin (test_query_counts: 4) + two reads of the table: the six facets with
    # the total, and the years of the year menu.
    with django_assert_num_queries(6):
        again = client.get("/meetings/")
    assert again.content == first.content


def test_after_another_process_writes_a_list_claims_its_recount_after_answering(
    db, client, settings, monkeypatch, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """The first reader after another worker's write is answered as fast as a warm reader,
    with the kept counts; the page's stale counts are then claimed for one recount, in one
    write to the table, once the answer is sent."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("generate_kb", meetings=30, seed=3, stdout=io.StringIO())
    settings.CACHES = {**settings.CACHES, FACET_CACHE: cache_from_url("db://facet_counts")}
    settings.KEPT_PAGES = False  # the page rendered, not read back whole (test_kept_pages)
    call_command("createcachetable", stdout=io.StringIO())
    monkeypatch.setattr(facet_cache, "_start_worker", lambda: None)  # recounts wait
    client.get("/meetings/")
    DataVersion.objects.filter(pk=1).update(number=DataVersion.objects.get().number + 1)
    claimed = []
    monkeypatch.setattr(facet_cache, "_claim", claimed.append)
    with django_assert_num_queries(6):  # as warm: the version, two reads, the rows
        client.get("/meetings/")
    assert len(claimed) == 1  # facets, total and years together
    assert len(claimed[0]) == 8


def test_with_counts_in_a_database_table_an_officials_page_reads_its_kept_parts_in_one_query(
    db, client, settings, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """An official's page keeps three parts (facts, counts, timeline): rendered again, it
    reads them in one query of the table, not one each."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("generate_kb", meetings=30, seed=3, stdout=io.StringIO())
    settings.CACHES = {**settings.CACHES, FACET_CACHE: cache_from_url("db://facet_counts")}
    settings.KEPT_PAGES = False
    call_command("createcachetable", stdout=io.StringIO())
    official = Official.objects.filter(participations__isnull=False).first()
    path = f"/officials/{official.pk}/"
    first = client.get(path)
    # The version, the official, one read of the table, its 25 meetings.
    with django_assert_num_queries(4):
        again = client.get(path)
    assert again.content == first.content
