"""200 people press "register" at the same moment for 100 places: exactly 100 get one, 100
wait, nobody is lost, duplicated or answered with an error. Against the real database
(PostgreSQL in CI, SQLite locally), from threads, each with its own connection."""

import contextlib
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from django.test import Client

from events.models import Forum
from registrations.models import ForumChoice, Registration
from registrations.tests.conftest import make_conference, started

SUBMISSIONS = 200
PLACES = 100
WORKERS = 24  # below PostgreSQL's connection limit, enough to keep every request in flight


@pytest.fixture
def big_conference(calendar_site, settings):
    settings.RATELIMIT_ENABLE = False
    return make_conference(
        calendar_site, title="Großer Fachtag", capacity=PLACES, forums=[(1, "Plenum", PLACES)]
    )


def submit_all(page, emails):
    forum = str(Forum.objects.get(page_id=page.pk).translation_key)
    token = started()
    gate = threading.Barrier(min(WORKERS, len(emails)), timeout=30)

    def one(email):
        try:
            with contextlib.suppress(threading.BrokenBarrierError):
                gate.wait()  # release the first wave together
            response = Client().post(
                f"/de/registration/{page.pk}/",
                {
                    "name": "Teilnehmende Person",
                    "email": email,
                    "forum_1": forum,
                    "consent": "on",
                    "started": token,
                    "website": "",
                },
            )
            return response.status_code
        except Exception as error:  # reported by the assertion below
            return repr(error)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(one, emails))


@pytest.mark.parametrize("attempt", [1, 2])
@pytest.mark.django_db(transaction=True)
def test_200_simultaneous_submissions_for_100_places(big_conference, attempt):
    emails = [f"person{n}-{attempt}@example.org" for n in range(SUBMISSIONS)]
    codes = submit_all(big_conference, emails)
    assert Counter(codes) == {200: SUBMISSIONS}
    statuses = Counter(
        Registration.objects.filter(page=big_conference).values_list("status", flat=True)
    )
    assert statuses == {"booked": PLACES, "waiting": SUBMISSIONS - PLACES}
    assert Registration.objects.values("email").distinct().count() == SUBMISSIONS
    assert ForumChoice.objects.filter(registration__status="booked").count() == PLACES


@pytest.mark.django_db(transaction=True)
def test_the_same_address_at_the_same_moment_is_one_registration(big_conference):
    codes = submit_all(big_conference, ["twice@example.org"] * 20)
    assert Counter(codes) == {200: 20}
    assert Registration.objects.filter(email="twice@example.org").count() == 1


@pytest.mark.django_db(transaction=True)
def test_simultaneous_cancellations_promote_each_waiting_person_once(big_conference):
    from registrations import services

    big_conference.registration_capacity = 10
    big_conference.save_revision().publish()
    submit_all(big_conference, [f"p{n}@example.org" for n in range(30)])
    for registration in Registration.objects.all():
        services.confirm_email(registration)
    booked = list(Registration.objects.filter(status="booked"))
    assert len(booked) == 10

    def cancel(registration):
        try:
            return [r.pk for r in services.cancel(registration)[1]]
        finally:
            connections.close_all()

    # Every booked person cancels at once, twice each.
    with ThreadPoolExecutor(max_workers=10) as pool:
        promoted = [pk for pks in pool.map(cancel, booked * 2) for pk in pks]
    assert len(promoted) == len(set(promoted)) == 10
    statuses = Counter(Registration.objects.values_list("status", flat=True))
    assert statuses == {"cancelled": 10, "booked": 10, "waiting": 10}
