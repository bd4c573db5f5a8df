"""What each calendar file holds, VEVENT by VEVENT (``events.feeds`` writes the bytes).

- The calendar's feed and a course's file: one VEVENT per session.
- An event's file (the "add to calendar" button): the event, one VEVENT per day it runs.
- A conference's timetable file: its agenda items and forums.
- A participant's personal calendar (``registrations``): the event's days and the forums
  they chose.

UIDs never change (``events.sessions``). SEQUENCE is the session's own count (time, place,
status) plus the page's ``CalendarRevision`` (its texts in every language, its timetable,
its places' names), so it rises with every change a calendar shows. Times of agenda items,
rounds and forums always come from the German page, which owns them: a translation shows its
own titles at the German times.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from core.i18n import content_language, localize_all, source_of
from directory.models import Place
from events.feeds import location_text
from events.models import (
    CalendarPage,
    CalendarRevision,
    EventPage,
    Session,
    uid_domain,
)
from events.schedules import LOCAL_TZ
from events.timetable import in_language

# An agenda item without an end lasts until the next one begins, or until the event ends;
# the last one of a day without either is given this much time (a calendar cannot show an
# item of no length).
OPEN_ITEM_LENGTH = timedelta(minutes=30)


# --- revisions: SEQUENCE for what is not a session's time -----------------------------------


def revisions_for(translation_keys):
    """``{translation key: (sequence, changed_at)}`` of these pages: one query."""
    if not translation_keys:
        return {}
    return {
        key: (sequence, changed)
        for key, sequence, changed in CalendarRevision.objects.filter(
            translation_key__in=set(translation_keys)
        ).values_list("translation_key", "sequence", "changed_at")
    }


def page_fingerprint(page):
    """A digest of the texts a calendar shows of ``page`` (one language version): its title,
    teaser, status and online link, the titles, rooms and times of its timetable and forums.
    (A course's exceptions change their own sessions' SEQUENCE; a reason edited alone
    changes the feed's bytes and so its ETag, not every session's SEQUENCE.)"""
    page = page.specific
    parts = [page.title, page.teaser, page.status, page.online_url, page.place_id]
    if isinstance(page, EventPage):
        parts += [
            (p.uid, p.title, p.room, p.description, p.starts_at, p.ends_at)
            for p in conference_parts(page)
        ]
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


@transaction.atomic
def note_published(page):
    """After any language version of a calendar page is published: raise its revision when
    what calendars show of it changed."""
    page = page.specific
    fingerprint = page_fingerprint(page)
    revision, created = CalendarRevision.objects.select_for_update().get_or_create(
        translation_key=page.translation_key
    )
    language = page.locale.language_code
    known = revision.fingerprints.get(language)
    if known == fingerprint:
        return
    # The first publish of the German page is no change; every other new or changed text is
    # (a new translation replaces the German fallback in that language's feeds).
    if not created and revision.fingerprints:
        revision.sequence += 1
        revision.changed_at = timezone.now()
    revision.fingerprints = {**revision.fingerprints, language: fingerprint}
    revision.save()


def note_unpublished(page):
    """A translation taken offline: its feeds go back to the German text."""
    bump([page.translation_key], forget=page.locale.language_code)


def bump(translation_keys, forget=None):
    """Raise the revision of these pages (e.g. a place they meet at was renamed). A page not
    published since revisions were introduced has no row yet: it gets one, at 1."""
    now = timezone.now()
    keys = set(translation_keys)
    with transaction.atomic():
        rows = list(CalendarRevision.objects.select_for_update().filter(translation_key__in=keys))
        missing = keys - {row.translation_key for row in rows}
        CalendarRevision.objects.bulk_create(
            [CalendarRevision(translation_key=k, sequence=1, changed_at=now) for k in missing],
            ignore_conflicts=True,
        )
        for revision in rows:
            revision.sequence += 1
            revision.changed_at = now
            if forget:
                revision.fingerprints = {
                    k: v for k, v in revision.fingerprints.items() if k != forget
                }
            revision.save()


def note_place_changed(place):
    """A place renamed or given another address (in any language): every page whose sessions
    or timetable name it shows the change with a higher SEQUENCE."""
    ids = Place.objects.filter(translation_key=place.translation_key).values("pk")
    meeting = Session.objects.filter(place__in=ids).values("page")
    pages = CalendarPage.objects.filter(Q(pk__in=meeting) | Q(place__in=ids))
    keys = set(pages.values_list("translation_key", flat=True))
    if keys:
        bump(keys)


# --- conferences: timetable and forums at the German page's times ---------------------------


@dataclass
class Part:
    """An agenda item or a forum as calendars show it."""

    uid: str
    title: str
    starts_at: datetime
    ends_at: datetime
    room: str = ""
    description: str = ""
    language: str = ""
    forum_key: object = None


def conference_parts(page):
    """The agenda items and forums of an event page in its language, at the German page's
    times (``events.timetable``); a row not translated yet is German and tagged so."""
    page = page.specific
    source = source_of(page).specific
    if not isinstance(source, EventPage):
        return []
    languages = {page.locale_id: content_language(page)}

    def language(row):
        if row.locale_id not in languages:
            languages[row.locale_id] = source_language()
        return languages[row.locale_id]

    items = in_language(page, source, "agenda_items")
    starts = sorted(row.starts_at for row in items)
    parts = [
        Part(
            uid=f"agenda.{row.translation_key}@{uid_domain()}",
            title=row.title,
            starts_at=row.starts_at,
            ends_at=row.ends_at or open_item_end(row.starts_at, starts, source.end),
            room=row.room,
            language=language(row),
        )
        for row in items
    ]
    rounds = {row.number: row for row in in_language(page, source, "rounds")}
    for row in in_language(page, source, "forums"):
        slot = rounds.get(row.round_number)
        if slot is None:
            continue
        parts.append(
            Part(
                uid=f"forum.{row.translation_key}@{uid_domain()}",
                title=f"{slot.title}: {row.title}",
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                room=row.room,
                description=row.description,
                language=language(row),
                forum_key=row.translation_key,
            )
        )
    return parts


def open_item_end(start, starts, event_end):
    """Where an agenda item without an end stops: at the next item of the same day, else at
    the end of the event if that is later the same day, else ``OPEN_ITEM_LENGTH`` later."""
    day = start.astimezone(LOCAL_TZ).date()
    later = [s for s in starts if s > start and s.astimezone(LOCAL_TZ).date() == day]
    if later:
        return min(later)
    if event_end and event_end > start and event_end.astimezone(LOCAL_TZ).date() == day:
        return event_end
    return start + OPEN_ITEM_LENGTH


def source_language():
    return Locale.get_default().language_code


# --- an event's days -------------------------------------------------------------------------


def event_days(starts_at, ends_at, parts=()):
    """``[(start, end), …]``: an event over several days as one span per day, so calendars
    show "Tuesday 9:30–16:30, Wednesday 9:00–13:00" rather than one block through the
    night. The first day starts and the last ends as the event does; days in between (and
    the first day's end, the last day's start) follow the timetable of that day where it has
    items, else the event's start and end times. An event within one day, or one whose
    times do not make a daily span (18:00 to 02:00), stays one span."""
    start, end = starts_at.astimezone(LOCAL_TZ), ends_at.astimezone(LOCAL_TZ)
    if start.date() == end.date() or end.time() <= start.time():
        return [(starts_at, ends_at)]
    by_day = {}
    for part in parts:
        day = part.starts_at.astimezone(LOCAL_TZ).date()
        first, last = by_day.get(day, (part.starts_at, part.ends_at))
        by_day[day] = (min(first, part.starts_at), max(last, part.ends_at))
    spans = []
    day = start.date()
    while day <= end.date():
        planned = by_day.get(day)
        day_start = (
            start
            if day == start.date()
            else (planned[0] if planned else datetime.combine(day, start.time(), LOCAL_TZ))
        )
        day_end = (
            end
            if day == end.date()
            else (planned[1] if planned else datetime.combine(day, end.time(), LOCAL_TZ))
        )
        if day_end <= day_start:
            return [(starts_at, ends_at)]
        spans.append((day_start, day_end))
        day += timedelta(days=1)
    return spans


def day_uid(uid, number):
    """The first day keeps the session's UID; the others get one of their own."""
    return uid if number == 1 else uid.replace("@", f".day{number}@", 1)


