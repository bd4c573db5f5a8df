"""E-mails sent by background tasks, after the transaction that caused them has committed.

An app registers a builder per kind of e-mail, ``(object id) -> EmailMessage | None``, and
calls ``send_after_commit(kind, object_id)``. The task builds the message when it runs (so it
reflects the stored data, in the recipient's language) and, if the mail server fails, tries
again with growing pauses; whatever caused the e-mail is already stored and never depends on
it. Production runs the tasks in ``manage.py task_worker``; development and tests at once.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db import DatabaseBackend

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
_builders = {}


def mail_builder(kind):
    def register(function):
        _builders[kind] = function
        return function

    return register


def retry_delay(attempt):
    return timedelta(minutes=2**attempt)


@task()
def send_mail_task(kind, object_id, attempt=1):
    try:
        message = _builders[kind](object_id)
        if message is None:  # the object is gone (deleted or anonymised meanwhile)
            return "gone"
        message.send()
    except Exception as error:  # the mail server, or the database while building the message
        logger.warning(
            "e-mail %s for #%s failed (attempt %s): %s",
            kind,
            object_id,
            attempt,
            type(error).__name__,
        )
        if attempt >= MAX_ATTEMPTS:
            logger.error("giving up on e-mail %s for #%s", kind, object_id)
            return "failed"
        follow_up = send_mail_task
        if follow_up.get_backend().supports_defer:
            follow_up = follow_up.using(run_after=timezone.now() + retry_delay(attempt))
        follow_up.enqueue(kind=kind, object_id=object_id, attempt=attempt + 1)
        return "retrying"
    return "sent"


def queued_in_the_database():
    return isinstance(send_mail_task.get_backend(), DatabaseBackend)


def send_after_commit(kind, object_id):
    """Send the e-mail once the current transaction has committed. With the database queue
    (production) the job is written in that transaction: the record and its e-mail are
    stored together or not at all, and the worker only sees committed jobs. Other backends
    (development and tests run tasks at once) get the job after the commit."""
    if queued_in_the_database():
        send_mail_task.enqueue(kind=kind, object_id=object_id)
    else:
        transaction.on_commit(lambda: send_mail_task.enqueue(kind=kind, object_id=object_id))
