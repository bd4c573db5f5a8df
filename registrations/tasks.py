"""E-mails to participants, sent by the task worker after the transaction commits.

A failed delivery is tried again later (up to MAX_ATTEMPTS); the registration itself is
already stored and never depends on the e-mail.
"""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from registrations.emails import build_message
from registrations.models import Registration

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def retry_delay(attempt):
    return timedelta(minutes=2**attempt)


@task()
def send_registration_mail(registration_id, kind, attempt=1):
    registration = Registration.objects.select_related("page").filter(pk=registration_id).first()
    if registration is None:  # deleted meanwhile (e.g. by the retention clean-up)
        return "gone"
    try:
        build_message(registration, kind).send()
    except Exception as error:
        logger.warning(
            "registration e-mail %s for #%s failed (attempt %s): %s",
            kind,
            registration_id,
            attempt,
            type(error).__name__,
        )
        if attempt >= MAX_ATTEMPTS:
            logger.error("giving up on registration e-mail %s for #%s", kind, registration_id)
            return "failed"
        follow_up = send_registration_mail
        if follow_up.get_backend().supports_defer:
            follow_up = follow_up.using(run_after=timezone.now() + retry_delay(attempt))
        follow_up.enqueue(registration_id=registration_id, kind=kind, attempt=attempt + 1)
        return "retrying"
    return "sent"
