"""Registering, confirming, changing forums, cancelling: what participants see and what is
stored."""

import re
from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext

from events.models import Forum
from registrations import services
from registrations.models import ForumChoice, Registration
from registrations.tests.conftest import form_data, forum_key, submit_url


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.RATELIMIT_ENABLE = False


def link(message, kind):
    return re.search(rf"https?://[^\s]+/registration/{kind}/[^\s]+/", message.body).group(0)


def path(url):
    return "/" + url.split("/", 3)[3]


def register(client, page, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(submit_url(page), form_data(page, **data))


def test_registration_is_pending_until_the_email_link_is_followed(
    client, conference, django_capture_on_commit_callbacks
):
    response = register(client, conference, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    with translation.override("de"):
        assert gettext("Please check your e-mail") in response.content.decode()
    registration = Registration.objects.get()
    assert registration.status == "booked" and not registration.is_confirmed
    assert registration.hold_until > timezone.now()
    assert [c.forum_title for c in registration.choices.order_by("round_number")] == [
        "Forum A",
        "Forum C",
    ]
    assert registration.consent.text == "Ich bin einverstanden."
    assert registration.language == "de"

    (message,) = mail.outbox
    assert message.to == ["anna@example.org"]
    assert "Fachtag Kinderschutz" in message.subject
    confirm = path(link(message, "confirm"))
    # Opening the link shows a button: mail scanners that open links confirm nothing.
    assert client.get(confirm).status_code == 200
    assert not Registration.objects.get().is_confirmed
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(confirm)
    assert done.status_code == 200
    assert Registration.objects.get().is_confirmed
    booked = mail.outbox[-1]
    assert "Fachtag Kinderschutz" in booked.subject
    (name, content, mimetype) = booked.attachments[0]
    assert mimetype == "text/calendar"
    # The person's own calendar: the day and the two forums they chose, nothing else.
    event, *forums = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Fachtag Kinderschutz"
    assert [str(f["SUMMARY"]).split(": ", 1)[1] for f in forums] == ["Forum A", "Forum C"]
    assert {str(e["STATUS"]) for e in (event, *forums)} == {"CONFIRMED"}
    assert "/registration/manage/" in booked.body
    assert "/registration/calendar/" in booked.body


def seconds(page, first="Forum B", second="Forum D"):
    """Second choices for both rounds, as the form sends them."""
    return {"second_1": forum_key(page, first), "second_2": forum_key(page, second)}


def test_same_email_twice_is_one_registration(
    client, conference, django_capture_on_commit_callbacks
):
    register(client, conference, django_capture_on_commit_callbacks)
    again = register(
        client,
        conference,
        django_capture_on_commit_callbacks,
        email="ANNA@example.org ",
        **seconds(conference),
    )
    assert again.status_code == 200
    assert Registration.objects.count() == 1


def seats(registration):
    return [
        (c.forum_title, c.seat.title if c.seat else None)
        for c in registration.choices.select_related("seat").order_by("round_number")
    ]


def test_a_full_forum_no_longer_blocks_the_event_and_the_second_choice_holds_a_place(
    client, conference, django_capture_on_commit_callbacks
):
    register(client, conference, django_capture_on_commit_callbacks, email="a@example.org")
    page_html = client.get(conference.url).content.decode()
    with translation.override("de"):
        assert gettext("full: give a second choice") in page_html
    # Forum A and Forum C are full: choosing them alone is refused, with a second it is not.
    alone = register(client, conference, django_capture_on_commit_callbacks, email="b@example.org")
    assert alone.status_code == 400
    assert "Dieses Forum ist voll: Bitte wählen Sie in dieser Runde auch ein zweites Forum." in (
        alone.content.decode()
    )
    register(
        client,
        conference,
        django_capture_on_commit_callbacks,
        email="b@example.org",
        **seconds(conference),
    )
    first, second = Registration.objects.order_by("pk")
    assert first.status == second.status == "booked"  # a place at the event for both
    assert seats(second) == [("Forum A", "Forum B"), ("Forum C", "Forum D")]
    for registration in (first, second):
        services.confirm_email(registration)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _cancelled, promoted = services.cancel(first)
    assert promoted == []  # nobody was waiting for the event itself
    assert seats(Registration.objects.get(pk=second.pk)) == [
        ("Forum A", "Forum A"),
        ("Forum C", "Forum C"),
    ]
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["b@example.org"].startswith("Ein Platz in dem Forum, das Sie gewählt haben")
    assert "Forum A" in next(m for m in mail.outbox if m.to == ["b@example.org"]).body
    # The same cancellation again changes nothing and moves nobody.
    _again, promoted_again = services.cancel(first)
    assert promoted_again == []


def test_the_event_waiting_list_moves_up_once_and_forum_waiters_come_first(
    client, conference, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    register(client, conference, capture, email="a@example.org")
    register(client, conference, capture, email="b@example.org", **seconds(conference))
    register(client, conference, capture, email="c@example.org", **seconds(conference))
    first, second, third = Registration.objects.order_by("pk")
    assert third.status == "waiting"  # the event has two places
    for registration in (first, second, third):
        services.confirm_email(registration)
    with capture(execute=True):
        _cancelled, promoted = services.cancel(first)
    assert [r.pk for r in promoted] == [third.pk]
    # The one already there waiting for Forum A gets it; the newcomer gets the second choice.
    assert seats(Registration.objects.get(pk=second.pk)) == [
        ("Forum A", "Forum A"),
        ("Forum C", "Forum C"),
    ]
    assert seats(Registration.objects.get(pk=third.pk)) == [
        ("Forum A", "Forum B"),
        ("Forum C", "Forum D"),
    ]
    assert services.cancel(first)[1] == []


def test_an_unconfirmed_hold_expires_and_frees_the_place(
    client, conference, django_capture_on_commit_callbacks
):
    register(client, conference, django_capture_on_commit_callbacks, email="a@example.org")
    register(
        client,
        conference,
        django_capture_on_commit_callbacks,
        email="b@example.org",
        **seconds(conference),
    )
    first, second = Registration.objects.order_by("pk")
    services.confirm_email(second)
    later = timezone.now() + timedelta(minutes=conference.hold_minutes + 1)
    assert services.expire_holds(now=later) == 1
    assert Registration.objects.get(pk=first.pk).status == "expired"
    assert Registration.objects.get(pk=second.pk).status == "booked"
    assert seats(Registration.objects.get(pk=second.pk))[0] == ("Forum A", "Forum A")
    # Confirming after the hold ran out says so (410) instead of taking a place.
    late = services.confirm_email(Registration.objects.get(pk=first.pk), now=later)
    assert late.status == "expired"


def test_changing_forums_through_the_personal_link(
    client, conference, django_capture_on_commit_callbacks
):
    register(client, conference, django_capture_on_commit_callbacks)
    registration = Registration.objects.get()
    services.confirm_email(registration)
    manage = path(link(mail.outbox[0], "confirm")).replace("/confirm/", "/manage/")
    page = client.get(manage)
    assert page.status_code == 200
    assert "Anna Beispiel" in page.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        changed = client.post(
            manage,
            {
                "action": "change",
                "forum_1": forum_key(conference, "Forum B"),
                "forum_2": forum_key(conference, "Forum C"),
            },
        )
    assert changed.status_code == 200
    assert ForumChoice.objects.get(round_number=1).forum_title == "Forum B"
    # The change is confirmed by e-mail, with the calendar file of the new forums.
    (message,) = mail.outbox
    assert message.subject.startswith("Ihre Foren sind geändert")
    assert "Forum B" in message.body
    ((name, calendar, kind),) = message.attachments
    assert (
        kind == "text/calendar"
        and "Forum B" in icalendar.Calendar.from_ical(calendar).to_ical().decode()
    )

    # Cancelling asks first, on a page of its own; only the second POST cancels.
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(manage, {"action": "cancel"})
    assert asked.status_code == 200
    html = asked.content.decode()
    assert "<h1>Anmeldung stornieren?</h1>" in html
    assert 'name="confirmed" value="yes"' in html
    assert f'href="{manage}"' in html  # "No, keep it" goes back
    assert Registration.objects.get().status == "booked"
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = client.post(manage, {"action": "cancel", "confirmed": "yes"})
    assert cancelled.status_code == 200
    assert Registration.objects.get().status == "cancelled"


def test_forum_capacity_counts_every_language(client, conference):
    from wagtail.models import Locale

    english = conference.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    english.save_revision().publish()
    english_key = str(english.forums.get(title="Forum A").translation_key)
    assert english_key == forum_key(conference, "Forum A")
    data = form_data(conference, email="en@example.org")
    response = client.post(f"/en/registration/{english.pk}/", data)
    assert response.status_code == 200
    registration = Registration.objects.get()
    assert registration.page_id == conference.pk and registration.language == "en"
    assert (
        services.availability(conference).forum_left(
            Forum.objects.get(page_id=conference.pk, title="Forum A").pk
        )
        == 0
    )
