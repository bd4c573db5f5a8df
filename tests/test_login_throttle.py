"""Admin login throttling (core/login_throttle.py): five failures for a username from one
address lock that pair out for fifteen minutes, even with the right password."""

import logging
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from django.utils.html import escape

from core.login_throttle import failure_key, locked_message

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
        return escape(locked_message(time.time() + minutes * 60))


def test_four_failures_do_not_lock(client, editors):
    fail(client, "redakteurin", 4)
    assert login(client, "redakteurin", PASSWORD).status_code == 302


def test_five_failures_lock_out_even_the_right_password(client, editors, caplog):
    with caplog.at_level(logging.WARNING, logger="core.login_throttle"):
        fail(client, "redakteurin", 5)
    response = login(client, "redakteurin", PASSWORD)
    assert response.status_code == 200
    html = response.content.decode()
    assert german_lock_message(15) in html
    assert not is_logged_in(client)
    # One log line for the lock, naming the user, never a password.
    [record] = [r for r in caplog.records if "locked" in r.getMessage()]
    assert "redakteurin" in record.getMessage()
    assert "falsch" not in caplog.text
    assert PASSWORD not in caplog.text


def test_the_lock_is_per_username_and_address(editors):
    attacker = Client()
    fail(attacker, "redakteurin", 5)
    colleague = Client()
    assert login(colleague, "kollege", PASSWORD).status_code == 302  # another user
    elsewhere = Client()
    assert login(elsewhere, "redakteurin", PASSWORD, address="198.51.100.4").status_code == 302


def test_the_username_is_matched_regardless_of_case(client, editors):
    fail(client, "Redakteurin", 5)
    response = login(client, "redakteurin", PASSWORD)
    assert german_lock_message(15) in response.content.decode()


def test_login_works_again_after_the_lock_period(client, editors):
    fail(client, "redakteurin", 5)
    assert login(client, "redakteurin", PASSWORD).status_code == 200
    # Time travel: the lock ended a second ago.
    key = failure_key("redakteurin", "203.0.113.7")
    state = cache.get(key)
    assert state["locked_until"] > time.time() + 14 * 60
    state["locked_until"] = time.time() - 1
    cache.set(key, state)
    assert login(client, "redakteurin", PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_failures_older_than_the_window_do_not_count(client, editors):
    fail(client, "redakteurin", 4)
    key = failure_key("redakteurin", "203.0.113.7")
    state = cache.get(key)
    state["failures"] = [t - 16 * 60 for t in state["failures"]]
    cache.set(key, state)
    fail(client, "redakteurin", 1)
    assert login(client, "redakteurin", PASSWORD).status_code == 302


def test_a_successful_login_starts_the_count_afresh(client, editors):
    fail(client, "redakteurin", 4)
    assert login(client, "redakteurin", PASSWORD).status_code == 302
    client.post("/admin/logout/")
    fail(client, "redakteurin", 4)
    assert login(client, "redakteurin", PASSWORD).status_code == 302


def test_django_admin_login_is_locked_too(client, editors):
    fail(client, "redakteurin", 5)
    response = client.post(
        "/django-admin/login/",
        {"username": "redakteurin", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 200
    assert not is_logged_in(client)
