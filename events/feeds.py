"""iCal feeds (RFC 5545) that Google, Outlook, Apple Calendar and Thunderbird keep in sync.

Every session is a VEVENT of its own, with a UID that never changes, a SEQUENCE that rises
with each change of time, place or status, and STATUS:CANCELLED once it is called off, so
subscribed calendars update or strike it instead of duplicating it. Times carry
TZID=Europe/Berlin with its VTIMEZONE, in the RRULE form every client reads (see
``vtimezone``), so 18:00 is 18:00 in winter and in summer.
"""

import gc
import gzip
import hashlib
import logging
import time as time_module
from calendar import monthrange
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, quote_etag

from core.cache import accepts_gzip, current_generation, fragment_seconds
from events.schedules import LOCAL_TZ

PRODID = "-//Fruehe Hilfen Portal//Calendar 1.0//DE"
CONTENT_TYPE = "text/calendar; charset=utf-8"

logger = logging.getLogger(__name__)


# Raised whenever the feeds' layout changes, so no kept copy of an older layout is sent.
FEED_FORMAT = 3
# How long a written feed is kept. Kept copies are out of date as soon as the content
# changes (they hang on the page cache's generation); this bounds what depends on the clock
# alone (sessions leaving the feed's window of the last 180 days).
FEED_SECONDS = 3600
# How long the moment a feed last changed is remembered (its Last-Modified).
HISTORY_SECONDS = 90 * 24 * 3600


@contextmanager
def collector_paused():
    """Writing a feed of 20,000 sessions makes some 300,000 short-lived objects without
    reference cycles; CPython's cycle collector would scan the growing heap again and again
    meanwhile (a fifth of the time). Paused for the write, it runs as usual afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def feed_response(request, identity, render, *, public=True, keep=True):
    """The response for one calendar file, with validators made from its bytes.

    The ETag is a digest of the very bytes sent, so it changes whenever anything the file
    shows changes (a renamed place, a speaker, a translation, a status, a time), however it
    changed; Last-Modified is the moment this digest was first seen for this file. Where
    the page cache's generation is shared (Redis; ``FRAGMENT_CACHE_SECONDS`` > 0) the
    written file and its validators are kept under it, so a subscriber's poll is answered
    with a 304 before anything is read or written; otherwise the file is written for every
    request and a 304 still spares the transfer.

    ``identity``: what tells this file from others on the same host (path, language,
    filters). ``keep=False``: never kept (a personal calendar). Calendar apps accept gzip:
    the full feed shrinks from 11 MB to about one; the compressed file is a representation
    of its own, with its own ETag.
    """
    keep = keep and fragment_seconds() > 0
    parts = (FEED_FORMAT, request.scheme, request.get_host(), *identity)
    raw = "|".join(str(part) for part in parts)
    name = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    meta_key = f"icsfeed:meta:{current_generation()}:{name}" if keep else None
    meta = _cache_get(meta_key) if keep else None
    plain = None
    if meta is None:
        with collector_paused():
            plain = render()
        meta = (_digest(plain), _last_modified(name, _digest(plain)))
        if keep:
            _cache_set(f"icsfeed:body:{meta[0]}", plain, FEED_SECONDS)
            _cache_set(meta_key, meta, FEED_SECONDS)
    digest, last_modified = meta
    gzipped = accepts_gzip(request)
    etag = quote_etag(digest + ("-gzip" if gzipped else ""))
    response = not_modified(request, etag, last_modified)
    if response is None:
        body = _cache_get(f"icsfeed:{'gzip' if gzipped else 'body'}:{digest}") if keep else None
        if body is None:
            if plain is None:
                plain = _cache_get(f"icsfeed:body:{digest}")
            if plain is None or _digest(plain) != digest:  # evicted: write it again
                with collector_paused():
                    plain = render()
                digest = _digest(plain)
                etag = quote_etag(digest + ("-gzip" if gzipped else ""))
                last_modified = _last_modified(name, digest)
                if keep:
                    _cache_set(meta_key, (digest, last_modified), FEED_SECONDS)
            body = gzip.compress(plain, compresslevel=6, mtime=0) if gzipped else plain
            if keep:
                _cache_set(f"icsfeed:{'gzip' if gzipped else 'body'}:{digest}", body, FEED_SECONDS)
        response = HttpResponse(body, content_type=CONTENT_TYPE)
        response["Content-Disposition"] = 'inline; filename="calendar.ics"'
        if gzipped:
            response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ("Accept-Encoding",))
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = "public, max-age=900" if public else "private, max-age=900"
    return response


def _digest(body):
    return hashlib.sha256(body).hexdigest()[:32]


def _last_modified(name, digest):
    """When this file first had these bytes (a timestamp): remembered per file; a file not
    remembered counts as changed now, so a client is never told "not modified" wrongly."""
    key = f"icsfeed:history:{name}"
    known = _cache_get(key)
    if known is not None and known[0] == digest:
        return known[1]
    moment = int(time_module.time())
    _cache_set(key, (digest, moment), HISTORY_SECONDS)
    return moment


def _cache_get(key):
    try:
        return cache.get(key)
    except Exception:  # an unreachable cache: write the file again
        logger.warning("feed cache: lookup failed", exc_info=True)
        return None


def _cache_set(key, value, seconds):
    try:
        cache.set(key, value, seconds)
    except Exception:
        logger.warning("feed cache: store failed", exc_info=True)


def not_modified(request, etag, last_modified):
    """A 304 (or 412) response when the client's copy is current, else None."""
    return get_conditional_response(request, etag=etag, last_modified=last_modified)


