import time
from datetime import datetime, timedelta

import pytest
from django.core import signing
from django.utils import timezone

from core.protection import STARTED_SALT
from events.models import Forum, Round
from events.tests.conftest import calendar_site, local, make_event  # noqa: F401


def started(seconds_ago=10):
    return signing.dumps(int(time.time()) - seconds_ago, salt=STARTED_SALT)


def future_day(days=30):
    return timezone.localdate() + timedelta(days=days)


def make_conference(site, *, title, capacity, forums, **fields):
    """A published Fachtag 30 days ahead with registration open and a waiting list.
    ``forums``: (round number, title, places) for each forum; rounds at 10:00 and 13:00."""
    day = future_day()
    at = lambda hour: local(datetime.combine(day, datetime.min.time()).replace(hour=hour))  # noqa: E731
    page = make_event(
        site,
        at(9),
        at(17),
        publish=False,
        title=title,
        registration_enabled=True,
        registration_capacity=capacity,
        waiting_list=True,
        consent_text="Ich bin einverstanden.",
        **fields,
    )
    numbers = sorted({number for number, _title, _places in forums})
    page.rounds = [
        Round(number=n, title=f"{n}. Durchlauf", starts_at=at(7 + 3 * n), ends_at=at(8 + 3 * n))
        for n in numbers
    ]
    page.forums = [
        Forum(round_number=n, title=forum_title, capacity=places)
        for n, forum_title, places in forums
    ]
    page.save_revision().publish()
    # Read anew: the instance keeps the unsaved forums it was given in memory, and saving a
    # revision of it would create them again (with new ids) instead of keeping them.
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def conference(calendar_site):  # noqa: F811
    """Two rounds of two forums with one place each, two places in total."""
    return make_conference(
        calendar_site,
        title="Fachtag Kinderschutz",
        capacity=2,
        forums=[(1, "Forum A", 1), (1, "Forum B", 1), (2, "Forum C", 1), (2, "Forum D", 1)],
        place=calendar_site["wehlheiden"],
        ask_organisation=True,
    )


def forum_key(page, title):
    return str(page.forums.get(title=title).translation_key)


def form_data(page, email="anna@example.org", first="Forum A", second="Forum C", **extra):
    data = {
        "name": "Anna Beispiel",
        "email": email,
        "organisation": "Jugendamt Kassel",
        "consent": "on",
        "started": started(),
        "website": "",
    }
    if first:
        data["forum_1"] = forum_key(page, first)
    if second:
        data["forum_2"] = forum_key(page, second)
    data.update(extra)
    return data


def submit_url(page):
    return f"/de/registration/{page.pk}/"
