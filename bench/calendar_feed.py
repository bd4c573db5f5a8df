"""Benchmark: the calendar's iCal feed with 500 events and 5,000 course sessions.

    make bench                      # SQLite in a temporary test database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test make bench

Builds a throw-away test database, seeds 450 one-off events and 50 courses of 100 weekly
sessions each, then requests the full feed, a filtered feed and a conditional request
through Django's test client, and prints the figures (time per request, SQL queries, size).
"""

import os
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
)

EVENTS = 450
COURSES = 50
SESSIONS_PER_COURSE = 100
RUNS = 7


def seed():
    import recurrence
    from wagtail.models import Locale, Page, Site

    from directory.models import District, Place, Topic
    from events.models import CoursePage, CourseSchedule, EventIndexPage, EventPage
    from events.schedules import local
    from events.sessions import sync_sessions
    from home.models import HomePage

    german = Locale.objects.get_or_create(language_code="de")[0]
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Start", slug="bench-start", locale=german))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    index = home.add_child(instance=EventIndexPage(title="Kalender", slug="kalender"))
    district = District.objects.create(name="Kassel", slug="kassel")
    place = Place.objects.create(name="Familienzentrum", city="Kassel", district=district)
    topic = Topic.objects.create(name="Bindung", slug="bindung", locale=german)
    today = date.today()
    for number in range(EVENTS):
        day = today + timedelta(days=number % 300)
        page = EventPage(
            title=f"Veranstaltung {number}",
            slug=f"veranstaltung-{number}",
            teaser="Ein Nachmittag für Familien mit kleinen Kindern.",
            start=local(datetime.combine(day, datetime.min.time()).replace(hour=15)),
            end=local(datetime.combine(day, datetime.min.time()).replace(hour=17)),
            place=place,
        )
        index.add_child(instance=page)
        if number % 2:
            page.topics = [topic]
            page.save()
        sync_sessions(page)
    for number in range(COURSES):
        page = CoursePage(
            title=f"Kurs {number}", slug=f"kurs-{number}", teaser="Zwanzig Abende für Eltern."
        )
        page.schedules = [
            CourseSchedule(
                place=place,
                first_date=today + timedelta(days=number),
                start_time=datetime.min.time().replace(hour=18),
                duration=90,
                recurrence=recurrence.Recurrence(
                    rrules=[recurrence.Rule(recurrence.WEEKLY, count=SESSIONS_PER_COURSE)]
                ),
            )
        ]
        page.topics = [topic]
        index.add_child(instance=page)
        sync_sessions(page)


def measure(client, url, **headers):
    timings, queries, size, status = [], 0, 0, None
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url, **headers)
            timings.append(time.perf_counter() - started)
        queries, size, status = len(captured), len(response.content), response.status_code
    return {
        "status": status,
        "p50_ms": statistics.median(timings) * 1000,
        "max_ms": max(timings) * 1000,
        "queries": queries,
        "bytes": size,
    }


def main():
    from django.test import Client

    from events.models import Session

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        seed()
        seeded = time.perf_counter() - started
        client = Client()
        full = client.get("/de/kalender/feed.ics")
        results = {
            "full feed": measure(client, "/de/kalender/feed.ics"),
            "filtered feed (topic)": measure(client, "/de/kalender/feed.ics?topic=bindung"),
            "conditional (304)": measure(
                client, "/de/kalender/feed.ics", HTTP_IF_NONE_MATCH=full["ETag"]
            ),
            "calendar page (list)": measure(client, "/de/kalender/"),
            "calendar page (month)": measure(client, "/de/kalender/?view=month"),
        }
        print(f"database: {connection.vendor}")
        print(
            f"seeded {EVENTS} events + {COURSES} courses = "
            f"{Session.objects.count()} sessions in {seeded:.1f} s"
        )
        print(
            f"{'request':26} {'status':>6} {'p50 ms':>8} {'max ms':>8} {'queries':>8} {'bytes':>9}"
        )
        for name, row in results.items():
            print(
                f"{name:26} {row['status']:>6} {row['p50_ms']:>8.1f} {row['max_ms']:>8.1f} "
                f"{row['queries']:>8} {row['bytes']:>9}"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
