"""Where people used to get stuck around registration: registering again with the same
address, a form refused before it was read, the heading after confirming, too short a
hold, and an organiser's status change that would overbook."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection
from django.middleware.csrf import get_token  # noqa: F401  (the test client sets the cookie)
from django.utils import translation

from core.protection import seconds_since
from editorial.groups import ORGANISERS
from registrations import services
from registrations.models import Registration
from registrations.tests.conftest import form_data, forum_key, started, submit_url
from registrations.tests.test_admin_and_privacy import user_in
from registrations.tests.test_flow import seconds


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.RATELIMIT_ENABLE = False


def post(client, page, capture, **data):
    with capture(execute=True):
        return client.post(submit_url(page), form_data(page, **data))


def without_tokens(html):
    """The page with what differs on every answer anyway (CSRF token, signed start time)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'name="started" value="[^"]+"', "", html)


def test_registering_again_mails_the_address_its_link_and_tells_the_page_nothing(
    client, conference, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    first = post(client, conference, capture)
    (confirm_mail,) = mail.outbox
    # Again before confirming: the confirmation link comes again.
    mail.outbox.clear()
    again = post(client, conference, capture, email="ANNA@example.org", **seconds(conference))
    (repeated,) = mail.outbox
    assert repeated.subject == confirm_mail.subject
    assert "/registration/confirm/" in repeated.body
    # Confirmed, then again (with another forum chosen): the address gets its personal link,
    # nothing changes, and the answer is the page a new address gets.
    services.confirm_email(Registration.objects.get())
    mail.outbox.clear()
    known = post(
        client, conference, capture, first="Forum B", second_2=seconds(conference)["second_2"]
    )
    (message,) = mail.outbox
    assert message.to == ["anna@example.org"]
    assert message.subject.startswith("Sie sind bereits angemeldet")
    assert "/registration/manage/" in message.body and "/registration/confirm/" not in message.body
    assert "Status: Bestätigt" in message.body
    assert Registration.objects.count() == 1
    assert Registration.objects.get().choices.get(round_number=1).forum_title == "Forum A"
    stranger = post(
        client,
        conference,
        capture,
        email="bea@example.org",
        first="Forum B",
        second_2=seconds(conference)["second_2"],
    )
    assert known.status_code == again.status_code == first.status_code == 200
    assert without_tokens(known.content.decode()) == without_tokens(stranger.content.decode())


def test_a_form_refused_before_it_is_read_keeps_what_was_typed(client, conference):
    data = form_data(conference, first="Forum B", started=started(seconds_ago=0))
    data["childcare"] = "zwei Kinder, 1 und 3 Jahre"
    response = client.post(submit_url(conference), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Das ging sehr schnell" in html
    assert 'value="Anna Beispiel"' in html
    assert 'value="anna@example.org"' in html
    assert 'value="Jugendamt Kassel"' in html
    assert re.search(r'name="consent" id="[^"]+" required checked', html)
    forum_b = str(conference.forums.get(title="Forum B").translation_key)
    assert re.search(rf'value="{forum_b}" checked', html)
    # A start time of its own, so the second try counts from now; nothing was stored.
    token = re.search(r'name="started" value="([^"]+)"', html).group(1)
    assert 0 <= seconds_since(token) < 5
    assert Registration.objects.count() == 0


@pytest.mark.parametrize(
    ("status", "confirmed", "heading"),
    [
        ("booked", False, "Anmeldung bestätigen"),
        ("booked", True, "Anmeldung bestätigt"),
        ("waiting", True, "Sie stehen auf der Warteliste"),
        ("expired", False, "Anmeldung abgelaufen"),
        ("cancelled", False, "Anmeldung storniert"),
    ],
)
def test_the_confirmation_page_is_headed_by_what_the_registration_is_now(
    client, conference, django_capture_on_commit_callbacks, status, confirmed, heading
):
    post(client, conference, django_capture_on_commit_callbacks)
    confirm = re.search(r"https?://[^\s]+(/de/registration/confirm/[^\s]+/)", mail.outbox[0].body)
    registration = Registration.objects.get()
    registration.status = status
    if confirmed:
        registration.email_confirmed_at = registration.created_at
    registration.save()
    html = client.get(confirm.group(1)).content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert f"<title>{heading}" in html


def test_a_place_is_held_at_least_ten_minutes(conference):
    conference.hold_minutes = 0
    with pytest.raises(ValidationError) as refused:
        conference.full_clean()
    assert "hold_minutes" in refused.value.message_dict
    conference.hold_minutes = 10
    conference.full_clean()


def organiser_sets(client, registration, status):
    client.force_login(user_in(ORGANISERS))
    return client.post(
        f"/admin/registrations/edit/{registration.pk}/",
        {
            "status": status,
            "name": "Neuer Name",
            "organisation": registration.organisation,
            "profession": "",
        },
    )


def register_directly(conference, email, first="Forum A", second="Forum C"):
    forums = {
        1: conference.forums.model.objects.get(page_id=conference.pk, title=first),
        2: conference.forums.model.objects.get(page_id=conference.pk, title=second),
    }
    registration, _ = services.register(
        conference,
        details={"name": "Beispiel", "email": email, "organisation": "Kita"},
        forums=forums,
        language="de",
        consent_text="Ich bin einverstanden.",
    )
    services.confirm_email(registration)
    return Registration.objects.get(pk=registration.pk)


def test_an_organiser_cannot_book_someone_into_a_full_event_and_nothing_is_stored(
    client, conference
):
    conference.registration_capacity = 1
    conference.save_revision().publish()
    booked = register_directly(conference, "anna@example.org")
    waiting = register_directly(conference, "ben@example.org", first="Forum B", second="Forum D")
    assert (booked.status, waiting.status) == ("booked", "waiting")
    response = organiser_sets(client, waiting, Registration.Status.BOOKED)
    assert response.status_code == 200
    assert "In dieser Veranstaltung ist kein Platz frei" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == "waiting" and waiting.name == "Beispiel"  # nothing stored
    # Once the place is free, the person waiting moves up by themselves, under the lock.
    services.cancel(booked)
    waiting.refresh_from_db()
    assert waiting.status == "booked"


def test_an_organiser_cannot_revive_a_cancelled_registration_of_someone_registered_again(
    client, conference
):
    old = register_directly(conference, "anna@example.org")
    services.cancel(old)
    register_directly(conference, "anna@example.org", first="Forum B", second="Forum D")
    response = organiser_sets(client, old, Registration.Status.BOOKED)
    assert response.status_code == 200  # the form again, with the reason; not a 500
    assert "Diese Person hat sich inzwischen erneut angemeldet" in response.content.decode()
    old.refresh_from_db()
    assert old.status == "cancelled"
    assert Registration.objects.filter(email="anna@example.org").active().count() == 1


def test_an_organiser_booking_someone_from_the_waiting_list_mails_them(
    client, conference, django_capture_on_commit_callbacks
):
    """The organisers raise the number of places: the people waiting stay where they are
    until someone books them, which the admin now does through the same rules."""
    conference.registration_capacity = 1
    conference.save_revision().publish()
    register_directly(conference, "anna@example.org")
    waiting = register_directly(conference, "ben@example.org", first="Forum B", second="Forum D")
    assert waiting.status == "waiting"
    conference.registration_capacity = 2
    conference.save_revision().publish()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_sets(client, waiting, Registration.Status.BOOKED)
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == "booked" and waiting.hold_until is None
    assert waiting.promoted_at is not None and waiting.name == "Neuer Name"
    (message,) = mail.outbox
    assert message.to == ["ben@example.org"]
    assert message.subject.startswith("Ein Platz ist für Sie frei geworden")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kept", [True, False])
def test_a_commit_whose_answer_is_lost_is_never_told_nothing_was_stored(
    client, conference, monkeypatch, django_capture_on_commit_callbacks, kept
):
    """The database goes away while the COMMIT is on its way: it may have kept the
    registration (only the answer got lost) or not. Either way the page must not say that
    nothing was stored; it asks to send again, which registers once and mails."""
    real_commit = connection.commit

    def commit_then_lose_the_answer():
        if kept:
            real_commit()
        else:
            connection.rollback()
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(connection, "commit", commit_then_lose_the_answer)
    response = client.post(submit_url(conference), form_data(conference))
    monkeypatch.undo()
    html = response.content.decode()
    assert response.status_code == 503
    with translation.override("de"):
        nothing_stored = translation.gettext(
            "What you sent could not be saved: nothing has been stored. "
            "Please send it again in a few minutes."
        )
        uncertain = translation.gettext(
            "We could not check whether what you sent has been stored. Please send it again in "
            "a few minutes: you will not be registered twice, and our e-mail reaches you then."
        )
    assert nothing_stored != uncertain and nothing_stored not in html
    assert uncertain in html
    assert Registration.objects.filter(email="anna@example.org").exists() is kept
    # Sent again, as the page asks: one registration, and its e-mail.
    # (Forum A and C are full by now if it was kept: the form asks for second choices.)
    seconds_too = {
        "second_1": forum_key(conference, "Forum B"),
        "second_2": forum_key(conference, "Forum D"),
    }
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(submit_url(conference), form_data(conference, **seconds_too))
    assert again.status_code == 200
    assert Registration.objects.filter(email="anna@example.org").count() == 1
    assert [message.to for message in mail.outbox] == [["anna@example.org"]]
