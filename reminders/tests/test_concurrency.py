"""Runs at the same moment (a slow ``send_event_mails`` and the next, two machines with the
same cron line, a publish while it runs): every person still gets each e-mail once. Against
the real database (PostgreSQL in CI, SQLite locally), from threads with their own
connections; the e-mails are sent as each run commits."""

import contextlib
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connections
from django.utils import timezone

from events.models import CoursePage, EventPage
from registrations.tests.test_course_groups import course_in_two_centres
from reminders import services
from reminders.models import Dispatch
from reminders.services import send_due
from reminders.tests.conftest import book, start_of

RUNS = 4
PEOPLE = 30


def at_once(*calls):
    """Each call in its own thread and connection, released together; what they returned
    (or the error they raised)."""
    gate = threading.Barrier(len(calls), timeout=30)

    def one(call):
        try:
            with contextlib.suppress(threading.BrokenBarrierError):
                gate.wait()
            return call()
        except Exception as error:  # reported by the caller's assertion
            return repr(error)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(one, calls))


@pytest.mark.django_db(transaction=True)
def test_simultaneous_runs_send_each_reminder_once(calendar_site):
    from registrations.tests.conftest import make_conference

    page = make_conference(calendar_site, title="Fachtag", capacity=PEOPLE, forums=[])
    for number in range(PEOPLE):
        book(page, f"person{number}@example.org")
    moment = start_of(page) - timedelta(days=2) + timedelta(minutes=1)
    mail.outbox.clear()  # the registrations' own e-mails

    counts = at_once(*[lambda: send_due(moment).reminders] * RUNS)
    assert all(isinstance(count, int) for count in counts), counts
    assert sum(counts) == PEOPLE
    assert Counter(message.to[0] for message in mail.outbox) == {
        f"person{number}@example.org": 1 for number in range(PEOPLE)
    }
    assert Dispatch.objects.filter(kind="reminder").count() == PEOPLE
    assert EventPage.objects.get(pk=page.pk).registrations.count() == PEOPLE


@pytest.mark.django_db(transaction=True)
def test_a_publish_and_runs_at_the_same_moment_tell_a_change_once(calendar_site, monkeypatch):
    """The change is published while the publish-time notices fail, so it is waiting to be
    told; then the course is published again while three runs start: all four find it."""
    course = course_in_two_centres(calendar_site, capacities=(PEOPLE, 1))
    group = course.schedules.order_by("sort_order", "pk").first()
    for number in range(PEOPLE):
        book(course, f"teilnehmer{number}@example.org", group=group)
    course = CoursePage.objects.get(pk=course.pk)
    day = timezone.localtime(start_of(course)).date() + timedelta(days=7)
    course.exceptions.create(date=day, reason="Ferien")

    def broken(**kwargs):
        raise ConnectionError("the task queue is not reachable")

    monkeypatch.setattr(services, "tell_session_changes", broken)
    course.save_revision().publish()
    monkeypatch.undo()
    mail.outbox.clear()  # the registrations' own e-mails

    def publish():
        course.save_revision().publish()
        return "published"

    now = timezone.now()
    results = at_once(publish, *[lambda: send_due(now).notices] * (RUNS - 1))
    assert results[0] == "published", results
    assert all(isinstance(count, int) for count in results[1:]), results
    assert Counter(message.to[0] for message in mail.outbox) == {
        f"teilnehmer{number}@example.org": 1 for number in range(PEOPLE)
    }
    assert all("Ferien" in message.body for message in mail.outbox)
    assert Dispatch.objects.filter(kind="session_changed").count() == PEOPLE
    assert send_due(now).notices == 0
