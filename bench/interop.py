"""The interop figure of bench/large_site.py: its full calendar feed as three iCal readers
(tests/interop/readers.py: ical.js, node-ical, icalendar) show it, against the database.

The expected VEVENTs are the ``Session`` rows the feed should hold, worked out here from the
rule rather than with the feed's own query: sessions of live pages that ended at most
``events.queries.FEED_HISTORY`` before the feed was fetched. A session whose local start
and end dates differ, and whose end time is later than its start time, is one VEVENT per day
(the UID of day n > 1 is the session's with ``.day<n>`` before the ``@``), each from the
start time to the end time; that is the writer's rule for a page without a timetable, and
the pages bench/large_site.py seeds have none.
"""

import http.client
import time
from datetime import datetime, timedelta

from tests.interop.readers import (
    BERLIN,
    READERS,
    NodeReaders,
    NodeToolsMissing,
    berlin_wall_clock,
    disagreements,
    expected_from_sessions,
    read_icalendar,
    vtimezone_disagreements,
)


def fetch(port, path):
    """``(status, body, fetched_at)`` of a GET on the running server, uncompressed."""
    from django.utils import timezone

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    fetched_at = timezone.now()
    connection.request("GET", path, headers={"Host": "127.0.0.1"})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body, fetched_at


def expected_events(now):
    """``(expected, sessions, split)``: the VEVENTs the full feed should hold at ``now``."""
    from events.models import Session
    from events.queries import FEED_HISTORY

    sessions = list(
        Session.objects.filter(page__live=True, ends_at__gte=now - FEED_HISTORY).order_by("pk")
    )
    expected, split = [], 0
    for session, row in zip(sessions, expected_from_sessions(sessions), strict=True):
        start, end = session.starts_at.astimezone(BERLIN), session.ends_at.astimezone(BERLIN)
        if start.date() == end.date() or end.time() <= start.time():
            expected.append(row)
            continue
        split += 1
        for number in range((end.date() - start.date()).days + 1):
            day = start.date() + timedelta(days=number)
            uid = row["uid"] if number == 0 else row["uid"].replace("@", f".day{number + 1}@", 1)
            expected.append(
                {
                    "uid": uid,
                    "start": berlin_wall_clock(datetime.combine(day, start.time(), BERLIN)),
                    "end": berlin_wall_clock(datetime.combine(day, end.time(), BERLIN)),
                    "status": row["status"],
                }
            )
    return expected, sessions, split


def report(path, status, body, fetched_at, cold_ms):
    """Prints the figure; True when every reader agrees with the database and the VTIMEZONE
    with zoneinfo."""
    print(f"\ninterop: the full feed {path} as calendar clients read it")
    print(
        f"  full feed written cold in {cold_ms:.0f} ms (in-process, first request after a publish)"
    )
    if status != 200:
        print(f"  [NOT met] interop: the feed answered {status}")
        return False
    expected, sessions, split = expected_events(fetched_at)
    local_now = fetched_at.astimezone(BERLIN).replace(tzinfo=None, microsecond=0)
    start, end = local_now - timedelta(days=200), local_now + timedelta(days=3 * 365)
    outside = [e for e in expected if not (start.isoformat() <= e["start"] < end.isoformat())]
    days = (
        f"{split} multi-day sessions written as one VEVENT per day"
        if split
        else "no multi-day sessions in the seeded data: compared 1:1"
    )
    print(
        f"  {len(body):,} bytes; window {start:%Y-%m-%d} to {end:%Y-%m-%d} (Berlin wall clock); "
        f"expected {len(expected):,} VEVENTs from {len(sessions):,} sessions ({days}); "
        f"{len(outside)} expected outside the window"
    )
    results, seconds = {}, {}
    try:
        with NodeReaders() as node:
            started = time.perf_counter()
            answer = node.read(body, start, end)
            seconds["node"] = time.perf_counter() - started
    except NodeToolsMissing as error:
        print(f"  [NOT met] interop: {error}")
        return False
    results["ical.js"], results["node-ical"] = answer["icaljs"], answer["nodeical"]
    started = time.perf_counter()
    results["icalendar"] = read_icalendar(body, start, end)
    seconds["icalendar"] = time.perf_counter() - started

    print(f"  {'reader':10} {'events':>7} {'disagreements':>14} {'parse s':>8}")
    lines = {}
    for reader in READERS:
        result = results[reader]
        lines[reader] = disagreements({reader: result}, expected)
        read = len(result["events"]) if "events" in result else "error"
        took = (
            f"{seconds['icalendar']:>8.1f}"
            if reader == "icalendar"
            else f"{seconds['node']:>8.1f}  (ical.js and node-ical: one node request)"
        )
        print(f"  {reader:10} {read!s:>7} {len(lines[reader]):>14} {took}")
    for reader in READERS:
        for line in lines[reader][:4]:
            print(f"    {line}")

    years = [int(e["start"][:4]) for e in expected] or [local_now.year]
    tz_lines = vtimezone_disagreements(body, min(years), max(years))
    print(
        f"  VTIMEZONE (icalendar's reading of the file's VTIMEZONE vs zoneinfo, "
        f"{min(years)}–{max(years)}): {len(tz_lines)} differences"
    )
    for line in tz_lines[:4]:
        print(f"    {line}")

    total = sum(len(found) for found in lines.values())
    per_reader = ", ".join(f"{reader} {len(lines[reader])}" for reader in READERS)
    ok = total == 0 and not tz_lines
    print(
        f"[{'met' if ok else 'NOT met'}] interop: {total} disagreements ({per_reader}) over "
        f"{len(expected):,} VEVENTs; VTIMEZONE: {len(tz_lines)} differences"
    )
    return ok
