"""The calendar as visitors see it: list, month, archive, filters and bad input."""

import re
from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.tests.conftest import local, make_event


def titles(response):
    return re.findall(
        r'class="entry__title"[^>]*><a href="[^"]*">([^<]+)</a>', response.content.decode()
    )


def soon(days, hour=10):
    day = timezone.localdate() + timedelta(days=days)
    return local(datetime.combine(day, datetime.min.time()).replace(hour=hour))


def test_calendar_lists_upcoming_dates_in_the_visitors_language(client, demo):
    response = client.get("/en/calendar/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "wir2 – attachment training for single parents in Kassel" in titles(response)
    assert "Opening party of the open drop-in centre in Offenburg" in titles(response)
    # The 2019 conference is over: it is in the archive, not the list.
    assert "Conference “Early help" not in html
    assert '<link rel="alternate" type="text/calendar"' in html
    assert 'href="webcal://testserver/en/calendar/feed.ics"' in html


def test_cancelled_session_is_struck_through_with_its_reason(client, demo):
    html = client.get("/en/calendar/wir2-attachment-training-kassel/").content.decode()
    cancelled = re.search(r'<li class="entry entry--cancelled">(.*?)</li>', html, re.S).group(1)
    assert "<del>" in cancelled
    assert "Holidays: the family centre is closed." in cancelled
    assert "Cancelled" in cancelled


def test_untranslated_entries_are_shown_in_german_and_marked(client, demo):
    # The jubilee conference is German only; the wir2 course is translated into Turkish.
    response = client.get("/tr/takvim/?audience=professionals")
    html = response.content.decode()
    assert titles(response) == [
        "Jubiläumstagung: 10 Jahre interprofessionelle Qualitätszirkel Frühe Hilfen"
    ]
    assert 'class="entry__title" lang="de" dir="ltr"><a href="/tr/takvim/' in html
    assert "badge--language" in html
    response = client.get("/tr/takvim/?audience=families&district=kassel")
    assert set(titles(response)) == {"wir2 – Kassel&#x27;de tek ebeveynler için bağlanma eğitimi"}
    assert 'class="entry__title" lang="de"' not in response.content.decode()


def test_filters_combine_and_stay_in_the_url(client, demo):
    response = client.get("/en/calendar/?topic=bindung&audience=families&district=kassel")
    found = set(titles(response))
    assert found == {"wir2 – attachment training for single parents in Kassel"}
    assert "Opening party" not in response.content.decode()
    feed = "feed.ics?audience=families&amp;district=kassel&amp;topic=bindung"
    assert feed in response.content.decode()


def test_filter_by_programme_and_language(client, demo):
    response = client.get("/de/kalender/?programme=gesundheit4punktzukunft")
    assert set(titles(response)) == {"Eröffnungsfest der Offenen Anlaufstelle in Offenburg"}
    turkish = client.get("/de/kalender/?language=tr")
    assert set(titles(turkish)) == {"Eröffnungsfest der Offenen Anlaufstelle in Offenburg"}


@pytest.mark.parametrize(
    "query",
    [
        "?topic=gibtsnicht",
        "?audience=aliens",
        "?district=%3Cscript%3E",
        "?language=xx",
        "?programme=' OR 1=1--",
        "?page=abc",
        "?page=99999",
        "?view=month&month=2026-13",
        "?view=month&month=banana",
        "?view=month&month=1850-01",
        "?view=month&month=9999-12",
        "?view=calendar",
    ],
)
def test_bad_input_answers_200_with_an_explanation(client, demo, query):
    response = client.get(f"/de/kalender/{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html
    if "topic" in query or "audience" in query or "district" in query:
        assert "notice--warning" in html
    if "month=" in query:
        assert "notice--warning" in html and 'id="month-heading"' in html
    else:  # the list of upcoming dates, whatever else was asked
        assert 'id="results-heading"' in html and 'class="entry__title"' in html


def test_month_view_shows_the_month_and_its_sessions(client, demo):
    first = timezone.localdate().replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    response = client.get(f"/de/kalender/?view=month&month={following:%Y-%m}")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="month__grid"' in html
    assert "wir2 – Bindungstraining" in html


def test_archive_lists_past_events_with_their_results(client, demo):
    response = client.get("/en/calendar/archive/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Conference “Early help – youth services and health care working together 2019”" in html
    assert "badge--results" in html
    assert "wir2" not in html  # courses are not archived as events


def rendered_queries(client, url):
    # The full render: kept fragments (core.cache.cached) would hide the queries.
    cache.clear()
    from core.cache import invalidate

    invalidate()  # measure a feed written afresh, not one read from the feed body cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_events(site, count):
    """``count`` live events with a topic and a place, written the way publishing writes
    them (sessions included) but without a revision each, to keep the test quick."""
    from events.models import EventPage
    from events.sessions import sync_sessions

    for number in range(count):
        page = make_event(
            site,
            soon(1 + number % 60),
            soon(1 + number % 60, hour=12),
            publish=False,
            place=site["wehlheiden"],
        )
        page.topics = [site["topic"]]
        page.save()
        sync_sessions(page)
    return EventPage.objects.child_of(site["index"]).first()


URLS = [
    "/de/kalender/",
    "/de/kalender/?topic=bindung&district=kassel&audience=families",
    "/de/kalender/?view=month",
    "/de/kalender/archive/",
    "/de/kalender/feed.ics",
]


def test_calendar_and_event_pages_use_as_many_queries_for_500_events_as_for_10(
    client, calendar_site
):
    first = add_events(calendar_site, 10)
    urls = [*URLS, first.url, first.url + "calendar.ics"]
    for url in urls:
        rendered_queries(client, url)  # warm caches (site root paths, renditions)
    few = {url: rendered_queries(client, url) for url in urls}
    add_events(calendar_site, 490)
    many = {url: rendered_queries(client, url) for url in urls}
    assert many == few
