"""Locales are read once per request, and nothing is kept beyond it."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from core.request_memo import memo


def locale_queries(queries):
    return [q["sql"] for q in queries if 'FROM "wagtailcore_locale"' in q["sql"]]


def test_a_page_reads_each_locale_once(client, demo, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/de/impressum/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/de/impressum/").status_code == 200
    by_code = [sql for sql in locale_queries(queries) if '"language_code" =' in sql]
    assert len(by_code) == 1, by_code


def test_nothing_is_kept_outside_or_after_a_request(client, demo):
    calls = []
    assert memo("x", lambda: calls.append(1)) is None
    assert memo("x", lambda: calls.append(1)) is None
    assert len(calls) == 2  # no request: built every time
    client.get("/de/")
    with CaptureQueriesContext(connection) as queries:
        Locale.get_default()
        Locale.get_default()
    assert len(locale_queries(queries)) == 2
