import itertools
from datetime import time

import pytest
import recurrence
from wagtail.models import Locale, Page, Site

from directory.models import District, Place, Topic
from events.models import CourseException, CoursePage, CourseSchedule, EventIndexPage, EventPage
from events.schedules import local
from home.models import HomePage

_counter = itertools.count()


@pytest.fixture
def calendar_site(db):
    """A bare site: German home and calendar, a topic, a district and two places."""
    from core.demo_builder import DemoBuilder

    root = DemoBuilder().page_root()  # also after a transactional test emptied the database
    Page.objects.filter(depth=2).delete()
    home = root.add_child(instance=HomePage(title="Start", slug="start"))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    index = home.add_child(instance=EventIndexPage(title="Kalender", slug="kalender"))
    german = Locale.objects.get(language_code="de")
    kassel = District.objects.get_or_create(slug="kassel", defaults={"name": "Kassel"})[0]
    return {
        "home": home,
        "index": index,
        "topic": Topic.objects.get_or_create(
            slug="bindung", locale=german, defaults={"name": "Bindung"}
        )[0],
        "district": kassel,
        "wehlheiden": Place.objects.create(name="FZ Wehlheiden", city="Kassel", district=kassel),
        "rothenditmold": Place.objects.create(
            name="FZ Rothenditmold", city="Kassel", district=kassel
        ),
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
