"""Event and course pages: status, dates, conference parts, structured data, page rules."""

import json
import re
from datetime import datetime, time, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.test.utils import WagtailPageTestCase

from events.models import CoursePage, EventIndexPage, EventPage
from events.tests.conftest import local, make_course, make_event, weekly
from home.models import ContentPage, HomePage


class PageTreeTests(WagtailPageTestCase):
    def test_calendar_lives_below_a_home_page(self):
        self.assertCanCreateAt(HomePage, EventIndexPage)
        self.assertCanNotCreateAt(ContentPage, EventIndexPage)

    def test_events_and_courses_live_in_the_calendar_only(self):
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage, CoursePage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedParentPageTypes(CoursePage, {EventIndexPage})
        self.assertAllowedSubpageTypes(EventPage, set())


def json_ld(html):
    return json.loads(
        re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1)
    )


def test_conference_shows_timetable_forums_and_results(client, demo):
    html = client.get("/en/calendar/early-help-conference-hesse-2019/").content.decode()
    assert "First round" in html and "Second round" in html
    assert html.count('class="forum"') == 18
    assert 'id="results-heading"' in html
    results = html[html.index('class="results-table"') :]
    assert "Premature and multiple births" in results
    assert "Hilfen schon während der Schwangerschaft planen." in results
    data = json_ld(html)
    assert data["@type"] == "Event"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["address"]["addressLocality"] == "Bad Nauheim"
    assert len(data["subEvent"]) == 18


def test_speakers_and_moderators_survive_publishing(client, demo):
    """They are chosen in the page editor's inline panels and stored in the revision: a
    child record with many-to-many fields must be a ClusterableModel for that."""
    from events.models import Speaker

    page = EventPage.objects.get(
        slug="fachtagung-fruehe-hilfen-hessen-2019", locale__language_code="de"
    )
    speaker = Speaker.objects.create(name="Prof. Maria Muster", role="Hochschule Fulda")
    moderator = Speaker.objects.create(name="Jonas Beispiel")
    items, forums = list(page.agenda_items.all()), list(page.forums.all())
    items[0].speakers = [speaker]
    forums[0].moderators = [moderator]
    page.agenda_items, page.forums = items, forums
    page.save_revision().publish()

    page.refresh_from_db()
    assert list(page.agenda_items.first().speakers.all()) == [speaker]
    assert list(page.forums.first().moderators.all()) == [moderator]
    html = client.get(page.url).content.decode()
    assert "Prof. Maria Muster (Hochschule Fulda)" in html
    assert "Jonas Beispiel" in html


def test_speakers_and_moderators_are_read_in_one_query_and_listed_by_name(client, demo, settings):
    from events.models import Speaker

    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0
    page = EventPage.objects.get(
        slug="fachtagung-fruehe-hilfen-hessen-2019", locale__language_code="de"
    )
    zoe = Speaker.objects.create(name="Zoë Zimmer", role="Jugendamt")
    anna = Speaker.objects.create(name="Anna Albers")
    items, forums = list(page.agenda_items.all()), list(page.forums.all())
    items[0].speakers = [zoe, anna]
    forums[0].moderators = [zoe, anna]
    forums[1].moderators = [anna]  # one person in several places
    page.agenda_items, page.forums = items, forums
    page.save_revision().publish()

    with CaptureQueriesContext(connection) as queries:
        html = client.get(page.url).content.decode()
    assert "Anna Albers; Zoë Zimmer (Jugendamt)" in html
    assert "Moderation: Anna Albers, Zoë Zimmer." in html
    assert html.count("Moderation: Anna Albers.") == 1
    people = [q["sql"] for q in queries if '"events_speaker"' in q["sql"]]
    assert len(people) == 1


