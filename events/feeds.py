"""iCal feeds (RFC 5545) that Google, Outlook, Apple Calendar and Thunderbird keep in sync.

Every session is a VEVENT of its own, with a UID that never changes, a SEQUENCE that rises
with each change of time, place or status, and STATUS:CANCELLED once it is called off, so
subscribed calendars update or strike it instead of duplicating it. Times carry
TZID=Europe/Berlin with its VTIMEZONE, so 18:00 is 18:00 in winter and in summer.
"""

import hashlib
from datetime import UTC, timedelta

from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from icalendar import Calendar, Event, vDuration

from events.schedules import LOCAL_TZ

PRODID = "-//Fruehe Hilfen Portal//Calendar 1.0//DE"
REFRESH = timedelta(hours=6)
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
    """Collects VEVENTs and renders one VCALENDAR."""

    def __init__(self, *, name, description, language, url):
        self.calendar = Calendar()
        cal = self.calendar
        cal.add("prodid", PRODID)
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        cal.add("x-wr-calname", name)
        cal.add("x-wr-caldesc", description)
        cal.add("x-wr-timezone", str(LOCAL_TZ))
        cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", vDuration(REFRESH))
        if url:
            cal.add("url", url)
        self.language = language
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
        categories=None,
    ):
        event = Event()
        starts_at = timezone.localtime(starts_at, LOCAL_TZ)
        ends_at = timezone.localtime(ends_at, LOCAL_TZ)
        stamp = stamp.astimezone(UTC) if stamp else timezone.now()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("sequence", sequence)
        event.add("dtstart", starts_at)
        event.add("dtend", ends_at)
        event.add("summary", summary, parameters={"LANGUAGE": self.language})
        if description:
            event.add("description", description, parameters={"LANGUAGE": self.language})
        if location:
            event.add("location", location, parameters={"LANGUAGE": self.language})
        if url:
            event.add("url", url)
        if categories:
            event.add("categories", categories)
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
        self.calendar.add_component(event)
        day = starts_at.date()
        self.first = min(self.first or day, day)
        self.last = max(self.last or day, ends_at.date())

    def render(self):
        if self.first is not None:
            # VTIMEZONE with the transitions the events need, not fifty years of them.
            self.calendar.add_missing_timezones(
                first_date=self.first - timedelta(days=366),
                last_date=self.last + timedelta(days=366),
            )
        return self.calendar.to_ical()


def location_text(place, online_url=""):
    parts = []
    if place is not None:
        parts.append(place.name)
        if place.address_line:
            parts.append(place.address_line)
    if online_url:
        parts.append(online_url)
    return ", ".join(parts)