# --- writing ---------------------------------------------------------------------------------


class FeedWriter:
    """Adds sessions, days and timetables to a ``FeedBuilder``; what depends only on a page
    or place (address, description, languages) is worked out once per feed."""

    def __init__(self, builder, url_for, *, split_days=False):
        """``url_for(page)``: the page's absolute address (on the host a visitor used, or
        the site's own in an e-mail)."""
        self.builder = builder
        self.url_for = url_for
        self.split_days = split_days
        self.memo = {}
        self.revisions = {}
        self.languages = dict(Locale.objects.values_list("pk", "language_code"))

    def load_revisions(self, entries):
        self.revisions.update(revisions_for({e.page.translation_key for e in entries}))

    def revision(self, page):
        return self.revisions.get(page.translation_key, (0, None))

    def stamp(self, page, *moments):
        _sequence, changed = self.revision(page)
        found = [m for m in (*moments, page.last_published_at, changed) if m is not None]
        return max(found) if found else None

    def add_entries(self, entries, status=None, extra_sequence=0):
        entries = list(entries)
        self.load_revisions(entries)
        for entry in entries:
            self.add_entry(entry, status=status, extra_sequence=extra_sequence)

    def add_entry(self, entry, status=None, extra_sequence=0):
        page, session, place = entry.page, entry.session, entry.place
        key = (page.pk, place.pk if place is not None else None)
        known = self.memo.get(key)
        if known is None:
            page_url = self.url_for(page)
            revision, changed = self.revision(page)
            floor = max((m for m in (page.last_published_at, changed) if m), default=None)
            known = self.memo[key] = (
                page_url,
                location_text(place, page.online_url),
                "\n\n".join(note for note in (page.teaser, page_url) if note),
                content_language(page),
                self.languages.get(place.locale_id) if place is not None else None,
                revision,
                floor,
            )
        page_url, location, description, language, place_language, revision, floor = known
        summary = page.title
        cancelled = session.is_cancelled
        if cancelled:
            summary = _("Cancelled: %(title)s") % {"title": summary}
            if entry.reason:
                reason = _("Cancelled: %(reason)s") % {"reason": entry.reason}
                description = f"{reason}\n\n{description}"
        elif session.is_moved:
            description = f"{_('Moved from its usual date.')}\n\n{description}"
        stamp = session.updated_at
        if floor is not None and (stamp is None or floor > stamp):
            stamp = floor
        starts_at, ends_at = session.starts_at, session.ends_at
        spans = ((starts_at, ends_at),)
        if (
            self.split_days
            and session.schedule_key is None
            and starts_at.astimezone(LOCAL_TZ).date() != ends_at.astimezone(LOCAL_TZ).date()
        ):
            spans = event_days(starts_at, ends_at, self.parts(page))
        for number, (span_start, span_end) in enumerate(spans, start=1):
            self.builder.add(
                uid=session.uid if number == 1 else day_uid(session.uid, number),
                summary=summary,
                starts_at=span_start,
                ends_at=span_end,
                stamp=stamp,
                sequence=session.sequence + revision + extra_sequence,
                cancelled=cancelled,
                description=description,
                location=location,
                url=page_url,
                language=language,
                location_language=place_language,
                status=None if cancelled else status,
            )

    def parts(self, page):
        key = ("parts", page.pk)
        if key not in self.memo:
            self.memo[key] = conference_parts(page) if isinstance(page, EventPage) else []
        return self.memo[key]

    def add_parts(self, page, parts, status=None, extra_sequence=0):
        """Agenda items and forums of ``page`` (``Part``s from ``conference_parts``)."""
        self.revisions.update(revisions_for([page.translation_key]))
        url = self.url_for(page)
        cancelled = page.is_cancelled
        place = localize_all([page.place], page.locale)[0] if page.place_id else None
        location = location_text(place, page.online_url)
        place_language = self.languages.get(place.locale_id) if place is not None else None
        sequence = self.revision(page)[0] + extra_sequence
        for part in parts:
            summary = part.title
            if cancelled:  # as a cancelled session says it
                summary = _("Cancelled: %(title)s") % {"title": summary}
            self.builder.add(
                uid=part.uid,
                summary=summary,
                starts_at=part.starts_at,
                ends_at=part.ends_at,
                stamp=self.stamp(page),
                sequence=sequence,
                cancelled=cancelled,
                description="\n\n".join(filter(None, [part.description, page.title, url])),
                location=", ".join(filter(None, [part.room, location])),
                url=url,
                language=part.language or None,
                location_language=place_language,
                status=None if cancelled else status,
            )