def test_course_page_lists_sessions_and_offers_its_feed(client, demo):
    html = client.get("/de/kalender/wir2-bindungstraining-kassel/").content.decode()
    assert html.count('<li class="entry') == 40
    # Five dates in view, the others behind a disclosure, all before the registration form.
    shown, more = html.split('<details class="sessions__more">')
    assert shown.split('id="sessions-heading"')[1].count('<li class="entry') == 5
    assert "<summary>Alle 40 Termine anzeigen</summary>" in more
    assert more.index("</details>") < more.index('id="registration"')
    assert (
        'href="webcal://testserver/de/kalender/wir2-bindungstraining-kassel/calendar.ics"' in html
    )
    assert (
        'href="http://testserver/de/kalender/wir2-bindungstraining-kassel/calendar.ics" download'
        in html
    )
    assert "Familienzentrum Wehlheiden" in html and "Familienzentrum Rothenditmold" in html
    data = json_ld(html)
    statuses = {event["eventStatus"] for event in data["subEvent"]}
    assert "https://schema.org/EventCancelled" in statuses


def test_status_is_shown_prominently(client, calendar_site):
    event = make_event(
        calendar_site,
        local(datetime(2030, 6, 1, 9)),
        local(datetime(2030, 6, 1, 17)),
        online_url="https://meet.example/fachtag",
    )
    event.status = "moved_online"
    event.status_note = "Wir treffen uns per Video."
    event.save_revision().publish()
    html = client.get(event.url).content.decode()
    banner = re.search(
        r'<div class="status-banner status-banner--moved_online" role="status">(.*?)</div>',
        html,
        re.S,
    )
    assert banner and "Wir treffen uns per Video." in banner.group(1)
    assert json_ld(html)["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert json_ld(html)["eventStatus"] == "https://schema.org/EventMovedOnline"


def test_end_before_start_is_refused(calendar_site):
    from django.core.exceptions import ValidationError

    page = EventPage(
        title="Falsch", start=local(datetime(2030, 1, 2, 10)), end=local(datetime(2030, 1, 1, 10))
    )
    try:
        page.clean()
    except ValidationError as error:
        assert "end" in error.message_dict
    else:
        raise AssertionError("an event ending before it starts was accepted")


def test_programme_page_lists_its_courses_and_events(client, demo):
    html = client.get("/en/offers/single-parents-kassel/").content.decode()
    assert 'id="programme-dates-heading"' in html
    assert "wir2 – attachment training for single parents in Kassel" in html
    assert 'rel="alternate" type="text/calendar"' in html
    assert "feed.ics?programme=single-parents-kassel" in html


def test_home_shows_upcoming_dates(client, demo):
    html = client.get("/en/").content.decode()
    assert 'id="upcoming-heading"' in html
    assert "wir2 – attachment training" in html


def test_print_stylesheet_is_linked(client, demo):
    html = client.get("/de/kalender/wir2-bindungstraining-kassel/").content.decode()
    assert 'media="print"' in html


def test_a_course_shows_its_next_session_past_a_cancelled_one_and_each_place(
    client, calendar_site, settings
):
    """The next session and the places are taken from the dates the page loaded anyway
    (``CalendarEntryDetail``): a cancelled date is skipped, each place listed once."""
    settings.FRAGMENT_CACHE_SECONDS = 0
    first = timezone.localdate() + timedelta(days=7)
    course = make_course(
        calendar_site,
        title="Babymassage",
        schedules=[
            {
                "place": calendar_site["wehlheiden"],
                "first_date": first,
                "start_time": time(10),
                "duration": 60,
                "recurrence": weekly(count=3),
            },
            {
                "place": calendar_site["rothenditmold"],
                "first_date": first + timedelta(days=1),
                "start_time": time(10),
                "duration": 60,
                "recurrence": weekly(count=3),
            },
        ],
        exceptions=[
            {"date": first, "action": "cancel", "reason": "Krank"},
            {"date": first + timedelta(days=1), "action": "cancel", "reason": "Krank"},
        ],
    )
    html = client.get(course.url).content.decode()
    with translation.override("de"):
        expected = date_format(first + timedelta(days=7), "DATE_FORMAT")
    next_line = re.search(r'<p class="event__when">(.*?)</p>', html, re.S).group(1)
    assert expected in next_line and "FZ Wehlheiden" in next_line
    facts = html.split("<dt>Wo</dt>", 1)[1].split("</div>", 1)[0]
    assert facts.index("FZ Wehlheiden") < facts.index("FZ Rothenditmold")
    assert facts.count("FZ Wehlheiden") == 1
