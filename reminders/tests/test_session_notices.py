"""A course's session is cancelled or moved: the participants of that group hear of it once,
right after the publish or, where that was missed, from ``send_event_mails``."""

from datetime import time, timedelta

import icalendar
import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format

from events.models import CoursePage, Session
from events.schedules import LOCAL_TZ
from registrations.tests.test_course_groups import course_in_two_centres
from reminders import services
from reminders.models import Dispatch
from reminders.tests.conftest import book, run, start_of


@pytest.fixture
def course(calendar_site):
    return course_in_two_centres(calendar_site, capacities=(2, 1))


@pytest.fixture
def people(course):
    wehlheiden, rothenditmold = course.schedules.order_by("sort_order", "pk")
    return {
        "first": book(course, "erste@example.org", group=wehlheiden),
        "unconfirmed": book(course, "spaeter@example.org", group=wehlheiden, confirm=False),
        "other": book(course, "andere@example.org", group=rothenditmold, language="uk"),
        "waiting": book(course, "wartet@example.org", group=rothenditmold),
    }


def first_day(course):
    return timezone.localtime(start_of(course), LOCAL_TZ).date()


def publish(course, capture, **exception):
    """Publish ``course`` (with one more exception), as an editor does."""
    if exception:
        course.exceptions.create(**exception)
    with capture(execute=True):
        course.save_revision().publish()
    return course


def test_a_cancelled_session_is_told_once_to_its_group(
    course, people, django_capture_on_commit_callbacks
):
    assert people["waiting"].status == "waiting"
    day = first_day(course) + timedelta(days=7)
    publish(course, django_capture_on_commit_callbacks, date=day, reason="Ferien")
    (message,) = mail.outbox
    assert message.to == ["erste@example.org"]
    assert "wir2 in zwei Familienzentren" in message.subject
    assert "Ferien" in message.body
    # The line of the cancelled day, as the person knew it (German dates, the group's time).
    with translation.override("de"):
        known = date_format(day, "DATE_FORMAT")
    assert any(known in line and "18:00" in line for line in message.body.splitlines())
    assert "/de/registration/manage/" in message.body
    (name, content, mimetype) = message.attachments[0]
    cancelled = [
        event
        for event in icalendar.Calendar.from_ical(content).walk("VEVENT")
        if event["DTSTART"].dt.date() == day
    ]
    assert [str(event["STATUS"]) for event in cancelled] == ["CANCELLED"]

    # Published again, and the scheduled run: nothing new.
    publish(course, django_capture_on_commit_callbacks)
    assert run(timezone.now(), django_capture_on_commit_callbacks).notices == 0
    assert len(mail.outbox) == 1
    assert Dispatch.objects.filter(kind="session_changed").count() == 1


def test_a_moved_session_names_its_new_time_and_place(
    course, calendar_site, people, django_capture_on_commit_callbacks
):
    day = first_day(course) + timedelta(days=14)
    publish(
        course,
        django_capture_on_commit_callbacks,
        date=day,
        action="move",
        new_start_time=time(19, 30),
        new_place=calendar_site["rothenditmold"],
        reason="Raum belegt",
    )
    (message,) = mail.outbox
    assert message.to == ["erste@example.org"]
    # The change names the session as it was (18:00 in Wehlheiden), then when and where now.
    lines = message.body.splitlines()
    (was,) = [n for n, line in enumerate(lines) if line.startswith("- ")]
    assert "18:00 (FZ Wehlheiden)" in lines[was]
    assert "19:30" in lines[was + 1] and "FZ Rothenditmold" in lines[was + 2]
    assert "Raum belegt" in message.body


def test_several_changes_at_once_are_one_email_and_each_later_change_another(
    course, people, django_capture_on_commit_callbacks
):
    course = CoursePage.objects.get(pk=course.pk)
    start = first_day(course)
    for weeks in (1, 2):
        course.exceptions.create(date=start + timedelta(days=7 * weeks), reason=f"Ausfall {weeks}")
    publish(course, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert "Ausfall 1" in message.body and "Ausfall 2" in message.body
    assert Dispatch.objects.filter(kind="session_changed").count() == 2

    # The cancellation of the second one is taken back: told as well, once.
    course.exceptions = [e for e in course.exceptions.all() if e.reason != "Ausfall 2"]
    publish(course, django_capture_on_commit_callbacks)
    publish(course, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    assert "Ausfall 1" not in mail.outbox[1].body


def test_what_the_publish_missed_is_sent_by_the_command_once(
    course, people, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(**kwargs):
        raise ConnectionError("the task queue is not reachable")

    monkeypatch.setattr(services, "tell_session_changes", broken)
    day = first_day(course) + timedelta(days=7)
    publish(course, django_capture_on_commit_callbacks, date=day, reason="Krankheit")
    assert Session.objects.get(page=course, starts_at__date=day).is_cancelled  # published
    assert mail.outbox == []
    monkeypatch.undo()

    assert run(timezone.now(), django_capture_on_commit_callbacks).notices == 1
    assert run(timezone.now(), django_capture_on_commit_callbacks).notices == 0
    publish(course, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.to == ["erste@example.org"] and "Krankheit" in message.body


def test_who_booked_after_the_change_is_not_told_of_it(
    course, django_capture_on_commit_callbacks, monkeypatch
):
    """They got their dates with the booking, already changed."""
    monkeypatch.setattr(services, "tell_session_changes", lambda **kwargs: 0)
    wehlheiden = course.schedules.order_by("sort_order", "pk").first()
    publish(course, django_capture_on_commit_callbacks, date=first_day(course) + timedelta(7))
    monkeypatch.undo()
    book(course, "neu@example.org", group=wehlheiden)
    assert run(timezone.now(), django_capture_on_commit_callbacks).notices == 0
    assert mail.outbox == []


def test_a_new_course_and_its_first_publish_tell_nobody_anything(
    calendar_site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        course = course_in_two_centres(calendar_site)
    assert mail.outbox == []
    assert run(timezone.now(), django_capture_on_commit_callbacks).notices == 0
    assert not Dispatch.objects.exists()
    assert Session.objects.filter(page=course, known__isnull=False).count() == 8
