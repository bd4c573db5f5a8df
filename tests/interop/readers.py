"""Three independent readers of iCal (RFC 5545) files, for tests that compare what calendar
clients would show with what the database holds.

* ``ical.js`` 2.2.1, Thunderbird's parser, and ``node-ical`` (tests/interop/package.json),
  both in one long-lived ``node read_ics.mjs --serve`` process (:class:`NodeReaders`);
* ``icalendar`` with ``recurring-ical-events`` (:func:`read_icalendar`).

Each returns ``{"calendar": {"name", "x_wr_calname", "description", "x_wr_caldesc"},
"events": [...]}`` (``description`` is RFC 7986's DESCRIPTION, else X-WR-CALDESC), or
``{"error": message}`` when the parser failed. An event is
``{"uid", "start", "end", "status", "sequence", "summary", "summary_language",
"description", "location", "url"}``; ``start`` and ``end`` are Europe/Berlin wall-clock times
as naive ISO strings (``2027-04-06T18:00:00``), an all-day date is midnight of its day, and
``end`` is None where the parser gives none (all three give a VEVENT without DTEND or
DURATION RFC 5545's default end: its start, or the next day for a date). Recurring events
are expanded over the window ``[start, end)`` (naive Berlin wall-clock datetimes); an
occurrence is kept when it overlaps the window, a zero-length one when it starts inside it.

The readers differ in how they turn a TZID into instants, which is the point of having three:
ical.js reads the file's VTIMEZONE (as Thunderbird does), node-ical and icalendar look the
TZID up in the IANA database and ignore the VTIMEZONE; :func:`vtimezone_disagreements`
checks the VTIMEZONE itself.

    with NodeReaders() as node:
        results = read_all(node, feed_bytes, start, end)
    assert not disagreements(results, expected)
"""

import json
import os
import shutil
import subprocess
import threading
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

HERE = Path(__file__).resolve().parent
BERLIN = ZoneInfo("Europe/Berlin")
READERS = ("ical.js", "node-ical", "icalendar")
_NODE_KEYS = {"ical.js": "icaljs", "node-ical": "nodeical"}
SETUP_HINT = "run scripts/ensure-node-tools"


class NodeToolsMissing(RuntimeError):
    pass


class NodeReaders:
    """One ``node read_ics.mjs --serve`` process for many calendars (a context manager).

    ``read(ics_bytes, start, end)`` sends one calendar and returns
    ``{"icaljs": RESULT, "nodeical": RESULT}``. Requests are answered in order, one line
    each; the process lives until the ``with`` block ends."""

    def __init__(self):
        self.process = None
        self._lock = threading.Lock()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.close()

    def start(self):
        node = shutil.which("node")
        if node is None:
            raise NodeToolsMissing(f"node is not installed: {SETUP_HINT}")
        for package in ("ical.js", "node-ical"):
            if not (HERE / "node_modules" / package / "package.json").exists():
                raise NodeToolsMissing(
                    f"tests/interop/node_modules/{package} is missing: {SETUP_HINT}"
                )
        self.process = subprocess.Popen(
            [node, "read_ics.mjs", "--serve"],
            cwd=HERE,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            bufsize=1,
            # Floating times are read as a client in Berlin reads them (read_ics.mjs sets the
            # same); node-ical's warnings go to stderr, drained so that the pipe never fills.
            env={**os.environ, "TZ": "Europe/Berlin"},
        )
        self._stderr = []
        threading.Thread(target=self._drain, daemon=True).start()
        return self

    def _drain(self):
        for line in self.process.stderr:
            self._stderr.append(line)
            del self._stderr[:-50]

    def read(self, ics_bytes, start, end):
        if self.process is None:
            self.start()
        text = ics_bytes.decode("utf-8") if isinstance(ics_bytes, bytes) else ics_bytes
        request = json.dumps({"ics": text, "start": _iso(start), "end": _iso(end)})
        with self._lock:
            if self.process.poll() is not None:
                raise RuntimeError(f"read_ics.mjs has exited: {''.join(self._stderr)[-2000:]}")
            self.process.stdin.write(request + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"read_ics.mjs gave no answer: {''.join(self._stderr)[-2000:]}")
        return json.loads(line)

    def close(self):
        process, self.process = self.process, None
        if process is None:
            return
        try:
            process.stdin.close()
            process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()
        finally:
            process.stdout.close()


