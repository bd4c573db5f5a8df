"""``/healthz`` for load balancers and monitoring.

Answers JSON about the database and the cache, never from a cache and without personal data:

- 200 ``{"status": "ok", "database": "ok", "cache": "ok"}``: all well;
- 200 with ``"status": "degraded", "cache": "error"``: Redis is unreachable; the site keeps
  serving from the database (slower) and refuses form submissions (the rate limit fails
  closed), so the app server should stay in the pool;
- 503 with ``"status": "down", "database": "error"``: this server cannot reach the database
  and can only show the "temporarily unavailable" page; take it out of the pool.

The database check is a single ``SELECT 1``. Where the tasks run from the database queue
(production), a second query looks for jobs that have been ready for longer than
``TASKS_STALLED_SECONDS``: then no task worker is taking jobs (registration e-mails wait,
bookings expire unconfirmed), and the answer adds ``"tasks": "stalled"`` with status
"degraded" (200: the app server itself is fine; alert someone to restart the worker).
"""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import Q
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.mail import queued_in_the_database

logger = logging.getLogger(__name__)


def database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("health check: database unavailable (%s)", type(error).__name__)
        return False
    return True


def cache_ok():
    """Redis is asked directly (past the breaker of core/cache_backends.py); other backends
    get a round trip of a throw-away value."""
    ping = getattr(cache, "ping", None)
    if ping is not None:
        return ping()
    probe = uuid.uuid4().hex
    try:
        cache.set("healthz:probe", probe, timeout=10)
        return cache.get("healthz:probe") == probe
    except Exception as error:
        logger.warning("health check: cache unavailable (%s)", type(error).__name__)
        return False


def tasks_ok():
    """False when a job of the database queue has been ready for too long; None where the
    tasks do not run from the database (development, tests) or it cannot be asked."""
    if not queued_in_the_database():
        return None
    # Imported here: django_tasks_db is an installed app only where tasks run from the
    # database (the production settings).
    from django_tasks_db.models import DBTaskResult, get_date_max

    cutoff = timezone.now() - timedelta(seconds=settings.TASKS_STALLED_SECONDS)
    try:
        return not (
            DBTaskResult.objects.ready()
            .filter(Q(run_after=get_date_max(), enqueued_at__lte=cutoff) | Q(run_after__lte=cutoff))
            .exists()
        )
    except DatabaseError as error:
        logger.warning("health check: task queue unavailable (%s)", type(error).__name__)
        return None


@require_GET
@never_cache
def healthz(request):
    database = database_ok()
    cached = cache_ok()
    tasks = tasks_ok() if database else None
    if not database:
        status = "down"
    elif not cached or tasks is False:
        status = "degraded"
    else:
        status = "ok"
    answer = {
        "status": status,
        "database": "ok" if database else "error",
        "cache": "ok" if cached else "error",
    }
    if tasks is not None:
        answer["tasks"] = "ok" if tasks else "stalled"
    return JsonResponse(answer, status=200 if database else 503)
