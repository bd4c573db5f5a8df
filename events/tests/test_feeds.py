"""iCal feeds as calendar apps read them: parsed with icalendar, expanded with
recurring-ical-events, compared with what the pages list."""

import re
from datetime import date, datetime, time, timedelta

import icalendar
import pytest
import recurring_ical_events
from wagtail.models import Locale

from events.models import AgendaItem, CalendarRevision, EventPage, Session
from events.tests.conftest import local, make_event, tuesday_course_2027


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def occurrences(calendar, start=date(2020, 1, 1), end=date(2031, 1, 1)):
    return recurring_ical_events.of(calendar).between(start, end)


def listed_times(html):
    """The start times a course page lists, as ISO strings (from its <time> elements)."""
    return re.findall(
        r'<li class="entry[^"]*">\s*<p class="entry__time">\s*(?:<del>)?<time datetime="([^"]+)"',
        html,
    )


def test_course_feed_has_exactly_the_sessions_the_page_lists(client, calendar_site):
    course = tuesday_course_2027(
        calendar_site,
        exceptions=[{"date": date(2027, 4, 13), "action": "cancel", "reason": "Osterferien"}],
    )
    page_html = client.get(course.url).content.decode()
    calendar = parse(client.get(course.url + "calendar.ics"))
    events = occurrences(calendar)
    assert len(events) == 36
    feed_starts = sorted(e.start for e in events)
    page_starts = sorted(datetime.fromisoformat(value) for value in listed_times(page_html))
    assert feed_starts == page_starts
    assert {
        e.start.astimezone(local(datetime(2027, 1, 1)).tzinfo).strftime("%H:%M") for e in events
    } == {"18:00"}
    cancelled = [e for e in events if e.get("status") == "CANCELLED"]
    assert [e.start.date() for e in cancelled] == [date(2027, 4, 13)]
    assert "Osterferien" in str(cancelled[0]["description"])


def test_feed_is_rfc5545_shaped(client, calendar_site):
    tuesday_course_2027(calendar_site)
    raw = client.get("/de/kalender/feed.ics").content
    lines = raw.split(b"\r\n")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines)
    calendar = icalendar.Calendar.from_ical(raw)
    for name, value in [
        ("VERSION", "2.0"),
        ("METHOD", "PUBLISH"),
        ("X-WR-TIMEZONE", "Europe/Berlin"),
    ]:
        assert str(calendar[name]) == value
    assert calendar["PRODID"]
    assert calendar["X-WR-CALNAME"] == "Kalender"
    assert calendar["REFRESH-INTERVAL"].to_ical() == b"PT6H"
    assert calendar["X-PUBLISHED-TTL"].to_ical() == b"PT6H"
    tzids = {tz["TZID"] for tz in calendar.walk("VTIMEZONE")}
    assert tzids == {"Europe/Berlin"}
    events = calendar.walk("VEVENT")
    assert len(events) == 36
    for event in events:
        for prop in (
            "UID",
            "DTSTAMP",
            "LAST-MODIFIED",
            "SEQUENCE",
            "DTSTART",
            "DTEND",
            "SUMMARY",
            "LOCATION",
            "URL",
            "DESCRIPTION",
            "STATUS",
        ):
            assert prop in event, prop
        assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert len({e["UID"] for e in events}) == 36


def test_uids_survive_an_edit_and_a_republish_and_sequence_rises_on_a_move(client, calendar_site):
    course = tuesday_course_2027(calendar_site)
    url = course.url + "calendar.ics"
    before = {e["UID"]: e for e in parse(client.get(url)).walk("VEVENT")}

    course.title = "wir2 – neuer Name"
    course.save_revision().publish()
    renamed = {e["UID"]: e for e in parse(client.get(url)).walk("VEVENT")}
    assert renamed.keys() == before.keys()
    assert {str(e["SUMMARY"]) for e in renamed.values()} == {"wir2 – neuer Name"}
    # A new title is a change every entry shows: every SEQUENCE rises.
    assert all(renamed[uid]["SEQUENCE"] == before[uid]["SEQUENCE"] + 1 for uid in before)

    course.exceptions.create(date=date(2027, 5, 4), action="move", new_start_time=time(19))
    course.save_revision().publish()
    moved = {e["UID"]: e for e in parse(client.get(url)).walk("VEVENT")}
    assert moved.keys() == before.keys()
    changed = [uid for uid in moved if moved[uid]["SEQUENCE"] != renamed[uid]["SEQUENCE"]]
    assert len(changed) == 1
    assert moved[changed[0]]["SEQUENCE"] == renamed[changed[0]]["SEQUENCE"] + 1
    assert moved[changed[0]].start == local(datetime(2027, 5, 4, 19))


