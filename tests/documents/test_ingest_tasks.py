"""Ingestion as tasks: `ingest --enqueue` returns with the files queued, a worker
(`db_worker`, django_tasks_db) ingests them; a task is idempotent and taken once."""

import datetime as dt
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings

from documents.models import Document, Ingestion, IngestionState
from documents.tasks import run_ingestion

SOURCES = Path(__file__).parent.parent / "data" / "sources"
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def folder(tmp_path):
    for name in ("news_page.html", "two_column.pdf", "scanned.pdf"):
        shutil.copy(SOURCES / name, tmp_path)
    return tmp_path


def work() -> None:
    call_command("db_worker", batch=True, startup_delay=False, stdout=StringIO(), verbosity=0)


@override_settings(TASKS=DATABASE_QUEUE)
@pytest.mark.django_db(transaction=True)
def test_enqueue_returns_with_files_queued_and_a_worker_ingests_them(run_ingest, folder):
    out, err, error = run_ingest(str(folder), "--enqueue")

    assert (err, error) == ("", None)
    assert "queued     news_page.html  (waiting for a worker)" in out
    assert "3 queued; documents: 0 new" in out
    assert not Document.objects.exists()
    assert set(Ingestion.objects.values_list("state", flat=True)) == {IngestionState.QUEUED}

    work()

    states = dict(Ingestion.objects.values_list("file_name", "state"))
    assert states == {
        "news_page.html": IngestionState.DONE,
        "two_column.pdf": IngestionState.DONE,
        "scanned.pdf": IngestionState.FAILED,
    }
    scan = Ingestion.objects.get(file_name="scanned.pdf")
    assert scan.message.startswith("scanned.pdf: no text layer in this PDF")
    page = Document.objects.get(file_name="news_page.html")
    assert page.published_on == dt.date(2025, 3, 14) and page.evidence.exists()
    assert Ingestion.objects.get(file_name="news_page.html").document == page
    assert bytes(Ingestion.objects.get(file_name="news_page.html").data) == b""


@override_settings(TASKS=DATABASE_QUEUE)
@pytest.mark.django_db(transaction=True)
def test_same_folder_enqueued_twice_stores_each_document_once(run_ingest, folder):
    run_ingest(str(folder), "--enqueue")
    run_ingest(str(folder), "--enqueue")

    work()

    assert Document.objects.count() == 2
    outcomes = sorted(
        Ingestion.objects.filter(file_name="news_page.html").values_list("outcome", flat=True)
    )
    assert outcomes == ["new", "unchanged"]


@override_settings(TASKS=DATABASE_QUEUE)
@pytest.mark.django_db(transaction=True)
def test_a_row_taken_by_one_worker_is_not_run_again(run_ingest, folder):
    run_ingest(str(folder / "news_page.html"), "--enqueue")
    job = Ingestion.objects.get()
    Ingestion.objects.filter(pk=job.pk).update(state=IngestionState.RUNNING)

    assert run_ingestion(job.pk) == "skipped"  # another worker holds it
    assert not Document.objects.exists()

    Ingestion.objects.filter(pk=job.pk).update(state=IngestionState.QUEUED)
    assert run_ingestion(job.pk) == "new"
    assert run_ingestion(job.pk) == "skipped"  # done: a second delivery changes nothing
    assert Document.objects.count() == 1


@pytest.mark.django_db
def test_with_the_default_immediate_backend_enqueue_ingests_at_once(run_ingest, folder):
    out, err, error = run_ingest(str(folder), "--enqueue")

    assert "new        news_page.html" in out
    assert "failed     scanned.pdf: no text layer" in err
    assert Document.objects.count() == 2
    assert error == "1 file(s) could not be ingested (see above)"


@override_settings(TASKS=DATABASE_QUEUE)
@pytest.mark.django_db(transaction=True)
def test_admin_upload_returns_queued_and_the_list_shows_its_state_and_the_batch_progress(
    admin_client,
):
    page = (SOURCES / "ministry_page.html").read_bytes()
    response = admin_client.post(
        "/admin/documents/document/upload/",
        {"file": SimpleUploadedFile("ministry_page.html", page), "title": "", "text": ""},
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/documents/ingestion/?batch=")
    assert not Document.objects.exists()
    queued = admin_client.get(response["Location"]).content.decode()
    assert "This batch: 0 of 1 finished" in queued and "Queued: 1" in queued

    work()

    done = admin_client.get(response["Location"]).content.decode()
    assert "This batch: 1 of 1 finished" in done and "Done: 1" in done
    document = Document.objects.get()
    assert document.title in done  # linked to what it brought


@override_settings(TASKS=DATABASE_QUEUE)
@pytest.mark.django_db(transaction=True)
def test_failed_queued_upload_shows_the_reason(admin_client):
    admin_client.post(
        "/admin/documents/document/upload/",
        {"file": SimpleUploadedFile("scan.pdf", (SOURCES / "scanned.pdf").read_bytes())},
    )
    work()

    listing = admin_client.get("/admin/documents/ingestion/?state__exact=failed").content.decode()
    assert "scan.pdf: no text layer in this PDF" in listing
