"""The calendar: one-off events and conferences, recurring courses, and their sessions.

- ``pages``: the calendar and its entries (``CalendarPage``, ``EventPage``, ``CoursePage``);
- ``conference``: a conference's speakers, timetable, rounds of forums and downloads;
- ``courses``: a course's schedules and exceptions;
- ``sessions``: the dated sessions calendars and feeds show, and their revisions.
"""

from .conference import AgendaItem, EventDownload, Forum, Round, Speaker
from .courses import MAX_SESSIONS_PER_SCHEDULE, CourseException, CourseSchedule
from .pages import (
    Audience,
    CalendarLanguage,
    CalendarOrganiser,
    CalendarPage,
    CoursePage,
    EventIndexPage,
    EventPage,
    EventStatus,
)
from .sessions import CalendarRevision, Session, SessionQuerySet, uid_domain

__all__ = [
    "MAX_SESSIONS_PER_SCHEDULE",
    "AgendaItem",
    "Audience",
    "CalendarLanguage",
    "CalendarOrganiser",
    "CalendarPage",
    "CalendarRevision",
    "CourseException",
    "CoursePage",
    "CourseSchedule",
    "EventDownload",
    "EventIndexPage",
    "EventPage",
    "EventStatus",
    "Forum",
    "Round",
    "Session",
    "SessionQuerySet",
    "Speaker",
    "uid_domain",
]
