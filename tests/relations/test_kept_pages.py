"""Whole list pages kept per data version (relations.kept_pages): read back in one cache
read while the data stays, rendered again after any write, never kept with counts that are
being counted again, and never for an answer that is not a whole page of status 200.
"""

from django.db import transaction
from django.test import Client

from relations import facet_cache
from relations.models import DataVersion, Meeting, Official
from tests.relations.test_kept_counts import kind_counts
from tests.relations.test_roles import create_editor


def test_a_list_seen_again_is_read_back_whole_in_one_query(
    client, settled, django_assert_num_queries
):
    first = client.get("/meetings/?kind=summit")
    with django_assert_num_queries(1):  # the data version; the page from the local store
        again = client.get("/meetings/?kind=summit")
    assert again.status_code == 200
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert "Summit 2" in again.content.decode()


def test_a_saved_change_shows_at_the_next_visit(
    client, settled, django_capture_on_commit_callbacks
):
    client.get("/meetings/")
    meeting = Meeting.objects.get(title="Summit 1")
    meeting.title = "Summit of the corrected title"
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        meeting.save()
    html = client.get("/meetings/").content.decode()
    assert "Summit of the corrected title" in html


def test_a_page_with_counts_being_counted_again_is_not_kept(client, settled, monkeypatch):
    monkeypatch.setattr(facet_cache, "_start_worker", lambda: None)  # recounts wait
    assert kind_counts(client) == {"Summit": 3}
    first = Meeting.objects.order_by("pk").first()
    Meeting.objects.filter(pk=first.pk).update(kind="dialogue")  # another process, no signal
    DataVersion.objects.filter(pk=1).update(number=DataVersion.objects.get().number + 1)

    assert kind_counts(client) == {"Summit": 3}  # the rows are today's, the counts kept
    facet_cache.run_pending()
    # Had the page above been kept, its old counts would stay until the next write.
    assert kind_counts(client) == {"Summit": 2, "Dialogue": 1}
    assert kind_counts(client) == {"Summit": 2, "Dialogue": 1}  # this one was kept


def test_refused_addresses_and_exports_are_not_kept(client, settled, monkeypatch):
    kept = []
    monkeypatch.setattr(facet_cache, "keep_now", lambda key, value: kept.append(key))
    assert client.get("/meetings/?year=nineteen").status_code == 400
    assert client.get("/meetings/?format=csv").streaming
    assert kept == []
    client.get("/meetings/")
    assert len(kept) == 1


def test_with_kept_pages_off_every_visit_renders(
    client, settled, settings, django_assert_max_num_queries
):
    settings.KEPT_PAGES = False
    client.get("/meetings/")
    with django_assert_max_num_queries(10) as queries:
        client.get("/meetings/")
    assert len(queries.captured_queries) > 1  # the rows are read again


def test_a_signed_in_editors_page_is_neither_kept_for_the_public_nor_read_from_theirs(
    client, settled, django_capture_on_commit_callbacks
):
    """An official's page shows an editor the link to edit it: the page kept for the public
    has no such link, and the editor's is not kept for anyone."""
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        official = Official.objects.create(name="Anne Martin")
    facet_cache.clear()
    path = f"/officials/{official.pk}/"
    editor = Client()
    editor.force_login(create_editor("ed", "--password=a-long-password-1", "--no-input"))
    public = Client()

    assert "Edit this official" in editor.get(path).content.decode()
    assert "Edit this official" not in public.get(path).content.decode()
    assert "Edit this official" in editor.get(path).content.decode()
    assert "Edit this official" not in public.get(path).content.decode()
