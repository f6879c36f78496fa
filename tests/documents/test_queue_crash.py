"""A worker killed in the middle of a file loses nothing and duplicates nothing: its row
stays "running" but its lock is gone, the next worker queues it again on its own and
finishes it, with no operator step.

PostgreSQL only (CI's second pass): the crash is told from a live run by the session lock
the worker holds, which SQLite does not have; the workers are real `db_worker` processes,
the first killed with SIGKILL.
"""

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test import override_settings

from documents import tasks
from documents.models import Document, Ingestion, IngestionState
from relations.models import Official
from tests.postgresql import racing_on_postgresql

pytestmark = racing_on_postgresql("a worker's row lock is how a crash is told from a run")

ROOT = Path(__file__).parent.parent.parent
SOURCES = ROOT / "tests" / "data" / "sources"
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def database_url() -> str:
    db = connection.settings_dict
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"


@override_settings(TASKS=DATABASE_QUEUE)
def test_killed_worker_loses_nothing_and_duplicates_nothing(tmp_path, seeds_dir):
    for path in seeds_dir.glob("*.txt"):
        shutil.copy(path, tmp_path)
    for name in ("news_page.html", "ministry_page.html", "two_column.pdf"):
        shutil.copy(SOURCES / name, tmp_path)
    call_command("ingest", str(tmp_path), "--enqueue", stdout=StringIO())
    files = Ingestion.objects.count()
    env = {**os.environ, "DATABASE_URL": database_url(), "TASKS_BACKEND": "database"}
    worker = start_worker(env)
    try:
        deadline = time.monotonic() + 120
        while not Ingestion.objects.filter(state=IngestionState.RUNNING).exists():
            assert time.monotonic() < deadline, "the worker never started a file"
            assert worker.poll() is None, "the worker exited"
            time.sleep(0.01)
        worker.send_signal(signal.SIGKILL)  # in the middle of a file
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert Ingestion.objects.filter(state=IngestionState.RUNNING).count() == 1

    another = start_worker(env)  # and nothing else: no `ingest --resume`
    try:
        deadline = time.monotonic() + 240
        while Ingestion.objects.exclude(state=IngestionState.DONE).exists():
            left = list(Ingestion.objects.exclude(state=IngestionState.DONE).values("state"))
            assert time.monotonic() < deadline, f"files never done: {left}"
            assert another.poll() is None, "the second worker exited"
            time.sleep(0.1)
    finally:
        another.terminate()
        another.wait(timeout=30)

    assert Document.objects.count() == files
    duplicated = Official.objects.values("name_key").annotate(n=Count("id")).filter(n__gt=1)
    assert not duplicated.exists()


def start_worker(env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.05",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_a_file_a_live_worker_holds_is_not_taken_for_a_crash():
    job = Ingestion.objects.create(
        batch="b", file_name="held.txt", data=b"text", state=IngestionState.RUNNING
    )
    held = threading.Event()
    done = threading.Event()

    def live_worker():  # another connection, as another process would hold it
        try:
            assert tasks._hold(job.pk)
            held.set()
            done.wait(30)
            tasks._let_go(job.pk)
        finally:
            connection.close()

    thread = threading.Thread(target=live_worker)
    thread.start()
    try:
        assert held.wait(30)
        assert tasks.resume_stalled(only_provable=True) == []
        job.refresh_from_db()
        assert job.state == IngestionState.RUNNING
    finally:
        done.set()
        thread.join()
    with override_settings(TASKS=DATABASE_QUEUE):  # queued, not run: no worker here
        assert [j.pk for j in tasks.resume_stalled(only_provable=True)] == [job.pk]
    job.refresh_from_db()
    assert job.state == IngestionState.QUEUED
