"""The course editor's schedules in a real browser, as an editor of the Redaktion uses them.

At 1280 px and at a tablet's 1024 px (Wagtail's side panel open): nothing scrolls sideways
and no field of either schedule is cut off, the weekdays of a weekly rule are shown, and the
session preview lists the dates the rule will create. A course in Kassel (Hessen) on Mondays
and Fridays across Easter 2027 has Karfreitag and Ostermontag marked; one click enters
Karfreitag as a cancellation, which publishing then keeps.
"""

from datetime import date, time

import pytest
import recurrence
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from directory.models import Place
from editorial.groups import EDITORS
from events.models import CourseException, CoursePage, CourseSchedule, EventIndexPage, Session
from events.schedules import LOCAL_TZ

from .layout import sticking_out
from .test_editor_guide import publish

PASSWORD = "Terminreihe-im-Test-2026"

# Every field of the schedules is visible where it is: its centre is not covered or clipped.
UNCLIPPED = """(panel) => {
  const scroller = (element) => {
    for (let node = element.parentElement; node !== document.body; node = node.parentElement) {
      const overflow = getComputedStyle(node).overflowY;
      const scrolls = overflow === "auto" || overflow === "scroll";
      if (scrolls && node.scrollHeight > node.clientHeight) return node;
    }
    return document.scrollingElement;
  };
  return [...panel.querySelectorAll("input:not([type=hidden]), select")]
    .filter((field) => field.getClientRects().length)
    .filter((field) => {
      const box = scroller(field);
      const top = box.scrollTop + field.getBoundingClientRect().top - 300;
      box.scrollTo({top: top, behavior: "instant"});  // the admin scrolls smoothly
      const place = field.getBoundingClientRect();
      const x = place.left + place.width / 2;
      const hit = document.elementFromPoint(x, place.top + place.height / 2);
      return !(hit === field || field.contains(hit) || (hit && hit.control === field));
    })
    .map((field) => field.name);
}"""


def easter_course():
    index = EventIndexPage.objects.get(locale__language_code="de")
    wehlheiden = Place.objects.get(locale__language_code="de", name="Familienzentrum Wehlheiden")
    rothenditmold = Place.objects.get(
        locale__language_code="de", name="Familienzentrum Rothenditmold"
    )
    assert wehlheiden.district.state == "Hessen"
    course = CoursePage(
        title="Elternkurs über Ostern", slug="elternkurs-ostern", teaser="Ein Kurs."
    )
    course.schedules = [
        CourseSchedule(
            place=wehlheiden,
            first_date=date(2027, 3, 15),
            start_time=time(16),
            duration=90,
            recurrence=recurrence.Recurrence(
                rrules=[
                    recurrence.Rule(
                        recurrence.WEEKLY, count=8, byday=[recurrence.MO, recurrence.FR]
                    )
                ]
            ),
        ),
        CourseSchedule(
            place=rothenditmold,
            first_date=date(2027, 3, 18),
            start_time=time(9, 30),
            duration=90,
            recurrence=recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY, count=4)]),
        ),
    ]
    index.add_child(instance=course)
    course.save_revision().publish()
    return course


@pytest.fixture
def editor_page(browser, site_url):
    user = get_user_model().objects.create_user("terminreihe", "t@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=EDITORS))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{site_url}/admin/login/")
    page.locator("#id_username").fill("terminreihe")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("link", name="Seiten")).to_be_visible()
    yield page
    context.close()


def open_schedules(page, site_url, course):
    page.goto(f"{site_url}/admin/pages/{course.pk}/edit/")
    page.get_by_role("tab", name="Termine").click()
    return page.get_by_role("region", name="Terminreihen")


def test_the_schedules_fit_at_1280_and_1024_px_and_show_their_weekdays(editor_page, site_url):
    page, course = editor_page, easter_course()
    for width in (1280, 1024):
        page.set_viewport_size({"width": width, "height": 900})
        schedules = open_schedules(page, site_url, course)
        for number in (1, 2):
            expect(schedules.get_by_role("heading", name=f"Terminreihe {number}")).to_be_visible()
        # Nothing is wider than the window: not the page, and nothing of the form in the
        # admin's content area (which cuts off what sticks out at its side).
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ), f"the page scrolls sideways at {width} px"
        assert sticking_out(page, "[role=tabpanel]") == [], f"cut off at the side at {width} px"
        assert schedules.evaluate(UNCLIPPED) == [], f"fields cut off at {width} px"
        first = page.locator("[data-schedule-rule]").nth(0)
        second = page.locator("[data-schedule-rule]").nth(1)
        ticked = [
            label
            for label in ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag")
            if first.get_by_label(label, exact=True).is_checked()
        ]
        assert ticked == ["Montag", "Freitag"]
        # Saved without a weekday, the second schedule shows its first session's (Thursday).
        expect(second.get_by_label("Donnerstag", exact=True)).to_be_checked()
        expect(first.locator("[data-schedule-preview]")).to_contain_text("8 Termine")
        expect(second.locator("[data-schedule-preview]")).to_contain_text("4 Termine")


def test_the_preview_marks_easter_in_hessen_and_enters_karfreitag_as_cancelled(
    editor_page, site_url
):
    page, course = editor_page, easter_course()
    open_schedules(page, site_url, course)
    preview = page.locator("[data-schedule-rule]").nth(0).locator("[data-schedule-preview]")
    rows = preview.locator("tbody tr")
    expect(rows).to_have_count(8)
    expect(rows.nth(0)).to_contain_text("Montag, 15.03.2027")
    expect(rows.nth(3)).to_contain_text("Freitag, 26.03.2027")
    expect(rows.nth(3)).to_contain_text("Feiertag: Karfreitag")
    expect(rows.nth(4)).to_contain_text("Montag, 29.03.2027")
    expect(rows.nth(4)).to_contain_text("Feiertag: Ostermontag")
    expect(rows.nth(7)).to_contain_text("Freitag, 09.04.2027")

    # Keyboard: ticking Wednesday with the space bar adds Wednesdays to the preview.
    page.locator("[data-schedule-rule]").nth(0).get_by_label("Mittwoch", exact=True).focus()
    page.keyboard.press("Space")
    expect(rows.nth(1)).to_contain_text("Mittwoch, 17.03.2027")
    page.keyboard.press("Space")
    expect(rows.nth(1)).to_contain_text("Freitag, 19.03.2027")

    rows.nth(3).get_by_role("button", name="Als Ausfall eintragen").click()
    expect(rows.nth(3)).to_contain_text("Fällt aus (Ausnahme eingetragen)")
    exceptions = page.get_by_role("region", name="Ausgefallene und verlegte Termine")
    expect(exceptions.locator('[name="exceptions-0-date"]')).to_have_value("2027-03-26")
    expect(exceptions.locator('[name="exceptions-0-reason"]')).to_have_value(
        "Karfreitag, Oster-/Frühjahrsferien"
    )
    expect(exceptions.locator('[name="exceptions-0-action"]')).to_have_value("cancel")

    publish(page)
    expect(page.get_by_text("wurde veröffentlicht")).to_be_visible()
    exception = CourseException.objects.get(page=course)
    assert (exception.date, exception.action, exception.place.name) == (
        date(2027, 3, 26),
        "cancel",
        "Familienzentrum Wehlheiden",
    )
    cancelled = Session.objects.get(page=course, status=Session.Status.CANCELLED)
    assert cancelled.original_start.astimezone(LOCAL_TZ).date() == date(2027, 3, 26)
