"""After the conference, an Arabic-speaking participant gives feedback on her phone.

She opens her personal page (the link of her e-mails), follows its invitation to the survey,
rates the event and one forum by tapping the labels, leaves a comment, and sends it: the
page reads right to left, fits the phone, axe finds no WCAG 2.1 A/AA violation, and what is
stored names nobody.
"""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Session
from feedback.models import Answer, Response
from registrations.links import personal_url

from .booking import book_jubilee

PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "ar", "is_mobile": True}


@pytest.fixture
def participant(site_url):
    page, registration = book_jubilee(
        language="ar", name="فاطمة الزهراء", email="fatima@example.org"
    )
    # The conference took place this morning.
    start = timezone.now() - timedelta(hours=8)
    Session.objects.filter(page_id=page.pk).update(
        starts_at=start, ends_at=start + timedelta(hours=6)
    )
    return registration


def test_an_arabic_participant_gives_feedback_on_her_phone(browser, site_url, participant):
    context = browser.new_context(**PHONE)
    phone = context.new_page()
    phone.set_default_timeout(15_000)
    try:
        phone.goto(site_url + personal_url(participant, "registration_manage"))
        phone.get_by_role("link", name="قدّموا ملاحظاتكم").click()

        expect(phone.locator("html")).to_have_attribute("dir", "rtl")
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        results = Axe().run(phone)
        assert results.violations_count == 0, results.generate_report()

        # Tapping the label (the number and its meaning) chooses the rating.
        phone.locator("fieldset").nth(0).locator('label:has(input[value="4"])').click()
        phone.locator("fieldset").nth(1).locator('label:has(input[value="5"])').click()
        phone.locator("textarea").first.fill("كان اليوم مفيدًا جدًا، شكرًا")
        phone.get_by_role("button", name="إرسال ملاحظاتي").click()

        expect(phone.locator("h1")).to_contain_text("شكرًا")
        assert Response.objects.filter(registration=participant).count() == 1
        stored = sorted(Answer.objects.values_list("rating", "comment", "language"))
        assert stored == [(4, "كان اليوم مفيدًا جدًا، شكرًا", "ar"), (5, "", "ar")]
    finally:
        context.close()
