"""The dashboard in a real browser, as a member of "Redaktion" sees it in the German admin:
the portal's panels are there, nothing runs wider than the window at 1280 and 1024 px (nor
on a phone), and axe-core finds no WCAG 2.1 A/AA violation."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from editorial.groups import EDITORS
from events.models import CalendarPage
from registrations.models import ConsentVersion, Registration

from .test_accessibility import WCAG_21_AA, describe
from .test_admin_language import german_session

PANELS = [
    "#portal-upcoming-section",
    "#portal-chart-section",
    "#portal-reviews-section",
    "#portal-outdated-section",
    "#portal-stale-section",
]


@pytest.fixture
def registrations(site_url):
    """A few registrations for the demo's next event taking them, over the last weeks."""
    page = (
        CalendarPage.objects.filter(
            locale__language_code="de", registration_enabled=True, live=True
        )
        .filter(sessions__ends_at__gte=timezone.now())
        .order_by("sessions__starts_at")
        .first()
    )
    consent = ConsentVersion.for_text("Ich bin einverstanden.")
    for number in range(5):
        registration = Registration.objects.create(
            page=page,
            status=Registration.Status.BOOKED if number < 4 else Registration.Status.WAITING,
            name=f"Person {number}",
            email=f"person-{number}@example.org",
            language="de",
            consent=consent,
            email_confirmed_at=timezone.now(),
        )
        Registration.objects.filter(pk=registration.pk).update(
            created_at=timezone.now() - timedelta(days=7 * number + 1)
        )
    return page


@pytest.mark.parametrize("width", [1280, 1024, 390])
def test_dashboard_for_the_redaktion(browser, site_url, registrations, width):
    context, page = german_session(browser, site_url, f"redaktion-{width}", EDITORS)
    try:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{site_url}/admin/")
        page.wait_for_load_state("networkidle")
        expect(page.locator("html")).to_have_attribute("lang", "de")
        for selector in PANELS:
            expect(page.locator(selector)).to_be_visible()
        expect(page.locator("#portal-upcoming-section")).to_contain_text(registrations.title)
        expect(page.locator("#portal-chart-section svg[role=img]")).to_be_visible()

        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{overflow} px wider than the window at {width} px"

        page.locator("#portal-chart-section summary").click()
        expect(page.locator("#portal-chart-section details table")).to_be_visible()
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        violations = results.response["violations"]
        assert violations == [], describe(violations)
    finally:
        context.close()
