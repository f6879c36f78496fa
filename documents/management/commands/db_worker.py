"""django_tasks_db's `db_worker`, which also takes back the files of workers that died.

The same command, options and loop (this app comes before django_tasks_db in
INSTALLED_APPS, so `manage.py db_worker` is this one); its worker queues again the files
left running by a dead worker (documents.tasks.resume_stalled, PostgreSQL) when it starts,
after each task, and every RECOVER_EVERY seconds while it waits for work, so another worker
finishes them with no operator step.
"""

import logging
import time

from django_tasks_db.management.commands import db_worker

from documents.tasks import RECOVER_EVERY, resume_stalled

logger = logging.getLogger("django_tasks_db")


class RecoveringWorker(db_worker.Worker):
    _looked_at = 0.0

    def recover(self) -> None:
        self._looked_at = time.monotonic()
        for job in resume_stalled(only_provable=True):
            logger.warning("Queued again %s: its worker died while ingesting it", job.file_name)

    def run(self) -> None:
        self.recover()
        super().run()

    def run_task(self, db_task_result) -> None:
        super().run_task(db_task_result)
        self.recover()

    # The loop's only hook while idle: it reads `interval` before each wait for work.
    @property
    def interval(self) -> float:
        if self.running and time.monotonic() - self._looked_at >= RECOVER_EVERY:
            self.recover()
        return self._interval

    @interval.setter
    def interval(self, value: float) -> None:
        self._interval = value


class Command(db_worker.Command):
    help = db_worker.Command.help + " Files of workers that died are queued again."

    def handle(self, *args, **options):
        # The base command builds its Worker by the module's name at the time it runs.
        original, db_worker.Worker = db_worker.Worker, RecoveringWorker
        try:
            return super().handle(*args, **options)
        finally:
            db_worker.Worker = original