class FeedBuilder:
    """Writes one VCALENDAR, VEVENT by VEVENT.

    A feed of thousands of sessions must render in well under a second, and building an
    ``icalendar`` component per event costs about a millisecond each; so the lines are written
    here, by the rules of RFC 5545 (escaped text, lines folded at 75 octets, CRLF), and the
    tests read every feed back with ical.js, node-ical and icalendar
    (``tests/interop``). Text is tagged with the language it is in: the feed's, or ``de``
    where a page or place is shown in German for want of a translation.
    """

    def __init__(self, *, name, description, language, url):
        self.language = language
        language_param = f";LANGUAGE={language}"
        self.header = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            f"PRODID:{PRODID}",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            f"NAME{language_param}:{escape_text(name)}",
            f"X-WR-CALNAME:{escape_text(name)}",
            f"DESCRIPTION{language_param}:{escape_text(description)}",
            f"X-WR-CALDESC:{escape_text(description)}",
            f"X-WR-TIMEZONE:{LOCAL_TZ}",
            "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
            "X-PUBLISHED-TTL:PT6H",
        ]
        if url:
            self.header.append(f"URL;VALUE=URI:{url}")
        self.events = []

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
        language=None,
        location_language=None,
        status=None,
    ):
        """One VEVENT. ``language``: of summary and description, ``location_language``: of
        the place's name (both default to the feed's). ``status`` overrides CONFIRMED or
        CANCELLED (e.g. TENTATIVE for a place on a waiting list)."""
        starts_at = starts_at.astimezone(LOCAL_TZ)
        ends_at = ends_at.astimezone(LOCAL_TZ)
        stamp = utc_stamp(stamp or timezone.now())
        language = f";LANGUAGE={language or self.language}"
        status = status or ("CANCELLED" if cancelled else "CONFIRMED")
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
            lines.append(
                f"LOCATION;LANGUAGE={location_language or self.language}:{escape_text(location)}"
            )
        if url:
            lines.append(f"URL;VALUE=URI:{url}")
        lines += [
            f"STATUS:{status}",
            f"TRANSP:{'OPAQUE' if status == 'CONFIRMED' else 'TRANSPARENT'}",
            "END:VEVENT",
        ]
        self.events.append(lines)

    def render(self):
        out = [fold(line) for line in self.header]
        if self.events:
            out.append(vtimezone())
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


