"""A worker killed in the middle of a file loses nothing and duplicates nothing: its row
stays "running" but unlocked, `ingest --resume` queues it again, another worker finishes.

PostgreSQL only (CI's second pass): the crash is told from a live run by the row lock the
worker holds, which SQLite does not have; the worker is a real `db_worker` process, killed
with SIGKILL.
"""

import os
import shutil
import signal
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test import override_settings

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
    worker = subprocess.Popen(
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

    stalled = Ingestion.objects.filter(state=IngestionState.RUNNING)
    assert stalled.count() == 1
    out = StringIO()
    call_command("ingest", "--resume", stdout=out)
    assert "1 stalled file(s) queued again" in out.getvalue()
    call_command("db_worker", batch=True, startup_delay=False, stdout=StringIO(), verbosity=0)

    assert set(Ingestion.objects.values_list("state", flat=True)) == {IngestionState.DONE}
    assert Document.objects.count() == files
    duplicated = Official.objects.values("name_key").annotate(n=Count("id")).filter(n__gt=1)
    assert not duplicated.exists()
