"""A family on the Turkish site looks for help: filters, opens a programme; axe finds nothing."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from .test_accessibility import WCAG_21_AA, describe


def test_turkish_visitor_filters_by_topic_and_district_and_opens_a_programme(page, site_url):
    page.goto(f"{site_url}/tr/destek/")
    expect(page.locator("html")).to_have_attribute("lang", "tr")
    cards = page.locator(".card")
    expect(cards).to_have_count(4)

    # Labels and options are Turkish; so is the Kassel programme (a demo translation).
    with translation.override("tr"):
        topic_label, where_label = gettext("Topic"), gettext("Where")
        show = gettext("Show offers")
    assert topic_label != "Topic"
    page.get_by_label(topic_label, exact=True).select_option(label="Bağlanma ve ilişki")
    page.get_by_label(where_label, exact=True).select_option(label="Kassel")
    page.get_by_role("button", name=show).click()

    expect(page).to_have_url(re.compile(r"topic=bindung"))
    expect(page).to_have_url(re.compile(r"district=kassel"))
    expect(cards).to_have_count(1)
    card = cards.first
    expect(card.locator(".badge--language")).to_have_count(0)
    expect(card.locator(".card__title")).not_to_have_attribute("lang", "de")

    # The back button returns to the unfiltered list: the filters live in the URL.
    card.locator(".card__link").click()
    expect(page.locator("h1")).to_have_text("Kassel'de tek ebeveynli aileler için önleme ve destek")
    page.go_back()
    expect(cards).to_have_count(1)
    expect(page.get_by_label(topic_label, exact=True)).to_have_value("bindung")


def test_filters_work_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site_url}/en/offers/")
        page.get_by_label("Age of the child").select_option("pregnancy")
        page.get_by_role("button", name="Show offers").click()
        expect(page.locator(".card")).to_have_count(1)
        expect(page.locator("#results-heading")).to_have_text("1 offer")
    finally:
        context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/tr/destek/",
        "/ar/al-daam/?topic=gesundheit",
        "/de/angebote/alleinerziehende-in-kassel/",
        "/ar/al-daam/?topic=zusammenarbeit&age=0-1",
    ],
)
def test_finder_and_programme_pages_have_no_wcag_violations(page, site_url, path):
    page.goto(f"{site_url}{path}")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    assert results.response["violations"] == [], describe(results.response["violations"])
