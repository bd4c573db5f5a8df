"""Interop figure: what ical.js (Thunderbird), node-ical and icalendar show of the demo's feeds.

    scripts/ensure-node-tools && .venv/bin/python bench/ical_interop.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/ical_interop.py
    SQLITE_TEST_PATH=/tmp/interop.sqlite3 .venv/bin/python bench/ical_interop.py  # beside tests

Builds a throw-away test database with the demo content (``load_demo``), fetches every
calendar file the demo offers through Django's test client: ``feed.ics`` of each calendar
page, ``calendar.ics`` of each event and course and ``timetable.ics`` of each conference
(an event with agenda items or forums), in every language. Each is read by the three readers
of tests/interop/readers.py over [today - 200 days, today + 2 years], and each VEVENT whose
UID is a session's is compared with that ``events.models.Session`` row (start and end as
Europe/Berlin wall-clock time, status CANCELLED or CONFIRMED). A page's own calendar should
hold all its sessions in the window; a session missing there is counted too.

A timetable is compared with the German page's rows (they own the times, in every
language): ``agenda.<translation key>@fruehe-hilfen-portal`` from the item's start to its end,
or where it has none to the next item's start the same (Berlin) day, else to the event's end
if that is later the same day, else 30 minutes; ``forum.<translation key>@…`` at the times of
its round. Status CANCELLED when the event is cancelled. A timetable is read over the days of its
rows (a past conference's too). A day after the first of an event
over several days (UID ``<session>.day<n>@…``) is counted as "days"; any other UID as
"other".
"""

import os
import re
import sys
import time
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from tests.interop.readers import (  # noqa: E402
    READERS,
    NodeReaders,
    berlin_wall_clock,
    disagreements,
    expected_from_sessions,
    expected_from_timetable,
    read_all,
    vtimezone_disagreements,
)

HOST = "localhost"  # in the test settings' ALLOWED_HOSTS
DAY_UID = re.compile(r"^(?P<base>.*)\.day(?P<number>[0-9]+)@(?P<domain>[^@]*)$")


def path_of(page):
    return urlsplit(page.get_url()).path


def calendar_files():
    """(kind, path, own) for every file: ``own`` is the page's sessions for its
    ``calendar.ics``, the expected agenda items and forums for a ``timetable.ics``, None for
    a calendar's feed."""
    from wagtail.models import Locale, Page

    from core.i18n import source_of
    from events.models import CalendarPage, EventIndexPage, EventPage, Session

    files = []
    for index in EventIndexPage.objects.live().public().order_by("path", "locale_id"):
        files.append(("feed", path_of(index) + "feed.ics", None))
    pages = Page.objects.live().public().type(CalendarPage).specific().order_by("path")
    for page in pages:
        own = Session.objects.filter(page=page)
        if not own.exists():
            own = Session.objects.filter(page=source_of(page))
        files.append((type(page).__name__, path_of(page) + "calendar.ics", list(own)))
        if isinstance(page, EventPage):
            german = page.get_translation(Locale.get_default()).specific
            parts = expected_from_timetable(german)
            if parts:
                files.append(("timetable", path_of(page) + "timetable.ics", parts))
    return files


