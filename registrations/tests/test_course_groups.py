"""A course that meets in two family centres: people choose their group, and each group has
its places, places left and waiting list; a course with one schedule asks nothing."""

import re
from datetime import time, timedelta

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from events.tests.conftest import make_course, weekly
from registrations import services
from registrations.calendars import personal_calendar
from registrations.models import Registration
from registrations.tests.conftest import started


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.RATELIMIT_ENABLE = False


def course_in_two_centres(site, capacities=(2, 1), **fields):
    first = timezone.localdate() + timedelta(days=14)
    return make_course(
        site,
        title="wir2 in zwei Familienzentren",
        schedules=[
            {
                "place": site["wehlheiden"],
                "first_date": first,
                "start_time": time(18, 0),
                "recurrence": weekly(count=4),
                "capacity": capacities[0],
            },
            {
                "place": site["rothenditmold"],
                "first_date": first + timedelta(days=1),
                "start_time": time(9, 30),
                "recurrence": weekly(count=4),
                "capacity": capacities[1],
            },
        ],
        registration_enabled=True,
        waiting_list=True,
        consent_text="Ich bin einverstanden.",
        **fields,
    )


def groups(course):
    return [str(s.key) for s in course.schedules.order_by("sort_order", "pk")]


def register(client, course, email, group, capture):
    data = {
        "name": "Alex Beispiel",
        "email": email,
        "consent": "on",
        "started": started(),
        "website": "",
    }
    if group is not None:
        data["group"] = group
    with capture(execute=True):
        return client.post(f"/de/registration/{course.pk}/", data)


def test_the_form_asks_for_the_group_with_its_places_left(client, calendar_site):
    course = course_in_two_centres(calendar_site)
    html = client.get(course.url).content.decode()
    assert "<legend>Ihre Gruppe</legend>" in html
    assert re.search(
        r"<bdi>FZ Wehlheiden</bdi>: ab \w+, [^<]+, um 18:00"
        r"\s*<span class=\"muted\">– 2 Plätze frei",
        html,
    )
    assert re.search(
        r"<bdi>FZ Rothenditmold</bdi>: ab \w+, [^<]+, um 09:30"
        r"\s*<span class=\"muted\">– 1 Platz frei",
        html,
    )


def test_a_course_with_one_schedule_asks_nothing(client, calendar_site):
    course = make_course(
        calendar_site,
        schedules=[
            {
                "first_date": timezone.localdate() + timedelta(days=7),
                "start_time": time(10, 0),
                "recurrence": weekly(count=3),
            }
        ],
        registration_enabled=True,
        consent_text="Ja.",
    )
    assert 'name="group"' not in client.get(course.url).content.decode()