def _iso(moment):
    if isinstance(moment, str):
        return moment
    if isinstance(moment, datetime):
        if moment.tzinfo is not None:
            moment = moment.astimezone(BERLIN).replace(tzinfo=None)
        return moment.replace(microsecond=0).isoformat()
    return datetime.combine(moment, datetime.min.time()).isoformat()


def _naive(moment):
    return datetime.fromisoformat(_iso(moment))


# ----------------------------------------------------------------------------- icalendar


def berlin_wall_clock(value):
    """A DATE-TIME or DATE as icalendar gives it, as naive Berlin wall-clock text: an aware
    datetime is converted with zoneinfo, a naive (floating) one is taken as Berlin time as it
    is, a date becomes midnight of that day."""
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(BERLIN).replace(tzinfo=None)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return datetime.combine(value, datetime.min.time()).isoformat()
    return None  # a PERIOD or anything else that is no point in time


def _text(component, name):
    value = component.get(name)
    if isinstance(value, list):
        value = value[0] if value else None
    return None if value is None else str(value)


def _property_dt(component, name):
    prop = component.get(name)
    if isinstance(prop, list):
        prop = prop[0] if prop else None
    return getattr(prop, "dt", None)


def _overlaps(start, end, window_start, window_end):
    """The same rule as read_ics.mjs: [start, end) overlaps [window_start, window_end); a
    zero-length occurrence counts when it starts inside the window."""
    if start is None or start >= window_end:
        return False
    stop = end if end is not None and end > start else start
    return start >= window_start if stop == start else stop > window_start


def read_icalendar(ics_bytes, start, end):
    """What ``icalendar`` + ``recurring-ical-events`` read, in the readers' RESULT shape."""
    try:
        return _read_icalendar(ics_bytes, start, end)
    except Exception as error:  # a reader's failure is a result, as in read_ics.mjs
        return {"error": f"{type(error).__name__}: {error}"}


def _read_icalendar(ics_bytes, start, end):
    calendar = icalendar.Calendar.from_ical(ics_bytes)
    window_start, window_end = _iso(start), _iso(end)
    # recurring-ical-events compares a naive window with each event in the event's own zone;
    # a wider window, then the exact cut on Berlin wall-clock time as for the other readers.
    occurrences = recurring_ical_events.of(calendar).between(
        _naive(start) - timedelta(days=2), _naive(end) + timedelta(days=2)
    )
    events = []
    for occurrence in occurrences:
        summary = occurrence.get("SUMMARY")
        language = summary.params.get("LANGUAGE") if summary is not None else None
        sequence = occurrence.get("SEQUENCE")
        status = _text(occurrence, "STATUS")
        event = {
            "uid": _text(occurrence, "UID"),
            "start": berlin_wall_clock(_property_dt(occurrence, "DTSTART")),
            # recurring-ical-events gives every occurrence a DTEND (from DURATION, or by RFC
            # 5545's default where the VEVENT has neither), as ical.js and node-ical do
            "end": berlin_wall_clock(_property_dt(occurrence, "DTEND")),
            "status": status.upper() if status else None,
            "sequence": int(sequence) if sequence is not None else None,
            "summary": _text(occurrence, "SUMMARY"),
            "summary_language": None if language is None else str(language),
            "description": _text(occurrence, "DESCRIPTION"),
            "location": _text(occurrence, "LOCATION"),
            "url": _text(occurrence, "URL"),
        }
        if _overlaps(event["start"], event["end"], window_start, window_end):
            events.append(event)
    description = _text(calendar, "DESCRIPTION")
    return {
        "calendar": {
            "name": _text(calendar, "NAME"),
            "x_wr_calname": _text(calendar, "X-WR-CALNAME"),
            "description": description
            if description is not None
            else _text(calendar, "X-WR-CALDESC"),
            "x_wr_caldesc": _text(calendar, "X-WR-CALDESC"),
        },
        "events": events,
    }


def read_all(node_readers, ics_bytes, start, end):
    """All three readers: ``{"ical.js": RESULT, "node-ical": RESULT, "icalendar": RESULT}``."""
    node = node_readers.read(ics_bytes, start, end)
    return {
        "ical.js": node["icaljs"],
        "node-ical": node["nodeical"],
        "icalendar": read_icalendar(ics_bytes, start, end),
    }


