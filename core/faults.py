"""When the database is away: a friendly 503 page in the visitor's language, not a crash.

``DatabaseUnavailableMiddleware`` catches ``OperationalError`` and ``InterfaceError`` (what
psycopg's connection failures become in Django) from views and template rendering and answers
``503 Service Unavailable`` with ``Retry-After``, rendered from ``templates/503.html`` with an
explicit context: no site, settings or page lookups and no context processors, since any of
them would need the database that just failed. The language is the one ``LocaleMiddleware``
took from the URL prefix. A form submission (a registration) is told that nothing was stored:
writes run in one transaction, which the failure rolled back; where the transaction had
committed before the failure (``mark_stored``, or the commit's own callback), it is told that
it was stored instead. Where the failure came while the commit itself was on its way
(``storing``), nobody can know whether the database kept it: the visitor is told so, and
what to look out for, never "nothing has been stored".

``server_error`` (``handler500``) does the same for a database failure outside a view (e.g. a
session saved by a middleware), and falls back to the usual 500 page for everything else.

Django closes a connection that raised such an error at the end of the request, and
``CONN_HEALTH_CHECKS`` tests a reused one before the next, so the portal recovers by itself
once the database is back: no restart needed.
"""

import logging
import sys
from contextvars import ContextVar

from django.db import InterfaceError, OperationalError, transaction

from core import views
from core.logging import user_id

logger = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


# Where the current request's writes stand, set up by the middleware for each request (no
# request, nothing recorded): {"outcome": "committing"} once the transaction's work is done
# and its COMMIT about to be sent, "committed" once the database confirmed it.
_writes = ContextVar("portal_writes", default=None)


def _record(outcome):
    writes = _writes.get()
    if writes is not None:
        writes["outcome"] = outcome


def storing():
    """Call at the start of the transaction that stores what a visitor sent: once it
    commits, the request counts as stored (this callback runs before the transaction's
    other ``on_commit`` work, e.g. queueing the e-mail, which may fail in its turn)."""
    transaction.on_commit(lambda: _record("committed"))


def committing():
    """Call as the last step inside that transaction: a failure from here on may have come
    after the database kept the data, with only its answer lost."""
    _record("committing")


def mark_stored(request):
    """What this request sent is committed: a database failure while its answer is rendered
    must not say that nothing was stored."""
    request._portal_stored = True


def unavailable_response(request):
    submitted = request.method not in ("GET", "HEAD", "OPTIONS")
    outcome = (_writes.get() or {}).get("outcome")
    stored = getattr(request, "_portal_stored", False) or outcome == "committed"
    uncertain = not stored and outcome == "committing"
    response = views.bare_error_page(
        request,
        "503.html",
        503,
        submitted=submitted and not stored and not uncertain,
        stored=stored,
        uncertain=uncertain,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def log_unavailable(request, error):
    logger.error(
        "database unavailable: %s %s (user %s): %s",
        request.method,
        request.path,
        user_id(request),
        type(error).__name__,
    )


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _writes.set({})
        try:
            return self.get_response(request)
        finally:
            _writes.reset(token)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_DOWN):
            return None
        log_unavailable(request, exception)
        return unavailable_response(request)


def server_error(request):
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_DOWN):
        return unavailable_response(request)
    return views.server_error(request)
