"""On a phone the essentials come first: a programme's facts right after its teaser, a
course's next dates and then its registration form, not every date of the year."""

import pytest
from playwright.sync_api import expect

from .test_registration import assert_accessible

PROGRAMME = "/ar/al-daam/alleinerziehende-in-kassel/"
COURSE = "/de/kalender/wir2-bindungstraining-kassel/"


def box(page, selector):
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_programmes_facts_follow_its_teaser_on_a_phone_and_stand_beside_it_on_a_screen(
    browser, site_url, width
):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="ar")
    page = context.new_page()
    try:
        page.goto(site_url + PROGRAMME)
        facts, text = box(page, ".programme__facts"), box(page, ".programme__main")
        if width < 600:
            assert facts["y"] + facts["height"] <= text["y"] + 1  # above the long text
        else:
            assert abs(facts["y"] - text["y"]) < 2  # side by side
            assert facts["x"] + facts["width"] <= text["x"] + 1  # right to left: on the left
        assert_accessible(page)
    finally:
        context.close()


def test_a_course_shows_five_dates_then_the_form_and_the_rest_on_request(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="de")
    page = context.new_page()
    try:
        page.goto(site_url + COURSE)
        dates = page.locator("#sessions-heading + ul .entry")
        expect(dates).to_have_count(5)
        later = page.locator(".sessions__more .entry")
        expect(later.first).to_be_hidden()
        form = box(page, "#registration")
        summary = box(page, ".sessions__more > summary")
        assert summary["y"] < form["y"] < 2600, (summary, form)  # was over 3,000 px down
        page.get_by_text("Alle 40 Termine anzeigen").click()
        expect(later.first).to_be_visible()
        expect(later).to_have_count(35)
        assert_accessible(page)
    finally:
        context.close()
