import itertools
from datetime import time

import pytest
import recurrence

from events.models import CourseException, CoursePage, CourseSchedule, EventPage
from events.schedules import local
from tests.factories import (
    DistrictFactory,
    EventIndexPageFactory,
    OwnSiteFactory,
    PlaceFactory,
    TopicFactory,
)

_counter = itertools.count()


@pytest.fixture
def calendar_site(db):
    """A site of its own for the test client (``tests.factories``): German home and
    calendar, a topic, a district and two places. The demo site stays, for other hosts."""
    home = OwnSiteFactory().root_page
    kassel = DistrictFactory(name="Kassel", slug="kassel")
    return {
        "home": home,
        "index": EventIndexPageFactory(parent=home),
        "topic": TopicFactory(name="Bindung", slug="bindung"),
        "district": kassel,
        "wehlheiden": PlaceFactory(name="FZ Wehlheiden", district=kassel),
        "rothenditmold": PlaceFactory(name="FZ Rothenditmold", district=kassel),
    }


def weekly(count=None, until=None, byday=None):
    rule = recurrence.Rule(recurrence.WEEKLY, count=count, until=until, byday=byday or [])
    return recurrence.Recurrence(rrules=[rule])


def make_course(site, *, schedules, exceptions=(), publish=True, **fields):
    number = next(_counter)
    page = CoursePage(
        title=fields.pop("title", f"Kurs {number}"),
        slug=f"kurs-{number}",
        teaser="Ein Kurs für Eltern.",
        **fields,
    )
    page.schedules = [CourseSchedule(**spec) for spec in schedules]
    page.exceptions = [CourseException(**spec) for spec in exceptions]
    site["index"].add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page


def make_event(site, start, end, *, publish=True, **fields):
    number = next(_counter)
    page = EventPage(
        title=fields.pop("title", f"Veranstaltung {number:04d}"),
        slug=f"veranstaltung-{number}",
        teaser="Eine Veranstaltung.",
        start=start,
        end=end,
        **fields,
    )
    site["index"].add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page


def tuesday_course_2027(site, **kwargs):
    """Every Tuesday 18:00 from 2 March 2027, 36 times: across both switches of 2027
    (28 March to summer time, 31 October back)."""
    from datetime import date

    return make_course(
        site,
        schedules=[
            {
                "place": site["wehlheiden"],
                "first_date": date(2027, 3, 2),
                "start_time": time(18),
                "duration": 90,
                "recurrence": weekly(count=36),
            }
        ],
        **kwargs,
    )


__all__ = ["local", "make_course", "make_event", "tuesday_course_2027", "weekly"]
