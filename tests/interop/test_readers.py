"""The interop harness itself: hand-written calendars read by ical.js, node-ical and
icalendar (no database)."""

from datetime import date, datetime, timedelta

import pytest
from icalendar import Timezone

from tests.interop.readers import (
    READERS,
    NodeReaders,
    disagreements,
    read_all,
    shifted_count,
    vtimezone_disagreements,
)

WINDOW = (datetime(2026, 1, 1), datetime(2029, 1, 1))

# Europe/Berlin as its rules say it: one DAYLIGHT and one STANDARD observance, each with a
# yearly RRULE (the form Thunderbird, Google and Outlook write).
RRULE_VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE"""


def rdate_vtimezone():
    """What icalendar writes for Europe/Berlin over 2026-2028: each observance a DTSTART and
    one RDATE line listing the later changes."""
    component = Timezone.from_tzid(
        "Europe/Berlin", first_date=date(2026, 1, 1), last_date=date(2028, 12, 31)
    )
    return component.to_ical().decode("utf-8")


def fold(line):
    """One content line, folded at 75 octets without splitting a UTF-8 character."""
    data = line.encode("utf-8")
    parts, start, limit = [], 0, 75
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:
            end -= 1
        parts.append(data[start:end])
        start, limit = end, 74
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode("utf-8")


def escape(text):
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def calendar(vtimezone, events, name="Kalender"):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Interop test//EN"]
    lines.append(f"X-WR-CALNAME:{name}")
    lines += [line for line in vtimezone.replace("\r\n", "\n").strip().split("\n") if line]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event['uid']}",
            "DTSTAMP:20260101T000000Z",
            f"SEQUENCE:{event.get('sequence', 0)}",
            f"DTSTART;TZID=Europe/Berlin:{event['start']:%Y%m%dT%H%M%S}",
            f"DTEND;TZID=Europe/Berlin:{event['end']:%Y%m%dT%H%M%S}",
            f"SUMMARY;LANGUAGE=de:{escape(event.get('summary', 'Elternabend'))}",
        ]
        for name_ in ("description", "location"):
            if name_ in event:
                lines.append(f"{name_.upper()};LANGUAGE=de:{escape(event[name_])}")
        lines += [f"STATUS:{event.get('status', 'CONFIRMED')}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")


def weekly(first_day, weeks, hour=18):
    """Weekly evenings at ``hour``, 90 minutes, and what every reader should show."""
    events, expected = [], []
    for week in range(weeks):
        start = datetime.combine(first_day + timedelta(weeks=week), datetime.min.time()).replace(
            hour=hour
        )
        end = start + timedelta(minutes=90)
        uid = f"week-{start:%Y%m%d}@interop.test"
        events.append({"uid": uid, "start": start, "end": end})
        expected.append(
            {
                "uid": uid,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "status": "CONFIRMED",
            }
        )
    return events, expected


def summer(expected):
    """The expected events that fall in summer time (Europe/Berlin)."""
    from zoneinfo import ZoneInfo

    berlin = ZoneInfo("Europe/Berlin")
    return {
        item["uid"]
        for item in expected
        if datetime.fromisoformat(item["start"]).replace(tzinfo=berlin).dst()
    }


@pytest.fixture(scope="module")
def node():
    with NodeReaders() as readers:
        yield readers


def test_rrule_vtimezone_all_readers_agree_across_the_change_to_summer_time(node):
    events, expected = weekly(date(2027, 3, 2), 8)  # 2 March to 20 April 2027, over 28 March
    ics = calendar(RRULE_VTIMEZONE, events)

    results = read_all(node, ics, *WINDOW)

    assert set(results) == set(READERS)
    assert disagreements(results, expected) == []
    for result in results.values():
        assert {event["start"][11:] for event in result["events"]} == {"18:00:00"}
        assert result["calendar"]["x_wr_calname"] == "Kalender"
    assert shifted_count(results, expected) == dict.fromkeys(READERS, 0)
    assert vtimezone_disagreements(ics, 2026, 2028) == []


def test_rdate_vtimezone_ical_js_keeps_only_the_first_date_of_each_rdate_line(node):
    """ical.js 2.2.1 reads an observance that has RDATEs from its RDATE lines only, and from
    each RDATE line only its first date: the DTSTART of the observance and every later date
    of a list are lost. In icalendar's VTIMEZONE for 2026-2028 (DTSTART 2026, one RDATE line
    for 2027 and 2028) summer time therefore exists for ical.js in 2027 only; node-ical and
    icalendar look the TZID up in the IANA database and read every year right."""
    vtimezone = rdate_vtimezone()
    assert "RDATE:20270328T030000,20280326T030000" in vtimezone

    # Across 28 March 2027, the change that the RDATE line names first: read right by all.
    events, expected = weekly(date(2027, 3, 2), 8)
    results = read_all(node, calendar(vtimezone, events), *WINDOW)
    assert disagreements(results, expected) == []

    # Across 29 March 2026 (the DTSTART) and 26 March 2028 (the second date of the list):
    # ical.js shows every summer evening an hour late.
    events, expected = weekly(date(2026, 3, 3), 8)
    later_events, later_expected = weekly(date(2028, 3, 7), 8)
    ics = calendar(vtimezone, events + later_events)
    expected += later_expected
    results = read_all(node, ics, *WINDOW)

    shifted = summer(expected)
    assert len(shifted) == 9  # 4 Tuesdays from 31 March 2026, 5 from 28 March 2028
    assert shifted_count(results, expected) == {"ical.js": 9, "node-ical": 0, "icalendar": 0}
    icaljs = {event["uid"]: event for event in results["ical.js"]["events"]}
    for item in expected:
        hour = "19:00:00" if item["uid"] in shifted else "18:00:00"
        assert icaljs[item["uid"]]["start"][11:] == hour
    lines = disagreements(results, expected)
    assert any(line.startswith("ical.js: 9 of 16 events differ in start, e.g.") for line in lines)
    assert not [line for line in lines if not line.startswith("ical.js:")]


def test_vtimezone_check_finds_a_wrong_daylight_offset_and_icalendars_onset_hour(node):
    # icalendar reads its own RDATE form right, but dates the onset of summer time at 03:00
    # local standard time instead of 02:00: the hour 01:00-02:00 UTC of each last Sunday in
    # March comes out as +0100.
    lines = vtimezone_disagreements(calendar(rdate_vtimezone(), []), 2026, 2028)
    assert lines == [
        f"Europe/Berlin: +0100 instead of +0200 at 1 probed UTC hours from {day} 01:00 to "
        f"{day} 01:00"
        for day in ("2026-03-29", "2027-03-28", "2028-03-26")
    ]

    # A DAYLIGHT part three hours ahead of UTC: the check names the summers, and ical.js,
    # which reads the VTIMEZONE, shows the summer evenings an hour early.
    broken = RRULE_VTIMEZONE.replace("TZOFFSETTO:+0200", "TZOFFSETTO:+0300").replace(
        "TZOFFSETFROM:+0200", "TZOFFSETFROM:+0300"
    )
    events, expected = weekly(date(2027, 3, 2), 8)
    ics = calendar(broken, events)
    lines = vtimezone_disagreements(ics, 2027, 2027)
    assert "Europe/Berlin: +0300 instead of +0200 at 676 probed wall-clock hours" in lines[0]
    results = read_all(node, ics, *WINDOW)
    assert shifted_count(results, expected) == {"ical.js": 4, "node-ical": 0, "icalendar": 0}
    assert {
        event["start"][11:]
        for event in results["ical.js"]["events"]
        if event["uid"] in summer(expected)
    } == {"17:00:00"}


def test_escaped_text_reads_back_identically(node):
    word = ("Elternkindbildung" * 12)[:200]  # one 200-character word, folded over 3 lines
    assert len(word) == 200
    summary = "Spielen, Singen; Lachen \\ zusammen\nzweite Zeile 👶🏽 Ümlaute"
    description = f"Anmeldung: a\\b; c,d\n\n{word} 😀 Ende"
    location = "Familienzentrum Nord, Raum 2; Eingang C\\D"
    event = {
        "uid": "text@interop.test",
        "start": datetime(2027, 5, 4, 18),
        "end": datetime(2027, 5, 4, 19, 30),
        "summary": summary,
        "description": description,
        "location": location,
    }
    ics = calendar(RRULE_VTIMEZONE, [event], name="Kurse")
    assert max(len(line) for line in ics.split(b"\r\n")) <= 75
    assert word not in ics.decode("utf-8")  # folded

    results = read_all(node, ics, *WINDOW)

    for reader, result in results.items():
        assert "error" not in result, reader
        [read] = result["events"]
        assert read["summary"] == summary, reader
        assert read["description"] == description, reader
        assert read["location"] == location, reader
        assert read["summary_language"] == "de", reader
        assert read["sequence"] == 0, reader
        assert read["status"] == "CONFIRMED", reader


def test_node_ical_text_quirks(node):
    """What node-ical 0.27 does to text, so that comparisons know where not to trust it: a
    backslash followed by "n" becomes a backslash and a newline (it unescapes \\n before
    \\\\), and a value wrapped in double quotes loses them. ical.js and icalendar keep both."""
    event = {
        "uid": "quirk@interop.test",
        "start": datetime(2027, 5, 4, 18),
        "end": datetime(2027, 5, 4, 19),
        "summary": '"Zitat"',
        "description": "C:\\neu\\Nord",
    }
    results = read_all(node, calendar(RRULE_VTIMEZONE, [event]), *WINDOW)
    [nodeical] = results["node-ical"]["events"]
    assert nodeical["summary"] == "Zitat"
    assert nodeical["description"] == "C:\\\neu\\\nord"
    for reader in ("ical.js", "icalendar"):
        [read] = results[reader]["events"]
        assert (read["summary"], read["description"]) == ('"Zitat"', "C:\\neu\\Nord")


def test_recurrence_is_expanded_in_the_window(node):
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Interop test//EN\r\n"
        + RRULE_VTIMEZONE.replace("\n", "\r\n")
        + "\r\nBEGIN:VEVENT\r\nUID:series@interop.test\r\nDTSTAMP:20260101T000000Z\r\n"
        "DTSTART;TZID=Europe/Berlin:20270302T180000\r\n"
        "DTEND;TZID=Europe/Berlin:20270302T193000\r\n"
        "RRULE:FREQ=WEEKLY;COUNT=8\r\nEXDATE;TZID=Europe/Berlin:20270316T180000\r\n"
        "SUMMARY:Serie\r\nSTATUS:CONFIRMED\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:series@interop.test\r\nDTSTAMP:20260101T000000Z\r\n"
        "RECURRENCE-ID;TZID=Europe/Berlin:20270406T180000\r\n"
        "DTSTART;TZID=Europe/Berlin:20270406T190000\r\n"
        "DTEND;TZID=Europe/Berlin:20270406T203000\r\n"
        "SUMMARY:Serie\r\nSTATUS:CANCELLED\r\nSEQUENCE:1\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    ).encode()
    # From the second evening to before the last: 9 March to 13 April, less 16 March.
    results = read_all(node, ics, datetime(2027, 3, 9), datetime(2027, 4, 20))
    wanted = [
        ("2027-03-09T18:00:00", "CONFIRMED"),
        ("2027-03-23T18:00:00", "CONFIRMED"),
        ("2027-03-30T18:00:00", "CONFIRMED"),
        ("2027-04-06T19:00:00", "CANCELLED"),
        ("2027-04-13T18:00:00", "CONFIRMED"),
    ]
    for reader, result in results.items():
        got = sorted((event["start"], event["status"]) for event in result["events"])
        assert got == wanted, reader


def test_disagreements_name_missing_uids_and_wrong_status(node):
    events, expected = weekly(date(2027, 3, 2), 4)
    results = read_all(node, calendar(RRULE_VTIMEZONE, events), *WINDOW)
    wrong = [dict(item) for item in expected]
    wrong[1]["status"] = "CANCELLED"
    wrong.append({**expected[0], "uid": "ghost@interop.test"})

    lines = disagreements(results, wrong)

    for reader in READERS:
        assert f"{reader}: 1 of 5 events missing, e.g. ghost@interop.test" in lines
        assert (
            f"{reader}: 1 of 5 events differ in status, e.g. "
            f"{expected[1]['uid']} CONFIRMED != CANCELLED"
        ) in lines
    assert len(lines) == 2 * len(READERS)
    assert shifted_count(results, wrong) == dict.fromkeys(READERS, 0)


def test_disagreements_name_errors_extra_and_repeated_uids():
    expected = [
        {
            "uid": "a",
            "start": "2027-01-05T18:00:00",
            "end": "2027-01-05T19:00:00",
            "status": "CONFIRMED",
        },
    ]
    event = {**expected[0], "sequence": 0}
    results = {
        "ical.js": {"error": "invalid ical"},
        "node-ical": {"calendar": {}, "events": [event, event, {**event, "uid": "b"}]},
        "icalendar": {"calendar": {}, "events": [{**event, "start": "2027-01-05T19:00:00"}]},
    }
    assert disagreements(results, expected) == [
        "ical.js: error: invalid ical",
        "node-ical: 1 unexpected UIDs, e.g. b",
        "node-ical: 1 UIDs appear more than once, e.g. a ×2",
        "icalendar: 1 of 1 events differ in start, e.g. a 2027-01-05T19:00:00 != "
        "2027-01-05T18:00:00",
    ]
    assert shifted_count(results, expected) == {"ical.js": None, "node-ical": 0, "icalendar": 1}


def test_one_process_answers_many_calendars_and_keeps_no_zone_between_them(node):
    # A calendar whose VTIMEZONE is wrong, then the same events without any VTIMEZONE:
    # ical.js must not reuse the first file's zone for the second.
    broken = RRULE_VTIMEZONE.replace("TZOFFSETTO:+0200", "TZOFFSETTO:+0300")
    events, expected = weekly(date(2027, 6, 1), 2)
    assert (
        shifted_count(read_all(node, calendar(broken, events), *WINDOW), expected)["ical.js"] == 2
    )
    bare = read_all(node, calendar("", events), *WINDOW)
    # Without a VTIMEZONE, ical.js takes the times as floating, i.e. local (Berlin) time.
    assert shifted_count(bare, expected) == dict.fromkeys(READERS, 0)
    for _ in range(50):
        assert node.read(calendar(RRULE_VTIMEZONE, events), *WINDOW)["icaljs"]["events"]
