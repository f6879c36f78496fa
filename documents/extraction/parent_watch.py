"""Extraction workers end with the process that started them (documents.extraction.pool)."""

import multiprocessing
import os
import threading
import time


def exit_with_parent(interval: float = 0.5) -> threading.Thread | None:
    """In a process multiprocessing started (the extraction workers of `ingest --workers N`),
    end this process when its parent is gone.

    A parent killed with SIGKILL cannot stop its workers: without this they would wait for
    work for ever, a few hundred MB each. The parent's death shows as a new parent id (the
    orphan is handed to init or a subreaper), also when it died before this process got
    here. Elsewhere (manage.py, gunicorn, tests) there
    is no multiprocessing parent and nothing is started.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return None

    def watch():
        while os.getppid() == parent.pid:
            time.sleep(interval)
        os._exit(1)

    thread = threading.Thread(target=watch, name="exit-with-parent", daemon=True)
    thread.start()
    return thread
