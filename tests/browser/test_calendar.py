"""A visitor on the English calendar filters by topic, opens a course, sees the cancelled
session and takes its dates home as .ics; axe finds nothing on calendar, event and course."""

import re
from pathlib import Path

import icalendar
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .test_accessibility import WCAG_21_AA, describe


def test_visitor_filters_opens_a_course_and_downloads_its_dates(page, site_url):
    page.goto(f"{site_url}/en/calendar/")
    expect(page.locator("h1")).to_have_text("Calendar")
    page.get_by_label("Topic", exact=True).select_option(label="Attachment and bonding")
    page.get_by_role("button", name="Show dates").click()
    expect(page).to_have_url(re.compile(r"topic=bindung"))
    titles = page.locator(".entry__title")
    expect(titles.first).to_have_text("wir2 – attachment training for single parents in Kassel")
    assert set(titles.all_inner_texts()) == {
        "wir2 – attachment training for single parents in Kassel"
    }

    titles.first.get_by_role("link").click()
    expect(page.locator("h1")).to_have_text(
        "wir2 – attachment training for single parents in Kassel"
    )
    cancelled = page.locator(".entry--cancelled")
    expect(cancelled).to_have_count(1)
    expect(cancelled.locator(".badge--cancelled")).to_have_text("Cancelled")
    expect(cancelled).to_contain_text("Holidays: the family centre is closed.")
    decoration = cancelled.locator("del").evaluate("el => getComputedStyle(el).textDecorationLine")
    assert "line-through" in decoration

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download all dates (.ics)").click()
    path = download_info.value.path()
    calendar = icalendar.Calendar.from_ical(Path(path).read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == page.locator(".sessions .entry").count() == 40
    assert [str(e["STATUS"]) for e in events].count("CANCELLED") == 1


def test_month_view_works_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site_url}/en/calendar/")
        page.get_by_role("link", name="Month").click()
        expect(page.locator(".month__grid")).to_be_visible()
        page.get_by_role("link", name="Next month").click()
        expect(page).to_have_url(re.compile(r"view=month&month=\d{4}-\d{2}"))
        expect(page.locator(".month__grid")).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/en/calendar/",
        "/en/calendar/?view=month",
        "/ar/taqwim/",
        "/en/calendar/archive/",
        "/en/calendar/early-help-conference-hesse-2019/",
        "/en/calendar/wir2-attachment-training-kassel/",
        "/de/kalender/jubilaeumstagung-qualitaetszirkel/",
    ],
)
def test_calendar_event_and_course_pages_have_no_wcag_violations(page, site_url, path):
    page.goto(f"{site_url}{path}")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    assert results.response["violations"] == [], describe(results.response["violations"])
