"""Admin login lockout (django-axes with core/login_throttle.py): five failures for a username
from one address lock that pair out for fifteen minutes, even with the right password."""

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation
from django.utils.html import escape

from core.login_throttle import locked_message

PASSWORD = "ein-langes-passwort-42"


@pytest.fixture
def editors(db):
    users = get_user_model().objects
    return (
        users.create_superuser("redakteurin", "r@example.org", PASSWORD),
        users.create_superuser("kollege", "k@example.org", PASSWORD),
    )


def login(client, username, password, address="203.0.113.7"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def fail(client, username, times, address="203.0.113.7"):
    for _ in range(times):
        response = login(client, username, "falsch", address)
        assert response.status_code == 200
        assert "wurden nicht erkannt" in response.content.decode()  # the admin speaks German


def is_logged_in(client):
    return client.get("/admin/").status_code == 200


def german_lock_message(minutes):
    with translation.override("de"):
        return escape(locked_message(minutes))


def fail_until_locked(client, username="redakteurin"):
    fail(client, username, 4)
    assert german_lock_message(15) in login(client, username, "falsch").content.decode()


def move_attempts_back(minutes):
    """Time travel: the recorded failures happened this many minutes earlier."""
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= timedelta(minutes=minutes)
        attempt.save(update_fields=["attempt_time"])


def test_four_failures_do_not_lock(client, editors):
    fail(client, "redakteurin", 4)
    assert login(client, "redakteurin", PASSWORD).status_code == 302


def test_five_failures_lock_out_even_the_right_password(client, editors, caplog):
    with caplog.at_level(logging.WARNING, logger="axes"):
        fail(client, "redakteurin", 4)
        fifth = login(client, "redakteurin", "falsch")
    # The failure that sets off the lock already says so, on Wagtail's form.
    assert fifth.status_code == 200
    assert german_lock_message(15) in fifth.content.decode()
    response = login(client, "redakteurin", PASSWORD)
    assert response.status_code == 200
    html = response.content.decode()
    assert german_lock_message(15) in html
    assert not is_logged_in(client)
    # One log line for the lock, naming the user, never a password.
    [record] = [r for r in caplog.records if "Locking out" in r.getMessage()]
    assert "redakteurin" in record.getMessage()
    assert "falsch" not in caplog.text
    assert PASSWORD not in caplog.text


def test_the_lock_is_per_username_and_address(editors):
    attacker = Client()
    fail_until_locked(attacker)
    colleague = Client()
    assert login(colleague, "kollege", PASSWORD).status_code == 302  # another user
    elsewhere = Client()
    assert login(elsewhere, "redakteurin", PASSWORD, address="198.51.100.4").status_code == 302


def test_the_username_is_matched_regardless_of_case(client, editors):
    fail_until_locked(client, "Redakteurin")
    response = login(client, "redakteurin", PASSWORD)
    assert german_lock_message(15) in response.content.decode()


def test_the_form_counts_the_minutes_down(client, editors):
    fail_until_locked(client)
    move_attempts_back(10)
    assert german_lock_message(5) in login(client, "redakteurin", PASSWORD).content.decode()


def test_login_works_again_after_the_lock_period(client, editors):
    fail_until_locked(client)
    assert login(client, "redakteurin", PASSWORD).status_code == 200
    move_attempts_back(15)
    assert login(client, "redakteurin", PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_refused_attempts_while_locked_do_not_make_the_lock_longer(client, editors):
    fail_until_locked(client)
    move_attempts_back(14)
    login(client, "redakteurin", "falsch")
    login(client, "redakteurin", PASSWORD)
    move_attempts_back(1)
    assert login(client, "redakteurin", PASSWORD).status_code == 302


def test_failures_older_than_the_lock_period_do_not_count(client, editors):
    fail(client, "redakteurin", 4)
    move_attempts_back(16)
    fail(client, "redakteurin", 1)
    assert login(client, "redakteurin", PASSWORD).status_code == 302


def test_a_successful_login_starts_the_count_afresh(client, editors):
    fail(client, "redakteurin", 4)
    assert login(client, "redakteurin", PASSWORD).status_code == 302
    client.post("/admin/logout/")
    fail(client, "redakteurin", 4)
    assert login(client, "redakteurin", PASSWORD).status_code == 302


def test_django_admin_login_is_locked_too(client, editors):
    fail_until_locked(client)
    response = client.post(
        "/django-admin/login/",
        {"username": "redakteurin", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 429
    with translation.override("de"):
        assert response.content.decode() == locked_message(15)
    assert not is_logged_in(client)


def test_no_password_is_stored_with_the_failures(client, editors):
    fail(client, "redakteurin", 2)
    [attempt] = AccessAttempt.objects.all()
    assert attempt.username == "redakteurin"
    assert attempt.ip_address == "203.0.113.7"
    assert "falsch" not in attempt.post_data


def test_a_request_without_an_address_is_recorded_without_one(rf):
    from core.login_throttle import login_address

    request = rf.get("/admin/login/")
    del request.META["REMOTE_ADDR"]
    assert login_address(request) is None  # "unknown" would not fit PostgreSQL's inet column
    assert login_address(rf.get("/", REMOTE_ADDR="2001:db8::1")) == "2001:db8::1"
