"""Expanding a course schedule into dated sessions, in Europe/Berlin wall-clock time.

django-recurrence edits the rule (weekly on Tuesdays, 20 times or until a date) but would
expand it from a DTSTART it serialises in UTC, which moves every session after a daylight
saving switch by an hour. So the rule's own DTSTART is never used: the series starts from the
schedule's first date and local start time, is expanded with naive local datetimes, and each
occurrence is given the Berlin offset of its own day. UNTIL is read as a local date and
includes that whole day, whatever time zone the widget wrote it in.
"""

import copy
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

LOCAL_TZ = ZoneInfo(settings.TIME_ZONE)


@dataclass(frozen=True)
class PlannedSession:
    key: str
    schedule_key: object
    original_start: datetime
    starts_at: datetime
    ends_at: datetime
    place_id: int | None
    cancelled: bool = False
    moved: bool = False
    exception_key: object = None


def local(naive):
    """A naive Berlin wall-clock datetime made aware (the earlier one in the repeated hour)."""
    return naive.replace(tzinfo=LOCAL_TZ)


def _local_date(value):
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(LOCAL_TZ)
        return value.date()
    return value


def local_starts(first_date, start_time, recurrence, limit):
    """The naive local start of every session of a series, in order, at most ``limit``."""
    dtstart = datetime.combine(first_date, start_time)
    rules = list(getattr(recurrence, "rrules", None) or [])
    if not rules:
        return [dtstart]

    def expanded(rule_list):
        found = set()
        for rule in rule_list:
            rule = copy.copy(rule)
            if rule.until:
                rule.until = datetime.combine(_local_date(rule.until), time.max)
            for index, occurrence in enumerate(rule.to_dateutil_rrule(dtstart=dtstart)):
                if index >= limit:
                    break
                found.add(occurrence)
        return found

    starts = expanded(rules)
    starts |= {
        datetime.combine(_local_date(extra), start_time)
        for extra in getattr(recurrence, "rdates", None) or []
    }
    starts -= expanded(getattr(recurrence, "exrules", None) or [])
    excluded = {_local_date(day) for day in getattr(recurrence, "exdates", None) or []}
    return sorted(start for start in starts if start.date() not in excluded)[:limit]


def plan_schedule(schedule, *, default_place_id, exceptions, limit):
    """The sessions of one schedule with the course's exceptions applied."""
    duration = timedelta(minutes=schedule.duration or 0)
    place_id = schedule.place_id or default_place_id
    sessions = []
    per_day = {}
    for start in local_starts(schedule.first_date, schedule.start_time, schedule.recurrence, limit):
        exception = _exception_for(exceptions, start.date(), place_id)
        original = local(start)
        # The key names the planned *date*, not the time: a series moved from 16:00 to 16:15
        # keeps every session's key and so its UID (a rule that meets twice a day numbers
        # the second meeting).
        per_day[start.date()] = number = per_day.get(start.date(), 0) + 1
        suffix = f"-{number}" if number > 1 else ""
        planned = {
            "key": f"{schedule.key}/{start:%Y%m%d}{suffix}",
            "schedule_key": schedule.key,
            "original_start": original,
            "starts_at": original,
            "ends_at": local(start + duration),
            "place_id": place_id,
        }
        if exception is not None:
            planned["exception_key"] = exception.translation_key
            if exception.action == "cancel":
                planned["cancelled"] = True
            else:
                new_start = datetime.combine(
                    exception.new_date or start.date(), exception.new_start_time or start.time()
                )
                planned.update(
                    starts_at=local(new_start),
                    ends_at=local(new_start + duration),
                    place_id=exception.new_place_id or place_id,
                    moved=True,
                )
        sessions.append(PlannedSession(**planned))
    return sessions


def _exception_for(exceptions, day: date, place_id):
    """The exception for the session on ``day`` at ``place_id``: one naming that place wins
    over one for every place."""
    general = None
    for exception in exceptions:
        if exception.date != day:
            continue
        if exception.place_id == place_id:
            return exception
        if exception.place_id is None:
            general = exception
    return general
