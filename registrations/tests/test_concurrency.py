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


def submit_all(page, emails, first=None, second=None):
    """Everyone at once; ``first``/``second``: titles of the forums chosen in round 1."""
    forums = {f.title: str(f.translation_key) for f in Forum.objects.filter(page_id=page.pk)}
    forum = forums[first] if first else next(iter(forums.values()))
    choice = {"second_1": forums[second]} if second else {}
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
                    **choice,
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


SMALL_FORUM = 10


@pytest.fixture
def conference_with_a_small_forum(calendar_site, settings):
    settings.RATELIMIT_ENABLE = False
    return make_conference(
        calendar_site,
        title="Fachtag mit kleinem Forum",
        capacity=PLACES,
        forums=[(1, "Kleines Forum", SMALL_FORUM), (1, "Großes Forum", None)],
    )


def seats_in(page):
    return Counter(
        ForumChoice.objects.filter(
            registration__page=page, registration__status="booked", seat__isnull=False
        ).values_list("seat__title", flat=True)
    )


@pytest.mark.django_db(transaction=True)
def test_200_at_once_for_100_places_and_a_forum_of_10_with_second_choices(
    conference_with_a_small_forum,
):
    """Everyone wants the small forum first: 10 get it, 90 get their second choice and wait
    for the first, 100 wait for the event; nothing is overbooked, nobody gets an error."""
    from registrations import services

    page = conference_with_a_small_forum
    emails = [f"klein{n}@example.org" for n in range(SUBMISSIONS)]
    codes = submit_all(page, emails, first="Kleines Forum", second="Großes Forum")
    assert Counter(codes) == {200: SUBMISSIONS}
    statuses = Counter(Registration.objects.filter(page=page).values_list("status", flat=True))
    assert statuses == {"booked": PLACES, "waiting": SUBMISSIONS - PLACES}
    assert seats_in(page) == {"Kleines Forum": SMALL_FORUM, "Großes Forum": PLACES - SMALL_FORUM}
    assert not ForumChoice.objects.filter(registration__status="waiting", seat__isnull=False)

    # Everyone confirms; the ten in the small forum cancel at once, twice each.
    for registration in Registration.objects.filter(page=page):
        services.confirm_email(registration)
    leaving = list(
        Registration.objects.filter(choices__seat__title="Kleines Forum", status="booked")
    )
    assert len(leaving) == SMALL_FORUM

    def cancel(registration):
        try:
            return [r.pk for r in services.cancel(registration)[1]]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=SMALL_FORUM) as pool:
        promoted = [pk for pks in pool.map(cancel, leaving * 2) for pk in pks]
    # Ten move up to the event, once each; the small forum goes to the ten who waited for it
    # longest among those at the event, and stays at exactly ten.
    assert len(promoted) == len(set(promoted)) == SMALL_FORUM
    statuses = Counter(Registration.objects.filter(page=page).values_list("status", flat=True))
    assert statuses == {
        "booked": PLACES,
        "waiting": SUBMISSIONS - PLACES - SMALL_FORUM,
        "cancelled": SMALL_FORUM,
    }
    assert seats_in(page) == {"Kleines Forum": SMALL_FORUM, "Großes Forum": PLACES - SMALL_FORUM}
    small = ForumChoice.objects.filter(
        registration__status="booked", seat__title="Kleines Forum"
    ).values_list("registration__created_at", flat=True)
    waiting_for_it = ForumChoice.objects.filter(
        registration__status="booked", seat__title="Großes Forum"
    ).values_list("registration__created_at", flat=True)
    assert max(small) <= min(waiting_for_it)  # first come, first served


@pytest.mark.django_db(transaction=True)
def test_simultaneous_registrations_fill_each_course_group_exactly(calendar_site, settings):
    """60 people at once for a course in two family centres with 10 and 5 places: each
    group is filled exactly, everyone else waits for their own group, nobody gets an error."""
    from registrations.tests.test_course_groups import course_in_two_centres

    settings.RATELIMIT_ENABLE = False
    course = course_in_two_centres(calendar_site, capacities=(10, 5))
    wehlheiden, rothenditmold = (str(s.key) for s in course.schedules.order_by("sort_order", "pk"))
    token = started()
    people = [(f"g{n}@example.org", wehlheiden if n % 2 else rothenditmold) for n in range(60)]
    gate = threading.Barrier(WORKERS, timeout=30)

    def one(person):
        email, group = person
        try:
            with contextlib.suppress(threading.BrokenBarrierError):
                gate.wait()
            return (
                Client()
                .post(
                    f"/de/registration/{course.pk}/",
                    {
                        "name": "Elternteil",
                        "email": email,
                        "group": group,
                        "consent": "on",
                        "started": token,
                        "website": "",
                    },
                )
                .status_code
            )
        except Exception as error:  # reported by the assertion below
            return repr(error)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        codes = list(pool.map(one, people))
    assert Counter(codes) == {200: 60}
    booked = Counter(
        str(key)
        for key in Registration.objects.filter(page=course, status="booked").values_list(
            "group_key", flat=True
        )
    )
    assert booked == {wehlheiden: 10, rothenditmold: 5}
    assert Registration.objects.filter(page=course, status="waiting").count() == 45


@pytest.mark.django_db(transaction=True)
def test_simultaneous_group_changes_take_only_the_places_free(calendar_site, settings):
    """12 booked in one family centre all move at once to the other, which has 4 places
    free: 4 move, 8 keep their place (told so, with a 4xx), nobody ends up without one."""
    from registrations import services
    from registrations.links import personal_url
    from registrations.tests.test_course_groups import course_in_two_centres

    settings.RATELIMIT_ENABLE = False
    course = course_in_two_centres(calendar_site, capacities=(4, 12))
    wehlheiden, rothenditmold = course.schedules.order_by("sort_order", "pk")
    people = [
        services.register(
            course,
            details={"name": "Elternteil", "email": f"m{n}@example.org"},
            forums={},
            language="de",
            consent_text="Ich bin einverstanden.",
            group=rothenditmold,
        )[0]
        for n in range(12)
    ]
    codes = Counter(
        posted_at_once(
            [
                (
                    personal_url(registration, "registration_manage"),
                    {"action": "group", "group": str(wehlheiden.key)},
                )
                for registration in people
            ]
        )
    )
    # Refused by the form (it saw the group full) or under the lock (it filled meanwhile).
    assert codes[200] == 4 and codes[400] + codes[409] == 8 and sum(codes.values()) == 12
    rows = Registration.objects.filter(page=course)
    assert rows.filter(status="booked").count() == 12
    assert rows.filter(group_key=wehlheiden.key).count() == 4
    assert rows.filter(group_key=rothenditmold.key).count() == 8


def posted_at_once(requests):
    """Each (url, data) posted from its own thread and connection, all released together;
    the status codes (or the error a request raised)."""
    gate = threading.Barrier(min(WORKERS, len(requests)), timeout=30)

    def one(request):
        try:
            with contextlib.suppress(threading.BrokenBarrierError):
                gate.wait()
            return Client().post(*request).status_code
        except Exception as error:  # reported by the caller's assertion
            return repr(error)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=min(WORKERS, len(requests))) as pool:
        return list(pool.map(one, requests))
