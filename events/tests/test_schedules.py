"""Sessions in Europe/Berlin wall-clock time, whatever daylight saving time does, as published
courses write them (the rules alone, without a database: test_schedule_rules.py)."""

from datetime import UTC, date, datetime, time, timedelta

from events.models import Session
from events.sessions import sync_sessions
from events.tests.conftest import local, make_course, tuesday_course_2027, weekly


def berlin(session):
    return session.starts_at.astimezone(local(datetime(2027, 1, 1)).tzinfo)


def test_weekly_series_stays_at_18_00_across_both_switches_of_2027(calendar_site):
    course = tuesday_course_2027(calendar_site)
    sessions = list(Session.objects.filter(page=course))
    assert len(sessions) == 36
    assert {berlin(s).strftime("%a %H:%M") for s in sessions} == {"Tue 18:00"}
    by_day = {berlin(s).date(): s for s in sessions}
    # Before the spring switch 18:00 CET is 17:00 UTC; after it 18:00 CEST is 16:00 UTC ...
    assert by_day[date(2027, 3, 23)].starts_at == datetime(2027, 3, 23, 17, tzinfo=UTC)
    assert by_day[date(2027, 3, 30)].starts_at == datetime(2027, 3, 30, 16, tzinfo=UTC)
    # ... and after the autumn switch it is 17:00 UTC again.
    assert by_day[date(2027, 10, 26)].starts_at == datetime(2027, 10, 26, 16, tzinfo=UTC)
    assert by_day[date(2027, 11, 2)].starts_at == datetime(2027, 11, 2, 17, tzinfo=UTC)
    assert all(s.ends_at - s.starts_at == timedelta(minutes=90) for s in sessions)


def test_cancelled_session_on_the_day_of_the_switch(calendar_site):
    # 31 October 2027 is a Sunday: the clocks go back that night.
    course = make_course(
        calendar_site,
        schedules=[
            {
                "first_date": date(2027, 10, 17),
                "start_time": time(10),
                "duration": 120,
                "recurrence": weekly(count=4),
                "place": calendar_site["wehlheiden"],
            }
        ],
        exceptions=[{"date": date(2027, 10, 31), "action": "cancel", "reason": "Herbstferien"}],
    )
    sessions = {berlin(s).date(): s for s in Session.objects.filter(page=course)}
    assert len(sessions) == 4
    switch_day = sessions[date(2027, 10, 31)]
    assert switch_day.is_cancelled
    assert berlin(switch_day).time() == time(10)
    assert switch_day.starts_at == datetime(2027, 10, 31, 9, tzinfo=UTC)  # CET again
    # Two hours by the wall clock, two hours in real time: the switch is at 03:00.
    assert switch_day.ends_at - switch_day.starts_at == timedelta(hours=2)
    others = [s for day, s in sessions.items() if day != date(2027, 10, 31)]
    assert not any(s.is_cancelled for s in others)


def test_moved_session_keeps_its_identity_and_raises_its_sequence(calendar_site):
    course = tuesday_course_2027(calendar_site)
    target = Session.objects.get(page=course, starts_at=local(datetime(2027, 4, 6, 18)))
    uid = target.uid
    assert target.sequence == 0

    course.exceptions.create(
        date=date(2027, 4, 6),
        action="move",
        new_date=date(2027, 4, 8),
        new_start_time=time(17, 30),
        new_place=calendar_site["rothenditmold"],
        reason="Raum belegt",
    )
    course.save_revision().publish()

    moved = Session.objects.get(uid=uid)
    assert moved.is_moved and not moved.is_cancelled
    assert berlin(moved) == local(datetime(2027, 4, 8, 17, 30))
    assert moved.ends_at - moved.starts_at == timedelta(minutes=90)
    assert moved.place == calendar_site["rothenditmold"]
    assert moved.sequence == 1
    assert Session.objects.filter(page=course).count() == 36


def test_republishing_unchanged_keeps_uids_and_sequences(calendar_site):
    course = tuesday_course_2027(calendar_site)
    before = dict(Session.objects.filter(page=course).values_list("uid", "sequence"))
    course.title = "Neuer Titel"
    course.save_revision().publish()
    sync_sessions(course)
    after = dict(Session.objects.filter(page=course).values_list("uid", "sequence"))
    assert after == before


def test_shortening_a_series_removes_the_sessions_it_no_longer_has(calendar_site):
    course = tuesday_course_2027(calendar_site)
    schedule = course.schedules.first()
    schedule.recurrence = weekly(count=10)
    schedule.save()
    course.save_revision().publish()
    assert Session.objects.filter(page=course).count() == 10


def test_cancelling_the_whole_course_cancels_every_session(calendar_site):
    course = tuesday_course_2027(calendar_site)
    course.status = "cancelled"
    course.save_revision().publish()
    sessions = Session.objects.filter(page=course)
    assert all(s.is_cancelled for s in sessions)
    assert all(s.sequence == 1 for s in sessions)


def test_a_series_without_an_end_is_refused(calendar_site):
    from django.core.exceptions import ValidationError

    from events.models import CourseSchedule

    schedule = CourseSchedule(
        first_date=date(2027, 1, 5), start_time=time(18), duration=90, recurrence=weekly()
    )
    try:
        schedule.clean()
    except ValidationError as error:
        assert "recurrence" in error.message_dict
    else:
        raise AssertionError("an endless series was accepted")
