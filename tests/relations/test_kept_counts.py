"""Counts kept between requests (relations.facet_cache) never show stale data after an edit.

A page's facet counts and totals are kept in the `facet_counts` cache under the data
version; any saved or deleted row sets them apart in the process that made the change, and
raises the version when its transaction commits, so every process counts again on its next
request.
"""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.db import transaction

import documents.services
from relations import editing, facet_cache
from relations.cache_settings import FACET_CACHE, cache_from_url
from relations.models import Country, DataVersion, Meeting
from tests.conftest import _extract_once


def kind_counts(client, path="/meetings/") -> dict[str, int]:
    """The kind facet of a list page: label -> count."""
    html = client.get(path).content.decode()
    start = html.index('id="facet-kind"')
    section = html[start : html.index("</section>", start)]
    pairs = re.findall(
        r'class="facet-label">(?:<span[^>]*>✓ </span>)?([^<]+)</span>\s*'
        r'<span class="count"[^>]*>(\d+)',
        section,
    )
    return {label.strip(): int(n) for label, n in pairs}


def version() -> int:
    return DataVersion.objects.get(pk=1).number


@pytest.fixture
def meetings(db):
    japan = Country.objects.create(code="JP", name="Japan")
    rows = []
    for i in range(3):
        m = Meeting.objects.create(
            kind="summit", title=f"Summit {i}", start_date=dt.date(2021, 1, 1 + i)
        )
        m.countries.add(japan)
        rows.append(m)
    return rows


def test_an_edit_shows_in_the_counts_at_once(client, meetings):
    assert kind_counts(client) == {"Summit": 3}
    assert kind_counts(client) == {"Summit": 3}  # kept: no count on this request
    meetings[0].kind = "courtesy_call"
    meetings[0].save()
    assert kind_counts(client) == {"Summit": 2, "Courtesy call": 1}
    meetings[1].delete()
    assert kind_counts(client) == {"Summit": 1, "Courtesy call": 1}


def test_a_new_link_between_rows_shows_at_once(client, meetings):
    korea = Country.objects.create(code="KR", name="South Korea")
    assert "South Korea" not in client.get("/meetings/").content.decode()
    meetings[0].countries.add(korea)
    assert "South Korea" in client.get("/meetings/").content.decode()


def test_counts_kept_are_reused_until_the_data_changes(client, meetings, django_assert_num_queries):
    client.get("/meetings/")
    with django_assert_num_queries(4):  # version, rows, their participants and countries
        client.get("/meetings/")


def test_another_process_sees_the_new_version_and_counts_again(client, meetings):
    assert kind_counts(client) == {"Summit": 3}
    # Another process changes a row (no signal here) and its commit raises the version.
    Meeting.objects.filter(pk=meetings[0].pk).update(kind="dialogue")
    DataVersion.objects.filter(pk=1).update(number=version() + 1)
    assert kind_counts(client) == {"Summit": 2, "Dialogue": 1}


def test_a_commit_raises_the_version_once_however_many_rows_it_saved(
    meetings, django_capture_on_commit_callbacks
):
    before = version()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for m in meetings:
            m.title += " (edited)"
            m.save()
    assert version() == before + 1


def test_a_rolled_back_transaction_does_not_stop_later_ones_raising_it(
    meetings, django_capture_on_commit_callbacks
):
    before = version()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        meetings[0].save()
        raise RuntimeError("the editor's change failed")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        meetings[1].save()
    assert version() == before + 1


def test_a_merge_shows_in_the_counts_at_once(client, meetings):
    assert kind_counts(client)["Summit"] == 3
    editing.merge_meetings(survivor=meetings[0], other=meetings[1])
    assert kind_counts(client)["Summit"] == 2


def test_ingestion_shows_in_the_counts_at_once(client, db, seeds_dir, monkeypatch):
    assert kind_counts(client) == {}
    monkeypatch.setattr(documents.services, "extract", _extract_once)
    call_command("ingest", str(sorted(seeds_dir.iterdir())[0]), verbosity=0)
    shown = Meeting.objects.visible().filter(merged_into__isnull=True).count()
    assert shown and sum(kind_counts(client).values()) == shown


def test_rows_written_in_bulk_by_generate_kb_show_at_once_everywhere(
    client, db, django_capture_on_commit_callbacks
):
    assert kind_counts(client) == {}
    before = version()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("generate_kb", meetings=30, seed=2, verbosity=0)
    assert version() == before + 1  # other processes count again
    assert sum(kind_counts(client).values()) == Meeting.objects.visible().count()


def test_only_the_most_recently_used_counts_are_kept(db, settings):
    # The default store (local memory) keeps MAX_ENTRIES and forgets the least recently used
    # first; here 2, culling one at a time.
    local = cache_from_url(None)
    local["OPTIONS"] |= {"MAX_ENTRIES": 2, "CULL_FREQUENCY": 2}
    settings.CACHES = {**settings.CACHES, FACET_CACHE: local}
    computed = []

    def count(key):
        return facet_cache.cached(key, lambda: computed.append(key) or len(computed))

    assert [count("a"), count("b"), count("a"), count("c"), count("a"), count("b")] == [
        1,
        2,
        1,
        3,
        1,
        4,
    ]
    assert computed == ["a", "b", "c", "b"]
