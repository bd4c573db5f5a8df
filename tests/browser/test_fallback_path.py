"""A Turkish and an Arabic parent on a phone, from the home page to a confirmed registration:
every page in their language's frame, the German words marked, nothing wider than the
screen, no accessibility violation."""

import re
from contextlib import contextmanager

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from events.models import CoursePage
from registrations.models import Registration

from .test_registration import assert_accessible

LANGUAGES = 6  # de, de-x-ls, en, tr, ar, uk


def say(language, text):
    with translation.override(language):
        return gettext(text)


def check_page(page, language, direction):
    """What every page on the way must be: in the visitor's language and direction, with
    the complete language menu, fitting the phone, accessible."""
    assert page.url.split("/", 4)[3] == language, page.url
    html = page.locator("html")
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("dir", direction)
    expect(page.locator(".language-menu__link")).to_have_count(LANGUAGES)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at 390px"
    assert_accessible(page)


def check_german_inside(page, language):
    """A page not translated yet: its heading is German and marked so, with the notice in
    the visitor's language."""
    expect(page.locator("main h1")).to_have_attribute("lang", "de")
    expect(page.locator("main h1")).to_have_attribute("dir", "ltr")
    notice = say(language, "This page is not yet available in your language. Here it is in German.")
    expect(page.locator(".fallback-notice")).to_contain_text(notice)


@contextmanager
def finder_on_a_phone(browser, site_url, language, direction):
    """A phone in ``language`` that opened the home page and followed it to the finder."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale=language)
    page = context.new_page()
    try:
        page.goto(f"{site_url}/{language}/")
        check_page(page, language, direction)
        page.get_by_role("link", name=say(language, "Find more offers")).click()
        check_page(page, language, direction)  # the finder
        yield page
    finally:
        context.close()


def register(page, language, choices):
    """Fill in the registration form as a visitor does and send it."""
    form = page.locator("#registration")
    for name in choices:
        form.locator(f'input[name="{name}"]').first.check()
    form.get_by_label(say(language, "Your name")).fill("Ayşe Yılmaz")
    form.get_by_label(say(language, "Your e-mail address")).fill("ayse@example.org")
    form.locator('input[name="consent"]').check()
    page.wait_for_timeout(3200)  # people take longer than the minimum fill time
    form.get_by_role("button", name=say(language, "Register")).click()
    expect(page.locator("h1")).to_have_text(say(language, "Please check your e-mail"))


def confirm(page, site_url, language, direction):
    """Open the link of the confirmation e-mail and confirm; the registration."""
    registration = Registration.objects.get(email="ayse@example.org")
    assert registration.language == language
    (message,) = [m for m in mail.outbox if m.to == ["ayse@example.org"]]
    link = re.search(rf"https?://[^\s]+(/{language}/registration/confirm/[^\s]+/)", message.body)
    page.goto(site_url + link.group(1))
    check_page(page, language, direction)
    page.get_by_role("button", name=say(language, "Confirm my registration")).click()
    expect(page.locator("h1")).to_have_text(say(language, "Registration confirmed"))
    check_page(page, language, direction)
    registration.refresh_from_db()
    assert registration.is_confirmed and registration.status == "booked"
    return message


PHONES = [("tr", "ltr"), ("ar", "rtl")]


@pytest.mark.parametrize("language,direction", PHONES)
def test_home_to_a_confirmed_registration_through_pages_not_translated_yet(
    browser, site_url, settings, language, direction
):
    """The quality circles and their jubilee conference exist in German only."""
    settings.WAGTAILADMIN_BASE_URL = site_url
    settings.RATELIMIT_ENABLE = False
    with finder_on_a_phone(browser, site_url, language, direction) as page:
        page.locator('.card__link[href*="interprofessionelle-qualitaetszirkel"]').click()
        check_page(page, language, direction)  # the programme, in German so far
        check_german_inside(page, language)

        page.get_by_role("link", name=re.compile("^Jubiläumstagung")).first.click()
        check_page(page, language, direction)  # the conference, in German so far
        check_german_inside(page, language)

        register(page, language, ["forum_1", "forum_2"])
        check_page(page, language, direction)
        confirm(page, site_url, language, direction)
        expect(page.locator("main bdi[lang='de']").first).to_contain_text("Jubiläumstagung")


@pytest.mark.parametrize("language,direction", PHONES)
def test_home_to_a_confirmed_registration_through_translated_pages(
    browser, site_url, settings, language, direction
):
    """The Kassel programme and its wir2 course are translated (the demo's translations)."""
    settings.WAGTAILADMIN_BASE_URL = site_url
    settings.RATELIMIT_ENABLE = False
    course = CoursePage.objects.get(
        slug="wir2-bindungstraining-kassel", locale__language_code=language
    )
    with finder_on_a_phone(browser, site_url, language, direction) as page:
        page.locator('.card__link[href*="alleinerziehende-in-kassel"]').click()
        check_page(page, language, direction)
        check_translated(page)

        page.get_by_role("link", name=course.title).first.click()
        check_page(page, language, direction)
        check_translated(page)
        expect(page.locator("main h1")).to_have_text(course.title)

        register(page, language, ["group"])
        check_page(page, language, direction)
        message = confirm(page, site_url, language, direction)
        assert course.title in message.body
        expect(page.locator("main")).to_contain_text(course.title)


def check_translated(page):
    expect(page.locator("main h1")).not_to_have_attribute("lang", "de")
    expect(page.locator(".fallback-notice")).to_have_count(0)


@pytest.mark.parametrize("language,direction", [("en", "ltr")])
def test_the_same_path_through_translated_pages_has_no_german_marks(
    browser, site_url, language, direction
):
    with finder_on_a_phone(browser, site_url, language, direction) as page:
        page.locator('.card__link[href*="single-parents-kassel"]').click()
        check_page(page, language, direction)
        check_translated(page)
        page.get_by_role("link", name=re.compile("^wir2")).first.click()
        check_page(page, language, direction)
        check_translated(page)
        expect(page.locator("#registration")).to_be_visible()
