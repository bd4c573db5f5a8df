"""The 503 page while the database is away, rendered without touching the database (tests
without the ``db`` fixture are refused any query by pytest-django). tests/test_faults.py
drives the same with a real server and a database that goes away."""

import re

from django.db import OperationalError
from django.test import RequestFactory
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from core import faults


def unreachable(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')


def test_a_database_failure_gives_the_503_page_in_the_visitors_language():
    middleware = faults.DatabaseUnavailableMiddleware(unreachable)
    request = RequestFactory().get("/ar/")
    with translation.override("ar"):
        response = middleware.process_exception(request, OperationalError("gone"))
        title = gettext("Temporarily unavailable")
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert '<html lang="ar" dir="rtl">' in html
    assert f"<h1>{escape(title)}</h1>" in html
    assert "OperationalError" not in html and "5432" not in html


def test_a_refused_submission_is_told_that_nothing_was_stored():
    request = RequestFactory().post("/de/registration/3/", {"email": "a@example.org"})
    with translation.override("de"):
        response = faults.DatabaseUnavailableMiddleware(unreachable).process_exception(
            request, OperationalError("gone")
        )
        message = gettext(
            "What you sent could not be saved: nothing has been stored. "
            "Please send it again in a few minutes."
        )
    assert response.status_code == 503
    assert '<html lang="de" dir="ltr">' in response.content.decode()
    assert escape(message) in response.content.decode()


def test_other_errors_are_left_to_the_500_page():
    request = RequestFactory().get("/de/")
    middleware = faults.DatabaseUnavailableMiddleware(unreachable)
    assert middleware.process_exception(request, ValueError("a bug")) is None
    try:
        raise ValueError("a bug")
    except ValueError:
        assert faults.server_error(request).status_code == 500
    try:
        unreachable(request)
    except OperationalError:
        assert faults.server_error(request).status_code == 503


def test_the_503_pages_inline_style_carries_the_nonce_its_policy_names():
    """django-csp names a nonce in the header only when the page used one: the bare error
    page's only style must be allowed by the header sent with it, or it shows unstyled."""
    from core.security import ContentSecurityPolicyMiddleware

    def view(request):
        return faults.DatabaseUnavailableMiddleware(unreachable).process_exception(
            request, OperationalError("gone")
        )

    response = ContentSecurityPolicyMiddleware(view)(RequestFactory().get("/de/"))
    html = response.content.decode()
    [nonce] = re.findall(r'<style nonce="([^"]+)"', html)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_writes_outside_a_request_leave_no_trace_for_the_next_error_page():
    """services.register called by a command or a test marks nothing for later requests."""
    faults.committing()
    test_a_refused_submission_is_told_that_nothing_was_stored()
