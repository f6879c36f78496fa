"""On SQLite, an editor saving while an ingest writes waits for it, then saves (issue 17, D6).

The probe saw 33 of 51 editor saves answer 500 "database is locked" while `ingest` ran:
the admin's save read the row, then asked to write while the ingest's transaction held the
write lock, and SQLite refuses that upgrade at once rather than wait (it could deadlock).

The test suite's own SQLite database lives in memory; this runs the real settings in a
child process on an SQLite file, as `make run` and `make serve-prod` do, with two
connections: one holds a write transaction for a second (a document being stored), the
other is an editor posting an official's change form meanwhile.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import json
import threading
import time

import django
from django.core.management import call_command

django.setup()
call_command("migrate", verbosity=0)
from django.contrib.auth.models import User
from django.db import connections, transaction
from django.test import Client

from documents.models import Document
from relations.models import Official

official = Official.objects.create(name="Prak Sokhonn")
editor = User.objects.create_superuser("ed", "ed@example.org", "x")
client = Client(HTTP_HOST="localhost")
client.force_login(editor)
writing = threading.Event()


def ingest():
    with transaction.atomic():
        Document.objects.create(file_name="a.txt", sha256="a" * 64, title="A", text="A.")
        Official.objects.create(name="Ueno Atsushi")
        writing.set()
        time.sleep(1.0)
    connections.close_all()


thread = threading.Thread(target=ingest)
thread.start()
writing.wait()
data = {
    "name": "Prak Sokhonn E1", "given_name": "", "family_name": "", "name_order": "",
    "country": "", "review_state": "extracted", "seen_version": "1", "_save": "Save",
    "aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0",
    "positions-TOTAL_FORMS": "0", "positions-INITIAL_FORMS": "0",
}
client.raise_request_exception = False
response = client.post(f"/admin/relations/official/{official.pk}/change/", data)
thread.join()
official.refresh_from_db()
print("RESULT" + json.dumps({
    "status": response.status_code,
    "name": official.name,
    "documents": Document.objects.count(),
}))
"""


def test_an_editor_saving_during_an_ingest_waits_and_saves(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DJANGO_SETTINGS_MODULE="relations.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'kb.sqlite3'}",
    )
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.split("RESULT", 1)[1])

    assert result == {"status": 302, "name": "Prak Sokhonn E1", "documents": 1}