def test_uids_do_not_depend_on_database_ids(calendar_site):
    course = tuesday_course_2027(calendar_site)
    session = Session.objects.filter(page=course).first()
    assert str(course.translation_key) in session.uid
    assert f".{session.pk}@" not in session.uid and f"-{course.pk}." not in session.uid


def test_conditional_request_is_answered_with_304(client, calendar_site):
    tuesday_course_2027(calendar_site)
    first = client.get("/de/kalender/feed.ics")
    assert first["ETag"] and first["Last-Modified"]
    again = client.get("/de/kalender/feed.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    since = client.get("/de/kalender/feed.ics", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_a_change_gives_the_feed_a_new_etag(client, calendar_site):
    course = tuesday_course_2027(calendar_site)
    etag = client.get("/de/kalender/feed.ics")["ETag"]
    course.title = "Anderer Titel"
    course.save_revision().publish()
    response = client.get("/de/kalender/feed.ics", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_filtered_feed_holds_only_what_the_filter_selects(client, calendar_site):
    tagged = make_event(
        calendar_site,
        local(datetime(2027, 5, 3, 10)),
        local(datetime(2027, 5, 3, 12)),
        title="Mit Thema",
        place=calendar_site["wehlheiden"],
    )
    tagged.topics = [calendar_site["topic"]]
    tagged.save_revision().publish()
    make_event(
        calendar_site,
        local(datetime(2027, 5, 4, 10)),
        local(datetime(2027, 5, 4, 12)),
        title="Ohne Thema",
    )
    everything = parse(client.get("/de/kalender/feed.ics"))
    filtered = parse(client.get("/de/kalender/feed.ics?topic=bindung"))
    assert sorted(str(e["SUMMARY"]) for e in everything.walk("VEVENT")) == [
        "Mit Thema",
        "Ohne Thema",
    ]
    assert [str(e["SUMMARY"]) for e in filtered.walk("VEVENT")] == ["Mit Thema"]
    assert "Bindung" in str(filtered["X-WR-CALNAME"])


def test_cancelled_event_is_marked_cancelled_in_the_feed(client, calendar_site):
    event = make_event(
        calendar_site, local(datetime(2027, 6, 1, 9)), local(datetime(2027, 6, 1, 17))
    )
    (scheduled,) = parse(client.get(event.url + "calendar.ics")).walk("VEVENT")
    event.status = "cancelled"
    event.save_revision().publish()
    (vevent,) = parse(client.get(event.url + "calendar.ics")).walk("VEVENT")
    assert vevent["STATUS"] == "CANCELLED"
    assert vevent["UID"] == scheduled["UID"]
    assert vevent["SEQUENCE"] > scheduled["SEQUENCE"]


def test_a_conference_is_one_entry_and_its_timetable_a_file_of_its_own(client, demo):
    url = "/en/calendar/early-help-conference-hesse-2019/"
    (day,) = parse(client.get(url + "calendar.ics")).walk("VEVENT")
    assert str(day["SUMMARY"]).startswith("Conference")
    calendar = parse(client.get(url + "timetable.ics"))
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert len(summaries) == 5 + 18  # its agenda, nine forums in two rounds
    assert "First round: Premature and multiple births" in summaries
    assert "timetable.ics" in client.get(url).content.decode()
    german = parse(client.get("/de/kalender/fachtagung-fruehe-hilfen-hessen-2019/timetable.ics"))
    # The same forum is the same calendar event in every language.
    assert {e["UID"] for e in german.walk("VEVENT")} == {e["UID"] for e in calendar.walk("VEVENT")}


@pytest.mark.parametrize(
    "url", ["/de/nirgends/feed.ics", "/de/kalender/calendar.ics", "/xx/kalender/feed.ics"]
)
def test_unknown_feeds_are_404(client, calendar_site, url):
    assert client.get(url, follow=True).status_code == 404


def test_every_language_has_its_own_feed_titles(client, demo):
    english = parse(client.get("/en/calendar/feed.ics"))
    german = parse(client.get("/de/kalender/feed.ics"))
    assert str(english["X-WR-CALNAME"]) == "Calendar"
    assert str(german["X-WR-CALNAME"]) == "Kalender"
    titles = {str(e["SUMMARY"]) for e in english.walk("VEVENT")}
    assert "wir2 – attachment training for single parents in Kassel" in titles


# --- what real calendar apps need (issue: calendars that every client reads the same) -------


def vevents(client, url, **headers):
    return parse(client.get(url, **headers)).walk("VEVENT")


def test_the_vtimezone_has_yearly_rules_that_agree_with_the_tz_data(client, calendar_site):
    tuesday_course_2027(calendar_site)
    raw = client.get("/de/kalender/feed.ics").content
    (zone,) = icalendar.Calendar.from_ical(raw).walk("VTIMEZONE")
    parts = {part.name: part for part in zone.subcomponents}
    assert set(parts) == {"STANDARD", "DAYLIGHT"}
    assert b"RDATE" not in raw
    # RFC 5545 3.6.5: the onset in local time before the change.
    assert parts["DAYLIGHT"]["DTSTART"].dt == datetime(1970, 3, 29, 2)
    assert parts["STANDARD"]["DTSTART"].dt == datetime(1970, 10, 25, 3)
    assert parts["DAYLIGHT"]["RRULE"] == {"FREQ": ["YEARLY"], "BYMONTH": [3], "BYDAY": ["-1SU"]}
    assert parts["STANDARD"]["RRULE"] == {"FREQ": ["YEARLY"], "BYMONTH": [10], "BYDAY": ["-1SU"]}
    berlin = zone.to_tz()
    reference = local(datetime(2027, 1, 1)).tzinfo
    moment = datetime(2020, 1, 1, 0, 30)
    while moment.year < 2036:  # every 7 hours for 16 years: both onsets of every year
        assert berlin.utcoffset(moment) == reference.utcoffset(moment), moment
        moment += timedelta(hours=7)


def test_a_renamed_place_reaches_subscribers(client, calendar_site):
    course = tuesday_course_2027(calendar_site)
    first = client.get("/de/kalender/feed.ics")
    before = {e["UID"]: e for e in parse(first).walk("VEVENT")}
    place = calendar_site["wehlheiden"]
    place.name = "Familienzentrum Wehlheiden (neu)"
    place.save()
    again = client.get("/de/kalender/feed.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    after = {e["UID"]: e for e in parse(again).walk("VEVENT")}
    assert after.keys() == before.keys()
    for uid, event in after.items():
        assert str(event["LOCATION"]).startswith("Familienzentrum Wehlheiden (neu)")
        assert event["SEQUENCE"] > before[uid]["SEQUENCE"]
    # And a poll with the new ETag is a 304 again.
    assert client.get(course.url + "calendar.ics").status_code == 200
    unchanged = client.get("/de/kalender/feed.ics", HTTP_IF_NONE_MATCH=again["ETag"])
    assert unchanged.status_code == 304


def test_a_place_change_no_calendar_shows_leaves_the_feed_as_it_was(client, calendar_site):
    tuesday_course_2027(calendar_site)
    first = client.get("/de/kalender/feed.ics")
    place = calendar_site["wehlheiden"]
    place.accessibility_note = "Stufenloser Zugang über den Hof"
    place.save()
    again = client.get("/de/kalender/feed.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_a_renamed_place_raises_sequence_of_pages_without_a_revision_yet(client, calendar_site):
    course = tuesday_course_2027(calendar_site)
    CalendarRevision.objects.all().delete()  # as for a page published before revisions
    before = {e["UID"]: e["SEQUENCE"] for e in vevents(client, course.url + "calendar.ics")}
    place = calendar_site["wehlheiden"]
    place.name = "Familienzentrum im Wehlheider Hof"
    place.save()
    after = {e["UID"]: e["SEQUENCE"] for e in vevents(client, course.url + "calendar.ics")}
    assert all(after[uid] > before[uid] for uid in before)


def test_a_cancelled_conference_strikes_its_whole_timetable(client, demo):
    german, _english = conference_pages(demo)
    german.status = "cancelled"
    german.save_revision().publish()
    entries = vevents(client, german.url + "timetable.ics")
    assert entries and {str(e["STATUS"]) for e in entries} == {"CANCELLED"}
    assert all(str(e["SUMMARY"]).startswith("Abgesagt: ") for e in entries)


def test_retiming_a_series_keeps_every_uid_with_a_higher_sequence(client, calendar_site):
    course = tuesday_course_2027(calendar_site)
    url = course.url + "calendar.ics"
    before = {e["UID"]: e for e in vevents(client, url)}
    schedule = course.schedules.get()
    schedule.start_time = time(18, 15)
    schedule.save()
    course.save_revision().publish()
    after = {e["UID"]: e for e in vevents(client, url)}
    assert after.keys() == before.keys() and len(after) == 36
    for uid, event in after.items():
        assert event["SEQUENCE"] > before[uid]["SEQUENCE"]
        assert event.start.astimezone(local(datetime(2027, 1, 1)).tzinfo).time() == time(18, 15)


def test_moving_a_series_to_another_weekday_moves_its_entries(client, calendar_site):
    course = tuesday_course_2027(calendar_site)
    url = course.url + "calendar.ics"
    before = {e["UID"]: e for e in vevents(client, url)}
    schedule = course.schedules.get()
    schedule.first_date = date(2027, 3, 3)  # Wednesdays from now on
    schedule.save()
    course.save_revision().publish()
    after = {e["UID"]: e for e in vevents(client, url)}
    assert after.keys() == before.keys()
    assert {e.start.weekday() for e in after.values()} == {2}
    assert all(after[uid]["SEQUENCE"] > before[uid]["SEQUENCE"] for uid in before)


def test_adding_or_cancelling_one_date_leaves_the_others_alone(client, calendar_site):
    course = tuesday_course_2027(calendar_site)
    url = course.url + "calendar.ics"
    before = {e["UID"]: e for e in vevents(client, url)}
    schedule = course.schedules.get()
    schedule.recurrence.rdates = [datetime(2027, 3, 4, 18)]  # one Thursday as well
    schedule.save()
    course.exceptions.create(date=date(2027, 4, 13), action="cancel", reason="Osterferien")
    course.save_revision().publish()
    after = {e["UID"]: e for e in vevents(client, url)}
    assert before.keys() < after.keys() and len(after) == 37
    changed = {uid for uid in before if after[uid]["SEQUENCE"] != before[uid]["SEQUENCE"]}
    assert [after[uid]["STATUS"] for uid in changed] == ["CANCELLED"]
    assert all(after[uid].start == before[uid].start for uid in before)


def conference_pages(demo):
    german = EventPage.objects.get(
        slug="fachtagung-fruehe-hilfen-hessen-2019", locale__language_code="de"
    )
    english = german.get_translation(Locale.objects.get(language_code="en"))
    return german, english


def test_a_moved_agenda_item_moves_in_every_language(client, demo):
    german, english = conference_pages(demo)
    url = english.url + "timetable.ics"
    before = {e["UID"]: e for e in vevents(client, url)}
    item = german.agenda_items.order_by("starts_at").last()
    item.starts_at += timedelta(minutes=30)
    if item.ends_at:
        item.ends_at += timedelta(minutes=30)
    item.save()
    german.save_revision().publish()
    after = {e["UID"]: e for e in vevents(client, url)}
    uid = f"agenda.{item.translation_key}@fruehe-hilfen-portal"
    assert after.keys() == before.keys()
    assert after[uid].start == item.starts_at  # the English page keeps its own old row
    assert after[uid]["SEQUENCE"] > before[uid]["SEQUENCE"]


def test_an_agenda_item_without_an_end_lasts_until_the_next(client, demo):
    german, _english = conference_pages(demo)
    items = list(german.agenda_items.order_by("starts_at"))
    open_item = next(i for i in items if i.ends_at is None)
    following = next(i for i in items if i.starts_at > open_item.starts_at)
    (event,) = [
        e
        for e in vevents(client, german.url + "timetable.ics")
        if e["UID"] == f"agenda.{open_item.translation_key}@fruehe-hilfen-portal"
    ]
    assert event.end == following.starts_at > event.start


def test_an_event_over_two_days_is_one_entry_per_day(client, calendar_site):
    event = make_event(
        calendar_site,
        local(datetime(2027, 6, 8, 9, 30)),
        local(datetime(2027, 6, 9, 13)),
        publish=False,
        title="Zweitägige Fachtagung",
    )
    event.agenda_items = [
        AgendaItem(starts_at=local(datetime(2027, 6, 8, 9, 30)), title="Begrüßung"),
        AgendaItem(
            starts_at=local(datetime(2027, 6, 8, 15)),
            ends_at=local(datetime(2027, 6, 8, 16, 30)),
            title="Podium",
        ),
        AgendaItem(
            starts_at=local(datetime(2027, 6, 9, 9)),
            ends_at=local(datetime(2027, 6, 9, 10)),
            title="Morgenimpuls",
        ),
    ]
    event.save_revision().publish()
    session = Session.objects.get(page=event)
    days = sorted(vevents(client, event.url + "calendar.ics"), key=lambda e: e.start)
    assert [(e.start, e.end) for e in days] == [
        (local(datetime(2027, 6, 8, 9, 30)), local(datetime(2027, 6, 8, 16, 30))),
        (local(datetime(2027, 6, 9, 9)), local(datetime(2027, 6, 9, 13))),
    ]
    assert str(days[0]["UID"]) == session.uid and str(days[1]["UID"]) != session.uid
    # The calendar feed writes the same two entries, with the same UIDs.
    feed = {str(e["UID"]) for e in vevents(client, "/de/kalender/feed.ics")}
    assert feed == {str(e["UID"]) for e in days}


def test_the_add_to_calendar_file_of_a_conference_is_its_day_only(client, demo):
    german, english = conference_pages(demo)
    for page in (german, english):
        (day,) = vevents(client, page.url + "calendar.ics")
        assert day["URL"].endswith(page.url)
        assert german.place.city in str(day["LOCATION"])
        assert day.start == german.start and day.end == german.end


@pytest.mark.parametrize(
    "query",
    [
        "topic=<script>",
        "district=kassel%20mitte",
        "audience=aliens",
        "language=Deutsch!",
        "topics=bindung",
        "topic=bindung&topic=familie",
    ],
)
def test_a_malformed_filter_is_refused_with_a_reason(client, calendar_site, query):
    tuesday_course_2027(calendar_site)
    response = client.get("/de/kalender/feed.ics?" + query)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Filter" in text  # in the feed's language (German here)
    assert "BEGIN:VCALENDAR" not in text


@pytest.mark.parametrize(
    "query", ["topic=geloeschtes-thema", "district=nirgendwo", "programme=alt", "language=xx"]
)
def test_a_filter_for_something_that_no_longer_exists_gives_an_empty_calendar(
    client, calendar_site, query
):
    course = tuesday_course_2027(calendar_site)
    response = client.get("/de/kalender/feed.ics?" + query)
    calendar = parse(response)
    assert calendar.walk("VEVENT") == []
    # The calendar page itself still shows everything, and says which filter it left out.
    html = client.get("/de/kalender/?" + query).content.decode()
    value = query.split("=", 1)[1]
    assert f"„{value}“" in html or f"“{value}”" in html
    assert course.title in html


def test_the_feed_carries_its_name_as_rfc_7986_says(client, calendar_site):
    tuesday_course_2027(calendar_site)
    calendar = parse(client.get("/de/kalender/feed.ics?topic=bindung"))
    assert str(calendar["NAME"]) == str(calendar["X-WR-CALNAME"])
    assert calendar["NAME"].params["LANGUAGE"] == "de"


def test_a_translated_conference_page_shows_the_german_times(client, demo):
    german, english = conference_pages(demo)
    item = german.agenda_items.order_by("starts_at").last()
    item.starts_at += timedelta(minutes=30)
    item.save()
    german.save_revision().publish()
    moved = item.starts_at.astimezone(local(datetime(2027, 1, 1)).tzinfo).isoformat()
    assert f'datetime="{moved}"' in client.get(english.url).content.decode()


def test_an_item_added_after_translating_shows_in_german_in_every_language(client, demo):
    german, english = conference_pages(demo)
    last = german.agenda_items.order_by("starts_at").last()
    german.agenda_items.create(
        starts_at=last.starts_at + timedelta(hours=1), title="Ausklang im Foyer"
    )
    german.save_revision().publish()
    html = client.get(english.url).content.decode()
    assert '<td lang="de"><strong>Ausklang im Foyer</strong>' in html
    raw = client.get(english.url + "timetable.ics").content.decode()
    assert "SUMMARY;LANGUAGE=de:Ausklang im Foyer" in raw