def test_each_group_has_its_places_and_its_waiting_list(
    client, calendar_site, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    course = course_in_two_centres(calendar_site)
    wehlheiden, rothenditmold = groups(course)
    assert register(client, course, "a@example.org", rothenditmold, capture).status_code == 200
    assert register(client, course, "b@example.org", rothenditmold, capture).status_code == 200
    assert register(client, course, "c@example.org", wehlheiden, capture).status_code == 200
    a, b, c = (Registration.objects.get(email=f"{x}@example.org") for x in "abc")
    assert (a.status, b.status, c.status) == ("booked", "waiting", "booked")
    assert str(a.group_key) == rothenditmold and str(c.group_key) == wehlheiden
    html = client.get(course.url).content.decode()
    assert re.search(r"um 09:30\s*<span class=\"muted\">– ausgebucht: Warteliste möglich", html)
    assert re.search(r"um 18:00\s*<span class=\"muted\">– 1 Platz frei", html)

    for registration in (a, b, c):
        services.confirm_email(registration)
    # A place free in Wehlheiden is not one in Rothenditmold: b waits on.
    services.cancel(Registration.objects.get(pk=c.pk))
    assert Registration.objects.get(pk=b.pk).status == "waiting"
    # One free in Rothenditmold goes to b, once.
    _cancelled, promoted = services.cancel(Registration.objects.get(pk=a.pk))
    assert [r.pk for r in promoted] == [b.pk]
    assert services.cancel(Registration.objects.get(pk=a.pk))[1] == []


def test_the_group_is_required_and_a_person_gets_only_its_dates(
    client, calendar_site, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    course = course_in_two_centres(calendar_site)
    refused = register(client, course, "a@example.org", None, capture)
    assert refused.status_code == 400
    assert "Bitte wählen Sie die Gruppe, der Sie beitreten möchten." in refused.content.decode()
    assert not Registration.objects.exists()

    wehlheiden, _rothenditmold = groups(course)
    register(client, course, "a@example.org", wehlheiden, capture)
    registration = Registration.objects.get()
    (message,) = mail.outbox
    assert "FZ Wehlheiden" in message.body and "FZ Rothenditmold" not in message.body
    manage = re.search(r"(/de/registration/confirm/[^\s]+/)", message.body).group(1)
    html = client.get(manage.replace("/confirm/", "/manage/")).content.decode()
    assert re.search(r"<dt>Ihre Gruppe</dt><dd>FZ Wehlheiden: ab \w+, [^<]+, um 18:00</dd>", html)
    calendar = icalendar.Calendar.from_ical(personal_calendar(registration, lambda page: "/x/"))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 4
    assert {
        e.decoded("dtstart").astimezone(timezone.get_current_timezone()).hour for e in events
    } == {18}


def manage_url(registration):
    from registrations.links import personal_url

    return personal_url(registration, "registration_manage")


def change_group(client, registration, group, capture):
    with capture(execute=True):
        return client.post(manage_url(registration), {"action": "group", "group": group})


def test_a_booked_person_moves_to_a_group_with_a_free_place(
    client, calendar_site, django_capture_on_commit_callbacks
):
    """Their place in the old group goes to the person waiting for it; they get the new
    group's dates by e-mail, and the personal page names the new group."""
    capture = django_capture_on_commit_callbacks
    course = course_in_two_centres(calendar_site, capacities=(2, 1))
    wehlheiden, rothenditmold = groups(course)
    register(client, course, "a@example.org", rothenditmold, capture)
    register(client, course, "b@example.org", rothenditmold, capture)
    a, b = (Registration.objects.get(email=f"{x}@example.org") for x in "ab")
    for registration in (a, b):
        services.confirm_email(registration)
    html = client.get(manage_url(a)).content.decode()
    assert "Gruppe wechseln" in html
    assert re.search(r"um 09:30\s*<span class=\"muted\">– Ihre Gruppe", html)
    assert re.search(r"um 18:00\s*<span class=\"muted\">– 2 Plätze frei", html)
    mail.outbox.clear()

    response = change_group(client, a, wehlheiden, capture)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ihre Gruppe ist geändert." in html
    assert re.search(r"<dt>Ihre Gruppe</dt><dd>FZ Wehlheiden: ab \w+, [^<]+, um 18:00</dd>", html)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, str(a.group_key)) == ("booked", wehlheiden)
    assert (b.status, str(b.group_key)) == ("booked", rothenditmold)  # moved up, once
    by_person = {message.to[0]: message for message in mail.outbox}
    assert set(by_person) == {"a@example.org", "b@example.org"}
    changed = by_person["a@example.org"]
    assert changed.subject.startswith("Ihre Gruppe ist geändert:")
    assert "Ihre Gruppe: FZ Wehlheiden" in changed.body
    ((name, ics, kind),) = changed.attachments
    starts = {
        event.decoded("dtstart").astimezone(timezone.get_current_timezone()).hour
        for event in icalendar.Calendar.from_ical(ics).walk("VEVENT")
    }
    assert starts == {18}
    assert by_person["b@example.org"].subject.startswith("Ein Platz ist für Sie frei")


def test_a_booked_person_keeps_their_place_when_the_other_group_is_full(
    client, calendar_site, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    course = course_in_two_centres(calendar_site, capacities=(2, 1))
    wehlheiden, rothenditmold = groups(course)
    register(client, course, "a@example.org", rothenditmold, capture)
    register(client, course, "w@example.org", wehlheiden, capture)
    register(client, course, "x@example.org", wehlheiden, capture)
    a = Registration.objects.get(email="a@example.org")
    html = client.get(manage_url(a)).content.decode()
    assert f'value="{wehlheiden}" required disabled>' in html
    assert re.search(r"um 18:00\s*<span class=\"muted\">– ausgebucht<", html)
    mail.outbox.clear()

    response = change_group(client, a, wehlheiden, capture)  # as if the button were enabled
    assert response.status_code == 400
    assert "Diese Gruppe ist ausgebucht. Sie behalten Ihren Platz in Ihrer Gruppe." in (
        response.content.decode()
    )
    a.refresh_from_db()
    assert (a.status, str(a.group_key)) == ("booked", rothenditmold)
    assert mail.outbox == []
    with pytest.raises(services.RegistrationRefused):  # the same under the lock
        services.change_group(a, course.schedules.get(key=wehlheiden))


def test_a_person_waiting_can_wait_for_another_group_and_moves_up_where_there_is_room(
    client, calendar_site, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    course = course_in_two_centres(calendar_site, capacities=(1, 1))
    wehlheiden, rothenditmold = groups(course)
    for email, group in (("a", rothenditmold), ("b", rothenditmold), ("w", wehlheiden)):
        register(client, course, f"{email}@example.org", group, capture)
    b = Registration.objects.get(email="b@example.org")
    services.confirm_email(b)
    assert b.status == "waiting"
    html = client.get(manage_url(b)).content.decode()
    assert "Sie können stattdessen auf einen Platz in einer anderen Gruppe warten" in html
    # Wehlheiden is full too: b waits for it now, keeping the time of registering.
    response = change_group(client, b, wehlheiden, capture)
    assert response.status_code == 200
    assert "Sie warten jetzt auf einen Platz in der Gruppe, die Sie gewählt haben." in (
        response.content.decode()
    )
    b.refresh_from_db()
    assert (b.status, str(b.group_key)) == ("waiting", wehlheiden)
    assert mail.outbox[-1].subject.startswith("Ihre Gruppe ist geändert:")
    assert mail.outbox[-1].attachments == []  # no dates for someone still waiting
    # The place w frees in Wehlheiden is b's now, not one in Rothenditmold.
    services.confirm_email(Registration.objects.get(email="w@example.org"))
    _cancelled, promoted = services.cancel(Registration.objects.get(email="w@example.org"))
    assert [r.pk for r in promoted] == [b.pk]
    # Back to Rothenditmold would leave the place: refused, b keeps it.
    response = change_group(client, b, rothenditmold, capture)
    assert response.status_code == 400
    b.refresh_from_db()
    assert (b.status, str(b.group_key)) == ("booked", wehlheiden)


def test_moving_up_at_once_when_the_chosen_group_has_a_place(
    client, calendar_site, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    course = course_in_two_centres(calendar_site, capacities=(2, 1))
    wehlheiden, rothenditmold = groups(course)
    register(client, course, "a@example.org", rothenditmold, capture)
    register(client, course, "b@example.org", rothenditmold, capture)
    b = Registration.objects.get(email="b@example.org")
    services.confirm_email(b)
    mail.outbox.clear()
    response = change_group(client, b, wehlheiden, capture)
    assert "Ihre Gruppe ist geändert, und sie hatte einen Platz für Sie: Er gehört Ihnen." in (
        response.content.decode()
    )
    b.refresh_from_db()
    assert (b.status, str(b.group_key)) == ("booked", wehlheiden)
    (message,) = mail.outbox  # one e-mail: the place, with the new group's dates
    assert message.subject.startswith("Ein Platz ist für Sie frei")
    assert "Ihre Gruppe: FZ Wehlheiden" in message.body
