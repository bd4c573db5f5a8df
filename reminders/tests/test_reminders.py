"""Reminders before an event and follow-ups after it: who gets one, when, what it says, and
that nobody gets one twice."""

import io
from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from checkin.services import check_in
from events.models import EventPage, EventStatus
from registrations import services
from registrations.links import personal_url
from registrations.models import Registration
from reminders.models import Dispatch
from reminders.services import morning_after
from reminders.tests.conftest import MINUTE, book, end_of, forums, run, start_of


@pytest.fixture
def people(fachtag):
    chosen = forums(fachtag, "Forum A", "Forum C")
    people = {
        "anna": book(fachtag, "anna@example.org", forums=chosen),
        "ayse": book(fachtag, "ayse@example.org", language="tr", forums=chosen),
        "unconfirmed": book(fachtag, "later@example.org", confirm=False),
        "cancelled": book(fachtag, "gone@example.org"),
    }
    services.cancel(people["cancelled"])
    # Full: the next one waits.
    EventPage.objects.filter(pk=fachtag.pk).update(registration_capacity=3)
    people["waiting"] = book(fachtag, "wait@example.org")
    assert people["waiting"].status == "waiting"
    return people


HOURS_8 = timedelta(hours=8)


def by_recipient():
    return {message.to[0]: message for message in mail.outbox}


def test_the_reminder_goes_two_days_before_to_booked_confirmed_people_only(
    fachtag, people, django_capture_on_commit_callbacks
):
    start = start_of(fachtag)
    moment = start - timedelta(days=2)
    assert run(moment - MINUTE, django_capture_on_commit_callbacks).reminders == 0
    assert mail.outbox == []

    assert run(moment + MINUTE, django_capture_on_commit_callbacks).reminders == 2
    sent = by_recipient()
    assert set(sent) == {"anna@example.org", "ayse@example.org"}
    for person in ("anna", "ayse"):
        message = sent[f"{person}@example.org"]
        registration = people[person]
        assert "Fachtag Frühe Hilfen" in message.subject
        assert message.extra_headers["Content-Language"] == registration.language
        # Their own page, in their language (/tr/… for Ayşe), and the way there.
        assert personal_url(registration, "registration_manage") in message.body
        assert f"/{registration.language}/registration/manage/" in message.body
        assert "FZ Wehlheiden" in message.body
        assert "Kirchweg 5, 34119 Kassel" in message.body
        assert "Stufenloser Eingang über den Hof" in message.body
        assert "Forum A" in message.body and "Forum C" in message.body
        assert "Forum B" not in message.body
        (name, content, mimetype) = message.attachments[0]
        assert (name, mimetype) == ("event.ics", "text/calendar")
        events = icalendar.Calendar.from_ical(content).walk("VEVENT")
        assert str(events[0]["SUMMARY"]) == "Fachtag Frühe Hilfen"
        assert {str(e["STATUS"]) for e in events} == {"CONFIRMED"}

    # Again, and later on: nothing more.
    assert run(moment + 2 * MINUTE, django_capture_on_commit_callbacks).reminders == 0
    assert run(start - MINUTE, django_capture_on_commit_callbacks).reminders == 0
    assert len(mail.outbox) == 2
    assert Dispatch.objects.filter(kind="reminder").count() == 2


def test_no_reminder_after_the_start_nor_for_a_cancelled_event_nor_with_zero_days(
    fachtag, people, django_capture_on_commit_callbacks
):
    start = start_of(fachtag)
    assert run(start + MINUTE, django_capture_on_commit_callbacks).reminders == 0

    fachtag.reminder_days = 0
    fachtag.save_revision().publish()
    assert run(start - timedelta(hours=1), django_capture_on_commit_callbacks).reminders == 0

    fachtag = EventPage.objects.get(pk=fachtag.pk)
    fachtag.reminder_days, fachtag.status = 2, EventStatus.CANCELLED
    fachtag.save_revision().publish()
    assert run(start - timedelta(hours=1), django_capture_on_commit_callbacks).reminders == 0
    assert mail.outbox == []


def test_who_got_their_place_within_the_reminder_time_gets_no_reminder(
    fachtag, django_capture_on_commit_callbacks
):
    """They were sent the same facts a moment ago, with the booking."""
    late = book(fachtag, "late@example.org")
    confirmed = late.email_confirmed_at
    start = confirmed + timedelta(days=1)
    EventPage.objects.filter(pk=fachtag.pk).update(start=start, end=start + timedelta(hours=8))
    fachtag.refresh_from_db()
    fachtag.save_revision().publish()
    assert start_of(fachtag) == start
    assert run(confirmed + MINUTE, django_capture_on_commit_callbacks).reminders == 0
    assert mail.outbox == []


