"""iCal feeds (RFC 5545) that Google, Outlook, Apple Calendar and Thunderbird keep in sync.

Every session is a VEVENT of its own, with a UID that never changes, a SEQUENCE that rises
with each change of time, place or status, and STATUS:CANCELLED once it is called off, so
subscribed calendars update or strike it instead of duplicating it. Times carry
TZID=Europe/Berlin with its VTIMEZONE, so 18:00 is 18:00 in winter and in summer.
"""

import hashlib
from datetime import UTC, date
from functools import lru_cache

from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from icalendar import Timezone

from events.schedules import LOCAL_TZ

PRODID = "-//Fruehe Hilfen Portal//Calendar 1.0//DE"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def feed_version(parts):
    """A strong ETag from what the feed is made of (counts, timestamps, language, filters)."""
    digest = hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:32]
    return quote_etag(digest)


def not_modified(request, etag, last_modified):
    """A 304 (or 412) response when the client's copy is current, else None: decided before
    anything is rendered."""
    timestamp = int(last_modified.timestamp()) if last_modified else None
    return get_conditional_response(request, etag=etag, last_modified=timestamp)


def with_validators(response, etag, last_modified):
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    response["Cache-Control"] = "public, max-age=900"
    return response


class FeedBuilder:
    """Writes one VCALENDAR, VEVENT by VEVENT.

    A feed of thousands of sessions must render in well under a second, and building an
    ``icalendar`` component per event costs about a millisecond each; so the lines are written
    here, by the rules of RFC 5545 (escaped text, lines folded at 75 octets, CRLF). The
    VTIMEZONE comes from ``icalendar``, and the tests read every feed back with it.
    """

    def __init__(self, *, name, description, language, url):
        self.language = language
        self.header = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            f"PRODID:{PRODID}",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            f"X-WR-CALNAME:{escape_text(name)}",
            f"X-WR-CALDESC:{escape_text(description)}",
            f"X-WR-TIMEZONE:{LOCAL_TZ}",
            "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
            "X-PUBLISHED-TTL:PT6H",
        ]
        if url:
            self.header.append(f"URL;VALUE=URI:{url}")
        self.events = []
        self.first = None
        self.last = None

    def add(
        self,
        *,
        uid,
        summary,
        starts_at,
        ends_at,
        stamp,
        sequence=0,
        cancelled=False,
        description="",
        location="",
        url="",
    ):
        starts_at = starts_at.astimezone(LOCAL_TZ)
        ends_at = ends_at.astimezone(LOCAL_TZ)
        stamp = utc_stamp(stamp or timezone.now())
        language = f";LANGUAGE={self.language}"
        lines = [
            "BEGIN:VEVENT",
            f"UID:{_escape(uid)}",
            f"DTSTAMP:{stamp}",
            f"LAST-MODIFIED:{stamp}",
            f"SEQUENCE:{int(sequence)}",
            f"DTSTART;TZID={LOCAL_TZ}:{basic_format(starts_at)}",
            f"DTEND;TZID={LOCAL_TZ}:{basic_format(ends_at)}",
            f"SUMMARY{language}:{escape_text(summary)}",
        ]
        if description:
            lines.append(f"DESCRIPTION{language}:{escape_text(description)}")
        if location:
            lines.append(f"LOCATION{language}:{escape_text(location)}")
        if url:
            lines.append(f"URL;VALUE=URI:{url}")
        lines += [
            f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
            f"TRANSP:{'TRANSPARENT' if cancelled else 'OPAQUE'}",
            "END:VEVENT",
        ]
        self.events.append(lines)
        self.first = min(self.first or starts_at.date(), starts_at.date())
        self.last = max(self.last or ends_at.date(), ends_at.date())

    def render(self):
        out = [fold(line) for line in self.header]
        if self.first is not None:
            out.append(vtimezone(self.first.year - 1, self.last.year + 1))
        append = out.append
        for lines in self.events:  # 300,000 lines for 20,000 sessions: fold inline
            for line in lines:
                data = line.encode("utf-8")
                append(data + b"\r\n" if len(data) <= 75 else fold_bytes(data))
        append(b"END:VCALENDAR\r\n")
        return b"".join(out)


@lru_cache(maxsize=8192)  # titles, places and descriptions repeat across a feed's sessions
def escape_text(value):
    """TEXT as RFC 5545 wants it: backslash, semicolon and comma escaped, newlines as \\n."""
    return _escape(value)


def _escape(value):
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line):
    """One content line as bytes, folded so that no physical line exceeds 75 octets and no
    UTF-8 character is split."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return data + b"\r\n"
    return fold_bytes(data)


def fold_bytes(data):
    parts, start, limit = [], 0, 75
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character
            end -= 1
        parts.append(data[start:end])
        start, limit = end, 74  # continuation lines begin with a space
    parts.append(data[start:])
    return b"\r\n ".join(parts) + b"\r\n"


def basic_format(moment):
    """``20261127T150000``: RFC 5545's DATE-TIME (a third of strftime's time, which counts
    three times per session in a feed of 20,000)."""
    return "%04d%02d%02dT%02d%02d%02d" % (  # noqa: UP031
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second,
    )


def utc_stamp(moment):
    return basic_format(moment.astimezone(UTC)) + "Z"


@lru_cache(maxsize=32)
def vtimezone(first_year, last_year):
    """Europe/Berlin's VTIMEZONE with the transitions of these years, as folded bytes."""
    component = Timezone.from_tzid(
        str(LOCAL_TZ), first_date=date(first_year, 1, 1), last_date=date(last_year, 12, 31)
    )
    return component.to_ical()


def location_text(place, online_url=""):
    parts = []
    if place is not None:
        parts.append(place.name)
        if place.address_line:
            parts.append(place.address_line)
    if online_url:
        parts.append(online_url)
    return ", ".join(parts)
