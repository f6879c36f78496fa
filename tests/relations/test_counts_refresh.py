"""After another process's write, pages show the counts kept before it while one process
counts them again off the request (relations.facet_cache, FACET_REFRESH=background).

"Another process" is simulated the way it looks from here: rows changed without a signal
and the data version raised in the database. The recount is run by `run_pending()` in the
test's own thread (where the test's rows are visible), except in the last test, where the
background thread does it on committed rows.
"""

import datetime as dt
import re
import time

import pytest
from django.core.cache import caches
from django.db import transaction

from relations import facet_cache
from relations.cache_settings import FACET_CACHE, cache_from_url
from relations.models import DataVersion, Meeting, Official, Participation
from tests.relations.test_kept_counts import kind_counts


@pytest.fixture
def no_thread(monkeypatch):
    """Recounts wait in the queue until the test runs them."""
    monkeypatch.setattr(facet_cache, "_start_worker", lambda: None)


def another_process_writes() -> None:
    first = Meeting.objects.order_by("pk").first()
    Meeting.objects.filter(pk=first.pk).update(kind="dialogue")  # no signal
    DataVersion.objects.filter(pk=1).update(number=DataVersion.objects.get().number + 1)


def test_the_first_reader_after_another_write_gets_the_kept_counts_without_counting(
    client, settled, no_thread, django_assert_max_num_queries
):
    assert kind_counts(client) == {"Summit": 3}
    another_process_writes()
    with django_assert_max_num_queries(4):  # version and rows: none of the six facets
        html = client.get("/meetings/").content.decode()
    assert "Dialogue" in html  # the rows are today's
    assert kind_counts(client) == {"Summit": 3}  # the counts are the kept ones, for now

    assert facet_cache.run_pending() > 0
    assert kind_counts(client) == {"Summit": 2, "Dialogue": 1}


def test_one_recount_for_every_worker_that_shares_the_cache(
    settings, tmp_path, monkeypatch, client, settled, no_thread
):
    shared = cache_from_url(f"file://{tmp_path}")
    settings.CACHES = {**settings.CACHES, FACET_CACHE: shared, "second_worker": shared}
    clients = {"first": caches[FACET_CACHE], "second": caches["second_worker"]}
    worker = {"now": "first"}
    monkeypatch.setattr(facet_cache, "store", lambda: clients[worker["now"]])

    kind_counts(client)
    another_process_writes()
    kind_counts(client)
    asked = facet_cache._jobs.qsize()
    assert asked > 0
    worker["now"] = "second"
    assert kind_counts(client) == {"Summit": 3}
    assert facet_cache._jobs.qsize() == asked  # the second worker asked for none again

    facet_cache.run_pending()
    assert kind_counts(client) == {"Summit": 2, "Dialogue": 1}
    worker["now"] = "first"
    assert kind_counts(client) == {"Summit": 2, "Dialogue": 1}


def test_a_process_sees_its_own_committed_write_at_once(
    client, settled, no_thread, django_capture_on_commit_callbacks
):
    assert kind_counts(client) == {"Summit": 3}
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        meeting = Meeting.objects.order_by("pk").first()
        meeting.kind = "courtesy_call"
        meeting.save()
    assert kind_counts(client) == {"Summit": 2, "Courtesy call": 1}
    assert facet_cache._jobs.qsize() == 0


def test_inline_refresh_counts_in_the_request(client, settings, settled, no_thread):
    settings.FACET_REFRESH = "inline"
    assert kind_counts(client) == {"Summit": 3}
    another_process_writes()
    assert kind_counts(client) == {"Summit": 2, "Dialogue": 1}
    assert facet_cache._jobs.qsize() == 0


def test_a_failed_recount_keeps_the_old_counts_and_can_be_asked_again(settled, no_thread):
    facet_cache.cached("total", Meeting.objects.count)
    another_process_writes()

    def broken():
        raise RuntimeError("database went away")

    assert facet_cache.cached("total", broken) == 3
    assert facet_cache.run_pending() == 1  # logged, not raised
    assert facet_cache.cached("total", Meeting.objects.count) == 3  # asked again: not busy
    facet_cache.run_pending()
    Meeting.objects.create(kind="summit", title="Late")
    assert facet_cache.cached("total", Meeting.objects.count) == 4  # own write: counted now


@pytest.mark.django_db(transaction=True)
def test_the_background_thread_counts_again(client):
    for i in range(3):
        Meeting.objects.create(
            kind="summit", title=f"Summit {i}", start_date=dt.date(2021, 1, i + 1)
        )
    facet_cache.clear()
    assert kind_counts(client) == {"Summit": 3}
    another_process_writes()
    assert kind_counts(client) == {"Summit": 3}
    deadline = time.monotonic() + 20
    while kind_counts(client) != {"Summit": 2, "Dialogue": 1}:
        assert time.monotonic() < deadline, "the background recount never arrived"
        time.sleep(0.05)


@pytest.fixture
def official_in_one_summit(settled, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        official = Official.objects.create(name="Ana Lima")
        Participation.objects.create(
            meeting=Meeting.objects.order_by("pk").first(), official=official
        )
    facet_cache.clear()
    return official


def meetings_shown(client, path="/officials/?q=lima") -> str:
    html = client.get(path).content.decode()
    return re.search(r'<span class="meetings">([^<]+)</span>', html)[1]


@pytest.mark.parametrize("path", ["/officials/", "/officials/?q=lima"])
def test_an_officials_meetings_held_by_a_worker_follow_another_process_write(
    client, official_in_one_summit, no_thread, path
):
    assert meetings_shown(client, path) == "1 meeting"
    assert meetings_shown(client, path) == "1 meeting"  # now held by this worker
    # Another process: one more meeting for the official, no signal, the version raised.
    second = Meeting.objects.order_by("pk")[1]
    Participation.objects.bulk_create(
        [Participation(meeting=second, official=official_in_one_summit)]
    )
    DataVersion.objects.filter(pk=1).update(number=DataVersion.objects.get().number + 1)

    assert meetings_shown(client, path) == "1 meeting"  # the kept count, while counted again
    assert facet_cache.run_pending() > 0
    assert meetings_shown(client, path) == "2 meetings"
