"""Personal links as pure logic (registrations/links.py): a forged or altered key is refused
before the database is asked. These tests have no database: a query would fail them."""

from types import SimpleNamespace

import pytest
from django.core import signing

from registrations.links import SALT, make_key, registration_for_key

REGISTRATION = SimpleNamespace(pk=42, token="k" * 43)


def test_a_key_names_its_registration_and_is_signed():
    key = make_key(REGISTRATION)
    assert key.startswith(f"42.{REGISTRATION.token}:")
    assert signing.Signer(salt=SALT).unsign(key) == f"42.{REGISTRATION.token}"
    assert make_key(REGISTRATION) == key  # the same link every time it is sent


@pytest.mark.parametrize(
    "forge",
    [
        lambda key: key[:-1] + ("A" if key[-1] != "A" else "B"),  # signature altered
        lambda key: key.replace("42.", "43.", 1),  # another registration's id
        lambda key: signing.Signer(salt="another-purpose").sign(key.rsplit(":", 1)[0]),
        lambda key: signing.Signer(key="not-the-site-secret", salt=SALT).sign("42.x"),
        lambda key: "",
        lambda key: "42",
    ],
)
def test_a_forged_or_altered_key_is_refused_without_a_query(forge):
    assert registration_for_key(forge(make_key(REGISTRATION))) is None


def test_a_validly_signed_value_that_is_no_key_is_refused_without_a_query():
    assert registration_for_key(signing.Signer(salt=SALT).sign("not-a-number.token")) is None
