"""A journalist opens the English press index, filters by year, opens a release and finds
the press contact; axe finds nothing on index and release."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .test_accessibility import WCAG_21_AA, describe


def test_journalist_filters_by_year_and_finds_the_press_contact(page, site_url):
    page.goto(f"{site_url}/en/press/")
    expect(page.locator(".entry__title")).to_have_count(4)
    page.get_by_label("Year").select_option("2019")
    page.get_by_role("button", name="Show press releases").click()
    expect(page.locator(".entry__title")).to_have_count(1)
    page.locator(".entry__title a").click()
    expect(page.locator("h1")).to_contain_text("Conference in Bad Nauheim")
    contact = page.locator(".programme__facts")
    expect(contact.get_by_role("heading", name="Press contact")).to_be_visible()
    expect(contact).to_contain_text("Alice Engel")
    # The address is assembled for people, not for harvesters.
    mail_link = contact.locator("a[href^='mailto:'], a[href^='&#']").first
    expect(mail_link).to_contain_text("presse@hsm.hessen.de")


@pytest.mark.parametrize(
    "path", ["/en/press/", "/en/press/?year=2019", "/en/press/conference-hesse-2019/", "/ar/"]
)
def test_press_pages_have_no_wcag_violations(page, site_url, path):
    page.goto(f"{site_url}{path}")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    assert results.response["violations"] == [], describe(results.response["violations"])