# --- the VTIMEZONE ---------------------------------------------------------------------------

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Onset:
    """One yearly change of a zone's offset, as RFC 5545 §3.6.5 describes it: the local
    time *before* the change (02:00 in March, 03:00 in October for Berlin), the month, and
    the weekday counted from the start (1, 2, …) or the end (-1) of the month."""

    kind: str  # "DAYLIGHT" or "STANDARD"
    name: str
    offset_from: timedelta
    offset_to: timedelta
    month: int
    nth: int
    weekday: int
    wall_time: time

    def day_in(self, year):
        """The date of this onset in ``year``."""
        if self.nth > 0:
            first = date(year, self.month, 1)
            return first + timedelta(days=(self.weekday - first.weekday()) % 7 + 7 * (self.nth - 1))
        last = date(year, self.month, monthrange(year, self.month)[1])
        return last - timedelta(days=(last.weekday() - self.weekday) % 7 + 7 * (-self.nth - 1))

    def lines(self):
        first = datetime.combine(self.day_in(1970), self.wall_time)
        return [
            f"BEGIN:{self.kind}",
            f"DTSTART:{basic_format(first)}",
            f"RRULE:FREQ=YEARLY;BYMONTH={self.month};BYDAY={self.nth}{WEEKDAYS[self.weekday]}",
            f"TZNAME:{self.name}",
            f"TZOFFSETFROM:{utc_offset(self.offset_from)}",
            f"TZOFFSETTO:{utc_offset(self.offset_to)}",
            f"END:{self.kind}",
        ]


def utc_offset(delta):
    minutes = int(delta.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def yearly_onsets(tz, year):
    """The zone's changes of offset in ``year``, found in its tz data (zoneinfo), as
    ``Onset``s: two for a zone with summer time, none for one without."""
    onsets = []
    day, hour = timedelta(days=1), timedelta(hours=1)
    moment = datetime(year, 1, 1, tzinfo=UTC)
    before = moment.astimezone(tz).utcoffset()
    while moment.year == year:
        if (moment + day).astimezone(tz).utcoffset() == before:
            moment += day
            continue
        changed = moment + hour  # the first hour (in UTC) with the new offset
        while changed.astimezone(tz).utcoffset() == before:
            changed += hour
        after = changed.astimezone(tz).utcoffset()
        wall = (changed + before).replace(tzinfo=None)  # local time before the change
        last_week = wall.day + 7 > monthrange(year, wall.month)[1]
        onsets.append(
            Onset(
                kind="DAYLIGHT" if changed.astimezone(tz).dst() else "STANDARD",
                name=changed.astimezone(tz).tzname(),
                offset_from=before,
                offset_to=after,
                month=wall.month,
                nth=-1 if last_week else (wall.day - 1) // 7 + 1,
                weekday=wall.weekday(),
                wall_time=wall.time(),
            )
        )
        before = after
        moment = changed
    return onsets


@lru_cache(maxsize=4)
def vtimezone(tz=LOCAL_TZ, first_year=1997, last_year=2037):
    """The VTIMEZONE of ``tz`` in RRULE form, as folded bytes: one STANDARD and one DAYLIGHT
    part, each with its yearly rule.

    ``icalendar.Timezone.from_tzid`` writes the same zone as lists of RDATEs instead, and
    ical.js (Thunderbird) reads only the first date of such a list: every summer session of a
    course came out an hour late there, and Outlook is known to do the same. So the rule is
    derived from the tz data here and checked against it for every year from ``first_year``
    to ``last_year``; a zone whose rules changed within them is refused rather than written
    wrong (Europe/Berlin has kept its rule since 1996)."""
    onsets = yearly_onsets(tz, last_year)
    for year in range(first_year, last_year + 1):
        found = yearly_onsets(tz, year)
        if [(o.kind, o.day_in(year), o.wall_time, o.offset_to) for o in onsets] != [
            (o.kind, o.day_in(year), o.wall_time, o.offset_to) for o in found
        ]:
            raise ValueError(f"{tz} did not change its offsets by one yearly rule in {year}")
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tz}"]
    if onsets:
        for onset in sorted(onsets, key=lambda o: o.kind):
            lines += onset.lines()
    else:
        offset = datetime(last_year, 1, 1, tzinfo=UTC).astimezone(tz).utcoffset()
        lines += [
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            f"TZNAME:{datetime(last_year, 1, 1, tzinfo=UTC).astimezone(tz).tzname()}",
            f"TZOFFSETFROM:{utc_offset(offset)}",
            f"TZOFFSETTO:{utc_offset(offset)}",
            "END:STANDARD",
        ]
    lines.append("END:VTIMEZONE")
    return b"".join(fold(line) for line in lines)


def location_text(place, online_url=""):
    parts = []
    if place is not None:
        parts.append(place.name)
        if place.address_line:
            parts.append(place.address_line)
    if online_url:
        parts.append(online_url)
    return ", ".join(parts)
