"""Locales are read once per request, and nothing is kept beyond it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from core.request_memo import memo


def locale_queries(queries):
    return [q["sql"] for q in queries if 'FROM "wagtailcore_locale"' in q["sql"]]


@pytest.mark.parametrize("url", ["/de/impressum/", "/tr/hakkimizda/", "/tr/"])
def test_a_page_reads_its_locales_with_its_pages_never_on_their_own(client, demo, settings, url):
    """Wagtail looks the active and the default locale up by language code; routing reads
    them with the home page (``core.routing``) and keeps them for the request."""
    settings.FRAGMENT_CACHE_SECONDS = 0
    settings.PAGE_CACHE_SECONDS = 0
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert locale_queries(queries) == []


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