# ---------------------------------------------------------------------------- comparison


def _by_uid(events):
    found = defaultdict(list)
    for event in events:
        found[event.get("uid")].append(event)
    return found


def _example(items, limit=3):
    shown = ", ".join(items[:limit])
    return shown + (", …" if len(items) > limit else "")


def disagreements(results, expected):
    """Human-readable lines for every reader whose events differ from ``expected`` (a list of
    ``{"uid", "start", "end", "status"}``, times as naive Berlin ISO text): its error, missing,
    unexpected and repeated UIDs, and UIDs whose start, end or status differ. None if all
    agree."""
    wanted = {item["uid"]: item for item in expected}
    lines = []
    for reader, result in results.items():
        if "error" in result:
            lines.append(f"{reader}: error: {result['error']}")
            continue
        found = _by_uid(result["events"])
        missing = [uid for uid in wanted if uid not in found]
        extra = [str(uid) for uid in found if uid not in wanted]
        repeated = [f"{uid} ×{len(found[uid])}" for uid in wanted if len(found.get(uid, ())) > 1]
        if missing:
            lines.append(
                f"{reader}: {len(missing)} of {len(wanted)} events missing, e.g. "
                f"{_example(missing)}"
            )
        if extra:
            lines.append(f"{reader}: {len(extra)} unexpected UIDs, e.g. {_example(extra)}")
        if repeated:
            lines.append(
                f"{reader}: {len(repeated)} UIDs appear more than once, e.g. {_example(repeated)}"
            )
        for field in ("start", "end", "status"):
            differing = [
                f"{uid} {event[field]} != {wanted[uid][field]}"
                for uid, events in found.items()
                if uid in wanted
                for event in events[:1]
                if event[field] != wanted[uid][field]
            ]
            if differing:
                lines.append(
                    f"{reader}: {len(differing)} of {len(wanted)} events differ in {field}, "
                    f"e.g. {_example(differing, 2)}"
                )
    return lines


def shifted_count(results, expected):
    """``{reader: n}``: how many expected events a reader shows at another start (the first
    occurrence of a repeated UID counts; a missing UID does not); None for a reader that
    failed."""
    wanted = {item["uid"]: item["start"] for item in expected}
    counts = {}
    for reader, result in results.items():
        if "error" in result:
            counts[reader] = None
            continue
        found = _by_uid(result["events"])
        counts[reader] = sum(
            1 for uid, start in wanted.items() if uid in found and found[uid][0]["start"] != start
        )
    return counts


def expected_from_sessions(sessions):
    """``expected`` for :func:`disagreements` from ``events.models.Session`` rows."""
    return [
        {
            "uid": session.uid,
            "start": berlin_wall_clock(session.starts_at),
            "end": berlin_wall_clock(session.ends_at),
            "status": "CANCELLED" if session.status == "cancelled" else "CONFIRMED",
        }
        for session in sessions
    ]


# An agenda item without an end, as the portal documents it: until the next item of its day,
# else until the event ends that day, else half an hour. Written here again on purpose: the
# expected values must not come from the code that writes the files.
OPEN_ITEM_LENGTH = timedelta(minutes=30)
UID_DOMAIN = "fruehe-hilfen-portal"


def open_item_end(start, starts, event_end):
    day = start.astimezone(BERLIN).date()
    later = [s for s in starts if s > start and s.astimezone(BERLIN).date() == day]
    if later:
        return min(later)
    if event_end is not None and event_end > start and event_end.astimezone(BERLIN).date() == day:
        return event_end
    return start + OPEN_ITEM_LENGTH


