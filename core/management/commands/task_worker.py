"""``manage.py task_worker``: django-tasks' ``task_worker`` that survives the database going away.

``task_worker`` ends with the first ``OperationalError`` that is not SQLite's "database is
locked" (a restarted PostgreSQL, a failover, a cut connection), and a task it was running
stays marked as running for ever: from then on no registration e-mail is sent and every new
booking expires unconfirmed. This worker closes the broken connections, waits (1 s, doubling
up to 30 s), hands the interrupted task back to the queue and goes on. Run it supervised all
the same (docs/deployment.md: ``Restart=always``).
"""

import logging
import time

from django.db import DatabaseError, connections
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger("core.task_worker")

LONGEST_PAUSE = 30  # seconds between two attempts to reach the database again


class ResilientWorker(db_worker.Worker):
    def __init__(self, **options):
        super().__init__(**options)
        self._current = None  # the id of the task being run, if any

    def run_task(self, db_task_result):
        self._current = db_task_result.id
        super().run_task(db_task_result)
        self._current = None

    def _release_interrupted(self):
        """A task cut off by the fault runs again (its own retries decide the rest)."""
        if self._current is not None:
            DBTaskResult.objects.filter(pk=self._current, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.READY, started_at=None
            )
            logger.info("task %s goes back to the queue", self._current)
            self._current = None

    def run(self):
        pause = 1
        while self.running:
            try:
                self._release_interrupted()
                return super().run()
            except DatabaseError as error:
                logger.warning(
                    "database unavailable (%s); the task worker tries again in %s s",
                    type(error).__name__,
                    pause,
                )
                connections.close_all()
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)
        return None


class Command(db_worker.Command):
    help = (
        "Run the background tasks (registration e-mails, image renditions) like db_worker, "
        "reconnecting after database faults."
    )

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        max_tasks,
        worker_id,
        **options,
    ):
        self.configure_logging(verbosity)
        worker = ResilientWorker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
        )
        worker.configure_signals()
        worker.run()
