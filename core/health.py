"""``/healthz`` for load balancers and monitoring.

Answers JSON about the database and the cache, never from a cache and without personal data:

- 200 ``{"status": "ok", "database": "ok", "cache": "ok"}``: all well;
- 200 with ``"status": "degraded", "cache": "error"``: Redis is unreachable; the site keeps
  serving from the database (slower) and refuses form submissions (the rate limit fails
  closed), so the app server should stay in the pool;
- 503 with ``"status": "down", "database": "error"``: this server cannot reach the database
  and can only show the "temporarily unavailable" page; take it out of the pool.

The database check is a single ``SELECT 1``.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

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


@require_GET
@never_cache
def healthz(request):
    database = database_ok()
    cached = cache_ok()
    if not database:
        status = "down"
    elif not cached:
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse(
        {
            "status": status,
            "database": "ok" if database else "error",
            "cache": "ok" if cached else "error",
        },
        status=200 if database else 503,
    )