def expected_from_timetable(german, forum_keys=None, status=None):
    """``expected`` for a conference's agenda items and forums, from the rows of its German
    page (which owns their times in every language). ``forum_keys``: only these forums and
    no agenda items (a personal calendar). ``status``: CANCELLED for a cancelled event,
    else CONFIRMED unless given."""
    status = "CANCELLED" if german.is_cancelled else status or "CONFIRMED"
    expected = []
    if forum_keys is None:
        items = list(german.agenda_items.all())
        starts = [item.starts_at for item in items]
        expected += [
            {
                "uid": f"agenda.{item.translation_key}@{UID_DOMAIN}",
                "start": berlin_wall_clock(item.starts_at),
                "end": berlin_wall_clock(
                    item.ends_at or open_item_end(item.starts_at, starts, german.end)
                ),
                "status": status,
            }
            for item in items
        ]
    rounds = {row.number: row for row in german.rounds.all()}
    for forum in german.forums.all():
        slot = rounds.get(forum.round_number)
        if slot is None or (forum_keys is not None and forum.translation_key not in forum_keys):
            continue
        expected.append(
            {
                "uid": f"forum.{forum.translation_key}@{UID_DOMAIN}",
                "start": berlin_wall_clock(slot.starts_at),
                "end": berlin_wall_clock(slot.ends_at),
                "status": status,
            }
        )
    return expected


# ----------------------------------------------------------------------------- VTIMEZONE


def _probe_days(year):
    """Every day of the year, with every hour from March 20 to April 5 and from October 20 to
    November 5 (around the changes), noon otherwise."""
    day = date(year, 1, 1)
    while day.year == year:
        around = date(year, 3, 20) <= day <= date(year, 4, 5) or (
            date(year, 10, 20) <= day <= date(year, 11, 5)
        )
        yield day, range(24) if around else (12,)
        day += timedelta(days=1)


def _offset(value):
    seconds = int(value.total_seconds())
    sign = "-" if seconds < 0 else "+"
    return f"{sign}{abs(seconds) // 3600:02d}{abs(seconds) % 3600 // 60:02d}"


def vtimezone_disagreements(ics_bytes, start_year, end_year):
    """Each VTIMEZONE of the calendar, converted by icalendar (``Timezone.to_tz`` with
    ``lookup_tzid=False``, so the component itself is read, not the TZID looked up), against
    ``zoneinfo.ZoneInfo(TZID)``: the UTC offset of each probed hour from ``start_year`` to
    ``end_year``, both as a wall-clock time (skipping the hours that do not exist or exist
    twice there) and as the same hour in UTC. One line per run of consecutive differences."""
    calendar = icalendar.Calendar.from_ical(ics_bytes)
    lines = []
    for component in calendar.walk("VTIMEZONE"):
        tzid = str(component.get("TZID"))
        try:
            reference = ZoneInfo(tzid)
        except (ValueError, KeyError, OSError) as error:
            lines.append(f"{tzid}: not an IANA zone ({error})")
            continue
        try:
            converted = component.to_tz(lookup_tzid=False)
        except Exception as error:
            lines.append(f"{tzid}: icalendar cannot convert the VTIMEZONE ({error})")
            continue
        lines += _offset_runs(tzid, converted, reference, start_year, end_year)
    return lines


def _offset_runs(tzid, converted, reference, start_year, end_year):
    differences = []
    for year in range(start_year, end_year + 1):
        for day, hours in _probe_days(year):
            for hour in hours:
                wall = datetime(day.year, day.month, day.day, hour)
                if reference.utcoffset(wall) == reference.utcoffset(wall.replace(fold=1)):
                    got, want = converted.utcoffset(wall), reference.utcoffset(wall)
                    if got != want:
                        differences.append(("wall-clock", wall, got, want))
                instant = wall.replace(tzinfo=UTC)
                got = instant.astimezone(converted).utcoffset()
                want = instant.astimezone(reference).utcoffset()
                if got != want:
                    differences.append(("UTC", instant.replace(tzinfo=None), got, want))
    lines = []
    for kind in ("wall-clock", "UTC"):
        rows = [row for row in differences if row[0] == kind]
        runs = []
        for row in rows:
            if (
                runs
                and runs[-1][-1][2:] == row[2:]
                and row[1] - runs[-1][-1][1] <= timedelta(days=1)
            ):
                runs[-1].append(row)
            else:
                runs.append([row])
        for run in runs:
            first, last = run[0][1], run[-1][1]
            lines.append(
                f"{tzid}: {_offset(run[0][2])} instead of {_offset(run[0][3])} at {len(run)} "
                f"probed {kind} hours from {first:%Y-%m-%d %H:%M} to {last:%Y-%m-%d %H:%M}"
            )
    return lines