def main():
    from django.test import Client

    from events.models import Session

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        call_command("load_demo", verbosity=0)
        seeded = time.perf_counter() - started
        today = date.today()
        start = datetime.combine(today - timedelta(days=200), datetime.min.time())
        end = datetime.combine(today + timedelta(days=2 * 365), datetime.min.time())
        sessions_by_uid = {session.uid: session for session in Session.objects.all()}
        client = Client(HTTP_HOST=HOST)
        totals = {reader: Counter() for reader in READERS}
        examples = defaultdict(list)
        statuses = Counter()
        files = calendar_files()
        vtimezone_lines = set()
        vtimezones_checked = set()
        read_started = time.perf_counter()
        with NodeReaders() as node:
            for kind, path, own in files:
                response = client.get(path)
                statuses[(kind, response.status_code)] += 1
                if response.status_code != 200:
                    continue
                body = response.content
                results = read_all(node, body, *window(kind, own, start, end))
                # The VTIMEZONE over the years of the file's events (it need cover no others);
                # the same VTIMEZONE is checked once.
                years = [int(e["start"][:4]) for e in results["icalendar"].get("events", [])]
                key = (vtimezone_text(body), min(years, default=0), max(years, default=0))
                if years and key not in vtimezones_checked:
                    vtimezones_checked.add(key)
                    vtimezone_lines.update(vtimezone_disagreements(body, key[1], key[2]))
                if kind == "timetable":
                    compare_parts(results, own, path, totals, examples)
                else:
                    compare(results, sessions_by_uid, own, start, end, path, totals, examples)
        read_seconds = time.perf_counter() - read_started
        report(
            connection.vendor, seeded, read_seconds, start, end, files, statuses, totals, examples
        )
        print(
            f"VTIMEZONE: {len(vtimezones_checked)} checked (icalendar's reading of the file's "
            f"VTIMEZONE vs zoneinfo, over the years of its events): "
            f"{len(vtimezone_lines)} differences"
        )
        for line in sorted(vtimezone_lines)[:6]:
            print(f"  {line}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def window(kind, own, start, end):
    """The window a file is read over: a timetable's covers all its days (a past
    conference's too), every other file's is [start, end)."""
    if kind != "timetable":
        return start, end
    first = min(datetime.fromisoformat(part["start"]) for part in own)
    last = max(datetime.fromisoformat(part["end"]) for part in own)
    midnight = datetime.min.time()
    return (
        datetime.combine(first.date(), midnight),
        datetime.combine(last.date() + timedelta(days=1), midnight),
    )


def vtimezone_text(body):
    first = body.find(b"BEGIN:VTIMEZONE")
    last = body.rfind(b"END:VTIMEZONE")
    return body[first:last] if first >= 0 else b""


def in_window(session, start, end):
    first = berlin_wall_clock(session.starts_at)
    last = berlin_wall_clock(session.ends_at)
    return first < end.isoformat() and (last > start.isoformat() or first >= start.isoformat())


def readable(results, path, totals, examples):
    """``(reader, result, counts, events)`` for each reader that could read the file; the
    others are counted as errors."""
    for reader, result in results.items():
        counts = totals[reader]
        if "error" in result:
            counts["errors"] += 1
            examples[reader].append(f"{reader}: error: {result['error']} ({path})")
            continue
        counts["calendars"] += 1
        counts["events"] += len(result["events"])
        yield reader, result, counts, result["events"]


def compare(results, sessions_by_uid, page_sessions, start, end, path, totals, examples):
    """Count, per reader, what it read of one file against the sessions."""
    for reader, result, counts, events in readable(results, path, totals, examples):
        session_events = [event for event in events if event["uid"] in sessions_by_uid]
        days = [event for event in events if is_later_day(event["uid"], sessions_by_uid)]
        counts["days"] += len(days)
        counts["other"] += len(events) - len(session_events) - len(days)
        counts["sessions"] += len(session_events)
        uids = Counter(event["uid"] for event in session_events)
        counts["repeated"] += sum(n - 1 for n in uids.values())
        seen = set()
        for event in session_events:
            if event["uid"] in seen:
                continue
            seen.add(event["uid"])
            [want] = expected_from_sessions([sessions_by_uid[event["uid"]]])
            if event["start"] != want["start"]:
                counts["shifted"] += 1
                if event["start"] is not None:
                    minutes = (
                        datetime.fromisoformat(event["start"])
                        - datetime.fromisoformat(want["start"])
                    ) // timedelta(minutes=1)
                    examples[f"{reader} shifts"].append(f"{minutes:+d} min in {want['start'][:4]}")
            elif event["end"] != want["end"]:
                counts["end"] += 1
            if event["status"] != want["status"]:
                counts["status"] += 1
        expected_uids = set(seen)
        if page_sessions is not None:
            wanted = [s for s in page_sessions if in_window(s, start, end)]
            missing = [s for s in wanted if s.uid not in seen]
            counts["missing"] += len(missing)
            expected_uids |= {s.uid for s in wanted}
        expected = expected_from_sessions([sessions_by_uid[uid] for uid in sorted(expected_uids)])
        only_sessions = {reader: {**result, "events": session_events}}
        for line in disagreements(only_sessions, expected):
            if len(examples[reader]) < 4:
                examples[reader].append(f"{line} ({path})")


def is_later_day(uid, sessions_by_uid):
    match = DAY_UID.match(uid or "")
    return bool(match) and f"{match['base']}@{match['domain']}" in sessions_by_uid


def compare_parts(results, parts, path, totals, examples):
    """Count, per reader, what it read of a conference's timetable against its rows."""
    wanted = {part["uid"]: part for part in parts}
    for reader, result, counts, events in readable(results, path, totals, examples):
        found = [event for event in events if event["uid"] in wanted]
        counts["parts"] += len(found)
        counts["other"] += len(events) - len(found)
        uids = Counter(event["uid"] for event in found)
        counts["repeated"] += sum(n - 1 for n in uids.values())
        counts["missing"] += len(set(wanted) - set(uids))
        seen = set()
        for event in found:
            if event["uid"] in seen:
                continue
            seen.add(event["uid"])
            want = wanted[event["uid"]]
            if event["start"] != want["start"]:
                counts["shifted"] += 1
            elif event["end"] != want["end"]:
                counts["end"] += 1
            if event["status"] != want["status"]:
                counts["status"] += 1
        for line in disagreements({reader: result}, parts):
            if len(examples[reader]) < 4:
                examples[reader].append(f"{line} ({path})")


def report(vendor, seeded, read_seconds, start, end, files, statuses, totals, examples):
    print(f"database: {vendor}; demo loaded in {seeded:.1f} s")
    print(f"window: {start:%Y-%m-%d} to {end:%Y-%m-%d} (Europe/Berlin wall clock)")
    fetched = ", ".join(f"{kind} {status}: {n}" for (kind, status), n in sorted(statuses.items()))
    print(f"files: {len(files)} ({fetched}); read in {read_seconds:.1f} s")
    columns = [
        ("calendars", "calendars"),
        ("errors", "errors"),
        ("events", "events"),
        ("sessions", "session events"),
        ("days", "days"),
        ("parts", "timetable"),
        ("other", "other"),
        ("shifted", "shifted start"),
        ("end", "end differs"),
        ("status", "status differs"),
        ("missing", "missing"),
        ("repeated", "repeated"),
    ]
    print(f"{'reader':10} " + " ".join(f"{label:>{max(len(label), 6)}}" for _, label in columns))
    for reader in READERS:
        counts = totals[reader]
        print(
            f"{reader:10} "
            + " ".join(f"{counts[key]:>{max(len(label), 6)}}" for key, label in columns)
        )
    for reader in READERS:
        shifts = Counter(examples[f"{reader} shifts"])
        if shifts:
            listed = ", ".join(f"{n} × {shift}" for shift, n in sorted(shifts.items()))
            print(f"  {reader}: shifted starts: {listed}")
    for reader in READERS:
        for line in examples[reader][:4]:
            print(f"  {line}")


if __name__ == "__main__":
    main()
