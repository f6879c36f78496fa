"""An editor's save while an ingest runs is never undone by the ingest (issue 17, D1).

The probe saw it on PostgreSQL: ingestion read an official without a lock, an editor saved
a new name, and ingestion's save a few milliseconds later wrote every column back from its
stale read — the old name, the old `edited_fields`, the old version. Here the two really
overlap, each on its own database connection: the ingest stops just before it writes the
official until the editor's save has either finished or is waiting for the ingest's lock.

Runs against PostgreSQL only (CI's second pass); on SQLite the ingest holds the whole
database's write lock, so the editor waits (see test_sqlite_waits.py for that side).
"""

import threading
import time

import pytest
from django.db import connection, connections

from documents.services import ingest_upload
from relations.models import Meeting, Official
from tests.conftest import _extract_once
from tests.postgresql import racing_on_postgresql
from tests.relations.test_admin import change_url, form_data
from tests.relations.test_roles import create_editor

pytestmark = racing_on_postgresql("on SQLite an ingest and an editor's save cannot overlap")

FIRST = (
    "Trade note 1\n\nForeign Minister Prak Sokhonn met Ambassador Ueno Atsushi in Phnom Penh "
    "on 5 May 2024 to discuss trade.\n"
)
SECOND = (
    "Trade note 2\n\nSenior Minister Prak Sokhonn and Minister of Commerce Cham Nimul met "
    "Ambassador Ueno Atsushi in Phnom Penh on 5 May 2024 to discuss trade.\n"
)


def someone_waits_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return cursor.fetchone()[0] > 0


def ingest_while_editor_saves(model, fact, edit, client, monkeypatch):
    """Ingest SECOND in a thread that stops just before it saves `fact`; meanwhile post the
    editor's change form (`edit` changes its data). Returns the editor's response."""
    data = form_data(client.get(change_url(fact)))
    edit(data)
    at_save, editor_done = threading.Event(), threading.Event()
    ingest_thread = None
    save = model.save
    errors, paused = [], []

    def paused_save(obj, *args, **kwargs):
        if threading.current_thread() is ingest_thread and obj.pk == fact.pk and not paused:
            paused.append(obj.pk)
            at_save.set()
            deadline = time.monotonic() + 30
            while not editor_done.is_set() and time.monotonic() < deadline:
                if someone_waits_for_a_lock():  # the editor, waiting for this ingest
                    break
                time.sleep(0.05)
        return save(obj, *args, **kwargs)

    def ingest():
        try:
            outcome = ingest_upload(name="second.txt", text=SECOND)
            assert outcome.status == "new", outcome.message
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            at_save.set()
            connections.close_all()

    monkeypatch.setattr(model, "save", paused_save)
    ingest_thread = threading.Thread(target=ingest)
    ingest_thread.start()
    assert at_save.wait(timeout=120)
    response = client.post(change_url(fact), data)
    editor_done.set()
    ingest_thread.join(timeout=120)
    assert errors == []
    assert paused == [fact.pk]  # the two did overlap: the ingest wrote this fact
    return response


@pytest.fixture
def editor_client(client, monkeypatch):
    monkeypatch.setattr("documents.services.extract", _extract_once)
    assert ingest_upload(name="first.txt", text=FIRST).status == "new"
    _extract_once(SECOND, published_on=None)  # spaCy's time before the race, not in it
    client.force_login(create_editor("ed", "--password=x-Edit-42-probe", "--no-input"))
    return client


@pytest.mark.parametrize(
    ("model", "field", "value"),
    [(Official, "name", "Prak Sokhonn E1"), (Meeting, "title", "Trade talks in Phnom Penh")],
)
def test_an_ingest_running_while_an_editor_saves_keeps_the_editors_change(
    editor_client, monkeypatch, model, field, value
):
    fact = model.objects.get(name="Prak Sokhonn") if model is Official else model.objects.get()
    proposed_before = fact.extracted_values

    def edit(data):
        data[field] = value

    response = ingest_while_editor_saves(model, fact, edit, editor_client, monkeypatch)

    assert response.status_code == 302
    fact.refresh_from_db()
    assert getattr(fact, field) == value
    assert field in fact.edited_fields
    assert fact.version == 2  # the editor's save, not put back by the ingest
    # The ingest's own write stands too: what the second note proposes (another title,
    # another participant).
    assert fact.extracted_values != proposed_before
    assert Meeting.objects.count() == 1  # the second note's meeting is the same one
