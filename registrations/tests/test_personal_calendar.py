"""A participant's own calendar: the day and the forums they chose, following their changes."""

import icalendar
from django.core import mail

from events.models import Forum
from registrations import services
from registrations.links import personal_url
from registrations.models import Registration
from registrations.tests.test_flow import register


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response["Cache-Control"]
    return {
        str(e["SUMMARY"]): e for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    }


def test_the_personal_calendar_follows_forum_changes_and_cancellation(
    client, conference, django_capture_on_commit_callbacks
):
    register(client, conference, django_capture_on_commit_callbacks)
    registration = Registration.objects.get()
    url = personal_url(registration, "registration_calendar")
    pending = read(client, url)
    assert sorted(pending) == [
        "1. Durchlauf: Forum A",
        "2. Durchlauf: Forum C",
        "Fachtag Kinderschutz",
    ]
    assert {str(e["STATUS"]) for e in pending.values()} == {"TENTATIVE"}

    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_email(registration)
    booked = read(client, url)
    assert {str(e["STATUS"]) for e in booked.values()} == {"CONFIRMED"}
    assert all(booked[k]["SEQUENCE"] > pending[k]["SEQUENCE"] for k in pending)
    # The e-mail confirming the place carries the link and the same calendar.
    assert url in mail.outbox[-1].body

    forum_d = Forum.objects.get(page=conference, title="Forum D")
    forum_a = Forum.objects.get(page=conference, title="Forum A")
    services.change_forums(registration, {1: forum_a, 2: forum_d})
    changed = read(client, url)
    assert sorted(changed) == [
        "1. Durchlauf: Forum A",
        "2. Durchlauf: Forum D",
        "Fachtag Kinderschutz",
    ]
    assert changed["1. Durchlauf: Forum A"]["UID"] == booked["1. Durchlauf: Forum A"]["UID"]

    services.cancel(Registration.objects.get())
    cancelled = read(client, url)
    assert sorted(cancelled) == sorted(changed)
    assert {str(e["STATUS"]) for e in cancelled.values()} == {"CANCELLED"}
    assert all(cancelled[k]["SEQUENCE"] > changed[k]["SEQUENCE"] for k in changed)


def test_the_personal_page_offers_the_calendar(
    client, conference, django_capture_on_commit_callbacks
):
    register(client, conference, django_capture_on_commit_callbacks)
    registration = Registration.objects.get()
    page = client.get(personal_url(registration, "registration_manage")).content.decode()
    url = personal_url(registration, "registration_calendar")
    assert f'href="http://testserver{url}"' in page
    assert f'href="webcal://testserver{url}"' in page


def test_a_forged_calendar_link_is_not_found(client, conference):
    assert client.get("/de/registration/calendar/1.abc:forged.ics").status_code == 404
