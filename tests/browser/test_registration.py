"""A professional registers on the English page of the jubilee conference, choosing one forum
per round; confirms through the e-mail link; cancels through the personal link (asked
first), and the freed forum place goes to the person waiting for it; a full forum is chosen
with a second choice. axe finds nothing on the form, its errors and the confirmation page."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from events.models import EventPage, Forum
from registrations import services
from registrations.models import Registration

from .test_accessibility import WCAG_21_AA, describe

PAGE = "/en/calendar/jubilee-conference-quality-circles/"


def assert_accessible(page):
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    assert results.response["violations"] == [], describe(results.response["violations"])


def fill_forum(title, count, prefix="person"):
    """``count`` confirmed registrations in the German forum ``title`` (and round 2's first)."""
    conference = EventPage.objects.get(
        slug="jubilaeumstagung-qualitaetszirkel", locale__language_code="de"
    )
    forum = Forum.objects.get(page_id=conference.pk, title=title)
    other = Forum.objects.filter(page_id=conference.pk, round_number=2).order_by("sort_order")[0]
    people = []
    for number in range(count):
        registration, _ = services.register(
            conference,
            details={"name": f"Person {number}", "email": f"{prefix}{number}@example.org"},
            forums={1: forum, 2: other},
            language="de",
            consent_text=conference.consent_text,
        )
        people.append(services.confirm_email(registration))
    return people


def fill_in_jamie(form):
    """A professional's answers: "Learning from a case" first in round 1, and the rest."""
    first_round = form.get_by_role("group", name=re.compile("^First round"))
    first_round.get_by_label(re.compile("^Learning from a case")).check()
    form.get_by_label(re.compile("^Circles in other federal states")).check()
    form.get_by_label("Your name").fill("Jamie Example")
    form.get_by_label("Your e-mail address").fill("jamie@example.org")
    form.get_by_label("Organisation").fill("Youth office Kassel")
    form.get_by_label("I agree.").check()


def link_in(message, kind):
    return re.search(rf"https?://[^\s]+(/en/registration/{kind}/[^\s]+/)", message.body).group(1)


def test_register_confirm_cancel_and_the_waiting_list_moves_up(page, site_url, settings):
    settings.WAGTAILADMIN_BASE_URL = site_url
    fill_forum("Am Fallbeispiel lernen", 3)  # 4 places: one left

    page.goto(f"{site_url}{PAGE}")
    form = page.locator("#registration")
    expect(form.get_by_text("Learning from a case – 1 place left")).to_be_visible()
    assert_accessible(page)

    # Sending the empty form shows every problem, in English, and stores nothing.
    page.wait_for_timeout(3200)  # people take longer than the minimum fill time
    form.get_by_role("button", name="Register").click()
    expect(page.locator(".field-error").first).to_be_visible()
    expect(page.get_by_text("Please choose one forum in this round.").first).to_be_visible()
    assert Registration.objects.count() == 3
    assert_accessible(page)

    form = page.locator("#registration")
    fill_in_jamie(form)
    page.wait_for_timeout(3200)
    form.get_by_role("button", name="Register").click()
    expect(page.locator("h1")).to_have_text("Please check your e-mail")

    # Someone else now finds the forum full: a place at the event, waiting for the forum.
    (waiting,) = fill_forum("Am Fallbeispiel lernen", 1, prefix="late")
    assert waiting.is_confirmed and waiting.status == "booked"
    assert waiting.choices.get(round_number=1).seat is None

    message = next(m for m in mail.outbox if m.to == ["jamie@example.org"])
    assert "Please confirm" in message.subject
    page.goto(site_url + link_in(message, "confirm"))
    assert_accessible(page)
    page.get_by_role("button", name="Confirm my registration").click()
    expect(page.get_by_text("your place is confirmed")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Registration confirmed")
    assert_accessible(page)
    jamie = Registration.objects.get(email="jamie@example.org")
    assert jamie.status == "booked" and jamie.is_confirmed and jamie.language == "en"

    booked = [m for m in mail.outbox if m.to == ["jamie@example.org"]][-1]
    assert booked.attachments and booked.attachments[0][2] == "text/calendar"
    page.goto(site_url + link_in(booked, "manage"))
    expect(page.get_by_role("listitem").filter(has_text="Learning from a case")).to_be_visible()
    page.get_by_role("button", name="Cancel my registration").click()
    # Asked first, on a page of its own whose heading is the question.
    expect(page.locator("h1")).to_have_text("Cancel your registration?")
    assert_accessible(page)
    assert Registration.objects.get(email="jamie@example.org").status == "booked"
    page.get_by_role("button", name="Yes, cancel my registration").click()
    expect(page.get_by_text("Your registration is cancelled.")).to_be_visible()

    assert Registration.objects.get(email="jamie@example.org").status == "cancelled"
    # The freed place in the forum goes to the person waiting for it, with an e-mail.
    assert waiting.choices.get(round_number=1).seat.title == "Am Fallbeispiel lernen"
    with translation.override(waiting.language):
        moved_up = gettext("A place in the forum you chose: %(title)s").split("%")[0]
    assert any(m.to == [waiting.email] and m.subject.startswith(moved_up) for m in mail.outbox)


def test_a_full_forum_is_shown_full_and_taken_with_a_second_choice(page, site_url, settings):
    """One full forum no longer sends the whole registration to the waiting list: the person
    chooses it first, gives a second choice, gets a place at the event and in the second
    forum, and reads on their page that they wait for the first."""
    settings.WAGTAILADMIN_BASE_URL = site_url
    fill_forum("Am Fallbeispiel lernen", 4)  # 4 places: full
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(f"{site_url}{PAGE}")
    form = page.locator("#registration")
    expect(form.get_by_text("Learning from a case – full: give a second choice")).to_be_visible()
    fill_in_jamie(form)
    page.wait_for_timeout(3200)
    form.get_by_role("button", name="Register").click()
    # Alone, the full forum is refused with the reason, at the round, and nothing is stored.
    error = page.get_by_text("This forum is full: please choose a second forum in this round too.")
    expect(error).to_be_visible()
    assert not Registration.objects.filter(email="jamie@example.org").exists()
    assert_accessible(page)
    first_round = page.locator("#registration").get_by_role(
        "group", name=re.compile("^First round")
    )
    first_round.get_by_label("Second choice", exact=True).select_option(
        label="Involving practice teams"
    )
    page.wait_for_timeout(3200)
    page.locator("#registration").get_by_role("button", name="Register").click()
    expect(page.locator("h1")).to_have_text("Please check your e-mail")
    jamie = Registration.objects.get(email="jamie@example.org")
    assert jamie.status == "booked"
    choice = jamie.choices.get(round_number=1)
    assert (choice.forum_title, choice.seat.title) == (
        "Am Fallbeispiel lernen",
        "Praxisteams einbinden",
    )

    services.confirm_email(jamie)
    message = next(m for m in mail.outbox if m.to == ["jamie@example.org"])
    page.goto(site_url + link_in(message, "confirm").replace("/confirm/", "/manage/"))
    expect(
        page.get_by_role("listitem").filter(
            has_text="Involving practice teams (waiting for a place in Learning from a case)"
        )
    ).to_be_visible()
    assert_accessible(page)


def test_a_form_sent_too_fast_comes_back_with_everything_typed(page, site_url):
    page.goto(f"{site_url}{PAGE}")
    form = page.locator("#registration")
    fill_in_jamie(form)
    form.get_by_role("button", name="Register").click()  # within the minimum fill time
    expect(page.get_by_role("alert")).to_contain_text("That was very fast")
    form = page.locator("#registration")
    expect(form.get_by_label("Your name")).to_have_value("Jamie Example")
    expect(form.get_by_label("Your e-mail address")).to_have_value("jamie@example.org")
    expect(form.get_by_label("Organisation")).to_have_value("Youth office Kassel")
    expect(form.get_by_label("I agree.")).to_be_checked()
    expect(form.get_by_label(re.compile("^Learning from a case"))).to_be_checked()
    assert_accessible(page)
    assert Registration.objects.count() == 0
    page.wait_for_timeout(3200)
    form.get_by_role("button", name="Register").click()  # the same, once more: taken
    expect(page.locator("h1")).to_have_text("Please check your e-mail")
    assert Registration.objects.filter(email="jamie@example.org").count() == 1


def test_contact_form_and_its_errors_are_accessible(page, site_url):
    page.goto(f"{site_url}/en/contact/")
    assert_accessible(page)
    page.wait_for_timeout(3200)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Please check the marked fields.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your name").fill("Jamie")
    page.get_by_label("Your e-mail address").fill("jamie@example.org")
    page.get_by_label("Your message").fill("Is the course also held in English?")
    page.wait_for_timeout(3200)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Thank you for your message.")).to_be_visible()


@pytest.mark.parametrize(
    ("language", "heading", "save", "done"),
    [
        ("tr", "Grubunuzu değiştirin", "Değişikliği kaydet", "Grubunuz değiştirildi."),
        ("ar", "غيّروا مجموعتكم", None, "تم تغيير مجموعتكم."),
    ],
)
def test_a_parent_changes_the_course_group_on_a_phone(
    browser, site_url, settings, language, heading, save, done
):
    """A parent who registered in Turkish or Arabic for wir2 in Rothenditmold moves to the
    group in Wehlheiden from their personal page: in their language, fitting a phone,
    accessible, and the new group's dates follow by e-mail."""
    from events.models import CoursePage
    from registrations.links import personal_url

    settings.WAGTAILADMIN_BASE_URL = site_url
    course = CoursePage.objects.get(slug="wir2-bindungstraining-kassel", locale__language_code="de")
    wehlheiden, rothenditmold = course.schedules.order_by("sort_order", "pk")[:2]
    parent, _ = services.register(
        course,
        details={"name": "Ayşe Yılmaz", "email": "ayse@example.org"},
        forums={},
        language=language,
        consent_text=course.consent_text,
        group=rothenditmold,
    )
    services.confirm_email(parent)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale=language)
    page = context.new_page()
    try:
        page.goto(site_url + personal_url(parent, "registration_manage"))
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
        assert_accessible(page)
        group = page.get_by_role("group").filter(has=page.locator('input[name="group"]'))
        group.get_by_label(re.compile("Wehlheiden")).check()
        with translation.override(language):
            save = save or gettext("Save the change")
        group.locator("xpath=..").get_by_role("button", name=save).click()
        expect(page.get_by_role("status")).to_have_text(done)
        assert_accessible(page)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"the personal page scrolls sideways by {overflow}px at 390px"
    finally:
        context.close()
    parent.refresh_from_db()
    assert parent.group_key == wehlheiden.key and parent.status == "booked"
    with translation.override(language):
        changed = gettext("Your group is changed: %(title)s").split("%")[0]
    message = [m for m in mail.outbox if m.to == ["ayse@example.org"]][-1]
    assert message.subject.startswith(changed)
    assert message.attachments[0][2] == "text/calendar"