def test_a_postponed_event_is_reminded_again_for_its_new_day(
    fachtag, people, django_capture_on_commit_callbacks
):
    start = start_of(fachtag)
    run(start - timedelta(days=1), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    fachtag = EventPage.objects.get(pk=fachtag.pk)
    fachtag.start, fachtag.end = start + timedelta(days=7), fachtag.end + timedelta(days=7)
    fachtag.save_revision().publish()
    assert run(start + timedelta(days=6), django_capture_on_commit_callbacks).reminders == 2
    assert len(mail.outbox) == 4


def test_the_command_queues_what_is_due_once_and_dry_run_sends_nothing(
    fachtag, people, django_capture_on_commit_callbacks
):
    # The event starts tomorrow; everyone got their place a week ago.
    tomorrow = timezone.now() + timedelta(days=1)
    EventPage.objects.filter(pk=fachtag.pk).update(start=tomorrow, end=tomorrow + HOURS_8)
    EventPage.objects.get(pk=fachtag.pk).save_revision().publish()
    Registration.objects.filter(page=fachtag, email_confirmed_at__isnull=False).update(
        email_confirmed_at=timezone.now() - timedelta(days=7)
    )

    out = io.StringIO()
    call_command("send_event_mails", "--dry-run", stdout=out)
    assert out.getvalue().startswith("2 reminder(s), 0 follow-up(s), 0 session notice(s) due")
    assert mail.outbox == [] and not Dispatch.objects.exists()

    for expected in (2, 0):
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_event_mails", stdout=out)
        assert out.getvalue().startswith(f"{expected} reminder(s), 0 follow-up(s)")
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "ayse@example.org"]


# --- after the event -----------------------------------------------------------------------


def follow_ups(fachtag, capture):
    return run(morning_after(end_of(fachtag)) + MINUTE, capture).follow_ups


def test_the_follow_up_goes_the_morning_after_to_those_checked_in(
    fachtag, people, django_capture_on_commit_callbacks
):
    check_in(people["anna"])
    after = morning_after(end_of(fachtag))
    assert run(after - MINUTE, django_capture_on_commit_callbacks).follow_ups == 0
    assert follow_ups(fachtag, django_capture_on_commit_callbacks) == 1
    (message,) = mail.outbox
    assert message.to == ["anna@example.org"]
    assert "Fachtag Frühe Hilfen" in message.subject
    assert "\n" + fachtag.full_url + "\n" in message.body
    assert follow_ups(fachtag, django_capture_on_commit_callbacks) == 0
    # A week later a follow-up that was not sent is not sent any more.
    check_in(people["ayse"])
    assert run(after + timedelta(days=8), django_capture_on_commit_callbacks).follow_ups == 0
    assert len(mail.outbox) == 1


def test_without_any_check_in_every_booked_confirmed_person_gets_the_follow_up(
    fachtag, people, django_capture_on_commit_callbacks
):
    assert follow_ups(fachtag, django_capture_on_commit_callbacks) == 2
    assert set(by_recipient()) == {"anna@example.org", "ayse@example.org"}


def test_the_follow_up_has_the_certificate_link_when_it_is_due_and_the_survey(
    fachtag, people, django_capture_on_commit_callbacks
):
    EventPage.objects.filter(pk=fachtag.pk).update(certificate=True)
    check_in(people["anna"])
    check_in(people["ayse"])
    EventPage.objects.filter(pk=fachtag.pk).update(certificate=False)
    assert follow_ups(fachtag, django_capture_on_commit_callbacks) == 2
    sent = by_recipient()
    anna, ayse = people["anna"], people["ayse"]
    # No certificate on this event: no link.
    assert "/registration/certificate/" not in sent["anna@example.org"].body
    assert personal_url(ayse, "feedback_survey") in sent["ayse@example.org"].body

    mail.outbox.clear()
    Dispatch.objects.all().delete()
    EventPage.objects.filter(pk=fachtag.pk).update(certificate=True)
    assert follow_ups(fachtag, django_capture_on_commit_callbacks) == 2
    sent = by_recipient()
    assert personal_url(anna, "registration_certificate") in sent["anna@example.org"].body
    assert personal_url(ayse, "registration_certificate") in sent["ayse@example.org"].body
    assert "/tr/registration/certificate/" in sent["ayse@example.org"].body
