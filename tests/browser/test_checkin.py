"""The check-in at the door on a phone, as the organisers use it.

A participant's QR code (the one their booking e-mail carries) is held in front of the
organiser's phone camera (Chromium's fake camera films the picture): the door page reads it
and checks the person in; a second device at the door sees the figure change; a second scan
is refused kindly with the time of the first. axe finds no WCAG 2.1 A/AA violation.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from editorial.groups import ORGANISERS
from registrations.models import Attendance
from registrations.passes import pass_code, qr_png

from .booking import book_jubilee
from .camera import film
from .layout import sticking_out

PASSWORD = "Einlass-im-Test-2026"
PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "de-DE", "is_mobile": True}


@pytest.fixture
def participant(site_url):
    return book_jubilee(
        language="tr",
        name="Şükrü Yılmaz-Öztürk",
        email="suekrue@example.org",
        organisation="Kinderarztpraxis Wehlheiden",
    )


def login(camera_or_browser, site_url, username):
    context = camera_or_browser.new_context(**PHONE)
    context.grant_permissions(["camera"], origin=site_url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{site_url}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator("#id_username")).to_have_count(0)
    return context, page


def test_an_organiser_scans_a_code_and_a_second_device_sees_it(
    camera, browser, site_url, participant
):
    event, registration = participant
    user = get_user_model().objects.create_user("einlass", "einlass@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=ORGANISERS))
    film(camera.path, qr_png(pass_code(registration)))

    door_context, door = login(camera, site_url, "einlass")
    other_context, other = login(browser, site_url, "einlass")
    try:
        other.goto(f"{site_url}/admin/check-in/{event.pk}/")
        figures = other.locator("[data-checkin-figures]")
        expect(figures).to_contain_text("0 von 1 eingetroffen")

        door.goto(f"{site_url}/admin/check-in/")
        door.get_by_role("link", name=event.title, exact=True).click()
        expect(door.get_by_role("button", name="Kamera starten")).to_be_visible()
        assert door.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        door.get_by_text("Nachmeldung am Einlass").click()  # open the walk-in form too
        assert sticking_out(door, "[data-checkin-door]") == []
        results = Axe().run(door)
        assert results.violations_count == 0, results.generate_report()

        door.get_by_role("button", name="Kamera starten").click()
        result = door.locator("[data-checkin-result]")
        expect(result).to_contain_text("Eingecheckt um", timeout=20_000)
        expect(result).to_contain_text("Şükrü Yılmaz-Öztürk")
        expect(result).to_contain_text("Kinderarztpraxis Wehlheiden")
        expect(result).to_contain_text("Durchlauf 1:")
        assert Attendance.objects.filter(registration=registration).count() == 1

        # The second device at the door sees the arrival without reloading.
        expect(figures).to_contain_text("1 von 1 eingetroffen", timeout=15_000)
        # Scanning the same code again there: refused kindly, with the time of the first.
        other.goto(f"{site_url}/admin/check-in/{event.pk}/?q=Yılmaz")
        expect(other.get_by_text("Schon eingecheckt um")).to_be_visible()
        answer = other.request.post(
            f"{site_url}/admin/check-in/{event.pk}/scan/",
            form={"code": pass_code(registration)},
            headers={
                "X-CSRFToken": next(
                    c["value"] for c in other_context.cookies() if c["name"] == "csrftoken"
                )
            },
        ).json()
        assert answer["state"] == "already" and "Schon eingecheckt um" in answer["html"]
        assert Attendance.objects.filter(registration=registration).count() == 1
    finally:
        door_context.close()
        other_context.close()
