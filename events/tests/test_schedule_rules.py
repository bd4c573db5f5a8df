"""Schedule expansion as pure logic (events/schedules.py): no database, no pages.

The tests in test_schedules.py publish real courses and read their Session rows; these check
the rules themselves, quickly, for the cases a calendar gets wrong most often: daylight saving
switches, UNTIL written in UTC by the recurrence widget, exceptions, two meetings a day.
"""

import uuid
from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace

import recurrence

from events.schedules import local, local_starts, plan_schedule
from events.tests.conftest import weekly


def schedule(rule, first=date(2027, 3, 2), start=time(18), duration=90, place_id=7):
    return SimpleNamespace(
        key=uuid.UUID(int=1),
        first_date=first,
        start_time=start,
        duration=duration,
        recurrence=rule,
        place_id=place_id,
    )


def exception(day, action="cancel", place_id=None, **new):
    return SimpleNamespace(
        date=day,
        action=action,
        place_id=place_id,
        translation_key=uuid.uuid4(),
        new_date=new.get("new_date"),
        new_start_time=new.get("new_start_time"),
        new_place_id=new.get("new_place_id"),
    )


def test_wall_clock_stays_at_18_00_across_both_switches():
    starts = local_starts(date(2027, 3, 2), time(18), weekly(count=36), limit=400)
    assert len(starts) == 36
    assert {s.time() for s in starts} == {time(18)}
    utc = {s.date(): local(s).astimezone(UTC) for s in starts}
    assert utc[date(2027, 3, 23)] == datetime(2027, 3, 23, 17, tzinfo=UTC)  # CET
    assert utc[date(2027, 3, 30)] == datetime(2027, 3, 30, 16, tzinfo=UTC)  # CEST
    assert utc[date(2027, 10, 26)] == datetime(2027, 10, 26, 16, tzinfo=UTC)
    assert utc[date(2027, 11, 2)] == datetime(2027, 11, 2, 17, tzinfo=UTC)


def test_until_written_in_utc_includes_the_last_day():
    # The recurrence widget turns "until 1 June 2027" into 20270531T220000Z.
    rule = recurrence.deserialize("RRULE:FREQ=WEEKLY;UNTIL=20270531T220000Z;BYDAY=TU")
    days = [s.date() for s in local_starts(date(2027, 3, 2), time(18), rule, limit=400)]
    assert (days[0], days[-1], len(days)) == (date(2027, 3, 2), date(2027, 6, 1), 14)


def test_count_and_until_give_the_same_series():
    by_count = local_starts(date(2027, 3, 2), time(18), weekly(count=5), limit=400)
    by_until = local_starts(
        date(2027, 3, 2), time(18), weekly(until=datetime(2027, 3, 30)), limit=400
    )
    assert by_count == by_until
    assert by_until[-1] == datetime(2027, 3, 30, 18)


def test_excluded_and_added_dates():
    rule = weekly(count=4)
    rule.exdates = [datetime(2027, 3, 9)]
    rule.rdates = [datetime(2027, 3, 11)]
    days = [s.date() for s in local_starts(date(2027, 3, 2), time(18), rule, limit=400)]
    assert days == [date(2027, 3, 2), date(2027, 3, 11), date(2027, 3, 16), date(2027, 3, 23)]


def test_no_rule_is_one_session_and_the_limit_holds():
    assert local_starts(date(2027, 3, 2), time(9, 30), None, limit=400) == [
        datetime(2027, 3, 2, 9, 30)
    ]
    assert len(local_starts(date(2027, 3, 2), time(18), weekly(count=500), limit=400)) == 400


def test_keys_name_the_planned_date_and_number_a_second_meeting_that_day():
    twice = recurrence.Recurrence(
        rrules=[recurrence.Rule(recurrence.WEEKLY, count=3, byhour=[18, 20])]
    )
    planned = plan_schedule(schedule(twice), default_place_id=None, exceptions=[], limit=400)
    key = uuid.UUID(int=1)
    assert [p.key for p in planned] == [f"{key}/20270302", f"{key}/20270302-2", f"{key}/20270309"]
    assert [p.starts_at.hour for p in planned] == [18, 20, 18]
    assert all(p.ends_at - p.starts_at == timedelta(minutes=90) for p in planned)


def test_a_cancelled_and_a_moved_session_keep_their_keys():
    exceptions = [
        exception(date(2027, 3, 9)),  # cancelled at every place
        exception(
            date(2027, 3, 16),
            action="move",
            place_id=7,
            new_date=date(2027, 3, 17),
            new_start_time=time(17),
            new_place_id=8,
        ),
    ]
    planned = plan_schedule(
        schedule(weekly(count=3)), default_place_id=None, exceptions=exceptions, limit=400
    )
    first, cancelled, moved = planned
    assert (first.cancelled, first.moved) == (False, False)
    assert cancelled.cancelled and cancelled.key.endswith("/20270309")
    assert moved.moved and moved.key.endswith("/20270316")
    assert moved.original_start == local(datetime(2027, 3, 16, 18))
    assert moved.starts_at == local(datetime(2027, 3, 17, 17))
    assert moved.ends_at - moved.starts_at == timedelta(minutes=90)
    assert moved.place_id == 8


def test_an_exception_for_one_place_wins_over_one_for_every_place():
    exceptions = [
        exception(date(2027, 3, 2), action="move", new_start_time=time(19)),
        exception(date(2027, 3, 2), action="cancel", place_id=7),
    ]
    [planned] = plan_schedule(
        schedule(weekly(count=1)), default_place_id=None, exceptions=exceptions, limit=400
    )
    assert planned.cancelled and not planned.moved


def test_the_courses_place_stands_in_for_a_schedule_without_one():
    [planned] = plan_schedule(
        schedule(weekly(count=1), place_id=None), default_place_id=3, exceptions=[], limit=400
    )
    assert planned.place_id == 3
